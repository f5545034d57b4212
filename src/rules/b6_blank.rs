//! B6: in an imported report, a cell left blank or marked not applicable where
//! the template expects a number. One finding per table row (or 表四 group),
//! listing its empty cells, so a blank row reads as one problem.
//!
//! `/` in the 规章 row is the accepted answer of an agency without
//! rule-making power (most of them), so it is no finding there. Cells the
//! importer could not read are its own IMPORT error, not the publisher's blank.

use super::{Ctx, Finding, RuleId};
use crate::cell::Cell;
use crate::model::FormatVersion;
use crate::template::{
    CellKey, R21, R23, T2_BLOCKS, T2_FIELDS, T2_STOCK_ROWS, T3_COLS, T3_ROWS, T4_COLS, T4_GROUPS,
};

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = ctx.report;
    if !r.is_imported() || r.meta.format == FormatVersion::Legacy {
        return;
    }
    let f2019 = r.meta.format == FormatVersion::F2019;
    for block in &T2_BLOCKS {
        for (label, fields) in block.rows {
            // The 2019 format has no equivalent of 表二（一）and（八）'s 2021 columns.
            let keys: Vec<CellKey> = fields
                .iter()
                .map(|&i| CellKey::T2(i))
                .filter(|k| !f2019 || matches!(k, CellKey::T2(6..=8)))
                .collect();
            let names = |k: &CellKey| match k {
                CellKey::T2(i) => T2_FIELDS[*i].col_label,
                _ => "",
            };
            // Agencies without rule-making power answer the 规章 row with "/".
            let na_accepted = fields.first() == Some(&T2_STOCK_ROWS[0][0]);
            let keys: Vec<CellKey> = keys
                .into_iter()
                .filter(|k| !(na_accepted && ctx.report.input(*k) == Some(&Cell::Na)))
                .collect();
            report(ctx, out, &keys, &format!("表二“{label}”"), names);
        }
    }
    for (row, def) in T3_ROWS.iter().enumerate() {
        // A （六）其他处理 printed as one row has no sub-rows to fill.
        if (f2019 || r.t3_2019_other.is_some()) && (R21..=R23).contains(&row) {
            continue;
        }
        let keys: Vec<CellKey> = (0..T3_COLS.len())
            .map(|col| CellKey::T3 { row, col })
            .collect();
        report(
            ctx,
            out,
            &keys,
            &format!("表三“{}”行", def.label),
            |k| match k {
                CellKey::T3 { col, .. } => T3_COLS[*col].label,
                _ => "",
            },
        );
    }
    for (group, def) in T4_GROUPS.iter().enumerate() {
        let keys: Vec<CellKey> = (0..T4_COLS.len())
            .map(|col| CellKey::T4 { group, col })
            .collect();
        report(
            ctx,
            out,
            &keys,
            &format!("表四“{}”", def.long),
            |k| match k {
                CellKey::T4 { col, .. } => T4_COLS[*col].1,
                _ => "",
            },
        );
    }
}

/// Adds one finding for the empty cells among `keys` (inputs, and computed
/// cells whose published value was empty).
fn report(
    ctx: &Ctx,
    out: &mut Vec<Finding>,
    keys: &[CellKey],
    place: &str,
    name: impl Fn(&CellKey) -> &'static str,
) {
    let unread = ctx
        .report
        .import
        .as_ref()
        .map(|i| i.unread_cells())
        .unwrap_or_default();
    let empty: Vec<CellKey> = keys
        .iter()
        .copied()
        .filter(|k| !unread.contains(k))
        .filter(|&k| {
            let cell = if k.is_computed() {
                ctx.report.published(k)
            } else {
                ctx.report.input(k)
            };
            matches!(cell, Some(Cell::Blank | Cell::Na))
        })
        .collect();
    if empty.is_empty() {
        return;
    }
    let names: Vec<&str> = empty.iter().map(&name).collect();
    out.push(Finding::warning(
        RuleId::B6,
        &empty,
        format!(
            "{place}：{} 共 {} 格为空或标为不适用，应填写数字（无则填 0）",
            names.join("、"),
            empty.len()
        ),
    ));
}
