//! B4: a count that is negative, not an integer or not a number; an amount
//! that is negative or not a number. Also covers part 六's fee fields.

use super::{Ctx, Finding, RuleId, Severity};
use crate::cell::Cell;
use crate::model::Fee;
use crate::place::Place;
use crate::template::{ValueKind, all_keys};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    for &key in all_keys() {
        let Some(cell) = ctx.report.input(key) else {
            continue;
        };
        if let Some(why) = problem(cell, key.kind()) {
            out.push(Finding::error(
                RuleId::B4,
                &[key],
                format!("{}：{why}", key.label()),
            ));
        }
    }
    for fee in Fee::ALL {
        if let Some(why) = problem(ctx.report.part6.fees.get(fee), fee.kind()) {
            out.push(Finding::new(
                RuleId::B4,
                Severity::Error,
                vec![Place::Fee(fee)],
                format!("第六部分“{}”：{why}", fee.label()),
            ));
        }
    }
}

/// Why a cell's content is not acceptable, if it is not.
pub fn problem(cell: &Cell, kind: ValueKind) -> Option<String> {
    match (cell, kind) {
        (Cell::Int(v), _) if *v < 0 => Some(format!("{v} 是负数，应为不小于 0 的数")),
        (Cell::Dec(d), _) if d.is_negative() => Some(format!("{d} 是负数，应为不小于 0 的数")),
        (Cell::Dec(d), ValueKind::Count) => Some(format!("{d} 不是整数，件数应为整数")),
        (Cell::Invalid(s), ValueKind::Count) => {
            Some(format!("“{s}”不是数字，应填写不小于 0 的整数"))
        }
        (Cell::Invalid(s), ValueKind::Amount) => Some(format!(
            "“{s}”不是数字，应填写不小于 0 的金额（最多 4 位小数）"
        )),
        _ => None,
    }
}
