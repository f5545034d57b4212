//! For the decoders that read a word processor's text in order (RTF and
//! Word 97's character streams, Word's and OpenDocument's XML): text
//! gathers into the current paragraph; a cell mark makes it a cell of the
//! current row, a row mark ends the row. Each decoder decides how a
//! paragraph's text is trimmed and whether an empty one is kept.

use crate::import::doc::{Line, LineKind, Tok, TokKind};
use crate::import::limits::MAX_ROW_CELLS;

#[derive(Default)]
pub struct Flow {
    pub lines: Vec<Line>,
    /// The text of the paragraph (or cell) being read.
    pub para: String,
    row: Vec<Tok>,
}

impl Flow {
    /// The number the next line gets (from 1).
    pub fn no(&self) -> usize {
        self.lines.len() + 1
    }

    /// Takes the paragraph's text, for the decoder to trim and pass to
    /// [`Flow::push_para`].
    pub fn take_para(&mut self) -> String {
        std::mem::take(&mut self.para)
    }

    pub fn push_para(&mut self, text: &str) {
        let no = self.no();
        self.lines.push(Line {
            no,
            kind: LineKind::Para(text.to_string()),
        });
    }

    /// The paragraph's text, trimmed, as the row's next cell (up to the
    /// row-width limit).
    pub fn end_cell(&mut self) {
        let t = self.take_para();
        if self.row.len() < MAX_ROW_CELLS {
            let no = self.no();
            self.row.push(Tok::new(t.trim(), no));
        }
    }

    pub fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        if !row.is_empty() {
            let no = self.no();
            self.lines.push(Line {
                no,
                kind: LineKind::Row(row),
            });
        }
    }

    /// A finished paragraph outside tables: a line per piece between its
    /// breaks (`\n`), trimmed, the blank ones left out.
    pub fn push_para_lines(&mut self, text: &str) {
        let no = self.no();
        for piece in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            self.lines.push(Line {
                no,
                kind: LineKind::Para(piece.to_string()),
            });
        }
    }

    /// `times` cells of `text` and `kind` (a merge's covered places are
    /// `TokKind::Span`), up to the row-width limit.
    pub fn push_cells(&mut self, text: &str, kind: TokKind, times: usize) {
        let no = self.no();
        for _ in 0..times.min(MAX_ROW_CELLS.saturating_sub(self.row.len())) {
            self.row.push(Tok::with_kind(text, no, kind));
        }
    }

    /// Starts a row, dropping what a broken one left.
    pub fn start_row(&mut self) {
        self.row.clear();
    }

    /// Ends the row, kept only if a cell holds text (a row of nothing but
    /// merge remnants is layout).
    pub fn end_filled_row(&mut self) {
        if self.row.iter().any(|t| !t.text.is_empty()) {
            self.end_row();
        } else {
            self.row.clear();
        }
    }
}
