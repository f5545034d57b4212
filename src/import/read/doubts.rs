//! Step 3, for recognised text: the cells read from a piece the decoder was
//! unsure of (a box the recogniser read below its bar) are named, each with
//! what was read and how sure the recogniser was, so the clerk checks them
//! against the original and the rules do not blame the publisher for them.
//! Doubtful text outside the tables is summed up in one note per page.

use crate::import::doc::Doubtful;
use crate::import::notes::{Notes, clip};

/// Doubtful pieces outside the tables quoted at most in a page's note.
const QUOTED: usize = 5;

pub fn name_cells(doubtful: &[Doubtful], notes: &mut Notes) {
    let mut loose: Vec<&Doubtful> = Vec::new();
    for d in doubtful {
        let piece: Vec<&str> = d.text.split_whitespace().collect();
        let cells: Vec<_> = notes
            .sources
            .iter()
            .filter(|s| s.line == d.line && piece.iter().any(|p| *p == s.text.trim()))
            .map(|s| s.key)
            .collect();
        if cells.is_empty() {
            loose.push(d);
            continue;
        }
        for key in cells {
            notes.recognised(
                d.line,
                format!(
                    "{}识别为“{}”，识别把握 {:.0}%，请对照原件核对",
                    key.label(),
                    clip(&d.text),
                    d.confidence * 100.0
                ),
                vec![key.to_string()],
            );
        }
    }
    let mut pages: Vec<usize> = loose.iter().map(|d| d.page).collect();
    pages.dedup();
    for page in pages {
        let on: Vec<&&Doubtful> = loose.iter().filter(|d| d.page == page).collect();
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
