//! Draws a table in its official layout from the template grid — merged
//! headers, the row-label hierarchy with long labels wrapped — and handles
//! spreadsheet keys: Enter moves down, ↑/↓ move between rows (egui's spatial
//! focus), Tab moves on,
//! and Ctrl+V of a block copied from Excel/WPS fills cells from the focused one.

use egui::{Align2, Color32, Rect, Sense, Stroke, StrokeKind, vec2};

use super::cell_input::{self, cell_id};
use super::dialogs::Modal;
use super::document::EditTag;
use super::state::{AppState, CellMarks};
use crate::cell::Cell;
use crate::compute::Totals;
use crate::template::{CellKey, Content, Grid};

const HEADER_FILL: Color32 = Color32::from_rgb(236, 240, 246);
const LABEL_FILL: Color32 = Color32::from_rgb(250, 250, 250);
const LINE: Color32 = Color32::from_gray(160);
const PAD: f32 = 5.0;
const MIN_ROW: f32 = 28.0;
/// Row height when last year's value is shown under each cell.
const MIN_ROW_YOY: f32 = 46.0;

/// The table's value cells as a matrix (rows that hold values × value
/// columns), for block paste and Enter/arrow navigation.
pub fn value_matrix(grid: &Grid) -> Vec<Vec<Option<CellKey>>> {
    let first_col = grid
        .cells
        .iter()
        .filter(|c| matches!(c.content, Content::Value(_)))
        .map(|c| c.col)
        .min()
        .unwrap_or(0);
    let mut rows: Vec<usize> = grid
        .cells
        .iter()
        .filter(|c| matches!(c.content, Content::Value(_)))
        .map(|c| c.row)
        .collect();
    rows.sort();
    rows.dedup();
    let mut m = vec![vec![None; grid.cols - first_col]; rows.len()];
    for c in &grid.cells {
        if let Content::Value(k) = c.content {
            let r = rows.iter().position(|&r| r == c.row).unwrap_or(0);
            m[r][c.col - first_col] = Some(k);
        }
    }
    m
}

fn position(m: &[Vec<Option<CellKey>>], key: CellKey) -> Option<(usize, usize)> {
    m.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| *k == Some(key)).map(|c| (r, c)))
}

/// The next input cell below `key` (skipping computed cells), if any.
pub fn input_below(m: &[Vec<Option<CellKey>>], key: CellKey) -> Option<CellKey> {
    let (r, c) = position(m, key)?;
    m.iter()
        .skip(r + 1)
        .filter_map(|row| row.get(c).copied().flatten())
        .find(|k| !k.is_computed())
}

/// Splits a tab- and newline-separated block (Excel, WPS) into rows of cells.
/// Cells quoted CSV-style (a cell holding a newline or tab) are unquoted.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_end_matches(['\r', '\n']);
    let mut rows = vec![vec![String::new()]];
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                let cell = rows.last_mut().unwrap().last_mut().unwrap();
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                rows.last_mut().unwrap().push(String::new());
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                rows.push(vec![String::new()]);
                at_cell_start = true;
            }
            c => {
                rows.last_mut().unwrap().last_mut().unwrap().push(c);
                at_cell_start = false;
            }
        }
    }
    rows
}

/// Writes a pasted block into the cells from `start`; refuses (and changes
/// nothing) when the block does not fit or would cover computed cells.
pub fn paste_block(
    st: &mut AppState,
    grid: &Grid,
    start: CellKey,
    text: &str,
) -> Result<usize, String> {
    let m = value_matrix(grid);
    let block = parse_block(text);
    let (r0, c0) = position(&m, start).ok_or("请先选中要粘贴的起始单元格")?;
    let mut targets = Vec::new();
    for (dr, row) in block.iter().enumerate() {
        for (dc, value) in row.iter().enumerate() {
            let key = m
                .get(r0 + dr)
                .and_then(|r| r.get(c0 + dc))
                .copied()
                .flatten()
                .ok_or_else(|| {
                    format!(
                        "粘贴的内容有 {} 行 {} 列，超出了表格范围，未粘贴任何内容",
                        block.len(),
                        row.len()
                    )
                })?;
            if key.is_computed() {
                return Err(format!(
                    "粘贴区域包含自动计算的单元格“{}”，未粘贴任何内容",
                    key.label()
                ));
            }
            targets.push((key, Cell::parse(value, key.kind())));
        }
    }
    let n = targets.len();
    st.doc.edit(EditTag::Command, |r| {
        for (k, c) in targets {
            if let Some(cell) = r.input_mut(k) {
                *cell = c;
            }
        }
    });
    st.doc.break_merge();
    Ok(n)
}

/// Takes a multi-cell paste aimed at a focused cell of this grid out of the
/// input before the text field sees it.
fn intercept_paste(ui: &mut egui::Ui, st: &mut AppState, grid: &Grid) {
    let Some(focused) = ui.memory(|m| m.focused()) else {
        return;
    };
    let Some(start) = grid.cells.iter().find_map(|c| match c.content {
        Content::Value(k) if cell_id(k) == focused => Some(k),
        _ => None,
    }) else {
        return;
    };
    let mut block = None;
    ui.input_mut(|i| {
        i.events.retain(|e| match e {
            egui::Event::Paste(t) if t.contains('\t') || t.trim_end().contains('\n') => {
                block = Some(t.clone());
                false
            }
            _ => true,
        })
    });
    if let Some(text) = block {
        match paste_block(st, grid, start, &text) {
            Ok(n) => {
                ui.memory_mut(|m| m.surrender_focus(focused));
                st.focus_cell = Some(start);
                st.status = format!("已粘贴 {n} 个单元格");
            }
            Err(e) => st.modal = Some(Modal::Message(e)),
        }
    }
}

/// Draws `grid` with column widths `col_w`.
pub fn show(ui: &mut egui::Ui, st: &mut AppState, grid: &Grid, col_w: &[f32], marks: &CellMarks) {
    intercept_paste(ui, st, grid);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    let mut xs = vec![0.0];
    for w in col_w {
        xs.push(xs.last().unwrap() + w);
    }
    // Row heights: enough for each wrapped label of the row.
    let yoy = st.year_over_year;
    let mut hs: Vec<f32> = (0..grid.rows)
        .map(|r| {
            if yoy
                && grid
                    .cells
                    .iter()
                    .any(|c| c.row == r && matches!(c.content, Content::Value(_)))
            {
                MIN_ROW_YOY
            } else {
                MIN_ROW
            }
        })
        .collect();
    let mut galleys = Vec::with_capacity(grid.cells.len());
    for c in &grid.cells {
        let g = match c.content {
            Content::Label(t) => {
                let w = xs[c.col + c.colspan] - xs[c.col] - 2.0 * PAD;
                let g = ui
                    .painter()
                    .layout(t.to_string(), font.clone(), text_color, w.max(8.0));
                if c.rowspan == 1 {
                    hs[c.row] = hs[c.row].max(g.size().y + 2.0 * PAD);
                }
                Some(g)
            }
            Content::Value(_) => None,
        };
        galleys.push(g);
    }
    // A label spanning rows that are too short for it makes the last of them taller.
    for (c, g) in grid.cells.iter().zip(&galleys) {
        if let (Some(g), true) = (g, c.rowspan > 1) {
            let have: f32 = hs[c.row..c.row + c.rowspan].iter().sum();
            let need = g.size().y + 2.0 * PAD;
            if need > have {
                hs[c.row + c.rowspan - 1] += need - have;
            }
        }
    }
    let mut ys = vec![0.0];
    for h in &hs {
        ys.push(ys.last().unwrap() + h);
    }
    let (rect, _) = ui.allocate_exact_size(
        vec2(*xs.last().unwrap(), *ys.last().unwrap()),
        Sense::hover(),
    );
    let o = rect.min;
    let totals = Totals::of(&st.doc.report);
    let matrix = value_matrix(grid);
    let mut move_to = None;
    for (c, g) in grid.cells.iter().zip(galleys) {
        let r = Rect::from_min_max(
            o + vec2(xs[c.col], ys[c.row]),
            o + vec2(xs[c.col + c.colspan], ys[c.row + c.rowspan]),
        );
        match c.content {
            Content::Label(_) => {
                let p = ui.painter();
                p.rect_filled(r, 0.0, if c.header { HEADER_FILL } else { LABEL_FILL });
                if let Some(g) = g {
                    let pos = if c.header || c.colspan == 1 && c.rowspan > 1 {
                        r.center() - g.size() / 2.0
                    } else {
                        Align2::LEFT_CENTER
                            .anchor_size(r.left_center() + vec2(PAD, 0.0), g.size())
                            .min
                    };
                    p.galley(pos, g, text_color);
                }
            }
            Content::Value(key) if key.is_computed() => {
                let v = totals.get(key).unwrap_or(0);
                let (top, bottom) = split_for_yoy(r, yoy);
                cell_input::computed(ui, st, top, key, v, marks);
                if let Some(b) = bottom {
                    last_year_line(ui, st, &totals, b, key);
                }
            }
            Content::Value(key) => {
                let (top, bottom) = split_for_yoy(r, yoy);
                if let Some(b) = bottom {
                    last_year_line(ui, st, &totals, b, key);
                }
                let resp = cell_input::input(ui, st, top, key, marks);
                if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    move_to = input_below(&matrix, key);
                }
            }
        }
        ui.painter()
            .rect_stroke(r, 0.0, Stroke::new(1.0, LINE), StrokeKind::Inside);
    }
    if let Some(k) = move_to {
        st.focus_cell = Some(k);
        ui.ctx().request_repaint();
    }
}

/// The cell's own area and, when the year-over-year view is on, the strip below it.
fn split_for_yoy(r: Rect, yoy: bool) -> (Rect, Option<Rect>) {
    if !yoy {
        return (r, None);
    }
    let top = Rect::from_min_size(r.min, vec2(r.width(), MIN_ROW));
    (
        top,
        Some(Rect::from_min_max(egui::pos2(r.min.x, top.max.y), r.max)),
    )
}

/// "上年 12 +3" under a cell: last year's value and the change.
fn last_year_line(ui: &mut egui::Ui, st: &AppState, totals: &Totals, r: Rect, key: CellKey) {
    let Some(last) = crate::diff::last_year_value(&st.doc.report, st.doc.last_year.as_ref(), key)
    else {
        return;
    };
    let change = crate::diff::Change {
        key,
        last: last.clone(),
        this: st.doc.report.value_with(totals, key),
    };
    let delta = change.delta().unwrap_or_default();
    let color = match delta.chars().next() {
        Some('+') if delta != "+0" => Color32::from_rgb(0, 120, 60),
        Some('-') => Color32::from_rgb(170, 40, 40),
        _ => Color32::GRAY,
    };
    let shown = if last.display().is_empty() {
        "空".to_string()
    } else {
        last.display()
    };
    let font = egui::FontId::proportional(11.0);
    let p = ui.painter();
    p.text(
        r.left_center() + vec2(PAD, 0.0),
        Align2::LEFT_CENTER,
        format!("上年{shown}"),
        font.clone(),
        Color32::GRAY,
    );
    p.text(
        r.right_center() - vec2(PAD, 0.0),
        Align2::RIGHT_CENTER,
        delta,
        font,
        color,
    );
}
