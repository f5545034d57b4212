//! Importing published reports: text (several layouts), HTML, Word and PDF.
//!
//! One line, as the folders show it:
//!
//! 1. `decode/` — one decoder per container (plain text and its encodings,
//!    HTML, Word, PDF) turns the bytes into a [`doc::Doc`]: paragraphs and
//!    table rows of cell tokens, each with its source line number.
//! 2. `read/` — the structure step cuts the lines into the report's parts
//!    and its title block (`structure.rs`, `meta.rs`); the table reader
//!    (`tables/`) matches rows to the template's labels, places the numbers
//!    and reconciles them with the totals' arithmetic.
//! 3. The report, with an [`ImportNote`] for whatever the importer could
//!    not place, had to infer or left out ([`notes`]): it never guesses silently.
//!
//! `labels.rs`, `normalize.rs` and `headings.rs` are the template's words as
//! every step recognises them; nothing in them depends on a step.

use std::path::Path;

use crate::model::Report;
use crate::project::{FileError, read_limited};

pub use error::{DocxError, ImageError, ImportError, PdfError, SpreadsheetError, Word97Error};

pub use crate::ocr::{Go, Progress};
use decode::{docx, encoding, html, image, mht, odt, pdf, rtf, spreadsheet, text, word97};

mod bounds;
mod decode;
pub mod doc;
pub(crate) mod error;
pub mod headings;
pub mod labels;
pub mod limits;
pub mod normalize;
pub mod notes;
mod pictures;
mod read;
pub mod runs;

/// The kinds of file the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Text,
    Html,
    Docx,
    Pdf,
    Rtf,
    /// A single-file web page (MIME, `.mht`).
    Mht,
    /// Word 2003 XML (`<w:wordDocument>`).
    WordXml,
    /// The Word 97–2003 binary format (`.doc`, WPS's `.wps`).
    Word97,
    /// A workbook: `.xlsx`, `.xls`, `.ods`, WPS's `.et`.
    Spreadsheet,
    /// OpenDocument text (`.odt`).
    Odt,
    /// A picture of a page or a table (`.png`, `.jpg`, `.tif`, `.bmp`): recognised.
    Image,
}

/// Every extension the importer reads, with its kind: the one list that
/// the command line's folder walk and the app's file dialogs use too.
pub const EXTENSIONS: [(&str, SourceKind); 26] = [
    ("txt", SourceKind::Text),
    ("md", SourceKind::Text),
    ("text", SourceKind::Text),
    ("markdown", SourceKind::Text),
    ("html", SourceKind::Html),
    ("htm", SourceKind::Html),
    ("xhtml", SourceKind::Html),
    ("shtml", SourceKind::Html),
    ("docx", SourceKind::Docx),
    ("pdf", SourceKind::Pdf),
    ("rtf", SourceKind::Rtf),
    ("mht", SourceKind::Mht),
    ("mhtml", SourceKind::Mht),
    // What a .doc or .wps really is (the Word 97 binary format, or HTML,
    // MHT, RTF, Word 2003 XML, a renamed .docx) is read off its bytes.
    ("doc", SourceKind::Word97),
    ("wps", SourceKind::Word97),
    ("xlsx", SourceKind::Spreadsheet),
    ("xls", SourceKind::Spreadsheet),
    ("et", SourceKind::Spreadsheet),
    ("ods", SourceKind::Spreadsheet),
    ("odt", SourceKind::Odt),
    ("png", SourceKind::Image),
    ("jpg", SourceKind::Image),
    ("jpeg", SourceKind::Image),
    ("tif", SourceKind::Image),
    ("tiff", SourceKind::Image),
    ("bmp", SourceKind::Image),
];

impl SourceKind {
    /// What `bytes` are, by their content first (a `.doc` from a website is
    /// often a web page, RTF or a renamed `.docx`), then by the extension of
    /// `path` for plain text. Formats recognised but not read yet
    /// (OpenDocument text, other Office 97 files) get a message saying what they are.
    pub fn detect(path: &Path, bytes: &[u8]) -> Result<SourceKind, ImportError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        let head = &bytes[..bytes.len().min(4096)];
        if contains(&head[..head.len().min(1024)], b"%PDF-") {
            return Ok(SourceKind::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return zip_kind(bytes);
        }
        if bytes.starts_with(&CFB_MAGIC) {
            return cfb_kind(bytes, &ext);
        }
        if rtf::is_rtf(bytes) {
            return Ok(SourceKind::Rtf);
        }
        if image::is_image(bytes) {
            return Ok(SourceKind::Image);
        }
        let by_name = EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|(_, k)| *k);
        // Text named as text stays text: Markdown may hold HTML tables, and
        // the text reader reads them in place.
        if by_name == Some(SourceKind::Text) {
            return Ok(SourceKind::Text);
        }
        let text = String::from_utf8_lossy(head);
        if mht::is_mht(text.trim_start()) {
            return Ok(SourceKind::Mht);
        }
        let lower = text.to_ascii_lowercase();
        if lower.contains("<w:worddocument") {
            return Ok(SourceKind::WordXml);
        }
        if lower.contains("<html") || lower.contains("<table") || lower.contains("<!doctype html") {
            return Ok(SourceKind::Html);
        }
        match (ext.as_str(), by_name) {
            // A .pdf or .docx without its signature: its reader says what is wrong.
            ("pdf" | "docx", Some(k)) | (_, Some(k @ SourceKind::Html)) => Ok(k),
            // Anything else with no binary signature is text.
            _ => Ok(SourceKind::Text),
        }
    }
}

/// The first bytes of an OLE compound file (Word 97–2003, WPS, Excel 97–2003, ET).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    decode::pdf_nesting::find(hay, needle).is_some()
}

/// A zip file: Word, or a kind named for the message.
fn zip_kind(bytes: &[u8]) -> Result<SourceKind, ImportError> {
    if contains(bytes, b"word/document.xml") {
        Ok(SourceKind::Docx)
    } else if contains(bytes, b"xl/workbook.xml")
        || contains(bytes, b"application/vnd.oasis.opendocument.spreadsheet")
    {
        Ok(SourceKind::Spreadsheet)
    } else if contains(bytes, b"application/vnd.oasis.opendocument.text") {
        Ok(SourceKind::Odt)
    } else {
        // Let the Word reader say what is missing.
        Ok(SourceKind::Docx)
    }
}

/// What an OLE compound file holds, by its stream names (UTF-16 in the
/// directory): Word or a workbook (a damaged one is its reader's to
/// report), or something else Office wrote.
fn cfb_kind(bytes: &[u8], ext: &str) -> Result<SourceKind, ImportError> {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    // Named .doc, .wps, .xls or .et without a directory to say more (cut
    // short): that reader says what is wrong with it.
    if contains(bytes, &utf16("WordDocument")) || matches!(ext, "doc" | "wps") {
        Ok(SourceKind::Word97)
    } else if contains(bytes, &utf16("Workbook"))
        || contains(bytes, &utf16("Book"))
        || matches!(ext, "xls" | "et")
    {
        Ok(SourceKind::Spreadsheet)
    } else {
        Err(ImportError::NotYetReadable("Office 97–2003 格式的文件"))
    }
}

/// A report as read, with the pictures it was recognised from when it was
/// published as images: the pages levelled as they were read, which the
/// boxes of [`crate::model::ImportInfo::recognised`] refer to (for the
/// clerk to check each cell against). Not kept in the project file.
pub struct Imported {
    pub report: Report,
    pub pages: Vec<::image::GrayImage>,
}

impl From<Report> for Imported {
    fn from(report: Report) -> Self {
        Imported {
            report,
            pages: Vec::new(),
        }
    }
}

/// Imports a published report from a file.
pub fn import_file(path: &Path) -> Result<Report, FileError> {
    import_file_watched(path, &mut |_| Go::On).map(|i| i.report)
}

/// [`import_file`], telling `progress` how far the recognition of a scan
/// has come (a page takes seconds) and stopping when it answers [`Go::Stop`].
pub fn import_file_watched(
    path: &Path,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, FileError> {
    let bytes = read_limited(path)?;
    let name = path
        .file_name()
        .map(crate::path_name::shown_os)
        .unwrap_or_default();
    import_bytes_watched(&name, path, &bytes, progress)
        .map_err(|e| FileError::new(path, e.to_string()))
}

/// Whether importing the file at `path` means recognising images (a picture,
/// or a PDF with no text layer): seconds a page, so the app runs it apart
/// with its progress shown. Unreadable files answer no (their import says why).
pub fn needs_recognition(path: &Path) -> bool {
    let Ok(bytes) = read_limited(path) else {
        return false;
    };
    match SourceKind::detect(path, &bytes) {
        Ok(SourceKind::Image) => true,
        Ok(SourceKind::Pdf) => matches!(pdf::text(&bytes), Err(PdfError::NoTextLayer)),
        Ok(SourceKind::Html) => {
            // Too deep a page is refused by its import, not parsed here.
            let page = encoding::html(&bytes);
            html::nesting_ok(&page).is_ok() && {
                let (doc, shown) = html::read_with_pictures(&page);
                !pictures::table_pictures(&doc, &shown, path).is_empty()
            }
        }
        _ => false,
    }
}

/// Imports a published report from its bytes; `path` names the kind.
pub fn import_bytes(name: &str, path: &Path, bytes: &[u8]) -> Result<Report, ImportError> {
    import_bytes_watched(name, path, bytes, &mut |_| Go::On).map(|i| i.report)
}

/// [`import_bytes`] with the progress of a recognition ([`import_file_watched`]).
pub fn import_bytes_watched(
    name: &str,
    path: &Path,
    bytes: &[u8],
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > crate::project::MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len() as u64));
    }
    let kind = SourceKind::detect(path, bytes)?;
    let doc = match kind {
        SourceKind::Image => {
            return pictures::scanned(name, vec![image::decode(bytes)?], "image-ocr", progress);
        }
        SourceKind::Pdf => match pdf::text(bytes) {
            Err(PdfError::NoTextLayer) => {
                let pages = pdf::page_images(bytes)?;
                if pages.is_empty() {
                    return Err(PdfError::NoTextLayer.into());
                }
                return pictures::scanned(name, pages, "pdf-ocr", progress);
            }
            text => {
                let text = text?;
                bounds::text_ok(&text)?;
                let mut doc = text::read(&text);
                doc.layout = "pdf";
                doc
            }
        },
        SourceKind::Text => {
            let text = encoding::text(bytes);
            bounds::text_ok(&text)?;
            if text.contains('<') {
                html::nesting_ok(&text)?;
            }
            text::read(&text)
        }
        SourceKind::Html => {
            let text = encoding::html(bytes);
            html::nesting_ok(&text)?;
            let (doc, shown) = html::read_with_pictures(&text);
            let tables = pictures::table_pictures(&doc, &shown, path);
            if !tables.is_empty() {
                return pictures::web_page(name, doc, tables, progress);
            }
            doc
        }
        SourceKind::Docx => word_document(docx::read(bytes)?, "docx-text-boxes")?,
        SourceKind::Odt => word_document(odt::read(bytes)?, "odt-frames")?,
        SourceKind::WordXml => tables_typed_as_text(docx::parse(&encoding::html(bytes))?),
        SourceKind::Word97 => tables_typed_as_text(word97::read(bytes)?),
        SourceKind::Spreadsheet => tables_typed_as_text(spreadsheet::read(bytes)?),
        SourceKind::Rtf => tables_typed_as_text(rtf::read(bytes)),
        SourceKind::Mht => {
            let page = mht::html_part(bytes)
                .ok_or(ImportError::NotYetReadable("没有网页正文的 MHT 文件"))?;
            let text = encoding::html(&page);
            html::nesting_ok(&text)?;
            html::read(&text)
        }
    };
    bounds::doc_ok(&doc)?;
    read::report(name, doc).map(Imported::from)
}

/// A word processor's document: its flow of paragraphs and tables, or
/// (a PDF saved as Word or ODF) its positioned boxes laid out as a PDF's
/// text is.
fn word_document(word: docx::Word, positioned: &'static str) -> Result<doc::Doc, ImportError> {
    Ok(match word {
        docx::Word::Flow(doc) => tables_typed_as_text(doc),
        docx::Word::Positioned(runs) => {
            let text = runs::layout_text(&runs);
            bounds::text_ok(&text)?;
            let mut doc = text::read(&text);
            doc.layout = positioned;
            doc
        }
    })
}

/// A word-processor file without a single table: its tables, if any, were
/// typed or pasted as text (tabs, spaces, one cell per line), so its
/// paragraphs are read as lines of text, by the text layouts' reader, blank
/// ones included. A file with tables keeps its paragraphs, less the empty.
fn tables_typed_as_text(mut doc: doc::Doc) -> doc::Doc {
    if doc
        .lines
        .iter()
        .any(|l| matches!(l.kind, doc::LineKind::Row(_)))
    {
        doc.lines
            .retain(|l| !matches!(&l.kind, doc::LineKind::Para(t) if t.is_empty()));
        return doc;
    }
    let text: Vec<&str> = doc
        .lines
        .iter()
        .filter_map(|l| match &l.kind {
            doc::LineKind::Para(t) => Some(t.as_str()),
            doc::LineKind::Row(_) => None,
        })
        .collect();
    text::read(&text.join("\n"))
}

/// Imports a report from text (any of the text layouts).
pub fn import_text(name: &str, text: &str) -> Result<Report, ImportError> {
    read::report(name, text::read(text))
}
