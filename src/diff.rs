//! Cell-by-cell comparison of two reports (last year's and this year's).

use crate::cell::Cell;
use crate::model::Report;
use crate::template::{CellKey, all_keys};

/// One changed cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub key: CellKey,
    pub last: Cell,
    pub this: Cell,
}

impl Change {
    /// The change as a signed number, when both sides are numbers.
    pub fn delta(&self) -> Option<String> {
        let (a, b) = (self.last.as_decimal()?, self.this.as_decimal()?);
        let neg = crate::cell::Decimal {
            units: -a.units,
            scale: a.scale,
        };
        let d = b.plus(neg);
        Some(if d.units >= 0 {
            format!("+{d}")
        } else {
            d.to_string()
        })
    }
}

/// Every cell whose value differs (computed cells included).
pub fn diff(last: &Report, this: &Report) -> Vec<Change> {
    let (tl, tt) = (
        crate::compute::Totals::of(last),
        crate::compute::Totals::of(this),
    );
    all_keys()
        .iter()
        .map(|&k| Change {
            key: k,
            last: last.value_with(&tl, k),
            this: this.value_with(&tt, k),
        })
        .filter(|c| c.last != c.this)
        .collect()
}

/// The value a cell had last year, from a full report or the stored baseline.
pub fn last_year_value(this: &Report, last: Option<&Report>, key: CellKey) -> Option<Cell> {
    use crate::template::{R02, R25, T2_STOCK_ROWS};
    if let Some(l) = last {
        return Some(l.value(key));
    }
    let b = this.baseline.as_ref()?;
    match key {
        CellKey::T2(i) if i == T2_STOCK_ROWS[0][2] => Some(b.t2_in_force[0].clone()),
        CellKey::T2(i) if i == T2_STOCK_ROWS[1][2] => Some(b.t2_in_force[1].clone()),
        // This year's 上年结转 is compared with last year's 结转下年度 (its total too).
        CellKey::T3 { row, col } if row == R02 => b
            .t3_r25
            .get(col)
            .cloned()
            .or_else(|| b.values.get(&CellKey::T3 { row: R25, col }).cloned()),
        _ => b.values.get(&key).cloned(),
    }
}
