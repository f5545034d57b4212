//! W1: 表三 二、上年结转 of each column should equal last year's 四、结转下年度继续办理.

use super::{Ctx, Finding, RuleId};
use crate::cell::Cell;
use crate::template::{CellKey, R02, T3_COLS};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(last) = &ctx.last else { return };
    for (col, last_cell) in last.t3_r25.iter().enumerate() {
        let Cell::Int(expected) = last_cell else {
            continue;
        };
        let now = ctx.totals.t3[R02][col];
        if now != *expected {
            let year = last
                .year
                .map(|y| format!("{y}年"))
                .unwrap_or_else(|| "上年".to_string());
            out.push(Finding::warning(
                RuleId::W1,
                &[CellKey::T3 { row: R02, col }],
                format!(
                    "表三“{}”列：二、上年结转政府信息公开申请数量为 {now}，但{year}报告的四、结转下年度继续办理为 {expected}",
                    T3_COLS[col].label
                ),
            ));
        }
    }
}
