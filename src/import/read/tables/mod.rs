//! Reading 表二, 表三 and 表四 out of rows of tokens, whatever layout they
//! came in.
//!
//! Every source format only turns its file into rows of tokens; this one
//! reader then finds the tables in them. A table is a sequence of *slots*
//! (its rows in template order, each expecting a known number of values),
//! and the tokens become a sequence of [`Item`]s: labels and groups of
//! values. [`assign`] places each group:
//!
//! - values in the same row as a label belong to that label's row;
//! - values on a line of their own belong to the label just seen whose row
//!   is still empty (labels wrap; their numbers sit on another line);
//! - otherwise they fill the next empty row in template order — numbers
//!   printed before their label, unlabelled rows, one value per line;
//! - but rows of values alone between two labelled rows, as many as the
//!   empty rows between those two, fill those rows in order, whatever
//!   label pieces lie among them ([`gaps`]).
//!
//! The template's fixed row order and the table's own arithmetic are the
//! checksum: digit runs are split only where the arithmetic leaves exactly
//! one split ([`split`]), columns printed one after another are taken as
//! columns only where the sums then hold ([`t3`]). Whatever was placed by
//! inference gets a note naming the row; whatever could not be read gets an
//! IMPORT error naming the cells, so no rule blames the publisher for it.

use crate::cell::{Cell, Decimal};
use crate::import::doc::Parts;
use crate::import::doc::{Tok, TokKind};
use crate::import::labels::{Label, NormRow, Target, is_template_text, lnorm, match_label};
use crate::import::normalize::{Unit, is_value_like, strip_units};
use crate::import::notes::Notes;
use crate::model::{FormatVersion, Report};
use crate::template::{CellKey, FORMAT_2019_MARKERS, FORMAT_2021_MARKERS, ValueKind};

mod gaps;
pub mod split;
mod t2;
mod t3;
mod t4;

/// Marker text of the note written when a 元 amount was converted to 万元 (read by W5).
pub const YUAN_NOTE: &str = "以“元”为单位";

pub fn read(parts: &Parts, report: &mut Report, notes: &mut Notes) {
    let has_marker = |rows: &[Vec<Tok>], markers: &[&str]| {
        let markers: Vec<String> = markers.iter().map(|m| lnorm(m)).collect();
        rows.iter().flatten().any(|t| {
            let n = lnorm(&t.text);
            markers.iter().any(|m| n.contains(m.as_str()))
        })
    };
    // 表二's labels decide the format (FORMAT.md §8.2); a 2021 report that
    // prints （六）其他处理 as one row stays 2021.
    let is_2019 = has_marker(&parts.rows[0], &FORMAT_2019_MARKERS);
    let is_2021 = has_marker(&parts.rows[0], &FORMAT_2021_MARKERS)
        || has_marker(&parts.rows[1], &FORMAT_2021_MARKERS);
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
    t2::read(&parts.rows[0], report, notes);
    t3::read(&parts.rows[1], report, notes);
    t4::read(&parts.rows[2], report, notes);
}

/// Long text in a table row that is neither a value nor template text (a
/// sentence pasted into the table) is left out — and said so.
fn note_stray_text(rows: &[Vec<Tok>], notes: &mut Notes) {
    for tok in rows.iter().flatten() {
        let t = tok.text.trim();
        if t.chars().count() >= 12
            && tok.kind != TokKind::Run
            && !is_value_like(t)
            && !is_template_text(t)
            && crate::import::labels::closest_t3_row(t, |_| true).is_none()
        {
            let clip: String = t.chars().take(30).collect();
            notes.add(
                Some(tok.line),
                format!("表格中的文字“{clip}”不是表格栏目，也不是数值，未导入"),
            );
        }
    }
}

/// One thing the table reader meets, in reading order.
#[derive(Clone, Debug)]
pub enum Item {
    Label {
        target: Target,
        line: usize,
    },
    /// Values of one row: after a label in the same row (`after_label`), or
    /// a row of values alone; `column`: a row read back from values printed
    /// column by column (it belongs to no label that precedes it).
    Values {
        toks: Vec<Tok>,
        after_label: bool,
        line: usize,
        column: bool,
    },
}

/// Splits `label：138` and `维持10` (a label and its number without a gap)
/// and drops places covered by merged cells.
pub fn explode(row: &[Tok]) -> Vec<Tok> {
    let mut out = Vec::with_capacity(row.len());
    for t in row {
        if t.kind == TokKind::Span {
            continue;
        }
        let text = t.text.trim();
        let cut = text
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
            .last()
            .map(|(i, _)| i);
        match cut {
            Some(i) if i > 0 && t.kind == TokKind::Cell => {
                let (label, number) = text.split_at(i);
                let label = label.trim_end_matches([':', '：', ' ']);
                let ends_in_text = label.chars().last().is_some_and(|c| !c.is_ascii());
                if ends_in_text && !number.starts_with('.') {
                    out.push(Tok::new(label, t.line));
                    out.push(Tok::new(number, t.line));
                    continue;
                }
                out.push(t.clone());
            }
            _ => out.push(t.clone()),
        }
    }
    out
}

/// Finds the label a misprinted piece of text stands for.
type Fuzzy = dyn Fn(&str) -> Option<Target>;

/// Turns rows into items. `fuzzy` finds misprinted 表三 labels; `stops`
/// (captions, column headers) end a group of values.
fn items(
    rows: &[Vec<Tok>],
    labels: &[Label],
    fuzzy: Option<&Fuzzy>,
    notes: &mut Notes,
) -> Vec<Item> {
    let mut out = Vec::new();
    let mut numbered = false;
    for row in rows {
        if numbered_header(row) {
            if !numbered {
                notes.add(
                    Some(row[0].line),
                    "表头的栏目名称是编号（如“数据1…数据6”），不是数值：各列按模板的列序读取",
                );
            }
            numbered = true;
            continue;
        }
        let row = explode(row);
        let nrow = NormRow::new(row.iter().map(|t| t.text.as_str()));
        let mut group: Vec<Tok> = Vec::new();
        let mut after_label = false;
        let close = |group: &mut Vec<Tok>, after_label: bool, out: &mut Vec<Item>| {
            // Without a label, a row is data only if it holds a value: empty
            // cells and stray characters are layout (a wrapped label's or
            // header's pieces).
            if !group.is_empty() && (after_label || group.iter().any(is_value)) {
                let line = group[0].line;
                out.push(Item::Values {
                    toks: std::mem::take(group),
                    after_label,
                    line,
                    column: false,
                });
            }
            group.clear();
        };
        let mut i = 0;
        while i < row.len() {
            let tok = &row[i];
            let value_like = tok.kind == TokKind::Run || nrow.value_like[i];
            if !value_like {
                if let Some((target, j)) = match_label(&nrow, i, labels) {
                    close(&mut group, after_label, &mut out);
                    out.push(Item::Label {
                        target,
                        line: tok.line,
                    });
                    after_label = true;
                    i = j + 1;
                    continue;
                }
                if let Some(target) = fuzzy.and_then(|f| f(&tok.text)) {
                    close(&mut group, after_label, &mut out);
                    notes.add(
                        Some(tok.line),
                        format!(
                            "“{}”与模板栏目不完全一致，按最接近的栏目“{}”读取",
                            tok.text.trim(),
                            target_label(target)
                        ),
                    );
                    out.push(Item::Label {
                        target,
                        line: tok.line,
                    });
                    after_label = true;
                    i += 1;
                    continue;
                }
                if is_template_text(&tok.text) {
                    // A header or a wrapped label's piece ends the values before it.
                    close(&mut group, after_label, &mut out);
                    after_label = false;
                    i += 1;
                    continue;
                }
                if !after_label && !group.iter().any(is_value) {
                    // Text that is neither label nor value, before any value: not data.
                    i += 1;
                    continue;
                }
            }
            // A value, or text where a value belongs (kept as printed: B4).
            group.push(tok.clone());
            i += 1;
        }
        close(&mut group, after_label, &mut out);
    }
    out
}

/// `项目 | 数据1 | 数据2 | … | 总计`: columns named by their number, as an OCR
/// or a model's transcription heads a table — at least three cells of one
/// word counting up from 1. Read as values, they would be 1, 2, 3….
fn numbered_header(row: &[Tok]) -> bool {
    let mut word: Option<&str> = None;
    let mut count = 0;
    for t in row {
        let text = t.text.trim();
        let head = text.trim_end_matches(|c: char| c.is_ascii_digit());
        if head.is_empty()
            || head.len() == text.len()
            || head.contains(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        if *word.get_or_insert(head) == head && text[head.len()..].parse() == Ok(count + 1) {
            count += 1;
        }
    }
    count >= 3
}

/// A number, a not-applicable mark or a digit run: something a cell holds.
fn is_value(t: &Tok) -> bool {
    !t.text.trim().is_empty() && (t.kind == TokKind::Run || is_value_like(&t.text))
}

fn target_label(t: Target) -> &'static str {
    use crate::template::{T2_FIELDS, T2_ROWS_2019, T3_GROUPS, T3_RESULTS_GROUP, T3_ROWS};
    match t {
        Target::T2(f) => T2_FIELDS[f[0]].row_label,
        Target::T2of2019(i) => T2_ROWS_2019[i].label,
        Target::T3(r) => T3_ROWS[r].label,
        Target::T3Group(g) => T3_GROUPS[g].label,
        Target::T3Results => T3_RESULTS_GROUP.label,
    }
}

/// How a row's values came to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// After its label, in the same row or on the next line.
    Labelled,
    /// No label: the next empty row in template order.
    InOrder,
    /// Printed column by column (plain `pdftotext`), read back as rows.
    Column,
}

/// The tokens placed in one slot.
#[derive(Clone, Debug)]
pub struct Placed {
    pub toks: Vec<Tok>,
    pub line: usize,
    pub how: How,
}

/// Places groups of values into slots (see the module doc). `slot_of` maps
/// a label to its slot; `widths` are the values each slot expects.
/// Returns the placed slots and the lines of labels whose rows were filled
/// twice (the later values are ignored, and said so).
pub fn assign(
    items: &[Item],
    widths: &[usize],
    slot_of: impl Fn(Target) -> Option<usize>,
    place_name: impl Fn(usize) -> String,
    notes: &mut Notes,
) -> Vec<Option<Placed>> {
    let mut placed: Vec<Option<Placed>> = vec![None; widths.len()];
    // The label just seen whose row is still empty: values in its own row
    // are its values.
    let mut current: Option<usize> = None;
    // The same label, for values on the next line — unless labels came as a
    // list (plain pdftotext prints a column of labels, then the numbers).
    let mut pending: Option<usize> = None;
    let mut labels_in_a_row = 0usize;
    // A label seen again after its row was filled.
    let mut duplicate: Option<usize> = None;
    // The row being filled one value at a time.
    let mut stream: Option<usize> = None;
    let mut last: Option<usize> = None;
    // A label followed only by empty cells: blank, unless values follow on the next line.
    let mut weak: Option<(usize, Placed)> = None;
    let next_free = |placed: &[Option<Placed>], last: Option<usize>| {
        let from = last.map(|l| l + 1).unwrap_or(0);
        (from..placed.len())
            .chain(0..from)
            .find(|&s| placed[s].is_none())
    };
    let forced = gaps::between_labelled_rows(items, widths, &slot_of);
    for (index, item) in items.iter().enumerate() {
        if let Some(&s) = forced.get(&index)
            && placed[s].is_none()
            && let Item::Values { toks, line, .. } = item
        {
            if let Some((ws, w)) = weak.take()
                && placed[ws].is_none()
                && ws != s
            {
                placed[ws] = Some(w);
            }
            placed[s] = Some(Placed {
                toks: toks.clone(),
                line: *line,
                how: if pending == Some(s) {
                    How::Labelled
                } else {
                    How::InOrder
                },
            });
            last = Some(s);
            (current, pending, stream, weak) = (None, None, None, None);
            labels_in_a_row = 0;
            continue;
        }
        match item {
            Item::Label { target, line } => {
                let Some(s) = slot_of(*target) else { continue };
                if let Some((ws, w)) = weak.take()
                    && placed[ws].is_none()
                {
                    placed[ws] = Some(w);
                    last = Some(ws);
                }
                stream = None;
                labels_in_a_row += 1;
                let _ = line;
                if placed[s].is_none() {
                    current = Some(s);
                    duplicate = None;
                } else {
                    current = None;
                    duplicate = Some(s);
                }
                pending = if labels_in_a_row >= 3 { None } else { current };
            }
            Item::Values {
                toks,
                after_label,
                line,
                column,
            } => {
                let column = *column;
                labels_in_a_row = 0;
                if *after_label {
                    if let Some(d) = duplicate.take() {
                        if toks.iter().any(|t| !t.text.trim().is_empty()) {
                            notes.add(
                                Some(*line),
                                format!("{}重复出现，已忽略后一次", place_name(d)),
                            );
                        }
                        continue;
                    }
                    pending = None;
                    let Some(s) = current.take() else { continue };
                    let p = Placed {
                        toks: toks.clone(),
                        line: *line,
                        how: How::Labelled,
                    };
                    if toks.iter().all(|t| t.text.trim().is_empty()) {
                        pending = Some(s);
                        current = Some(s);
                        weak = Some((s, p));
                        continue;
                    }
                    weak = None;
                    placed[s] = Some(p);
                    last = Some(s);
                    continue;
                }
                weak = None;
                // A whole row's worth on a line of its own.
                let target = stream
                    .or(if column { None } else { pending })
                    .or_else(|| next_free(&placed, last));
                let Some(first) = target else {
                    notes.add(
                        Some(*line),
                        "表格中多出的数值（所有栏目都已读到数值），未导入",
                    );
                    continue;
                };
                let how = if pending == Some(first) {
                    How::Labelled
                } else if column {
                    How::Column
                } else {
                    How::InOrder
                };
                pending = None;
                // A whole row (merge artefacts at its end aside) goes to one
                // slot; a longer run of values flows on into the next slots.
                let blank = |t: &&Tok| t.text.trim().is_empty();
                let lead = toks.iter().take_while(blank).count();
                let core = toks.len() - lead - toks[lead..].iter().rev().take_while(blank).count();
                let whole = toks.len() == widths[first]
                    || (toks.len() > widths[first] && core <= widths[first]);
                if stream.is_none() && (whole || column) {
                    placed[first] = Some(Placed {
                        toks: toks.clone(),
                        line: *line,
                        how,
                    });
                    last = Some(first);
                    continue;
                }
                // Fewer values than the row has: they come one line at a time.
                let mut s = first;
                for tok in toks {
                    let p = placed[s].get_or_insert_with(|| Placed {
                        toks: Vec::new(),
                        line: tok.line,
                        // Values that flow on past their row have no label.
                        how: if s == first { how } else { How::InOrder },
                    });
                    p.toks.push(tok.clone());
                    if p.toks.len() >= widths[s] {
                        last = Some(s);
                        stream = None;
                        match next_free(&placed, last) {
                            Some(n) => s = n,
                            None => break,
                        }
                    } else {
                        stream = Some(s);
                    }
                }
            }
        }
    }
    if let Some((ws, w)) = weak
        && placed[ws].is_none()
    {
        placed[ws] = Some(w);
    }
    placed
}

/// How a group of values fitted the number the template expects.
#[derive(Debug, PartialEq)]
pub enum Fit {
    Exact,
    /// More values than expected; the first ones were used.
    Extra(usize),
    /// Fewer values than expected.
    Short(usize),
}

/// Trims merge artefacts (empty cells) off both ends to reach `expected` values.
pub fn fit(tail: &[Tok], expected: usize) -> (Vec<Option<&Tok>>, Fit) {
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

/// A digit run that the arithmetic of its own row could not split.
#[derive(Debug)]
pub struct Unsplit {
    pub why: String,
    /// The readings its row allows, when there are few: the table's other
    /// sums (column totals, the balance) may still choose one.
    pub readings: Vec<Vec<i64>>,
    pub line: usize,
}

/// The values of a placed slot: digit runs split by `sums` (see
/// [`split::split_runs`]), everything else fitted to `expected`.
pub fn values_of(
    p: &Placed,
    expected: usize,
    sums: &[split::Sum],
) -> Result<(Vec<Option<Tok>>, Fit), Unsplit> {
    let fitted = || {
        let (v, f) = fit(&p.toks, expected);
        (v.into_iter().map(|t| t.cloned()).collect(), f)
    };
    if !p.toks.iter().any(|t| t.kind == TokKind::Run) {
        return Ok(fitted());
    }
    let digits: Vec<&Tok> = p
        .toks
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .collect();
    if digits.iter().any(|t| t.kind != TokKind::Run) || (expected == 1 && digits.len() == 1) {
        return Ok(fitted());
    }
    let joined: String = digits.iter().map(|t| t.text.trim()).collect();
    let line = digits.first().map(|t| t.line).unwrap_or(p.line);
    let unsplit = |why: String, readings| Unsplit {
        why,
        readings,
        line,
    };
    match split::split_runs(&joined, expected, sums) {
        split::Split::One(vals) => Ok((numbers(&vals, line), Fit::Exact)),
        split::Split::None => Err(unsplit(
            format!("数字“{joined}”连在一起，按表格的合计关系无法分成 {expected} 个数"),
            Vec::new(),
        )),
        split::Split::Many(readings) => Err(unsplit(
            format!("数字“{joined}”连在一起，分成 {expected} 个数不止一种分法，无法确定"),
            readings,
        )),
    }
}

/// Numbers as the tokens a reader would have seen.
pub fn numbers(vals: &[i64], line: usize) -> Vec<Option<Tok>> {
    vals.iter()
        .map(|v| Some(Tok::new(v.to_string(), line)))
        .collect()
}

/// Parses one published value for a cell of `kind`, noting units.
pub fn value(tok: Option<&Tok>, kind: ValueKind, key: CellKey, notes: &mut Notes) -> Cell {
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

pub fn note_fit(fit: &Fit, line: usize, place: &str, expected: usize, notes: &mut Notes) {
    match fit {
        Fit::Exact | Fit::Short(_) => {}
        Fit::Extra(n) => notes.add(
            Some(line),
            format!("{place}多出 {n} 个数值（应为 {expected} 个），只取前 {expected} 个"),
        ),
    }
}

/// One note for the rows whose values were placed by order or read as
/// columns, naming them and their cells (`keys` of a slot): arithmetic over
/// such cells may be the importer's mistake, not the publisher's.
pub fn note_inferred(
    placed: &[Option<Placed>],
    name: impl Fn(usize) -> String,
    keys: impl Fn(usize) -> Vec<String>,
    notes: &mut Notes,
) {
    for (how, what) in [
        (
            How::InOrder,
            "数值前没有栏目名称（或栏目名称在数值之后），按模板的行序填入",
        ),
        (
            How::Column,
            "数值按列逐个排列（如纯文本 PDF 提取），按列读回各行",
        ),
    ] {
        let rows: Vec<(usize, usize)> = placed
            .iter()
            .enumerate()
            .filter_map(|(s, p)| p.as_ref().filter(|p| p.how == how).map(|p| (s, p.line)))
            .collect();
        if let Some(&(_, line)) = rows.first() {
            let names: Vec<String> = rows.iter().map(|(s, _)| name(*s)).collect();
            let cells = rows.iter().flat_map(|(s, _)| keys(*s)).collect();
            notes.placed(Some(line), format!("{what}：{}", names.join("；")), cells);
        }
    }
}

/// Values printed column by column (plain `pdftotext` reads a table's
/// columns one after another): `width` runs of equal length in a row are
/// read back as that many rows — when the rows' sums (if `has_total`) then
/// hold at least as well as they do read row by row.
pub fn read_columns(its: Vec<Item>, width: usize, has_total: bool) -> Vec<Item> {
    let stacked = |it: &Item| match it {
        Item::Values {
            toks,
            after_label: false,
            ..
        } if toks.len() >= 2 && toks.iter().all(|t| t.kind == TokKind::Stacked) => Some(toks.len()),
        _ => None,
    };
    let mut out = Vec::with_capacity(its.len());
    let mut i = 0;
    while i < its.len() {
        let Some(n) = stacked(&its[i]) else {
            out.push(its[i].clone());
            i += 1;
            continue;
        };
        let mut k = i;
        while k < its.len() && stacked(&its[k]) == Some(n) {
            k += 1;
        }
        let blocks: Vec<&Vec<Tok>> = its[i..k]
            .iter()
            .filter_map(|it| match it {
                Item::Values { toks, .. } => Some(toks),
                _ => None,
            })
            .collect();
        let whole = blocks.len() / width * width;
        for chunk in blocks[..whole].chunks(width) {
            let by_col: Vec<Vec<Tok>> = (0..n)
                .map(|r| chunk.iter().map(|b| b[r].clone()).collect())
                .collect();
            let flat: Vec<Tok> = chunk.iter().flat_map(|b| b.iter().cloned()).collect();
            let by_row: Vec<Vec<Tok>> = flat.chunks(width).map(|c| c.to_vec()).collect();
            let columns = !has_total || balanced(&by_col) >= balanced(&by_row);
            for row in if columns { by_col } else { by_row } {
                let line = row[0].line;
                out.push(Item::Values {
                    toks: row,
                    after_label: false,
                    line,
                    column: columns,
                });
            }
        }
        for it in &its[i + whole..k] {
            out.push(it.clone());
        }
        i = k;
    }
    out
}

/// How many rows have a last value equal to the sum of the others.
fn balanced(rows: &[Vec<Tok>]) -> usize {
    rows.iter()
        .filter(|r| {
            let v: Option<Vec<i64>> = r.iter().map(|t| t.text.trim().parse().ok()).collect();
            v.is_some_and(|v| {
                v.len() >= 2 && v[..v.len() - 1].iter().sum::<i64>() == v[v.len() - 1]
            })
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(v: &[&str]) -> Vec<Tok> {
        v.iter().map(|t| Tok::new(*t, 1)).collect()
    }

    #[test]
    fn fit_trims_merge_artefacts() {
        let t = toks(&["", "1", "0", "0", "0", "0", "0", "1", ""]);
        let (v, f) = fit(&t, 7);
        assert_eq!(f, Fit::Exact);
        assert_eq!(v[0].unwrap().text, "1");
    }

    #[test]
    fn explode_splits_label_and_number() {
        let t: Vec<String> = explode(&toks(&["维持10", "行政许可：550", "1.属于", "7730.28"]))
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            vec!["维持", "10", "行政许可", "550", "1.属于", "7730.28"]
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

    fn stacked(v: &[&str]) -> Item {
        Item::Values {
            toks: v
                .iter()
                .map(|t| Tok::with_kind(*t, 1, TokKind::Stacked))
                .collect(),
            after_label: false,
            line: 1,
            column: false,
        }
    }

    #[test]
    fn columns_printed_one_after_another_are_read_back_as_rows() {
        let mut its = Vec::new();
        for c in 0..7 {
            its.push(stacked(if c == 0 || c == 6 {
                &["0", "21"]
            } else {
                &["0", "0"]
            }));
        }
        let rows: Vec<Vec<String>> = read_columns(its, 7, true)
            .into_iter()
            .map(|i| match i {
                Item::Values { toks, column, .. } => {
                    assert!(column);
                    toks.into_iter().map(|t| t.text).collect()
                }
                _ => panic!(),
            })
            .collect();
        assert_eq!(rows[1], vec!["21", "0", "0", "0", "0", "0", "21"]);
    }
}
