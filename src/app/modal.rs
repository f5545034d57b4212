//! The open dialog, as data: which one, and what it holds between frames.
//! The state keeps it; `dialogs.rs` and the dialogs' own files draw it.

use std::path::PathBuf;

use super::action::Action;
use super::files::{Purpose, Recovery};
use crate::model::{Report, Scope};

pub enum Modal {
    /// The document has unsaved changes; the action waits for an answer.
    Unsaved(Action),
    NewReport {
        agency: String,
        year: String,
        scope: Scope,
        error: Option<String>,
    },
    Path(PathDialog),
    /// An export was asked for while errors or blank cells remain.
    BeforeExport {
        format: crate::export::Format,
        errors: Vec<String>,
        reminders: Vec<String>,
        blanks: usize,
    },
    Message(String),
    /// 帮助 › 使用说明.
    Guide,
    /// 编辑 › 查找和替换.
    FindReplace(FindReplace),
    Recovery(Box<Recovery>),
}

/// The built-in path dialog: a folder listing and a file name.
pub struct PathDialog {
    pub purpose: Purpose,
    pub dir: PathBuf,
    pub name: String,
    pub error: Option<String>,
    /// A file that exists and was chosen once: the second 保存 overwrites it.
    pub overwrite: Option<PathBuf>,
}

/// What the dialog holds between frames.
#[derive(Clone, Debug, Default)]
pub struct FindReplace {
    pub find: String,
    pub with: String,
}

pub fn new_report_modal(current: &Report) -> Modal {
    use chrono::Datelike;
    let year = chrono::Local::now().year() - 1;
    Modal::NewReport {
        agency: current.meta.agency.clone(),
        year: year.to_string(),
        scope: Scope::Agency,
        error: None,
    }
}

pub fn path_modal(purpose: Purpose, dir: Option<PathBuf>, base_name: &str) -> Modal {
    let dir = dir
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let name = match &purpose {
        Purpose::SaveAs => format!("{base_name}.{}", crate::open::FileKind::Project.extension()),
        Purpose::Export(f) => format!("{base_name}.{}", f.extension()),
        _ => String::new(),
    };
    Modal::Path(PathDialog {
        purpose,
        dir,
        name,
        error: None,
        overwrite: None,
    })
}
