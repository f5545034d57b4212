//! S3: a narrative part that is still mostly last year's text (carried over
//! by rollover, with a year or a figure changed at most). The format treats
//! copy-paste (雷同) reports as an accountability matter. Judged by how much
//! of the text is still last year's, not by equality: changing 2024 to 2025
//! does not make a report this year's.

use super::{Ctx, Finding, RuleId, Severity};
use crate::place::Place;

/// From this share of last year's text on, a part counts as not rewritten.
pub const STILL_LAST_YEARS: f64 = 0.8;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for (name, n) in ctx.report.narratives() {
        let Some(share) = n.carried_share().filter(|s| *s >= STILL_LAST_YEARS) else {
            continue;
        };
        let message = if n.is_carried_unedited() {
            format!("“{name}”仍是上年报告的原文，尚未修改（雷同报告属于问责情形）")
        } else {
            format!(
                "“{name}”约 {:.0}% 仍是上年报告的原文（雷同报告属于问责情形），请按本年情况改写",
                share * 100.0
            )
        };
        out.push(Finding::new(
            RuleId::S3,
            Severity::Warning,
            vec![Place::Paragraph(name)],
            message,
        ));
    }
}
