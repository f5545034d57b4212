//! Painting a table's fixed parts: header and row-label cells, and the
//! frozen panes that repeat them at the edge of the view while the page scrolls.

use egui::{Align2, Rect, Sense, Stroke, StrokeKind, vec2};

use super::palette;
use super::palette::PAD;
use crate::template::{Content, Grid};

/// Paints a header or row-label cell.
pub(super) fn paint_label(
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
pub(super) fn freeze_panes(
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
