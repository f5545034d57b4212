//! Everything the app remembers between frames, and the frame itself:
//! shortcuts, panels, the current page, dialogs, autosave.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers};

use super::dialogs::{self, Modal};
use super::document::Document;
use super::files::{self, Settings, Storage};
use super::i18n::{Lang, t};
use crate::export::Format;
use crate::model::Report;
use crate::rules::Severity;
use crate::template::CellKey;

/// The pages of the editor: the cover (meta, preamble) and the six parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Cover,
    Part(usize),
}

pub const PAGES: [Page; 7] = [
    Page::Cover,
    Page::Part(0),
    Page::Part(1),
    Page::Part(2),
    Page::Part(3),
    Page::Part(4),
    Page::Part(5),
];

/// Which page shows the cell or part a finding names.
pub fn page_of(cell: &str) -> Page {
    if let Some(rest) = cell.strip_prefix("t") {
        match rest.chars().next() {
            Some('2') => return Page::Part(1),
            Some('3') => return Page::Part(2),
            Some('4') => return Page::Part(3),
            _ => {}
        }
    }
    match cell {
        c if c.starts_with("p6.") || c == "part6" || c.starts_with('六') => Page::Part(5),
        c if c == "part5" || c.starts_with('五') => Page::Part(4),
        c if c == "part1" || c.starts_with('一') => Page::Part(0),
        c if c.starts_with('二') => Page::Part(1),
        c if c.starts_with('三') => Page::Part(2),
        c if c.starts_with('四') => Page::Part(3),
        _ => Page::Cover,
    }
}

/// A user command, from the menu or a shortcut.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    New,
    NewFromLast,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    Export(Format),
    PickLastYear,
    /// Open the 汇总 window.
    Merge,
    /// Add a report to the 汇总 window.
    AddMergeInput,
    /// Open the summed report (replaces the open document).
    ApplyMerge,
    Undo,
    Redo,
    /// 将空白单元格填为 0 (one undo step).
    FillBlanks,
    Quit,
}

impl Action {
    /// Actions that replace the open document and so need the unsaved-changes prompt.
    fn discards(&self) -> bool {
        matches!(
            self,
            Action::New
                | Action::NewFromLast
                | Action::Open
                | Action::OpenPath(_)
                | Action::ApplyMerge
                | Action::Quit
        )
    }
}

/// The 汇总 window: the reports to sum and the resulting government's name.
#[derive(Default)]
pub struct MergeState {
    pub files: Vec<PathBuf>,
    pub agency: String,
    pub problems: Vec<String>,
    /// The summed report, waiting to replace the open one.
    pub result: Option<Report>,
}

/// Per-cell decoration from the findings: worst severity and the messages.
pub type CellMarks = HashMap<String, (Severity, Vec<String>)>;

/// Autosave period in seconds.
pub const AUTOSAVE_SECS: f64 = 30.0;

/// The autosave period; `NIANBAO_AUTOSAVE_SECS` overrides it (used by the crash test script).
fn autosave_secs() -> f64 {
    std::env::var("NIANBAO_AUTOSAVE_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|s: &f64| *s > 0.0)
        .unwrap_or(AUTOSAVE_SECS)
}

pub struct AppState {
    pub doc: Document,
    pub page: Page,
    /// A cell to focus and scroll to on the next frame (from a finding).
    pub focus_cell: Option<CellKey>,
    pub modal: Option<Modal>,
    pub status: String,
    pub storage: Storage,
    pub settings: Settings,
    /// Set once the user agreed to close; the next close request goes through.
    pub allow_close: bool,
    pub last_autosave: f64,
    pub was_focused: bool,
    /// Show last year's value and the change beside every cell.
    pub year_over_year: bool,
    /// Close the window on the next frame (the user chose to quit).
    pub close_now: bool,
    /// The 汇总 window, while open.
    pub merge: Option<MergeState>,
    /// Cell marks for the document generation they were built for.
    marks_cache: Option<(u64, std::rc::Rc<CellMarks>)>,
    title_sent: String,
    /// The document generation last handed to the panic guard.
    guarded: u64,
}

impl AppState {
    pub fn new(storage: Storage) -> Self {
        let settings = storage.load_settings();
        AppState {
            doc: Document::new(Report::new("", chrono_year() - 1), None),
            page: Page::Cover,
            focus_cell: None,
            modal: None,
            status: String::new(),
            storage,
            settings,
            allow_close: false,
            last_autosave: 0.0,
            was_focused: true,
            year_over_year: false,
            close_now: false,
            merge: None,
            marks_cache: None,
            title_sent: String::new(),
            guarded: 0,
        }
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// On start: offer to restore unsaved work, then open `file` if given.
    pub fn startup(&mut self, file: Option<PathBuf>) {
        if let Some(rec) = self.storage.read_recovery() {
            self.modal = Some(Modal::Recovery(Box::new(rec)));
        }
        if let Some(f) = file {
            self.open_path(&f);
        }
    }

    // ------------------------------------------------------------ commands

    /// Runs a command, asking first if it would discard unsaved changes.
    pub fn request(&mut self, action: Action) {
        if action.discards() && self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(action));
            return;
        }
        self.perform(action);
    }

    /// Runs a command without asking.
    pub fn perform(&mut self, action: Action) {
        match action {
            Action::New => self.modal = Some(dialogs::new_report_modal(&self.doc.report)),
            Action::NewFromLast => self.pick(files::Purpose::NewFromLast),
            Action::Open => self.pick(files::Purpose::Open),
            Action::OpenPath(p) => self.open_path(&p),
            Action::Save => {
                self.save_current();
            }
            Action::SaveAs => self.pick(files::Purpose::SaveAs),
            Action::Export(f) => {
                // Errors or blanks left: say so before publishing them.
                let errors: Vec<String> = self
                    .doc
                    .findings()
                    .iter()
                    .filter(|f| f.severity == crate::rules::Severity::Error)
                    .map(|f| format!("{} {}", f.id.as_str(), f.message))
                    .collect();
                let blanks = self.doc.report.blank_inputs().len();
                if errors.is_empty() && blanks == 0 {
                    self.export_anyway(f);
                } else {
                    self.modal = Some(Modal::BeforeExport {
                        format: f,
                        errors,
                        blanks,
                    });
                }
            }
            Action::PickLastYear => self.pick(files::Purpose::LastYear),
            Action::Merge => self.merge = Some(MergeState::default()),
            Action::AddMergeInput => self.pick(files::Purpose::MergeInput),
            Action::ApplyMerge => {
                if let Some(report) = self.merge.as_mut().and_then(|m| m.result.take()) {
                    self.doc = Document::unsaved(report, None);
                    self.page = Page::Cover;
                }
            }
            Action::Undo => {
                if self.doc.undo() {
                    self.status = t(self.lang(), "已撤销", "Undone").to_string();
                }
            }
            Action::Redo => {
                if self.doc.redo() {
                    self.status = t(self.lang(), "已重做", "Redone").to_string();
                }
            }
            Action::FillBlanks => {
                let mut n = 0;
                if !self.doc.report.blank_inputs().is_empty() {
                    self.doc.edit(super::document::EditTag::Command, |r| {
                        n = r.fill_blanks_with_zero()
                    });
                }
                self.status = format!("已将 {n} 个空白单元格填为 0（可撤销）");
            }
            Action::Quit => {
                self.allow_close = true;
                self.close_now = true;
                self.storage.clear_recovery();
            }
        }
    }

    /// Shows a native file dialog, or the built-in one when none can be shown.
    fn pick(&mut self, purpose: files::Purpose) {
        let start_dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf));
        match files::native_dialog(
            &purpose,
            start_dir.as_deref(),
            &self.suggested_name(&purpose),
            &self.settings,
        ) {
            files::Picked::Path(p) => self.picked(purpose, p),
            files::Picked::Cancelled => {}
            files::Picked::Unavailable => {
                self.modal = Some(dialogs::path_modal(
                    purpose,
                    start_dir,
                    &self.suggested_name_for_path(),
                ))
            }
        }
    }

    fn suggested_name(&self, purpose: &files::Purpose) -> String {
        let ext = match purpose {
            files::Purpose::Export(f) => f.extension(),
            _ => "ron",
        };
        format!("{}.{ext}", self.suggested_name_for_path())
    }

    fn suggested_name_for_path(&self) -> String {
        let r = &self.doc.report;
        let name = r.title();
        if r.meta.agency.is_empty() {
            "年度报告".to_string()
        } else {
            name
        }
    }

    /// Completes a command once a path was chosen.
    pub fn picked(&mut self, purpose: files::Purpose, path: PathBuf) {
        match purpose {
            files::Purpose::Open => self.open_path(&path),
            files::Purpose::SaveAs => {
                // A project file is RON whatever name was typed ("年报v1.2" → "年报v1.2.ron").
                let path = if is_ron(&path) {
                    path
                } else {
                    let mut p = path.into_os_string();
                    p.push(".ron");
                    PathBuf::from(p)
                };
                self.save_to(&path);
            }
            files::Purpose::Export(_) => self.export_to(&path),
            files::Purpose::NewFromLast => match crate::open::open_report(&path) {
                Ok(last) => {
                    let unread = unread_message(&last);
                    let (next, summary) = crate::rollover::rollover(&last);
                    self.doc = Document::unsaved(next, None);
                    self.page = Page::Cover;
                    self.modal = Some(Modal::Message(
                        format!(
                            "已根据上年报告“{}”新建 {} 年报告：\n\n{}",
                            crate::path_name::shown(&path),
                            self.doc
                                .report
                                .meta
                                .year
                                .map(|y| y.to_string())
                                .unwrap_or_default(),
                            summary.lines.join("\n")
                        ) + &unread
                            .map(|m| format!("\n\n上年报告{m}"))
                            .unwrap_or_default(),
                    ));
                }
                Err(e) => self.modal = Some(Modal::Message(format!("无法读取上年报告：{e}"))),
            },
            files::Purpose::MergeInput => {
                if let Some(m) = &mut self.merge
                    && !m.files.contains(&path)
                {
                    m.files.push(path);
                }
            }
            files::Purpose::LastYear => match crate::open::open_report(&path) {
                Ok(last) => {
                    self.doc.last_year = Some(last);
                    self.doc.touch();
                    self.year_over_year = true;
                    self.status =
                        format!("已载入上年报告用于对比：{}", crate::path_name::shown(&path));
                }
                Err(e) => self.modal = Some(Modal::Message(format!("无法读取上年报告：{e}"))),
            },
        }
    }

    /// Opens a project file or imports a published report.
    pub fn open_path(&mut self, path: &Path) {
        match crate::open::open_report(path) {
            Ok(report) => {
                let is_project = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
                let imported = report.import.is_some();
                self.doc = if is_project {
                    Document::new(report, Some(path.to_path_buf()))
                } else {
                    Document::unsaved(report, None)
                };
                self.page = Page::Cover;
                self.settings.add_recent(path);
                self.storage.save_settings(&self.settings);
                self.status = if imported {
                    format!(
                        "已导入 {}（另存为 .ron 即成为项目文件）",
                        crate::path_name::shown(path)
                    )
                } else {
                    format!("已打开 {}", crate::path_name::shown(path))
                };
                if let Some(msg) = unread_message(&self.doc.report) {
                    self.modal = Some(Modal::Message(msg));
                }
            }
            Err(e) => self.modal = Some(Modal::Message(format!("无法打开文件：{e}"))),
        }
    }

    /// Saves to the current project file, or asks for one; returns whether it was saved now.
    pub fn save_current(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(p) if is_ron(&p) => self.save_to(&p),
            _ => {
                self.perform(Action::SaveAs);
                false
            }
        }
    }

    /// Saves the project file; returns whether it worked.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match crate::project::save(&self.doc.report, path) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.storage.clear_recovery();
                self.settings.add_recent(path);
                self.storage.save_settings(&self.settings);
                self.status = format!("已保存 {}", crate::path_name::shown(path));
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message(format!(
                    "{e}\n\n您的修改仍在窗口中，没有丢失。请换一个位置保存。"
                )));
                false
            }
        }
    }

    /// Asks where to export, whatever findings remain.
    pub fn export_anyway(&mut self, f: Format) {
        self.pick(files::Purpose::Export(f));
    }

    pub fn export_to(&mut self, path: &Path) {
        match crate::export::write(&self.doc.report, path) {
            Ok(()) => self.status = format!("已导出 {}", crate::path_name::shown(path)),
            Err(e) => self.modal = Some(Modal::Message(format!("导出失败：{e}"))),
        }
    }

    /// Writes the recovery file when there are unsaved changes.
    pub fn autosave(&mut self) {
        if self.doc.is_dirty()
            && let Err(e) = self.storage.write_recovery(&self.doc)
        {
            self.status = format!("自动保存失败：{e}");
        }
    }

    /// Per-cell findings for highlighting.
    ///
    /// Built only when the findings change, not on every frame.
    pub fn cell_marks(&mut self) -> std::rc::Rc<CellMarks> {
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
                let e = marks.entry(c.clone()).or_insert((f.severity, Vec::new()));
                e.0 = e.0.min(f.severity);
                e.1.push(format!("{}：{}", f.id.as_str(), f.message));
            }
        }
        let marks = std::rc::Rc::new(marks);
        self.marks_cache = Some((generation, marks.clone()));
        marks
    }

    // ------------------------------------------------------------ frame

    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.merge_window(ui);
        self.shortcuts(ui);
        self.close_request(ui);
        self.autosave_tick(ui);
        self.update_title(ui);

        egui::Panel::top("menu").show(ui, |ui| super::nav::menu_bar(ui, self));
        egui::Panel::bottom("status").show(ui, |ui| super::nav::status_bar(ui, self));
        egui::Panel::bottom("findings")
            .resizable(true)
            .default_size(140.0)
            .show(ui, |ui| super::findings_panel::show(ui, self));
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(200.0)
            .show(ui, |ui| super::nav::navigation(ui, self));
        egui::CentralPanel::default().show(ui, |ui| super::pages::show(ui, self));

        dialogs::show(ui.ctx(), self);
        if self.doc.generation() != self.guarded {
            // After every change: what a panic would otherwise take with it.
            super::panic_guard::remember(&self.storage, &self.doc);
            self.guarded = self.doc.generation();
        }
        super::startup_timing::first_frame_done();
    }

    fn shortcuts(&mut self, ui: &mut egui::Ui) {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let shift_cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        // Consumed before any widget runs, so a focused text field does not undo on its own.
        let (undo, redo, save, save_as, open, new) = ui.input_mut(|i| {
            (
                i.consume_shortcut(&cmd(Key::Z)),
                i.consume_shortcut(&cmd(Key::Y)) || i.consume_shortcut(&shift_cmd(Key::Z)),
                i.consume_shortcut(&cmd(Key::S)),
                i.consume_shortcut(&shift_cmd(Key::S)),
                i.consume_shortcut(&cmd(Key::O)),
                i.consume_shortcut(&cmd(Key::N)),
            )
        });
        if self.modal.is_some() {
            return;
        }
        if undo || redo {
            // Drop the focused cell's typing buffer so it shows the restored value.
            if let Some(id) = ui.memory(|m| m.focused()) {
                ui.memory_mut(|m| m.surrender_focus(id));
            }
            self.perform(if undo { Action::Undo } else { Action::Redo });
        }
        if save_as {
            self.perform(Action::SaveAs);
        } else if save {
            self.perform(Action::Save);
        }
        if open {
            self.request(Action::Open);
        }
        if new {
            self.request(Action::New);
        }
    }

    fn close_request(&mut self, ui: &mut egui::Ui) {
        if self.close_now {
            self.close_now = false;
            self.allow_close = true;
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if ui.input(|i| i.viewport().close_requested()) {
            if self.doc.is_dirty() && !self.allow_close {
                ui.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Action::Quit));
            } else if !self.doc.is_dirty() {
                self.storage.clear_recovery();
            }
        }
    }

    fn autosave_tick(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let focused = ui.input(|i| i.viewport().focused.unwrap_or(true));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if lost_focus || now - self.last_autosave >= autosave_secs() {
            self.last_autosave = now;
            self.autosave();
        }
        if self.doc.is_dirty() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(autosave_secs()));
        }
    }

    fn update_title(&mut self, ui: &mut egui::Ui) {
        let r = &self.doc.report;
        let year = r.meta.year.map(|y| format!(" {y}年")).unwrap_or_default();
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        let agency = if r.meta.agency.is_empty() {
            "（未填写机关）"
        } else {
            &r.meta.agency
        };
        let title = format!(
            "{dirty}{} — {agency}{year} — nianbao 年报",
            self.doc.display_name()
        );
        if title != self.title_sent {
            ui.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}

impl AppState {
    /// The 汇总 window: sums several reports into a new 本级政府汇总 report.
    fn merge_window(&mut self, ui: &mut egui::Ui) {
        let Some(mut m) = self.merge.take() else {
            return;
        };
        let mut open = true;
        let mut action = None;
        egui::Window::new("汇总多份报告（本级政府汇总）").open(&mut open).default_width(520.0).show(ui.ctx(), |ui| {
            ui.label("各份报告的表二、表三、表四及收费数字将逐格相加；每份报告先单独检查，错误会列在下方。");
            let mut remove = None;
            for (i, f) in m.files.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(crate::path_name::shown(f));
                    if ui.small_button("移除").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                m.files.remove(i);
            }
            if ui.button("添加报告…").clicked() {
                action = Some(Action::AddMergeInput);
            }
            ui.horizontal(|ui| {
                let l = ui.label("汇总单位");
                ui.add(egui::TextEdit::singleline(&mut m.agency).hint_text("如：平安县人民政府")).labelled_by(l.id);
            });
            for p in &m.problems {
                ui.colored_label(egui::Color32::from_rgb(170, 30, 30), p);
            }
            if ui.add_enabled(m.files.len() >= 2, egui::Button::new("汇总")).clicked() {
                match merge_files(&m.files, &m.agency) {
                    Ok((report, problems)) => {
                        self.status = format!("已汇总 {} 份报告（输入中有 {} 个错误）", m.files.len(), problems.len());
                        m.problems = problems;
                        m.result = Some(report);
                        action = Some(Action::ApplyMerge);
                    }
                    Err(e) => m.problems = vec![e],
                }
            }
        });
        if open {
            self.merge = Some(m);
        }
        if let Some(a) = action {
            self.perform(a);
        }
    }
}

/// Reads, checks and sums `files`; returns the sum and the inputs' errors.
fn merge_files(files: &[PathBuf], agency: &str) -> Result<(Report, Vec<String>), String> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let r = crate::open::open_report(f).map_err(|e| e.to_string())?;
        for finding in crate::rules::check(&r, None)
            .iter()
            .filter(|x| x.severity == Severity::Error)
        {
            problems.push(format!(
                "{}：{} {}",
                f.display(),
                finding.id.as_str(),
                finding.message
            ));
        }
        inputs.push((crate::path_name::shown(f), r));
    }
    Ok((crate::merge::merge(agency, &inputs)?, problems))
}

/// Whether `p` names a project file (`.ron`, any case).
fn is_ron(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

fn chrono_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

/// What to tell the clerk, prominently, after importing a report in which
/// some cells could not be read (they are outlined in red in the tables).
fn unread_message(report: &Report) -> Option<String> {
    let info = report.import.as_ref()?;
    let count = info.unread_cells().len();
    let lines: Vec<String> = info
        .notes
        .iter()
        .filter(|n| n.kind == crate::model::NoteKind::Unread)
        .map(|n| format!("• {}", n.message))
        .collect();
    (!lines.is_empty()).then(|| {
        format!(
            "导入时有 {count} 个单元格未能读取。它们保持为空，已在表格中用红色标出，请对照原报告填写：\n\n{}",
            lines.join("\n")
        )
    })
}
