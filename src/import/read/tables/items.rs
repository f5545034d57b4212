//! Table reader, first step: a table's rows of tokens as the [`Item`]s the
//! placing step works on — labels (exact or misprinted) and groups of
//! values — with a header of numbered columns and stray sentences left out,
//! and values printed column by column read back as rows.

use crate::import::doc::{Tok, TokKind};
use crate::import::labels::{Label, NormRow, Target, is_template_text, match_label};
use crate::import::normalize::is_value_like;
use crate::import::notes::Notes;

/// Long text in a table row that is neither a value nor template text (a
/// sentence pasted into the table) is left out — and said so.
pub(super) fn note_stray_text(rows: &[Vec<Tok>], notes: &mut Notes) {
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
pub type Fuzzy = dyn Fn(&str) -> Option<Target>;

/// Turns rows into items. `fuzzy` finds misprinted 表三 labels; `stops`
/// (captions, column headers) end a group of values.
pub fn items(
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
