//! The report's metadata: title (agency and year, also a title centred over
//! two lines or given in a site's metadata table), the signature with its
//! date, and what is inferred when there is no title. Site furniture —
//! breadcrumbs, metadata tables, a crawler's separator lines — is left out,
//! and said so.

use crate::dates::parse_date;
use crate::import::normalize::norm;
use crate::import::notes::Notes;
use crate::import::notes::clip;
use crate::model::{FormatVersion, Report};
use crate::template::TITLE_SUFFIX;

/// Finds the title among the lines before part 一, reads it, and leaves the
/// preamble's lines in `before`.
pub fn read_title_block(before: &mut Vec<(usize, String)>, report: &mut Report, notes: &mut Notes) {
    // Title and preamble: prefer a title that names a year.
    let title_at = before
        .iter()
        .position(|(_, t)| is_title(t) && find_year(&norm(t)).is_some())
        .or_else(|| before.iter().position(|(_, t)| is_title(t)));
    // Site metadata (标题：…, 发布机构：…, ==== 正文 ====) is no part of the report.
    let mut kept = Vec::new();
    for (no, t) in before.drain(..) {
        match site_metadata(&t) {
            // Only a title field names the report; a path or link that
            // contains the title is furniture.
            Some(value) if is_title_field(&t) && is_title(value) => {
                kept.push((no, value.to_string()))
            }
            Some(_) => notes.add(
                Some(no),
                format!("网页信息“{}”不属于报告正文，未导入", clip(&t)),
            ),
            None => kept.push((no, t)),
        }
    }
    *before = kept;
    // A title wrapped at the end: "某局 2025 年政府信息公开" / "工作年度报告".
    if let Some(i) = (0..before.len().saturating_sub(1)).find(|&i| {
        let (a, b) = (&before[i].1, &before[i + 1].1);
        !is_title(a)
            && !a.contains('。')
            && b.trim().chars().count() <= 12
            && is_title(&format!("{}{}", a.trim(), b.trim()))
    }) {
        let (_, next) = before.remove(i + 1);
        before[i].1 = format!("{}{}", before[i].1.trim(), next.trim());
    }
    let title_at = title_at.or(Some(0)).and_then(|_| {
        before
            .iter()
            .position(|(_, t)| is_title(t) && find_year(&norm(t)).is_some())
            .or_else(|| before.iter().position(|(_, t)| is_title(t)))
    });
    if let Some(mut i) = title_at {
        let (no, mut title) = before.remove(i);
        // A title centred over two lines: the agency above, the year and 年度报告 below.
        if i > 0 && title_starts_with_year(&title) && is_agency_line(&before[i - 1].1) {
            let (_, agency) = before.remove(i - 1);
            title = format!("{}{title}", agency.trim());
            i -= 1;
        }
        read_title(&title, no, report, notes);
        // Lines before the title are site furniture (dates, breadcrumbs): leave them out, but say so.
        let dropped: Vec<(usize, String)> = before.drain(..i).collect();
        for (no, t) in dropped {
            notes.add(Some(no), format!("标题前的文字“{}”未导入", clip(&t)));
        }
    }
}

/// Keys of the metadata tables that sites and crawlers put above a report.
const SITE_METADATA: [&str; 22] = [
    "标题",
    "名称",
    "题名",
    "发布时间",
    "发布日期",
    "成文日期",
    "生成日期",
    "文号",
    "发文字号",
    "发布机构",
    "发文机关",
    "来源",
    "信息来源",
    "栏目",
    "原文链接",
    "链接",
    "本地目录",
    "索引号",
    "主题分类",
    "分类",
    "浏览次数",
    "公开方式",
];

/// The value of a site metadata line (`发布机构：某某办公室` → `某某办公室`),
/// or `Some("")` for a crawler's separator line; `None` for report text.
fn site_metadata(t: &str) -> Option<&str> {
    let t = t.trim();
    if t.starts_with("====") || t.starts_with("页面链接") {
        return Some("");
    }
    let (key, value) = t.split_once([':', '：'])?;
    SITE_METADATA.contains(&key.trim()).then(|| value.trim())
}

/// `标题：…`, `名称：…`, `题名：…`.
fn is_title_field(t: &str) -> bool {
    ["标题", "名称", "题名"].iter().any(|k| {
        t.trim()
            .strip_prefix(k)
            .is_some_and(|r| r.trim_start().starts_with([':', '：']))
    })
}

fn title_starts_with_year(t: &str) -> bool {
    let c = norm(t);
    find_year(&c).is_some_and(|(pos, _)| pos == 0)
}

/// A line holding only an agency's name.
fn is_agency_line(t: &str) -> bool {
    let c: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    (3..=30).contains(&c.chars().count())
        && !c.contains(['。', '，', ',', '：', ':', '《'])
        && AGENCY_ENDINGS.iter().any(|e| c.ends_with(e))
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

/// Takes the signature (agency line and date) off the end of part 六. Lines
/// after the date (a web page's footer) are left out, and said so.
pub fn read_signature(lines: &mut Vec<(usize, String)>, report: &mut Report, notes: &mut Notes) {
    split_run_together_signature(lines);
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

/// Crawler text runs the signature into the last paragraph
/// (`…情况。平安县市场监督管理局2026年1月20日`): cut it back into the
/// agency line and the date line that [`read_signature`] expects.
fn split_run_together_signature(lines: &mut Vec<(usize, String)>) {
    let Some((no, last)) = lines.last().cloned() else {
        return;
    };
    let t = last.trim();
    if parse_date(t).is_some() || !t.ends_with('日') {
        return;
    }
    // The date starts at its four-digit year.
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let Some(k) = (0..chars.len().saturating_sub(4)).rev().find(|&k| {
        chars[k..k + 4].iter().all(|(_, c)| c.is_ascii_digit())
            && (k == 0 || !chars[k - 1].1.is_ascii_digit())
            && parse_date(&t[chars[k].0..]).is_some()
    }) else {
        return;
    };
    let (head, date) = t.split_at(chars[k].0);
    let cut = head
        .rfind(['。', '；', '！'])
        .map(|i| i + '。'.len_utf8())
        .unwrap_or(0);
    let (text, agency) = head.split_at(cut);
    if !(3..=30).contains(&agency.chars().count()) {
        return;
    }
    lines.pop();
    if !text.trim().is_empty() {
        lines.push((no, text.trim().to_string()));
    }
    lines.push((no, agency.to_string()));
    lines.push((no, date.to_string()));
}

/// Fills agency and year when there was no usable title, and says where from.
pub fn infer_meta(report: &mut Report, notes: &mut Notes) {
    if report.meta.year.is_none() {
        let period = crate::dates::period_years(&report.preamble.text);
        if let Some(&y) = period.first() {
            report.meta.year = Some(y);
            notes.add(None, format!("报告没有标题，报告年度 {y} 取自统计期限"));
        } else if let Some((_, y)) = find_year(&compact(&first_text(report))) {
            report.meta.year = Some(y);
            notes.add(None, format!("报告没有标题，报告年度 {y} 取自正文开头"));
        } else if let Some(d) = crate::dates::parse(&report.meta.date) {
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
        let mut name: String = chars[start..=end].iter().collect();
        // "本报告由某某办公室…编制": the compiler of the report, after 由.
        if let Some(i) = name.rfind('由') {
            name = name[i + '由'.len_utf8()..].to_string();
        }
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
        assert_eq!(
            agency_in("本报告由淮安市洪泽区人民政府办公室根据《条例》编制"),
            Some("淮安市洪泽区人民政府".into())
        );
    }
}
