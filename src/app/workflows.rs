//! File work: choosing a path, opening and importing, starting from last
//! year's report, saving, exporting and the recovery copy. Every failure ends
//! in a message that names the file; the report in the window is never lost.

use std::path::{Path, PathBuf};

use super::document::Document;
use super::files::{self, Purpose};
use super::modal::{self, Modal};
use super::recognition::{Recognition, Then};
use super::state::AppState;
use crate::import::Imported;
use crate::model::{NoteKind, Report};
use crate::open::FileKind;
use crate::project::FileError;

impl AppState {
    /// Shows a native file dialog, or the built-in one when none can be shown.
    pub fn pick(&mut self, purpose: Purpose) {
        // Only the save asked for by the unsaved-changes prompt carries an action on.
        self.after_save = None;
        let start_dir = self
            .doc
            .path
            .as_ref()
            .or(self.settings.recent.first())
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|d| !d.as_os_str().is_empty())
            // A recovered document has no folder; a program started from
            // the desktop has `/` as its working folder.
            .or_else(files::documents_dir);
        let base = self.suggested_base_name();
        let file_name = match &purpose {
            Purpose::Export(f) => format!("{base}.{}", f.extension()),
            _ => format!("{base}.{}", FileKind::Project.extension()),
        };
        match files::native_dialog(&purpose, start_dir.as_deref(), &file_name, &self.settings) {
            files::Picked::Path(p) => self.picked(purpose, p),
            files::Picked::Cancelled => {}
            files::Picked::Unavailable => {
                self.modal = Some(modal::path_modal(purpose, start_dir, &base))
            }
        }
    }

    /// The report's title as a file name, or 年度报告 while no agency is filled in.
    fn suggested_base_name(&self) -> String {
        let r = &self.doc.report;
        if r.meta.agency.is_empty() {
            "年度报告".to_string()
        } else {
            r.title()
        }
    }

    /// Completes a command once a path was chosen.
    pub fn picked(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs => {
                // A project file is RON whatever name was typed ("年报v1.2" → "年报v1.2.ron").
                let path = if FileKind::of(&path) == Some(FileKind::Project) {
                    path
                } else {
                    let mut p = path.into_os_string();
                    p.push(".");
                    p.push(FileKind::Project.extension());
                    PathBuf::from(p)
                };
                if self.save_to(&path)
                    && let Some(next) = self.after_save.take()
                {
                    self.perform(*next);
                }
            }
            Purpose::Export(_) => self.export_to(&path),
            Purpose::NewFromLast => self.new_from_last(&path),
            Purpose::MergeInput => {
                if let Some(m) = &mut self.merge
                    && !m.files.contains(&path)
                {
                    m.files.push(path);
                }
            }
            Purpose::LastYear => {
                if !self.recognise_apart(&path, Then::LastYear) {
                    let read = crate::open::open_report(&path);
                    self.last_year_read(&path, read);
                }
            }
        }
    }

    /// A file whose import means recognising images goes to a thread of its
    /// own, its progress shown ([`Recognition`]); whether it went.
    fn recognise_apart(&mut self, path: &Path, then: Then) -> bool {
        if !crate::import::needs_recognition(path) {
            return false;
        }
        self.recognition = Some(Recognition::start(path, then));
        true
    }

    /// A recognition has finished: its result goes where the file was opened for.
    pub fn recognised(&mut self, path: &Path, then: Then, read: Result<Imported, FileError>) {
        let (read, pages) = match read {
            Ok(i) => (Ok(i.report), i.pages),
            Err(e) => (Err(e), Vec::new()),
        };
        match then {
            Then::Open => {
                self.opened(path, read);
                // The report opened is this file's: its cells are checked
                // against these pictures.
                if !pages.is_empty() {
                    self.doc.pages = pages;
                }
            }
            Then::NewFromLast => self.new_from_last_read(path, read),
            Then::LastYear => self.last_year_read(path, read),
        }
    }

    fn last_year_read(&mut self, path: &Path, read: Result<Report, FileError>) {
        match read {
            Ok(last) => {
                self.doc.last_year = Some(last);
                self.doc.touch();
                self.set_year_over_year(true);
                self.status = format!("已载入上年报告用于对比：{}", crate::path_name::shown(path));
            }
            Err(e) => self.modal = Some(Modal::Message(format!("无法读取上年报告：{e}"))),
        }
    }

    /// Starts this year's report from last year's file (a project file or a published report).
    pub fn new_from_last(&mut self, path: &Path) {
        if !self.recognise_apart(path, Then::NewFromLast) {
            let read = crate::open::open_report(path);
            self.new_from_last_read(path, read);
        }
    }

    fn new_from_last_read(&mut self, path: &Path, read: Result<Report, FileError>) {
        match read {
            Ok(last) => {
                let unread = unread_message(&last);
                let (next, summary) = crate::rollover::rollover(&last);
                let year = next.meta.year.map(|y| y.to_string()).unwrap_or_default();
                self.replace_document(Document::unsaved(next, None));
                // Last year's figures are kept: show them beside this year's.
                self.set_year_over_year(true);
                self.modal = Some(Modal::Message(
                    format!(
                        "已根据上年报告“{}”新建 {year} 年报告：\n\n{}",
                        crate::path_name::shown(path),
                        summary.lines.join("\n")
                    ) + &unread
                        .map(|m| format!("\n\n上年报告{m}"))
                        .unwrap_or_default(),
                ));
            }
            Err(e) => self.modal = Some(Modal::Message(format!("无法读取上年报告：{e}"))),
        }
    }

    /// Opens a project file or imports a published report.
    pub fn open_path(&mut self, path: &Path) {
        if !self.recognise_apart(path, Then::Open) {
            let read = crate::open::open_report(path);
            self.opened(path, read);
        }
    }

    fn opened(&mut self, path: &Path, read: Result<Report, FileError>) {
        match read {
            Ok(report) => {
                let imported = report.import.is_some();
                self.settings.add_recent(path, &report);
                self.storage.save_settings(&self.settings);
                let doc = if FileKind::of(path) == Some(FileKind::Project) {
                    Document::new(report, Some(path.to_path_buf()))
                } else {
                    Document::unsaved(report, None)
                };
                self.replace_document(doc);
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

    /// Saves to the current project file, or asks for one; returns whether it
    /// was saved now (a native Save As dialog saves before it returns).
    pub fn save_current(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(p) if FileKind::of(&p) == Some(FileKind::Project) => self.save_to(&p),
            _ => {
                self.pick(Purpose::SaveAs);
                self.doc.path.is_some() && !self.doc.is_dirty()
            }
        }
    }

    /// Saves the project file; returns whether it worked.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match crate::project::save(&self.doc.report, path) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.storage.clear_recovery();
                self.settings.add_recent(path, &self.doc.report);
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

    pub fn export_to(&mut self, path: &Path) {
        match crate::export::write(&self.doc.report, path) {
            Ok(note) => {
                self.status = format!("已导出 {}", crate::path_name::shown(path));
                if let Some(note) = note {
                    self.status = format!("{}。{note}", self.status);
                }
            }
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
}

/// What to tell the clerk, prominently, after importing a report in which
/// some cells could not be read (they are outlined in red in the tables).
fn unread_message(report: &Report) -> Option<String> {
    let info = report.import.as_ref()?;
    let count = info.unread_cells().len();
    let lines: Vec<String> = info
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Unread)
        .map(|n| format!("• {}", n.message))
        .collect();
    (!lines.is_empty()).then(|| {
        format!(
            "导入时有 {count} 个单元格未能读取。它们保持为空，已在表格中用红色标出，请对照原报告填写：\n\n{}",
            lines.join("\n")
        )
    })
}
