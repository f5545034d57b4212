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
fn item(ui: &mut egui::Ui, st: &AppState, action: Action, out: &mut Vec<Action>) {
    let (lang, enabled) = (st.lang(), st.can(&action));
    let c = command(&action);
    let mut b = egui::Button::new(c.label(lang));
    if let Some(s) = c.shortcuts.first() {
        b = b.shortcut_text(shortcut_text(ui.ctx(), s));
    }
    if ui.add_enabled(enabled, b).clicked() {
        out.push(action);
    }
}

/// egui writes a key by its name (`Ctrl+Equals`, `Ctrl+Minus`); a menu
/// shows the character printed on the key.
fn shortcut_text(ctx: &egui::Context, s: &egui::KeyboardShortcut) -> String {
    let text = ctx.format_shortcut(s);
    let symbol = match s.logical_key {
        egui::Key::Equals => "=",
        egui::Key::Minus => "-",
        egui::Key::Plus => "+",
        _ => return text,
    };
    text.replace(s.logical_key.name(), symbol)
}

pub fn menu_bar(ui: &mut egui::Ui, st: &mut AppState) -> Vec<Action> {
    let lang = st.lang();
    let editing = !st.on_start_page();
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t(lang, "文件", "File"), |ui| {
            item(ui, st, Action::NewFromLast, &mut out);
            item(ui, st, Action::New, &mut out);
            item(ui, st, Action::Open, &mut out);
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
            item(ui, st, Action::Save, &mut out);
            item(ui, st, Action::SaveAs, &mut out);
            ui.add_enabled_ui(editing, |ui| {
                ui.menu_button(t(lang, "导出", "Export"), |ui| {
                    for (f, label) in [
                        (Format::Text, "文本（.txt）"),
                        (Format::Markdown, "Markdown（.md）"),
                        (Format::Html, "网页（.html）"),
                        (Format::Docx, "Word（.docx）"),
                        (Format::Pdf, "PDF（.pdf）"),
                    ] {
                        if ui.button(label).clicked() {
                            out.push(Action::Export(f));
                        }
                    }
                });
            });
            item(ui, st, Action::Print, &mut out);
            item(ui, st, Action::CopyForWeb, &mut out);
            item(ui, st, Action::Merge, &mut out);
            ui.separator();
            item(ui, st, Action::Close, &mut out);
            item(ui, st, Action::Quit, &mut out);
        });
        ui.menu_button(t(lang, "编辑", "Edit"), |ui| {
            item(ui, st, Action::Undo, &mut out);
            item(ui, st, Action::Redo, &mut out);
            ui.separator();
            item(ui, st, Action::FindReplace, &mut out);
            ui.separator();
            let table = st.page_table();
            let blanks = st.doc.report.blank_inputs_in(table).len();
            let scope = table.map_or("表二、表三、表四", |t| t.name());
            ui.scope(|ui| {
                item(ui, st, Action::FillBlanks, &mut out);
            })
            .response
            .on_hover_text(format!("{scope}中 {blanks} 个空白单元格"));
        });
        ui.menu_button(t(lang, "视图", "View"), |ui| {
            let mut yoy = st.year_over_year();
            let c = command(&Action::ToggleYearOverYear);
            let can = st.can(&Action::ToggleYearOverYear);
            if ui
                .add_enabled(can, egui::Checkbox::new(&mut yoy, c.label(lang)))
                .changed()
            {
                out.push(Action::ToggleYearOverYear);
            }
            item(ui, st, Action::PickLastYear, &mut out);
            ui.separator();
            item(ui, st, Action::ZoomIn, &mut out);
            item(ui, st, Action::ZoomOut, &mut out);
            item(ui, st, Action::ZoomReset, &mut out);
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
                t(
                    lang,
                    "启动时直接打开上次的文件",
                    "Reopen the last file at start",
                ),
            );
            if st.settings != before {
                st.storage.save_settings(&st.settings);
            }
        });
        ui.menu_button(t(lang, "帮助", "Help"), |ui| {
            item(ui, st, Action::ShowGuide, &mut out);
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
        if nav_entry(ui, page_label(*p), st.page == *p, counts[i]).clicked() {
            out = Some(Action::GoTo(*p));
        }
    }
    out
}

/// One entry of the navigation list: the heading wrapped to the panel's
/// width (left of the badges), the error and warning counts at the right.
fn nav_entry(
    ui: &mut egui::Ui,
    label: &str,
    selected: bool,
    (e, w): (usize, usize),
) -> egui::Response {
    const BADGE_W: f32 = 24.0;
    const PAD: egui::Vec2 = egui::vec2(8.0, 5.0);
    let full_w = ui.available_width();
    let badge_room = BADGE_W * ((e > 0) as u8 + (w > 0) as u8) as f32;
    let galley = egui::WidgetText::from(label).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        full_w - badge_room - 2.0 * PAD.x,
        egui::TextStyle::Button,
    );
    let (rect, resp) = ui.allocate_exact_size(
        egui::vec2(full_w, galley.size().y + 2.0 * PAD.y),
        egui::Sense::click(),
    );
    resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, label));
    let visuals = ui.style().interact_selectable(&resp, selected);
    if selected || resp.hovered() {
        ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
    }
    ui.painter()
        .galley(rect.min + PAD, galley, visuals.text_color());
    let mut x = rect.max.x - PAD.x;
    for (n, color) in [(w, palette::WARNING_BADGE), (e, palette::ERROR_BADGE)] {
        if n == 0 {
            continue;
        }
        let r = egui::Rect::from_center_size(
            egui::pos2(x - BADGE_W / 2.0 + 2.0, rect.center().y),
            egui::vec2(BADGE_W - 4.0, 16.0),
        );
        ui.painter().rect_filled(r, 8.0, color);
        ui.painter().text(
            r.center(),
            egui::Align2::CENTER_CENTER,
            n.to_string(),
            egui::TextStyle::Small.resolve(ui.style()),
            palette::BADGE_TEXT,
        );
        x -= BADGE_W;
    }
    resp
}

/// Where the report is kept and whether it is saved (one phrase), the
/// findings count and the last thing that happened.
pub fn status_bar(ui: &mut egui::Ui, st: &mut AppState) {
    let lang = st.lang();
    let saved = match (&st.doc.path, st.doc.is_dirty()) {
        (Some(p), false) => format!(
            "{}{}",
            t(lang, "已保存：", "Saved: "),
            crate::path_name::shown(p)
        ),
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
        st.age_status();
        if !st.status.is_empty() {
            ui.separator();
            ui.label(&st.status);
        }
    });
}
