//! W4: numbers quoted in the narrative (收到…申请N件, 结转…N件, 行政复议N件,
//! 行政诉讼N件) must match the tables.
//!
//! Conservative by design: a clause is read only when it names exactly one
//! of the quantities, and only the first count after the keyword is taken.

use super::{Ctx, Finding, RuleId};
use crate::template::{CellKey, R01, R25, T3_TOTAL_COL, T4_TOTAL_COL};

/// What a clause talks about.
#[derive(Clone, Copy, PartialEq)]
enum Quantity {
    Received,
    CarriedForward,
    Review,
    Suit,
}

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = ctx.report;
    let mut texts: Vec<(&str, &str)> = vec![("一、总体情况", r.part1.intro.text.as_str())];
    for s in &r.part1.sections {
        texts.push(("一、总体情况", s.body.text.as_str()));
    }
    texts.push(("四、说明文字", r.part4_text.text.as_str()));
    let mut seen = Vec::new();
    for (place, text) in texts {
        for clause in text.split([
            '。', '；', ';', '，', ',', '！', '？', '\n', '（', '(', '）', ')', '、',
        ]) {
            // Only clauses that quote a number can disagree with a table.
            if !clause.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let Some((q, n, kw)) = read_clause(clause) else {
                continue;
            };
            let (table, key, label) = match q {
                Quantity::Received => (
                    ctx.totals.t3[R01][T3_TOTAL_COL],
                    CellKey::T3 {
                        row: R01,
                        col: T3_TOTAL_COL,
                    },
                    "表三“一、本年新收政府信息公开申请数量”总计",
                ),
                Quantity::CarriedForward => (
                    ctx.totals.t3[R25][T3_TOTAL_COL],
                    CellKey::T3 {
                        row: R25,
                        col: T3_TOTAL_COL,
                    },
                    "表三“四、结转下年度继续办理”总计",
                ),
                Quantity::Review => (
                    ctx.totals.t4[0],
                    CellKey::T4 {
                        group: 0,
                        col: T4_TOTAL_COL,
                    },
                    "表四“行政复议”总计",
                ),
                Quantity::Suit => (
                    ctx.totals.t4[1] + ctx.totals.t4[2],
                    CellKey::T4 {
                        group: 1,
                        col: T4_TOTAL_COL,
                    },
                    "表四“行政诉讼”两项总计之和",
                ),
            };
            if n != table && !seen.contains(&(key, n)) {
                seen.push((key, n));
                let mut cells = vec![key];
                if q == Quantity::Suit {
                    cells.push(CellKey::T4 {
                        group: 2,
                        col: T4_TOTAL_COL,
                    });
                }
                out.push(Finding::warning(
                    RuleId::W4,
                    &cells,
                    format!(
                        "{place}中写“{}”（{kw} {n} 件），但{label}为 {table}",
                        clause.trim()
                    ),
                ));
            }
        }
    }
}

/// Recognises one clause; returns the quantity, the number and the keyword.
fn read_clause(clause: &str) -> Option<(Quantity, i64, &'static str)> {
    let has = |k: &str| clause.contains(k);
    let (q, kw) = if has("行政复议") && !has("诉讼") {
        (Quantity::Review, "行政复议")
    } else if has("行政诉讼") && !has("复议") {
        (Quantity::Suit, "行政诉讼")
    } else if (has("结转") || has("顺延")) && (has("下年") || has("下一年")) {
        (
            Quantity::CarriedForward,
            if has("结转") { "结转" } else { "顺延" },
        )
    } else if has("申请") && !has("结转") && !has("上年") && !has("复议") && !has("诉讼")
    {
        let kw = ["收到", "受理", "新收"].into_iter().find(|k| has(k))?;
        (Quantity::Received, kw)
    } else {
        return None;
    };
    let start = clause.find(kw)? + kw.len();
    first_count(&clause[start..]).map(|n| (q, n, kw))
}

/// The first number directly followed (spaces allowed) by 件.
fn first_count(s: &str) -> Option<i64> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if chars.get(j) == Some(&'件') {
                return digits.parse().ok();
            }
            return None;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_typical_clauses() {
        assert!(matches!(
            read_clause("我局共受理政府信息公开申请 1 件"),
            Some((Quantity::Received, 1, _))
        ));
        assert!(matches!(
            read_clause("全年收到政府信息依申请公开事件0件次"),
            Some((Quantity::Received, 0, _))
        ));
        assert!(read_clause("另有103件顺延到下年度答复").is_none());
        assert!(matches!(
            read_clause("结转下年度办理 3 件"),
            Some((Quantity::CarriedForward, 3, _))
        ));
        assert!(matches!(
            read_clause("被申请行政复议2件"),
            Some((Quantity::Review, 2, _))
        ));
        assert!(read_clause("其中依申请公开 1 件").is_none());
        assert!(read_clause("未产生行政复议和行政诉讼").is_none());
    }
}
