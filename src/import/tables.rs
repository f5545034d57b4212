//! Reading 表二, 表三 and 表四 out of rows of tokens.
//!
//! A row is read as records: a record starts at a token (or a run of tokens,
//! for labels broken over cells) that matches a template row label after
//! normalisation, and its values are the tokens that follow up to the next
//! label. Merge artefacts (empty cells around values) are trimmed against
//! the number of values the template expects; what does not fit is noted.

use super::normalize::{Unit, is_value_like, norm, strip_units};
use super::structure::Parts;
use super::{Notes, Tok};
use crate::cell::{Cell, Decimal};
use crate::model::{FormatVersion, Report};
use crate::template::{
    CellKey, FORMAT_2019_MARKERS, FORMAT_2021_MARKERS, R03, R23, R24, T2_BLOCKS, T2_FIELDS,
    T2_ROWS_2019, T3_COLS, T3_GROUPS, T3_INPUT_COLS, T3_RESULTS_GROUP, T3_ROWS, T4_GROUPS,
    T4_INPUT_COLS, ValueKind,
};

/// Normalised text for label matching: also folds the enumeration comma 、
/// and the comma ， together, which reports mix up inside long labels.
fn lnorm(s: &str) -> String {
    let mut n = norm(s);
    if n.contains('、') {
        n = n.replace('、', ",");
    }
    n
}

/// Whether `t` is (part of) a template label or header: a wrapped label's
/// second line, a broken header. Such text carries no data.
pub fn is_template_text(t: &str) -> bool {
    static KNOWN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        use crate::template::*;
        let mut v: Vec<&str> = vec![
            T3_NOTE,
            T3_APPLICANTS,
            T3_ORGS,
            T3_RESULTS_GROUP.label,
            T2_INFO_HEADER,
            T4_REVIEW,
            T4_SUIT,
        ];
        v.extend(T3_ROWS.iter().map(|r| r.label));
        v.extend(T3_GROUPS.iter().map(|g| g.label));
        v.extend(T3_COLS.iter().map(|c| c.label));
        v.extend(T4_GROUPS.iter().map(|g| g.label));
        v.extend(T4_COLS.iter().map(|c| c.1));
        for b in &T2_BLOCKS {
            v.push(b.caption);
            v.extend(b.columns.iter().copied());
            v.extend(b.rows.iter().map(|r| r.0));
        }
        v.extend(T2_ROWS_2019.iter().map(|r| r.label));
        v.extend(FORMAT_2019_MARKERS.iter().copied());
        v.into_iter().map(lnorm).collect()
    });
    static EXACT: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let exact = EXACT.get_or_init(|| known.iter().cloned().collect());
    let is_known = |s: &str| {
        let n = lnorm(s);
        // Most cells are whole labels: a hash lookup before the substring scan.
        n.is_empty() || exact.contains(&n) || known.iter().any(|k| k.contains(&n))
    };
    // "信息内容      本年处理决定数量": several headers on one line.
    is_known(t) || t.split_whitespace().all(is_known)
}

/// Long text in a table row that is neither a value nor template text (a
/// sentence pasted into the table) is left out — and said so.
fn note_stray_text(rows: &[Vec<Tok>], notes: &mut Notes) {
    for tok in rows.iter().flatten() {
        let t = tok.text.trim();
        if t.chars().count() >= 12 && !is_value_like(t) && !is_template_text(t) {
            let clip: String = t.chars().take(30).collect();
            notes.add(
                Some(tok.line),
                format!("表格中的文字“{clip}”不是表格栏目，也不是数值，未导入"),
            );
        }
    }
}

/// Marker text of the note written when a 元 amount was converted to 万元 (read by W5).
pub const YUAN_NOTE: &str = "以“元”为单位";

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    /// A 表二 row (2021): the field indices of its values.
    T2(&'static [usize]),
    /// A 表二 row of the 2019 format (index into `T2_ROWS_2019`).
    T2of2019(usize),
    /// A 表三 row.
    T3(usize),
    /// A 表三 group label (no values of its own; （六） has them in 2019).
    T3Group(usize),
    /// 三、本年度办理结果.
    T3Results,
}

struct Label {
    norm: String,
    target: Target,
}

fn t2_labels(f2019: bool) -> Vec<Label> {
    if f2019 {
        T2_ROWS_2019
            .iter()
            .enumerate()
            .map(|(i, r)| Label {
                norm: lnorm(r.label),
                target: Target::T2of2019(i),
            })
            .collect()
    } else {
        T2_BLOCKS
            .iter()
            .flat_map(|b| b.rows.iter())
            .map(|(label, fields)| Label {
                norm: lnorm(label),
                target: Target::T2(fields),
            })
            .collect()
    }
}

/// 表二's captions and column headers (both formats): they end a row's values.
fn t2_stops() -> Vec<String> {
    let mut v: Vec<String> = vec![lnorm(crate::template::T2_INFO_HEADER)];
    for b in &T2_BLOCKS {
        v.push(lnorm(b.caption));
        v.extend(b.columns.iter().map(|c| lnorm(c)));
    }
    v.extend(FORMAT_2019_MARKERS.iter().map(|m| lnorm(m)));
    v.extend(
        ["处理决定数量", "第二十条第(九)项", "采购项目数量"]
            .iter()
            .map(|m| lnorm(m)),
    );
    v
}

fn t3_labels() -> Vec<Label> {
    let mut v: Vec<Label> = T3_ROWS
        .iter()
        .enumerate()
        .map(|(i, r)| Label {
            norm: lnorm(r.label),
            target: Target::T3(i),
        })
        .collect();
    v.extend(T3_GROUPS.iter().enumerate().map(|(i, g)| Label {
        norm: lnorm(g.label),
        target: Target::T3Group(i),
    }));
    v.push(Label {
        norm: lnorm(T3_RESULTS_GROUP.label),
        target: Target::T3Results,
    });
    v
}

/// Matches a label starting at token `i`; returns the target and the last token used.
///
/// Consecutive text tokens are joined (labels broken over cells or lines);
/// a unique prefix of at least four characters is accepted for labels that
/// were wrapped and lost their end.
fn match_label(row: &NormRow, i: usize, labels: &[Label]) -> Option<(Target, usize)> {
    let mut acc = String::new();
    let mut best: Option<(Target, usize, bool)> = None;
    for j in i..row.norms.len() {
        if row.value_like[j] {
            break;
        }
        let t = &row.norms[j];
        acc.push_str(t);
        let mut prefixed = labels.iter().filter(|l| l.norm.starts_with(&acc));
        let first = prefixed.next();
        let unique = first.is_some() && prefixed.next().is_none();
        match first {
            None => break,
            Some(l) if l.norm == acc => best = Some((l.target, j, true)),
            Some(l) if unique && acc.chars().count() >= 4 && !best.is_some_and(|b| b.2) => {
                best = Some((l.target, j, false))
            }
            _ => {}
        }
        if let Some(exact) = labels.iter().find(|l| l.norm == acc) {
            best = Some((exact.target, j, true));
        }
    }
    best.map(|(t, j, _)| (t, j))
}

/// A row with each token normalised once (matching tries many starts).
struct NormRow {
    norms: Vec<String>,
    /// Empty, a number or a not-applicable mark: never part of a label.
    value_like: Vec<bool>,
}

impl NormRow {
    fn new(row: &[Tok]) -> Self {
        let norms: Vec<String> = row.iter().map(|t| lnorm(&t.text)).collect();
        let value_like = norms
            .iter()
            .map(|n| n.is_empty() || is_value_like(n))
            .collect();
        NormRow { norms, value_like }
    }
}

/// A labelled record: the target, its label's line and the tokens after it.
struct Record<'a> {
    target: Target,
    line: usize,
    tail: &'a [Tok],
}

/// Splits every row into records. A token in `stops` (a caption or column
/// header) ends the current record without starting one.
fn records<'a>(rows: &'a [Vec<Tok>], labels: &[Label], stops: &[String]) -> Vec<Record<'a>> {
    let mut out = Vec::new();
    for row in rows {
        let nrow = NormRow::new(row);
        let mut i = 0;
        let mut open: Option<(Target, usize, usize)> = None;
        while i < row.len() {
            let label = match_label(&nrow, i, labels);
            if label.is_none() && stops.contains(&nrow.norms[i]) {
                if let Some((t, line, start)) = open.take() {
                    out.push(Record {
                        target: t,
                        line,
                        tail: &row[start..i],
                    });
                }
                i += 1;
                continue;
            }
            if let Some((target, j)) = label {
                if let Some((t, line, start)) = open.take() {
                    out.push(Record {
                        target: t,
                        line,
                        tail: &row[start..i],
                    });
                }
                open = Some((target, row[i].line, j + 1));
                i = j + 1;
            } else {
                i += 1;
            }
        }
        if let Some((t, line, start)) = open {
            out.push(Record {
                target: t,
                line,
                tail: &row[start..],
            });
        }
    }
    out
}

/// How a record's values fitted the number the template expects.
#[derive(Debug, PartialEq)]
enum Fit {
    Exact,
    /// More values than expected; the first ones were used.
    Extra(usize),
    /// Fewer values than expected.
    Short(usize),
}

/// Trims merge artefacts (empty cells) off both ends to reach `expected` values.
fn fit(tail: &[Tok], expected: usize) -> (Vec<Option<&Tok>>, Fit) {
    let mut v: Vec<&Tok> = tail.iter().collect();
    while v.len() > expected && v.last().is_some_and(|t| t.text.trim().is_empty()) {
        v.pop();
    }
    while v.len() > expected && v.first().is_some_and(|t| t.text.trim().is_empty()) {
        v.remove(0);
    }
    let fit = match v.len() {
        n if n == expected => Fit::Exact,
        n if n > expected => Fit::Extra(n - expected),
        n => Fit::Short(n),
    };
    v.truncate(expected);
    let mut out: Vec<Option<&Tok>> = v.into_iter().map(Some).collect();
    out.resize(expected, None);
    (out, fit)
}

/// Parses one published value for a cell of `kind`, noting units.
fn value(tok: Option<&Tok>, kind: ValueKind, key: CellKey, notes: &mut Notes) -> Cell {
    let Some(tok) = tok else { return Cell::Blank };
    let raw = tok.text.trim();
    let folded = crate::cell::normalize_number_text(raw);
    let (num, unit) = strip_units(&folded);
    match (unit, kind) {
        (Unit::Yuan, ValueKind::Amount) => match Decimal::parse(num) {
            Some(d) => {
                let wan = yuan_to_wan(d);
                notes.add_cells(
                    Some(tok.line),
                    format!(
                        "{}原文“{raw}”{YUAN_NOTE}，已换算为 {} 万元",
                        key.label(),
                        wan
                    ),
                    vec![key.to_string()],
                );
                Cell::Dec(wan)
            }
            None => Cell::Invalid(raw.to_string()),
        },
        (Unit::None, _) | (Unit::WanYuan, ValueKind::Amount) | (Unit::Items, ValueKind::Count) => {
            match Cell::parse(num, kind) {
                Cell::Invalid(_) => Cell::Invalid(raw.to_string()),
                c => c,
            }
        }
        _ => Cell::Invalid(raw.to_string()),
    }
}

/// 元 → 万元, keeping at most four decimals (rounded half up).
fn yuan_to_wan(d: Decimal) -> Decimal {
    let mut units = d.units as i128;
    let mut scale = d.scale as u32 + 4;
    while scale > 4 {
        units = (units + 5 * units.signum()) / 10;
        scale -= 1;
    }
    while scale > 0 && units % 10 == 0 {
        units /= 10;
        scale -= 1;
    }
    Decimal {
        units: units as i64,
        scale: scale as u8,
    }
}

pub fn read(parts: &Parts, report: &mut Report, notes: &mut Notes) {
    let has_marker = |rows: &[Vec<Tok>], markers: &[&str]| {
        let markers: Vec<String> = markers.iter().map(|m| lnorm(m)).collect();
        rows.iter().flatten().any(|t| {
            let n = lnorm(&t.text);
            markers.iter().any(|m| n.contains(m.as_str()))
        })
    };
    let all: Vec<Vec<Tok>> = parts.rows.iter().flatten().cloned().collect();
    let is_2019 = has_marker(&parts.rows[0], &FORMAT_2019_MARKERS);
    let is_2021 = has_marker(&all, &FORMAT_2021_MARKERS);
    if is_2019 && !is_2021 {
        report.meta.format = FormatVersion::F2019;
    } else if is_2019 {
        notes.add(
            None,
            "表格中同时出现 2019 版和 2021 版栏目，已按 2021 版读取，2019 版栏目未导入",
        );
    }
    for rows in &parts.rows {
        note_stray_text(rows, notes);
    }
    read_t2(&parts.rows[0], report, notes);
    read_t3(&parts.rows[1], report, notes);
    read_t4(&parts.rows[2], report, notes);
}

fn read_t2(rows: &[Vec<Tok>], report: &mut Report, notes: &mut Notes) {
    if rows.is_empty() {
        notes.add(None, "未找到表二（主动公开政府信息情况），表二各项为空");
        return;
    }
    let f2019 = report.meta.format == FormatVersion::F2019;
    let labels = t2_labels(f2019);
    let mut seen = vec![false; labels.len()];
    for rec in records(rows, &labels, &t2_stops()) {
        let idx = labels
            .iter()
            .position(|l| l.target == rec.target)
            .unwrap_or(0);
        if std::mem::replace(&mut seen[idx], true) {
            notes.add(Some(rec.line), "表二中此行重复出现，已忽略后一次");
            continue;
        }
        match rec.target {
            Target::T2(fields) => {
                let (vals, fit_kind) = fit(rec.tail, fields.len());
                note_fit(
                    &fit_kind,
                    rec.line,
                    &format!("表二“{}”", T2_FIELDS[fields[0]].row_label),
                    fields.len(),
                    notes,
                );
                for (f, tok) in fields.iter().zip(vals) {
                    report.t2[*f] = value(tok, T2_FIELDS[*f].kind, CellKey::T2(*f), notes);
                }
            }
            Target::T2of2019(i) => {
                let row = &T2_ROWS_2019[i];
                let (vals, _) = fit(rec.tail, row.values);
                let shown: Vec<String> = vals
                    .iter()
                    .map(|t| t.map(|t| t.text.clone()).unwrap_or_default())
                    .collect();
                match row.decisions {
                    Some(f) => {
                        report.t2[f] = value(
                            vals[row.values - 1],
                            ValueKind::Count,
                            CellKey::T2(f),
                            notes,
                        );
                        notes.add_cells(
                            Some(rec.line),
                            format!(
                                "2019 版表二“{}”：“处理决定数量”{} 填入 2021 版“本年处理决定数量”；“上一年项目数量”“本年增/减”（{}）2021 版没有，未导入",
                                row.label,
                                shown[row.values - 1],
                                shown[..row.values - 1].join("、")
                            ),
                            vec![CellKey::T2(f).to_string()],
                        );
                    }
                    None => notes.add(
                        Some(rec.line),
                        format!(
                            "2019 版表二“{}”（{}）在 2021 版中没有对应栏目，未导入",
                            row.label,
                            shown.join("、")
                        ),
                    ),
                }
            }
            _ => {}
        }
    }
    for (i, l) in labels.iter().enumerate() {
        if !seen[i]
            && let Target::T2(fields) = l.target
        {
            notes.add(
                None,
                format!("表二中未找到“{}”行", T2_FIELDS[fields[0]].row_label),
            );
        }
    }
    if f2019 {
        notes.add(None, "2019 版格式：表二“第二十条第（一）项”“第二十条第（八）项”的 2021 版栏目在原报告中没有，保持为空");
    }
}

fn note_fit(fit: &Fit, line: usize, place: &str, expected: usize, notes: &mut Notes) {
    match fit {
        Fit::Exact => {}
        Fit::Extra(n) => notes.add(
            Some(line),
            format!("{place}多出 {n} 个数值（应为 {expected} 个），只取前 {expected} 个"),
        ),
        Fit::Short(n) => notes.add(
            Some(line),
            format!("{place}只有 {n} 个数值（应为 {expected} 个），缺少的格保持为空"),
        ),
    }
}

fn read_t3(rows: &[Vec<Tok>], report: &mut Report, notes: &mut Notes) {
    if rows.is_empty() {
        notes.add(
            None,
            "未找到表三（收到和处理政府信息公开申请情况），表三各项为空",
        );
        return;
    }
    let labels = t3_labels();
    let recs = records(rows, &labels, &[]);
    // The 总计 column exists if the header names it, or if rows carry seven values.
    let first_data = recs.first().map(|r| r.line).unwrap_or(usize::MAX);
    let header_total = rows
        .iter()
        .flatten()
        .filter(|t| t.line < first_data || recs.is_empty())
        .any(|t| lnorm(&t.text) == "总计");
    let sevens = recs
        .iter()
        .filter(|r| matches!(r.target, Target::T3(_)))
        .filter(|r| r.tail.iter().filter(|t| !t.text.trim().is_empty()).count() >= 7)
        .count();
    let has_total = header_total || sevens * 2 > recs.len();
    let expected = if has_total { 7 } else { 6 };
    if !has_total {
        notes.add(
            Some(first_data.min(rows[0][0].line)),
            "表三没有“总计”列，总计由各申请人列相加得出",
        );
    }
    let mut seen = [false; 25];
    // Cells a short row could not fill: (row, col, line).
    let mut missing: Vec<(usize, usize, usize)> = Vec::new();
    let mut short_lines: Vec<(usize, usize)> = Vec::new();
    for rec in &recs {
        let row = match rec.target {
            Target::T3(row) => row,
            Target::T3Group(3)
                if rec.tail.iter().any(|t| !t.text.trim().is_empty())
                    && rec.tail.iter().all(|t| is_value_like(&t.text)) =>
            {
                // 2019 format: （六）其他处理 is one row with numbers.
                let (vals, _) = fit(rec.tail, expected);
                let mut cells: [Cell; T3_INPUT_COLS] = Default::default();
                for (c, cell) in cells.iter_mut().enumerate() {
                    *cell = value(
                        vals[c],
                        ValueKind::Count,
                        CellKey::T3 { row: 22, col: c },
                        notes,
                    );
                }
                report.t3_2019_other = Some(cells);
                report.meta.format = FormatVersion::F2019;
                notes.add(
                    Some(rec.line),
                    "2019 版表三“（六）其他处理”只有一行，2021 版分为 3 项；其数值单独保存并计入（七）总计，未填入 2021 版各项",
                );
                continue;
            }
            _ => continue,
        };
        if std::mem::replace(&mut seen[row], true) {
            notes.add(
                Some(rec.line),
                format!("表三“{}”行重复出现，已忽略后一次", T3_ROWS[row].label),
            );
            continue;
        }
        let (vals, fit_kind) = fit(rec.tail, expected);
        match fit_kind {
            Fit::Short(n) => {
                short_lines.push((rec.line, n));
                for c in n..T3_INPUT_COLS {
                    if row != R24 {
                        missing.push((row, c, rec.line));
                    }
                }
            }
            Fit::Extra(_) => note_fit(
                &fit_kind,
                rec.line,
                &format!("表三“{}”行", T3_ROWS[row].label),
                expected,
                notes,
            ),
            Fit::Exact => {}
        }
        for (col, tok) in vals.iter().enumerate() {
            let key = CellKey::T3 { row, col };
            let cell = value(*tok, ValueKind::Count, key, notes);
            if row == R24 || col >= T3_INPUT_COLS {
                if tok.is_some() {
                    report.published.insert(key.to_string(), cell);
                }
            } else {
                report.t3.0[row][col] = cell;
            }
        }
    }
    if !short_lines.is_empty() {
        let lines: Vec<String> = short_lines.iter().map(|(l, _)| l.to_string()).collect();
        let counts: Vec<usize> = short_lines.iter().map(|(_, n)| *n).collect();
        notes.add(
            Some(short_lines[0].0),
            format!(
                "表三有 {} 行数值不足 {expected} 个（第 {} 行，分别只有 {} 个），已按顺序从“自然人”列起填入",
                short_lines.len(),
                lines.join("、"),
                counts.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("、")
            ),
        );
        infer_missing(&missing, report, notes);
    }
    zero_reconciled_rows(report, notes);
    let absent: Vec<&str> = (0..25)
        .filter(|&r| r != R24 && !seen[r])
        .filter(|&r| !(report.t3_2019_other.is_some() && (20..=22).contains(&r)))
        .map(|r| T3_ROWS[r].label)
        .collect();
    if !absent.is_empty() {
        notes.add(
            None,
            format!(
                "表三中未找到 {} 行：{}，这些格保持为空",
                absent.len(),
                absent.join("；")
            ),
        );
    }
}

/// FORMAT.md §7.1: reports often leave applicant cells empty and put 0 only
/// in 总计. Where a row's published 总计 equals the sum of its filled cells,
/// the empty cells can only be 0: they are read as 0, and said so.
fn zero_reconciled_rows(report: &mut Report, notes: &mut Notes) {
    let mut rows = Vec::new();
    for row in 0..25 {
        let total_key = CellKey::T3 {
            row,
            col: crate::template::T3_TOTAL_COL,
        };
        let Some(Cell::Int(total)) = report.published(total_key).cloned() else {
            continue;
        };
        let cells: Vec<Cell> = (0..T3_INPUT_COLS)
            .map(|col| {
                if row == R24 {
                    report
                        .published(CellKey::T3 { row, col })
                        .cloned()
                        .unwrap_or(Cell::Blank)
                } else {
                    report.t3.0[row][col].clone()
                }
            })
            .collect();
        let blanks = cells.iter().filter(|c| **c == Cell::Blank).count();
        let numbers_only = cells
            .iter()
            .all(|c| matches!(c, Cell::Blank | Cell::Int(_)));
        let sum: i64 = cells.iter().map(Cell::int_value).sum();
        if blanks == 0 || !numbers_only || sum != total {
            continue;
        }
        for (col, c) in cells.iter().enumerate() {
            if *c == Cell::Blank {
                let key = CellKey::T3 { row, col };
                if row == R24 {
                    report.published.insert(key.to_string(), Cell::Int(0));
                } else {
                    report.t3.0[row][col] = Cell::Int(0);
                }
            }
        }
        rows.push(T3_ROWS[row].label);
    }
    if !rows.is_empty() {
        notes.add(
            None,
            format!(
                "表三有 {} 行部分申请人格为空，但公布的总计与已填数之和相等，空格按 0 读取：{}",
                rows.len(),
                rows.join("；")
            ),
        );
    }
}

/// Fills cells a short row left out when the column's published （七）总计
/// determines them (all counts are ≥ 0), and says so.
fn infer_missing(missing: &[(usize, usize, usize)], report: &mut Report, notes: &mut Notes) {
    for col in 0..T3_INPUT_COLS {
        let cells: Vec<&(usize, usize, usize)> = missing.iter().filter(|m| m.1 == col).collect();
        if cells.is_empty() {
            continue;
        }
        let published = match report.published(CellKey::T3 { row: R24, col }) {
            Some(Cell::Int(v)) => Some(*v),
            _ => None,
        };
        let outcome_rows = |r: usize| (R03..=R23).contains(&r);
        let known: i64 = (R03..=R23).map(|r| report.t3.0[r][col].int_value()).sum();
        let outcome_missing: Vec<&&(usize, usize, usize)> =
            cells.iter().filter(|m| outcome_rows(m.0)).collect();
        let label = T3_COLS[col].label;
        match published {
            Some(total) if outcome_missing.len() == cells.len() && total - known >= 0 => {
                let rest = total - known;
                if rest == 0 || cells.len() == 1 {
                    let each = if cells.len() == 1 { rest } else { 0 };
                    for m in &cells {
                        report.t3.0[m.0][col] = Cell::Int(each);
                    }
                    notes.add_cells(
                        Some(cells[0].2),
                        format!(
                            "表三“{label}”列缺少的 {} 格按公布的（七）总计 {total} 推算为 {each}",
                            cells.len()
                        ),
                        cells
                            .iter()
                            .map(|m| CellKey::T3 { row: m.0, col }.to_string())
                            .collect(),
                    );
                    continue;
                }
                notes.add(
                    Some(cells[0].2),
                    format!(
                        "表三“{label}”列缺少 {} 格，无法由总计推算，保持为空",
                        cells.len()
                    ),
                );
            }
            _ => notes.add(
                Some(cells[0].2),
                format!("表三“{label}”列缺少 {} 格，保持为空", cells.len()),
            ),
        }
    }
}

fn read_t4(rows: &[Vec<Tok>], report: &mut Report, notes: &mut Notes) {
    // The data row is the one made of numbers (a stray text cell in it is kept
    // as invalid text); rows are told apart by shape, not position.
    let numbers = |r: &Vec<Tok>| {
        r.iter()
            .filter(|t| !t.text.trim().is_empty() && is_value_like(&t.text))
            .count()
    };
    let texts = |r: &Vec<Tok>| {
        r.iter()
            .filter(|t| !t.text.trim().is_empty() && !is_value_like(&t.text))
            .count()
    };
    let data: Vec<Tok> =
        if let Some(row) = rows.iter().rev().find(|r| numbers(r) >= 8 && texts(r) <= 3) {
            row.clone()
        } else {
            // One stream of cells (no row breaks): the values follow the last header text.
            let toks: Vec<&Tok> = rows.iter().flatten().collect();
            let start = toks
                .iter()
                .rposition(|t| !t.text.trim().is_empty() && !is_value_like(&t.text))
                .map(|i| i + 1)
                .unwrap_or(0);
            toks[start..].iter().map(|t| (*t).clone()).collect()
        };
    if data.iter().all(|t| t.text.trim().is_empty()) {
        notes.add(
            None,
            "未找到表四（行政复议、行政诉讼情况）的数值，表四各项为空",
        );
        return;
    }
    let (vals, fit_kind) = fit(&data, 15);
    note_fit(&fit_kind, data[0].line, "表四", 15, notes);
    for (group, _) in T4_GROUPS.iter().enumerate() {
        for col in 0..=T4_INPUT_COLS {
            let key = CellKey::T4 { group, col };
            let cell = value(vals[group * 5 + col], ValueKind::Count, key, notes);
            if col == T4_INPUT_COLS {
                if vals[group * 5 + col].is_some() {
                    report.published.insert(key.to_string(), cell);
                }
            } else {
                report.t4[group][col] = cell;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(v: &[&str]) -> Vec<Tok> {
        v.iter()
            .map(|t| Tok {
                text: t.to_string(),
                line: 1,
            })
            .collect()
    }

    #[test]
    fn fit_trims_merge_artefacts() {
        let t = toks(&["", "1", "0", "0", "0", "0", "0", "1", ""]);
        let (v, f) = fit(&t, 7);
        assert_eq!(f, Fit::Exact);
        assert_eq!(v[0].unwrap().text, "1");
        let t = toks(&[
            "", "", "", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
        ]);
        let (v, _) = fit(&t, 15);
        assert!(v[0].unwrap().text.is_empty() && v[5].unwrap().text == "0");
    }

    #[test]
    fn matches_wrapped_and_split_labels() {
        let labels = t3_labels();
        let t = toks(&["4. 保护第三方", "", "0"]);
        assert_eq!(
            match_label(&NormRow::new(&t), 0, &labels).map(|m| m.0),
            Some(Target::T3(7))
        );
        let t = toks(&["(三)", "不予公开", "1.属于国家秘密", "0"]);
        assert_eq!(
            match_label(&NormRow::new(&t), 0, &labels),
            Some((Target::T3Group(0), 1))
        );
        assert_eq!(
            match_label(&NormRow::new(&t), 2, &labels),
            Some((Target::T3(4), 2))
        );
        let t = toks(&["(二) 部分公开", "0"]);
        assert_eq!(
            match_label(&NormRow::new(&t), 0, &labels).map(|m| m.0),
            Some(Target::T3(3))
        );
        let t = toks(&["3.其他", "0"]);
        assert_eq!(
            match_label(&NormRow::new(&t), 0, &labels).map(|m| m.0),
            Some(Target::T3(22))
        );
    }

    #[test]
    fn yuan_converts_to_wan() {
        assert_eq!(
            yuan_to_wan(Decimal::parse("251000").unwrap()).to_string(),
            "25.1"
        );
        assert_eq!(
            yuan_to_wan(Decimal::parse("3940").unwrap()).to_string(),
            "0.394"
        );
        assert_eq!(
            yuan_to_wan(Decimal::parse("1").unwrap()).to_string(),
            "0.0001"
        );
    }
}
