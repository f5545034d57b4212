//! W2: 表二 现行有效件数 ≈ last year's 现行有效件数 + 本年制发件数 − 本年废止件数.
//! Only a hint: amendments and expiry also change the stock.

use super::{Ctx, Finding, RuleId};
use crate::cell::Cell;
use crate::template::{CellKey, T2_FIELDS, T2_STOCK_ROWS};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let Some(last) = &ctx.last else { return };
    for (i, [issued, repealed, in_force]) in T2_STOCK_ROWS.iter().copied().enumerate() {
        let Cell::Int(before) = last.t2_in_force[i] else {
            continue;
        };
        let Cell::Int(now) = ctx.report.t2[in_force] else {
            continue;
        };
        let add = ctx.report.t2[issued].int_value();
        let sub = ctx.report.t2[repealed].int_value();
        let expected = before + add - sub;
        if now != expected {
            out.push(Finding::warning(
                RuleId::W2,
                &[CellKey::T2(in_force), CellKey::T2(issued), CellKey::T2(repealed)],
                format!(
                    "表二“{}”：现行有效件数为 {now}，但上年现行有效 {before} + 本年制发 {add} − 本年废止 {sub} = {expected}（如有修订、失效请在报告中说明）",
                    T2_FIELDS[in_force].row_label
                ),
            ));
        }
    }
}
