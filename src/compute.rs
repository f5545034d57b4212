//! Derived cells: 表三's 总计 column and （七）总计 row, 表四's 总计.
//!
//! Blank, `na` and invalid cells count as 0 in sums (CONTRACT.md §2); rule B4
//! flags the invalid ones. Sums are cheap enough to recompute on every
//! keystroke, so nothing here is cached.

use crate::cell::Cell;
use crate::model::Report;
use crate::template::{
    CellKey, R03, R23, R24, T3_INPUT_COLS, T3_ROWS, T3_TOTAL_COL, T4_INPUT_COLS, T4_TOTAL_COL,
};

/// All computed values of one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// 表三 values for all 25 rows × 7 columns, computed cells filled in.
    pub t3: [[i64; 7]; 25],
    /// 表四 总计 per group.
    pub t4: [i64; 3],
}

impl Totals {
    pub fn of(r: &Report) -> Totals {
        let mut t3 = [[0i64; 7]; 25];
        for (row, cells) in r.t3.0.iter().enumerate() {
            if row == R24 {
                continue;
            }
            for (col, c) in cells.iter().enumerate() {
                t3[row][col] = c.int_value();
            }
        }
        // （七）总计 = sum of the 21 outcome leaf rows r03..=r23.
        for col in 0..T3_INPUT_COLS {
            let mut sum: i64 = (R03..=R23)
                .map(|row| t3[row][col])
                .fold(0, i64::saturating_add);
            // A （六）其他处理 printed as one row (2019 format, and some 2021
            // reports) belongs to the outcomes too.
            if let Some(other) = &r.t3_2019_other {
                sum = sum.saturating_add(other[col].int_value());
            }
            t3[R24][col] = sum;
        }
        for row in t3.iter_mut().take(T3_ROWS.len()) {
            row[T3_TOTAL_COL] = row[..T3_INPUT_COLS]
                .iter()
                .copied()
                .fold(0, i64::saturating_add);
        }
        let mut t4 = [0i64; 3];
        for (g, cells) in r.t4.iter().enumerate() {
            t4[g] = cells[..T4_INPUT_COLS]
                .iter()
                .map(|c| c.int_value())
                .fold(0, i64::saturating_add);
        }
        Totals { t3, t4 }
    }

    /// The numeric value of a T3 or T4 cell (inputs included); `None` for T2.
    pub fn get(&self, key: CellKey) -> Option<i64> {
        match key {
            CellKey::T2(_) => None,
            CellKey::T3 { row, col } => Some(self.t3[row][col]),
            CellKey::T4 { group, col } if col == T4_TOTAL_COL => Some(self.t4[group]),
            CellKey::T4 { .. } => None,
        }
    }
}

impl Report {
    /// The value of any cell: inputs as stored, computed cells as derived.
    /// (Here, not in `model.rs`: the model knows nothing of the arithmetic.)
    pub fn value(&self, key: CellKey) -> Cell {
        self.value_with(&Totals::of(self), key)
    }

    /// Like [`Report::value`], with this report's totals already computed
    /// (for loops over many cells).
    pub fn value_with(&self, totals: &Totals, key: CellKey) -> Cell {
        match self.input(key) {
            Some(c) => c.clone(),
            None => Cell::Int(totals.get(key).unwrap_or(0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cell::Cell;

    #[test]
    fn totals_sum_rows_and_columns() {
        let mut r = Report::default();
        r.t3.0[0][0] = Cell::Int(4);
        r.t3.0[0][1] = Cell::Int(2);
        r.t3.0[2][0] = Cell::Int(3);
        r.t3.0[22][5] = Cell::Int(1);
        r.t3.0[5][2] = Cell::Na;
        r.t3.0[6][2] = Cell::Invalid("x".into());
        r.t4[1] = [Cell::Int(1), Cell::Int(2), Cell::Blank, Cell::Int(3)];
        let t = Totals::of(&r);
        assert_eq!(t.t3[0][T3_TOTAL_COL], 6);
        assert_eq!(t.t3[R24][0], 3);
        assert_eq!(t.t3[R24][5], 1);
        assert_eq!(t.t3[R24][T3_TOTAL_COL], 4);
        assert_eq!(t.t4, [0, 6, 0]);
    }
}
