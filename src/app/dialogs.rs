//! In-app dialogs: unsaved changes, new report, the built-in path dialog,
//! messages and the offer to restore unsaved work after a crash.

use std::path::{Path, PathBuf};

use super::actions::Action;
use super::files::{Purpose, Recovery};
use super::i18n::{Lang, t};
use super::palette;
use super::state::AppState;
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
    FindReplace(super::find_dialog::FindReplace),
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
                if let Some(chosen) = path_dialog(ui, d, &mut keep, lang) {
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

/// Height of the built-in path dialog's file list.
const PATH_LIST_HEIGHT: f32 = 260.0;

/// The built-in path dialog; returns the chosen path when confirmed.
fn path_dialog(
    ui: &mut egui::Ui,
    d: &mut PathDialog,
    keep: &mut bool,
    lang: Lang,
) -> Option<PathBuf> {
    ui.heading(d.purpose.title());
    ui.label("未能打开系统的文件对话框，请在此选择文件：");
    let mut chosen = None;
    ui.horizontal(|ui| {
        if ui.button("↑ 上级文件夹").clicked()
            && let Some(p) = d.dir.parent()
        {
            d.dir = p.to_path_buf();
        }
        ui.label(d.dir.display().to_string());
    });
    let mut entries: Vec<(bool, PathBuf)> = std::fs::read_dir(&d.dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| (e.path().is_dir(), e.path()))
                .filter(|(is_dir, p)| {
                    let hidden = p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                    !hidden && (*is_dir || wanted(p, &d.purpose))
                })
                .collect()
        })
        .unwrap_or_default();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // A fixed height: the buttons below stay put however many files the folder holds.
    egui::ScrollArea::vertical()
        .min_scrolled_height(PATH_LIST_HEIGHT)
        .max_height(PATH_LIST_HEIGHT)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (is_dir, p) in entries {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let label = if is_dir {
                    format!("{name}/")
                } else {
                    name.clone()
                };
                let r = ui.selectable_label(d.name == name, label);
                if r.clicked() {
                    if is_dir {
                        d.dir = p.clone();
                    } else {
                        d.name = name.clone();
                    }
                }
                if r.double_clicked() && !is_dir {
                    chosen = Some(p.clone());
                }
            }
        });
    let mut enter = false;
    ui.horizontal(|ui| {
        let l = ui.label("文件名或完整路径");
        let r = ui
            .add(egui::TextEdit::singleline(&mut d.name).desired_width(360.0))
            .labelled_by(l.id);
        // Enter in the name field confirms, as in any file dialog.
        enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    if let Some(e) = &d.error {
        ui.colored_label(palette::ERROR_TEXT, e.as_str());
    }
    ui.horizontal(|ui| {
        let ok = if d.purpose.saves() {
            t(lang, "保存", "Save")
        } else {
            t(lang, "打开", "Open")
        };
        if (ui.button(ok).clicked() || enter) && !d.name.trim().is_empty() {
            let p = Path::new(d.name.trim());
            let full = if p.is_absolute() {
                p.to_path_buf()
            } else {
                d.dir.join(p)
            };
            if !d.purpose.saves() && !full.is_file() {
                d.error = Some(format!("找不到文件：{}", crate::path_name::shown(&full)));
            } else if d.purpose.saves() && full.is_file() && d.overwrite.as_ref() != Some(&full) {
                d.error = Some(format!(
                    "“{}”已存在。再按一次“{ok}”将覆盖它。",
                    crate::path_name::shown_os(full.file_name().unwrap_or_default())
                ));
                d.overwrite = Some(full);
            } else {
                chosen = Some(full);
            }
        }
        if ui.button(t(lang, "取消", "Cancel")).clicked() {
            *keep = false;
        }
    });
    if chosen.is_some() {
        *keep = false;
    }
    chosen
}

fn wanted(p: &Path, purpose: &Purpose) -> bool {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = crate::open::FileKind::of(p);
    match purpose {
        Purpose::SaveAs => kind == Some(crate::open::FileKind::Project),
        Purpose::Export(f) => ext == f.extension(),
        _ => kind.is_some(),
    }
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
