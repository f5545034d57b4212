//! 编辑 › 查找和替换: a phrase, what to put instead, and the texts that hold
//! it (a click shows the text); 全部替换 is one undo step.

use super::actions::Action;
use super::modal::FindReplace;
use super::state::AppState;
use crate::place::Place;

/// Draws the dialog; `keep` becomes false when it closes.
pub fn show(
    ui: &mut egui::Ui,
    d: &mut FindReplace,
    st: &AppState,
    keep: &mut bool,
) -> Option<Action> {
    let mut action = None;
    ui.heading("查找和替换");
    egui::Grid::new("find-replace")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("查找内容");
            let find = ui
                .add(egui::TextEdit::singleline(&mut d.find).desired_width(320.0))
                .labelled_by(label.id);
            if ui.memory(|m| m.focused().is_none()) {
                find.request_focus();
            }
            ui.end_row();
            let label = ui.label("替换为");
            ui.add(egui::TextEdit::singleline(&mut d.with).desired_width(320.0))
                .labelled_by(label.id);
            ui.end_row();
        });
    let hits = crate::find::occurrences(&st.doc.report, &d.find);
    let total: usize = hits.iter().map(|(_, n)| n).sum();
    ui.add_space(6.0);
    if d.find.is_empty() {
        ui.label("在说明、各部分正文和小节中查找（不含表格数字）。");
    } else if hits.is_empty() {
        ui.label(format!("没有找到“{}”。", d.find));
    } else {
        ui.label(format!(
            "找到 {total} 处，在 {} 段文字中（点击查看）：",
            hits.len()
        ));
        egui::ScrollArea::vertical()
            .max_height(180.0)
            .show(ui, |ui| {
                for (name, n) in &hits {
                    if ui.link(format!("{name}（{n} 处）")).clicked() {
                        *keep = false;
                        action = Some(Action::Reveal(Place::Paragraph(name.clone())));
                    }
                }
            });
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let can = total > 0 && d.find != d.with;
        if ui.add_enabled(can, egui::Button::new("全部替换")).clicked() {
            action = Some(Action::ReplaceAll {
                find: d.find.clone(),
                with: d.with.clone(),
            });
        }
        if ui.button("关闭").clicked() {
            *keep = false;
        }
    });
    action
}
