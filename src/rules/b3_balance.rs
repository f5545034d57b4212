//! B3: 表三 — for each column, 一 + 二 = 三（七）总计 + 四 (the note's 勾稽关系).
//!
//! The note says 本列, so every applicant column is checked on its own. The
//! 总计 column is the sum of the six and balances whenever they all do; it is
//! checked only when they all balance (which can then only fail through
//! overflow), so one wrong column gives one finding, not two.

use super::{Ctx, Finding, RuleId};
use crate::template::{CellKey, R01, R02, R24, R25, T3_COLS, T3_INPUT_COLS};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let before = out.len();
    for (col, def) in T3_COLS.iter().enumerate() {
        if col == T3_INPUT_COLS && out.len() > before {
            break;
        }
        let t = &ctx.totals.t3;
        let (new, carried, done, next) = (t[R01][col], t[R02][col], t[R24][col], t[R25][col]);
        let left = new.saturating_add(carried);
        let right = done.saturating_add(next);
        if left != right {
            let cells: Vec<CellKey> = [R01, R02, R24, R25]
                .iter()
                .map(|&row| CellKey::T3 { row, col })
                .collect();
            out.push(Finding::error(
                RuleId::B3,
                &cells,
                format!(
                    "表三“{}”列：本年新收 {new} + 上年结转 {carried} = {left}，但办理结果总计 {done} + 结转下年度 {next} = {right}",
                    def.label
                ),
            ));
        }
    }
}
