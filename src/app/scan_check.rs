//! Checking a report read from pictures against them: nothing recognised is
//! taken on trust. Every recognised cell carries a mark in the tables until
//! the clerk confirms it; above a table, a strip explains the mark once,
//! counts the cells left, and shows the page's crop around the active cell
//! with its box outlined; Enter on the cell (or 确认此格) confirms it, and
//! typing a value of one's own over it does too (`Report::confirm_edited`).

use egui::{Color32, Rect, Stroke, StrokeKind, TextureOptions, vec2};

use super::action::Action;
use super::document::EditTag;
use super::page::{Page, page_of_cell};
use super::palette;
use super::state::AppState;
use crate::model::RecognisedCell;
use crate::place::Place;
use crate::template::CellKey;

/// Height of the page crop in the strip (logical points).
const CROP_HEIGHT: f32 = 84.0;
/// The crop reaches this many box heights beyond the box on either side
/// (at least twice the box's own width): enough of the row to see its
/// neighbours.
const CONTEXT_SIDE: f32 = 10.0;
/// The crop is enlarged at most this much (a small print stays legible, a
/// large one is not blown up past its pixels).
const MAX_ZOOM: f32 = 1.5;
/// And this many box heights above and below it.
const CONTEXT_UP_DOWN: f32 = 0.7;

/// A page crop made into a texture, with what it shows (page, box).
pub struct Crop {
    of: (usize, [i32; 4]),
    region: [u32; 4],
    texture: egui::TextureHandle,
}

/// Whether the cell `key` was recognised from a picture and awaits the clerk.
pub fn awaits(st: &AppState, key: CellKey) -> bool {
    st.doc.report.import.as_ref().is_some_and(|i| i.awaits(key))
}

/// Whether the page shown is a table some of whose cells were recognised.
pub fn shown_for(st: &AppState) -> bool {
    matches!(st.page, Page::Part(1..=3))
        && st
            .doc
            .report
            .import
            .as_ref()
            .is_some_and(|i| i.recognised.iter().any(|c| page_of_cell(c.cell) == st.page))
}

impl AppState {
    /// The clerk vouches for the recognised cell `key` (Enter, 确认此格).
    pub fn confirm_recognised(&mut self, key: CellKey) {
        if !awaits(self, key) {
            return;
        }
        self.doc.edit(EditTag::Command, |r| {
            if let Some(i) = &mut r.import {
                i.confirm(key);
            }
        });
        let left = self
            .doc
            .report
            .import
            .as_ref()
            .map_or(0, |i| i.to_confirm().len());
        self.status = format!("已确认“{}”，还有 {left} 格待核对（可撤销）", key.label());
    }
}

/// The strip above a table with recognised cells.
pub fn strip(ui: &mut egui::Ui, st: &mut AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(info) = st.doc.report.import.as_ref() else {
        return out;
    };
    let all = info.to_confirm();
    let all_left = all.len();
    let left: Vec<&RecognisedCell> = all
        .into_iter()
        .filter(|c| page_of_cell(c.cell) == st.page)
        .collect();
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let (mark, _) = ui.allocate_exact_size(vec2(14.0, 14.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(mark, 0.0, palette::RECOGNISED_FILL);
        corner_mark(ui.painter(), mark);
        if left.is_empty() {
            ui.label("本表由图片识别的数值已全部核对。");
        } else {
            ui.label(format!(
                "带此角标的 {} 格是从图片识别的数值，尚未核对（全文还有 {all_left} 格）。选中一格，对照下方原件，按 Enter 确认；改写数值也算确认。",
                left.len()
            ));
            if ui.button("下一格待核对").clicked() {
                let next = next_after(&left, active(st));
                out.push(Action::Reveal(Place::Cell(next)));
            }
        }
    });
    let active = active(st).filter(|&k| page_of_cell(k) == st.page);
    let reading = active.and_then(|k| info.recognised(k).cloned());
    let confirmed = active.is_some_and(|k| info.confirmed(k));
    // The same height whatever is selected: the table below does not jump.
    let row = ui.horizontal(|ui| match (active, reading) {
        (Some(key), Some(cell)) => {
            ui.horizontal(|ui| {
                crop_view(ui, st, &cell);
                ui.vertical(|ui| {
                    ui.strong(key.label());
                    ui.label(format!(
                        "第 {} 页，识别把握 {:.0}%",
                        cell.page,
                        cell.confidence * 100.0
                    ));
                    if confirmed {
                        ui.colored_label(palette::QUIET, "已核对");
                    } else if ui.button("确认此格（Enter）").clicked() {
                        out.push(Action::ConfirmRecognised(key));
                    }
                });
            });
        }
        (Some(_), None) => {
            ui.weak("此格不是从图片识别的。");
        }
        (None, _) => {
            ui.weak("选中一个带角标的格子，这里显示它在原件中的样子。");
        }
    });
    ui.add_space((CROP_HEIGHT - row.response.rect.height()).max(0.0));
    ui.add_space(4.0);
    out
}

/// The table's active cell, if the clerk is in a table.
fn active(st: &AppState) -> Option<CellKey> {
    st.sheet.as_ref().map(|s| s.active)
}

/// The cell to check after `from`: the next one left in reading order, or
/// the first when `from` is the last or none.
fn next_after(left: &[&RecognisedCell], from: Option<CellKey>) -> CellKey {
    let at = from.and_then(|k| left.iter().position(|c| c.cell == k));
    let next = match at {
        Some(i) if i + 1 < left.len() => i + 1,
        _ => 0,
    };
    left[next].cell
}

/// The little triangle in a cell's top-left corner that says "recognised,
/// not checked yet".
pub fn corner_mark(p: &egui::Painter, r: Rect) {
    let s = 7.0_f32.min(r.height() / 2.0);
    p.add(egui::Shape::convex_polygon(
        vec![
            r.left_top(),
            r.left_top() + vec2(s, 0.0),
            r.left_top() + vec2(0.0, s),
        ],
        palette::RECOGNISED_MARK,
        Stroke::NONE,
    ));
}

/// The crop of the cell's page around its box, the box outlined.
fn crop_view(ui: &mut egui::Ui, st: &mut AppState, cell: &RecognisedCell) {
    let Some(page) = st.doc.pages.get(cell.page.wrapping_sub(1)) else {
        let source = st
            .doc
            .report
            .import
            .as_ref()
            .map(|i| i.source.clone())
            .unwrap_or_default();
        ui.weak(format!(
            "原件图片不随项目文件保存：请对照原件（{source}）第 {} 页核对。",
            cell.page
        ));
        return;
    };
    let of = (cell.page, cell.bbox.map(|v| v.round() as i32));
    if st.doc.crop.as_ref().is_none_or(|c| c.of != of) {
        let region = region(cell.bbox, page.width(), page.height());
        let [x, y, w, h] = region;
        let pixels: Vec<u8> = (y..y + h)
            .flat_map(|row| (x..x + w).map(move |col| page.get_pixel(col, row).0[0]))
            .collect();
        let image = egui::ColorImage::from_gray([w as usize, h as usize], &pixels);
        let texture = ui
            .ctx()
            .load_texture("nianbao-scan-crop", image, TextureOptions::LINEAR);
        st.doc.crop = Some(Crop {
            of,
            region,
            texture,
        });
    }
    let Some(crop) = &st.doc.crop else { return };
    let [_, _, w, h] = crop.region;
    let scale = (CROP_HEIGHT / h as f32)
        .min((ui.available_width() - 320.0).max(120.0) / w as f32)
        .min(MAX_ZOOM);
    let (rect, _) = ui.allocate_exact_size(vec2(w as f32, h as f32) * scale, egui::Sense::hover());
    let p = ui.painter();
    p.image(
        crop.texture.id(),
        rect,
        Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
        Color32::WHITE,
    );
    let [x0, y0, x1, y1] = cell.bbox;
    let at = |x: f32, y: f32| {
        rect.min + vec2(x - crop.region[0] as f32, y - crop.region[1] as f32) * scale
    };
    p.rect_stroke(
        Rect::from_min_max(at(x0, y0), at(x1, y1)).expand(2.0),
        2.0,
        Stroke::new(2.0, palette::RECOGNISED_BOX),
        StrokeKind::Outside,
    );
    p.rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, palette::GRID_LINE),
        StrokeKind::Outside,
    );
}

/// The part of a page shown around box `b`: left, top, width, height in
/// pixels, within the page.
fn region(b: [f32; 4], width: u32, height: u32) -> [u32; 4] {
    let [x0, y0, x1, y1] = b;
    let h = (y1 - y0).max(1.0);
    let side = (CONTEXT_SIDE * h).max(2.0 * (x1 - x0));
    let clamp = |v: f32, max: u32| v.clamp(0.0, max as f32) as u32;
    let (l, t) = (
        clamp(x0 - side, width),
        clamp(y0 - CONTEXT_UP_DOWN * h, height),
    );
    let (r, b) = (
        clamp(x1 + side, width),
        clamp(y1 + CONTEXT_UP_DOWN * h, height),
    );
    [
        l.min(width.saturating_sub(1)),
        t.min(height.saturating_sub(1)),
        (r.saturating_sub(l)).max(1),
        (b.saturating_sub(t)).max(1),
    ]
}

#[cfg(test)]
mod tests {
    use super::region;

    #[test]
    fn the_crop_stays_on_the_page() {
        // A box at the page's left edge: the crop starts at 0, reaches right.
        assert_eq!(
            region([2.0, 100.0, 22.0, 120.0], 1000, 1400),
            [0, 86, 222, 48]
        );
        // A box past the right and bottom edges is cut at them.
        let [l, t, w, h] = region([990.0, 1390.0, 1010.0, 1410.0], 1000, 1400);
        assert!(l + w <= 1000 && t + h <= 1400 && w >= 1 && h >= 1);
    }
}
