//! Opening any file the user points at: a project file, or a published
//! report through the importer. [`FileKind`] is the one answer to "what kind
//! of file is this" for the command line's folder walk, the app's dialogs and
//! its save and open workflows.

use std::path::Path;

use crate::import::{Go, Imported, Progress, SourceKind};
use crate::model::Report;
use crate::project::{self, FileError};

/// What nianbao makes of a file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A `.ron` project file.
    Project,
    /// A published report the importer reads.
    Published(SourceKind),
}

impl FileKind {
    /// The kind of `path` by its extension (any case), or `None` if nianbao does not read it.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = lower(path.extension());
        if ext == FileKind::Project.extension() {
            return Some(FileKind::Project);
        }
        crate::import::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, k)| FileKind::Published(*k))
    }

    /// The extension a file of this kind is written with.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Project => "ron",
            FileKind::Published(k) => crate::import::EXTENSIONS
                .iter()
                .find(|(_, kind)| *kind == k)
                .map(|(e, _)| *e)
                .unwrap_or("txt"),
        }
    }
}

/// Every extension nianbao opens: its project file, then what the importer reads.
pub fn extensions() -> Vec<&'static str> {
    std::iter::once(FileKind::Project.extension())
        .chain(crate::import::EXTENSIONS.iter().map(|(e, _)| *e))
        .collect()
}

/// Whether a folder walk should read this file.
pub fn is_report_file(path: &Path) -> bool {
    FileKind::of(path).is_some()
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
    open_report_watched(path, &mut |_| Go::On).map(|i| i.report)
}

/// [`open_report`], telling `progress` how a scan's recognition goes (and
/// stopping it when that answers [`Go::Stop`]).
pub fn open_report_watched(
    path: &Path,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, FileError> {
    if lower(path.file_name()).ends_with(".ron.bak") {
        return project::load(path).map(Imported::from);
    }
    match FileKind::of(path) {
        Some(FileKind::Project) => project::load(path).map(Imported::from),
        // Unknown extensions still go to the importer: it detects by content.
        _ => crate::import::import_file_watched(path, progress),
    }
}
