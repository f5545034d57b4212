//! How much the importer reads before it refuses: bounds on lines, line
//! length and cells that no real report comes near, so a hostile or broken
//! file costs a clear error instead of minutes and gigabytes. The numbers
//! only (the decoders keep to them too); `bounds.rs` checks them.

/// Lines a source may have (a real report has well under a thousand).
pub const MAX_LINES: usize = 20_000;

/// Bytes a line may have. Crawler text runs a whole table onto one line
/// (the longest real one seen is under 8 KB); a line of megabytes is no
/// report, and the readers' work grows faster than its length. For HTML
/// and Word, a paragraph or table row counts as a line.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Cells a table row may have in the HTML and Word readers.
pub const MAX_ROW_CELLS: usize = 256;

/// Cells all tables of a source may have together (a report has under a
/// thousand, counting labels).
pub const MAX_CELLS: usize = 20_000;
