//! In-app dialogs: unsaved changes, new report, messages, the guide and the
//! offer to restore unsaved work after a crash; the built-in path dialog is
//! `path_dialog.rs`, 查找和替换 `find_dialog.rs`.

use super::actions::Action;
use super::i18n::t;
pub use super::modal::{Modal, PathDialog, new_report_modal, path_modal};
use super::palette;
use super::state::AppState;
use crate::model::{Report, Scope};

/// Draws `modal`; returns whether it stays open and what the clerk chose.
pub fn show(ctx: &egui::Context, modal: &mut Modal, st: &AppState) -> (bool, Option<Action>) {
    let lang = st.lang();
    let mut keep = true;
    let mut action: Option<Action> = None;
    egui::Modal::new(egui::Id::unique("nianbao-modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match modal {
            Modal::Unsaved(waiting) => {
                ui.heading(t(lang, "有未保存的修改", "Unsaved changes"));
                ui.label(format!(
                    "“{}”的修改尚未保存。要先保存吗？",
                    st.doc.display_name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(t(lang, "保存", "Save")).clicked() {
                        keep = false;
                        action = Some(Action::SaveThen(Box::new(waiting.clone())));
                    }
                    if ui.button(t(lang, "不保存", "Don't save")).clicked() {
                        keep = false;
                        action = Some(Action::DiscardThen(Box::new(waiting.clone())));
                    }
                    if ui.button(t(lang, "取消", "Cancel")).clicked() {
                        keep = false;
                    }
                });
            }
            Modal::NewReport {
                agency,
                year,
                scope,
                error,
            } => {
                ui.heading("新建报告");
                egui::Grid::new("new-report").num_columns(2).show(ui, |ui| {
                    let l = ui.label("编制机关");
                    ui.add(
                        egui::TextEdit::singleline(agency).hint_text("如：平安县市场监督管理局"),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label("报告年度");
                    ui.add(egui::TextEdit::singleline(year).desired_width(80.0))
                        .labelled_by(l.id);
                    ui.end_row();
                    ui.label("数据范围");
                    ui.horizontal(|ui| {
                        ui.radio_value(scope, Scope::Agency, Scope::Agency.label());
                        ui.radio_value(
                            scope,
                            Scope::GovernmentTotal,
                            Scope::GovernmentTotal.label(),
                        );
                    });
                    ui.end_row();
                });
                if let Some(e) = error {
                    ui.colored_label(palette::ERROR_TEXT, e.as_str());
                }
                ui.horizontal(|ui| {
                    if ui.button(t(lang, "新建", "Create")).clicked() {
                        match year.trim().parse::<i32>() {
                            Ok(y) if (2019..2100).contains(&y) => {
                                let mut r = Report::new(agency.trim(), y);
                                r.meta.scope = *scope;
                                keep = false;
                                // Already asked about unsaved changes when 新建 was chosen.
                                action = Some(Action::DiscardThen(Box::new(Action::CreateReport(
                                    Box::new(r),
                                ))));
                            }
                            _ => *error = Some("年度应为 2019 至 2099 之间的四位数".to_string()),
                        }
                    }
                    if ui.button(t(lang, "取消", "Cancel")).clicked() {
                        keep = false;
                    }
                });
            }
            Modal::Path(d) => {
                if let Some(chosen) = super::path_dialog::show(ui, d, &mut keep, lang) {
                    action = Some(Action::Picked(d.purpose.clone(), chosen));
                }
            }
            Modal::BeforeExport {
                format,
                errors,
                reminders,
                blanks,
            } => {
                ui.heading("报告还有问题");
                let list = |ui: &mut egui::Ui, what: &str, items: &[String], color| {
                    if items.is_empty() {
                        return;
                    }
                    ui.label(format!("检查发现 {} 个{what}：", items.len()));
                    for e in items.iter().take(5) {
                        ui.colored_label(color, e.as_str());
                    }
                    if items.len() > 5 {
                        ui.label(format!("……另有 {} 个", items.len() - 5));
                    }
                };
                list(ui, "错误", errors, palette::ERROR_TEXT);
                list(ui, "提醒", reminders, palette::WARNING_TEXT);
                if *blanks > 0 {
                    ui.label(format!("表格中还有 {blanks} 个空白单元格（无则应填 0）。"));
                }
                ui.add_space(8.0);
                let format = *format;
                ui.horizontal(|ui| {
                    if ui.button("返回修改").clicked() {
                        keep = false;
                    }
                    if *blanks > 0 && ui.button("填 0 后导出").clicked() {
                        keep = false;
                        action = Some(Action::FillBlanksThenExport(format));
                    }
                    if ui.button("仍然导出").clicked() {
                        keep = false;
                        action = Some(Action::ExportAnyway(format));
                    }
                });
            }
            Modal::FindReplace(d) => {
                action = super::find_dialog::show(ui, d, st, &mut keep);
            }
            Modal::Guide => {
                guide(ui);
                if ui.button(t(lang, "关闭", "Close")).clicked() {
                    keep = false;
                }
            }
            Modal::Message(text) => {
                ui.label(text.as_str());
                ui.add_space(8.0);
                if ui.button(t(lang, "确定", "OK")).clicked() {
                    keep = false;
                }
            }
            Modal::Recovery(rec) => {
                ui.heading("恢复未保存的工作");
                let name = rec
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "未保存的报告".into());
                ui.label(format!(
                    "上次关闭前有未保存的修改（{}，{} {}年，自动保存于 {}）。是否恢复？",
                    name,
                    rec.report.meta.agency,
                    rec.report
                        .meta
                        .year
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                    rec.saved_at
                ));
                ui.horizontal(|ui| {
                    if ui.button(t(lang, "恢复", "Restore")).clicked() {
                        keep = false;
                        action = Some(Action::Restore(rec.clone()));
                    }
                    if ui.button(t(lang, "放弃", "Discard")).clicked() {
                        keep = false;
                        action = Some(Action::DiscardRecovery);
                    }
                });
            }
        }
    });
    (keep, action)
}

/// The clerk's guide (`assets/docs/使用说明.md`, built into the program) as
/// plain text: headings in bold, pictures left out, `**` marks dropped.
fn guide(ui: &mut egui::Ui) {
    const GUIDE: &str = include_str!("../../assets/docs/使用说明.md");
    ui.label(format!("nianbao {}", env!("CARGO_PKG_VERSION")));
    // A fixed height: one that follows the window made the modal grow frame
    // by frame, its buttons moving under the pointer.
    egui::ScrollArea::vertical()
        .max_height(480.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for line in GUIDE.lines() {
                let text = line.replace("**", "");
                if line.trim_start().starts_with("![") || line.trim_start().starts_with("<img") {
                    continue;
                }
                match text.strip_prefix('#') {
                    Some(h) => {
                        ui.add_space(6.0);
                        ui.strong(h.trim_start_matches('#').trim());
                    }
                    None if text.trim().is_empty() => ui.add_space(4.0),
                    None => {
                        ui.label(text);
                    }
                }
            }
        });
}
