//! Importing published reports: text (several layouts), HTML and Word.
//!
//! Every reader turns its file into the same sequence of [`Line`]s —
//! paragraphs and table rows made of cell tokens, each with its source line
//! number — and [`structure`] and [`tables`] read the report out of that
//! sequence using the template's own labels. The importer never guesses
//! silently: whatever it could not place, had to infer or left out becomes an
//! [`ImportNote`] with its line number.

use std::path::Path;

use crate::model::{ImportInfo, ImportNote, NoteKind, Report};
use crate::project::{FileError, read_limited};

pub use error::{DocxError, ImportError, PdfError};

mod decode;
mod docx;
mod error;
mod html;
pub mod labels;
mod meta;
pub mod normalize;
mod pdf;
mod pdf_nesting;
mod structure;
mod tables;
mod text;

/// One cell of a table row as it appeared in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub text: String,
    /// 1-based source line.
    pub line: usize,
    pub kind: TokKind,
}

impl Tok {
    pub fn new(text: impl Into<String>, line: usize) -> Self {
        Tok {
            text: text.into(),
            line,
            kind: TokKind::Cell,
        }
    }
    pub fn with_kind(text: impl Into<String>, line: usize, kind: TokKind) -> Self {
        Tok {
            text: text.into(),
            line,
            kind,
        }
    }
}

/// What a token is, beyond its text: the source format knows things about a
/// cell that its text does not show, and the table reader needs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TokKind {
    /// A cell or a piece of text as printed.
    #[default]
    Cell,
    /// A place covered by a merged cell (colspan, rowspan, `w:vMerge`): it
    /// carries no data of its own, unlike a cell printed empty.
    Span,
    /// Digits of several cells printed with no separator (crawler text): the
    /// table's arithmetic decides where the cells end.
    Run,
    /// One of a run of values printed one per line (plain `pdftotext`): such
    /// runs may be columns of the table rather than rows.
    Stacked,
}

/// What one source line (or paragraph, or table row) is.
#[derive(Clone, Debug, PartialEq)]
pub enum LineKind {
    Para(String),
    Row(Vec<Tok>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub no: usize,
    pub kind: LineKind,
}

/// A file turned into lines, with the name of the layout recognised.
#[derive(Debug)]
pub struct Doc {
    pub lines: Vec<Line>,
    pub layout: &'static str,
}

/// Collects import notes.
#[derive(Default, Debug)]
pub struct Notes(pub Vec<ImportNote>);

impl Notes {
    pub fn add(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.add_cells(line, message, Vec::new());
    }
    pub fn add_cells(
        &mut self,
        line: Option<usize>,
        message: impl Into<String>,
        cells: Vec<String>,
    ) {
        self.0.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Note,
        });
    }
    /// Cells whose values were placed by position, not by a label.
    pub fn placed(&mut self, line: Option<usize>, message: impl Into<String>, cells: Vec<String>) {
        self.0.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Placed,
        });
    }
    /// Cells that could not be read: an error finding, never a guess.
    pub fn unread(&mut self, line: Option<usize>, message: impl Into<String>, cells: Vec<String>) {
        self.0.push(ImportNote {
            line,
            message: message.into(),
            cells,
            kind: NoteKind::Unread,
        });
    }
}

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

/// Lines a source may have (a real report has well under a thousand).
pub const MAX_LINES: usize = 20_000;

/// Bytes a line may have. Crawler text runs a whole table onto one line
/// (the longest real one seen is under 8 KB); a line of megabytes is no
/// report, and the readers' work grows faster than its length. For HTML
/// and Word, a paragraph or table row counts as a line.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// A report has a few hundred lines; a source of many thousands is no
/// report, and reading it would cost time and memory out of all proportion.
/// (Counted in the text, never in a PDF's or Word file's bytes.)
fn line_count_ok(lines: usize) -> Result<(), ImportError> {
    if lines > MAX_LINES {
        return Err(ImportError::TooManyLines { lines });
    }
    Ok(())
}

/// Refuses a source with a line over [`MAX_LINE_BYTES`]; `lines` gives each
/// line's index (from 0) and length in bytes.
fn line_lengths_ok(lines: impl Iterator<Item = (usize, usize)>) -> Result<(), ImportError> {
    match lines.max_by_key(|&(_, len)| len) {
        Some((i, bytes)) if bytes > MAX_LINE_BYTES => {
            Err(ImportError::LineTooLong { line: i + 1, bytes })
        }
        _ => Ok(()),
    }
}

/// Both bounds on text about to be read by the text reader.
fn text_bounds_ok(text: &str) -> Result<(), ImportError> {
    line_count_ok(text.lines().count())?;
    line_lengths_ok(text.lines().map(str::len).enumerate())
}

/// Imports a published report from its bytes; `path` names the kind.
pub fn import_bytes(name: &str, path: &Path, bytes: &[u8]) -> Result<Report, ImportError> {
    if bytes.len() as u64 > crate::project::MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len() as u64));
    }
    let kind = SourceKind::detect(path, bytes).ok_or(ImportError::UnsupportedKind)?;
    let doc = match kind {
        SourceKind::Text => {
            let text = decode::text(bytes);
            text_bounds_ok(&text)?;
            if text.contains('<') {
                html::nesting_ok(&text)?;
            }
            text::read(&text)
        }
        SourceKind::Html => {
            let text = decode::html(bytes);
            html::nesting_ok(&text)?;
            html::read(&text)
        }
        SourceKind::Docx => docx::read(bytes)?,
        SourceKind::Pdf => {
            let text = pdf::text(bytes)?;
            text_bounds_ok(&text)?;
            let mut doc = text::read(&text);
            doc.layout = "pdf";
            doc
        }
    };
    // What a page or a Word file holds in paragraphs and table rows.
    line_count_ok(doc.lines.len())?;
    line_lengths_ok(doc.lines.iter().map(|l| {
        let len = match &l.kind {
            LineKind::Para(t) => t.len(),
            LineKind::Row(toks) => toks.iter().map(|t| t.text.len()).sum(),
        };
        (l.no.saturating_sub(1), len)
    }))?;
    // A report's tables hold a few hundred cells; tens of thousands are no
    // report's (and would cost seconds). In the stream layout one row holds
    // a whole table, so the cap is on all rows together.
    let cells: usize = doc
        .lines
        .iter()
        .map(|l| match &l.kind {
            LineKind::Row(toks) => toks.len(),
            LineKind::Para(_) => 0,
        })
        .sum();
    if cells > MAX_CELLS {
        return Err(ImportError::TooManyCells { cells });
    }
    import_doc(name, doc)
}

/// Cells a table row may have in the HTML and Word readers.
pub const MAX_ROW_CELLS: usize = 256;

/// Cells all tables of a source may have together (a report has under a
/// thousand, counting labels).
pub const MAX_CELLS: usize = 20_000;

/// Imports a report from text (any of the text layouts).
pub fn import_text(name: &str, text: &str) -> Result<Report, ImportError> {
    import_doc(name, text::read(text))
}

fn import_doc(name: &str, doc: Doc) -> Result<Report, ImportError> {
    let mut notes = Notes::default();
    let mut report = Report::default();
    let parts = structure::read(&doc, &mut report, &mut notes)?;
    tables::read(&parts, &mut report, &mut notes);
    meta::settle_format(&mut report, &mut notes);
    report.import = Some(ImportInfo {
        source: name.to_string(),
        layout: doc.layout.to_string(),
        fee_unit_yuan: notes
            .0
            .iter()
            .any(|n| n.message.contains(tables::YUAN_NOTE)),
        notes: notes.0,
    });
    Ok(report)
}
