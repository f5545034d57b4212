//! The built-in path dialog, for when the system's file dialog cannot open
//! (no desktop portal or zenity on a Linux desktop): a folder listing and a
//! file name.

use std::path::{Path, PathBuf};

use super::files::Purpose;
use super::i18n::{Lang, t};
use super::modal::PathDialog;
use super::palette;

/// Height of the built-in path dialog's file list.
const PATH_LIST_HEIGHT: f32 = 260.0;

/// The built-in path dialog; returns the chosen path when confirmed.
pub fn show(ui: &mut egui::Ui, d: &mut PathDialog, keep: &mut bool, lang: Lang) -> Option<PathBuf> {
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
