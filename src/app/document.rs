//! The open report with its file, undo history and cached findings.

use std::path::PathBuf;

use crate::model::Report;
use crate::rules::{self, Finding};

/// What an edit touched; consecutive edits of the same field merge into one
/// undo step (typing a number is one step, not one per key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditTag {
    /// Typing into one widget.
    Field(egui::Id),
    /// A one-off command (paste, clear, import): always its own step.
    Command,
}

/// A process-wide counter, so that two documents never share a generation
/// (caches keyed by it stay right when the open document is replaced).
fn next_generation() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Undo history depth.
const MAX_UNDO: usize = 200;

pub struct Document {
    pub report: Report,
    pub path: Option<PathBuf>,
    /// The report as last saved or opened, to tell unsaved changes.
    saved: Report,
    undo: Vec<Report>,
    redo: Vec<Report>,
    last_tag: Option<EditTag>,
    generation: u64,
    findings: Vec<Finding>,
    findings_generation: u64,
    /// Last year's report chosen for comparison (`None`: use the stored baseline).
    pub last_year: Option<Report>,
    /// The pages a scanned report was recognised from, as read (levelled):
    /// the clerk checks each recognised cell against its crop. Not saved.
    pub pages: Vec<image::GrayImage>,
    /// The crop of those pages last shown (a texture, made once per cell).
    pub crop: Option<super::scan_check::Crop>,
}

impl Document {
    pub fn new(report: Report, path: Option<PathBuf>) -> Self {
        Document {
            saved: report.clone(),
            report,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            last_tag: None,
            generation: next_generation(),
            findings: Vec::new(),
            findings_generation: 0,
            last_year: None,
            pages: Vec::new(),
            crop: None,
        }
    }

    /// A document whose content differs from any saved file (e.g. an import or a recovery).
    pub fn unsaved(report: Report, path: Option<PathBuf>) -> Self {
        let mut d = Document::new(report, path);
        d.saved = Report::default();
        d
    }

    pub fn is_dirty(&self) -> bool {
        self.report != self.saved
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.report.clone();
        self.path = Some(path);
        self.last_tag = None;
    }

    /// Applies `f` to the report as one undoable edit.
    pub fn edit(&mut self, tag: EditTag, f: impl FnOnce(&mut Report)) {
        let before = self.report.clone();
        f(&mut self.report);
        // Before the in-force figure follows: a cell the edit changed by
        // itself was not seen by the clerk.
        self.report.confirm_edited(&before);
        crate::rollover::follow_in_force(&before, &mut self.report);
        if self.report == before {
            return;
        }
        let merge = matches!(tag, EditTag::Field(_)) && self.last_tag == Some(tag);
        if !merge {
            self.undo.push(before);
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_tag = Some(tag);
        self.generation = next_generation();
    }

    /// Ends the current typing run, so the next edit of the same field is a new step.
    pub fn break_merge(&mut self) {
        self.last_tag = None;
    }

    /// Takes back the current typing run of `tag` as if it never happened
    /// (Esc in a table cell): the value before it returns and no undo step
    /// is left behind. Does nothing if the last edit was another's.
    pub fn cancel_run(&mut self, tag: EditTag) {
        if self.last_tag != Some(tag) {
            return;
        }
        if let Some(prev) = self.undo.pop() {
            self.report = prev;
            self.generation = next_generation();
        }
        self.last_tag = None;
    }

    /// How many steps Undo can take back.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(prev) => {
                self.redo.push(std::mem::replace(&mut self.report, prev));
                self.last_tag = None;
                self.generation = next_generation();
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(&mut self.report, next));
                self.last_tag = None;
                self.generation = next_generation();
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The findings of the current report, recomputed only after a change.
    pub fn findings(&mut self) -> &[Finding] {
        if self.findings_generation != self.generation {
            let mut f = rules::check(&self.report, self.last_year.as_ref());
            // Errors first, then warnings, then import notes (stable within each).
            f.sort_by_key(|f| f.severity);
            self.findings = f;
            self.findings_generation = self.generation;
        }
        &self.findings
    }

    /// Changes whenever the report (or what it is compared with) changes.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Forces findings to be recomputed (after the comparison report changed).
    pub fn touch(&mut self) {
        self.generation = next_generation();
    }

    /// A file name for the title bar.
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(crate::path_name::shown_os)
            .unwrap_or_else(|| "未保存的报告".to_string())
    }
}
