//! The limits (`limits.rs`) applied: on the text before it is read and on
//! every decoder's [`Doc`], each refusal an [`ImportError`] naming the line.

use super::doc::{Doc, LineKind};
use super::error::ImportError;
use super::limits::{MAX_CELLS, MAX_LINE_BYTES, MAX_LINES};

/// A report has a few hundred lines; a source of many thousands is no
/// report, and reading it would cost time and memory out of all proportion.
/// (Counted in the text, never in a PDF's or Word file's bytes.)
fn line_count_ok(lines: usize) -> Result<(), ImportError> {
    if lines > MAX_LINES {
        return Err(ImportError::TooManyLines { lines });
    }
    Ok(())
}

/// Refuses a source with a line over [`MAX_LINE_BYTES`]; `lines` gives each
/// line's index (from 0) and length in bytes.
fn line_lengths_ok(lines: impl Iterator<Item = (usize, usize)>) -> Result<(), ImportError> {
    match lines.max_by_key(|&(_, len)| len) {
        Some((i, bytes)) if bytes > MAX_LINE_BYTES => {
            Err(ImportError::LineTooLong { line: i + 1, bytes })
        }
        _ => Ok(()),
    }
}

/// Both bounds on text about to be read by the text reader.
pub fn text_ok(text: &str) -> Result<(), ImportError> {
    line_count_ok(text.lines().count())?;
    line_lengths_ok(text.lines().map(str::len).enumerate())
}

/// The bounds on a decoded file: what a page or a Word file holds in
/// paragraphs and table rows.
pub fn doc_ok(doc: &Doc) -> Result<(), ImportError> {
    // What a page or a Word file holds in paragraphs and table rows.
    line_count_ok(doc.lines.len())?;
    line_lengths_ok(doc.lines.iter().map(|l| {
        let len = match &l.kind {
            LineKind::Para(t) => t.len(),
            LineKind::Row(toks) => toks.iter().map(|t| t.text.len()).sum(),
        };
        (l.no.saturating_sub(1), len)
    }))?;
    // A report's tables hold a few hundred cells; tens of thousands are no
    // report's (and would cost seconds). In the stream layout one row holds
    // a whole table, so the cap is on all rows together.
    let cells: usize = doc
        .lines
        .iter()
        .map(|l| match &l.kind {
            LineKind::Row(toks) => toks.len(),
            LineKind::Para(_) => 0,
        })
        .sum();
    if cells > MAX_CELLS {
        return Err(ImportError::TooManyCells { cells });
    }
    Ok(())
}
