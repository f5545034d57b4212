//! Decoding, Markdown as PDF converters write it (pymupdf4llm and its
//! kin). They decide headings by font size, so a report set in 3号 comes
//! out with whole text blocks on one `## ` line, each printed line wrap a
//! space (`（以下 简称《条例》）`) and the page number at its end; table cells
//! carry `<br>` for wraps and `Col2`… for empty header cells; and the line
//! above a table (a paragraph's last line, the part heading) lands in the
//! table's first row. These helpers undo that for the plain-text reader.

use crate::import::headings::heading_part;
use crate::import::normalize::{cn_digit, drop_cjk_spaces, is_page_marker};

/// A table cell's text: wraps (`三<br>、<br>本`) joined — without a space
/// between Chinese characters — and a converter's placeholder (`Col3`) blank.
pub fn cell(c: &str) -> String {
    let c = c.trim();
    if c.strip_prefix("Col")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|d| d.is_ascii_digit()))
    {
        return String::new();
    }
    if !c.contains("<br>") {
        return c.to_string();
    }
    let pieces: Vec<&str> = c.split("<br>").map(str::trim).collect();
    join_wrapped(&pieces)
}

/// Lines of one paragraph joined: Chinese without a space, Latin words with one.
fn join_wrapped(pieces: &[&str]) -> String {
    let mut out = String::new();
    for p in pieces.iter().filter(|p| !p.is_empty()) {
        let glue = match (out.chars().last(), p.chars().next()) {
            (Some(a), Some(b)) => a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric(),
            _ => false,
        };
        if glue {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// A `## ` line too long for a heading is a text block: its paragraphs,
/// cut before each heading (`一、…`, `（一）…`) that follows a sentence's
/// end, the wrap spaces between Chinese characters dropped, a trailing page
/// number left out. `None` for a real heading.
pub fn block(line: &str) -> Option<Vec<String>> {
    let text = line.trim_start_matches('#').trim();
    if text.len() == line.trim().len() || text.chars().count() <= 60 {
        return None;
    }
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut paras: Vec<Vec<&str>> = vec![Vec::new()];
    // At the start, after a sentence's end or after a heading.
    let mut boundary = true;
    for w in &words {
        if boundary && starts_heading(w) {
            paras.push(Vec::new());
            // A heading on its printed line of its own: its own paragraph.
            if w.chars().count() <= 20 && !w.contains(['。', '；', '，']) {
                paras.push(vec![w]);
                paras.push(Vec::new());
                continue;
            }
        }
        boundary = w.ends_with(['。', '；', '：']);
        if let Some(p) = paras.last_mut() {
            p.push(w);
        }
    }
    // "— 1 —" closes the block: the page's foot.
    if let Some(last) = paras.last_mut() {
        let tail = last.len().saturating_sub(3);
        if let Some(k) = (tail..last.len()).find(|&k| is_page_marker(&last[k..].join(" "))) {
            last.truncate(k);
        }
    }
    Some(
        paras
            .iter()
            .map(|p| drop_cjk_spaces(&p.join(" ")))
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

fn starts_heading(w: &str) -> bool {
    let mut c = w.chars();
    match (c.next(), c.next(), c.next()) {
        (Some(d), Some('、'), _) => cn_digit(d).is_some(),
        (Some('（'), Some(d), Some('）')) => cn_digit(d).is_some(),
        _ => false,
    }
}

/// A table row that holds only the text printed above the table — the end
/// of a paragraph and a part heading (`形。 二、主动公开政府信息情况`), the
/// other cells empty: (the paragraph's end, the heading).
pub fn heading_row(cells: &[String]) -> Option<(String, String)> {
    let mut filled = cells.iter().filter(|c| !c.is_empty());
    let only = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let (before, heading) = match only.rfind(['。', '；']) {
        Some(i) => {
            let end = i + only[i..].chars().next().map_or(0, char::len_utf8);
            (only[..end].trim(), only[end..].trim())
        }
        None => ("", only.trim()),
    };
    heading_part(heading).map(|_| (before.to_string(), heading.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_lose_their_wraps_and_placeholders() {
        assert_eq!(cell("三<br>、<br>本"), "三、本");
        assert_eq!(cell("Col12"), "");
        assert_eq!(cell("Column"), "Column");
        assert_eq!(cell("第一项加第二项<br>之和"), "第一项加第二项之和");
    }

    #[test]
    fn a_text_block_on_a_heading_line_becomes_its_paragraphs() {
        let line = "## 本报告根据《条例》（以下 简称《条例》）要求编制，电话 0000-1234567。 \
                    一、总体情况 2025 年，本局深入贯彻 落实《条例》。 （一）主动公开 全年公开 612 条。 — 1 —";
        assert_eq!(
            block(line).unwrap(),
            vec![
                "本报告根据《条例》（以下简称《条例》）要求编制，电话0000-1234567。",
                "一、总体情况",
                "2025年，本局深入贯彻落实《条例》。",
                "（一）主动公开",
                "全年公开612条。",
            ]
        );
        assert_eq!(block("## 一、总体情况"), None);
        let two = "## 五、存在的主要问题及改进情况 （一）存在的主要问题 一是政策解读形式较为单一，图解、视频解读占比不高； 二是基层市场监管所信息报送不够及时。";
        assert_eq!(
            block(two).unwrap(),
            vec![
                "五、存在的主要问题及改进情况",
                "（一）存在的主要问题",
                "一是政策解读形式较为单一，图解、视频解读占比不高；二是基层市场监管所信息报送不够及时。"
            ]
        );
    }

    #[test]
    fn a_heading_caught_in_a_tables_first_row_is_given_back() {
        let row = ["形。 二、主动公开政府信息情况".to_string(), String::new()];
        assert_eq!(
            heading_row(&row),
            Some(("形。".to_string(), "二、主动公开政府信息情况".to_string()))
        );
        assert_eq!(heading_row(&["规章".to_string(), "0".to_string()]), None);
    }
}
