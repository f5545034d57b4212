//! Table reader, placing step: each group of values into its template row
//! (see the module doc of `tables/`), and how each came there.

use super::Item;
use super::gaps;
use crate::import::doc::Tok;
use crate::import::labels::Target;
use crate::import::notes::Notes;

/// How a row's values came to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// After its label, in the same row or on the next line.
    Labelled,
    /// No label: the next empty row in template order.
    InOrder,
    /// Printed column by column (plain `pdftotext`), read back as rows.
    Column,
}

/// The tokens placed in one slot.
#[derive(Clone, Debug)]
pub struct Placed {
    pub toks: Vec<Tok>,
    pub line: usize,
    pub how: How,
}

/// Places groups of values into slots (see the module doc). `slot_of` maps
/// a label to its slot; `widths` are the values each slot expects.
/// Returns the placed slots and the lines of labels whose rows were filled
/// twice (the later values are ignored, and said so).
pub fn assign(
    items: &[Item],
    widths: &[usize],
    slot_of: impl Fn(Target) -> Option<usize>,
    place_name: impl Fn(usize) -> String,
    notes: &mut Notes,
) -> Vec<Option<Placed>> {
    let mut placed: Vec<Option<Placed>> = vec![None; widths.len()];
    // The label just seen whose row is still empty: values in its own row
    // are its values.
    let mut current: Option<usize> = None;
    // The same label, for values on the next line — unless labels came as a
    // list (plain pdftotext prints a column of labels, then the numbers).
    let mut pending: Option<usize> = None;
    let mut labels_in_a_row = 0usize;
    // A label seen again after its row was filled.
    let mut duplicate: Option<usize> = None;
    // The row being filled one value at a time.
    let mut stream: Option<usize> = None;
    let mut last: Option<usize> = None;
    // A label followed only by empty cells: blank, unless values follow on the next line.
    let mut weak: Option<(usize, Placed)> = None;
    let next_free = |placed: &[Option<Placed>], last: Option<usize>| {
        let from = last.map(|l| l + 1).unwrap_or(0);
        (from..placed.len())
            .chain(0..from)
            .find(|&s| placed[s].is_none())
    };
    let forced = gaps::between_labelled_rows(items, widths, &slot_of);
    for (index, item) in items.iter().enumerate() {
        if let Some(&s) = forced.get(&index)
            && placed[s].is_none()
            && let Item::Values { toks, line, .. } = item
        {
            if let Some((ws, w)) = weak.take()
                && placed[ws].is_none()
                && ws != s
            {
                placed[ws] = Some(w);
            }
            placed[s] = Some(Placed {
                toks: toks.clone(),
                line: *line,
                how: if pending == Some(s) {
                    How::Labelled
                } else {
                    How::InOrder
                },
            });
            last = Some(s);
            (current, pending, stream, weak) = (None, None, None, None);
            labels_in_a_row = 0;
            continue;
        }
        match item {
            Item::Label { target, line } => {
                let Some(s) = slot_of(*target) else { continue };
                if let Some((ws, w)) = weak.take()
                    && placed[ws].is_none()
                {
                    placed[ws] = Some(w);
                    last = Some(ws);
                }
                stream = None;
                labels_in_a_row += 1;
                let _ = line;
                if placed[s].is_none() {
                    current = Some(s);
                    duplicate = None;
                } else {
                    current = None;
                    duplicate = Some(s);
                }
                pending = if labels_in_a_row >= 3 { None } else { current };
            }
            Item::Values {
                toks,
                after_label,
                line,
                column,
            } => {
                let column = *column;
                labels_in_a_row = 0;
                if *after_label {
                    if let Some(d) = duplicate.take() {
                        if toks.iter().any(|t| !t.text.trim().is_empty()) {
                            notes.add(
                                Some(*line),
                                format!("{}重复出现，已忽略后一次", place_name(d)),
                            );
                        }
                        continue;
                    }
                    pending = None;
                    let Some(s) = current.take() else { continue };
                    let p = Placed {
                        toks: toks.clone(),
                        line: *line,
                        how: How::Labelled,
                    };
                    if toks.iter().all(|t| t.text.trim().is_empty()) {
                        pending = Some(s);
                        current = Some(s);
                        weak = Some((s, p));
                        continue;
                    }
                    weak = None;
                    placed[s] = Some(p);
                    last = Some(s);
                    continue;
                }
                weak = None;
                // A whole row's worth on a line of its own.
                let target = stream
                    .or(if column { None } else { pending })
                    .or_else(|| next_free(&placed, last));
                let Some(first) = target else {
                    notes.add(
                        Some(*line),
                        "表格中多出的数值（所有栏目都已读到数值），未导入",
                    );
                    continue;
                };
                let how = if pending == Some(first) {
                    How::Labelled
                } else if column {
                    How::Column
                } else {
                    How::InOrder
                };
                pending = None;
                // A whole row (merge artefacts at its end aside) goes to one
                // slot; a longer run of values flows on into the next slots.
                let blank = |t: &&Tok| t.text.trim().is_empty();
                let lead = toks.iter().take_while(blank).count();
                let core = toks.len() - lead - toks[lead..].iter().rev().take_while(blank).count();
                let whole = toks.len() == widths[first]
                    || (toks.len() > widths[first] && core <= widths[first]);
                if stream.is_none() && (whole || column) {
                    placed[first] = Some(Placed {
                        toks: toks.clone(),
                        line: *line,
                        how,
                    });
                    last = Some(first);
                    continue;
                }
                // Fewer values than the row has: they come one line at a time.
                let mut s = first;
                for tok in toks {
                    let p = placed[s].get_or_insert_with(|| Placed {
                        toks: Vec::new(),
                        line: tok.line,
                        // Values that flow on past their row have no label.
                        how: if s == first { how } else { How::InOrder },
                    });
                    p.toks.push(tok.clone());
                    if p.toks.len() >= widths[s] {
                        last = Some(s);
                        stream = None;
                        match next_free(&placed, last) {
                            Some(n) => s = n,
                            None => break,
                        }
                    } else {
                        stream = Some(s);
                    }
                }
            }
        }
    }
    if let Some((ws, w)) = weak
        && placed[ws].is_none()
    {
        placed[ws] = Some(w);
    }
    placed
}
