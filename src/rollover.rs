//! Starting next year's report from last year's.
//!
//! Carries over what carries over (上年结转 ← 结转下年度继续办理, last year's
//! 现行有效件数 and 结转 as the baseline for W1/W2, the narrative as drafts
//! marked for S3), and resets everything else.

use crate::cell::Cell;
use crate::model::Baseline;
use crate::model::{Meta, Narrative, Part6, Report, Section};
use crate::rules::{all_values, baseline_of};
use crate::template::{R02, R25, T2_FIELDS, T2_STOCK_ROWS, T3_COLS};

/// What rollover did, for the user.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RolloverSummary {
    pub lines: Vec<String>,
}

/// Next year's report started from `last`.
pub fn rollover(last: &Report) -> (Report, RolloverSummary) {
    let mut s = RolloverSummary::default();
    let year = last.meta.year.map(|y| y + 1);
    let mut next = Report {
        meta: Meta {
            agency: last.meta.agency.clone(),
            year,
            format: crate::model::FormatVersion::F2021,
            scope: last.meta.scope,
            date: String::new(),
        },
        ..Report::default()
    };
    if let Some(y) = year {
        s.lines.push(format!("报告年度：{} → {y}", y - 1));
    }
    // The preamble is boilerplate: update its years rather than flag it as copied.
    next.preamble = Narrative::new(match (last.meta.year, year) {
        (Some(a), Some(b)) => shift_years(&last.preamble.text, a, b),
        _ => last.preamble.text.clone(),
    });
    if next.preamble.is_empty()
        && let Some(y) = year
    {
        next.preamble = Narrative::new(crate::model::default_preamble(y));
    }
    s.lines
        .push("说明（前言）：已沿用并更新统计年度".to_string());

    let draft = |n: &Narrative| Narrative {
        text: n.text.clone(),
        carried: if n.is_empty() {
            None
        } else {
            Some(n.text.clone())
        },
    };
    let sections = |v: &[Section]| -> Vec<Section> {
        v.iter()
            .map(|sec| Section {
                title: sec.title.clone(),
                body: draft(&sec.body),
            })
            .collect()
    };
    next.part1.intro = draft(&last.part1.intro);
    next.part1.sections = if last.part1.sections.is_empty() {
        crate::model::Part1::canonical().sections
    } else {
        sections(&last.part1.sections)
    };
    next.part2_text = draft(&last.part2_text);
    next.part3_text = draft(&last.part3_text);
    next.part4_text = draft(&last.part4_text);
    next.part5 = draft(&last.part5);
    next.part6 = Part6 {
        fees: Default::default(),
        text: draft(&last.part6.text),
        sections: sections(&last.part6.sections),
    };
    s.lines
        .push("一、五、六 等文字部分：已作为草稿沿用，修改前会提示“仍是上年原文”".to_string());

    for col in 0..crate::template::T3_INPUT_COLS {
        next.t3.0[R02][col] = last.t3.0[R25][col].clone();
    }
    let carried: Vec<String> = (0..crate::template::T3_INPUT_COLS)
        .map(|c| format!("{} {}", T3_COLS[c].label, last.t3.0[R25][c].display()))
        .collect();
    s.lines.push(format!(
        "表三“二、上年结转”← 上年“四、结转下年度继续办理”：{}",
        carried.join("，")
    ));
    next.baseline = Some(Baseline {
        values: all_values(last),
        read_from: last.import.clone(),
        ..baseline_of(last)
    });
    s.lines
        .push("上年各项数字已作为比对基数保存（逐年对比，并用于核对 W1、W2）".to_string());
    let mut proposed = Vec::new();
    for (i, [_, _, in_force]) in T2_STOCK_ROWS.iter().copied().enumerate() {
        if let Some(p) = in_force_proposal(&next, i) {
            proposed.push(format!("{} {}", T2_FIELDS[in_force].row_label, p.display()));
            next.t2[in_force] = p;
        }
    }
    if !proposed.is_empty() {
        s.lines.push(format!(
            "表二“现行有效件数”← 上年现行有效件数 + 本年制发 − 本年废止：{}（填写制发、废止件数时自动更新，直接改写即不再更新）",
            proposed.join("，")
        ));
    }
    s.lines
        .push("表二、表三其余各项、表四、收费情况、落款日期：已清空".to_string());
    (next, s)
}

/// 现行有效件数 as last year's stock plus 本年制发 minus 本年废止 (blanks
/// count as 0), for stock row `i` (规章, 行政规范性文件); `None` without
/// last year's figure, or when the sum is negative or overflows.
pub fn in_force_proposal(r: &Report, i: usize) -> Option<Cell> {
    let [issued, repealed, _] = T2_STOCK_ROWS[i];
    let Cell::Int(before) = r.baseline.as_ref()?.t2_in_force[i] else {
        return None;
    };
    let stock = before
        .checked_add(r.t2[issued].int_value())?
        .checked_sub(r.t2[repealed].int_value())?;
    (stock >= 0).then_some(Cell::Int(stock))
}

/// Keeps a proposed 现行有效件数 up to date after an edit (`before` → `after`):
/// a cell that still holds the proposal (or is blank) and that this edit did
/// not touch follows 本年制发 and 本年废止; once the clerk types another
/// number over it, it is theirs and stays.
pub fn follow_in_force(before: &Report, after: &mut Report) {
    for (i, [_, _, in_force]) in T2_STOCK_ROWS.iter().copied().enumerate() {
        let was = &before.t2[in_force];
        let untouched = after.t2[in_force] == *was;
        let proposed = *was == Cell::Blank || Some(was) == in_force_proposal(before, i).as_ref();
        if untouched && proposed {
            // No proposal (a negative or unknown stock) leaves the cell blank,
            // which still counts as proposed, so it follows again afterwards.
            after.t2[in_force] = in_force_proposal(after, i).unwrap_or(Cell::Blank);
        }
    }
}

/// Replaces the 4-digit years `from` and `from + 1` by `to` and `to + 1`.
/// Only standalone four-digit numbers followed by 年 are years: phone numbers,
/// postcodes and document numbers (〔2021〕30号) stay as they are. Years
/// written with spaces before 年 (`2023 年`) or in full-width digits
/// (`２０２３年`) are years too, and keep their form.
fn shift_years(text: &str, from: i32, to: i32) -> String {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let year = (i + 4 <= chars.len() && (i == 0 || digit(chars[i - 1]).is_none()))
            .then(|| {
                chars[i..i + 4]
                    .iter()
                    .try_fold(0u32, |y, &c| Some(y * 10 + digit(c)?))
            })
            .flatten()
            .filter(|_| {
                let after = chars[i + 4..].iter().find(|c| !c.is_whitespace());
                after == Some(&'年')
            });
        let Some(y) = year else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        let y = y as i32;
        let shifted = if y == from {
            to
        } else if y == from + 1 {
            to + 1
        } else {
            y
        };
        let wide = ('０'..='９').contains(&chars[i]);
        for c in format!("{shifted:04}").chars() {
            out.push(if wide {
                char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
            } else {
                c
            });
        }
        i += 4;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shift_years;

    #[test]
    fn only_years_shift() {
        assert_eq!(
            shift_years(
                "统计期限为2024年1月1日至2024年12月31日，电话0379-62024567，国办公开办函〔2021〕30号，2025年1月发布",
                2024,
                2025
            ),
            "统计期限为2025年1月1日至2025年12月31日，电话0379-62024567，国办公开办函〔2021〕30号，2026年1月发布"
        );
        assert_eq!(
            shift_years(
                "统计期限为 2024 年 1 月 1 日至２０２４年12月31日",
                2024,
                2025
            ),
            "统计期限为 2025 年 1 月 1 日至２０２５年12月31日"
        );
        assert_eq!(
            shift_years("邮编 471000 年报", 2024, 2025),
            "邮编 471000 年报"
        );
    }
}
