//! B5: 表四 — a group's published 总计 must equal 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

use super::{Ctx, Finding, RuleId, published_number, terms};
use crate::template::{CellKey, T4_GROUPS, T4_INPUT_COLS, T4_TOTAL_COL};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (group, def) in T4_GROUPS.iter().enumerate() {
        let key = CellKey::T4 {
            group,
            col: T4_TOTAL_COL,
        };
        let Some(published) = published_number(ctx.report.published(key)) else {
            continue;
        };
        let sum = ctx.totals.t4[group];
        if published != sum {
            let parts: Vec<i64> = ctx.report.t4[group].iter().map(|c| c.int_value()).collect();
            let cells: Vec<CellKey> = (0..=T4_INPUT_COLS)
                .map(|col| CellKey::T4 { group, col })
                .collect();
            out.push(Finding::error(
                RuleId::B5,
                &cells,
                format!(
                    "表四“{}”：总计公布为 {published}，但结果维持、结果纠正、其他结果、尚未审结之和为 {} = {sum}",
                    def.long,
                    terms(&parts)
                ),
            ));
        }
    }
}
