//! What a finding points at: a table cell, a fee figure of part 六, a
//! narrative paragraph, a whole part or the signature date. Typed inside the
//! program (the rules make them, the editor goes to them, the importer's
//! doubts are matched on them); turned into the CONTRACT's strings only at the
//! edge, by `Display` (`check`, `check --json`).

use std::fmt;

use crate::model::Fee;
use crate::template::{CellKey, PARTS};

/// The signature date's name (CONTRACT.md §2).
const DATE: &str = "meta.date";

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Cell(CellKey),
    Fee(Fee),
    /// A narrative paragraph, by its name in [`crate::model::Report::narratives`].
    Paragraph(String),
    /// A whole part, 0-based (0 → 一), named when it says nothing (S1).
    Part(usize),
    /// 落款日期.
    Date,
}

impl Place {
    pub fn cell(&self) -> Option<CellKey> {
        match self {
            Place::Cell(k) => Some(*k),
            _ => None,
        }
    }

    /// The 0-based part the place is in; `None` before part 一 (the title,
    /// the preamble, the date).
    pub fn part(&self) -> Option<usize> {
        use crate::template::PartBody;
        match self {
            Place::Cell(k) => PARTS
                .iter()
                .position(|p| p.body == PartBody::TextAndTable(k.table())),
            Place::Fee(_) => Some(5),
            Place::Part(i) => Some(*i),
            Place::Paragraph(name) => {
                // Paragraph names begin with their part's heading numeral
                // (一、…); the preamble's (说明…) with none.
                let numeral = name.chars().next()?;
                PARTS.iter().position(|p| p.heading.starts_with(numeral))
            }
            Place::Date => None,
        }
    }
}

impl From<CellKey> for Place {
    fn from(k: CellKey) -> Place {
        Place::Cell(k)
    }
}

impl From<Fee> for Place {
    fn from(f: Fee) -> Place {
        Place::Fee(f)
    }
}

impl Place {
    /// The CONTRACT name: `t3.r01.natural`, `p6.fees.notices`, a paragraph's
    /// name, `part5`, `meta.date`.
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Place::Cell(k) => k.name().into(),
            Place::Fee(fee) => fee.name().into(),
            Place::Paragraph(name) => name.as_str().into(),
            Place::Part(i) => format!("part{}", i + 1).into(),
            Place::Date => DATE.into(),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// `check --json` prints a place by its name.
impl serde::Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A place compared with its CONTRACT name (what `check --json` prints).
impl PartialEq<&str> for Place {
    fn eq(&self, name: &&str) -> bool {
        self.name() == *name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::paragraph_names;
    use crate::template::{R01, T3_TOTAL_COL};

    #[test]
    fn places_print_their_contract_names_and_know_their_part() {
        let cell = Place::Cell(CellKey::T3 {
            row: R01,
            col: T3_TOTAL_COL,
        });
        assert_eq!(cell.to_string(), "t3.r01.total");
        assert!(cell == "t3.r01.total");
        assert_eq!(cell.part(), Some(2));
        assert_eq!(Place::Fee(Fee::Notices).to_string(), "p6.fees.notices");
        assert_eq!(Place::Part(4).to_string(), "part5");
        assert_eq!(Place::Date.to_string(), "meta.date");
        let p5 = Place::Paragraph(paragraph_names::PART5.into());
        assert_eq!(p5.part(), Some(4));
        let intro = Place::Paragraph(paragraph_names::PART1_INTRO.into());
        assert_eq!(intro.part(), Some(0));
        assert_eq!(
            Place::Paragraph(paragraph_names::PREAMBLE.into()).part(),
            None
        );
        assert_eq!(Place::Date.part(), None);
    }
}
