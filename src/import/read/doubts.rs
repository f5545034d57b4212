//! Step 3, for recognised text: the cells read from a piece the decoder was
//! unsure of (a box the recogniser read below its bar) are named, each with
//! what was read and how sure the recogniser was, so the clerk checks them
//! against the original and the rules do not blame the publisher for them.
//! Doubtful text outside the tables is summed up in one note per page.

use crate::import::doc::{Recognised, is_number};
use crate::import::notes::{Notes, clip};

/// Doubtful pieces outside the tables quoted at most in a page's note.
const QUOTED: usize = 5;

/// The cells read from the recognised box `d`: where the table reader read as
/// many numbers from its line as the line prints, the box's numbers by
/// their order on the line; otherwise every cell of the line whose text is
/// one of the box's pieces (more cells named, never fewer).
fn cells_of(d: &Recognised, notes: &Notes) -> Vec<crate::template::CellKey> {
    let on_line: Vec<_> = notes.sources.iter().filter(|s| s.line == d.line).collect();
    let pieces: Vec<&str> = d.text.split_whitespace().collect();
    let numbers = pieces.iter().filter(|p| is_number(p)).count();
    if numbers > 0
        && on_line.len() == d.numbers_on_line
        && d.numbers_before + numbers <= on_line.len()
    {
        // The table reader reads a row's cells left to right.
        return on_line[d.numbers_before..d.numbers_before + numbers]
            .iter()
            .map(|s| s.key)
            .collect();
    }
    on_line
        .iter()
        .filter(|s| pieces.iter().any(|p| *p == s.text.trim()))
        .map(|s| s.key)
        .collect()
}

pub fn name_cells(pieces: &[Recognised], notes: &mut Notes) {
    let mut loose: Vec<&Recognised> = Vec::new();
    // Each cell once, with the least sure reading that named it.
    let mut named: std::collections::BTreeMap<crate::template::CellKey, &Recognised> =
        Default::default();
    for d in pieces {
        let cells = cells_of(d, notes);
        for key in &cells {
            notes.recognised_cells.push(crate::model::RecognisedCell {
                cell: *key,
                page: d.page,
                bbox: d.bbox,
                confidence: d.confidence,
                confirmed: false,
            });
        }
        if !d.doubtful {
            continue;
        }
        if cells.is_empty() {
            loose.push(d);
        }
        for key in cells {
            let e = named.entry(key).or_insert(d);
            if d.confidence < e.confidence {
                *e = d;
            }
        }
    }
    for (key, d) in named {
        notes.recognised(
            d.line,
            format!(
                "{}识别为“{}”，识别把握 {:.0}%，请对照原件核对",
                key.label(),
                clip(&d.text),
                d.confidence * 100.0
            ),
            vec![key],
        );
    }
    let mut pages: Vec<usize> = loose.iter().map(|d| d.page).collect();
    pages.dedup();
    for page in pages {
        let on: Vec<&&Recognised> = loose.iter().filter(|d| d.page == page).collect();
        let quoted: Vec<String> = on
            .iter()
            .take(QUOTED)
            .map(|d| format!("“{}”", clip(&d.text)))
            .collect();
        let more = if on.len() > QUOTED { "等" } else { "" };
        notes.add(
            Some(on[0].line),
            format!(
                "第 {page} 页有 {} 处文字识别把握不足：{}{more}，请对照原件核对正文",
                on.len(),
                quoted.join("、")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::notes::CellSource;
    use crate::model::NoteKind;
    use crate::template::CellKey;

    fn doubt(line: usize, text: &str) -> Recognised {
        Recognised {
            line,
            page: 1,
            text: text.into(),
            confidence: 0.62,
            doubtful: true,
            bbox: [10.0, 20.0, 40.0, 44.0],
            numbers_before: 0,
            numbers_on_line: 0,
        }
    }

    #[test]
    fn a_doubtful_number_names_the_cell_read_from_it_and_only_that_one() {
        let mut notes = Notes::default();
        let seven = CellKey::T3 { row: 6, col: 0 };
        let eight = CellKey::T3 { row: 6, col: 1 };
        for (key, text) in [(seven, "12"), (eight, "3")] {
            notes.sources.push(CellSource {
                key,
                line: 40,
                text: text.into(),
            });
        }
        name_cells(&[doubt(40, "12")], &mut notes);
        assert_eq!(notes.list.len(), 1);
        let n = &notes.list[0];
        assert_eq!(n.kind, NoteKind::Recognised);
        assert_eq!(n.cells, vec![seven]);
        assert!(
            n.message.contains("“12”") && n.message.contains("62%"),
            "{}",
            n.message
        );
    }

    #[test]
    fn a_doubtful_zero_among_zeros_names_its_own_cell_by_its_place_on_the_line() {
        let mut notes = Notes::default();
        let keys: Vec<CellKey> = (0..3).map(|col| CellKey::T3 { row: 1, col }).collect();
        for key in &keys {
            notes.sources.push(CellSource {
                key: *key,
                line: 9,
                text: "0".into(),
            });
        }
        let mut d = doubt(9, "0");
        d.numbers_before = 1;
        d.numbers_on_line = 3;
        name_cells(&[d], &mut notes);
        assert_eq!(notes.list.len(), 1);
        assert_eq!(notes.list[0].cells, vec![keys[1]]);
    }

    #[test]
    fn doubtful_prose_is_one_note_per_page() {
        let mut notes = Notes::default();
        name_cells(
            &[doubt(3, "本机关全年主动公开"), doubt(5, "政府信息")],
            &mut notes,
        );
        assert_eq!(notes.list.len(), 1);
        assert_eq!(notes.list[0].kind, NoteKind::Note);
        assert!(
            notes.list[0].message.contains("2 处"),
            "{}",
            notes.list[0].message
        );
    }
}
