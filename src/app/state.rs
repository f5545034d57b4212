//! Everything the app remembers between frames: the open document, the page
//! shown, what to focus next, the open dialog. Drawing is elsewhere (`frame.rs`
//! and the views); what an action does is in `actions.rs`; file work in
//! `workflows.rs`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use super::document::{Document, EditTag};
use super::files::{Settings, Storage};
use super::i18n::Lang;
use super::modal::Modal;
pub use super::page::{PAGES, Page, page_of};
use crate::model::Report;
use crate::place::Place;
use crate::rules::{RuleId, Severity};
use crate::template::CellKey;

/// A change of the whole window's zoom, applied by the frame (it needs the context).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    In,
    Out,
    Reset,
}

/// What the 汇总 window holds while it is open.
#[derive(Default)]
pub struct MergeState {
    pub files: Vec<PathBuf>,
    pub agency: String,
    pub problems: Vec<String>,
}

/// Per-place decoration from the findings.
pub type CellMarks = HashMap<Place, Mark>;

/// The findings on one cell or field: the worst severity (its fill) and
/// each finding's rule and message (its hover text).
#[derive(Clone, Debug)]
pub struct Mark {
    pub severity: Severity,
    pub findings: Vec<(RuleId, String)>,
}

impl Mark {
    /// One line per finding: `B1：…`.
    pub fn lines(&self) -> Vec<String> {
        let line = |(id, m): &(RuleId, String)| format!("{}：{m}", id.as_str());
        self.findings.iter().map(line).collect()
    }
}

pub struct AppState {
    pub doc: Document,
    pub page: Page,
    /// A cell or paragraph to focus and scroll to (from a finding or a key).
    pub focus: Option<Place>,
    pub modal: Option<Modal>,
    pub status: String,
    /// The status as last shown, with the document generation and page of
    /// then: once the clerk edits or moves on, it is old news and goes.
    status_seen: Option<(String, u64, Page)>,
    pub storage: Storage,
    pub settings: Settings,
    /// Set once the user agreed to close; the next close request goes through.
    pub allow_close: bool,
    pub last_autosave: f64,
    pub was_focused: bool,
    /// Close the window on the next frame (the user chose to quit).
    pub close_now: bool,
    /// The 汇总 window, while open.
    pub merge: Option<MergeState>,
    /// A scan being recognised on its own thread, while it runs.
    pub recognition: Option<super::recognition::Recognition>,
    /// A zoom change for the frame to apply.
    pub zoom: Option<Zoom>,
    /// The selection and edit of the table last worked in.
    pub sheet: Option<super::sheet::Sheet>,
    /// Whether the table had the keyboard in the last frame.
    pub sheet_had_keys: bool,
    /// The generation of the placeholder document shown behind the start
    /// page: while it is open, the start page is shown instead of the editor.
    home: Option<u64>,
    /// Cell marks for the document generation they were built for.
    marks_cache: Option<(u64, Rc<CellMarks>)>,
    pub(super) title_sent: String,
    /// The document generation last handed to the panic guard.
    pub(super) guarded: u64,
    /// Whether the window size has been checked against the screen.
    pub(super) window_checked: bool,
    /// An action waiting for the built-in Save As dialog to save.
    pub(super) after_save: Option<Box<super::action::Action>>,
    /// The file the app was started with, opened once the recovery offer is declined.
    pub(super) open_after_recovery: Option<std::path::PathBuf>,
    /// The clipboard 复制到网站编辑器 wrote to: kept, because on X11 the
    /// copy lives only as long as the program that holds it.
    pub(super) clipboard: Option<arboard::Clipboard>,
}

impl AppState {
    pub fn new(storage: Storage) -> Self {
        let settings = storage.load_settings();
        let doc = placeholder();
        AppState {
            home: Some(doc.generation()),
            doc,
            page: Page::Cover,
            focus: None,
            modal: None,
            status: String::new(),
            status_seen: None,
            storage,
            settings,
            allow_close: false,
            last_autosave: 0.0,
            was_focused: true,
            close_now: false,
            merge: None,
            recognition: None,
            zoom: None,
            sheet: None,
            sheet_had_keys: false,
            marks_cache: None,
            title_sent: String::new(),
            guarded: 0,
            window_checked: false,
            after_save: None,
            open_after_recovery: None,
            clipboard: None,
        }
    }

    /// Clears the status message once the document or the page changed
    /// after it was shown (a message set in the same frame stays).
    pub fn age_status(&mut self) {
        let now = (self.doc.generation(), self.page);
        match &self.status_seen {
            Some((text, g, p)) if *text == self.status => {
                if (*g, *p) != now {
                    self.status.clear();
                    self.status_seen = None;
                }
            }
            _ => self.status_seen = Some((self.status.clone(), now.0, now.1)),
        }
    }

    /// Whether last year's figures are shown beside this year's (a setting).
    pub fn year_over_year(&self) -> bool {
        self.settings.year_over_year
    }

    /// Shows or hides last year's figures beside this year's, and remembers it.
    pub fn set_year_over_year(&mut self, on: bool) {
        if self.settings.year_over_year != on {
            self.settings.year_over_year = on;
            self.storage.save_settings(&self.settings);
        }
    }

    /// The table on the page shown, if it shows one.
    pub fn page_table(&self) -> Option<crate::template::Table> {
        use crate::template::Table;
        match self.page {
            Page::Part(1) => Some(Table::T2),
            Page::Part(2) => Some(Table::T3),
            Page::Part(3) => Some(Table::T4),
            _ => None,
        }
    }

    /// 将空白单元格填为 0 in `table` (all three for `None`), one undo step.
    pub fn fill_blanks(&mut self, table: Option<crate::template::Table>) {
        let mut n = 0;
        if !self.doc.report.blank_inputs_in(table).is_empty() {
            self.doc
                .edit(EditTag::Command, |r| n = r.fill_blanks_with_zero(table));
        }
        let scope = table.map_or("表格", |t| t.name());
        self.status = format!("已将{scope}中 {n} 个空白单元格填为 0（可撤销）");
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Whether the start page is shown (no report is open).
    pub fn on_start_page(&self) -> bool {
        self.home == Some(self.doc.generation())
    }

    /// On start: offer to restore unsaved work first (the file given, if
    /// any, opens once the offer is declined; nothing may push the offer
    /// aside), else open `file` (or the last file, when the clerk asked for that).
    pub fn startup(&mut self, file: Option<std::path::PathBuf>) {
        if let Some(rec) = self.storage.read_recovery() {
            self.modal = Some(Modal::Recovery(Box::new(rec)));
            self.open_after_recovery = file;
            return;
        }
        let file = file.or_else(|| {
            self.settings
                .reopen_last
                .then(|| self.settings.recent.first().cloned())
                .flatten()
                .filter(|p| p.is_file())
        });
        if let Some(f) = file {
            self.open_path(&f);
        }
    }

    /// Shows `doc` in the editor from its cover page.
    pub fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.page = Page::Cover;
        self.focus = None;
        self.status.clear();
    }

    /// Closes the report and shows the start page.
    pub fn close_document(&mut self) {
        self.doc = placeholder();
        self.home = Some(self.doc.generation());
        self.page = Page::Cover;
        self.focus = None;
        self.status.clear();
    }

    /// Takes the pending focus if it is `key` (the cell then focuses itself).
    pub fn take_focus_cell(&mut self, key: CellKey) -> bool {
        if self.focus == Some(Place::Cell(key)) {
            self.focus = None;
            return true;
        }
        false
    }

    /// Takes the pending focus if it is the text field of `place`.
    pub fn take_focus_text(&mut self, place: &Place) -> bool {
        if self.focus.as_ref() == Some(place) {
            self.focus = None;
            return true;
        }
        false
    }

    /// Per-cell findings for highlighting.
    ///
    /// Built only when the findings change, not on every frame.
    pub fn cell_marks(&mut self) -> Rc<CellMarks> {
        let generation = self.doc.generation();
        if let Some((g, marks)) = &self.marks_cache
            && *g == generation
        {
            return marks.clone();
        }
        let mut marks: CellMarks = HashMap::new();
        for f in self.doc.findings() {
            if f.severity == Severity::Note {
                continue;
            }
            for c in &f.cells {
                let e = marks.entry(c.clone()).or_insert(Mark {
                    severity: f.severity,
                    findings: Vec::new(),
                });
                e.severity = e.severity.min(f.severity);
                e.findings.push((f.id, f.message.clone()));
            }
        }
        let marks = Rc::new(marks);
        self.marks_cache = Some((generation, marks.clone()));
        marks
    }
}

/// The empty report behind the start page.
fn placeholder() -> Document {
    use chrono::Datelike;
    Document::new(Report::new("", chrono::Local::now().year() - 1), None)
}
