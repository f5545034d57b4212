//! The findings list: errors first, then warnings, then import notes. Clicking
//! a finding goes to its page and focuses its first cell.

use super::i18n::t;
use super::state::{AppState, page_of};
use crate::rules::Severity;
use crate::template::CellKey;

/// The colour a finding of this severity is written in.
pub fn severity_color(s: Severity) -> egui::Color32 {
    match s {
        Severity::Error => egui::Color32::from_rgb(180, 30, 30),
        Severity::Warning => egui::Color32::from_rgb(160, 100, 0),
        Severity::Note => egui::Color32::from_rgb(80, 80, 80),
    }
}

pub fn show(ui: &mut egui::Ui, st: &mut AppState) {
    let findings = st.doc.findings().to_vec();
    ui.horizontal(|ui| {
        ui.strong(t(st.lang(), "检查结果", "Findings"));
        if findings.is_empty() {
            ui.label(t(st.lang(), "未发现问题", "No problems found"));
        }
    });
    // Blanks left in the tables are offered to be zeroed in one step.
    let blanks = st.doc.report.blank_inputs().len();
    if blanks > 0 {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("表格中还有 {blanks} 个空白单元格（无则填 0）"));
            if ui.button("将空白单元格填为 0").clicked() {
                st.perform(super::state::Action::FillBlanks);
            }
        });
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for f in &findings {
                let color = severity_color(f.severity);
                let text = egui::RichText::new(format!(
                    "{} {}  {}",
                    f.severity.label(),
                    f.id.as_str(),
                    f.message
                ))
                .color(color);
                let r = ui
                    .add(egui::Button::new(text).frame(false).wrap())
                    .on_hover_text(format!("涉及：{}", f.cells.join("、")));
                if r.clicked()
                    && let Some(cell) = f.cells.first()
                {
                    st.page = page_of(cell);
                    st.focus_cell = CellKey::parse(cell);
                }
            }
        });
}
