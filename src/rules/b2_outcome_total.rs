//! B2: 表三 — a column's published （七）总计 must equal the sum of the outcome rows r03..r23.
//!
//! Only the six applicant columns are checked here: the 总计 column's
//! （七）总计 is the total of row r24 and is checked by B1, so one error is
//! reported once.

use super::{Ctx, Finding, RuleId, published_number};
use crate::template::{CellKey, R24, T3_COLS, T3_INPUT_COLS};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (col, def) in T3_COLS.iter().enumerate().take(T3_INPUT_COLS) {
        let key = CellKey::T3 { row: R24, col };
        let Some(published) = published_number(ctx.report.published(key)) else {
            continue;
        };
        let sum = ctx.totals.t3[R24][col];
        if published != sum {
            out.push(Finding::error(
                RuleId::B2,
                &[key],
                format!(
                    "表三“{}”列：（七）总计公布为 {published}，但（一）至（六）各项办理结果之和为 {sum}",
                    def.label
                ),
            ));
        }
    }
}
