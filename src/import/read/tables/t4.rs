//! 表四: fifteen values under a two-level header (行政复议; 行政诉讼 ·
//! 未经复议直接起诉 / 复议后起诉), each group four results and their 总计.
//! The table has no row labels: its values are read in order, wherever the
//! header text stops.

use super::split::Sum;
use super::{Fit, assign, items, note_fit, value, values_of};
use crate::import::doc::Tok;
use crate::import::notes::Notes;
use crate::model::Report;
use crate::template::{CellKey, T4_COLS, T4_GROUPS, T4_INPUT_COLS, ValueKind};

/// Values of the whole table.
const WIDTH: usize = T4_GROUPS.len() * T4_COLS.len();

pub fn read(rows: &[Vec<Tok>], report: &mut Report, notes: &mut Notes) {
    let its = items(rows, &[], None, notes);
    let placed = assign(&its, &[WIDTH], |_| None, |_| "表四".to_string(), notes);
    let sums = [Sum {
        parts: T4_INPUT_COLS,
    }; T4_GROUPS.len()];
    let read = match &placed[0] {
        None => Err("未找到表四（行政复议、行政诉讼情况）的数值".to_string()),
        Some(p) => match values_of(p, WIDTH, &sums) {
            Ok((_, Fit::Short(n))) => Err(format!(
                "表四只读到 {n} 个数值（应为 {WIDTH} 个），无法确定各属哪一格"
            )),
            Ok((vals, fit)) => {
                note_fit(&fit, p.line, "表四", WIDTH, notes);
                Ok(vals)
            }
            Err(e) => Err(format!("表四未能读取：{}", e.why)),
        },
    };
    let vals = match read {
        Ok(v) => v,
        Err(why) => {
            let cells = (0..T4_GROUPS.len())
                .flat_map(|group| (0..T4_INPUT_COLS).map(move |col| CellKey::T4 { group, col }))
                .collect();
            notes.unread(
                None,
                format!("{why}，表四各格保持为空，请对照原报告填写"),
                cells,
            );
            return;
        }
    };
    for group in 0..T4_GROUPS.len() {
        for col in 0..T4_COLS.len() {
            let key = CellKey::T4 { group, col };
            let tok = vals[group * T4_COLS.len() + col].as_ref();
            let cell = value(tok, ValueKind::Count, key, notes);
            if col == T4_INPUT_COLS {
                if tok.is_some() {
                    report.published.insert(key.to_string(), cell);
                }
            } else {
                report.t4[group][col] = cell;
            }
        }
    }
}
