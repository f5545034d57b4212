//! S3: a narrative part still identical to last year's (carried over by
//! rollover and never edited). The format treats copy-paste (雷同) reports as
//! an accountability matter.

use super::{Ctx, Finding, RuleId, Severity};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (name, n) in ctx.report.narratives() {
        if n.is_carried_unedited() {
            out.push(Finding::new(
                RuleId::S3,
                Severity::Warning,
                vec![name.clone()],
                format!("“{name}”仍是上年报告的原文，尚未修改（雷同报告属于问责情形）"),
            ));
        }
    }
}
