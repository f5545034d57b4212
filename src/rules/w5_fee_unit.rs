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
    // A people's government reports for its whole level even when it is not
    // marked as a summed report.
    let max = match ctx.report.meta.scope {
        Scope::Agency if !is_government(&ctx.report.meta.agency) => PLAUSIBLE_MAX_WAN[0],
        _ => PLAUSIBLE_MAX_WAN[1],
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

/// A people's government or the administration of a zone of that rank.
fn is_government(agency: &str) -> bool {
    ["人民政府", "管委会", "管理委员会", "实验区", "新区"]
        .iter()
        .any(|e| agency.ends_with(e))
}
