//! 表二: four stacked blocks (第二十条第（一）（五）（六）（八）项), each a caption,
//! a header row and rows of one or three values. The 2019 trial format has
//! other rows and columns; only its 处理决定数量 means what a 2021 column
//! means (FORMAT.md §8.1), and every other 2019 figure is noted, never mapped.

use super::{Fit, assign, items, note_fit, read_columns, value, values_of};
use crate::import::doc::Tok;
use crate::import::labels::{Target, t2_labels};
use crate::import::notes::Notes;
use crate::model::{FormatVersion, Report};
use crate::template::{CellKey, T2_FIELDS, T2_ROWS_2019, ValueKind};

pub fn read(rows: &[Vec<Tok>], report: &mut Report, notes: &mut Notes) {
    let f2019 = report.meta.format == FormatVersion::F2019;
    if rows.is_empty() {
        let cells = if f2019 { 6..9 } else { 0..T2_FIELDS.len() };
        notes.unread(
            None,
            "未找到表二（主动公开政府信息情况），表二各格未能读取，请对照原报告填写",
            cells.map(CellKey::T2).collect(),
        );
        return;
    }
    let labels = t2_labels(f2019);
    let widths: Vec<usize> = labels
        .iter()
        .map(|l| match l.target {
            Target::T2(fields) => fields.len(),
            Target::T2of2019(i) => T2_ROWS_2019[i].values,
            _ => 0,
        })
        .collect();
    // 规章 and 行政规范性文件 printed column by column (plain pdftotext).
    let its = read_columns(items(rows, labels, None, notes), widths[0], false);
    let name = |s: usize| format!("表二“{}”行", row_label(labels[s].target));
    let placed = assign(
        &its,
        &widths,
        |t| labels.iter().position(|l| l.target == t),
        name,
        notes,
    );
    let keys = |s: usize| match labels[s].target {
        Target::T2(fields) => fields.iter().map(|&f| CellKey::T2(f)).collect(),
        _ => Vec::new(),
    };
    super::note_inferred(
        &placed,
        |s| row_label(labels[s].target).to_string(),
        keys,
        notes,
    );
    for (s, label) in labels.iter().enumerate() {
        let fields: Vec<usize> = match label.target {
            Target::T2(fields) => fields.to_vec(),
            Target::T2of2019(i) => T2_ROWS_2019[i].decisions.into_iter().collect(),
            _ => Vec::new(),
        };
        let keys: Vec<CellKey> = fields.iter().map(|&f| CellKey::T2(f)).collect();
        let place = format!("表二“{}”", row_label(label.target));
        let Some(p) = &placed[s] else {
            if !keys.is_empty() {
                notes.unread(None, format!("{place}行未找到，未能读取"), keys);
            }
            continue;
        };
        let (vals, fit) = match values_of(p, widths[s], &[]) {
            Ok(v) => v,
            Err(e) => {
                if !keys.is_empty() {
                    notes.unread(Some(p.line), format!("{place}行未能读取：{}", e.why), keys);
                }
                continue;
            }
        };
        if let Fit::Short(n) = fit
            && !keys.is_empty()
        {
            notes.unread(
                Some(p.line),
                format!(
                    "{place}行只读到 {n} 个数值（应为 {} 个），无法确定各属哪一列，未能读取",
                    widths[s]
                ),
                keys,
            );
            continue;
        }
        note_fit(&fit, p.line, &place, widths[s], notes);
        match label.target {
            Target::T2(fields) => {
                for (f, tok) in fields.iter().zip(&vals) {
                    report.t2[*f] = value(tok.as_ref(), T2_FIELDS[*f].kind, CellKey::T2(*f), notes);
                }
            }
            Target::T2of2019(i) => note_2019_row(i, &vals, p.line, report, notes),
            _ => {}
        }
    }
    if f2019 {
        notes.add(None, "2019 版格式：表二“第二十条第（一）项”“第二十条第（八）项”的 2021 版栏目在原报告中没有，保持为空");
    }
}

fn row_label(t: Target) -> &'static str {
    match t {
        Target::T2(f) => T2_FIELDS[f[0]].row_label,
        Target::T2of2019(i) => T2_ROWS_2019[i].label,
        _ => "",
    }
}

/// A 2019 row: its 处理决定数量 goes to the 2021 field, the rest is noted.
fn note_2019_row(
    i: usize,
    vals: &[Option<Tok>],
    line: usize,
    report: &mut Report,
    notes: &mut Notes,
) {
    let row = &T2_ROWS_2019[i];
    let shown: Vec<String> = vals
        .iter()
        .map(|t| t.as_ref().map(|t| t.text.clone()).unwrap_or_default())
        .collect();
    match row.decisions {
        Some(f) => {
            report.t2[f] = value(
                vals[row.values - 1].as_ref(),
                ValueKind::Count,
                CellKey::T2(f),
                notes,
            );
            notes.add_cells(
                Some(line),
                format!(
                    "2019 版表二“{}”：“处理决定数量”{} 填入 2021 版“本年处理决定数量”；“上一年项目数量”“本年增/减”（{}）2021 版没有，未导入",
                    row.label,
                    shown[row.values - 1],
                    shown[..row.values - 1].join("、")
                ),
                vec![CellKey::T2(f)],
            );
        }
        None => notes.add(
            Some(line),
            format!(
                "2019 版表二“{}”（{}）在 2021 版中没有对应栏目，未导入",
                row.label,
                shown.join("、")
            ),
        ),
    }
}
