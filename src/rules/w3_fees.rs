//! W3: applications dropped for non-payment (表三 r22) need fee notices in
//! part 六, and the fee figures of part 六 must agree with each other.

use super::{Ctx, Finding, RuleId, Severity};
use crate::cell::Cell;
use crate::model::Fee;
use crate::place::Place;
use crate::template::{CellKey, R22, T3_TOTAL_COL};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let fees = &ctx.report.part6.fees;
    let r22 = ctx.totals.t3[R22][T3_TOTAL_COL];
    let r22_key = Place::Cell(CellKey::T3 {
        row: R22,
        col: T3_TOTAL_COL,
    });
    let notices = match fees.notices {
        Cell::Int(n) => Some(n),
        _ => None,
    };
    let warn = |cells: Vec<Place>, message: String| {
        Finding::new(RuleId::W3, Severity::Warning, cells, message)
    };
    match notices {
        None | Some(0) if r22 > 0 => out.push(warn(
            vec![r22_key.clone(), Place::Fee(Fee::Notices)],
            format!(
                "表三“申请人逾期未按收费通知要求缴纳费用”共 {r22} 件，但第六部分“{}”为空或为 0（请填写收费情况）",
                Fee::Notices.label()
            ),
        )),
        Some(n) if r22 > n => out.push(warn(
            vec![r22_key.clone(), Place::Fee(Fee::Notices)],
            format!("表三“申请人逾期未按收费通知要求缴纳费用”共 {r22} 件，多于第六部分发出收费通知的 {n} 件"),
        )),
        _ => {}
    }
    let notified = fees.notified_yuan.as_decimal();
    let collected = fees.collected_yuan.as_decimal();
    if let (Some(a), Some(c)) = (notified, collected)
        && c.ten_thousandths() > a.ten_thousandths()
    {
        out.push(warn(
            vec![
                Place::Fee(Fee::NotifiedYuan),
                Place::Fee(Fee::CollectedYuan),
            ],
            format!("第六部分：实际收取 {c} 元，多于收费通知总金额 {a} 元"),
        ));
    }
    if notices == Some(0) {
        let positive = |d: Option<crate::cell::Decimal>| d.is_some_and(|d| d.units > 0);
        if positive(notified) || positive(collected) {
            out.push(warn(
                Fee::ALL.map(Place::Fee).to_vec(),
                "第六部分：发出收费通知 0 件，却报告了收费金额".to_string(),
            ));
        }
    }
}
