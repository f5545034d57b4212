//! Which cells read by text recognition the report's own arithmetic
//! confirms: a cell whose row prints its 总计 (表三's B1, 表四's B5) and on
//! which no failing sum rests is vouched for by that sum — a misread digit
//! would break it. Such a cell's doubtful reading is a note, not a warning;
//! the others stay for the clerk to check against the original.

use std::collections::BTreeSet;

use super::published_number;
use crate::model::Report;
use crate::template::{CellKey, T3_TOTAL_COL, T4_TOTAL_COL};

pub fn by_the_sums(report: &Report, key: CellKey, failing: &BTreeSet<CellKey>) -> bool {
    if failing.contains(&key) {
        return false;
    }
    let total = match key {
        CellKey::T3 { row, .. } => CellKey::T3 {
            row,
            col: T3_TOTAL_COL,
        },
        CellKey::T4 { group, .. } => CellKey::T4 {
            group,
            col: T4_TOTAL_COL,
        },
        CellKey::T2(_) => return false,
    };
    published_number(report.published(total)).is_some()
}
