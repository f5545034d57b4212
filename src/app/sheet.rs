//! How a table behaves under the keyboard and the mouse, as a spreadsheet
//! does — a pure state machine with no drawing in it, so every rule is tested
//! directly.
//!
//! A click *selects* a cell; typing then *replaces* its content; F2 or a
//! double click edits it in place with the caret at the end; Enter, Tab and
//! the arrows commit and move; Esc puts back what was there; Delete clears
//! the selected block. The grid feeds the events of a frame one after the
//! other, so a digit typed in the same frame as an Enter lands in the cell
//! the Enter leaves (before it) or in the next one (after it) — never twice,
//! never in the wrong cell, whatever the typing speed.

use crate::template::CellKey;

pub use super::sheet_moves::{Held, Matrix, SheetKey, contains, position};
use super::sheet_moves::{extend, step};

/// The selection of one table and whether a cell is being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The cell that typing goes into (Excel's active cell).
    pub active: CellKey,
    /// The other corner of the selected block (`active` itself for one cell).
    pub corner: CellKey,
    pub mode: Mode,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Selected,
    Editing(Edit),
}

/// The text of a cell being edited, and where its caret is.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub text: String,
    /// Caret position in characters.
    pub caret: usize,
    pub style: EditStyle,
}

/// How an edit began, which decides what ← and → do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditStyle {
    /// Typing over a selected cell: the arrows commit and move on.
    Replace,
    /// F2 or a double click: the arrows move the caret.
    InPlace,
}

/// One thing the clerk did to the table.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Text(String),
    Key(SheetKey, Held),
    Copy,
    Cut,
    Paste(String),
    Click(CellKey),
    ShiftClick(CellKey),
    DoubleClick(CellKey),
    /// The pointer, dragging from the last clicked cell, is over this one.
    DragTo(CellKey),
}

/// What the model or the shell must do in answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// An edit of `key` begins: its changes from now on are one undo step.
    Begin(CellKey),
    /// The edited text changed: store it (live, so totals follow).
    Write(CellKey, String),
    /// Esc: put back the value from before the edit.
    Cancel(CellKey),
    /// The edit ended and its value stays.
    Commit(CellKey),
    /// Clear these input cells (one undo step).
    Clear(Vec<CellKey>),
    /// Copy this block (rows of cells, `None` where the table has no cell).
    Copy(Vec<Vec<Option<CellKey>>>),
    /// Paste `text` into the selection, whose top-left cell is first.
    Paste { cells: Vec<CellKey>, text: String },
    /// Typing into a computed cell, which is refused.
    Refused(CellKey),
    /// The active cell moved: bring it into view.
    Reveal(CellKey),
    /// Enter on a cell: the clerk vouches for what it holds (a cell read
    /// from a picture stops waiting to be checked).
    Confirm(CellKey),
}

impl Sheet {
    /// One cell selected.
    pub fn at(key: CellKey) -> Self {
        Sheet {
            active: key,
            corner: key,
            mode: Mode::Selected,
        }
    }

    pub fn editing(&self) -> Option<&Edit> {
        match &self.mode {
            Mode::Editing(e) => Some(e),
            Mode::Selected => None,
        }
    }

    /// The selected block as rows of the matrix (`None` where no cell is).
    pub fn block(&self, m: &Matrix) -> Vec<Vec<Option<CellKey>>> {
        let (Some((r1, c1)), Some((r2, c2))) = (position(m, self.active), position(m, self.corner))
        else {
            return vec![vec![Some(self.active)]];
        };
        (r1.min(r2)..=r1.max(r2))
            .map(|r| {
                (c1.min(c2)..=c1.max(c2))
                    .map(|c| m[r].get(c).copied().flatten())
                    .collect()
            })
            .collect()
    }

    /// Whether `key` is in the selected block.
    pub fn selects(&self, m: &Matrix, key: CellKey) -> bool {
        self.block(m).iter().flatten().any(|k| *k == Some(key))
    }

    /// Ends an edit, keeping its value (the clerk went elsewhere).
    pub fn commit(&mut self) -> Vec<Effect> {
        match std::mem::replace(&mut self.mode, Mode::Selected) {
            Mode::Editing(_) => vec![Effect::Commit(self.active)],
            Mode::Selected => Vec::new(),
        }
    }

    /// Applies one input. `shown(key)` is what a cell shows now (for F2).
    pub fn apply(
        &mut self,
        m: &Matrix,
        input: Input,
        shown: &dyn Fn(CellKey) -> String,
    ) -> Vec<Effect> {
        let mut out = Vec::new();
        match input {
            // A click into the cell being edited keeps the edit going.
            Input::Click(k) if k == self.active && self.editing().is_some() => {}
            Input::Click(k) => {
                out.extend(self.commit());
                self.move_to(k, &mut out);
            }
            Input::ShiftClick(k) | Input::DragTo(k) => {
                if self.corner != k && contains(m, k) {
                    out.extend(self.commit());
                    self.corner = k;
                }
            }
            Input::DoubleClick(k) => {
                if self.active != k || self.editing().is_none() {
                    out.extend(self.commit());
                    self.move_to(k, &mut out);
                    self.begin_in_place(shown, &mut out);
                }
            }
            Input::Text(t) => self.type_text(&t, &mut out),
            Input::Paste(t) => match self.mode {
                // Into the edited text: one line of it.
                Mode::Editing(_) if !t.contains(['\t', '\n']) => self.type_text(t.trim(), &mut out),
                _ => {
                    out.extend(self.commit());
                    let cells = self.block(m).into_iter().flatten().flatten().collect();
                    out.push(Effect::Paste { cells, text: t });
                }
            },
            Input::Copy => {
                let block = match self.mode {
                    Mode::Editing(_) => vec![vec![Some(self.active)]],
                    Mode::Selected => self.block(m),
                };
                out.push(Effect::Copy(block));
            }
            Input::Cut => {
                if self.editing().is_none() {
                    out.push(Effect::Copy(self.block(m)));
                    out.push(Effect::Clear(self.block_inputs(m)));
                }
            }
            Input::Key(key, held) => self.key(m, key, held, shown, &mut out),
        }
        out
    }

    fn block_inputs(&self, m: &Matrix) -> Vec<CellKey> {
        self.block(m)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|k| !k.is_computed())
            .collect()
    }

    fn move_to(&mut self, k: CellKey, out: &mut Vec<Effect>) {
        if self.active != k || self.corner != k {
            out.push(Effect::Reveal(k));
        }
        self.active = k;
        self.corner = k;
    }

    fn begin_in_place(&mut self, shown: &dyn Fn(CellKey) -> String, out: &mut Vec<Effect>) {
        if self.active.is_computed() {
            out.push(Effect::Refused(self.active));
            return;
        }
        let text = shown(self.active);
        out.push(Effect::Begin(self.active));
        self.mode = Mode::Editing(Edit {
            caret: text.chars().count(),
            text,
            style: EditStyle::InPlace,
        });
    }

    fn type_text(&mut self, t: &str, out: &mut Vec<Effect>) {
        if t.is_empty() {
            return;
        }
        if self.active.is_computed() {
            out.push(Effect::Refused(self.active));
            return;
        }
        match &mut self.mode {
            Mode::Editing(e) => {
                let at = byte_at(&e.text, e.caret);
                e.text.insert_str(at, t);
                e.caret += t.chars().count();
                out.push(Effect::Write(self.active, e.text.clone()));
            }
            Mode::Selected => {
                // Typing over a selection replaces the active cell only.
                self.corner = self.active;
                out.push(Effect::Begin(self.active));
                out.push(Effect::Write(self.active, t.to_string()));
                self.mode = Mode::Editing(Edit {
                    text: t.to_string(),
                    caret: t.chars().count(),
                    style: EditStyle::Replace,
                });
            }
        }
    }

    fn key(
        &mut self,
        m: &Matrix,
        key: SheetKey,
        held: Held,
        shown: &dyn Fn(CellKey) -> String,
        out: &mut Vec<Effect>,
    ) {
        use SheetKey as K;
        let active = self.active;
        if let Mode::Editing(e) = &mut self.mode {
            let len = e.text.chars().count();
            let caret_keys = e.style == EditStyle::InPlace && held == Held::Nothing;
            match key {
                K::Escape => {
                    self.mode = Mode::Selected;
                    out.push(Effect::Cancel(active));
                    return;
                }
                K::Backspace if held != Held::Ctrl => {
                    if e.caret > 0 {
                        e.caret -= 1;
                        let at = byte_at(&e.text, e.caret);
                        e.text.remove(at);
                        out.push(Effect::Write(active, e.text.clone()));
                    }
                    return;
                }
                K::Delete if held != Held::Ctrl => {
                    if e.caret < len {
                        let at = byte_at(&e.text, e.caret);
                        e.text.remove(at);
                        out.push(Effect::Write(active, e.text.clone()));
                    }
                    return;
                }
                K::Left if caret_keys => {
                    e.caret = e.caret.saturating_sub(1);
                    return;
                }
                K::Right if caret_keys => {
                    e.caret = (e.caret + 1).min(len);
                    return;
                }
                K::Home if held == Held::Nothing => {
                    e.caret = 0;
                    return;
                }
                K::End if held == Held::Nothing => {
                    e.caret = len;
                    return;
                }
                K::F2 => {
                    e.style = EditStyle::InPlace;
                    return;
                }
                _ => out.extend(self.commit()),
            }
        }
        if (key, held) == (K::Enter, Held::Nothing) {
            out.push(Effect::Confirm(active));
        }
        match (key, held) {
            (K::Escape, _) => self.corner = self.active,
            (K::F2, _) => self.begin_in_place(shown, out),
            (K::Delete | K::Backspace, _) => {
                let cells = self.block_inputs(m);
                if !cells.is_empty() {
                    out.push(Effect::Clear(cells));
                }
            }
            (K::Up | K::Down | K::Left | K::Right, Held::Shift) => {
                self.corner = extend(m, self.corner, key);
            }
            _ => {
                let to = step(m, self.active, key, held);
                self.move_to(to, out);
            }
        }
    }
}

/// The byte offset of character `chars` in `s`.
fn byte_at(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}
