//! Matching printed text to the template's labels.
//!
//! Every label the importer recognises comes from `crate::template`; this
//! module only decides whether a piece of printed text *is* one of them:
//! exactly, broken over cells or lines (a run of tokens whose joined text is
//! the label or a unique prefix of it), run together with its neighbours
//! (crawler text, split by [`segment`]), or with a typo of a few characters
//! ([`closest_t3_row`], which never picks a label of another numbered item).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::normalize::{is_value_like, norm};
use crate::template::{
    FORMAT_2019_MARKERS, T2_BLOCKS, T2_INFO_HEADER, T2_ROWS_2019, T3_APPLICANTS, T3_COLS,
    T3_GROUPS, T3_NOTE, T3_ORGS, T3_RESULTS_GROUP, T3_ROWS, T4_COLS, T4_GROUPS, T4_REVIEW, T4_SUIT,
};

/// Normalised text for label matching: also folds the enumeration comma 、
/// and the comma ， together, which reports mix up inside long labels.
pub fn lnorm(s: &str) -> String {
    let mut n = norm(s);
    if n.contains('、') {
        n = n.replace('、', ",");
    }
    n
}

/// Every label and header text of the three tables, normalised.
fn known() -> &'static [String] {
    static KNOWN: OnceLock<Vec<String>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut v: Vec<&str> = vec![
            T3_NOTE,
            T3_APPLICANTS,
            T3_ORGS,
            T3_RESULTS_GROUP.label,
            T2_INFO_HEADER,
            T4_REVIEW,
            T4_SUIT,
        ];
        v.extend(T3_ROWS.iter().map(|r| r.label));
        v.extend(T3_GROUPS.iter().map(|g| g.label));
        v.extend(T3_COLS.iter().map(|c| c.label));
        v.extend(T4_GROUPS.iter().map(|g| g.label));
        v.extend(T4_COLS.iter().map(|c| c.1));
        for b in &T2_BLOCKS {
            v.push(b.caption);
            v.extend(b.columns.iter().copied());
            v.extend(b.rows.iter().map(|r| r.0));
        }
        v.extend(T2_ROWS_2019.iter().map(|r| r.label));
        v.extend(FORMAT_2019_MARKERS.iter().copied());
        v.into_iter().map(lnorm).collect()
    })
}

/// Whether `t` is (part of) a template label or header: a wrapped label's
/// second line, a broken header. Such text carries no data.
pub fn is_template_text(t: &str) -> bool {
    static EXACT: OnceLock<HashSet<String>> = OnceLock::new();
    let known = known();
    let exact = EXACT.get_or_init(|| known.iter().cloned().collect());
    let is_known = |s: &str| {
        let n = lnorm(s);
        // Most cells are whole labels: a hash lookup before the substring scan.
        // A single character ("无", "总") is a piece of a label only when
        // it is one on its own; elsewhere it is likely a cell's text.
        n.is_empty()
            || exact.contains(&n)
            || (n.chars().count() >= 2 && known.iter().any(|k| k.contains(&n)))
    };
    // "信息内容      本年处理决定数量", "总 计 结果 结果 其他": several headers
    // (or a header broken into characters) on one line.
    let loose = |s: &str| {
        let n = lnorm(s);
        exact.contains(&n) || known.iter().any(|k| k.contains(&n))
    };
    is_known(t) || (t.split_whitespace().nth(1).is_some() && t.split_whitespace().all(loose))
}

/// Splits text that runs several labels together (`（三）不予公开1.属于国家秘密`,
/// `结果维持结果纠正其他结果`) into the labels, longest match first. Text that
/// is no label is kept as its own piece. Pieces are normalised.
pub fn segment(t: &str) -> Vec<String> {
    let n = lnorm(t);
    let known = known();
    let mut out = Vec::new();
    let mut other = String::new();
    let mut rest = n.as_str();
    while let Some(c) = rest.chars().next() {
        let best = known
            .iter()
            .filter(|k| k.chars().count() >= 2 && rest.starts_with(k.as_str()))
            .max_by_key(|k| k.len());
        match best {
            Some(k) => {
                if !other.is_empty() {
                    out.push(std::mem::take(&mut other));
                }
                out.push(k.clone());
                rest = &rest[k.len()..];
            }
            None => {
                other.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !other.is_empty() {
        out.push(other);
    }
    out
}

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A 表二 row (2021): the field indices of its values.
    T2(&'static [usize]),
    /// A 表二 row of the 2019 format (index into `T2_ROWS_2019`).
    T2of2019(usize),
    /// A 表三 row.
    T3(usize),
    /// A 表三 group label (no values of its own, but （六） has them when
    /// it is printed as one row).
    T3Group(usize),
    /// 三、本年度办理结果.
    T3Results,
}

pub struct Label {
    pub norm: String,
    pub target: Target,
}

/// 表二's row labels (2021, or the 2019 trial format's), normalised once.
pub fn t2_labels(f2019: bool) -> &'static [Label] {
    static L2021: OnceLock<Vec<Label>> = OnceLock::new();
    static L2019: OnceLock<Vec<Label>> = OnceLock::new();
    if f2019 {
        L2019.get_or_init(|| {
            T2_ROWS_2019
                .iter()
                .enumerate()
                .map(|(i, r)| Label {
                    norm: lnorm(r.label),
                    target: Target::T2of2019(i),
                })
                .collect()
        })
    } else {
        L2021.get_or_init(|| {
            T2_BLOCKS
                .iter()
                .flat_map(|b| b.rows.iter())
                .map(|(label, fields)| Label {
                    norm: lnorm(label),
                    target: Target::T2(fields),
                })
                .collect()
        })
    }
}

/// 表三's row and group labels, normalised once.
pub fn t3_labels() -> &'static [Label] {
    static L: OnceLock<Vec<Label>> = OnceLock::new();
    L.get_or_init(|| {
        let mut v: Vec<Label> = T3_ROWS
            .iter()
            .enumerate()
            .map(|(i, r)| Label {
                norm: lnorm(r.label),
                target: Target::T3(i),
            })
            .collect();
        v.extend(T3_GROUPS.iter().enumerate().map(|(i, g)| Label {
            norm: lnorm(g.label),
            target: Target::T3Group(i),
        }));
        v.push(Label {
            norm: lnorm(T3_RESULTS_GROUP.label),
            target: Target::T3Results,
        });
        v
    })
}

/// 表三's and 表二's labels together (for telling table lines from prose).
pub fn table_labels() -> &'static [Label] {
    static L: OnceLock<Vec<Label>> = OnceLock::new();
    L.get_or_init(|| {
        t3_labels()
            .iter()
            .chain(t2_labels(false))
            .map(|l| Label {
                norm: l.norm.clone(),
                target: l.target,
            })
            .collect()
    })
}

/// A row with each token normalised once (matching tries many starts).
pub struct NormRow {
    pub norms: Vec<String>,
    /// Empty, a number or a not-applicable mark: never part of a label.
    pub value_like: Vec<bool>,
}

impl NormRow {
    pub fn new<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let norms: Vec<String> = texts.map(lnorm).collect();
        let value_like = norms
            .iter()
            .map(|n| n.is_empty() || is_value_like(n))
            .collect();
        NormRow { norms, value_like }
    }
}

/// Matches a label starting at token `i`; returns the target and the last token used.
///
/// Consecutive text tokens are joined (labels broken over cells or lines);
/// a unique prefix of at least four characters is accepted for labels that
/// were wrapped and lost their end.
pub fn match_label(row: &NormRow, i: usize, labels: &[Label]) -> Option<(Target, usize)> {
    let mut acc = String::new();
    let mut best: Option<(Target, usize, bool)> = None;
    for j in i..row.norms.len() {
        if row.value_like[j] {
            break;
        }
        acc.push_str(&row.norms[j]);
        let mut prefixed = labels.iter().filter(|l| l.norm.starts_with(&acc));
        let first = prefixed.next();
        let unique = first.is_some() && prefixed.next().is_none();
        match first {
            None => break,
            Some(l) if l.norm == acc => best = Some((l.target, j, true)),
            Some(l) if unique && acc.chars().count() >= 4 && !best.is_some_and(|b| b.2) => {
                best = Some((l.target, j, false))
            }
            _ => {}
        }
        if let Some(exact) = labels.iter().find(|l| l.norm == acc) {
            best = Some((exact.target, j, true));
        }
    }
    best.map(|(t, j, _)| (t, j))
}

/// `1.` … `8.` at the start of a normalised label: the item number.
fn item_number(n: &str) -> Option<(char, &str)> {
    let mut cs = n.chars();
    let d = cs.next().filter(char::is_ascii_digit)?;
    let rest = cs.as_str().strip_prefix('.')?;
    Some((d, rest))
}

/// The 表三 row whose label `text` is, allowing a misprint of a few
/// characters (`2.其他法律行政止公开`): among the rows `allowed` admits, the
/// unique one with the same item number whose label shares most characters
/// in order with the text — and clearly more than any other row does.
pub fn closest_t3_row(text: &str, allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let n = lnorm(text);
    let (d, body) = item_number(&n)?;
    let body: Vec<char> = body.chars().collect();
    if body.len() < 3 {
        return None;
    }
    // Each numbered row's item number and label body, split once.
    type Body = Option<(char, Vec<char>)>;
    static BODIES: OnceLock<Vec<Body>> = OnceLock::new();
    let bodies = BODIES.get_or_init(|| {
        T3_ROWS
            .iter()
            .map(|r| {
                let ln = lnorm(r.label);
                item_number(&ln).map(|(d, b)| (d, b.chars().collect()))
            })
            .collect()
    });
    let mut scored: Vec<(usize, f32)> = bodies
        .iter()
        .enumerate()
        .filter(|(i, _)| allowed(*i))
        .filter_map(|(i, b)| {
            let (ld, lbody) = b.as_ref()?;
            if *ld != d {
                return None;
            }
            let common = lcs(&body, lbody) as f32;
            Some((i, common / body.len().max(lbody.len()) as f32))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    match scored.as_slice() {
        [(i, s), rest @ ..] if *s >= 0.6 && rest.first().is_none_or(|r| r.1 < s - 0.25) => Some(*i),
        _ => None,
    }
}

/// Length of the longest common subsequence (labels are short).
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: &[&str]) -> NormRow {
        NormRow::new(v.iter().copied())
    }

    #[test]
    fn matches_wrapped_and_split_labels() {
        let labels = t3_labels();
        let t = row(&["4. 保护第三方", "", "0"]);
        assert_eq!(match_label(&t, 0, labels).map(|m| m.0), Some(Target::T3(7)));
        let t = row(&["(三)", "不予公开", "1.属于国家秘密", "0"]);
        assert_eq!(match_label(&t, 0, labels), Some((Target::T3Group(0), 1)));
        assert_eq!(match_label(&t, 2, labels), Some((Target::T3(4), 2)));
        let t = row(&["(二) 部分公开", "0"]);
        assert_eq!(match_label(&t, 0, labels).map(|m| m.0), Some(Target::T3(3)));
        let t = row(&["3.其他", "0"]);
        assert_eq!(
            match_label(&t, 0, labels).map(|m| m.0),
            Some(Target::T3(22))
        );
    }

    #[test]
    fn typo_finds_the_closest_label_of_the_same_item_number() {
        assert_eq!(closest_t3_row("2.其他法律行政止公开", |_| true), Some(5));
        assert_eq!(
            closest_t3_row("2、其他法律行政法规禁公开", |_| true),
            Some(5)
        );
        // Another item number never matches, however close the words.
        assert_eq!(closest_t3_row("3.其他法律行政止公开", |_| true), None);
        assert_eq!(closest_t3_row("2.今年的工作很好", |_| true), None);
    }

    #[test]
    fn segments_run_together_labels() {
        assert_eq!(
            segment("（三）不予公开1.属于国家秘密"),
            vec!["(三)不予公开", "1.属于国家秘密"]
        );
        assert_eq!(
            segment("结果维持结果纠正其他结果尚未审结总计"),
            vec!["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        );
        assert!(
            segment("三、本年度办 理结果 （一）予以公开")
                .iter()
                .all(|s| is_template_text(s))
        );
    }
}
