//! 表三: 25 rows of six applicant columns and their 总计.
//!
//! The rows are read in template order (see the parent module). Two shapes
//! are decided first, from the whole table: whether a 总计 column is printed,
//! and whether （六）其他处理 is printed as one row (the 2019 format, and
//! some 2021 reports) instead of its three sub-rows.

use super::split::Sum;
use super::{
    Fit, Item, Unsplit, assign, items, note_inferred, numbers, read_columns, value, values_of,
};
use crate::cell::Cell;
use crate::import::doc::{Tok, TokKind};
use crate::import::labels::{Target, closest_t3_row, lnorm, t3_labels};
use crate::import::notes::{Notes, Source};
use crate::model::Report;
use crate::template::{
    CellKey, R01, R02, R03, R21, R23, R24, R25, T3_COLS, T3_INPUT_COLS, T3_ROWS, ValueKind,
};

/// One row of the table as printed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    Row(usize),
    /// （六）其他处理 as a single row.
    OtherSingle,
}

impl Slot {
    fn label(self) -> &'static str {
        match self {
            Slot::Row(r) => T3_ROWS[r].label,
            Slot::OtherSingle => crate::template::T3_GROUPS[3].label,
        }
    }
}

pub fn read(rows: &[Vec<Tok>], report: &mut Report, notes: &mut Notes) {
    if rows.is_empty() {
        unread_table(report, notes);
        return;
    }
    let labels = t3_labels();
    let fuzzy = |t: &str| closest_t3_row(t, |_| true).map(Target::T3);
    let mut its = items(rows, labels, Some(&fuzzy), notes);

    let has_total = has_total_column(rows, &its);
    let width = if has_total {
        T3_COLS.len()
    } else {
        T3_INPUT_COLS
    };
    let first_line = rows.iter().flatten().map(|t| t.line).min().unwrap_or(0);
    if !has_total {
        notes.add(
            Some(first_line),
            "表三没有“总计”列，总计由各申请人列相加得出",
        );
    }
    let single_other = other_is_single(&its);
    let slots: Vec<Slot> = (0..T3_ROWS.len())
        .filter_map(|r| match r {
            R21 if single_other => Some(Slot::OtherSingle),
            r if single_other && (R21..=R23).contains(&r) => None,
            r => Some(Slot::Row(r)),
        })
        .collect();
    its = read_columns(its, width, has_total);
    let slot_of = |t: Target| match t {
        Target::T3(r) => slots.iter().position(|s| *s == Slot::Row(r)),
        Target::T3Group(3) => slots.iter().position(|s| *s == Slot::OtherSingle),
        _ => None,
    };
    let name = |s: usize| format!("表三“{}”行", slots[s].label());
    let placed = assign(&its, &vec![width; slots.len()], slot_of, name, notes);
    let keys = |s: usize| match slots[s] {
        Slot::Row(row) => (0..T3_COLS.len())
            .map(|col| CellKey::T3 { row, col })
            .collect(),
        Slot::OtherSingle => Vec::new(),
    };
    note_inferred(&placed, |s| slots[s].label().to_string(), keys, notes);
    if single_other {
        notes.add(
            placed[slots.iter().position(|s| *s == Slot::OtherSingle).unwrap_or(0)]
                .as_ref()
                .map(|p| p.line),
            "表三“（六）其他处理”只印了一行，没有分为 3 项：其数值单独保存并计入（七）总计，3 个分项保持为空",
        );
    }

    let sums: Vec<Sum> = if has_total {
        vec![Sum {
            parts: T3_INPUT_COLS,
        }]
    } else {
        Vec::new()
    };
    let mut missing: Vec<(usize, usize, usize)> = Vec::new();
    let mut short_lines: Vec<(usize, usize)> = Vec::new();
    let mut unread: Vec<(Slot, String)> = Vec::new();
    let mut readings: Vec<Option<Reading>> = placed
        .iter()
        .map(|p| p.as_ref().map(|p| values_of(p, width, &sums)))
        .collect();
    if has_total {
        choose_by_column_sums(&slots, &mut readings, notes);
    }
    for (s, slot) in slots.iter().enumerate() {
        let Some(reading) = readings[s].take() else {
            unread.push((*slot, "未找到这一行".into()));
            continue;
        };
        let p = placed[s]
            .as_ref()
            .expect("a reading comes from a placed row");
        let (vals, fit) = match reading {
            Ok(v) => v,
            Err(e) => {
                unread.push((*slot, e.why));
                continue;
            }
        };
        match fit {
            Fit::Short(n) => {
                if has_total {
                    // The printed empty cells vanished from the text: where
                    // the values stand may still say which columns they are in.
                    // Only an input row: （七）总计 is computed (its print only
                    // checked), and a single （六）其他处理 has no cells of its own.
                    let lined_up = match slot {
                        Slot::Row(row) if *row != R24 => {
                            by_columns(&p.toks, p.line, &placed, width).map(|l| (*row, l))
                        }
                        _ => None,
                    };
                    match lined_up {
                        Some((row, (vals, full_line))) => {
                            let what = format!(
                                "{}只读到 {n} 个数值（应为 {width} 个）：按各数值所在的位置与第 {full_line} 行对齐归入各列",
                                name(s)
                            );
                            note_lined_up(row, &vals, p.line, what, notes);
                            write_row(*slot, &vals, report, notes);
                        }
                        None => unread.push((
                            *slot,
                            format!("只读到 {n} 个数值（应为 {width} 个），无法确定各属哪一列"),
                        )),
                    }
                    continue;
                }
                short_lines.push((p.line, n));
                if let Slot::Row(row) = slot
                    && *row != R24
                {
                    missing.extend((n..T3_INPUT_COLS).map(|c| (*row, c, p.line)));
                }
            }
            Fit::Extra(_) => super::note_fit(
                &fit,
                p.line,
                &format!("表三“{}”行", slot.label()),
                width,
                notes,
            ),
            Fit::Exact => {}
        }
        write_row(*slot, &vals, report, notes);
    }
    if !short_lines.is_empty() {
        let lines: Vec<String> = short_lines.iter().map(|(l, _)| l.to_string()).collect();
        let counts: Vec<String> = short_lines.iter().map(|(_, n)| n.to_string()).collect();
        notes.add(
            Some(short_lines[0].0),
            format!(
                "表三有 {} 行数值不足 {width} 个（第 {} 行，分别只有 {} 个），已按顺序从“自然人”列起填入",
                short_lines.len(),
                lines.join("、"),
                counts.join("、")
            ),
        );
        infer_missing(&missing, report, notes);
    }
    for (slot, why) in unread {
        let Slot::Row(row) = slot else {
            notes.unread(
                None,
                format!("表三“{}”行未能读取：{why}", slot.label()),
                Vec::new(),
            );
            continue;
        };
        if row == R24 {
            // Computed from the rows above; only its printed check is lost.
            notes.add(
                None,
                format!("表三“（七）总计”行未能读取（{why}），无法与公布的总计核对"),
            );
            continue;
        }
        let cells: Vec<CellKey> = (0..T3_INPUT_COLS)
            .map(|col| CellKey::T3 { row, col })
            .collect();
        notes.unread(
            None,
            format!(
                "表三“{}”行未能读取：{why}；这一行的 {} 格保持为空，请对照原报告填写",
                T3_ROWS[row].label, T3_INPUT_COLS
            ),
            cells,
        );
    }
}

type Reading = Result<(Vec<Option<Tok>>, Fit), Unsplit>;

/// Notes a row placed by [`by_columns`]: its values as placed by position,
/// and its cells without one as printed empty (text) or, in a picture, as not
/// read — the recogniser may have missed them, and a blank would be blamed on
/// the publisher.
fn note_lined_up(row: usize, vals: &[Option<Tok>], line: usize, what: String, notes: &mut Notes) {
    let key = |col| CellKey::T3 { row, col };
    let (present, absent): (Vec<usize>, Vec<usize>) =
        (0..T3_COLS.len()).partition(|&c| vals.get(c).is_some_and(|v| v.is_some()));
    let missing = absent.len();
    let absent: Vec<CellKey> = absent
        .into_iter()
        .filter(|&c| c < T3_INPUT_COLS)
        .map(key)
        .collect();
    match notes.source {
        Source::Text => notes.placed(
            Some(line),
            format!("{what}，其余 {missing} 格按空白读入"),
            (0..T3_COLS.len()).map(key).collect(),
        ),
        Source::Pictures => {
            notes.placed(Some(line), what, present.into_iter().map(key).collect());
            if !absent.is_empty() {
                notes.unread(
                    Some(line),
                    format!(
                        "表三“{}”行有 {} 格在图片中未能识别，保持为空，请对照原件填写",
                        T3_ROWS[row].label,
                        absent.len()
                    ),
                    absent,
                );
            }
        }
    }
}

/// A short row's values in their columns, lined up with the four rows
/// printed in full nearest to it; those that line it up must agree (a table
/// across two pages may stand elsewhere on each, and a row there may not
/// line up at all), and the line it was lined up with. Only rows printed on
/// one line each: a slot that gathered values from two lines has no columns.
fn by_columns(
    row: &[Tok],
    line: usize,
    placed: &[Option<super::Placed>],
    width: usize,
) -> Option<(Vec<Option<Tok>>, usize)> {
    let one_line = |toks: &[Tok]| {
        toks.iter()
            .all(|t| t.at.is_some() && t.line == toks[0].line)
    };
    if !one_line(row) {
        return None;
    }
    let mut full: Vec<&super::Placed> = placed
        .iter()
        .flatten()
        .filter(|p| p.toks.len() == width && one_line(&p.toks))
        .collect();
    full.sort_by_key(|p| p.line.abs_diff(line));
    let mut found: Option<(Vec<usize>, usize)> = None;
    for p in full.iter().take(4) {
        let Some(columns) = super::columns::line_up(row, &p.toks) else {
            continue;
        };
        match &found {
            Some((f, _)) if *f != columns => return None,
            Some(_) => {}
            None => found = Some((columns, p.line)),
        }
    }
    let (columns, full_line) = found?;
    let mut vals = vec![None; width];
    for (tok, col) in row.iter().zip(columns) {
        vals[col] = Some(tok.clone());
    }
    Some((vals, full_line))
}

/// Digit runs that their own row's 总计 could not split: the table's other
/// sums choose — （七）总计 is the sum of the outcome rows, and 一 + 二 =
/// （七）+ 四 in every column. The rows still in doubt are tried together
/// (a bounded number of combinations); a reading is taken only when exactly
/// one combination satisfies every sum they take part in.
fn choose_by_column_sums(slots: &[Slot], readings: &mut [Option<Reading>], notes: &mut Notes) {
    let open: Vec<usize> = (0..slots.len())
        .filter(|&s| matches!(&readings[s], Some(Err(u)) if !u.readings.is_empty()))
        .collect();
    let choices: Vec<Vec<Vec<i64>>> = open
        .iter()
        .map(|&s| match &readings[s] {
            Some(Err(u)) => u.readings.clone(),
            _ => Vec::new(),
        })
        .collect();
    let combos = choices
        .iter()
        .try_fold(1usize, |n, c| n.checked_mul(c.len()))
        .filter(|&n| n > 0 && n <= 100_000);
    let Some(combos) = combos else { return };
    let known: Vec<Option<Vec<i64>>> = (0..slots.len()).map(|k| numeric(&readings[k])).collect();
    let mut found: Option<Vec<usize>> = None;
    for mut n in 0..combos {
        let pick: Vec<usize> = choices
            .iter()
            .map(|c| {
                let i = n % c.len();
                n /= c.len();
                i
            })
            .collect();
        let values = |k: usize| match open.iter().position(|&o| o == k) {
            Some(i) => Some(choices[i][pick[i]].clone()),
            None => known[k].clone(),
        };
        if sums_hold(slots, &values, &|k| open.contains(&k)) {
            if found.is_some() {
                return; // more than one way: leave them unread
            }
            found = Some(pick);
        }
    }
    let Some(pick) = found else { return };
    for (i, &s) in open.iter().enumerate() {
        let one = &choices[i][pick[i]];
        let line = match &readings[s] {
            Some(Err(u)) => u.line,
            _ => 0,
        };
        notes.add(
            Some(line),
            format!(
                "表三“{}”行的数字连在一起，按（七）总计和各列的勾稽关系只有一种分法：{}",
                slots[s].label(),
                one.iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
        let vals = numbers(one, line);
        readings[s] = Some(Ok((vals, Fit::Exact)));
    }
}

/// A read row as numbers (a printed blank counts as 0 in sums); `None` if
/// it was not read or holds text.
fn numeric(r: &Option<Reading>) -> Option<Vec<i64>> {
    match r.as_ref()? {
        Ok((vals, Fit::Exact)) => vals
            .iter()
            .map(|t| match t {
                None => Some(0),
                Some(t) if t.text.trim().is_empty() => Some(0),
                Some(t) => t.text.trim().parse().ok(),
            })
            .collect(),
        _ => None,
    }
}

/// Whether the column sums that the `involved` rows take part in hold (and
/// at least one of them could be checked).
fn sums_hold(
    slots: &[Slot],
    values: &dyn Fn(usize) -> Option<Vec<i64>>,
    involved: &dyn Fn(usize) -> bool,
) -> bool {
    let at = |r: usize| slots.iter().position(|x| *x == Slot::Row(r));
    let outcome = |k: usize| match slots[k] {
        Slot::Row(r) => (R03..=R23).contains(&r),
        Slot::OtherSingle => true,
    };
    let mut checked = false;
    // （七）总计 = the outcome rows, column by column.
    if let Some(t) = at(R24)
        && (0..slots.len()).any(|k| involved(k) && (outcome(k) || k == t))
    {
        let outcomes: Option<Vec<Vec<i64>>> = (0..slots.len())
            .filter(|&k| outcome(k))
            .map(values)
            .collect();
        if let (Some(total), Some(rows)) = (values(t), outcomes) {
            checked = true;
            for c in 0..total.len() {
                if rows
                    .iter()
                    .map(|r| r.get(c).copied().unwrap_or(0))
                    .sum::<i64>()
                    != total[c]
                {
                    return false;
                }
            }
        }
    }
    // 一 + 二 = （七）+ 四.
    let balance = [R01, R02, R24, R25].map(at);
    if balance.iter().flatten().any(|&k| involved(k))
        && let [Some(a), Some(b), Some(c), Some(d)] = balance.map(|k| k.and_then(values))
    {
        checked = true;
        for col in 0..a.len().min(b.len()).min(c.len()).min(d.len()) {
            if a[col] + b[col] != c[col] + d[col] {
                return false;
            }
        }
    }
    checked
}

/// No 表三 at all: every input cell is unread.
fn unread_table(_report: &mut Report, notes: &mut Notes) {
    let cells: Vec<CellKey> = (0..T3_ROWS.len())
        .filter(|&r| r != R24)
        .flat_map(|row| (0..T3_INPUT_COLS).map(move |col| CellKey::T3 { row, col }))
        .collect();
    notes.unread(
        None,
        "未找到表三（收到和处理政府信息公开申请情况），表三各格未能读取，请对照原报告填写",
        cells,
    );
}

/// The 总计 column exists if the header names it before the first row, or if
/// most labelled rows carry seven values.
fn has_total_column(rows: &[Vec<Tok>], its: &[Item]) -> bool {
    let first_label = its.iter().find_map(|i| match i {
        Item::Label {
            target: Target::T3(_),
            line,
        } => Some(*line),
        _ => None,
    });
    let header_total = rows
        .iter()
        .flatten()
        .filter(|t| first_label.is_none_or(|l| t.line <= l))
        .any(|t| {
            let n = lnorm(&t.text);
            n == "总计" || n.ends_with("总计") && !n.contains("(七)")
        });
    let groups: Vec<usize> = its
        .iter()
        .filter_map(|i| match i {
            Item::Values {
                toks,
                after_label: true,
                ..
            } if toks.iter().all(|t| t.kind != TokKind::Run) => Some(toks.len()),
            _ => None,
        })
        .collect();
    let sevens = groups.iter().filter(|&&n| n >= T3_COLS.len()).count();
    header_total || (!groups.is_empty() && sevens * 2 > groups.len())
}

/// （六）其他处理 is one row when its label carries values, or when none of
/// its three sub-rows is printed.
fn other_is_single(its: &[Item]) -> bool {
    let mut group_seen = false;
    let mut with_values = false;
    let mut subrows = 0;
    for (i, it) in its.iter().enumerate() {
        match it {
            Item::Label {
                target: Target::T3Group(3),
                ..
            } => {
                group_seen = true;
                if let Some(Item::Values {
                    toks,
                    after_label: true,
                    ..
                }) = its.get(i + 1)
                    && toks.iter().any(|t| !t.text.trim().is_empty())
                {
                    with_values = true;
                }
            }
            Item::Label {
                target: Target::T3(r),
                ..
            } if (R21..=R23).contains(r) => subrows += 1,
            _ => {}
        }
    }
    // Its three rows' labels printed (a merged （六） centred beside the
    // first row's numbers is no single row); a group label with numbers
    // and at most one of them is.
    group_seen && (subrows == 0 || (with_values && subrows < 2))
}

/// Writes one row's values: inputs into the report, 总计 and （七）总计 as published.
fn write_row(slot: Slot, vals: &[Option<Tok>], report: &mut Report, notes: &mut Notes) {
    match slot {
        Slot::OtherSingle => {
            let mut cells: [Cell; T3_INPUT_COLS] = Default::default();
            for (c, cell) in cells.iter_mut().enumerate() {
                *cell = value(
                    vals[c].as_ref(),
                    ValueKind::Count,
                    CellKey::T3 { row: R23, col: c },
                    notes,
                );
            }
            report.t3_2019_other = Some(cells);
        }
        Slot::Row(row) => {
            for (col, tok) in vals.iter().enumerate() {
                let key = CellKey::T3 { row, col };
                let cell = value(tok.as_ref(), ValueKind::Count, key, notes);
                if row == R24 || col >= T3_INPUT_COLS {
                    if tok.is_some() {
                        report.published.insert(key.to_string(), cell);
                    }
                } else {
                    report.t3.0[row][col] = cell;
                }
            }
        }
    }
}

/// Fills cells a short row left out when the column's published （七）总计
/// determines them (all counts are ≥ 0), and says so; the others are unread.
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
        let all_outcomes = cells.iter().all(|m| outcome_rows(m.0));
        let label = T3_COLS[col].label;
        let keys: Vec<CellKey> = cells
            .iter()
            .map(|m| CellKey::T3 { row: m.0, col })
            .collect();
        if let Some(total) = published
            && all_outcomes
            && total - known >= 0
        {
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
                    keys,
                );
                continue;
            }
        }
        notes.unread(
            Some(cells[0].2),
            format!(
                "表三“{label}”列有 {} 格未能读取（所在行数值不足），无法由总计推算，保持为空",
                cells.len()
            ),
            keys,
        );
    }
}
