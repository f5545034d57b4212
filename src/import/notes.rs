//! The importer's notes (IMPORT findings): what it could not place, had to
//! infer or left out, with the line and the cells concerned.

use crate::model::{ImportNote, NoteKind};

/// Collects import notes.
#[derive(Default, Debug)]
pub struct Notes(pub Vec<ImportNote>);

impl Notes {
    pub fn add(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.add_cells(line, message, Vec::new());
    }
    pub fn add_cells(
        &mut self,
        line: Option<usize>,
        message: impl Into<String>,
        cells: Vec<String>,
    ) {
        self.0.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Note,
        });
    }
    /// Cells whose values were placed by position, not by a label.
    pub fn placed(&mut self, line: Option<usize>, message: impl Into<String>, cells: Vec<String>) {
        self.0.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Placed,
        });
    }
    /// Cells that could not be read: an error finding, never a guess.
    pub fn unread(&mut self, line: Option<usize>, message: impl Into<String>, cells: Vec<String>) {
        self.0.push(ImportNote {
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
