//! B1: 表三 — a row's published 总计 must equal the sum of its six applicant columns.

use super::{Ctx, Finding, RuleId, published_number, terms};
use crate::template::{CellKey, T3_INPUT_COLS, T3_ROWS, T3_TOTAL_COL};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (row, def) in T3_ROWS.iter().enumerate() {
        let total_key = CellKey::T3 {
            row,
            col: T3_TOTAL_COL,
        };
        let Some(published) = published_number(ctx.report.published(total_key)) else {
            continue;
        };
        let parts = &ctx.totals.t3[row][..T3_INPUT_COLS];
        let sum = ctx.totals.t3[row][T3_TOTAL_COL];
        if published != sum {
            let cells: Vec<CellKey> = (0..=T3_TOTAL_COL)
                .map(|col| CellKey::T3 { row, col })
                .collect();
            out.push(Finding::error(
                RuleId::B1,
                &cells,
                format!(
                    "表三“{}”行：总计公布为 {published}，但六类申请人之和为 {} = {sum}",
                    def.label,
                    terms(parts)
                ),
            ));
        }
    }
}
