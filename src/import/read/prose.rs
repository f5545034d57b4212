//! Step 2, prose: narrative text rebuilt into its paragraphs. A PDF (and
//! any extractor's text of one) gives the printed lines, each wrapped at the
//! column's edge; kept as they are, four paragraphs in five would end in the
//! middle of a sentence. A wrapped line is joined to the next (Chinese
//! without a space, Latin words with one); a paragraph ends at a sentence
//! end on a line shorter than the column, before a heading (`一、`, `（一）`,
//! `1.`) and before an indented first line. Sources whose lines are already
//! paragraphs (HTML, Word, text copied from Word) are left as they are:
//! their line widths do not have a column's regularity.

use crate::import::doc::{Doc, LineKind};
use crate::import::normalize::cn_digit;

/// How the lines of a source's prose are to be read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wrap {
    /// Each line is a paragraph.
    Paragraphs,
    /// Printed lines of a column this wide (display width: a Chinese
    /// character 2, an ASCII one 1).
    Printed { width: usize },
}

/// Lines at least this wide count towards the column estimate (shorter
/// ones are headings, last lines and labels).
const MIN_COUNTED: usize = 20;

/// Share of counted lines that must be as wide as the column (within
/// [`FULL`]) for the source to be taken as printed lines.
const REGULAR_SHARE: f64 = 0.4;

/// A line this close to the column's width (as a share) is full: it was wrapped.
const FULL: f64 = 0.9;

/// A line without a sentence end but shorter than this share of the column
/// is a title or a label, not a wrapped line.
const LABEL: f64 = 0.6;

/// Display width of `s`: 2 for a character outside ASCII, 1 inside.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

impl Wrap {
    /// Decides from the source's paragraph lines whether they are printed
    /// lines of a column, and how wide it is.
    pub fn of(doc: &Doc) -> Wrap {
        if matches!(doc.layout, "html" | "docx") {
            return Wrap::Paragraphs;
        }
        let mut widths: Vec<usize> = doc
            .lines
            .iter()
            .filter_map(|l| match &l.kind {
                // A table's label or header wrapped in its cell is no line of the column.
                LineKind::Para(t) if !is_table_text(t.trim()) => Some(width(t.trim())),
                _ => None,
            })
            .filter(|w| *w >= MIN_COUNTED)
            .collect();
        if widths.len() < 4 {
            return Wrap::Paragraphs;
        }
        widths.sort_unstable();
        let column = widths[widths.len() * 3 / 4];
        let full = widths
            .iter()
            .filter(|w| (**w as f64) >= column as f64 * FULL && **w <= column + column / 10)
            .count();
        if (full as f64) < widths.len() as f64 * REGULAR_SHARE {
            return Wrap::Paragraphs;
        }
        Wrap::Printed { width: column }
    }
}

fn is_table_text(t: &str) -> bool {
    use crate::import::labels::{closest_t3_row, is_template_text};
    is_template_text(t) || closest_t3_row(t, |_| true).is_some()
}

/// Ends a sentence. (A colon does not: what it introduces follows, and a
/// list after it starts its own paragraphs by their numbers.)
fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '！', '？', '；', '!', '?', ';', '”', '」', '…'])
}

/// Starts a heading or a numbered item: `一、`, `（一）`, `(1)`, `1.`, `1、`, `第一`.
fn starts_item(t: &str) -> bool {
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    if cn_digit(first).is_some() && second == Some('、') {
        return true;
    }
    if first == '（' || first == '(' {
        return second.is_some_and(|c| cn_digit(c).is_some() || c.is_ascii_digit());
    }
    if first.is_ascii_digit() {
        let rest: String = t
            .chars()
            .skip_while(|c| c.is_ascii_digit())
            .take(1)
            .collect();
        return matches!(rest.as_str(), "." | "、" | "．" | ")" | "）");
    }
    first == '第' && second.is_some_and(|c| cn_digit(c).is_some())
}

/// Leading blanks, a full-width space counting as two.
fn indent(t: &str) -> usize {
    t.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\u{3000}' { 2 } else { 1 })
        .sum()
}

/// The narrative `lines` as paragraphs, one per line of the result.
/// `lead` is the printed width of the first line's source line when the
/// first line is only its end (the text after a section title).
pub fn paragraphs(lines: &[(usize, String)], wrap: Wrap, lead: Option<usize>) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|(_, t)| t.trim_end())
        .filter(|t| !t.trim().is_empty())
        .collect();
    let Wrap::Printed { width: column } = wrap else {
        return lines
            .iter()
            .map(|t| t.trim())
            .collect::<Vec<_>>()
            .join("\n");
    };
    let base = lines.iter().map(|t| indent(t)).min().unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for (i, t) in lines.into_iter().enumerate() {
        let text = t.trim();
        let new_paragraph = !open || starts_item(text) || indent(t) > base + 1;
        match out.last_mut() {
            Some(last) if !new_paragraph => {
                let joins_words = last.ends_with(|c: char| c.is_ascii_alphabetic())
                    && text.starts_with(|c: char| c.is_ascii_alphabetic());
                if joins_words {
                    last.push(' ');
                }
                last.push_str(text);
            }
            _ => out.push(text.to_string()),
        }
        // Whether the next line carries this paragraph on.
        let w = match lead {
            Some(w) if i == 0 => w,
            _ => width(text),
        } as f64;
        open = if ends_sentence(text) {
            w >= column as f64 * FULL
        } else {
            w >= column as f64 * LABEL
        };
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &[&str]) -> Vec<(usize, String)> {
        t.iter()
            .enumerate()
            .map(|(i, s)| (i + 1, s.to_string()))
            .collect()
    }

    #[test]
    fn printed_lines_are_joined_into_paragraphs() {
        let w = Wrap::Printed { width: 40 };
        let got = paragraphs(
            &lines(&[
                "本报告由区政府办公室根据《中华人民共和",
                "国政府信息公开条例》要求编制。报告中所",
                "列数据统计期限自2023年1月1日起。",
                "（一）主动公开情况",
                "主要通过政府门户网站主动公开政府信息，",
                "共公开12条。",
            ]),
            w,
            None,
        );
        assert_eq!(
            got,
            "本报告由区政府办公室根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限自2023年1月1日起。\n\
             （一）主动公开情况\n\
             主要通过政府门户网站主动公开政府信息，共公开12条。"
        );
    }

    #[test]
    fn paragraph_sources_are_kept_line_for_line() {
        let got = paragraphs(
            &lines(&["第一段没有句号", "第二段。"]),
            Wrap::Paragraphs,
            None,
        );
        assert_eq!(got, "第一段没有句号\n第二段。");
    }
}
