//! Reading 表二, 表三 and 表四 out of rows of tokens, whatever layout they
//! came in.
//!
//! Every source format only turns its file into rows of tokens; this one
//! reader then finds the tables in them. A table is a sequence of *slots*
//! (its rows in template order, each expecting a known number of values),
//! and the tokens become a sequence of [`Item`]s: labels and groups of
//! values. [`assign`] places each group:
//!
//! - values in the same row as a label belong to that label's row;
//! - values on a line of their own belong to the label just seen whose row
//!   is still empty (labels wrap; their numbers sit on another line);
//! - otherwise they fill the next empty row in template order — numbers
//!   printed before their label, unlabelled rows, one value per line;
//! - but rows of values alone between two labelled rows, as many as the
//!   empty rows between those two, fill those rows in order, whatever
//!   label pieces lie among them ([`gaps`]).
//!
//! The template's fixed row order and the table's own arithmetic are the
//! checksum: digit runs are split only where the arithmetic leaves exactly
//! one split ([`split`]), columns printed one after another are taken as
//! columns only where the sums then hold ([`t3`]). Whatever was placed by
//! inference gets a note naming the row; whatever could not be read gets an
//! IMPORT error naming the cells, so no rule blames the publisher for it.

use crate::cell::{Cell, Decimal};
use crate::import::doc::Parts;
use crate::import::doc::{Tok, TokKind};
use crate::import::labels::lnorm;
use crate::import::normalize::{Unit, strip_units};
use crate::import::notes::Notes;
use crate::model::{FormatVersion, Report};

use crate::template::{CellKey, FORMAT_2019_MARKERS, FORMAT_2021_MARKERS, ValueKind};
pub use assign::{How, Placed, assign};
use items::note_stray_text;
pub use items::{Item, explode, items, read_columns};

mod assign;
mod columns;
mod gaps;
mod items;
pub mod split;
mod t2;
mod t3;
mod t4;

/// Marker text of the note written when a 元 amount was converted to 万元 (read by W5).
pub const YUAN_NOTE: &str = "以“元”为单位";

pub fn read(parts: &Parts, report: &mut Report, notes: &mut Notes) {
    let has_marker = |rows: &[Vec<Tok>], markers: &[&str]| {
        let markers: Vec<String> = markers.iter().map(|m| lnorm(m)).collect();
        rows.iter().flatten().any(|t| {
            let n = lnorm(&t.text);
            markers.iter().any(|m| n.contains(m.as_str()))
        })
    };
    // 表二's labels decide the format (FORMAT.md §8.2); a 2021 report that
    // prints （六）其他处理 as one row stays 2021.
    let is_2019 = has_marker(&parts.rows[0], &FORMAT_2019_MARKERS);
    let is_2021 = has_marker(&parts.rows[0], &FORMAT_2021_MARKERS)
        || has_marker(&parts.rows[1], &FORMAT_2021_MARKERS);
    if is_2019 && !is_2021 {
        report.meta.format = FormatVersion::F2019;
    } else if is_2019 {
        notes.add(
            None,
            "表格中同时出现 2019 版和 2021 版栏目，已按 2021 版读取，2019 版栏目未导入",
        );
    }
    for rows in &parts.rows {
        note_stray_text(rows, notes);
    }
    t2::read(&parts.rows[0], report, notes);
    t3::read(&parts.rows[1], report, notes);
    t4::read(&parts.rows[2], report, notes);
}

/// How a group of values fitted the number the template expects.
#[derive(Debug, PartialEq)]
pub enum Fit {
    Exact,
    /// More values than expected; the first ones were used.
    Extra(usize),
    /// Fewer values than expected.
    Short(usize),
}

/// Trims merge artefacts (empty cells) off both ends to reach `expected` values.
pub fn fit(tail: &[Tok], expected: usize) -> (Vec<Option<&Tok>>, Fit) {
    let mut v: Vec<&Tok> = tail.iter().collect();
    while v.len() > expected && v.last().is_some_and(|t| t.text.trim().is_empty()) {
        v.pop();
    }
    while v.len() > expected && v.first().is_some_and(|t| t.text.trim().is_empty()) {
        v.remove(0);
    }
    let fit = match v.len() {
        n if n == expected => Fit::Exact,
        n if n > expected => Fit::Extra(n - expected),
        n => Fit::Short(n),
    };
    v.truncate(expected);
    let mut out: Vec<Option<&Tok>> = v.into_iter().map(Some).collect();
    out.resize(expected, None);
    (out, fit)
}

/// A digit run that the arithmetic of its own row could not split.
#[derive(Debug)]
pub struct Unsplit {
    pub why: String,
    /// The readings its row allows, when there are few: the table's other
    /// sums (column totals, the balance) may still choose one.
    pub readings: Vec<Vec<i64>>,
    pub line: usize,
}

/// The values of a placed slot: digit runs split by `sums` (see
/// [`split::split_runs`]), everything else fitted to `expected`.
pub fn values_of(
    p: &Placed,
    expected: usize,
    sums: &[split::Sum],
) -> Result<(Vec<Option<Tok>>, Fit), Unsplit> {
    let fitted = || {
        let (v, f) = fit(&p.toks, expected);
        (v.into_iter().map(|t| t.cloned()).collect(), f)
    };
    if !p.toks.iter().any(|t| t.kind == TokKind::Run) {
        return Ok(fitted());
    }
    let digits: Vec<&Tok> = p
        .toks
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .collect();
    if digits.iter().any(|t| t.kind != TokKind::Run) || (expected == 1 && digits.len() == 1) {
        return Ok(fitted());
    }
    let joined: String = digits.iter().map(|t| t.text.trim()).collect();
    let line = digits.first().map(|t| t.line).unwrap_or(p.line);
    let unsplit = |why: String, readings| Unsplit {
        why,
        readings,
        line,
    };
    match split::split_runs(&joined, expected, sums) {
        split::Split::One(vals) => Ok((numbers(&vals, line), Fit::Exact)),
        split::Split::None => Err(unsplit(
            format!("数字“{joined}”连在一起，按表格的合计关系无法分成 {expected} 个数"),
            Vec::new(),
        )),
        split::Split::Many(readings) => Err(unsplit(
            format!("数字“{joined}”连在一起，分成 {expected} 个数不止一种分法，无法确定"),
            readings,
        )),
    }
}

/// Numbers as the tokens a reader would have seen.
pub fn numbers(vals: &[i64], line: usize) -> Vec<Option<Tok>> {
    vals.iter()
        .map(|v| Some(Tok::new(v.to_string(), line)))
        .collect()
}

/// Parses one published value for a cell of `kind`, noting units.
pub fn value(tok: Option<&Tok>, kind: ValueKind, key: CellKey, notes: &mut Notes) -> Cell {
    let Some(tok) = tok else { return Cell::Blank };
    notes.sources.push(crate::import::notes::CellSource {
        key,
        line: tok.line,
        text: tok.text.clone(),
    });
    let raw = tok.text.trim();
    let folded = crate::cell::normalize_number_text(raw);
    let (num, unit) = strip_units(&folded);
    match (unit, kind) {
        (Unit::Yuan, ValueKind::Amount) => match Decimal::parse(num) {
            Some(d) => {
                let wan = yuan_to_wan(d);
                notes.add_cells(
                    Some(tok.line),
                    format!(
                        "{}原文“{raw}”{YUAN_NOTE}，已换算为 {} 万元",
                        key.label(),
                        wan
                    ),
                    vec![key],
                );
                Cell::Dec(wan)
            }
            None => Cell::Invalid(raw.to_string()),
        },
        (Unit::None, _) | (Unit::WanYuan, ValueKind::Amount) | (Unit::Items, ValueKind::Count) => {
            match Cell::parse(num, kind) {
                Cell::Invalid(_) => Cell::Invalid(raw.to_string()),
                c => c,
            }
        }
        _ => Cell::Invalid(raw.to_string()),
    }
}

/// 元 → 万元, keeping at most four decimals (rounded half up).
fn yuan_to_wan(d: Decimal) -> Decimal {
    let mut units = d.units as i128;
    let mut scale = d.scale as u32 + 4;
    while scale > 4 {
        units = (units + 5 * units.signum()) / 10;
        scale -= 1;
    }
    while scale > 0 && units % 10 == 0 {
        units /= 10;
        scale -= 1;
    }
    Decimal {
        units: units as i64,
        scale: scale as u8,
    }
}

pub fn note_fit(fit: &Fit, line: usize, place: &str, expected: usize, notes: &mut Notes) {
    match fit {
        Fit::Exact | Fit::Short(_) => {}
        Fit::Extra(n) => notes.add(
            Some(line),
            format!("{place}多出 {n} 个数值（应为 {expected} 个），只取前 {expected} 个"),
        ),
    }
}

/// One note for the rows whose values were placed by order or read as
/// columns, naming them and their cells (`keys` of a slot): arithmetic over
/// such cells may be the importer's mistake, not the publisher's.
pub fn note_inferred(
    placed: &[Option<Placed>],
    name: impl Fn(usize) -> String,
    keys: impl Fn(usize) -> Vec<CellKey>,
    notes: &mut Notes,
) {
    for (how, what) in [
        (
            How::InOrder,
            "数值前没有栏目名称（或栏目名称在数值之后），按模板的行序填入",
        ),
        (
            How::Column,
            "数值按列逐个排列（如纯文本 PDF 提取），按列读回各行",
        ),
    ] {
        let rows: Vec<(usize, usize)> = placed
            .iter()
            .enumerate()
            .filter_map(|(s, p)| p.as_ref().filter(|p| p.how == how).map(|p| (s, p.line)))
            .collect();
        if let Some(&(_, line)) = rows.first() {
            let names: Vec<String> = rows.iter().map(|(s, _)| name(*s)).collect();
            let cells = rows.iter().flat_map(|(s, _)| keys(*s)).collect();
            notes.placed(Some(line), format!("{what}：{}", names.join("；")), cells);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(v: &[&str]) -> Vec<Tok> {
        v.iter().map(|t| Tok::new(*t, 1)).collect()
    }

    #[test]
    fn fit_trims_merge_artefacts() {
        let t = toks(&["", "1", "0", "0", "0", "0", "0", "1", ""]);
        let (v, f) = fit(&t, 7);
        assert_eq!(f, Fit::Exact);
        assert_eq!(v[0].unwrap().text, "1");
    }

    #[test]
    fn explode_splits_label_and_number() {
        let t: Vec<String> = explode(&toks(&["维持10", "行政许可：550", "1.属于", "7730.28"]))
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            vec!["维持", "10", "行政许可", "550", "1.属于", "7730.28"]
        );
    }

    #[test]
    fn yuan_converts_to_wan() {
        assert_eq!(
            yuan_to_wan(Decimal::parse("251000").unwrap()).to_string(),
            "25.1"
        );
        assert_eq!(
            yuan_to_wan(Decimal::parse("3940").unwrap()).to_string(),
            "0.394"
        );
        assert_eq!(
            yuan_to_wan(Decimal::parse("1").unwrap()).to_string(),
            "0.0001"
        );
    }

    fn stacked(v: &[&str]) -> Item {
        Item::Values {
            toks: v
                .iter()
                .map(|t| Tok::with_kind(*t, 1, TokKind::Stacked))
                .collect(),
            after_label: false,
            line: 1,
            column: false,
        }
    }

    #[test]
    fn columns_printed_one_after_another_are_read_back_as_rows() {
        let mut its = Vec::new();
        for c in 0..7 {
            its.push(stacked(if c == 0 || c == 6 {
                &["0", "21"]
            } else {
                &["0", "0"]
            }));
        }
        let rows: Vec<Vec<String>> = read_columns(its, 7, true)
            .into_iter()
            .map(|i| match i {
                Item::Values { toks, column, .. } => {
                    assert!(column);
                    toks.into_iter().map(|t| t.text).collect()
                }
                _ => panic!(),
            })
            .collect();
        assert_eq!(rows[1], vec!["21", "0", "0", "0", "0", "0", "21"]);
    }
}
