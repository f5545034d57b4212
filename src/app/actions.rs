//! What a click or a key press does: every view returns [`Action`]s and
//! [`AppState::perform`] is the one `match` that carries them out. The
//! commands of the menus, with their labels and shortcuts, are data
//! (`commands.rs`): the menu bar draws them and the frame listens for their
//! shortcuts from the same table.

pub use super::action::Action;
pub use super::commands::{COMMANDS, Command, command};
use super::document::Document;
use super::files::Purpose;
use super::i18n::t;
use super::modal::Modal;
use super::state::{AppState, Zoom};
use crate::export::Format;
use crate::rules::Severity;

impl AppState {
    /// Whether `action` can run now: the menu greys out what cannot, and its
    /// shortcut does nothing then (no saving the start page's empty report).
    pub fn can(&self, action: &Action) -> bool {
        let editing = !self.on_start_page();
        match action {
            Action::Save
            | Action::SaveAs
            | Action::Close
            | Action::Export(_)
            | Action::CopyForWeb
            | Action::Print
            | Action::FindReplace
            | Action::PickLastYear
            | Action::ToggleYearOverYear => editing,
            Action::FillBlanks => {
                editing
                    && !self
                        .doc
                        .report
                        .blank_inputs_in(self.page_table())
                        .is_empty()
            }
            Action::Undo => self.doc.can_undo(),
            Action::Redo => self.doc.can_redo(),
            _ => true,
        }
    }

    /// Runs an action, asking first if it would discard unsaved changes.
    pub fn request(&mut self, action: Action) {
        if !self.can(&action) {
            return;
        }
        if action.discards() && self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(action));
            return;
        }
        self.perform(action);
    }

    /// Runs an action without asking.
    pub fn perform(&mut self, action: Action) {
        match action {
            Action::New => self.modal = Some(super::modal::new_report_modal(&self.doc.report)),
            Action::CreateReport(r) => self.replace_document(Document::unsaved(*r, None)),
            Action::NewFromLast => self.pick(Purpose::NewFromLast),
            Action::Open => self.pick(Purpose::Open),
            Action::OpenPath(p) => self.open_path(&p),
            Action::Close => self.close_document(),
            Action::Save => {
                self.save_current();
            }
            Action::SaveAs => self.pick(Purpose::SaveAs),
            Action::Export(f) => self.export(f),
            Action::ExportAnyway(f) => self.pick(Purpose::Export(f)),
            Action::FillBlanksThenExport(f) => {
                self.fill_blanks(None);
                self.pick(Purpose::Export(f));
            }
            Action::Picked(purpose, path) => self.picked(purpose, path),
            Action::PickLastYear => self.pick(Purpose::LastYear),
            Action::ToggleYearOverYear => self.set_year_over_year(!self.year_over_year()),
            Action::Merge => self.merge = Some(Default::default()),
            Action::AddMergeInput => self.pick(Purpose::MergeInput),
            Action::ApplyMerge(report) => {
                let n = report.sources.len();
                self.replace_document(Document::unsaved(*report, None));
                self.status = format!("已汇总 {n} 份报告");
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
            Action::FillBlanks => self.fill_blanks(self.page_table()),
            Action::ZoomIn => self.zoom = Some(Zoom::In),
            Action::ZoomOut => self.zoom = Some(Zoom::Out),
            Action::ZoomReset => self.zoom = Some(Zoom::Reset),
            Action::ShowGuide => self.modal = Some(Modal::Guide),
            Action::CopyForWeb => self.copy_for_web(),
            Action::FindReplace => {
                self.modal = Some(Modal::FindReplace(Default::default()));
            }
            Action::ReplaceAll { find, with } => {
                let mut n = 0;
                self.doc.edit(super::document::EditTag::Command, |r| {
                    n = crate::find::replace_all(r, &find, &with);
                });
                self.status = format!("已将 {n} 处“{find}”替换为“{with}”（可撤销）");
                self.modal = Some(Modal::FindReplace(super::modal::FindReplace { find, with }));
            }
            Action::Print => self.print(),
            Action::GoTo(page) => self.page = page,
            Action::ConfirmRecognised(key) => self.confirm_recognised(key),
            Action::Reveal(place) => {
                self.page = super::page::page_of(&place);
                self.focus = Some(super::page::focus_of(place));
            }
            Action::SaveThen(next) => {
                if self.save_current() {
                    self.perform(*next);
                } else if matches!(&self.modal, Some(Modal::Path(d)) if d.purpose == Purpose::SaveAs)
                {
                    // The built-in dialog saves on a later frame: the action waits for it.
                    self.after_save = Some(next);
                }
            }
            Action::DiscardThen(next) => {
                self.storage.clear_recovery();
                self.perform(*next);
            }
            Action::Restore(rec) => {
                // The restored work wins over the file the app was started with.
                self.open_after_recovery = None;
                self.replace_document(Document::unsaved(rec.report, rec.path));
                self.status = "已恢复未保存的工作".into();
            }
            Action::DiscardRecovery => {
                self.storage.clear_recovery();
                if let Some(p) = self.open_after_recovery.take() {
                    self.open_path(&p);
                }
            }
            Action::Quit => {
                self.allow_close = true;
                self.close_now = true;
                self.storage.clear_recovery();
            }
        }
    }

    /// Export: with errors or blanks left, say so before publishing them.
    fn export(&mut self, format: Format) {
        let errors: Vec<String> = self
            .doc
            .findings()
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {}", f.id.as_str(), f.message))
            .collect();
        // The reminders too, last year's text left unchanged (S3) first: a
        // copy-paste report is an accountability matter.
        let mut reminders: Vec<&crate::rules::Finding> = self
            .doc
            .findings()
            .iter()
            .filter(|f| f.severity != Severity::Error)
            .collect();
        reminders.sort_by_key(|f| f.id != crate::rules::RuleId::S3);
        let reminders: Vec<String> = reminders
            .iter()
            .map(|f| format!("{} {}", f.id.as_str(), f.message))
            .collect();
        let blanks = self.doc.report.blank_inputs().len();
        if errors.is_empty() && reminders.is_empty() && blanks == 0 {
            self.pick(Purpose::Export(format));
        } else {
            self.modal = Some(Modal::BeforeExport {
                format,
                errors,
                reminders,
                blanks,
            });
        }
    }
}
