//! The start page, shown while no report is open: starting from last year's
//! report comes first and largest (it is how almost every report begins),
//! then opening a file, the recent files with agency and year, and a blank
//! report.

use super::actions::{Action, command};
use super::palette;
use super::state::AppState;

/// What 根据上年报告新建 accepts, in the clerk's words.
const FROM_LAST_HINT: &str = "选择去年的报告：项目文件（.ron）、网站上下载的 PDF（扫描件也可）、Word（.docx）、网页（.html）、文本（.txt、.md）或表格图片均可。\n上年结转、现行有效件数自动带入，文字部分作为草稿沿用，其余数字清空。";

pub fn show(ui: &mut egui::Ui, st: &mut AppState) -> Vec<Action> {
    let lang = st.lang();
    let mut out = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width().min(640.0);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.add_space(24.0);
                    ui.heading("政府信息公开工作年度报告");
                    ui.weak("按国办公开办函〔2021〕30号格式填写、检查和导出");
                    ui.add_space(18.0);

                    let first = egui::Button::new(
                        egui::RichText::new(command(&Action::NewFromLast).label(lang))
                            .size(22.0)
                            .color(palette::PRIMARY_TEXT),
                    )
                    .fill(palette::PRIMARY_FILL)
                    .min_size(egui::vec2(width, 56.0));
                    if ui.add(first).clicked() {
                        out.push(Action::NewFromLast);
                    }
                    ui.weak(FROM_LAST_HINT);
                    ui.add_space(14.0);

                    ui.horizontal(|ui| {
                        for action in [Action::Open, Action::New] {
                            let b = egui::Button::new(
                                egui::RichText::new(command(&action).label(lang)).size(16.0),
                            )
                            .min_size(egui::vec2(width / 2.0 - 6.0, 36.0));
                            if ui.add(b).clicked() {
                                out.push(action);
                            }
                        }
                    });
                    ui.add_space(18.0);

                    let recent = st.settings.recent_files();
                    if !recent.is_empty() {
                        ui.strong("最近打开");
                        ui.add_space(4.0);
                        for r in recent {
                            let what = match (r.agency.is_empty(), r.year) {
                                (false, Some(y)) => format!("{} {y}年", r.agency),
                                (false, None) => r.agency.clone(),
                                (true, Some(y)) => format!("{y}年报告"),
                                (true, None) => "报告".to_string(),
                            };
                            let name = r
                                .path
                                .file_name()
                                .map(crate::path_name::shown_os)
                                .unwrap_or_default();
                            let b = egui::Button::new(format!("{what}　{name}"))
                                .min_size(egui::vec2(width, 28.0));
                            let resp = ui.add(b).on_hover_text(crate::path_name::shown(&r.path));
                            if resp.clicked() {
                                out.push(Action::OpenPath(r.path.clone()));
                            }
                        }
                        ui.add_space(8.0);
                        let before = st.settings.reopen_last;
                        ui.checkbox(&mut st.settings.reopen_last, "启动时直接打开上次的文件");
                        if st.settings.reopen_last != before {
                            st.storage.save_settings(&st.settings);
                        }
                    }
                });
            });
        });
    out
}
