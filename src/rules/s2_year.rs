//! S2: the statistics period and the signature date must fit `meta.year`
//! (a report for year Y covers Y-01-01..Y-12-31 and is signed in Y or Y+1).

use super::{Ctx, Finding, RuleId, Severity};
use crate::dates::period_years;
use crate::model::paragraph_names::{PART1_INTRO, PREAMBLE};
use crate::place::Place;

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = ctx.report;
    let Some(year) = r.meta.year else { return };
    let warn =
        |place: Place, msg: String| Finding::new(RuleId::S2, Severity::Warning, vec![place], msg);
    for (place, paragraph, text) in [
        ("说明（前言）", PREAMBLE, &r.preamble.text),
        ("一、总体情况", PART1_INTRO, &r.part1.intro.text),
    ] {
        for y in period_years(text) {
            if y != year {
                out.push(warn(
                    Place::Paragraph(paragraph.to_string()),
                    format!("{place}中的统计期限写的是 {y} 年，但报告年度是 {year} 年"),
                ));
                break;
            }
        }
    }
    if let Some(d) = crate::dates::parse(&r.meta.date) {
        use chrono::Datelike;
        if d.year() != year && d.year() != year + 1 {
            out.push(warn(
                Place::Date,
                format!(
                    "落款日期 {} 与报告年度 {year} 年不符（应在 {year} 年或 {} 年）",
                    r.meta.date,
                    year + 1
                ),
            ));
        }
    } else if !r.meta.date.trim().is_empty() {
        out.push(warn(
            Place::Date,
            format!(
                "落款日期“{}”不是有效日期（例如 2026年1月20日 或 2026-01-20）",
                r.meta.date
            ),
        ));
    }
}
