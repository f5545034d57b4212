//! Draws a table in its official layout from the template grid — merged
//! headers, the row-label hierarchy with long labels wrapped — with the
//! header rows and the label columns frozen while the page scrolls (as in a
//! spreadsheet), and hands the frame's clicks and keys, in order, to the
//! table's [`Sheet`] (what each does is in `sheet.rs`), carrying out its
//! effects on the document and the clipboard.

use egui::{Align2, Event, Key, Rect, Sense, Stroke, StrokeKind, vec2};

use super::cell_input::{self, cell_id};
use super::dialogs::Modal;
use super::document::EditTag;
use super::palette;
use super::sheet::{self, Effect, Held, Input, Sheet, SheetKey};
use super::state::{AppState, CellMarks, Target};
use crate::cell::Cell;
use crate::compute::Totals;
use crate::rules::cell_problem;
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

/// The grid's keys and edits from this frame's events, in the order they
/// came: a digit before an Enter and one after it land in different cells
/// however fast they were typed. Returns the events that are not the grid's.
fn sheet_input(e: &Event) -> Option<Input> {
    Some(match e {
        Event::Text(t) => Input::Text(t.clone()),
        Event::Ime(egui::ImeEvent::Commit(t)) => Input::Text(t.clone()),
        Event::Copy => Input::Copy,
        Event::Cut => Input::Cut,
        Event::Paste(t) => Input::Paste(t.clone()),
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            let held = if modifiers.is_none() {
                Held::Nothing
            } else if modifiers.shift_only() {
                Held::Shift
            } else if modifiers.command_only() {
                Held::Ctrl
            } else {
                return None;
            };
            let k = match key {
                Key::Enter => SheetKey::Enter,
                Key::Tab if held != Held::Ctrl => SheetKey::Tab,
                Key::ArrowUp => SheetKey::Up,
                Key::ArrowDown => SheetKey::Down,
                Key::ArrowLeft => SheetKey::Left,
                Key::ArrowRight => SheetKey::Right,
                Key::Home => SheetKey::Home,
                Key::End => SheetKey::End,
                Key::Escape => SheetKey::Escape,
                Key::F2 => SheetKey::F2,
                Key::Delete => SheetKey::Delete,
                Key::Backspace => SheetKey::Backspace,
                _ => return None,
            };
            // Ctrl is the grid's only with Home and End (first and last cell).
            if held == Held::Ctrl && !matches!(k, SheetKey::Home | SheetKey::End) {
                return None;
            }
            Input::Key(k, held)
        }
        _ => return None,
    })
}

/// Whether the keyboard is this table's: one of its cells has the focus, or
/// nothing has it and the table had it (egui drops the focus on Esc in the
/// first frame after a move, before a cell can say Esc is its own).
fn has_keys(ui: &egui::Ui, st: &AppState, m: &[Vec<Option<CellKey>>]) -> bool {
    let Some(sheet) = &st.sheet else {
        return false;
    };
    if !sheet::contains(m, sheet.active) || st.modal.is_some() || egui::Popup::is_any_open(ui.ctx())
    {
        return false;
    }
    match ui.memory(|mem| mem.focused()) {
        Some(id) => id == cell_id(sheet.active),
        None => st.sheet_had_keys,
    }
}

/// Adopts the focus when it came to a cell some other way (Tab from the
/// field above, a screen reader) or was asked for by a finding.
fn follow_focus(ui: &egui::Ui, st: &mut AppState, m: &[Vec<Option<CellKey>>]) -> Option<CellKey> {
    if let Some(Target::Cell(k)) = st.focus
        && sheet::contains(m, k)
    {
        st.focus = None;
        st.sheet = Some(Sheet::at(k));
        ui.memory_mut(|mem| mem.request_focus(cell_id(k)));
        return Some(k);
    }
    let focused = ui.memory(|mem| mem.focused())?;
    let k = m
        .iter()
        .flatten()
        .flatten()
        .copied()
        .find(|k| cell_id(*k) == focused)?;
    if st.sheet.as_ref().is_none_or(|s| s.active != k) {
        st.sheet = Some(Sheet::at(k));
    }
    None
}

/// What cell `key` shows now: the edited text, the stored value or the total.
fn shown(st: &AppState, totals: &Totals, key: CellKey) -> String {
    if let Some(e) = st
        .sheet
        .as_ref()
        .filter(|s| s.active == key)
        .and_then(|s| s.editing())
    {
        return e.text.clone();
    }
    if key.is_computed() {
        return totals.get(key).unwrap_or(0).to_string();
    }
    st.doc
        .report
        .input(key)
        .map(Cell::display)
        .unwrap_or_default()
}

/// Feeds `inputs` to the sheet one by one, doing each effect before the next
/// input is applied. Returns the cell to scroll into view, if one became active.
fn apply_inputs(
    ui: &egui::Ui,
    st: &mut AppState,
    grid: &Grid,
    m: &[Vec<Option<CellKey>>],
    inputs: Vec<Input>,
) -> Option<CellKey> {
    let mut reveal = None;
    for input in inputs {
        // The first click into a table starts its sheet.
        let mut sheet = match (st.sheet.take(), &input) {
            (Some(s), _) => s,
            (None, Input::Click(k) | Input::DoubleClick(k)) => Sheet::at(*k),
            (None, _) => continue,
        };
        let totals = Totals::of(&st.doc.report);
        let effects = sheet.apply(m, input, &|k| shown(st, &totals, k));
        st.sheet = Some(sheet);
        for e in effects {
            if let Some(k) = do_effect(ui, st, grid, e) {
                reveal = Some(k);
            }
        }
    }
    reveal
}

/// Carries out one effect on the document or the clipboard.
fn do_effect(ui: &egui::Ui, st: &mut AppState, grid: &Grid, e: Effect) -> Option<CellKey> {
    match e {
        Effect::Begin(_) | Effect::Commit(_) => st.doc.break_merge(),
        Effect::Write(k, text) => {
            let new = Cell::parse(&text, k.kind());
            st.doc.edit(EditTag::Field(cell_id(k)), |r| {
                if let Some(c) = r.input_mut(k) {
                    *c = new;
                }
            });
        }
        Effect::Cancel(k) => st.doc.cancel_run(EditTag::Field(cell_id(k))),
        Effect::Clear(cells) => {
            let n = cells.len();
            st.doc.edit(EditTag::Command, |r| {
                for k in cells {
                    if let Some(c) = r.input_mut(k) {
                        *c = Cell::Blank;
                    }
                }
            });
            st.doc.break_merge();
            st.status = format!("已清除 {n} 个单元格");
        }
        Effect::Copy(block) => {
            let totals = Totals::of(&st.doc.report);
            let tsv: Vec<String> = block
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|k| k.map(|k| shown(st, &totals, k)).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect();
            let n = block.iter().flatten().flatten().count();
            ui.ctx().copy_text(tsv.join("\n"));
            st.status = format!("已复制 {n} 个单元格");
        }
        Effect::Paste { cells, text } => paste(st, grid, &cells, &text),
        Effect::Refused(k) => {
            st.status = format!("“{}”自动计算，不能直接修改", k.label());
        }
        Effect::Reveal(k) => return Some(k),
    }
    None
}

/// Pastes `text` over the selection `cells` (top-left first): a block from
/// a spreadsheet fills the cells from the top-left one; a single value fills
/// every input cell selected.
fn paste(st: &mut AppState, grid: &Grid, cells: &[CellKey], text: &str) {
    let Some(&start) = cells.first() else {
        return;
    };
    if text.contains('\t') || text.trim_end().contains('\n') {
        match paste_block(st, grid, start, text) {
            Ok(done) => {
                st.status = done.to_string();
                if let (Some(sheet), Some(last)) = (st.sheet.as_mut(), done.corner) {
                    sheet.active = start;
                    sheet.corner = last;
                }
            }
            Err(e) => st.modal = Some(Modal::Message(e.to_string())),
        }
        return;
    }
    let value = text.trim();
    let targets: Vec<CellKey> = cells.iter().copied().filter(|k| !k.is_computed()).collect();
    let n = targets.len();
    st.doc.edit(EditTag::Command, |r| {
        for k in targets {
            if let Some(c) = r.input_mut(k) {
                *c = Cell::parse(value, k.kind());
            }
        }
    });
    st.doc.break_merge();
    st.status = format!("已粘贴 {n} 个单元格");
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
}

/// What a block paste did: the cells filled, the computed ones it skipped
/// (their values follow from the others), and the block's far corner.
#[derive(Debug)]
pub struct Pasted {
    pub filled: usize,
    pub skipped: Vec<CellKey>,
    pub corner: Option<CellKey>,
}

impl std::fmt::Display for Pasted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "已粘贴 {} 个单元格", self.filled)?;
        if !self.skipped.is_empty() {
            let names: Vec<String> = self.skipped.iter().map(|k| k.label()).collect();
            write!(
                f,
                "；跳过 {} 个自动计算的单元格（{}）",
                self.skipped.len(),
                names.join("、")
            )?;
        }
        Ok(())
    }
}

/// Writes a pasted block into the cells from `start` as one undo step;
/// refuses (and changes nothing) when the block does not fit. Computed cells
/// under the block are skipped and named: their values follow from the rest.
pub fn paste_block(
    st: &mut AppState,
    grid: &Grid,
    start: CellKey,
    text: &str,
) -> Result<Pasted, PasteRefused> {
    let m = value_matrix(grid);
    let block = parse_block(text);
    let (r0, c0) = position(&m, start).ok_or(PasteRefused::NoStart)?;
    let mut targets = Vec::new();
    let mut skipped = Vec::new();
    let mut corner = None;
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
            corner = Some(key);
            if key.is_computed() {
                skipped.push(key);
            } else {
                targets.push((key, Cell::parse(value, key.kind())));
            }
        }
    }
    let filled = targets.len();
    st.doc.edit(EditTag::Command, |r| {
        for (k, c) in targets {
            if let Some(cell) = r.input_mut(k) {
                *cell = c;
            }
        }
    });
    st.doc.break_merge();
    Ok(Pasted {
        filled,
        skipped,
        corner,
    })
}

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

/// Takes this frame's keys and typing for the table, in order, when the
/// keyboard is the table's. Returns the cell that became active, if any.
fn keyboard(
    ui: &mut egui::Ui,
    st: &mut AppState,
    grid: &Grid,
    m: &[Vec<Option<CellKey>>],
) -> Option<CellKey> {
    // An edit whose cell changed under it (undo, another command) is over.
    if let Some(sheet) = st.sheet.as_mut()
        && let Some(e) = sheet.editing()
        && st.doc.report.input(sheet.active).cloned()
            != Some(Cell::parse(&e.text, sheet.active.kind()))
    {
        sheet.mode = sheet::Mode::Selected;
    }
    if !has_keys(ui, st, m) {
        if st
            .sheet
            .as_ref()
            .is_some_and(|s| sheet::contains(m, s.active))
        {
            st.sheet_had_keys = false;
            if let Some(sheet) = st.sheet.as_mut() {
                for e in sheet.commit() {
                    do_effect(ui, st, grid, e);
                }
            }
        }
        return None;
    }
    // A discarded pass (egui reruns a frame whose layout changed) sees the
    // same events again: they were acted on in the first pass.
    let first_pass = ui.ctx().current_pass_index() == 0;
    let mut inputs = Vec::new();
    ui.input_mut(|i| {
        i.events.retain(|e| match sheet_input(e) {
            Some(input) => {
                inputs.push(input);
                false
            }
            None => true,
        })
    });
    let reveal = if first_pass && !inputs.is_empty() {
        ui.ctx().request_repaint();
        apply_inputs(ui, st, grid, m, inputs)
    } else {
        None
    };
    let active = st.sheet.as_ref().map(|s| s.active)?;
    // The focus follows the active cell; egui must not also move it on the
    // arrows, Tab or Esc the table has taken.
    ui.memory_mut(|mem| {
        if mem.focused() != Some(cell_id(active)) {
            mem.request_focus(cell_id(active));
        }
        mem.set_focus_lock_filter(
            cell_id(active),
            egui::EventFilter {
                tab: true,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: true,
            },
        );
        mem.move_focus(egui::FocusDirection::None);
    });
    st.sheet_had_keys = true;
    reveal
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

/// What a click on a cell means to the sheet.
fn mouse_input(ui: &egui::Ui, resp: &egui::Response, key: CellKey) -> Option<Input> {
    if resp.double_clicked() {
        Some(Input::DoubleClick(key))
    } else if resp.clicked() && ui.input(|i| i.modifiers.shift_only()) {
        Some(Input::ShiftClick(key))
    } else if resp.clicked() || resp.drag_started() {
        Some(Input::Click(key))
    } else {
        None
    }
}

/// The cell under the pointer during a drag (among those drawn so far).
fn drag_target(ui: &egui::Ui, rects: &[(Rect, CellKey)]) -> Option<Input> {
    let pos = ui.input(|i| i.pointer.interact_pos())?;
    rects
        .iter()
        .find(|(r, _)| r.contains(pos))
        .map(|(_, k)| Input::DragTo(*k))
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
