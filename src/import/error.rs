//! Why a source could not be read as a report. Each text says what was
//! found, in the clerk's words; the caller adds the file's name (through
//! [`crate::project::FileError`]). The limits behind the refusals live
//! with the readers that keep them.

use thiserror::Error;

pub use super::decode::docx::DocxError;
pub use super::decode::image::ImageError;
pub use super::decode::odt::OdtError;
pub use super::decode::pdf::PdfError;
pub use super::decode::spreadsheet::SpreadsheetError;
pub use super::decode::word97::Word97Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ImportError {
    /// Over [`crate::project::MAX_FILE_BYTES`] (the size in bytes).
    #[error("{}", crate::project::too_large(*.0))]
    TooLarge(u64),
    /// A kind of file recognised by its content that cannot be read yet:
    /// what it is, in the clerk's words.
    #[error(
        "这是{0}，nianbao 还不能直接读取：请在 WPS 或 Word 中打开，另存为 .docx（Word 文档）、网页或 PDF 后再导入"
    )]
    NotYetReadable(&'static str),
    #[error(
        "文件有 {lines} 行，远超年度报告的篇幅（上限 {max} 行），不是年度报告",
        max = super::limits::MAX_LINES
    )]
    TooManyLines { lines: usize },
    /// `line` counts from 1.
    #[error(
        "第 {line} 行长达 {mb:.1} MB，远超年度报告的篇幅（每行上限 {kb} KB），不是年度报告",
        mb = *.bytes as f64 / (1024.0 * 1024.0),
        kb = super::limits::MAX_LINE_BYTES / 1024
    )]
    LineTooLong { line: usize, bytes: usize },
    #[error(
        "表格共有 {cells} 个单元格（上限 {max} 个），不是年度报告的表格",
        max = super::limits::MAX_CELLS
    )]
    TooManyCells { cells: usize },
    #[error(
        "网页的元素嵌套超过 {max} 层，不是正常的网页，无法读取",
        max = super::html::MAX_NESTING
    )]
    HtmlTooDeep,
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error(transparent)]
    Odt(#[from] OdtError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Image(#[from] ImageError),
    #[error(transparent)]
    Word97(#[from] Word97Error),
    #[error(transparent)]
    Spreadsheet(#[from] SpreadsheetError),
    /// No part of the template was found: what the text looks like instead.
    #[error("{0}")]
    NotAReport(String),
}
