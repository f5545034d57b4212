//! One number cell of a table: what the clerk types is kept exactly while the
//! cell has focus, parsed into the model on every keystroke (so totals update
//! live), and never "corrected" silently — invalid text stays, outlined red.

use egui::{Color32, EventFilter, Rect, Stroke, StrokeKind};

use super::document::EditTag;
use super::palette;
use super::state::{AppState, CellMarks};
use crate::cell::Cell;
use crate::rules::{RuleId, cell_problem};
use crate::template::CellKey;

/// The stable widget id of a cell (also used to focus it from a finding).
pub fn cell_id(key: CellKey) -> egui::Id {
    egui::Id::unique(("nianbao-cell", key.to_string()))
}

/// The accessible name of a cell: its labels and its key.
pub fn cell_name(key: CellKey) -> String {
    format!("{}（{}）", key.label(), key)
}

fn fill_for(marks: &CellMarks, key: CellKey, default: Color32) -> Color32 {
    fill_for_name(marks, &key.to_string(), default)
}

/// The background of a cell named `key` (also part 六's `p6.fees.*` fields).
pub fn fill_for_name(marks: &CellMarks, key: &str, default: Color32) -> Color32 {
    palette::severity_fill(marks.get(key).map(|m| m.0), default)
}

/// What a number field shows: the clerk's own typing while it has focus
/// (kept in egui's temporary memory), else the stored cell.
///
/// The buffer remembers the cell value it produced; if the model changed
/// since (undo, paste, another document), the buffer is stale and dropped.
pub fn shown_text(ui: &egui::Ui, id: egui::Id, cell: &Cell) -> String {
    if ui.memory(|m| m.has_focus(id))
        && let Some((text, typed)) = ui.data(|d| d.get_temp::<(String, Cell)>(id))
        && typed == *cell
    {
        return text;
    }
    cell.display()
}

/// Remembers what the clerk typed into field `id`, and the value it parsed to.
pub fn remember_typing(ui: &egui::Ui, id: egui::Id, text: &str, parsed: &Cell) {
    ui.data_mut(|d| d.insert_temp(id, (text.to_string(), parsed.clone())));
}

/// Forgets the typing buffer of field `id` (it lost focus).
pub fn forget_typing(ui: &egui::Ui, id: egui::Id) {
    ui.data_mut(|d| d.remove::<(String, Cell)>(id));
}

/// The findings on a cell, then `extra` unless a finding already says it
/// (the B4 finding and the invalid-text note are the same fact).
pub fn tooltip(marks: &CellMarks, key: CellKey, extra: Option<String>) -> Option<String> {
    let mut lines: Vec<String> = marks
        .get(&key.to_string())
        .map(|m| m.1.clone())
        .unwrap_or_default();
    if let Some(e) = extra {
        let id = e.split_once('：').map(|(id, _)| id).unwrap_or_default();
        if id.is_empty() || !lines.iter().any(|l| l.starts_with(id)) {
            lines.push(e);
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Scrolls to a cell that just got the focus, with room for the frozen
/// header rows above it (`header_h`), so it never hides under them.
fn reveal(ui: &egui::Ui, rect: Rect, header_h: f32) {
    ui.scroll_to_rect(
        Rect::from_min_max(
            rect.min - egui::vec2(0.0, header_h),
            rect.max + egui::vec2(0.0, 8.0),
        ),
        None,
    );
}

/// An editable input cell filling `rect`. Returns its response.
pub fn input(
    ui: &mut egui::Ui,
    st: &mut AppState,
    rect: Rect,
    key: CellKey,
    marks: &CellMarks,
    header_h: f32,
) -> egui::Response {
    let id = cell_id(key);
    // Focus is given before the field is drawn, so it draws as focused now.
    let focus_now = st.take_focus_cell(key);
    if focus_now {
        ui.memory_mut(|m| m.request_focus(id));
    }
    let cell = st.doc.report.input(key).cloned().unwrap_or_default();
    let mut text = shown_text(ui, id, &cell);
    let problem = cell_problem(&cell, key.kind());
    let edit = egui::TextEdit::singleline(&mut text)
        .id(id)
        .align(egui::Align2::RIGHT_CENTER)
        .background_color(fill_for(marks, key, palette::INPUT_FILL))
        .event_filter(EventFilter {
            horizontal_arrows: true,
            // ↑/↓ are the grid's (it moves between input cells); egui's own
            // focus movement must not act on them as well.
            vertical_arrows: true,
            tab: false,
            escape: false,
        })
        .desired_width(rect.width() - 8.0);
    let mut resp = ui
        .put(rect.shrink(1.0), edit)
        .accessible_name(cell_name(key));
    if problem.is_some() {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            2.0,
            Stroke::new(2.0, palette::INVALID_STROKE),
            StrokeKind::Inside,
        );
    }
    if resp.changed() {
        let new = Cell::parse(&text, key.kind());
        remember_typing(ui, id, &text, &new);
        st.doc.edit(EditTag::Field(id), |r| {
            if let Some(c) = r.input_mut(key) {
                *c = new;
            }
        });
    }
    if resp.lost_focus() {
        forget_typing(ui, id);
        st.doc.break_merge();
    }
    if focus_now {
        reveal(ui, rect, header_h);
    }
    let why = problem.map(|p| format!("{}：{p}（已按原样保留）", RuleId::B4.as_str()));
    if let Some(tip) = tooltip(marks, key, why) {
        resp = resp.on_hover_text(tip);
    }
    resp
}

/// A computed (read-only) cell showing `value`.
pub fn computed(
    ui: &mut egui::Ui,
    st: &mut AppState,
    rect: Rect,
    key: CellKey,
    value: i64,
    marks: &CellMarks,
    header_h: f32,
) {
    let mut text = value.to_string();
    let edit = egui::TextEdit::singleline(&mut text)
        .id(cell_id(key))
        .interactive(false)
        .align(egui::Align2::RIGHT_CENTER)
        .background_color(fill_for(marks, key, palette::COMPUTED_FILL))
        .desired_width(rect.width() - 8.0);
    let resp = ui
        .put(rect.shrink(1.0), edit)
        .accessible_name(cell_name(key));
    let published = st
        .doc
        .report
        .published(key)
        .filter(|c| **c != Cell::Int(value))
        .map(|c| {
            format!(
                "原报告公布为 {}",
                if c.display().is_empty() {
                    "空".to_string()
                } else {
                    c.display()
                }
            )
        });
    let tip = tooltip(
        marks,
        key,
        Some(format!(
            "自动计算，不能直接修改{}",
            published.map(|p| format!("；{p}")).unwrap_or_default()
        )),
    );
    if let Some(tip) = tip {
        resp.on_hover_text(tip);
    }
    if st.take_focus_cell(key) {
        reveal(ui, rect, header_h);
    }
}
