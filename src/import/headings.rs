//! The part headings (一、总体情况 … 六、其他需要报告的事项) recognised in a
//! line of any source: the decoders use it to keep a heading out of a table,
//! the structure step to cut the report into its parts.

use super::normalize::{cn_digit, norm};
use crate::template::PART_HEADINGS;

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

/// How surely a line starts a part. A report can print a line that looks
/// like a part's heading inside another part (Shanghai's reports number
/// their 总体情况's own paragraphs 二、…六、, one of them 三、主动公开工作情况,
/// before the real 一、主动公开政府信息情况), and a converter can drop a
/// heading altogether; the structure step picks the surest sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// No heading, but the first sub-heading of the part (（一）主要问题
    /// after 表四 where 五、… was lost). The line stays in the part's text.
    Implied = 1,
    /// A heading in other words (`二、主动公开情况`, `总体情况`).
    Variant = 2,
    /// The template's heading, numbered (`二、主动公开政府信息情况`).
    Canonical = 4,
}

/// The part a line may start and how surely.
pub fn heading_strength(line: &str) -> Option<(usize, Strength)> {
    if let Some(p) = heading_part(line) {
        let n = norm(line);
        let canonical = norm(PART_HEADINGS[p]);
        let own_words = |s: &str| s.split_once('、').map(|(_, r)| r.to_string());
        let strength = match (own_words(&n), own_words(&canonical)) {
            (Some(got), Some(want)) if got.trim_end_matches(['。', ':']) == want => {
                Strength::Canonical
            }
            _ => Strength::Variant,
        };
        return Some((p, strength));
    }
    let n = norm(line);
    let title = n.strip_prefix("(一)")?;
    (title.contains("问题") && title.chars().count() <= 12).then_some((4, Strength::Implied))
}

/// Of the lines that may start a part — (index, part, strength), in reading
/// order — the ones taken as part headings: parts in increasing order, the
/// surest such sequence, the earlier line where two are as sure.
pub fn choose(candidates: &[(usize, usize, Strength)]) -> Vec<(usize, usize, Strength)> {
    // best[i]: the weight of the surest sequence ending at candidate i, and its previous one.
    let mut best: Vec<(u32, Option<usize>)> = Vec::with_capacity(candidates.len());
    for (i, &(_, part, strength)) in candidates.iter().enumerate() {
        let prev = (0..i).filter(|&j| candidates[j].1 < part).fold(
            None,
            |acc: Option<usize>, j| match acc {
                Some(a) if best[a].0 >= best[j].0 => Some(a),
                _ => Some(j),
            },
        );
        best.push((strength as u32 + prev.map_or(0, |j| best[j].0), prev));
    }
    let mut end = (0..candidates.len()).fold(None, |acc: Option<usize>, i| match acc {
        Some(a) if best[a].0 >= best[i].0 => Some(a),
        _ => Some(i),
    });
    let mut out = Vec::new();
    while let Some(i) = end {
        out.push(candidates[i]);
        end = best[i].1;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(lines: &[&str]) -> Vec<(usize, usize)> {
        let c: Vec<_> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| heading_strength(l).map(|(p, s)| (i, p, s)))
            .collect();
        choose(&c).into_iter().map(|(i, p, _)| (i, p)).collect()
    }

    #[test]
    fn the_template_heading_wins_over_a_look_alike_before_it() {
        let lines = [
            "一、总体情况",
            "三、主动公开工作情况",
            "一、主动公开政府信息情况",
            "二、收到和处理政府信息公开申请情况",
        ];
        assert_eq!(parts(&lines), vec![(0, 0), (2, 1), (3, 2)]);
    }

    #[test]
    fn of_two_headings_in_other_words_the_first_is_taken() {
        let lines = ["一、总体情况", "二、主动公开情况", "二、主动公开情况"];
        assert_eq!(parts(&lines), vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn a_lost_heading_is_implied_by_its_first_section_only_where_none_is_printed() {
        let lost = [
            "四、政府信息公开行政复议、行政诉讼情况",
            "（一）主要问题",
            "六、其他需要报告的事项",
        ];
        assert_eq!(parts(&lost), vec![(0, 3), (1, 4), (2, 5)]);
        let printed = [
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "（一）主要问题",
        ];
        assert_eq!(parts(&printed), vec![(0, 3), (1, 4)]);
    }
}
