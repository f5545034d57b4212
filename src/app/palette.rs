//! Every colour the app draws with, in one place: a red means the same
//! thing in the grid, the findings panel, the navigation badges and dialogs.

use egui::Color32;

use crate::rules::Severity;

/// Text of an error (findings, dialog messages, refused input).
pub const ERROR_TEXT: Color32 = Color32::from_rgb(180, 30, 30);
/// Text of a warning, and of the "still last year's text" mark.
pub const WARNING_TEXT: Color32 = Color32::from_rgb(160, 100, 0);
/// Text of an import note.
pub const NOTE_TEXT: Color32 = Color32::from_rgb(80, 80, 80);

/// Background of a cell named by an error finding.
pub const ERROR_FILL: Color32 = Color32::from_rgb(255, 214, 214);
/// Background of a cell named by a warning.
pub const WARNING_FILL: Color32 = Color32::from_rgb(255, 236, 190);
/// Background of a computed (read-only) cell.
pub const COMPUTED_FILL: Color32 = Color32::from_rgb(228, 234, 244);
/// Background of an input cell nothing is wrong with.
pub const INPUT_FILL: Color32 = Color32::WHITE;
/// Outline of a cell holding text that is not a valid value, or left unread by an import.
pub const INVALID_STROKE: Color32 = Color32::from_rgb(210, 0, 0);

/// A cell read from a picture that the clerk has not checked yet: its
/// background, its corner mark, and its box drawn on the page's crop.
pub const RECOGNISED_FILL: Color32 = Color32::from_rgb(240, 232, 252);
pub const RECOGNISED_MARK: Color32 = Color32::from_rgb(120, 60, 200);
pub const RECOGNISED_BOX: Color32 = Color32::from_rgb(220, 30, 30);

/// Outline of a table's active cell (where typing goes).
pub const ACTIVE_STROKE: Color32 = Color32::from_rgb(24, 90, 200);
/// Tint over the cells of a selected block.
pub const SELECTED_TINT: Color32 = Color32::from_rgba_unmultiplied_const(40, 100, 220, 56);

/// Table header cells and row labels.
pub const HEADER_FILL: Color32 = Color32::from_rgb(236, 240, 246);
pub const LABEL_FILL: Color32 = Color32::from_rgb(250, 250, 250);
/// Table rules.
pub const GRID_LINE: Color32 = Color32::from_gray(160);

/// The start page's first choice (根据上年报告新建) and its text.
pub const PRIMARY_FILL: Color32 = Color32::from_rgb(32, 96, 190);
pub const PRIMARY_TEXT: Color32 = Color32::WHITE;

/// Badges in the navigation list.
pub const ERROR_BADGE: Color32 = Color32::from_rgb(200, 40, 40);
pub const WARNING_BADGE: Color32 = Color32::from_rgb(200, 130, 0);
pub const BADGE_TEXT: Color32 = Color32::WHITE;

/// The year-over-year line: a rise, a fall, no change or last year's value.
pub const RISE: Color32 = Color32::from_rgb(0, 120, 60);
pub const FALL: Color32 = Color32::from_rgb(170, 40, 40);
pub const QUIET: Color32 = Color32::GRAY;

/// The colour a finding of this severity is written in.
pub fn severity_text(s: Severity) -> Color32 {
    match s {
        Severity::Error => ERROR_TEXT,
        Severity::Warning => WARNING_TEXT,
        Severity::Note => NOTE_TEXT,
    }
}

/// The background of a cell marked with this severity.
pub fn severity_fill(s: Option<Severity>, default: Color32) -> Color32 {
    match s {
        Some(Severity::Error) => ERROR_FILL,
        Some(Severity::Warning) => WARNING_FILL,
        _ => default,
    }
}

/// Padding inside a table cell, around its text (logical points).
pub const PAD: f32 = 5.0;
