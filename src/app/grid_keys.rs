//! The table's keyboard and mouse: this frame's events, in the order they
//! came, turned into [`Input`]s for the table's [`Sheet`] (what each does is
//! in `sheet.rs`), and the sheet's effects carried out on the document and
//! the clipboard. Drawing is in `grid_view.rs`.

use egui::{Event, Key, Rect};

use super::cell_input::cell_id;
use super::document::EditTag;
use super::grid_paste;
use super::sheet::{self, Effect, Held, Input, Sheet, SheetKey};
use super::state::AppState;
use crate::cell::Cell;
use crate::compute::Totals;
use crate::place::Place;
use crate::template::{CellKey, Grid};

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
pub(super) fn follow_focus(
    ui: &egui::Ui,
    st: &mut AppState,
    m: &[Vec<Option<CellKey>>],
) -> Option<CellKey> {
    if let Some(Place::Cell(k)) = st.focus
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
pub(super) fn shown(st: &AppState, totals: &Totals, key: CellKey) -> String {
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
pub(super) fn apply_inputs(
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
            grid_paste::write_cells(st, cells.into_iter().map(|k| (k, Cell::Blank)));
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
        Effect::Paste { cells, text } => grid_paste::paste(st, grid, &cells, &text),
        Effect::Refused(k) => {
            st.status = format!("“{}”自动计算，不能直接修改", k.label());
        }
        Effect::Reveal(k) => return Some(k),
        Effect::Confirm(k) => st.confirm_recognised(k),
    }
    None
}

/// Takes this frame's keys and typing for the table, in order, when the
/// keyboard is the table's. Returns the cell that became active, if any.
pub(super) fn keyboard(
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

/// What a click on a cell means to the sheet.
pub(super) fn mouse_input(ui: &egui::Ui, resp: &egui::Response, key: CellKey) -> Option<Input> {
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
pub(super) fn drag_target(ui: &egui::Ui, rects: &[(Rect, CellKey)]) -> Option<Input> {
    let pos = ui.input(|i| i.pointer.interact_pos())?;
    rects
        .iter()
        .find(|(r, _)| r.contains(pos))
        .map(|(_, k)| Input::DragTo(*k))
}
