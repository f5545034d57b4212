//! W5: 表二 行政事业性收费 is in 万元; a figure that was published with 元, or
//! is implausibly large, was probably entered in 元.

use super::{Ctx, Finding, RuleId};
use crate::model::Scope;
use crate::template::{CellKey, T2_FEES};

/// 1亿元 for one agency, 100亿元 for a government's summed report, in 万元.
const PLAUSIBLE_MAX_WAN: [i64; 2] = [10_000, 1_000_000];

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let cell = &ctx.report.t2[T2_FEES];
    let Some(value) = cell.as_decimal() else {
        return;
    };
    let key = CellKey::T2(T2_FEES);
    if ctx.report.import.as_ref().is_some_and(|i| i.fee_unit_yuan) {
        out.push(Finding::warning(
            RuleId::W5,
            &[key],
            format!("表二“行政事业性收费”：原报告以“元”为单位，已换算为 {value} 万元，请核对（表中单位为万元）"),
        ));
        return;
    }
    let max = match ctx.report.meta.scope {
        Scope::Agency => PLAUSIBLE_MAX_WAN[0],
        Scope::GovernmentTotal => PLAUSIBLE_MAX_WAN[1],
    };
    if value.ten_thousandths() >= max * 10_000 {
        out.push(Finding::warning(
            RuleId::W5,
            &[key],
            format!(
                "表二“行政事业性收费”为 {value} 万元，数额异常大，是否误按“元”填写？（单位为万元）"
            ),
        ));
    }
}
