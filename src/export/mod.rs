//! Writing a report out: the standard text layout (`.txt`, `.md`), HTML and
//! Word, plus the project file. Every exporter walks the same template grids.

use std::path::Path;

use crate::cell::Cell;
use crate::compute::Totals;
use crate::model::{Report, cn_numeral};
use crate::project::{self, FileError};
use crate::template::{Content, Grid, GridCell, Table};

pub mod docx;
pub mod html;
pub mod pdf;
pub mod text;
pub mod walk;

/// The output formats `convert` and the app's Export offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Ron,
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ron" => Format::Ron,
            "txt" => Format::Text,
            "md" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }
    pub fn extension(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Renders the report in `format`.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Ron => project::to_ron(report).into_bytes(),
        Format::Text => text::render(report, text::Flavor::Plain).into_bytes(),
        Format::Markdown => text::render(report, text::Flavor::Markdown).into_bytes(),
        Format::Html => html::render(report).into_bytes(),
        Format::Docx => docx::render(report)?,
        Format::Pdf => pdf::render(report, &pdf::fonts::Fonts::system())?,
    })
}

/// Writes the report to `path` in the format its extension names,
/// atomically. Returns what the clerk should be told about the file: for a
/// PDF, the fonts it was set in.
pub fn write(report: &Report, path: &Path) -> Result<Option<String>, FileError> {
    let format = Format::from_path(path).ok_or_else(|| {
        FileError::new(
            path,
            "不支持的文件类型（可用：.ron .txt .md .html .docx .pdf）",
        )
    })?;
    let (bytes, note) = match format {
        Format::Pdf => {
            let fonts = pdf::fonts::Fonts::system();
            let (made, mut note) = match pdf::make(report, &fonts) {
                Ok(made) => (made, format!("PDF 所用字体——{}", fonts.describe())),
                // A system face the writer cannot embed (a restricted licence,
                // a damaged file) must not stop the export.
                Err(why) => {
                    let bundled = pdf::fonts::Fonts::bundled();
                    let made = pdf::make(report, &bundled).map_err(|m| FileError::new(path, m))?;
                    (
                        made,
                        format!(
                            "系统字体无法嵌入（{why}），PDF 改用{}",
                            crate::bundled_font::NAME
                        ),
                    )
                }
            };
            if !made.missing.is_empty() {
                note.push_str(&format!(
                    "。所有字体中都没有这些字符，PDF 中显示为空框：{}（文件按普通 PDF 保存，不是 PDF/A）",
                    made.missing.join(" ")
                ));
            }
            (made.bytes, Some(note))
        }
        f => (
            render(report, f).map_err(|m| FileError::new(path, m))?,
            None,
        ),
    };
    // A project file written by `convert` or `rollover` is a project file:
    // the one it replaces is kept as `.bak`, as the app's 保存 does.
    let backup = match format {
        Format::Ron => project::Backup::Keep,
        _ => project::Backup::None,
    };
    project::write_file(path, &bytes, backup)?;
    Ok(note)
}

/// The text a grid cell shows in a published table.
pub fn cell_text(report: &Report, totals: &Totals, cell: &GridCell) -> String {
    match &cell.content {
        Content::Label(s) => s.to_string(),
        Content::Value(key) => match report.input(*key) {
            Some(c) => c.display(),
            None => totals.get(*key).map(|v| v.to_string()).unwrap_or_default(),
        },
    }
}

/// Every row of `grid` as texts, covered (merged) slots as empty strings.
pub fn grid_rows(report: &Report, totals: &Totals, grid: &Grid) -> Vec<Vec<String>> {
    grid.matrix()
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|c| c.map(|c| cell_text(report, totals, c)).unwrap_or_default())
                .collect()
        })
        .collect()
}

/// Each column's share of the text width in the printed tables (Word, PDF).
pub fn column_shares(table: Table) -> &'static [f64] {
    match table {
        Table::T2 => &[0.25; 4],
        Table::T3 => &[0.06, 0.17, 0.26, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.09],
        Table::T4 => &[1.0 / 15.0; 15],
    }
}

/// "（一）" for a 0-based index.
pub fn numbered(i: usize) -> String {
    format!("（{}）", cn_numeral(i))
}

/// The sentence that states part 六's fee figures, if any were entered.
pub fn fee_sentence(report: &Report) -> Option<String> {
    let f = &report.part6.fees;
    if f.is_empty() {
        return None;
    }
    let show = |c: &Cell| {
        if c.is_blank_or_na() {
            "—".to_string()
        } else {
            c.display()
        }
    };
    Some(format!(
        "本年度发出收费通知{}件，收费通知总金额{}元，实际收取信息处理费{}元。",
        show(&f.notices),
        show(&f.notified_yuan),
        show(&f.collected_yuan)
    ))
}

/// `2026-01-16` (or any form [`crate::dates::parse`] reads) → `2026年1月16日`;
/// anything else as given.
pub fn chinese_date(date: &str) -> String {
    match crate::dates::parse(date) {
        Some(d) => {
            use chrono::Datelike;
            format!("{}年{}月{}日", d.year(), d.month(), d.day())
        }
        None => date.to_string(),
    }
}
