//! Draws a table in its official layout from the template grid — merged
//! headers, the row-label hierarchy with long labels wrapped — with the
//! header rows and the label columns frozen while the page scrolls (as in a
//! spreadsheet), and handles spreadsheet keys: Enter and ↓ move down, ↑ up
//! (every press counts, even several in one frame under key repeat), Tab
//! moves on, and Ctrl+V of a block copied from Excel/WPS fills cells from
//! the focused one.

use egui::{Align2, Event, Key, Rect, Sense, Stroke, StrokeKind, vec2};

use super::cell_input::{self, cell_id};
use super::dialogs::Modal;
use super::document::EditTag;
use super::palette;
use super::state::{AppState, CellMarks, Target};
use crate::cell::Cell;
use crate::compute::Totals;
use crate::template::{CellKey, Content, Grid};

const PAD: f32 = 5.0;
const MIN_ROW: f32 = 28.0;
/// Height of the strip under each value showing last year's value and the change.
const YOY_STRIP: f32 = 12.0;
/// Font size of that strip.
const YOY_FONT: f32 = 10.0;

/// The table's value cells as a matrix (rows that hold values × value
/// columns), for block paste and Enter/arrow navigation.
pub fn value_matrix(grid: &Grid) -> Vec<Vec<Option<CellKey>>> {
    let first_col = first_value_col(grid);
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

/// The first column that holds values: the columns left of it are row labels.
fn first_value_col(grid: &Grid) -> usize {
    grid.cells
        .iter()
        .filter(|c| matches!(c.content, Content::Value(_)))
        .map(|c| c.col)
        .min()
        .unwrap_or(0)
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

/// The next input cell above `key` (skipping computed cells), if any.
pub fn input_above(m: &[Vec<Option<CellKey>>], key: CellKey) -> Option<CellKey> {
    let (r, c) = position(m, key)?;
    m[..r]
        .iter()
        .rev()
        .filter_map(|row| row.get(c).copied().flatten())
        .find(|k| !k.is_computed())
}

/// Moves the focus for every Enter, ↓ and ↑ pressed in this frame while a
/// cell of this grid has the focus (and no menu is open), starting from the
/// cell about to be focused if an earlier press has not landed yet. The
/// presses are taken out of the input, so neither the text field nor
/// egui's own focus movement sees them.
fn navigate(ui: &mut egui::Ui, st: &mut AppState, m: &[Vec<Option<CellKey>>]) {
    if egui::Popup::is_any_open(ui.ctx()) {
        return;
    }
    let focused = ui.memory(|mem| mem.focused());
    let Some(focused_cell) = m
        .iter()
        .flatten()
        .flatten()
        .copied()
        .find(|k| Some(cell_id(*k)) == focused)
    else {
        return;
    };
    let mut at = match &st.focus {
        Some(Target::Cell(k)) if position(m, *k).is_some() => *k,
        _ => focused_cell,
    };
    // A discarded pass (egui reruns a frame whose layout changed) sees the
    // same presses again: they were acted on in the first pass.
    let first_pass = ui.ctx().current_pass_index() == 0;
    let mut moved = false;
    let mut taken = false;
    ui.input_mut(|i| {
        i.events.retain(|e| {
            let Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = e
            else {
                return true;
            };
            let next = match key {
                Key::Enter | Key::ArrowDown if modifiers.is_none() => input_below(m, at),
                Key::ArrowUp if modifiers.is_none() => input_above(m, at),
                Key::Enter if modifiers.shift_only() => input_above(m, at),
                _ => return true,
            };
            if let Some(n) = next.filter(|_| first_pass) {
                at = n;
                moved = true;
            }
            taken = true;
            false
        })
    });
    if taken {
        // egui read the same press at the start of the frame and would move
        // the focus spatially too (a field's key filter only holds from its
        // second focused frame): the grid has moved it already.
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    }
    if moved {
        st.focus = Some(Target::Cell(at));
        ui.ctx().request_repaint();
    }
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

/// Why a pasted block was refused (nothing was pasted).
#[derive(Debug, thiserror::Error)]
pub enum PasteRefused {
    #[error("请先选中要粘贴的起始单元格")]
    NoStart,
    #[error("粘贴的内容有 {rows} 行 {cols} 列，超出了表格范围，未粘贴任何内容")]
    DoesNotFit { rows: usize, cols: usize },
    #[error("粘贴区域包含自动计算的单元格“{0}”，未粘贴任何内容")]
    CoversTotal(String),
}

/// Writes a pasted block into the cells from `start`; refuses (and changes
/// nothing) when the block does not fit or would cover computed cells.
pub fn paste_block(
    st: &mut AppState,
    grid: &Grid,
    start: CellKey,
    text: &str,
) -> Result<usize, PasteRefused> {
    let m = value_matrix(grid);
    let block = parse_block(text);
    let (r0, c0) = position(&m, start).ok_or(PasteRefused::NoStart)?;
    let mut targets = Vec::new();
    for (dr, row) in block.iter().enumerate() {
        for (dc, value) in row.iter().enumerate() {
            let key = m
                .get(r0 + dr)
                .and_then(|r| r.get(c0 + dc))
                .copied()
                .flatten()
                .ok_or(PasteRefused::DoesNotFit {
                    rows: block.len(),
                    cols: row.len(),
                })?;
            if key.is_computed() {
                return Err(PasteRefused::CoversTotal(key.label()));
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
                st.focus = Some(Target::Cell(start));
                st.status = format!("已粘贴 {n} 个单元格");
            }
            Err(e) => st.modal = Some(Modal::Message(e.to_string())),
        }
    }
}

/// Draws `grid` with column widths `col_w`.
pub fn show(ui: &mut egui::Ui, st: &mut AppState, grid: &Grid, col_w: &[f32], marks: &CellMarks) {
    intercept_paste(ui, st, grid);
    let matrix = value_matrix(grid);
    navigate(ui, st, &matrix);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    let mut xs = vec![0.0];
    for w in col_w {
        xs.push(xs.last().unwrap() + w);
    }
    // Row heights: enough for each wrapped label of the row, and for the
    // year-over-year strip when it is shown.
    let yoy = st.year_over_year;
    let mut hs: Vec<f32> = (0..grid.rows)
        .map(|r| {
            let has_values = grid
                .cells
                .iter()
                .any(|c| c.row == r && matches!(c.content, Content::Value(_)));
            if yoy && has_values {
                MIN_ROW + YOY_STRIP
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
    let header_h = ys[grid.header_rows];
    let totals = Totals::of(&st.doc.report);
    let cell_rect = |c: &crate::template::GridCell| {
        Rect::from_min_max(
            o + vec2(xs[c.col], ys[c.row]),
            o + vec2(xs[c.col + c.colspan], ys[c.row + c.rowspan]),
        )
    };
    for (c, g) in grid.cells.iter().zip(&galleys) {
        let r = cell_rect(c);
        match c.content {
            Content::Label(_) => paint_label(ui.painter(), c, r, g.as_ref(), text_color),
            Content::Value(key) if key.is_computed() => {
                let v = totals.get(key).unwrap_or(0);
                let (top, bottom) = split_for_yoy(r, yoy);
                cell_input::computed(ui, st, top, key, v, marks, header_h);
                if let Some(b) = bottom {
                    last_year_line(ui, st, &totals, b, key);
                }
            }
            Content::Value(key) => {
                let (top, bottom) = split_for_yoy(r, yoy);
                if let Some(b) = bottom {
                    last_year_line(ui, st, &totals, b, key);
                }
                cell_input::input(ui, st, top, key, marks, header_h);
            }
        }
        ui.painter().rect_stroke(
            r,
            0.0,
            Stroke::new(1.0, palette::GRID_LINE),
            StrokeKind::Inside,
        );
    }
    freeze_panes(
        ui,
        grid,
        rect,
        header_h,
        xs[first_value_col(grid)],
        &cell_rect,
        &galleys,
        text_color,
    );
}

/// Paints a header or row-label cell.
fn paint_label(
    p: &egui::Painter,
    c: &crate::template::GridCell,
    r: Rect,
    g: Option<&std::sync::Arc<egui::Galley>>,
    text_color: egui::Color32,
) {
    p.rect_filled(
        r,
        0.0,
        if c.header {
            palette::HEADER_FILL
        } else {
            palette::LABEL_FILL
        },
    );
    if let Some(g) = g {
        let pos = if c.header || c.colspan == 1 && c.rowspan > 1 {
            r.center() - g.size() / 2.0
        } else {
            Align2::LEFT_CENTER
                .anchor_size(r.left_center() + vec2(PAD, 0.0), g.size())
                .min
        };
        p.galley(pos, g.clone(), text_color);
    }
    p.rect_stroke(
        r,
        0.0,
        Stroke::new(1.0, palette::GRID_LINE),
        StrokeKind::Inside,
    );
}

/// Frozen panes: when the page has scrolled the header rows (or the label
/// columns) out of view while the table is still on screen, they are painted
/// again at the top (left) edge of the visible area, over the cells, which
/// they also shield from clicks.
#[allow(clippy::too_many_arguments)]
fn freeze_panes(
    ui: &mut egui::Ui,
    grid: &Grid,
    table: Rect,
    header_h: f32,
    labels_w: f32,
    cell_rect: &dyn Fn(&crate::template::GridCell) -> Rect,
    galleys: &[Option<std::sync::Arc<egui::Galley>>],
    text_color: egui::Color32,
) {
    let clip = ui.clip_rect();
    let dy = clip.min.y - table.min.y;
    let dx = clip.min.x - table.min.x;
    let freeze_rows = dy > 0.0 && table.max.y - dy > table.min.y + header_h;
    let freeze_cols = dx > 0.0 && table.max.x - dx > table.min.x + labels_w;
    if !freeze_rows && !freeze_cols {
        return;
    }
    let painter = ui.painter().with_clip_rect(clip);
    let label_cols =
        |c: &crate::template::GridCell| cell_rect(c).max.x <= table.min.x + labels_w + 0.5;
    let is_header = |c: &crate::template::GridCell| c.row < grid.header_rows;
    let paint = |shift: egui::Vec2, pick: &dyn Fn(&crate::template::GridCell) -> bool| {
        for (c, g) in grid.cells.iter().zip(galleys) {
            if matches!(c.content, Content::Label(_)) && pick(c) {
                paint_label(
                    &painter,
                    c,
                    cell_rect(c).translate(shift),
                    g.as_ref(),
                    text_color,
                );
            }
        }
    };
    if freeze_cols {
        paint(vec2(dx, 0.0), &|c| label_cols(c) && !is_header(c));
    }
    if freeze_rows {
        paint(vec2(0.0, dy), &|c| is_header(c));
    }
    if freeze_rows && freeze_cols {
        paint(vec2(dx, dy), &|c| is_header(c) && label_cols(c));
    }
    // The covered cells must not take clicks through the frozen panes (the
    // shields take clicks only: Tab must not stop on them).
    if freeze_rows {
        let band = Rect::from_min_size(
            egui::pos2(table.min.x, clip.min.y),
            vec2(table.width(), header_h),
        );
        ui.interact(band, ui.scope_id().with("frozen-rows"), Sense::CLICK);
    }
    if freeze_cols {
        let band = Rect::from_min_size(
            egui::pos2(clip.min.x, table.min.y),
            vec2(labels_w, table.height()),
        );
        ui.interact(band, ui.scope_id().with("frozen-cols"), Sense::CLICK);
    }
}

/// The cell's own area and, when the year-over-year view is on, the strip below it.
fn split_for_yoy(r: Rect, yoy: bool) -> (Rect, Option<Rect>) {
    if !yoy {
        return (r, None);
    }
    let top = Rect::from_min_max(r.min, egui::pos2(r.max.x, r.max.y - YOY_STRIP));
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
        Some('+') if delta != "+0" => palette::RISE,
        Some('-') => palette::FALL,
        _ => palette::QUIET,
    };
    let shown = if last.display().is_empty() {
        "空".to_string()
    } else {
        last.display()
    };
    let font = egui::FontId::proportional(YOY_FONT);
    let p = ui.painter();
    p.text(
        r.left_center() + vec2(3.0, -1.0),
        Align2::LEFT_CENTER,
        format!("上年{shown}"),
        font.clone(),
        palette::QUIET,
    );
    p.text(
        r.right_center() - vec2(3.0, 1.0),
        Align2::RIGHT_CENTER,
        delta,
        font,
        color,
    );
}
