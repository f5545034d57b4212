//! Draws a table in its official layout from the template grid — merged
//! headers, the row-label hierarchy with long labels wrapped — with the
//! header rows and the label columns frozen while the page scrolls (as in a
//! spreadsheet). Its keys and clicks go to `grid_keys.rs`, paste to
//! `grid_paste.rs`, the header painting to `grid_paint.rs`.

use egui::{Align2, Rect, Sense, Stroke, StrokeKind, vec2};

use super::cell_input::{self, cell_id};
use super::grid_keys::{apply_inputs, drag_target, follow_focus, keyboard, mouse_input, shown};
use super::grid_paint::{freeze_panes, paint_label};
use super::palette::{self, PAD};
use super::sheet::{self, Input};
use super::sheet_moves::{first_value_col, value_matrix};
use super::state::{AppState, CellMarks};
use crate::compute::Totals;
use crate::rules::cell_problem;
use crate::template::{CellKey, Content, Grid};

/// Space between a cell's edge and its text.
const MIN_ROW: f32 = 28.0;
/// Height of the strip under each value showing last year's value and the change.
const YOY_STRIP: f32 = 12.0;
/// Font size of that strip.
const YOY_FONT: f32 = 10.0;

/// Draws `grid` with column widths `col_w`.
pub fn show(ui: &mut egui::Ui, st: &mut AppState, grid: &Grid, col_w: &[f32], marks: &CellMarks) {
    let matrix = value_matrix(grid);
    let mut reveal_key = follow_focus(ui, st, &matrix);
    if let Some(k) = keyboard(ui, st, grid, &matrix) {
        reveal_key = Some(k);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    let mut xs = vec![0.0];
    for w in col_w {
        xs.push(xs.last().unwrap() + w);
    }
    // Row heights: enough for each wrapped label of the row, and for the
    // year-over-year strip when it is shown.
    let yoy = st.year_over_year();
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
    let mut mouse = Vec::new();
    let mut value_rects = Vec::new();
    let first_pass = ui.ctx().current_pass_index() == 0;
    for (c, g) in grid.cells.iter().zip(&galleys) {
        let r = cell_rect(c);
        match c.content {
            Content::Label(_) => paint_label(ui.painter(), c, r, g.as_ref(), text_color),
            Content::Value(key) => {
                let (top, bottom) = split_for_yoy(r, yoy);
                if let Some(b) = bottom {
                    last_year_line(ui, st, &totals, b, key);
                }
                let resp = value_cell(ui, st, &matrix, &totals, top, key, marks);
                if first_pass {
                    mouse.extend(mouse_input(ui, &resp, key));
                    if resp.dragged() {
                        mouse.extend(drag_target(ui, &value_rects));
                    }
                }
                if reveal_key == Some(key) {
                    cell_input::reveal(ui, top, header_h);
                }
                value_rects.push((top, key));
            }
        }
        ui.painter().rect_stroke(
            r,
            0.0,
            Stroke::new(1.0, palette::GRID_LINE),
            StrokeKind::Inside,
        );
    }
    // A drag may be over a cell drawn after the one it started from.
    if first_pass
        && let Some(k) = st.sheet.as_ref().map(|s| s.active)
        && ui.ctx().is_being_dragged(cell_id(k))
    {
        mouse.extend(drag_target(ui, &value_rects));
    }
    if !mouse.is_empty() {
        let clicked = mouse.iter().any(|i| !matches!(i, Input::DragTo(_)));
        apply_inputs(ui, st, grid, &matrix, mouse);
        if clicked && let Some(k) = st.sheet.as_ref().map(|s| s.active) {
            ui.memory_mut(|mem| mem.request_focus(cell_id(k)));
            st.sheet_had_keys = true;
        }
        ui.ctx().request_repaint();
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

/// Draws one value cell as the sheet and the findings say.
fn value_cell(
    ui: &mut egui::Ui,
    st: &AppState,
    m: &[Vec<Option<CellKey>>],
    totals: &Totals,
    rect: Rect,
    key: CellKey,
    marks: &CellMarks,
) -> egui::Response {
    let sheet = st.sheet.as_ref().filter(|s| sheet::contains(m, s.active));
    let active = sheet.is_some_and(|s| s.active == key);
    let cell = st.doc.report.input(key).cloned().unwrap_or_default();
    let look = cell_input::Look {
        computed: key.is_computed(),
        selected: sheet.is_some_and(|s| s.selects(m, key)),
        active,
        edit: sheet.filter(|_| active).and_then(|s| s.editing()),
        invalid: !key.is_computed() && cell_problem(&cell, key.kind()).is_some(),
        recognised: super::scan_check::awaits(st, key),
        fill: cell_input::cell_fill(marks, key),
    };
    let resp = cell_input::draw(ui, rect, key, &shown(st, totals, key), look);
    let tip = if key.is_computed() {
        let v = totals.get(key).unwrap_or(0);
        cell_input::computed_tooltip(marks, key, v, st.doc.report.published(key))
    } else {
        cell_input::input_tooltip(marks, key, &cell)
    };
    match tip {
        Some(t) => resp.on_hover_text(t),
        None => resp,
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
