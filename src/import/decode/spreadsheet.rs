//! Step 1, spreadsheets (`.xlsx`, `.xls`, `.ods`, and WPS's `.et`, which is
//! the `.xls` format): every sheet in order, each of its rows a table row of
//! cell texts, read with the calamine crate; the places a merged cell
//! covers are marked as such, as the Word and HTML readers mark them. A row
//! with a single filled cell is a title, a heading or a paragraph typed into
//! a cell, and becomes a paragraph, as a word processor would have it.

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader};

use crate::import::doc::{Doc, Line, LineKind, Tok, TokKind};
use crate::import::limits::MAX_ROW_CELLS;

/// Why a spreadsheet gave no text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("电子表格已损坏或无法读取（{0}）")]
pub struct SpreadsheetError(String);

/// Reads every sheet of a workbook.
pub fn read(bytes: &[u8]) -> Result<Doc, SpreadsheetError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| SpreadsheetError(e.to_string()))?;
    let mut lines = Vec::new();
    let mut ods_covered = match book {
        calamine::Sheets::Ods(_) => ods_covered_cells(bytes),
        _ => Vec::new(),
    };
    for (sheet, name) in book.sheet_names().into_iter().enumerate() {
        // A sheet that cannot be read (a chart sheet) is passed over.
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let covered = match &mut book {
            calamine::Sheets::Ods(_) => Covered::Cells(
                ods_covered
                    .get_mut(sheet)
                    .map(std::mem::take)
                    .unwrap_or_default(),
            ),
            book => Covered::Areas(merged_areas(book, &name)),
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            let no = lines.len() + 1;
            let r = r0 + i as u32;
            let mut toks: Vec<Tok> = row
                .iter()
                .take(MAX_ROW_CELLS)
                .enumerate()
                .map(|(j, d)| {
                    let at = (r, c0 + j as u32);
                    if covered.is(at) {
                        Tok::with_kind("", no, TokKind::Span)
                    } else {
                        Tok::new(text(d), no)
                    }
                })
                .collect();
            while toks
                .last()
                .is_some_and(|t| t.text.is_empty() && t.kind == TokKind::Cell)
            {
                toks.pop();
            }
            let mut filled = toks.iter().filter(|t| !t.text.is_empty());
            let kind = match (filled.next(), filled.next()) {
                (None, _) => continue,
                // A heading, a title or a paragraph in a cell of its own
                // (often merged across the sheet's width).
                (Some(only), None) => LineKind::Para(only.text.clone()),
                _ => LineKind::Row(toks),
            };
            lines.push(Line { no, kind });
        }
    }
    Ok(Doc {
        lines,
        layout: "spreadsheet",
    })
}

/// The places merged cells cover (not their first cell, which holds the text).
enum Covered {
    /// Excel's merged areas.
    Areas(Vec<Dimensions>),
    /// OpenDocument's covered cells.
    Cells(HashSet<(u32, u32)>),
}

impl Covered {
    fn is(&self, (r, c): (u32, u32)) -> bool {
        match self {
            Covered::Areas(areas) => areas.iter().any(|m| {
                m.start != (r, c)
                    && m.start.0 <= r
                    && r <= m.end.0
                    && m.start.1 <= c
                    && c <= m.end.1
            }),
            Covered::Cells(cells) => cells.contains(&(r, c)),
        }
    }
}

/// The sheet's merged areas (Excel's formats keep them; for `.ods` calamine
/// has none, and its merged cells read as empty ones: [`ods_covered_cells`]).
fn merged_areas(book: &mut calamine::Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Dimensions> {
    match book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The covered cells of each sheet of an `.ods` (`table:covered-table-cell`,
/// which calamine reads as empty cells). A set: every cell of the sheet is
/// looked up in it.
fn ods_covered_cells(bytes: &[u8]) -> Vec<HashSet<(u32, u32)>> {
    use quick_xml::events::Event;
    let Some(xml) = zip::ZipArchive::new(Cursor::new(bytes))
        .ok()
        .and_then(|mut z| super::xml::part(&mut z, "content.xml").ok())
    else {
        return Vec::new();
    };
    let repeated = |e: &quick_xml::events::BytesStart, key: &[u8]| -> u32 {
        super::xml::attr(e, key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    };
    let mut sheets = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut reader = quick_xml::Reader::from_str(&xml);
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                if e.local_name().as_ref() == b"table-row" {
                    row = row.saturating_add(1);
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.local_name().as_ref() {
            b"table" => {
                sheets.push(HashSet::new());
                row = 0;
            }
            b"table-row" => {
                col = 0;
                // Repeated rows are empty filler (up to a million of them):
                // counted, never walked.
                let n = repeated(&e, b"number-rows-repeated");
                if empty || n > 1 {
                    row = row.saturating_add(n - u32::from(!empty));
                }
            }
            name @ (b"table-cell" | b"covered-table-cell") => {
                let n = repeated(&e, b"number-columns-repeated");
                if name == b"covered-table-cell"
                    && let Some(sheet) = sheets.last_mut()
                {
                    for c in col..col.saturating_add(n.min(MAX_ROW_CELLS as u32)) {
                        sheet.insert((row, c));
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
    sheets
}

/// A cell as the sheet shows it: whole numbers without a decimal point
/// (spreadsheets store every number as a float), text trimmed.
fn text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::String(s) => s.trim().to_string(),
        other => other.to_string().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_printed() {
        assert_eq!(text(&Data::Float(28.0)), "28");
        assert_eq!(text(&Data::Float(12.5)), "12.5");
        assert_eq!(text(&Data::Int(7)), "7");
        assert_eq!(text(&Data::String(" 自然人 ".into())), "自然人");
        assert_eq!(text(&Data::Empty), "");
    }

    #[test]
    fn not_a_workbook_is_an_error_not_a_panic() {
        assert!(read(b"PK\x03\x04 not really").is_err());
        assert!(read(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).is_err());
    }
}
