//! The importer's notes (IMPORT findings): what it could not place, had to
//! infer or left out, with the line and the cells concerned.

use crate::model::{ImportNote, NoteKind};
use crate::template::CellKey;

/// Collects import notes, and which source token each table cell was read
/// from (for naming the cells of a doubtful line).
#[derive(Default, Debug)]
pub struct Notes {
    pub list: Vec<ImportNote>,
    pub sources: Vec<CellSource>,
    /// Cells read from pictures, with their boxes.
    pub recognised_cells: Vec<crate::model::RecognisedCell>,
    pub source: Source,
}

/// Where the text read came from, for what a value missing from it means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// Text the file holds: a value missing from a row was printed empty.
    #[default]
    Text,
    /// Text recognised in pictures: a value missing from a row may be one the
    /// recogniser did not see.
    Pictures,
}

/// The token a cell's value was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct CellSource {
    pub key: CellKey,
    pub line: usize,
    pub text: String,
}

impl Notes {
    /// Cells whose values were read from a doubtful recognition: named as
    /// such, with what was read and how sure the recogniser was.
    pub fn recognised(&mut self, line: usize, message: impl Into<String>, cells: Vec<CellKey>) {
        self.list.push(ImportNote {
            line: Some(line),
            message: message.into(),
            cells,
            kind: NoteKind::Recognised,
        });
    }
    pub fn add(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.add_cells(line, message, Vec::new());
    }
    pub fn add_cells(
        &mut self,
        line: Option<usize>,
        message: impl Into<String>,
        cells: Vec<CellKey>,
    ) {
        self.list.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Note,
        });
    }
    /// Cells whose values were placed by position, not by a label.
    pub fn placed(&mut self, line: Option<usize>, message: impl Into<String>, cells: Vec<CellKey>) {
        self.list.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Placed,
        });
    }
    /// Cells that could not be read: an error finding, never a guess.
    pub fn unread(&mut self, line: Option<usize>, message: impl Into<String>, cells: Vec<CellKey>) {
        self.list.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Unread,
        });
    }
}

/// A source text shortened for a note (30 characters and an ellipsis).
pub fn clip(t: &str) -> String {
    let c: String = t.chars().take(30).collect();
    if c.len() < t.len() {
        format!("{c}…")
    } else {
        c
    }
}
