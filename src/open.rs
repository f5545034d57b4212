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
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    extensions().contains(&ext.as_str())
}

/// Reads a `.ron` project file (or its `.ron.bak` backup, so a clerk can
/// look at the previous copy without renaming it) or imports a published report.
pub fn open_report(path: &Path) -> Result<Report, FileError> {
    let name = path
        .file_name()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".ron.bak") {
        return project::load(path);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "ron" => project::load(path),
        _ => crate::import::import_file(path),
    }
}
