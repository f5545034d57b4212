//! Table reader, placing step: rows of values without a label that lie
//! between two labelled rows.
//!
//! PDF→Markdown converters tear a table apart: a row whose label wrapped
//! comes out as a bare row of numbers, and the label's pieces land as text
//! somewhere near it — before, after, or next to another row's numbers. The
//! label text then points at the wrong row. The template's fixed row order
//! does not: a bare row printed between the rows labelled r08 and r10 can
//! only be r09. So where the bare rows between two labelled rows are exactly
//! as many as the template rows left free between them, they are placed in
//! order, whatever label fragments lie among them. Any other gap is left to
//! [`super::assign`]'s usual reading.

use super::Item;
use crate::import::labels::Target;
use std::collections::{HashMap, HashSet};

/// The slot of each bare row that the order of its labelled neighbours
/// decides, by the row's index in `items`.
pub fn between_labelled_rows(
    items: &[Item],
    widths: &[usize],
    slot_of: &impl Fn(Target) -> Option<usize>,
) -> HashMap<usize, usize> {
    // A labelled row: its label, then its values in the same row.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for (i, pair) in items.windows(2).enumerate() {
        if let [
            Item::Label { target, .. },
            Item::Values {
                toks,
                after_label: true,
                ..
            },
        ] = pair
            && toks.iter().any(|t| !t.text.trim().is_empty())
            && let Some(s) = slot_of(*target)
        {
            anchors.push((i + 1, s));
        }
    }
    let labelled: HashSet<usize> = anchors.iter().map(|&(_, s)| s).collect();
    let mut forced = HashMap::new();
    for pair in anchors.windows(2) {
        let [(from, low), (to, high)] = [pair[0], pair[1]];
        if low >= high {
            continue;
        }
        let free: Vec<usize> = (low + 1..high).filter(|s| !labelled.contains(s)).collect();
        let bare: Vec<usize> = (from + 1..to)
            .filter(|&i| {
                matches!(
                    items[i],
                    Item::Values {
                        after_label: false,
                        column: false,
                        ..
                    }
                )
            })
            .collect();
        let whole_rows = bare.iter().zip(&free).all(|(&i, &s)| match &items[i] {
            Item::Values { toks, .. } => {
                toks.iter().filter(|t| !t.text.trim().is_empty()).count() == widths[s]
            }
            Item::Label { .. } => false,
        });
        if !free.is_empty() && bare.len() == free.len() && whole_rows {
            forced.extend(bare.into_iter().zip(free));
        }
    }
    forced
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::Tok;

    fn label(r: usize) -> Item {
        Item::Label {
            target: Target::T3(r),
            line: 1,
        }
    }

    fn values(v: &[&str], after_label: bool) -> Item {
        Item::Values {
            toks: v.iter().map(|t| Tok::new(*t, 1)).collect(),
            after_label,
            line: 1,
            column: false,
        }
    }

    fn forced(items: &[Item]) -> Vec<(usize, usize)> {
        let mut v: Vec<_> = between_labelled_rows(items, &[2; 6], &|t| match t {
            Target::T3(r) => Some(r),
            _ => None,
        })
        .into_iter()
        .collect();
        v.sort();
        v
    }

    #[test]
    fn a_bare_row_between_labelled_rows_takes_the_row_between_them() {
        // r0 labelled, a label piece pointing at r3, a bare row, r2 labelled.
        let items = [
            label(0),
            values(&["1", "1"], true),
            label(3),
            values(&["5", "5"], false),
            label(2),
            values(&["2", "2"], true),
        ];
        assert_eq!(forced(&items), vec![(3, 1)]);
    }

    #[test]
    fn a_gap_with_more_or_fewer_bare_rows_than_free_rows_is_left_alone() {
        let two_for_one = [
            label(0),
            values(&["1", "1"], true),
            values(&["5", "5"], false),
            values(&["6", "6"], false),
            label(2),
            values(&["2", "2"], true),
        ];
        assert!(forced(&two_for_one).is_empty());
        let part_row = [
            label(0),
            values(&["1", "1"], true),
            values(&["5"], false),
            label(2),
            values(&["2", "2"], true),
        ];
        assert!(forced(&part_row).is_empty());
    }
}
