//! One number cell: what the clerk typed, or what a published report showed.
//!
//! A cell never "corrects" its input. Text that is not a valid value is kept
//! as typed ([`Cell::Invalid`]) so that nothing the user entered is lost; rule
//! B4 flags it.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::template::ValueKind;

/// A decimal with up to four places, kept with the number of places written
/// so that `117.30` is shown back as `117.30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decimal {
    /// The value times 10^scale.
    pub units: i64,
    /// Number of decimal places written (0..=4).
    pub scale: u8,
}

impl Decimal {
    pub fn from_int(v: i64) -> Self {
        Decimal { units: v, scale: 0 }
    }

    /// The value in units of 1/10000.
    pub fn ten_thousandths(self) -> i64 {
        // Scales above 4 never come from parsing; a hand-edited file is rejected on load.
        self.units
            .saturating_mul(10i64.pow(4u32.saturating_sub(self.scale as u32)))
    }

    /// Whether this decimal is one `parse` could have produced (scale 0..=4).
    pub fn is_well_formed(self) -> bool {
        self.scale <= 4
    }

    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    pub fn as_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    /// Parses `123`, `0.35`, `-1.5` (ASCII only; callers normalise first).
    pub fn parse(s: &str) -> Option<Decimal> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if frac.len() > 4 || int.len() > 14 || (body.contains('.') && frac.is_empty()) {
            return None;
        }
        // Digits only (checked above), at most 18 of them: no overflow.
        let units = int
            .bytes()
            .chain(frac.bytes())
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'));
        Some(Decimal {
            units: if neg { -units } else { units },
            scale: frac.len() as u8,
        })
    }

    /// Sum of two decimals, keeping the larger scale.
    pub fn plus(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        let a = self
            .units
            .saturating_mul(10i64.pow((scale - self.scale) as u32));
        let b = other
            .units
            .saturating_mul(10i64.pow((scale - other.scale) as u32));
        Decimal {
            units: a.saturating_add(b),
            scale,
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let p = 10i64.pow(self.scale as u32);
        let sign = if self.units < 0 { "-" } else { "" };
        let a = self.units.unsigned_abs();
        write!(
            f,
            "{sign}{}.{:0width$}",
            a / p as u64,
            a % p as u64,
            width = self.scale as usize
        )
    }
}

/// What one cell holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Cell {
    /// Nothing entered.
    #[default]
    Blank,
    /// Marked not applicable (`/`, `—`, `——`, `-`).
    Na,
    /// A whole number (negative numbers are kept and flagged by B4).
    Int(i64),
    /// A number with decimals (amounts; in a count cell, flagged by B4).
    Dec(Decimal),
    /// Text that is not a valid value, exactly as typed.
    Invalid(String),
}

/// Marks that published reports use for "not applicable".
pub const NA_MARKS: [&str; 8] = ["/", "／", "—", "——", "-", "－", "–", "--"];

impl Cell {
    /// Parses what a user typed or a report showed, for a cell of `kind`.
    ///
    /// Accepts half- and full-width digits, surrounding spaces and thousands
    /// separators. Anything else is kept verbatim as [`Cell::Invalid`].
    pub fn parse(text: &str, kind: ValueKind) -> Cell {
        let norm: String = normalize_number_text(text);
        if norm.is_empty() {
            return Cell::Blank;
        }
        if NA_MARKS.contains(&norm.as_str()) {
            return Cell::Na;
        }
        match Decimal::parse(&norm) {
            Some(d) if d.scale == 0 => Cell::Int(d.units),
            Some(d) if kind == ValueKind::Amount => Cell::Dec(d),
            _ => Cell::Invalid(text.trim().to_string()),
        }
    }

    /// The value as a number for sums: blank, `na` and invalid text count as 0.
    pub fn int_value(&self) -> i64 {
        match self {
            Cell::Int(v) => *v,
            _ => 0,
        }
    }

    /// The value in 1/10000 units for amount sums.
    pub fn ten_thousandths(&self) -> i64 {
        match self {
            Cell::Int(v) => v.saturating_mul(10_000),
            Cell::Dec(d) => d.ten_thousandths(),
            _ => 0,
        }
    }

    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Cell::Int(v) => Some(Decimal::from_int(*v)),
            Cell::Dec(d) => Some(*d),
            _ => None,
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Dec(_))
    }

    pub fn is_blank_or_na(&self) -> bool {
        matches!(self, Cell::Blank | Cell::Na)
    }

    /// The text shown in an editor cell or a published table.
    pub fn display(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Na => "/".to_string(),
            Cell::Int(v) => v.to_string(),
            Cell::Dec(d) => d.to_string(),
            Cell::Invalid(s) => s.clone(),
        }
    }

    /// The value as `nianbao dump` prints it (CONTRACT.md §2).
    pub fn dump(&self) -> String {
        match self {
            Cell::Blank => "blank".to_string(),
            Cell::Na => "na".to_string(),
            Cell::Int(v) => v.to_string(),
            Cell::Dec(d) => d.to_string(),
            Cell::Invalid(s) => format!("invalid:{s}"),
        }
    }
}

/// Folds full-width digits and signs to ASCII and drops spaces and thousands
/// separators, so that `１２`, ` 12 ` and `1,200` read as numbers.
pub fn normalize_number_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '．' => out.push('.'),
            '＋' => out.push('+'),
            ' ' | '\u{3000}' | '\u{a0}' | '\t' => {}
            '，' => out.push(','),
            _ => out.push(c),
        }
    }
    // Commas are thousands separators only when they group by three
    // ("1,200"); "3,5" is left as typed, so it stays invalid rather than
    // silently becoming 35.
    if out.contains(',') && thousands_grouped(&out) {
        out.retain(|c| c != ',');
    }
    // A lone full-width minus is an n/a mark, keep it; otherwise fold it.
    if out.chars().count() > 1 {
        out = out.replace('－', "-");
    }
    out
}

/// "1,200" or "-12,345.6": digits grouped by three after the first group.
fn thousands_grouped(s: &str) -> bool {
    let body = s.trim_start_matches(['-', '+']);
    let int = body.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    !first.is_empty()
        && first.len() <= 3
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_clerks_type() {
        use ValueKind::*;
        assert_eq!(Cell::parse("", Count), Cell::Blank);
        assert_eq!(Cell::parse("  ", Count), Cell::Blank);
        assert_eq!(Cell::parse("１２", Count), Cell::Int(12));
        assert_eq!(Cell::parse(" 7 ", Count), Cell::Int(7));
        assert_eq!(Cell::parse("1,200", Count), Cell::Int(1200));
        assert_eq!(Cell::parse("1，200", Count), Cell::Int(1200));
        assert_eq!(Cell::parse("3，5", Count), Cell::Invalid("3，5".into()));
        assert_eq!(Cell::parse("/", Count), Cell::Na);
        assert_eq!(Cell::parse("——", Count), Cell::Na);
        assert_eq!(Cell::parse("-3", Count), Cell::Int(-3));
        assert_eq!(Cell::parse("1.5", Count), Cell::Invalid("1.5".into()));
        assert_eq!(Cell::parse("abc", Count), Cell::Invalid("abc".into()));
        assert_eq!(
            Cell::parse("117.30", Amount),
            Cell::Dec(Decimal {
                units: 11730,
                scale: 2
            })
        );
        assert_eq!(Cell::parse("117.30", Amount).display(), "117.30");
        assert_eq!(
            Cell::parse("0.00001", Amount),
            Cell::Invalid("0.00001".into())
        );
        assert_eq!(Cell::parse("1.", Amount), Cell::Invalid("1.".into()));
    }

    #[test]
    fn decimal_arithmetic() {
        let a = Decimal::parse("0.35").unwrap();
        let b = Decimal::parse("1.2").unwrap();
        assert_eq!(a.plus(b).to_string(), "1.55");
        assert_eq!(Decimal::parse("-0.5").unwrap().to_string(), "-0.5");
        assert_eq!(a.ten_thousandths(), 3500);
    }
}
