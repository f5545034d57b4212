//! The findings list: errors first, then warnings, then import notes. Clicking
//! a finding goes to its page and focuses its first cell or paragraph.

use super::actions::Action;
use super::i18n::t;
use super::palette;
use super::state::AppState;

pub fn show(ui: &mut egui::Ui, st: &mut AppState) -> Vec<Action> {
    let mut out = Vec::new();
    let findings = st.doc.findings().to_vec();
    ui.horizontal(|ui| {
        ui.strong(t(st.lang(), "检查结果", "Findings"));
        if findings.is_empty() {
            ui.label(t(st.lang(), "未发现问题", "No problems found"));
        }
    });
    // Blanks left in the tables are offered to be zeroed in one step.
    // On a table's page only that table's: the clerk may not have reached the others.
    let table = st.page_table();
    let blanks = st.doc.report.blank_inputs_in(table).len();
    if blanks > 0 {
        ui.horizontal_wrapped(|ui| {
            let scope = table.map_or("表格", |t| t.name());
            ui.label(format!("{scope}中还有 {blanks} 个空白单元格（无则填 0）"));
            if ui.button("将空白单元格填为 0").clicked() {
                out.push(Action::FillBlanks);
            }
        });
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for f in &findings {
                let text = egui::RichText::new(format!(
                    "{} {}  {}",
                    f.severity.label(),
                    f.id.as_str(),
                    f.message
                ))
                .color(palette::severity_text(f.severity));
                let r = ui
                    .add(egui::Button::new(text).frame(false).wrap())
                    .on_hover_text(format!("涉及：{}", f.cell_names("、")));
                if r.clicked()
                    && let Some(cell) = f.cells.first()
                {
                    out.push(Action::Reveal(cell.clone()));
                }
            }
        });
    out
}
