//! Opening any file the user points at: a project file, or a published
//! report through the importer.

use std::path::Path;

use crate::model::Report;
use crate::project::{self, FileError};

/// Every extension nianbao opens: its project file, then what the importer reads.
pub fn extensions() -> Vec<&'static str> {
    std::iter::once("ron")
        .chain(crate::import::EXTENSIONS.iter().map(|(e, _)| *e))
        .collect()
}

/// Whether a folder walk should read this file.
pub fn is_report_file(path: &Path) -> bool {
    extensions().contains(&lower(path.extension()).as_str())
}

/// A file name or extension in lower case (`.PDF` is a PDF); empty if absent.
fn lower(part: Option<&std::ffi::OsStr>) -> String {
    part.and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads a `.ron` project file (or its `.ron.bak` backup, so a clerk can
/// look at the previous copy without renaming it) or imports a published report.
pub fn open_report(path: &Path) -> Result<Report, FileError> {
    if lower(path.file_name()).ends_with(".ron.bak") {
        return project::load(path);
    }
    match lower(path.extension()).as_str() {
        "ron" => project::load(path),
        _ => crate::import::import_file(path),
    }
}
