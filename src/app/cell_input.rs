//! One number cell of a table as drawn: its fill, its text (or the text
//! being edited, with the caret), the selection and the red outline of an
//! invalid entry; and the typing buffer of the single number fields (part
//! 六's fees). What the clerk types is parsed into the model on every
//! keystroke (so totals update live) and never "corrected" silently.

use egui::{Color32, Rect, Sense, Stroke, StrokeKind};

use super::palette;
use super::sheet::Edit;
use super::state::CellMarks;
use crate::cell::Cell;
use crate::place::Place;
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
    fill_for_place(marks, &Place::Cell(key), default)
}

/// The background of a cell or of one of part 六's fee fields.
pub fn fill_for_place(marks: &CellMarks, place: &Place, default: Color32) -> Color32 {
    palette::severity_fill(marks.get(place).map(|m| m.severity), default)
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

/// Selects the whole text of field `id`, so that typing replaces it as in
/// a spreadsheet cell (a click would put the caret in front of the digits).
pub fn select_all(ui: &egui::Ui, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ui.ctx(), id);
}

/// Forgets the typing buffer of field `id` (it lost focus).
pub fn forget_typing(ui: &egui::Ui, id: egui::Id) {
    ui.data_mut(|d| d.remove::<(String, Cell)>(id));
}

/// The findings on a cell, then `extra` unless a finding of the same rule
/// already says it (the B4 finding and the invalid-text note are one fact).
fn tooltip(
    marks: &CellMarks,
    key: CellKey,
    extra: Option<(Option<RuleId>, String)>,
) -> Option<String> {
    let mark = marks.get(&Place::Cell(key));
    let mut lines: Vec<String> = mark.map(|m| m.lines()).unwrap_or_default();
    if let Some((rule, text)) = extra {
        let said = |id: RuleId| mark.is_some_and(|m| m.findings.iter().any(|(r, _)| *r == id));
        match rule {
            Some(id) if said(id) => {}
            Some(id) => lines.push(format!("{}：{text}", id.as_str())),
            None => lines.push(text),
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Scrolls to a cell that just became active, with room for the frozen
/// header rows above it (`header_h`), so it never hides under them.
pub fn reveal(ui: &egui::Ui, rect: Rect, header_h: f32) {
    ui.scroll_to_rect(
        Rect::from_min_max(
            rect.min - egui::vec2(0.0, header_h),
            rect.max + egui::vec2(0.0, 8.0),
        ),
        None,
    );
}

/// How a value cell is drawn: whether it is computed, selected, active or
/// being edited (with the edited text and caret).
pub struct Look<'a> {
    pub computed: bool,
    pub selected: bool,
    pub active: bool,
    pub edit: Option<&'a Edit>,
    /// Holds text that is not a valid value (outlined red).
    pub invalid: bool,
    /// Read from a picture and not checked by the clerk yet.
    pub recognised: bool,
    pub fill: Color32,
}

/// Inner padding between a cell's border and its text.
const TEXT_PAD: f32 = 5.0;

/// Draws one value cell filling `rect` and returns its response. It is a
/// plain widget, not a text field: the grid (`grid_view`) turns clicks and
/// keys into edits, so no click ever places a caret before a number.
pub fn draw(
    ui: &mut egui::Ui,
    rect: Rect,
    key: CellKey,
    shown: &str,
    look: Look,
) -> egui::Response {
    // Computed cells take clicks (for a tooltip and a selection) but no focus.
    let sense = if look.computed {
        Sense::CLICK | Sense::DRAG
    } else {
        Sense::click_and_drag()
    };
    let inner = rect.shrink(1.0);
    let resp = ui.interact(inner, cell_id(key), sense);
    let text = look.edit.map_or(shown, |e| e.text.as_str());
    resp.widget_info(|| egui::WidgetInfo::text_edit(!look.computed, text, text, ""));
    let resp = resp.accessible_name(cell_name(key));
    if !ui.is_rect_visible(rect) {
        return resp;
    }
    let p = ui.painter();
    let fill = if look.edit.is_some() {
        palette::INPUT_FILL
    } else if look.recognised && matches!(look.fill, palette::INPUT_FILL | palette::COMPUTED_FILL) {
        palette::RECOGNISED_FILL
    } else {
        look.fill
    };
    p.rect_filled(inner, 0.0, fill);
    if look.recognised {
        super::scan_check::corner_mark(p, inner);
    }
    if look.selected && !look.active {
        p.rect_filled(inner, 0.0, palette::SELECTED_TINT);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let galley = p.layout_no_wrap(text.to_string(), font.clone(), color);
    let x = inner.right() - TEXT_PAD - galley.size().x;
    let y = inner.center().y - galley.size().y / 2.0;
    p.with_clip_rect(inner)
        .galley(egui::pos2(x, y), galley.clone(), color);
    if let Some(e) = look.edit {
        let before: String = e.text.chars().take(e.caret).collect();
        let w = p.layout_no_wrap(before, font, color).size().x;
        let cx = (x + w).min(inner.right() - 2.0);
        p.line_segment(
            [egui::pos2(cx, y), egui::pos2(cx, y + galley.size().y)],
            Stroke::new(1.5, color),
        );
    }
    if look.invalid {
        p.rect_stroke(
            inner,
            2.0,
            Stroke::new(2.0, palette::INVALID_STROKE),
            StrokeKind::Inside,
        );
    }
    if look.active {
        p.rect_stroke(
            rect,
            0.0,
            Stroke::new(2.0, palette::ACTIVE_STROKE),
            StrokeKind::Inside,
        );
    }
    resp
}

/// The hover text of an input cell: its findings, and why its text is invalid.
pub fn input_tooltip(marks: &CellMarks, key: CellKey, cell: &Cell) -> Option<String> {
    let why =
        cell_problem(cell, key.kind()).map(|p| (Some(RuleId::B4), format!("{p}（已按原样保留）")));
    tooltip(marks, key, why)
}

/// The hover text of a computed cell, with what the imported report
/// published there when that differs.
pub fn computed_tooltip(
    marks: &CellMarks,
    key: CellKey,
    value: i64,
    published: Option<&Cell>,
) -> Option<String> {
    let published = published.filter(|c| **c != Cell::Int(value)).map(|c| {
        format!(
            "原报告公布为 {}",
            if c.display().is_empty() {
                "空".to_string()
            } else {
                c.display()
            }
        )
    });
    tooltip(
        marks,
        key,
        Some((
            None,
            format!(
                "自动计算，不能直接修改{}",
                published.map(|p| format!("；{p}")).unwrap_or_default()
            ),
        )),
    )
}

/// The fill of a value cell: its findings' colour, else input or computed.
pub fn cell_fill(marks: &CellMarks, key: CellKey) -> Color32 {
    let default = if key.is_computed() {
        palette::COMPUTED_FILL
    } else {
        palette::INPUT_FILL
    };
    fill_for(marks, key, default)
}
