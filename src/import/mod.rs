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

use std::path::{Path, PathBuf};

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
            let (doc, pictures) = html::read_with_pictures(&encoding::html(&bytes));
            !table_pictures(&doc, &pictures, path).is_empty()
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
            return recognised(name, vec![image::decode(bytes)?], "image-ocr", progress);
        }
        SourceKind::Pdf => match pdf::text(bytes) {
            Err(PdfError::NoTextLayer) => {
                let pages = pdf::page_images(bytes)?;
                if pages.is_empty() {
                    return Err(PdfError::NoTextLayer.into());
                }
                return recognised(name, pages, "pdf-ocr", progress);
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
            let (doc, pictures) = html::read_with_pictures(&text);
            let tables = table_pictures(&doc, &pictures, path);
            if !tables.is_empty() {
                return page_with_pictures(name, doc, tables, progress);
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

/// A report published as images: the pages recognised into runs, laid out
/// and read as a PDF's text is, each box's reading followed to its cells.
fn recognised(
    name: &str,
    pages: Vec<::image::GrayImage>,
    layout: &'static str,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, ImportError> {
    let image::Read { runs, boxes, pages } = image::runs(pages, progress)?;
    let (text, line_of) = runs::layout(&runs);
    bounds::text_ok(&text)?;
    let mut doc = text::read(&text);
    doc.layout = layout;
    bounds::doc_ok(&doc)?;
    let pieces = image::pieces(&runs, boxes, &line_of);
    let report = read::report_recognised(name, doc, &pieces)?;
    Ok(Imported { report, pages })
}

/// The pictures beside a saved web page that hold its tables: only for a
/// page with no table of its own (else its pictures are logos and photos),
/// those of its `<img>` that are picture files next to it.
fn table_pictures(
    doc: &doc::Doc,
    pictures: &[html::Picture],
    page: &Path,
) -> Vec<(usize, PathBuf)> {
    if doc
        .lines
        .iter()
        .any(|l| matches!(l.kind, doc::LineKind::Row(_)))
    {
        return Vec::new();
    }
    let dir = page.parent().unwrap_or(Path::new(""));
    pictures
        .iter()
        .filter(|p| !p.src.contains("://") && !p.src.starts_with("data:"))
        .map(|p| {
            (
                p.after_lines,
                dir.join(percent_decoded(p.src.trim_start_matches("./"))),
            )
        })
        .filter(|(_, f)| {
            std::fs::File::open(f).is_ok_and(|mut file| {
                let mut head = [0u8; 16];
                std::io::Read::read(&mut file, &mut head).is_ok_and(|n| image::is_image(&head[..n]))
            })
        })
        .take(image::MAX_IMAGES)
        .collect()
}

/// `%E6%8A%A5` and `%20` in a saved page's links, as the file names are.
fn percent_decoded(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A saved web page whose tables are pictures beside it: the pictures
/// recognised, and the lines read from each put where the page shows it,
/// among the page's own paragraphs (its headings say which part a table
/// is under).
fn page_with_pictures(
    name: &str,
    page: doc::Doc,
    pictures: Vec<(usize, PathBuf)>,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, ImportError> {
    let mut ats = Vec::new();
    let mut images = Vec::new();
    for (at, file) in pictures {
        let bytes = read_limited(&file).map_err(|e| ImageError::Undecodable(e.to_string()))?;
        let image = image::decode(&bytes)?;
        if image.width() >= image::MIN_SIDE && image.height() >= image::MIN_SIDE {
            ats.push(at);
            images.push(image);
        }
    }
    let image::Read { runs, boxes, pages } = image::runs(images, progress)?;
    let (text, line_of) = runs::layout(&runs);
    bounds::text_ok(&text)?;
    let read = text::read(&text);
    // The page's own lines keep their numbers; those read from pictures follow them.
    let offset = page.lines.iter().map(|l| l.no).max().unwrap_or(0);
    let mut picture_of: std::collections::HashMap<usize, usize> = Default::default();
    for (run, &line) in runs.iter().zip(&line_of) {
        picture_of.entry(line).or_insert(run.page);
    }
    let mut from_pictures: Vec<Vec<doc::Line>> = vec![Vec::new(); ats.len()];
    let mut last = 1;
    for line in read.lines {
        let k = picture_of.get(&line.no).copied().unwrap_or(last);
        last = k;
        from_pictures[k - 1].push(shifted(line, offset));
    }
    let mut lines = Vec::new();
    for (i, line) in page.lines.into_iter().enumerate() {
        for (k, at) in ats.iter().enumerate() {
            if *at == i {
                lines.append(&mut from_pictures[k]);
            }
        }
        lines.push(line);
    }
    for lines_left in from_pictures.iter_mut() {
        lines.append(lines_left);
    }
    let doc = doc::Doc {
        lines,
        layout: "html-ocr",
    };
    bounds::doc_ok(&doc)?;
    let mut pieces = image::pieces(&runs, boxes, &line_of);
    for p in &mut pieces {
        p.line += offset;
    }
    let report = read::report_recognised(name, doc, &pieces)?;
    Ok(Imported { report, pages })
}

/// A line (and its cells) numbered `by` further on.
fn shifted(mut line: doc::Line, by: usize) -> doc::Line {
    line.no += by;
    if let doc::LineKind::Row(toks) = &mut line.kind {
        for t in toks {
            t.line += by;
        }
    }
    line
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
