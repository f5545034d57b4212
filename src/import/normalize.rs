//! Text normalisation for matching labels and headings.
//!
//! Published reports write the same label with full- or half-width
//! brackets, straight or curly quotes, `1.`/`1．`/`1、` numbering and spaces
//! inside words (vertical headers broken into characters). Matching compares
//! the normalised forms of the template's own labels, never a second list.

/// Folds width, quotes and numbering and drops all whitespace.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let after_digit = prev.is_some_and(|p| p.is_ascii_digit() || ('０'..='９').contains(&p));
        prev = Some(c);
        let mapped = match c {
            c if c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' => continue,
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '．' => '.',
            '“' | '”' | '＂' | '「' | '」' => '"',
            '‘' | '’' => '\'',
            '／' => '/',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            // "1、" numbering reads as "1."
            '、' if after_digit => '.',
            c => c,
        };
        out.push(mapped);
    }
    out
}

/// Whether `s` (already normalised) looks like a number, a not-applicable mark or a blank.
pub fn is_value_like(s: &str) -> bool {
    // Most text a reader asks about is a label: a number or a mark never
    // starts with anything else, so no normalised copy is needed to say no.
    match s.trim_start().chars().next() {
        None => return true,
        Some(c)
            if !(c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "+-.＋．".contains(c)
                || crate::cell::NA_MARKS.iter().any(|m| m.starts_with(c))) =>
        {
            return false;
        }
        _ => {}
    }
    let t = crate::cell::normalize_number_text(s);
    if t.is_empty() || crate::cell::NA_MARKS.contains(&t.as_str()) {
        return true;
    }
    let t = strip_units(&t).0;
    crate::cell::Decimal::parse(t).is_some()
}

/// Unit suffixes that may follow a number in a published cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    None,
    /// 件, 个, 条, 次, 项: counts.
    Items,
    /// 万元.
    WanYuan,
    /// 元.
    Yuan,
}

/// Splits a trailing unit off a number text.
pub fn strip_units(s: &str) -> (&str, Unit) {
    for (suffix, unit) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("件", Unit::Items),
        ("个", Unit::Items),
        ("条", Unit::Items),
        ("次", Unit::Items),
        ("项", Unit::Items),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return (rest, unit);
        }
    }
    (s, Unit::None)
}

pub use crate::template::cn_digit;

/// A page header or footer that a PDF extractor leaves inside the text:
/// "— 3 —", "- 3 -", "第 3 页", "第3页 共8页", "3/8".
pub fn is_page_marker(line: &str) -> bool {
    // "— 12 —", "第 3 页", "3/8": a marker is short.
    if line.trim().len() > 32 {
        return false;
    }
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let inner = t.trim_matches(|c| matches!(c, '—' | '-' | '－' | '–'));
    if inner.len() < t.len() && digits_only(inner) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let head: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = &rest[head.len()..];
        if !head.is_empty() && after.starts_with('页') {
            return true;
        }
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits_only(a) && digits_only(b) && a.len() <= 3;
    }
    false
}

/// Spaces that Chinese text does not have, dropped: between two Chinese
/// characters, or a Chinese character and a digit — a printed line's wrap
/// turned into a space, or letter spacing read as spaces (`号 ， 邮 编 ：`,
/// `2025 年`). Spaces between Latin words and numbers stay.
pub fn drop_cjk_spaces(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for w in t.split(' ').filter(|w| !w.is_empty()) {
        let keep = match (out.chars().last(), w.chars().next()) {
            (Some(a), Some(b)) => !no_space_between(a, b),
            _ => false,
        };
        if keep {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Chinese text puts no space between `a` and `b`: both Chinese, or one
/// Chinese and the other a digit.
pub fn no_space_between(a: char, b: char) -> bool {
    let cjk_or_digit = |c: char| !c.is_ascii() || c.is_ascii_digit();
    (!a.is_ascii() || !b.is_ascii()) && cjk_or_digit(a) && cjk_or_digit(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_variants() {
        assert_eq!(norm("（三） 不 予 公 开"), "(三)不予公开");
        assert_eq!(
            norm("3.危及\"三安全一稳定\""),
            norm("3．危及“三安全一稳定”")
        );
        assert_eq!(norm("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(norm("第二十条第(一)项"), norm("第二十条第（一）项"));
    }

    #[test]
    fn page_markers() {
        assert!(is_page_marker("— 3 —"));
        assert!(is_page_marker("- 12 -"));
        assert!(is_page_marker("第 3 页"));
        assert!(is_page_marker("3/8"));
        assert!(!is_page_marker("0"));
        assert!(!is_page_marker("一、总体情况"));
    }
}
