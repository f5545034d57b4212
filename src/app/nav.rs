//! The menu bar, the navigation list with finding badges, and the status bar.

use super::actions::{Action, command};
use super::i18n::{Lang, t};
use super::palette;
use super::state::{AppState, PAGES, Page, page_of};
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

/// A menu entry for a command: its label, its first shortcut as the
/// platform writes it (Ctrl+S, ⌘S), greyed out when it cannot run.
fn item(ui: &mut egui::Ui, lang: Lang, action: Action, enabled: bool, out: &mut Vec<Action>) {
    let c = command(&action);
    let mut b = egui::Button::new(c.label(lang));
    if let Some(s) = c.shortcuts.first() {
        b = b.shortcut_text(ui.ctx().format_shortcut(s));
    }
    if ui.add_enabled(enabled, b).clicked() {
        out.push(action);
    }
}

pub fn menu_bar(ui: &mut egui::Ui, st: &mut AppState) -> Vec<Action> {
    let lang = st.lang();
    let editing = !st.on_start_page();
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t(lang, "文件", "File"), |ui| {
            item(ui, lang, Action::NewFromLast, true, &mut out);
            item(ui, lang, Action::New, true, &mut out);
            item(ui, lang, Action::Open, true, &mut out);
            ui.menu_button(t(lang, "最近打开", "Recent files"), |ui| {
                let recent = st.settings.recent_files();
                if recent.is_empty() {
                    ui.label(t(lang, "（无）", "(none)"));
                }
                for r in recent {
                    if ui.button(crate::path_name::shown(&r.path)).clicked() {
                        out.push(Action::OpenPath(r.path));
                    }
                }
            });
            ui.separator();
            item(ui, lang, Action::Save, editing, &mut out);
            item(ui, lang, Action::SaveAs, editing, &mut out);
            ui.add_enabled_ui(editing, |ui| {
                ui.menu_button(t(lang, "导出", "Export"), |ui| {
                    for (f, label) in [
                        (Format::Text, "文本（.txt）"),
                        (Format::Markdown, "Markdown（.md）"),
                        (Format::Html, "网页（.html）"),
                        (Format::Docx, "Word（.docx）"),
                    ] {
                        if ui.button(label).clicked() {
                            out.push(Action::Export(f));
                        }
                    }
                });
            });
            item(ui, lang, Action::Merge, true, &mut out);
            ui.separator();
            item(ui, lang, Action::Close, editing, &mut out);
            item(ui, lang, Action::Quit, true, &mut out);
        });
        ui.menu_button(t(lang, "编辑", "Edit"), |ui| {
            item(ui, lang, Action::Undo, st.doc.can_undo(), &mut out);
            item(ui, lang, Action::Redo, st.doc.can_redo(), &mut out);
            ui.separator();
            let blanks = st.doc.report.blank_inputs().len();
            ui.scope(|ui| {
                item(ui, lang, Action::FillBlanks, editing && blanks > 0, &mut out);
            })
            .response
            .on_hover_text(format!("表二、表三、表四中 {blanks} 个空白单元格"));
        });
        ui.menu_button(t(lang, "视图", "View"), |ui| {
            let mut yoy = st.year_over_year;
            let c = command(&Action::ToggleYearOverYear);
            if ui.checkbox(&mut yoy, c.label(lang)).changed() {
                out.push(Action::ToggleYearOverYear);
            }
            item(ui, lang, Action::PickLastYear, editing, &mut out);
            ui.separator();
            item(ui, lang, Action::ZoomIn, true, &mut out);
            item(ui, lang, Action::ZoomOut, true, &mut out);
            item(ui, lang, Action::ZoomReset, true, &mut out);
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
            ui.checkbox(
                &mut st.settings.reopen_last,
                t(lang, "启动时直接打开上次的文件", "Reopen the last file at start"),
            );
            if st.settings != before {
                st.storage.save_settings(&st.settings);
            }
        });
    });
    out
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

/// The pages, each with its full heading (wrapped, never cut) and its badges.
pub fn navigation(ui: &mut egui::Ui, st: &mut AppState) -> Option<Action> {
    let counts = badges(st);
    let mut out = None;
    ui.add_space(6.0);
    for (i, p) in PAGES.iter().enumerate() {
        let (e, w) = counts[i];
        ui.horizontal(|ui| {
            // Badges take their room first; the heading wraps in what is left.
            let badge_room = 30.0 * ((e > 0) as u8 + (w > 0) as u8) as f32;
            let text_w = ui.available_width() - badge_room;
            let r = ui
                .allocate_ui(egui::vec2(text_w, 60.0), |ui| {
                    ui.add(
                        egui::Button::selectable(st.page == *p, page_label(*p))
                            .wrap()
                            .min_size(egui::vec2(text_w, 26.0)),
                    )
                })
                .inner;
            if r.clicked() {
                out = Some(Action::GoTo(*p));
            }
            if e > 0 {
                badge(ui, e, palette::ERROR_BADGE);
            }
            if w > 0 {
                badge(ui, w, palette::WARNING_BADGE);
            }
        });
        ui.add_space(2.0);
    }
    out
}

fn badge(ui: &mut egui::Ui, n: usize, color: egui::Color32) {
    let text = egui::RichText::new(n.to_string())
        .color(palette::BADGE_TEXT)
        .small();
    egui::Frame::new()
        .fill(color)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(4, 0))
        .show(ui, |ui| {
            ui.label(text);
        });
}

/// Where the report is kept and whether it is saved (one phrase), the
/// findings count and the last thing that happened.
pub fn status_bar(ui: &mut egui::Ui, st: &mut AppState) {
    let lang = st.lang();
    let saved = match (&st.doc.path, st.doc.is_dirty()) {
        (Some(p), false) => format!("{}{}", t(lang, "已保存：", "Saved: "), crate::path_name::shown(p)),
        (Some(p), true) => format!(
            "{}{}",
            t(lang, "● 有未保存的修改：", "● Unsaved changes: "),
            crate::path_name::shown(p)
        ),
        (None, true) => t(lang, "● 尚未保存到文件", "● Not saved to a file yet").to_string(),
        (None, false) => String::new(),
    };
    let on_start = st.on_start_page();
    let (mut e, mut w) = (0, 0);
    if !on_start {
        for f in st.doc.findings() {
            match f.severity {
                Severity::Error => e += 1,
                Severity::Warning => w += 1,
                Severity::Note => {}
            }
        }
    }
    ui.horizontal(|ui| {
        if !saved.is_empty() {
            ui.label(saved);
            ui.separator();
        }
        if !on_start {
            ui.label(match lang {
                Lang::Zh => format!("错误 {e}　提醒 {w}"),
                Lang::En => format!("{e} errors, {w} warnings"),
            });
        }
        if !st.status.is_empty() {
            ui.separator();
            ui.label(&st.status);
        }
    });
}
