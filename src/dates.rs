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
