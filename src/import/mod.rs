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

pub use error::{DocxError, ImportError, PdfError};

use decode::{docx, encoding, html, pdf, text};

mod decode;
pub mod doc;
pub(crate) mod error;
pub mod headings;
pub mod labels;
pub mod limits;
pub mod normalize;
pub mod notes;
mod read;

/// The kinds of file the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Text,
    Html,
    Docx,
    Pdf,
}

/// Every extension the importer reads, with its kind: the one list that
/// the command line's folder walk and the app's file dialogs use too.
pub const EXTENSIONS: [(&str, SourceKind); 10] = [
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
];

impl SourceKind {
    /// By extension, falling back to the content for unknown extensions.
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<SourceKind> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        if let Some(ext) = ext.as_deref() {
            if let Some((_, kind)) = EXTENSIONS.iter().find(|(e, _)| *e == ext) {
                return Some(*kind);
            }
            if matches!(ext, "doc" | "wps" | "xls" | "xlsx") {
                return None;
            }
        }
        if bytes.starts_with(b"PK\x03\x04") {
            Some(SourceKind::Docx)
        } else if bytes.starts_with(b"%PDF-") {
            Some(SourceKind::Pdf)
        } else {
            let head =
                String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
            if head.contains("<html") || head.contains("<table") || head.contains("<!doctype html")
            {
                Some(SourceKind::Html)
            } else {
                Some(SourceKind::Text)
            }
        }
    }
}

/// Imports a published report from a file.
pub fn import_file(path: &Path) -> Result<Report, FileError> {
    let bytes = read_limited(path)?;
    let name = path
        .file_name()
        .map(crate::path_name::shown_os)
        .unwrap_or_default();
    import_bytes(&name, path, &bytes).map_err(|e| FileError::new(path, e.to_string()))
}

/// Imports a published report from its bytes; `path` names the kind.
pub fn import_bytes(name: &str, path: &Path, bytes: &[u8]) -> Result<Report, ImportError> {
    if bytes.len() as u64 > crate::project::MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len() as u64));
    }
    let kind = SourceKind::detect(path, bytes).ok_or(ImportError::UnsupportedKind)?;
    let doc = match kind {
        SourceKind::Text => {
            let text = encoding::text(bytes);
            limits::text_ok(&text)?;
            if text.contains('<') {
                html::nesting_ok(&text)?;
            }
            text::read(&text)
        }
        SourceKind::Html => {
            let text = encoding::html(bytes);
            html::nesting_ok(&text)?;
            html::read(&text)
        }
        SourceKind::Docx => docx::read(bytes)?,
        SourceKind::Pdf => {
            let text = pdf::text(bytes)?;
            limits::text_ok(&text)?;
            let mut doc = text::read(&text);
            doc.layout = "pdf";
            doc
        }
    };
    limits::doc_ok(&doc)?;
    read::report(name, doc)
}

/// Imports a report from text (any of the text layouts).
pub fn import_text(name: &str, text: &str) -> Result<Report, ImportError> {
    read::report(name, text::read(text))
}
