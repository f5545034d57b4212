//! Dates and years as reports write them: a fact the importer (which infers
//! a report's year) and the rules (which compare years) both need.

/// Years named in "YYYY年1月1日" and "YYYY年12月31日" (spaces allowed).
pub fn period_years(text: &str) -> Vec<i32> {
    // Cheap rejection: most narrative blocks name no date at all.
    if !text.contains('月') || !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut years = Vec::new();
    for marker in ["年1月1日", "年12月31日"] {
        let mut from = 0;
        while let Some(pos) = compact[from..].find(marker) {
            let at = from + pos;
            let head = &compact[..at];
            let digits: String = head
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if digits.len() == 4
                && let Ok(y) = digits.chars().rev().collect::<String>().parse()
            {
                years.push(y);
            }
            from = at + marker.len();
        }
    }
    years
}

/// `2026年1月16日`, `2026-01-16`, `2026.1.16`, `二〇二六年一月十六日`: a date
/// as reports and clerks write it.
pub fn parse(s: &str) -> Option<chrono::NaiveDate> {
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
    (1990..2100).contains(&(y as i32)).then_some(date)
}

/// The same date as ISO text (`2026-01-16`), as imports store it.
pub fn parse_date(s: &str) -> Option<String> {
    parse(s).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Arabic digits, or Chinese numerals: digit by digit for years (二〇二六),
/// positional for months and days (十六, 二十一).
fn cn_number(s: &str, digitwise: bool) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| match c {
        '〇' | '零' | 'О' | 'o' | 'O' => Some(0),
        c => crate::template::cn_digit(c)
            .filter(|&d| d < 10)
            .map(|d| d as u32),
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
