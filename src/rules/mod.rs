//! The balance rules (勾稽关系) and soft checks of CONTRACT.md §3.
//!
//! Each rule lives in its own file named after its id; [`check`] runs them all
//! in id order. Rules read the template data (rows, columns, labels) rather
//! than listing cells themselves, and every message names cells by their
//! template labels and shows the numbers involved.

use serde::Serialize;

use crate::cell::Cell;
use crate::compute::Totals;
use crate::model::{Baseline, NoteKind, Report};
use crate::place::Place;
use crate::template::CellKey;

mod b1_row_total;
mod b2_outcome_total;
mod b3_balance;
mod b4_invalid_value;
mod b5_t4_total;
mod b6_blank;
mod confirmed;
mod s1_required_parts;
mod s2_year;
pub mod s3_carried_over;
mod w1_carry_over;
mod w2_in_force;
mod w3_fees;
mod w4_narrative_numbers;
mod w5_fee_unit;

pub use crate::dates::period_years;
pub use b4_invalid_value::problem as cell_problem;

/// Rule identifiers (CONTRACT.md §3). The names are part of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RuleId {
    B1,
    B2,
    B3,
    B4,
    B5,
    B6,
    W1,
    W2,
    W3,
    W4,
    W5,
    S1,
    S2,
    S3,
    #[serde(rename = "IMPORT")]
    Import,
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::B1 => "B1",
            RuleId::B2 => "B2",
            RuleId::B3 => "B3",
            RuleId::B4 => "B4",
            RuleId::B5 => "B5",
            RuleId::B6 => "B6",
            RuleId::W1 => "W1",
            RuleId::W2 => "W2",
            RuleId::W3 => "W3",
            RuleId::W4 => "W4",
            RuleId::W5 => "W5",
            RuleId::S1 => "S1",
            RuleId::S2 => "S2",
            RuleId::S3 => "S3",
            RuleId::Import => "IMPORT",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
    /// The Chinese word used in the app.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
            Severity::Note => "导入说明",
        }
    }
}

/// One violated rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub id: RuleId,
    pub severity: Severity,
    /// What the finding is about: cells, fee fields, paragraphs, parts.
    pub cells: Vec<Place>,
    pub message: String,
}

impl Finding {
    fn new(id: RuleId, severity: Severity, cells: Vec<Place>, message: String) -> Self {
        Finding {
            id,
            severity,
            cells,
            message,
        }
    }
    fn error(id: RuleId, cells: &[CellKey], message: String) -> Self {
        Self::new(id, Severity::Error, keys(cells), message)
    }
    fn warning(id: RuleId, cells: &[CellKey], message: String) -> Self {
        Self::new(id, Severity::Warning, keys(cells), message)
    }
    /// Whether this finding concerns the cell `key`.
    pub fn involves(&self, key: CellKey) -> bool {
        self.cells.contains(&Place::Cell(key))
    }

    /// The table cells among the places.
    pub fn table_cells(&self) -> impl Iterator<Item = CellKey> + '_ {
        self.cells.iter().filter_map(Place::cell)
    }

    /// The places by their CONTRACT names, `sep` between them.
    pub fn cell_names(&self, sep: &str) -> String {
        let names: Vec<String> = self.cells.iter().map(Place::to_string).collect();
        names.join(sep)
    }
}

fn keys(cells: &[CellKey]) -> Vec<Place> {
    cells.iter().map(|&k| Place::Cell(k)).collect()
}

/// What the rules look at: the report, its totals, and last year's figures.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub totals: Totals,
    /// From `--last FILE` if given, else the baseline rollover stored
    /// (borrowed: it holds every cell of last year, and rules run on each keystroke).
    pub last: Option<std::borrow::Cow<'a, Baseline>>,
}

/// Runs every rule. `last` is last year's report when the caller has it.
pub fn check(report: &Report, last: Option<&Report>) -> Vec<Finding> {
    let ctx = Ctx {
        report,
        totals: Totals::of(report),
        last: last
            .map(|l| std::borrow::Cow::Owned(baseline_of(l)))
            .or(report.baseline.as_ref().map(std::borrow::Cow::Borrowed)),
    };
    let mut out = Vec::new();
    b1_row_total::check(&ctx, &mut out);
    b2_outcome_total::check(&ctx, &mut out);
    b3_balance::check(&ctx, &mut out);
    b4_invalid_value::check(&ctx, &mut out);
    b5_t4_total::check(&ctx, &mut out);
    b6_blank::check(&ctx, &mut out);
    w1_carry_over::check(&ctx, &mut out);
    w2_in_force::check(&ctx, &mut out);
    w3_fees::check(&ctx, &mut out);
    w4_narrative_numbers::check(&ctx, &mut out);
    w5_fee_unit::check(&ctx, &mut out);
    s1_required_parts::check(&ctx, &mut out);
    s2_year::check(&ctx, &mut out);
    s3_carried_over::check(&ctx, &mut out);
    if let Some(info) = &report.import {
        // A cell the importer could not read stops being unread once the
        // clerk fills it in.
        let still_unread = |k: CellKey| report.input(k).is_none_or(|c| *c == Cell::Blank);
        let unread: std::collections::BTreeSet<CellKey> = info
            .unread_cells()
            .into_iter()
            .filter(|&k| still_unread(k))
            .collect();
        if !unread.is_empty() {
            out.retain(|f| !depends_on(f).iter().any(|k| unread.contains(k)));
        }
        // Values placed by position are trusted because 表三's sums hold over
        // them; where a cell the importer could not read blocks those sums,
        // nothing vouches for them, and the clerk is asked to check them.
        let blocked = |key: &CellKey| match *key {
            CellKey::T3 { col, .. } => {
                let cols: Vec<usize> = if col == crate::template::T3_TOTAL_COL {
                    (0..crate::template::T3_INPUT_COLS).collect()
                } else {
                    vec![col]
                };
                cols.iter().any(|&c| {
                    (0..crate::template::T3_ROWS.len())
                        .any(|row| unread.contains(&CellKey::T3 { row, col: c }))
                })
            }
            _ => false,
        };
        let unverified: Vec<Place> = if unread.is_empty() {
            Default::default()
        } else {
            info.placed_cells()
        }
        .into_iter()
        .filter(|k| !k.is_computed() && !unread.contains(k) && blocked(k))
        .map(Place::Cell)
        .collect();
        if !unverified.is_empty() {
            out.push(Finding::new(
                RuleId::Import,
                Severity::Error,
                unverified.clone(),
                format!(
                    "表三有 {} 格的数值是按位置推定的，同列有未能读取的单元格，无法用合计核实，请对照原报告核对",
                    unverified.len()
                ),
            ));
        }
        // A sum that fails over values the importer placed by position, or
        // read by text recognition without certainty, is more likely its own
        // misreading than the publisher's error: still an error, but an
        // IMPORT one, and it says so.
        // The sums that fail, before they are turned into IMPORT findings:
        // a recognised cell none of them rests on, in a row whose 总计 is
        // printed, is confirmed by that sum.
        let failing: std::collections::BTreeSet<CellKey> = out
            .iter()
            .filter(|f| matches!(f.id, RuleId::B1 | RuleId::B2 | RuleId::B3 | RuleId::B5))
            .flat_map(depends_on)
            .collect();
        blame_the_reading(
            &mut out,
            &info.placed_cells(),
            "按位置推定的数值与表格的合计关系不符，可能是读取错误，请对照原报告核对",
        );
        blame_the_reading(
            &mut out,
            &info.recognised_cells(),
            "识别把握不足的数值与表格的合计关系不符，可能是识别错误，请对照原件核对",
        );
        for n in &info.notes {
            let at = n.line.map(|l| format!("第{l}行：")).unwrap_or_default();
            let (severity, cells) = match n.kind {
                NoteKind::Note | NoteKind::Placed => (Severity::Note, keys(&n.cells)),
                NoteKind::Recognised => {
                    // Checked by the clerk against the page, or vouched for by
                    // the report's own sums: a note that says which.
                    let by_the_sums = |&k: &CellKey| confirmed::by_the_sums(report, k, &failing);
                    let checked = if n.cells.iter().all(|&k| info.confirmed(k)) {
                        Some("已对照原件核对")
                    } else if n.cells.iter().all(by_the_sums) {
                        Some("合计关系成立，已核实")
                    } else {
                        None
                    };
                    if let Some(how) = checked {
                        out.push(Finding::new(
                            RuleId::Import,
                            Severity::Note,
                            keys(&n.cells),
                            format!("{at}{}；{how}", n.message),
                        ));
                        continue;
                    }
                    (Severity::Warning, keys(&n.cells))
                }
                NoteKind::Unread => {
                    let left: Vec<CellKey> = n
                        .cells
                        .iter()
                        .copied()
                        .filter(|&k| still_unread(k))
                        .collect();
                    if left.is_empty() && !n.cells.is_empty() {
                        (Severity::Note, keys(&n.cells))
                    } else {
                        (Severity::Error, keys(&left))
                    }
                }
            };
            out.push(Finding::new(
                RuleId::Import,
                severity,
                cells,
                format!("{at}{}", n.message),
            ));
        }
    }
    out
}

/// Turns each arithmetic finding that rests on one of `cells` into an
/// IMPORT finding that says why (`why`), naming those cells too.
fn blame_the_reading(out: &mut [Finding], cells: &std::collections::BTreeSet<CellKey>, why: &str) {
    if cells.is_empty() {
        return;
    }
    for f in out.iter_mut() {
        let arithmetic = matches!(f.id, RuleId::B1 | RuleId::B2 | RuleId::B3 | RuleId::B5);
        let guessed: Vec<CellKey> = depends_on(f)
            .into_iter()
            .filter(|k| cells.contains(k))
            .collect();
        if arithmetic && !guessed.is_empty() {
            for k in guessed {
                if !f.involves(k) {
                    f.cells.push(Place::Cell(k));
                }
            }
            f.message = format!("{why}（{}：{}）", f.id.as_str(), f.message);
            f.id = RuleId::Import;
        }
    }
}

/// The cells an arithmetic finding's numbers come from. A finding that
/// rests on a cell the importer could not read says nothing about the
/// publisher, so it is not reported (the IMPORT error is).
fn depends_on(f: &Finding) -> Vec<CellKey> {
    use crate::template::{R03, R23, T3_INPUT_COLS, T3_TOTAL_COL};
    let keys: Vec<CellKey> = f.table_cells().collect();
    match f.id {
        RuleId::B1 | RuleId::B5 => keys,
        // （七）总计 and the balance of a column rest on every outcome row of it.
        RuleId::B2 | RuleId::B3 => {
            let mut out = keys.clone();
            for k in &keys {
                if let CellKey::T3 { col, .. } = *k {
                    let cols: Vec<usize> = if col == T3_TOTAL_COL {
                        (0..T3_INPUT_COLS).collect()
                    } else {
                        vec![col]
                    };
                    for c in cols {
                        out.extend((R03..=R23).map(|row| CellKey::T3 { row, col: c }));
                        out.extend(keys.iter().filter_map(|k| match *k {
                            CellKey::T3 { row, .. } => Some(CellKey::T3 { row, col: c }),
                            _ => None,
                        }));
                    }
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The figures of last year's report that this year's are compared with.
pub fn baseline_of(last: &Report) -> Baseline {
    use crate::template::{R25, T2_STOCK_ROWS};
    Baseline {
        year: last.meta.year,
        t2_in_force: [
            last.t2[T2_STOCK_ROWS[0][2]].clone(),
            last.t2[T2_STOCK_ROWS[1][2]].clone(),
        ],
        t3_r25: last.t3.0[R25].clone(),
        values: Default::default(),
        read_from: None,
    }
}

/// Every cell of `last`'s tables (totals included) by cell key: what the
/// year-over-year view shows from a rolled-over report.
pub fn all_values(last: &Report) -> std::collections::BTreeMap<CellKey, crate::cell::Cell> {
    let totals = crate::compute::Totals::of(last);
    crate::template::all_keys()
        .iter()
        .map(|&k| (k, last.value_with(&totals, k)))
        .collect()
}

/// `4+0+0` style rendering of the terms of a sum.
fn terms(values: &[i64]) -> String {
    values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// A published total as a number, if it is one.
fn published_number(c: Option<&Cell>) -> Option<i64> {
    match c {
        Some(Cell::Int(v)) => Some(*v),
        _ => None,
    }
}
