//! A table as the sheet sees it — its value cells as a matrix — and where a
//! key moves the selection: the active cell (over input cells only, as a
//! spreadsheet moves over what can be typed in) and a block's free corner
//! (over every cell). Pure functions of the template's grid.

use crate::template::{CellKey, Content, Grid};

/// The value cells of a table: rows × value columns, `None` where no value
/// cell is (label-only rows of 表二, say).
pub type Matrix = [Vec<Option<CellKey>>];

/// A key the grid handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKey {
    Enter,
    Tab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    Escape,
    F2,
    Delete,
    Backspace,
}

/// Which modifier a key was pressed with (others are not the grid's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    Nothing,
    Shift,
    Ctrl,
}

/// The table's value cells as a matrix (rows that hold values × value
/// columns), for block paste and Enter/arrow navigation.
pub fn value_matrix(grid: &Grid) -> Vec<Vec<Option<CellKey>>> {
    let first_col = first_value_col(grid);
    let mut rows: Vec<usize> = grid
        .cells
        .iter()
        .filter(|c| matches!(c.content, Content::Value(_)))
        .map(|c| c.row)
        .collect();
    rows.sort();
    rows.dedup();
    let mut m = vec![vec![None; grid.cols - first_col]; rows.len()];
    for c in &grid.cells {
        if let Content::Value(k) = c.content {
            let r = rows.iter().position(|&r| r == c.row).unwrap_or(0);
            m[r][c.col - first_col] = Some(k);
        }
    }
    m
}

/// The first column that holds values: the columns left of it are row labels.
pub fn first_value_col(grid: &Grid) -> usize {
    grid.cells
        .iter()
        .filter(|c| matches!(c.content, Content::Value(_)))
        .map(|c| c.col)
        .min()
        .unwrap_or(0)
}

/// Row and column of `key` in the matrix.
pub fn position(m: &Matrix, key: CellKey) -> Option<(usize, usize)> {
    m.iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| *k == Some(key)).map(|c| (r, c)))
}

/// Whether `key` is one of this table's cells.
pub fn contains(m: &Matrix, key: CellKey) -> bool {
    position(m, key).is_some()
}

fn input_at(m: &Matrix, r: usize, c: usize) -> Option<CellKey> {
    m.get(r)?
        .get(c)
        .copied()
        .flatten()
        .filter(|k| !k.is_computed())
}

/// Every input cell in reading order.
fn inputs(m: &Matrix) -> impl Iterator<Item = CellKey> + '_ {
    m.iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|k| !k.is_computed())
}

/// Where the active cell goes for a move key (skipping computed cells;
/// staying put at the table's edge).
pub(super) fn step(m: &Matrix, from: CellKey, key: SheetKey, held: Held) -> CellKey {
    let Some((r, c)) = position(m, from) else {
        return from;
    };
    let width = m.iter().map(|row| row.len()).max().unwrap_or(0);
    let found = match (key, held) {
        (SheetKey::Enter, Held::Shift) | (SheetKey::Up, _) => {
            (0..r).rev().find_map(|r| input_at(m, r, c))
        }
        (SheetKey::Enter | SheetKey::Down, _) => (r + 1..m.len()).find_map(|r| input_at(m, r, c)),
        (SheetKey::Right, _) => (c + 1..width).find_map(|c| input_at(m, r, c)),
        (SheetKey::Left, _) => (0..c).rev().find_map(|c| input_at(m, r, c)),
        // Tab runs on in reading order, into the next row at the end of one.
        (SheetKey::Tab, Held::Shift) => {
            let all: Vec<CellKey> = inputs(m).collect();
            let i = all.iter().position(|k| *k == from);
            match i {
                Some(i) => i.checked_sub(1).map(|i| all[i]),
                None => all
                    .iter()
                    .rev()
                    .copied()
                    .find(|k| position(m, *k).is_some_and(|(kr, kc)| (kr, kc) < (r, c))),
            }
        }
        (SheetKey::Tab, _) => inputs(m).find(|k| position(m, *k).is_some_and(|p| p > (r, c))),
        (SheetKey::Home, Held::Ctrl) => inputs(m).next(),
        (SheetKey::End, Held::Ctrl) => inputs(m).last(),
        (SheetKey::Home, _) => (0..width).find_map(|c| input_at(m, r, c)),
        (SheetKey::End, _) => (0..width).rev().find_map(|c| input_at(m, r, c)),
        _ => None,
    };
    found.unwrap_or(from)
}

/// Where the block's free corner goes for Shift+arrow (any cell, computed
/// ones too: a block is copied with its totals).
pub(super) fn extend(m: &Matrix, from: CellKey, key: SheetKey) -> CellKey {
    let Some((r, c)) = position(m, from) else {
        return from;
    };
    let at = |r: usize, c: usize| m.get(r).and_then(|row| row.get(c)).copied().flatten();
    let width = m.iter().map(|row| row.len()).max().unwrap_or(0);
    let found = match key {
        SheetKey::Down => (r + 1..m.len()).find_map(|r| at(r, c)),
        SheetKey::Up => (0..r).rev().find_map(|r| at(r, c)),
        SheetKey::Right => (c + 1..width).find_map(|c| at(r, c)),
        SheetKey::Left => (0..c).rev().find_map(|c| at(r, c)),
        _ => None,
    };
    found.unwrap_or(from)
}
