//! S1: the required narrative parts 一, 五 and 六 must not be empty, and 五
//! must say something (a bare 无 is not a statement of problems).

use super::{Ctx, Finding, RuleId, Severity};
use crate::place::Place;
use crate::template::PART_HEADINGS;

/// Texts that say nothing in part 五.
const NO_SUBSTANCE: [&str; 6] = ["无", "暂无", "没有", "无问题", "不存在", "无。"];

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = ctx.report;
    let warn = |part: usize, msg: String| {
        Finding::new(RuleId::S1, Severity::Warning, vec![Place::Part(part)], msg)
    };
    if r.part1.is_empty() {
        out.push(warn(0, format!("“{}”没有内容", PART_HEADINGS[0])));
    }
    let five: String = r
        .part5
        .text
        .chars()
        .filter(|c| !c.is_whitespace() && !"。，、；：.,;:".contains(*c))
        .collect();
    if five.is_empty() {
        out.push(warn(4, format!("“{}”没有内容", PART_HEADINGS[4])));
    } else if NO_SUBSTANCE.contains(&five.as_str()) || five.chars().count() < 5 {
        out.push(warn(
            4,
            format!(
                "“{}”只写了“{}”，应写明存在的主要问题和改进情况",
                PART_HEADINGS[4],
                r.part5.text.trim()
            ),
        ));
    }
    if r.part6.is_empty() {
        out.push(warn(
            5,
            format!(
                "“{}”没有内容（至少应说明信息处理费收取情况，无则写“无”）",
                PART_HEADINGS[5]
            ),
        ));
    }
}
