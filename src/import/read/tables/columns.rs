//! Step 3, for rows whose empty cells vanished: a text laid out with spaces
//! (`pdftotext -layout`, nianbao's own layout of a PDF's or a picture's runs)
//! prints an empty cell as nothing, so a row of 表三 shows fewer values than
//! the table has columns. Its values still stand under their columns: lined up
//! with a full row of the same table, where they stand says which columns
//! they are in.

use crate::import::doc::Tok;

/// A value this far from a full row's value, relative to the narrowest gap
/// between two of that row's values, stands under it.
const REACH: f32 = 0.35;

/// The columns of `row`'s values (indices into `full`), found by shifting
/// the whole row until every value stands under one of `full`'s, in order;
/// `None` unless exactly one shift does (one value alone fits anywhere).
pub fn line_up(row: &[Tok], full: &[Tok]) -> Option<Vec<usize>> {
    let middles = |toks: &[Tok]| -> Option<Vec<f32>> {
        toks.iter().map(|t| t.at.map(|c| c.middle())).collect()
    };
    let (here, there) = (middles(row)?, middles(full)?);
    if here.is_empty() || here.len() >= there.len() {
        return None;
    }
    let narrowest = there
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f32::INFINITY, f32::min);
    if narrowest < 2.0 {
        return None; // values touching: nothing to line up by
    }
    let reach = REACH * narrowest;
    let mut found: Option<Vec<usize>> = None;
    for &anchor in &there {
        let shift = anchor - here[0];
        let columns: Option<Vec<usize>> = here
            .iter()
            .map(|&m| there.iter().position(|&t| (m + shift - t).abs() <= reach))
            .collect();
        let Some(columns) = columns else { continue };
        if columns.windows(2).any(|w| w[0] >= w[1]) {
            continue;
        }
        if found.as_ref().is_some_and(|f| *f != columns) {
            return None; // two ways to line it up
        }
        found = Some(columns);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::spaced_pieces;

    /// The values of a row as `pdftotext -layout` prints it (the pieces
    /// after its label), with their columns.
    fn row(line: &str) -> Vec<Tok> {
        spaced_pieces(line, 1)
            .into_iter()
            .filter(|t| t.text.chars().all(|c| c.is_ascii_digit()))
            .collect()
    }

    #[test]
    fn a_row_short_of_a_value_is_lined_up_with_a_full_row() {
        // Our PDF export of a report with a blank 商业企业 cell, through pdftotext.
        let full = row("  （一）予以公开               28   6   0       1   2   1        38");
        let short = row("     1.属于国家秘密            0       0       0   0   0         0");
        assert_eq!(full.len(), 7);
        assert_eq!(line_up(&short, &full), Some(vec![0, 2, 3, 4, 5, 6]));
        // The label's width does not matter, only where the values stand.
        let shifted = row("1.属于国家秘密       0       0       0   0   0         0");
        let full_here = row("（一）予以公开       28   6   0       1   2   1        38");
        assert_eq!(line_up(&shifted, &full_here), Some(vec![0, 2, 3, 4, 5, 6]));
    }

    #[test]
    fn a_row_that_lines_up_more_than_one_way_is_not_placed() {
        let full = row("x  1   2   3   4   5   6   21");
        // One value fits under any column; evenly spaced values under several.
        assert_eq!(line_up(&row("y              4"), &full), None);
        assert_eq!(line_up(&row("y  1   2   3"), &full), None);
        // Values that stand under no column as a whole.
        assert_eq!(line_up(&row("y  1 2         9"), &full), None);
        // A full row is not a short one.
        assert_eq!(line_up(&full, &full), None);
    }
}
