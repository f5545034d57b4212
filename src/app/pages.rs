//! The editor pages: the cover (meta and preamble) and parts 一 to 六.

use super::document::EditTag;
use super::grid_view;
use super::palette;
use super::state::{AppState, Page};
use super::text_fields::narrative;
use crate::model::{Report, Section, cn_numeral, paragraph_names};
use crate::template::{PART_HEADINGS, PART1_SECTIONS, PART6_SECTIONS, t2_grid, t3_grid, t4_grid};

/// Column widths of the three tables (logical points).
const T2_COLS: [f32; 4] = [200.0, 150.0, 150.0, 150.0];
const T3_COLS: [f32; 10] = [44.0, 150.0, 250.0, 62.0, 62.0, 62.0, 70.0, 70.0, 58.0, 62.0];
/// 表四's narrowest column; widened to hold its longest heading word
/// (结果维持) on one line, so headings never break inside a word.
const T4_MIN_COL: f32 = 58.0;
/// The longest word of 表四's column headings.
const T4_WIDEST_WORD: &str = "结果维持";

pub fn show(ui: &mut egui::Ui, st: &mut AppState) {
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .id_salt(("page", format!("{:?}", st.page)))
        .show(ui, |ui| {
            ui.set_max_width(1100.0);
            match st.page {
                Page::Cover => super::cover_page::show(ui, st),
                Page::Part(0) => part1(ui, st),
                Page::Part(1) => table_part(ui, st, 1),
                Page::Part(2) => table_part(ui, st, 2),
                Page::Part(3) => table_part(ui, st, 3),
                Page::Part(4) => {
                    ui.heading(PART_HEADINGS[4]);
                    narrative(
                        ui,
                        st,
                        "part5",
                        paragraph_names::PART5,
                        "存在的主要问题及改进情况（先写问题，再写改进措施）",
                        |r| &mut r.part5,
                    );
                }
                _ => part6(ui, st),
            }
            ui.add_space(40.0);
        });
}

fn sections(
    ui: &mut egui::Ui,
    st: &mut AppState,
    key: &str,
    part: &str,
    first_number: usize,
    canonical: &'static [&'static str],
    get: fn(&mut Report) -> &mut Vec<Section>,
) {
    let count = get(&mut st.doc.report).len();
    // A deletion waits until the loop is done: removing a section while the
    // later ones are still being drawn would index past the end.
    let mut delete: Option<usize> = None;
    for i in 0..count {
        let title = get(&mut st.doc.report)[i].title.clone();
        ui.horizontal(|ui| {
            ui.label(format!("（{}）", cn_numeral(i + first_number)));
            let id = ui.make_persistent_id((key, "title", i));
            let mut t = title.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut t)
                        .id(id)
                        .desired_width(320.0),
                )
                .accessible_name(format!("小标题{}", i + 1));
            if r.changed() {
                st.doc
                    .edit(EditTag::Field(id), move |rep| get(rep)[i].title = t);
            }
            if ui
                .small_button("删除")
                .on_hover_text("删除此小节")
                .clicked()
            {
                delete = Some(i);
            }
        });
        // The name findings give this paragraph (as `Report::narratives` does).
        let name = paragraph_names::section(part, i + first_number, &title);
        narrative(ui, st, &format!("{key}-{i}"), &name, "正文", move |r| {
            &mut get(r)[i].body
        });
    }
    if let Some(i) = delete {
        st.doc.edit(EditTag::Command, move |rep| {
            if i < get(rep).len() {
                get(rep).remove(i);
            }
        });
    }
    ui.horizontal(|ui| {
        if ui.button("＋ 添加小节").clicked() {
            let next = canonical
                .get(get(&mut st.doc.report).len() + first_number)
                .copied()
                .unwrap_or("");
            st.doc.edit(EditTag::Command, |rep| {
                get(rep).push(Section {
                    title: next.to_string(),
                    ..Section::default()
                })
            });
        }
    });
}

fn part1(ui: &mut egui::Ui, st: &mut AppState) {
    ui.heading(PART_HEADINGS[0]);
    narrative(
        ui,
        st,
        "p1-intro",
        paragraph_names::PART1_INTRO,
        "开头（可选）",
        |r| &mut r.part1.intro,
    );
    sections(
        ui,
        st,
        "p1",
        paragraph_names::PART1,
        0,
        &PART1_SECTIONS,
        |r| &mut r.part1.sections,
    );
}

fn table_part(ui: &mut egui::Ui, st: &mut AppState, part: usize) {
    ui.heading(PART_HEADINGS[part]);
    let marks = st.cell_marks();
    match part {
        1 => {
            narrative(
                ui,
                st,
                "p2",
                paragraph_names::PART2_TEXT,
                "说明文字（可选）",
                |r| &mut r.part2_text,
            );
            grid_view::show(ui, st, t2_grid(), &T2_COLS, &marks);
        }
        2 => {
            grid_view::show(ui, st, t3_grid(), &T3_COLS, &marks);
            ui.add_space(8.0);
            narrative(
                ui,
                st,
                "p3",
                paragraph_names::PART3_TEXT,
                "说明文字（可选）",
                |r| &mut r.part3_text,
            );
        }
        _ => {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let word = ui
                .painter()
                .layout_no_wrap(T4_WIDEST_WORD.to_string(), font, egui::Color32::BLACK)
                .size()
                .x;
            let col = T4_MIN_COL.max(word + 16.0);
            grid_view::show(ui, st, t4_grid(), &[col; 15], &marks);
            ui.weak("说明：复议机关作共同被告的行政诉讼案件，只由原行政行为机关统计（国办公开办函〔2016〕201号）。");
            ui.add_space(8.0);
            narrative(
                ui,
                st,
                "p4",
                paragraph_names::PART4_TEXT,
                "说明文字（可选）",
                |r| &mut r.part4_text,
            );
        }
    }
}

fn part6(ui: &mut egui::Ui, st: &mut AppState) {
    use crate::cell::Cell;
    use crate::model::Fee;
    use crate::place::Place;
    ui.heading(PART_HEADINGS[5]);
    ui.strong(format!("（一）{}", PART6_SECTIONS[0]));
    let marks = st.cell_marks();
    egui::Grid::new("fees")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for fee in Fee::ALL {
                let place = Place::Fee(fee);
                let id = ui.make_persistent_id(fee.name());
                let cell = st.doc.report.part6.fees.get(fee).clone();
                let mut text = super::cell_input::shown_text(ui, id, &cell);
                let fill = super::cell_input::fill_for_place(&marks, &place, palette::INPUT_FILL);
                let l = ui.label(fee.label());
                let mut r = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id(id)
                            .desired_width(120.0)
                            .background_color(fill),
                    )
                    .labelled_by(l.id);
                if let Some(m) = marks.get(&place) {
                    r = r.on_hover_text(m.lines().join("\n"));
                }
                if r.changed() {
                    let v = Cell::parse(&text, fee.kind());
                    super::cell_input::remember_typing(ui, id, &text, &v);
                    st.doc
                        .edit(EditTag::Field(id), |rep| *rep.part6.fees.get_mut(fee) = v);
                }
                if r.gained_focus() {
                    super::cell_input::select_all(ui, id, &text);
                }
                if r.lost_focus() {
                    super::cell_input::forget_typing(ui, id);
                }
                if st.take_focus_text(&place) {
                    r.request_focus();
                    r.scroll_to_me(Some(egui::Align::Center));
                }
                ui.end_row();
            }
        });
    if let Some(s) = crate::export::fee_sentence(&st.doc.report) {
        ui.weak(format!("导出时写作：{s}"));
    }
    ui.add_space(8.0);
    narrative(
        ui,
        st,
        "p6",
        paragraph_names::PART6_TEXT,
        "其他说明（收费情况、无则写“无”）",
        |r| &mut r.part6.text,
    );
    sections(
        ui,
        st,
        "p6s",
        paragraph_names::PART6,
        1,
        &PART6_SECTIONS,
        |r| &mut r.part6.sections,
    );
}
