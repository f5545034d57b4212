//! The 汇总 window: the reports to sum and the resulting government's name.
//! The summing itself is `crate::merge::merge_files`, shared with `nianbao merge`.

use super::actions::Action;
use super::palette;
use super::state::MergeState;

/// Draws the window; returns what the clerk asked for, and whether the window stays open.
pub fn show(ctx: &egui::Context, m: &mut MergeState) -> (bool, Option<Action>) {
    let mut open = true;
    let mut action = None;
    egui::Window::new("汇总多份报告（本级政府汇总）")
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
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
                ui.add(egui::TextEdit::singleline(&mut m.agency).hint_text("如：平安县人民政府"))
                    .labelled_by(l.id);
            });
            for p in &m.problems {
                ui.colored_label(palette::ERROR_TEXT, p);
            }
            if ui
                .add_enabled(m.files.len() >= 2, egui::Button::new("汇总"))
                .clicked()
            {
                match crate::merge::merge_files(&m.files, &m.agency) {
                    Ok(merged) => {
                        m.problems = merged.input_errors;
                        action = Some(Action::ApplyMerge(Box::new(merged.report)));
                    }
                    Err(e) => m.problems = vec![e.to_string()],
                }
            }
        });
    (open, action)
}
