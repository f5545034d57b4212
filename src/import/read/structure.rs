//! The report's structure: title (agency, year), preamble, the six parts with
//! their heading variants (FORMAT.md §7.6), part 一's sub-sections, part 六's
//! fee sentence and sub-sections, and the signature with its date.

use super::meta;
use super::prose::{self, Wrap};
use crate::import::doc::{Doc, LineKind, Parts, Tok};
use crate::import::headings::{Strength, choose, heading_part, heading_strength};
use crate::import::normalize::{cn_digit, norm};
use crate::import::notes::{Notes, clip};

use crate::model::{Narrative, Report, Section};
use crate::template::{PART1_SECTIONS, PART6_SECTIONS};

/// Reads everything but the tables into `report`; returns the table rows.
pub fn read(
    doc: &Doc,
    report: &mut Report,
    notes: &mut Notes,
) -> Result<Parts, crate::import::error::ImportError> {
    let mut parts = Parts::default();
    let wrap = Wrap::of(doc);
    // Part index of every line (None before part 一).
    let mut current: Option<usize> = None;
    let mut last_seen: Option<usize> = None;
    let mut before: Vec<(usize, String)> = Vec::new();
    let mut paras: [Vec<(usize, String)>; 6] = Default::default();
    // For parts 二–四: prose before and after the table, and stray text inside it.
    let mut table_seen = [false; 3];
    let mut after_table: [Vec<(usize, String)>; 3] = Default::default();
    let headings = part_headings(doc);
    for (index, line) in doc.lines.iter().enumerate() {
        match &line.kind {
            LineKind::Para(text) => {
                if let Some(&(_, p, strength)) = headings.iter().find(|h| h.0 == index) {
                    current = Some(p);
                    last_seen = Some(p);
                    if strength == Strength::Implied {
                        // The part's first sub-heading: its text, not a heading.
                        paras[p].push((line.no, text.clone()));
                    } else {
                        parts.heading_lines[p] = Some(line.no);
                    }
                    continue;
                }
                match current {
                    None => before.push((line.no, text.clone())),
                    // A label or header on a line of its own (PDF text wraps
                    // labels; their numbers sit on another line) is table text.
                    Some(p @ 1..=3) if is_table_line(text) => {
                        table_seen[p - 1] = true;
                        flush_stray(&mut after_table[p - 1], notes);
                        parts.rows[p - 1].push(
                            text.split_whitespace()
                                .map(|t| Tok::new(t, line.no))
                                .collect(),
                        );
                    }
                    Some(p @ 1..=3) if table_seen[p - 1] => {
                        after_table[p - 1].push((line.no, text.clone()))
                    }
                    Some(p) => paras[p].push((line.no, text.clone())),
                }
            }
            LineKind::Row(toks) => match current {
                Some(p @ 1..=3) => {
                    table_seen[p - 1] = true;
                    flush_stray(&mut after_table[p - 1], notes);
                    parts.rows[p - 1].push(toks.clone());
                }
                _ => {
                    let text: Vec<&str> = toks
                        .iter()
                        .map(|t| t.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect();
                    let target = match current {
                        None => &mut before,
                        Some(p) => &mut paras[p],
                    };
                    target.push((line.no, text.join(" ")));
                }
            },
        }
    }
    for p in 0..3 {
        paras[p + 1].append(&mut after_table[p]);
    }
    if last_seen.is_none() {
        if !tables_only(doc, &mut parts, notes) {
            return Err(crate::import::error::ImportError::NotAReport(refusal(doc)));
        }
        // The tables' text is no preamble.
        before.clear();
    }
    for (p, found) in parts.heading_lines.iter().enumerate() {
        if found.is_none() {
            let implied = headings
                .iter()
                .find(|h| h.1 == p && h.2 == Strength::Implied)
                .and_then(|h| match &doc.lines[h.0].kind {
                    LineKind::Para(t) => Some((doc.lines[h.0].no, t.trim())),
                    LineKind::Row(_) => None,
                });
            let (line, from) = match implied {
                Some((no, t)) => (Some(no), format!("，从“{}”起读作这一部分", clip(t))),
                None => (None, String::new()),
            };
            notes.add(
                line,
                format!(
                    "未找到第{}部分“{}”的标题{from}",
                    crate::model::cn_numeral(p),
                    crate::template::PART_HEADINGS[p]
                ),
            );
        }
    }

    meta::read_title_block(&mut before, report, notes);
    report.preamble = narrative(&before, wrap);

    // Part 一.
    read_part1(&paras[0], report, wrap);
    report.part2_text = narrative(&paras[1], wrap);
    report.part3_text = narrative(&paras[2], wrap);
    report.part4_text = narrative(&paras[3], wrap);
    report.part5 = narrative(&paras[4], wrap);
    let mut six = paras[5].clone();
    meta::read_signature(&mut six, report, notes);
    read_part6(&six, report, wrap);
    meta::infer_meta(report, notes);
    Ok(parts)
}

/// The lines that start the parts: (index in `doc.lines`, part, strength).
fn part_headings(doc: &Doc) -> Vec<(usize, usize, Strength)> {
    let candidates: Vec<(usize, usize, Strength)> = doc
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match &line.kind {
            LineKind::Para(text) => heading_strength(text).map(|(p, s)| (i, p, s)),
            LineKind::Row(_) => None,
        })
        .collect();
    choose(&candidates)
}

/// A file of tables and no parts — a working 表三 kept in a spreadsheet, a
/// table copied on its own: each row goes to the table whose words it
/// carries (rows after them stay in that table). True if a table's own
/// labels were met, and said in a note.
fn tables_only(doc: &Doc, parts: &mut Parts, notes: &mut Notes) -> bool {
    use crate::import::labels::closest_t3_row;
    let which = |text: &str| -> Option<usize> {
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if has(&[
            "第二十条",
            "本年制发件数",
            "现行有效件数",
            "行政规范性文件",
            "行政许可",
        ]) {
            Some(0)
        } else if has(&["申请人情况", "本年新收政府信息公开申请数量"])
            || closest_t3_row(text, |_| true).is_some()
        {
            Some(1)
        } else if has(&["行政复议", "未经复议直接起诉", "复议后起诉"]) {
            Some(2)
        } else {
            None
        }
    };
    let mut table: Option<usize> = None;
    let mut labelled = [0usize; 3];
    for line in &doc.lines {
        let LineKind::Row(toks) = &line.kind else {
            continue;
        };
        let first: String = toks
            .iter()
            .map(|t| t.text.trim())
            .find(|t| !t.is_empty())
            .unwrap_or_default()
            .to_string();
        if let Some(t) = which(&first) {
            table = Some(t);
            labelled[t] += 1;
        }
        if let Some(t) = table {
            parts.rows[t].push(toks.clone());
        }
    }
    // A few of a table's own labels, not one stray word.
    if labelled.iter().all(|n| *n < 3) {
        parts.rows = Default::default();
        return false;
    }
    let names: Vec<&str> = ["表二", "表三", "表四"]
        .into_iter()
        .zip(labelled)
        .filter(|(_, n)| *n >= 3)
        .map(|(t, _)| t)
        .collect();
    notes.add(
        None,
        format!(
            "文件中没有报告各部分的标题，只读取了其中的表格（{}）",
            names.join("、")
        ),
    );
    true
}

/// Why a file is no report, as truly as the text allows.
fn refusal(doc: &Doc) -> String {
    let text: String = doc
        .lines
        .iter()
        .map(|l| match &l.kind {
            LineKind::Para(t) => t.clone(),
            LineKind::Row(toks) => toks.iter().map(|t| t.text.as_str()).collect(),
        })
        .collect();
    let cjk = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    if cjk == 0 {
        return "文件中没有可读的中文文字，不是年度报告（若是扫描件，请先做文字识别）".to_string();
    }
    let inside: Vec<&str> = crate::template::PART_HEADINGS
        .iter()
        .copied()
        .filter(|h| text.contains(h))
        .collect();
    if !inside.is_empty() {
        return format!(
            "文中有“{}”等文字，但不在单独的行首，无法分出报告的各个部分",
            inside[0]
        );
    }
    "无法识别为政府信息公开工作年度报告：找不到“一、总体情况”等部分标题".to_string()
}

/// Prose that followed an earlier row and is followed by another one was
/// stray text inside the table: left out, and said so.
fn flush_stray(pending: &mut Vec<(usize, String)>, notes: &mut Notes) {
    for (no, t) in pending.drain(..) {
        notes.add(
            Some(no),
            format!("表格中间的文字“{}”未能归入任何单元格，已略去", clip(&t)),
        );
    }
}

/// A line inside parts 二–四 that belongs to a table although it holds no
/// number: a label or header (also wrapped, or with a misprint), not prose.
fn is_table_line(t: &str) -> bool {
    use crate::import::labels::{
        NormRow, closest_t3_row, is_template_text, match_label, segment, table_labels,
    };
    if t.contains('。') || heading_part(t).is_some() || t.chars().count() > 80 {
        return false;
    }
    if is_template_text(t) || closest_t3_row(t, |_| true).is_some() {
        return true;
    }
    // "行政复议行政诉讼", "结果结果其他尚未": a header's words run together.
    let pieces = segment(t);
    if pieces.len() >= 2 && pieces.iter().all(|p| is_template_text(p)) {
        return true;
    }
    let toks: Vec<Tok> = t.split_whitespace().map(|p| Tok::new(p, 0)).collect();
    // "label：28 6 0": the label and its first number in one piece.
    let toks = super::tables::explode(&toks);
    let row = NormRow::new(toks.iter().map(|t| t.text.as_str()));
    // "维持10 纠正1 其他0 …": headers with numbers, as 表四 is written in prose-like lines.
    let values = row.value_like.iter().filter(|v| **v).count();
    if values >= 2 && toks.iter().any(|t| is_template_text(&t.text)) {
        return true;
    }
    let labels = table_labels();
    (0..row.norms.len()).any(|i| match_label(&row, i, labels).is_some())
}

fn narrative(lines: &[(usize, String)], wrap: Wrap) -> Narrative {
    Narrative::new(prose::paragraphs(lines, wrap, None))
}

/// A section's title, its body lines, and the printed width of the title's
/// line when the body began on it (`（一）主动公开情况。主要通过…`).
type Titled = (String, Vec<(usize, String)>, Option<usize>);

/// `（一）主动公开：text` → ("主动公开", "text"); `None` if the line is not a sub-heading.
pub fn sub_heading(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    if !t.starts_with(['（', '(']) {
        return None;
    }
    let n = norm(t);
    let close = n.find(')')?;
    let numeral = &n[1..close];
    if numeral.chars().count() != 1 || cn_digit(numeral.chars().next()?).is_none() {
        return None;
    }
    // Cut the original text after its closing bracket.
    let orig_close = t.find(['）', ')'])?;
    let after = t[orig_close
        + if t[orig_close..].starts_with('）') {
            '）'.len_utf8()
        } else {
            1
        }..]
        .trim();
    if let Some(idx) = after.find(['：', ':']) {
        let title = after[..idx].trim();
        if title.chars().count() <= 25 && !title.contains('。') {
            let rest = after[idx..].trim_start_matches(['：', ':']).trim();
            return Some((title.to_string(), rest.to_string()));
        }
    }
    // `（一）主动公开情况。主要通过…`: a short title ended by 。, the body after it.
    if let Some(idx) = after.find('。') {
        let title = &after[..idx];
        let rest = after[idx + '。'.len_utf8()..].trim();
        // Only a title of the template's (a numbered finding in part 五 reads alike).
        let known = PART1_SECTIONS
            .iter()
            .chain(&PART6_SECTIONS)
            .any(|s| title.contains(s.trim_end_matches("情况")));
        if known && !rest.is_empty() && title.chars().count() <= 25 && !title.contains('，') {
            return Some((title.to_string(), rest.to_string()));
        }
    }
    let title = after.trim_end_matches(['。', '.']);
    if title.chars().count() <= 25
        && !title.contains('。')
        && !title.contains('，')
        && !title.is_empty()
    {
        return Some((title.to_string(), String::new()));
    }
    None
}

fn read_part1(lines: &[(usize, String)], report: &mut Report, wrap: Wrap) {
    let mut intro = Vec::new();
    let mut sections: Vec<Titled> = Vec::new();
    for (no, t) in lines {
        if let Some((title, rest)) = sub_heading(t) {
            sections.push(titled(*no, t, title, rest));
        } else if let Some((_, body, _)) = sections.last_mut() {
            body.push((*no, t.clone()));
        } else {
            intro.push((*no, t.clone()));
        }
    }
    report.part1.intro = narrative(&intro, wrap);
    report.part1.sections = to_sections(sections, wrap);
}

/// Titled bodies collected line by line, as sections.
fn to_sections(sections: Vec<Titled>, wrap: Wrap) -> Vec<Section> {
    sections
        .into_iter()
        .map(|(title, body, lead)| Section {
            title,
            body: Narrative::new(prose::paragraphs(&body, wrap, lead)),
        })
        .collect()
}

/// A section begun by the heading line `t` (line `no`).
fn titled(no: usize, t: &str, title: String, rest: String) -> Titled {
    if rest.is_empty() {
        return (title, Vec::new(), None);
    }
    (title, vec![(no, rest)], Some(prose::width(t.trim())))
}

/// Part 六: the fee sentence this program writes, sub-sections, free text.
fn read_part6(lines: &[(usize, String)], report: &mut Report, wrap: Wrap) {
    let mut text = Vec::new();
    let mut sections: Vec<Titled> = Vec::new();
    let mut skip = 0;
    for (i, (no, t)) in lines.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if report.part6.fees.is_empty() && sections.len() <= 1 {
            // The sentence, or (printed) the sentence wrapped over a few lines.
            let mut joined = String::new();
            let taken = lines[i..].iter().take(3).position(|(_, next)| {
                joined.push_str(next.trim());
                read_fee_sentence(&joined, report)
            });
            if let Some(k) = taken {
                skip = k;
                continue;
            }
        }
        match sub_heading(t) {
            Some((title, rest))
                if !(sections.is_empty() && title != PART6_SECTIONS[0] && !text.is_empty()) =>
            {
                sections.push(titled(*no, t, title, rest));
            }
            _ => match sections.last_mut() {
                Some((_, body, _)) => body.push((*no, t.clone())),
                None => text.push((*no, t.clone())),
            },
        }
    }
    // （一）收取信息处理费情况 is the fee statement and free text of part 六 itself.
    if sections
        .first()
        .is_some_and(|(t, _, _)| t == PART6_SECTIONS[0])
    {
        let (_, body, _) = sections.remove(0);
        text.extend(body);
    }
    report.part6.text = narrative(&text, wrap);
    report.part6.sections = to_sections(sections, wrap);
}

/// The fee sentence as `export::fee_sentence` writes it.
fn read_fee_sentence(t: &str, report: &mut Report) -> bool {
    use crate::cell::Cell;
    use crate::template::ValueKind;
    let Some(rest) = t.trim().strip_prefix("本年度发出收费通知") else {
        return false;
    };
    let grab = |s: &str, end: &str| -> Option<(String, String)> {
        let i = s.find(end)?;
        Some((s[..i].to_string(), s[i + end.len()..].to_string()))
    };
    let parse = |s: &str, kind| {
        if s == "—" {
            Cell::Blank
        } else {
            Cell::parse(s, kind)
        }
    };
    let Some((n, rest)) = grab(rest, "件，收费通知总金额") else {
        return false;
    };
    let Some((a, rest)) = grab(&rest, "元，实际收取信息处理费") else {
        return false;
    };
    let Some((c, rest)) = grab(&rest, "元。") else {
        return false;
    };
    if !rest.trim().is_empty() {
        return false;
    }
    report.part6.fees.notices = parse(&n, ValueKind::Count);
    report.part6.fees.notified_yuan = parse(&a, ValueKind::Amount);
    report.part6.fees.collected_yuan = parse(&c, ValueKind::Amount);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_variants() {
        assert_eq!(heading_part("一、总体情况"), Some(0));
        assert_eq!(heading_part("二、主动公开政府信息情况"), Some(1));
        assert_eq!(heading_part("三、收到和处理政府信息公开申请情况"), Some(2));
        assert_eq!(
            heading_part("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
            Some(3)
        );
        assert_eq!(heading_part("五、存在的主要问题及整改措施。"), Some(4));
        assert_eq!(
            heading_part("五、政府信息公开工作存在的主要问题及改进情况"),
            Some(4)
        );
        assert_eq!(heading_part("六、其他需要报告的事项"), Some(5));
        assert_eq!(heading_part("一、本年新收政府信息公开申请数量"), None);
        assert_eq!(heading_part("（一）主动公开情况"), None);
        assert_eq!(heading_part("一是主动公开情况。充分利用政务公开专栏"), None);
    }

    #[test]
    fn sub_headings() {
        assert_eq!(
            sub_heading("（一）主动公开："),
            Some(("主动公开".into(), "".into()))
        );
        assert_eq!(
            sub_heading("（二）依申请公开：卫滨区司法局未收到申请。"),
            Some(("依申请公开".into(), "卫滨区司法局未收到申请。".into()))
        );
        assert_eq!(
            sub_heading("（五）政务公开监督保障情况"),
            Some(("政务公开监督保障情况".into(), "".into()))
        );
        assert_eq!(
            sub_heading("(一) 政务公开信息仍需不断丰富。提高主动公开意识，丰富公开形式"),
            None
        );
        assert_eq!(
            sub_heading("（一）主动公开情况。主要通过政府门户网站主动公开"),
            Some(("主动公开情况".into(), "主要通过政府门户网站主动公开".into()))
        );
    }
}
