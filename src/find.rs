//! 查找和替换 over the report's texts (the preamble, every part's text and
//! sub-section): where a phrase occurs, and replacing it everywhere at once —
//! after a rollover, last year's 2024年 becomes this year's 2025年 in one step.

use crate::model::Report;

/// Each text that holds `needle`, by its paragraph name, with the count.
pub fn occurrences(report: &Report, needle: &str) -> Vec<(String, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    report
        .narratives()
        .into_iter()
        .map(|(name, n)| (name, n.text.matches(needle).count()))
        .filter(|(_, count)| *count > 0)
        .collect()
}

/// Replaces every `needle` by `with` in the texts; returns how many.
pub fn replace_all(report: &mut Report, needle: &str, with: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let mut n = 0;
    for text in report.narratives_mut() {
        let count = text.text.matches(needle).count();
        if count > 0 {
            text.text = text.text.replace(needle, with);
            n += count;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Narrative;

    #[test]
    fn finds_and_replaces_in_every_text() {
        let mut r = Report::new("某局", 2025);
        r.preamble = Narrative::new("统计期限为2024年1月1日至2024年12月31日。");
        r.part5 = Narrative::new("2024年的问题。");
        let hits = occurrences(&r, "2024年");
        assert_eq!(hits.iter().map(|(_, n)| n).sum::<usize>(), 3);
        assert_eq!(hits.len(), 2);
        assert_eq!(replace_all(&mut r, "2024年", "2025年"), 3);
        assert!(occurrences(&r, "2024年").is_empty());
        assert_eq!(r.part5.text, "2025年的问题。");
        assert_eq!(replace_all(&mut r, "", "x"), 0);
    }
}
