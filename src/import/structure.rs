//! The report's structure: title (agency, year), preamble, the six parts with
//! their heading variants (FORMAT.md §7.6), part 一's sub-sections, part 六's
//! fee sentence and sub-sections, and the signature with its date.

use super::normalize::{cn_digit, norm};
use super::{Doc, LineKind, Notes, Tok};
use crate::model::{FormatVersion, Narrative, Report, Section};
use crate::template::{PART6_SECTIONS, TITLE_SUFFIX};

/// Table rows found under parts 二, 三 and 四.
#[derive(Default, Debug)]
pub struct Parts {
    /// Rows of tokens for 表二, 表三, 表四.
    pub rows: [Vec<Vec<Tok>>; 3],
    /// Line of each part heading (1-based), where found.
    pub heading_lines: [Option<usize>; 6],
}

/// Which part (0..6) a heading line starts, if it is one.
pub fn heading_part(line: &str) -> Option<usize> {
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

/// Reads everything but the tables into `report`; returns the table rows.
pub fn read(doc: &Doc, report: &mut Report, notes: &mut Notes) -> Result<Parts, String> {
    let mut parts = Parts::default();
    // Part index of every line (None before part 一).
    let mut current: Option<usize> = None;
    let mut last_seen: Option<usize> = None;
    let mut before: Vec<(usize, String)> = Vec::new();
    let mut paras: [Vec<(usize, String)>; 6] = Default::default();
    // For parts 二–四: prose before and after the table, and stray text inside it.
    let mut table_seen = [false; 3];
    let mut after_table: [Vec<(usize, String)>; 3] = Default::default();
    for line in &doc.lines {
        match &line.kind {
            LineKind::Para(text) => {
                if let Some(p) = heading_part(text)
                    && last_seen.is_none_or(|l| p > l)
                {
                    current = Some(p);
                    last_seen = Some(p);
                    parts.heading_lines[p] = Some(line.no);
                    continue;
                }
                match current {
                    None => before.push((line.no, text.clone())),
                    Some(p @ 1..=3) if table_seen[p - 1] => {
                        after_table[p - 1].push((line.no, text.clone()))
                    }
                    Some(p) => paras[p].push((line.no, text.clone())),
                }
            }
            LineKind::Row(toks) => match current {
                Some(p @ 1..=3) => {
                    table_seen[p - 1] = true;
                    // Prose that followed an earlier row was stray text inside the table.
                    for (no, t) in after_table[p - 1].drain(..) {
                        if t.chars().any(|c| c.is_ascii_digit())
                            || !super::tables::is_template_text(&t)
                        {
                            notes.add(
                                Some(no),
                                format!("表格中间的文字“{}”未能归入任何单元格，已略去", clip(&t)),
                            );
                        }
                    }
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
        return Err(
            "无法识别为政府信息公开工作年度报告：找不到“一、总体情况”等部分标题".to_string(),
        );
    }
    for (p, found) in parts.heading_lines.iter().enumerate() {
        if found.is_none() {
            notes.add(
                None,
                format!(
                    "未找到第{}部分“{}”的标题",
                    crate::model::cn_numeral(p),
                    crate::template::PART_HEADINGS[p]
                ),
            );
        }
    }

    // Title and preamble: prefer a title that names a year.
    let title_at = before
        .iter()
        .position(|(_, t)| is_title(t) && find_year(&norm(t)).is_some())
        .or_else(|| before.iter().position(|(_, t)| is_title(t)));
    if let Some(i) = title_at {
        let (no, title) = before.remove(i);
        read_title(&title, no, report, notes);
        // Lines before the title are site furniture (dates, breadcrumbs): leave them out, but say so.
        let dropped: Vec<(usize, String)> = before.drain(..i).collect();
        for (no, t) in dropped {
            notes.add(Some(no), format!("标题前的文字“{}”未导入", clip(&t)));
        }
    }
    report.preamble = narrative(&before);

    // Part 一.
    read_part1(&paras[0], report);
    report.part2_text = narrative(&paras[1]);
    report.part3_text = narrative(&paras[2]);
    report.part4_text = narrative(&paras[3]);
    report.part5 = narrative(&paras[4]);
    let mut six = paras[5].clone();
    read_signature(&mut six, report, notes);
    read_part6(&six, report);
    infer_meta(report, notes);
    Ok(parts)
}

fn clip(t: &str) -> String {
    let c: String = t.chars().take(30).collect();
    if c.len() < t.len() {
        format!("{c}…")
    } else {
        c
    }
}

fn narrative(lines: &[(usize, String)]) -> Narrative {
    Narrative::new(
        lines
            .iter()
            .map(|(_, t)| t.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// A title names the report (年度报告 / 年报) and usually its year; a
/// breadcrumb like "首页 > 政府信息公开年报" does not count.
fn is_title(t: &str) -> bool {
    let c = norm(t);
    c.chars().count() <= 60
        && !c.contains('。')
        && !c.contains('>')
        && (c.contains("年度报告") || (c.contains("年报") && find_year(&c).is_some()))
}

/// 机关 + 年份 + 政府信息公开工作年度报告 (also "2024年度…").
fn read_title(title: &str, no: usize, report: &mut Report, notes: &mut Notes) {
    let c: String = title
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from(b'0' + (c as u32 - '０' as u32) as u8)
            } else {
                c
            }
        })
        .collect();
    let c = c.trim_matches(|ch| matches!(ch, '《' | '》' | '"' | '“' | '”'));
    if let Some((pos, year)) = find_year(c) {
        report.meta.year = Some(year);
        let head = &c[..pos];
        let mut tail = &c[pos + 4..];
        tail = tail.trim_start_matches('年').trim_start_matches('度');
        let agency = if !head.is_empty() {
            head.to_string()
        } else {
            let end = tail.find("政府信息").unwrap_or(tail.len());
            tail[..end].to_string()
        };
        let agency = agency.strip_suffix("关于").unwrap_or(&agency);
        report.meta.agency = agency.strip_suffix('的').unwrap_or(agency).to_string();
    } else {
        let end = c
            .find(TITLE_SUFFIX)
            .or_else(|| c.find("政府信息"))
            .unwrap_or(c.len());
        report.meta.agency = c[..end].to_string();
        notes.add(Some(no), "标题中没有年份");
    }
}

/// The first 4-digit year (1990..2100) directly followed by 年: (byte offset, year).
fn find_year(s: &str) -> Option<(usize, i32)> {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && s[i + 4..].starts_with('年')
        {
            let y: i32 = s[i..i + 4].parse().ok()?;
            if (1990..2100).contains(&y) {
                return Some((i, y));
            }
        }
    }
    None
}

/// `（一）主动公开：text` → ("主动公开", "text"); `None` if the line is not a sub-heading.
pub fn sub_heading(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let n = norm(t);
    if !n.starts_with('(') {
        return None;
    }
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

fn read_part1(lines: &[(usize, String)], report: &mut Report) {
    let mut intro = Vec::new();
    let mut sections: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (no, t) in lines {
        if let Some((title, rest)) = sub_heading(t) {
            let mut body = Vec::new();
            if !rest.is_empty() {
                body.push((*no, rest));
            }
            sections.push((title, body));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push((*no, t.clone()));
        } else {
            intro.push((*no, t.clone()));
        }
    }
    report.part1.intro = narrative(&intro);
    report.part1.sections = to_sections(sections);
}

/// Titled bodies collected line by line, as sections.
fn to_sections(sections: Vec<(String, Vec<(usize, String)>)>) -> Vec<Section> {
    sections
        .into_iter()
        .map(|(title, body)| Section {
            title,
            body: narrative(&body),
        })
        .collect()
}

/// Part 六: the fee sentence this program writes, sub-sections, free text.
fn read_part6(lines: &[(usize, String)], report: &mut Report) {
    let mut text = Vec::new();
    let mut sections: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (no, t) in lines {
        if report.part6.fees.is_empty() && sections.len() <= 1 && read_fee_sentence(t, report) {
            continue;
        }
        match sub_heading(t) {
            Some((title, rest))
                if !(sections.is_empty() && title != PART6_SECTIONS[0] && !text.is_empty()) =>
            {
                let mut body = Vec::new();
                if !rest.is_empty() {
                    body.push((*no, rest));
                }
                sections.push((title, body));
            }
            _ => match sections.last_mut() {
                Some((_, body)) => body.push((*no, t.clone())),
                None => text.push((*no, t.clone())),
            },
        }
    }
    // （一）收取信息处理费情况 is the fee statement and free text of part 六 itself.
    if sections
        .first()
        .is_some_and(|(t, _)| t == PART6_SECTIONS[0])
    {
        let (_, body) = sections.remove(0);
        text.extend(body);
    }
    report.part6.text = narrative(&text);
    report.part6.sections = to_sections(sections);
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

/// Takes the signature (agency line and date) off the end of part 六. Lines
/// after the date (a web page's footer) are left out, and said so.
fn read_signature(lines: &mut Vec<(usize, String)>, report: &mut Report, notes: &mut Notes) {
    let tail_start = lines.len().saturating_sub(4);
    if let Some(d) = (tail_start..lines.len())
        .rev()
        .find(|&i| parse_date(&lines[i].1).is_some())
    {
        for (no, t) in lines.drain(d + 1..).collect::<Vec<_>>() {
            notes.add(
                Some(no),
                format!("落款之后的文字“{}”不属于报告正文，未导入", clip(&t)),
            );
        }
    }
    let Some((_, last)) = lines.last().cloned() else {
        return;
    };
    let compact_last: String = last.chars().filter(|c| !c.is_whitespace()).collect();
    if !report.meta.agency.is_empty() && compact_last == report.meta.agency {
        // A signature without a date.
        lines.pop();
        return;
    }
    let Some(date) = parse_date(&last) else {
        return;
    };
    lines.pop();
    report.meta.date = date;
    if let Some((ano, agency)) = lines.last().cloned() {
        let a = agency.trim();
        // An agency name has a few characters ("无" before the date is text, not a signature).
        if (3..=30).contains(&a.chars().count()) && !a.contains(['。', '，', ',', '：', ':']) {
            lines.pop();
            let a: String = a.chars().filter(|c| !c.is_whitespace()).collect();
            if report.meta.agency.is_empty() {
                report.meta.agency = a;
                notes.add(Some(ano), "报告没有标题，编制机关取自落款");
            } else if report.meta.agency != a {
                notes.add(
                    Some(ano),
                    format!("落款机关“{a}”与标题中的“{}”不同", report.meta.agency),
                );
            }
        }
    }
}

/// `2026年1月16日`, `2026-01-16`, `2026.1.16`, `二〇二六年一月十六日` → ISO.
pub fn parse_date(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches(['。', '.']);
    if t.chars().count() > 16 {
        return None;
    }
    let (y, m, d) = if t.contains('年') {
        let (y, rest) = t.split_once('年')?;
        let (m, rest) = rest.split_once('月')?;
        let d = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))?;
        (
            cn_number(y, true)?,
            cn_number(m, false)?,
            cn_number(d, false)?,
        )
    } else {
        let parts: Vec<&str> = t.split(['-', '.', '/']).collect();
        if parts.len() != 3 {
            return None;
        }
        (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        )
    };
    let date = chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
    (1990..2100)
        .contains(&(y as i32))
        .then(|| date.format("%Y-%m-%d").to_string())
}

/// Arabic digits, or Chinese numerals: digit by digit for years (二〇二六),
/// positional for months and days (十六, 二十一).
fn cn_number(s: &str, digitwise: bool) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| match c {
        '〇' | '零' | 'О' | 'o' | 'O' => Some(0),
        c => cn_digit(c).filter(|&d| d < 10).map(|d| d as u32),
    };
    if digitwise {
        return s
            .chars()
            .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?));
    }
    match s.chars().collect::<Vec<_>>().as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Fills agency and year when there was no usable title, and says where from.
fn infer_meta(report: &mut Report, notes: &mut Notes) {
    if report.meta.year.is_none() {
        let period = crate::rules::period_years(&report.preamble.text);
        if let Some(&y) = period.first() {
            report.meta.year = Some(y);
            notes.add(None, format!("报告没有标题，报告年度 {y} 取自统计期限"));
        } else if let Some((_, y)) = find_year(&compact(&first_text(report))) {
            report.meta.year = Some(y);
            notes.add(None, format!("报告没有标题，报告年度 {y} 取自正文开头"));
        } else if let Ok(d) = chrono::NaiveDate::parse_from_str(&report.meta.date, "%Y-%m-%d") {
            use chrono::Datelike;
            report.meta.year = Some(d.year() - 1);
            notes.add(
                None,
                format!("报告年度 {} 按落款日期的上一年推定", d.year() - 1),
            );
        } else {
            notes.add(None, "找不到报告年度");
        }
    }
    if report.meta.agency.is_empty() {
        match agency_in(&first_text(report)) {
            Some(a) => {
                notes.add(
                    None,
                    format!("报告没有标题和落款，编制机关“{a}”取自正文开头"),
                );
                report.meta.agency = a;
            }
            None => notes.add(None, "找不到编制机关名称"),
        }
    }
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The opening text of the report body: preamble, else part 一.
fn first_text(report: &Report) -> String {
    let mut s = report.preamble.text.clone();
    if s.trim().is_empty() {
        s = report.part1.intro.text.clone();
    }
    if s.trim().is_empty() {
        s = report
            .part1
            .sections
            .first()
            .map(|x| x.body.text.clone())
            .unwrap_or_default();
    }
    s.chars().take(200).collect()
}

/// Endings of agency names (局, 委员会, 人民政府, 办事处 …).
const AGENCY_ENDINGS: [&str; 12] = [
    "人民政府",
    "办事处",
    "委员会",
    "办公室",
    "管理局",
    "中心",
    "局",
    "委",
    "办",
    "厅",
    "院",
    "署",
];

/// The first agency name in `text`: CJK characters ending in an agency
/// ending and preceded by punctuation, a year or the start.
fn agency_in(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for end in 0..chars.len() {
        let upto: String = chars[..=end].iter().collect();
        if !AGENCY_ENDINGS.iter().any(|e| upto.ends_with(e)) {
            continue;
        }
        let mut start = end;
        while start > 0 && is_cjk(chars[start - 1]) && chars[start - 1] != '年' {
            start -= 1;
        }
        let name: String = chars[start..=end].iter().collect();
        if (4..=20).contains(&name.chars().count()) {
            return Some(name);
        }
    }
    None
}

/// Decides `meta.format` from what the tables showed and the year (FORMAT.md §8.2).
pub fn settle_format(report: &mut Report, notes: &mut Notes) {
    let by_year = match report.meta.year {
        Some(y) if y <= 2018 => Some(FormatVersion::Legacy),
        Some(y) if y <= 2020 => Some(FormatVersion::F2019),
        Some(_) => Some(FormatVersion::F2021),
        None => None,
    };
    if let Some(by_year) = by_year
        && by_year != report.meta.format
        && by_year != FormatVersion::Legacy
    {
        notes.add(
            None,
            format!(
                "报告年度 {} 通常使用 {} 版格式，但表格内容是 {} 版格式，已按表格内容处理",
                report.meta.year.unwrap_or_default(),
                by_year.as_str(),
                report.meta.format.as_str()
            ),
        );
    }
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
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026年1月16日"), Some("2026-01-16".into()));
        assert_eq!(parse_date("2026 年 1 月 16 日"), Some("2026-01-16".into()));
        assert_eq!(
            parse_date("二〇二六年一月十六日"),
            Some("2026-01-16".into())
        );
        assert_eq!(parse_date("2025-12-31"), Some("2025-12-31".into()));
        assert_eq!(parse_date("编辑:"), None);
    }

    #[test]
    fn agency_from_text() {
        assert_eq!(
            agency_in("2022年,东风区司法局认真履行《条例》"),
            Some("东风区司法局".into())
        );
    }
}
