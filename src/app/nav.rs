//! The menu bar, the navigation list with finding badges, and the status bar.

use super::i18n::t;
use super::state::{Action, AppState, PAGES, Page, page_of};
use crate::export::Format;
use crate::rules::Severity;
use crate::template::PART_HEADINGS;

/// The navigation label of a page.
pub fn page_label(p: Page) -> &'static str {
    match p {
        Page::Cover => "封面与说明",
        Page::Part(i) => PART_HEADINGS[i],
    }
}

pub fn menu_bar(ui: &mut egui::Ui, st: &mut AppState) {
    let lang = st.lang();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t(lang, "文件", "File"), |ui| {
            // `request` asks about unsaved changes first.
            for (zh, en, action) in [
                ("新建…  Ctrl+N", "New…  Ctrl+N", Action::New),
                (
                    "根据上年报告新建…",
                    "New from last year's report…",
                    Action::NewFromLast,
                ),
                (
                    "打开或导入…  Ctrl+O",
                    "Open or import…  Ctrl+O",
                    Action::Open,
                ),
            ] {
                if ui.button(t(lang, zh, en)).clicked() {
                    st.request(action);
                }
            }
            ui.menu_button(t(lang, "最近打开", "Recent files"), |ui| {
                if st.settings.recent.is_empty() {
                    ui.label(t(lang, "（无）", "(none)"));
                }
                for p in st.settings.recent.clone() {
                    if ui.button(crate::path_name::shown(&p)).clicked() {
                        st.request(Action::OpenPath(p));
                    }
                }
            });
            ui.separator();
            for (zh, en, action) in [
                ("保存  Ctrl+S", "Save  Ctrl+S", Action::Save),
                (
                    "另存为…  Ctrl+Shift+S",
                    "Save as…  Ctrl+Shift+S",
                    Action::SaveAs,
                ),
            ] {
                if ui.button(t(lang, zh, en)).clicked() {
                    st.perform(action);
                }
            }
            ui.menu_button(t(lang, "导出", "Export"), |ui| {
                for (f, label) in [
                    (Format::Text, "文本（.txt）"),
                    (Format::Markdown, "Markdown（.md）"),
                    (Format::Html, "网页（.html）"),
                    (Format::Docx, "Word（.docx）"),
                ] {
                    if ui.button(label).clicked() {
                        st.perform(Action::Export(f));
                    }
                }
            });
            if ui
                .button(t(lang, "汇总多份报告…", "Sum several reports…"))
                .clicked()
            {
                st.perform(Action::Merge);
            }
            ui.separator();
            if ui.button(t(lang, "退出", "Quit")).clicked() {
                st.request(Action::Quit);
            }
        });
        ui.menu_button(t(lang, "编辑", "Edit"), |ui| {
            if ui
                .add_enabled(
                    st.doc.can_undo(),
                    egui::Button::new(t(lang, "撤销  Ctrl+Z", "Undo  Ctrl+Z")),
                )
                .clicked()
            {
                st.perform(Action::Undo);
            }
            if ui
                .add_enabled(
                    st.doc.can_redo(),
                    egui::Button::new(t(lang, "重做  Ctrl+Y", "Redo  Ctrl+Y")),
                )
                .clicked()
            {
                st.perform(Action::Redo);
            }
            ui.separator();
            let blanks = st.doc.report.blank_inputs().len();
            if ui
                .add_enabled(
                    blanks > 0,
                    egui::Button::new(t(lang, "将空白单元格填为 0", "Fill blank cells with 0")),
                )
                .on_hover_text(format!("表二、表三、表四中 {blanks} 个空白单元格"))
                .clicked()
            {
                st.perform(Action::FillBlanks);
            }
        });
        ui.menu_button(t(lang, "视图", "View"), |ui| {
            ui.checkbox(
                &mut st.year_over_year,
                t(lang, "显示上年数值和变化", "Show last year and change"),
            );
            if ui
                .button(t(
                    lang,
                    "选择上年报告用于对比…",
                    "Compare with last year's report…",
                ))
                .clicked()
            {
                st.perform(Action::PickLastYear);
            }
        });
        ui.menu_button(t(lang, "设置", "Settings"), |ui| {
            let before = st.settings.clone();
            ui.radio_value(&mut st.settings.lang, super::i18n::Lang::Zh, "简体中文");
            ui.radio_value(&mut st.settings.lang, super::i18n::Lang::En, "English");
            ui.checkbox(
                &mut st.settings.builtin_dialogs,
                t(
                    lang,
                    "总是使用内置文件对话框",
                    "Always use the built-in file dialog",
                ),
            );
            if st.settings != before {
                st.storage.save_settings(&st.settings);
            }
        });
    });
}

/// Error and warning counts per page.
fn badges(st: &mut AppState) -> [(usize, usize); 7] {
    let mut out = [(0, 0); 7];
    for f in st.doc.findings() {
        let Some(cell) = f.cells.first() else {
            continue;
        };
        let idx = PAGES.iter().position(|p| *p == page_of(cell)).unwrap_or(0);
        match f.severity {
            Severity::Error => out[idx].0 += 1,
            Severity::Warning => out[idx].1 += 1,
            Severity::Note => {}
        }
    }
    out
}

pub fn navigation(ui: &mut egui::Ui, st: &mut AppState) {
    let counts = badges(st);
    ui.add_space(6.0);
    for (i, p) in PAGES.iter().enumerate() {
        let (e, w) = counts[i];
        // Short labels: "三、收到和处理…" — the full heading is the tooltip.
        let full = page_label(*p);
        let short: String = full.chars().take(8).collect();
        let text = if short.len() < full.len() {
            format!("{short}…")
        } else {
            short
        };
        let row = egui::vec2(ui.available_width(), 26.0);
        ui.allocate_ui_with_layout(
            row,
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| {
                if w > 0 {
                    badge(ui, w, egui::Color32::from_rgb(200, 130, 0));
                }
                if e > 0 {
                    badge(ui, e, egui::Color32::from_rgb(200, 40, 40));
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    let r = ui.selectable_label(st.page == *p, text).on_hover_text(full);
                    if r.clicked() {
                        st.page = *p;
                    }
                });
            },
        );
    }
}

fn badge(ui: &mut egui::Ui, n: usize, color: egui::Color32) {
    let text = egui::RichText::new(n.to_string())
        .color(egui::Color32::WHITE)
        .small();
    egui::Frame::new()
        .fill(color)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(4, 0))
        .show(ui, |ui| {
            ui.label(text);
        });
}

pub fn status_bar(ui: &mut egui::Ui, st: &mut AppState) {
    let path = st
        .doc
        .path
        .as_ref()
        .map(crate::path_name::shown)
        .unwrap_or_else(|| t(st.lang(), "未保存到文件", "Not saved to a file").into());
    let dirty = st.doc.is_dirty();
    let (mut e, mut w) = (0, 0);
    for f in st.doc.findings() {
        match f.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            Severity::Note => {}
        }
    }
    ui.horizontal(|ui| {
        ui.label(path);
        ui.separator();
        ui.label(if dirty {
            t(st.lang(), "● 有未保存的修改", "● Unsaved changes")
        } else {
            t(st.lang(), "已保存", "Saved")
        });
        ui.separator();
        ui.label(match st.lang() {
            super::i18n::Lang::Zh => format!("错误 {e}　提醒 {w}"),
            super::i18n::Lang::En => format!("{e} errors, {w} warnings"),
        });
        if !st.status.is_empty() {
            ui.separator();
            ui.label(&st.status);
        }
    });
}
