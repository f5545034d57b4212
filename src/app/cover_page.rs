//! The cover page: the report's meta (agency, year, date, scope, format)
//! and its preamble.

use super::document::EditTag;
use super::state::AppState;
use super::text_fields::{narrative, text_field};
use crate::model::{Scope, paragraph_names};

pub fn show(ui: &mut egui::Ui, st: &mut AppState) {
    ui.heading("封面与说明");
    ui.label(format!("标题：{}", st.doc.report.title()));
    ui.add_space(6.0);
    egui::Grid::new("meta")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            text_field(ui, st, "编制机关", 320.0, None, |r| &mut r.meta.agency);
            ui.end_row();
            let id = ui.make_persistent_id("year");
            let mut year = st
                .doc
                .report
                .meta
                .year
                .map(|y| y.to_string())
                .unwrap_or_default();
            let l = ui.label("报告年度");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut year)
                        .id(id)
                        .desired_width(80.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                let parsed = year
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1990..2100).contains(y));
                if parsed.is_some() || year.trim().is_empty() {
                    st.doc
                        .edit(EditTag::Field(id), |rep| rep.meta.year = parsed);
                }
            }
            ui.end_row();
            text_field(
                ui,
                st,
                "落款日期（如 2026年1月20日）",
                120.0,
                Some(crate::place::Place::Date),
                |r| &mut r.meta.date,
            );
            ui.end_row();
            ui.label("数据范围");
            let mut scope = st.doc.report.meta.scope;
            ui.horizontal(|ui| {
                ui.radio_value(&mut scope, Scope::Agency, Scope::Agency.label());
                ui.radio_value(
                    &mut scope,
                    Scope::GovernmentTotal,
                    Scope::GovernmentTotal.label(),
                );
            });
            if scope != st.doc.report.meta.scope {
                st.doc.edit(EditTag::Command, |r| r.meta.scope = scope);
            }
            ui.end_row();
            ui.label("格式");
            ui.label(format!("{} 版", st.doc.report.meta.format.as_str()));
            ui.end_row();
        });
    ui.add_space(10.0);
    narrative(
        ui,
        st,
        "preamble",
        paragraph_names::PREAMBLE,
        "说明（前言：编制依据、统计期限、获取方式、联系方式）",
        |r| &mut r.preamble,
    );
    let this_year = st.doc.report.import.clone().map(|i| ("导入自", i));
    let last_year = (st.doc.report.baseline.as_ref())
        .and_then(|b| b.read_from.clone())
        .map(|i| ("上年报告读取自", i));
    for (what, info) in this_year.into_iter().chain(last_year) {
        ui.separator();
        ui.strong(format!("{what}：{}（{}）", info.source, info.layout));
        for n in &info.notes {
            ui.label(format!(
                "{}{}",
                n.line.map(|l| format!("第{l}行：")).unwrap_or_default(),
                n.message
            ));
        }
    }
}
