//! Paste into a table: a block copied from Excel or WPS (tab- and
//! newline-separated) fills the cells from the top-left one, skipping and
//! naming the computed cells under it; a single value fills every input
//! cell selected. One undo step either way.

use super::document::EditTag;
use super::modal::Modal;
use super::sheet::position;
use super::sheet_moves::value_matrix;
use super::state::AppState;
use crate::cell::Cell;
use crate::template::{CellKey, Grid};

/// Pastes `text` over the selection `cells` (top-left first): a block from
/// a spreadsheet fills the cells from the top-left one; a single value fills
/// every input cell selected.
pub(super) fn paste(st: &mut AppState, grid: &Grid, cells: &[CellKey], text: &str) {
    let Some(&start) = cells.first() else {
        return;
    };
    if text.contains('\t') || text.trim_end().contains('\n') {
        match paste_block(st, grid, start, text) {
            Ok(done) => {
                st.status = done.to_string();
                if let (Some(sheet), Some(last)) = (st.sheet.as_mut(), done.corner) {
                    sheet.active = start;
                    sheet.corner = last;
                }
            }
            Err(e) => st.modal = Some(Modal::Message(e.to_string())),
        }
        return;
    }
    let value = text.trim();
    let targets: Vec<CellKey> = cells.iter().copied().filter(|k| !k.is_computed()).collect();
    let n = targets.len();
    write_cells(
        st,
        targets
            .into_iter()
            .map(|k| (k, Cell::parse(value, k.kind()))),
    );
    st.status = format!("已粘贴 {n} 个单元格");
}

/// Splits a tab- and newline-separated block (Excel, WPS) into rows of cells.
/// Cells quoted CSV-style (a cell holding a newline or tab) are unquoted.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_end_matches(['\r', '\n']);
    let mut rows = vec![vec![String::new()]];
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                let cell = rows.last_mut().unwrap().last_mut().unwrap();
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                rows.last_mut().unwrap().push(String::new());
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                rows.push(vec![String::new()]);
                at_cell_start = true;
            }
            c => {
                rows.last_mut().unwrap().last_mut().unwrap().push(c);
                at_cell_start = false;
            }
        }
    }
    rows
}

/// Why a pasted block was refused (nothing was pasted).
#[derive(Debug, thiserror::Error)]
pub enum PasteRefused {
    #[error("请先选中要粘贴的起始单元格")]
    NoStart,
    #[error("粘贴的内容有 {rows} 行 {cols} 列，超出了表格范围，未粘贴任何内容")]
    DoesNotFit { rows: usize, cols: usize },
}

/// What a block paste did: the cells filled, the computed ones it skipped
/// (their values follow from the others), and the block's far corner.
#[derive(Debug)]
pub struct Pasted {
    pub filled: usize,
    pub skipped: Vec<CellKey>,
    pub corner: Option<CellKey>,
}

impl std::fmt::Display for Pasted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "已粘贴 {} 个单元格", self.filled)?;
        if !self.skipped.is_empty() {
            let names: Vec<String> = self.skipped.iter().map(|k| k.label()).collect();
            write!(
                f,
                "；跳过 {} 个自动计算的单元格（{}）",
                self.skipped.len(),
                names.join("、")
            )?;
        }
        Ok(())
    }
}

/// Writes a pasted block into the cells from `start` as one undo step;
/// refuses (and changes nothing) when the block does not fit. Computed cells
/// under the block are skipped and named: their values follow from the rest.
pub fn paste_block(
    st: &mut AppState,
    grid: &Grid,
    start: CellKey,
    text: &str,
) -> Result<Pasted, PasteRefused> {
    let m = value_matrix(grid);
    let block = parse_block(text);
    let (r0, c0) = position(&m, start).ok_or(PasteRefused::NoStart)?;
    let mut targets = Vec::new();
    let mut skipped = Vec::new();
    let mut corner = None;
    for (dr, row) in block.iter().enumerate() {
        for (dc, value) in row.iter().enumerate() {
            let key = m
                .get(r0 + dr)
                .and_then(|r| r.get(c0 + dc))
                .copied()
                .flatten()
                .ok_or(PasteRefused::DoesNotFit {
                    rows: block.len(),
                    cols: row.len(),
                })?;
            corner = Some(key);
            if key.is_computed() {
                skipped.push(key);
            } else {
                targets.push((key, Cell::parse(value, key.kind())));
            }
        }
    }
    let filled = targets.len();
    write_cells(st, targets);
    Ok(Pasted {
        filled,
        skipped,
        corner,
    })
}

/// Stores `cells` as one undo step of their own (a paste, a Delete on a block).
pub(super) fn write_cells(st: &mut AppState, cells: impl IntoIterator<Item = (CellKey, Cell)>) {
    st.doc.edit(EditTag::Command, |r| {
        for (k, c) in cells {
            if let Some(cell) = r.input_mut(k) {
                *cell = c;
            }
        }
    });
    st.doc.break_merge();
}
