//! The part headings (一、总体情况 … 六、其他需要报告的事项) recognised in a
//! line of any source: the decoders use it to keep a heading out of a table,
//! the structure step to cut the report into its parts.

use super::normalize::{cn_digit, norm};

/// Which part (0..6) a heading line starts, if it is one.
pub fn heading_part(line: &str) -> Option<usize> {
    // A heading is short: a paragraph is told apart without normalising it
    // (normalising only drops spaces and maps punctuation one to one).
    let core = line.trim_end_matches(|c: char| {
        c.is_whitespace() || ['。', '.', ':', ';', '．', '：', '；'].contains(&c)
    });
    if core
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(40)
        .is_some()
    {
        return None;
    }
    let t = norm(line);
    let t = t.trim_end_matches(['。', '.', ':', ';']);
    if t.chars().count() > 40 || t.starts_with('(') || t.is_empty() {
        return None;
    }
    let mut chars = t.chars();
    let first = chars.next()?;
    let numbered = cn_digit(first).is_some() && chars.next() == Some('、');
    let rest = if numbered {
        &t[first.len_utf8() + '、'.len_utf8()..]
    } else {
        t
    };
    if rest.contains('。') || rest.contains('.') && !numbered {
        return None;
    }
    let has = |k: &str| rest.contains(k);
    if numbered {
        if has("总体情况") || rest == "概述" {
            Some(0)
        } else if has("主动公开") && has("情况") && !has("申请") {
            Some(1)
        } else if has("申请") && (has("收到") || has("处理") || has("依申请")) && has("情况")
        {
            Some(2)
        } else if (has("复议") || has("诉讼")) && !has("申请数量") {
            Some(3)
        } else if has("问题") {
            Some(4)
        } else if has("其他") && (has("事项") || has("报告")) {
            Some(5)
        } else {
            None
        }
    } else if !["情况", "事项", "问题", "措施", "概述"]
        .iter()
        .any(|e| rest.ends_with(e))
    {
        // An unnumbered heading is the heading alone, not a wrapped line of
        // prose that happens to name it ("…行政复议和行政诉讼情况、存在的主").
        None
    } else if rest == "总体情况" || rest == "概述" {
        Some(0)
    } else if has("主动公开政府信息情况") {
        Some(1)
    } else if has("收到和处理政府信息公开申请情况") {
        Some(2)
    } else if has("行政复议") && has("行政诉讼") && t.chars().count() <= 30 {
        Some(3)
    } else if has("存在的主要问题") && t.chars().count() <= 20 {
        Some(4)
    } else if has("其他需要报告的事项") {
        Some(5)
    } else {
        None
    }
}
