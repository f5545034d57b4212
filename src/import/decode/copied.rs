//! Decoding, text as a browser copies it: select all, copy, paste (the
//! page's `innerText`). Where a page's table cells hold paragraphs — every
//! page Word, WPS or LibreOffice saved as HTML — each cell comes out on its
//! own line between blank lines, the cells of a row separated by a line
//! holding only a tab, rows by runs of blank lines. Rejoined, each row is one
//! tab-separated line, as the text reader knows tables typed with tabs.

/// Lines that hold only a tab, at least this many: a copied page's tables.
const LONE_TABS: usize = 8;

/// The text with each table row on one tab-separated line, or `None` when
/// the text is not a copied page of this kind.
pub fn rejoin_cells(text: &str) -> Option<String> {
    let lone_tab = |l: &str| l.contains('\t') && l.trim().is_empty();
    if text.lines().filter(|l| lone_tab(l)).count() < LONE_TABS {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut row = String::new();
    // After a lone tab: the blank lines since. One is the cell's own; more
    // end the row (its last cell empty).
    let mut after_tab: Option<usize> = None;
    // Blank lines since the last cell's text.
    let mut blanks = 0;
    for line in text.lines() {
        if lone_tab(line) {
            if after_tab.is_some() {
                // Two tabs in a row: an empty cell between (however many blank
                // lines: Chromium puts four between two empty cells of a row,
                // so a row ending in an empty cell and one starting with one
                // cannot be told apart from them — such rows are read as one).
                row.push('\t');
            } else if blanks > 2 && !row.is_empty() {
                // A row's end, then a row whose first cell is empty.
                out.push_str(&row);
                out.push('\n');
                row.clear();
            }
            after_tab = Some(0);
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            blanks += 1;
            if let Some(n) = after_tab.as_mut() {
                *n += 1;
            }
            continue;
        }
        blanks = 0;
        match after_tab {
            Some(n) if n <= 2 => row.push('\t'),
            Some(_) => {
                row.push('\t');
                out.push_str(&row);
                out.push('\n');
                row.clear();
            }
            None if !row.is_empty() => {
                out.push_str(&row);
                out.push('\n');
                row.clear();
            }
            None => {}
        }
        row.push_str(t);
        after_tab = None;
    }
    if !row.is_empty() {
        out.push_str(&row);
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_on_lines_of_their_own_become_rows() {
        let copied = "标题\n\n一、总体情况\n\n正文。\n\n信息内容\n\n\t\n\n本年制发件数\n\n\n\n\n规章\n\n\t\n\n0\n\n\t\n\n3\n"
            .repeat(4);
        let text = rejoin_cells(&copied).unwrap();
        let lines: Vec<&str> = text.lines().take(5).collect();
        assert_eq!(
            lines,
            [
                "标题",
                "一、总体情况",
                "正文。",
                "信息内容\t本年制发件数",
                "规章\t0\t3"
            ]
        );
        assert_eq!(rejoin_cells("一、总体情况\n\n正文。\n"), None);
        // Empty cells: two tabs in a row, or a tab and the row's end.
        let blanks = "规章\n\n\t\n\n\t\n\n3\n\n\t\n\n\n\n\n下一行\n".repeat(8);
        let text = rejoin_cells(&blanks).unwrap();
        assert_eq!(
            text.lines().take(2).collect::<Vec<_>>(),
            ["规章\t\t3\t", "下一行"]
        );
        let first_empty = "总计\n\n\n\n\n\t\n\n\n\n\t\n\n0\n\n\t\n\n1\n".repeat(4);
        let text = rejoin_cells(&first_empty).unwrap();
        assert_eq!(
            text.lines().take(2).collect::<Vec<_>>(),
            ["总计", "\t\t0\t1"]
        );
    }
}
