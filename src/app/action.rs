//! What the clerk can ask for, as data: every view returns these and
//! `actions.rs` carries them out.

use std::path::PathBuf;

use super::files::{Purpose, Recovery};
use super::page::Page;
use crate::export::Format;
use crate::model::Report;

/// Something the clerk asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Ask for agency and year, then start a blank report.
    New,
    /// Start a blank report now (from the start page or the 新建 dialog).
    CreateReport(Box<Report>),
    NewFromLast,
    Open,
    OpenPath(PathBuf),
    /// Close the report and show the start page.
    Close,
    Save,
    SaveAs,
    /// Export, asking first when errors or blanks remain.
    Export(Format),
    /// Export whatever findings remain.
    ExportAnyway(Format),
    /// Zero the blank cells, then export.
    FillBlanksThenExport(Format),
    /// A path was chosen for `Purpose`.
    Picked(Purpose, PathBuf),
    PickLastYear,
    ToggleYearOverYear,
    /// Open the 汇总 window.
    Merge,
    /// Add a report to the 汇总 window.
    AddMergeInput,
    /// Open the summed report (replaces the open document).
    ApplyMerge(Box<Report>),
    Undo,
    Redo,
    /// 将空白单元格填为 0 (one undo step).
    FillBlanks,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// 帮助 › 使用说明: the clerk's guide, inside the app (no browser needed offline).
    ShowGuide,
    /// Open 查找和替换.
    FindReplace,
    /// Replace every `find` in the texts by `with` (one undo step).
    ReplaceAll {
        find: String,
        with: String,
    },
    /// 复制到网站编辑器: the report, or the page's table, as HTML and text.
    CopyForWeb,
    /// 打印: the PDF in the system's viewer or print dialog.
    Print,
    /// Show a page of the report.
    GoTo(Page),
    /// Show the page of a finding's first cell or paragraph and focus it.
    Reveal(crate::place::Place),
    /// The clerk checked a recognised cell against the page (确认此格).
    ConfirmRecognised(crate::template::CellKey),
    /// Save, then carry out the action that waited for the answer.
    SaveThen(Box<Action>),
    /// Drop the unsaved changes, then carry out the action.
    DiscardThen(Box<Action>),
    Restore(Box<Recovery>),
    DiscardRecovery,
    Quit,
}

impl Action {
    /// Actions that replace the open document and so need the unsaved-changes prompt.
    pub fn discards(&self) -> bool {
        matches!(
            self,
            Action::New
                | Action::CreateReport(_)
                | Action::NewFromLast
                | Action::Open
                | Action::OpenPath(_)
                | Action::Close
                | Action::ApplyMerge(_)
                | Action::Quit
        )
    }
}
