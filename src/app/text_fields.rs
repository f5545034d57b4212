//! The text fields of the editor pages: a one-line field and a narrative
//! editor, each bound to a piece of the report (one undo step per typing run).

use super::document::EditTag;
use super::palette;
use super::state::AppState;
use crate::model::{Narrative, Report};
use crate::place::Place;

/// Width of narrative editors: a comfortable line length, also inside the horizontally scrolling page.
const NARRATIVE_WIDTH: f32 = 900.0;

/// A single-line text field bound to a string of the report; `place` is
/// what a finding on it names (a click on the finding focuses the field).
pub fn text_field(
    ui: &mut egui::Ui,
    st: &mut AppState,
    label: &str,
    width: f32,
    place: Option<Place>,
    get: impl Fn(&mut Report) -> &mut String,
) {
    let id = ui.make_persistent_id(("field", label));
    let mut text = get(&mut st.doc.report).clone();
    let l = ui.label(label);
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(width),
        )
        .labelled_by(l.id);
    if r.changed() {
        st.doc.edit(EditTag::Field(id), |rep| *get(rep) = text);
    }
    if place.is_some_and(|p| st.take_focus_text(&p)) {
        r.request_focus();
        r.scroll_to_me(Some(egui::Align::Center));
    }
}

/// A multi-line editor that grows with its text, with a character count and
/// the carried-over mark (S3). `name` is the paragraph's name in findings
/// (`Report::narratives`): a click on such a finding focuses and shows it.
pub fn narrative(
    ui: &mut egui::Ui,
    st: &mut AppState,
    key: &str,
    name: &str,
    label: &str,
    get: impl Fn(&mut Report) -> &mut Narrative,
) {
    let id = ui.make_persistent_id(("narrative", key));
    let n = get(&mut st.doc.report).clone();
    let l = ui.horizontal(|ui| {
        let l = ui.strong(label);
        ui.weak(format!(
            "{} 字",
            n.text.chars().filter(|c| !c.is_whitespace()).count()
        ));
        if let Some(share) = n
            .carried_share()
            .filter(|s| *s >= crate::rules::s3_carried_over::STILL_LAST_YEARS)
        {
            ui.colored_label(
                palette::WARNING_TEXT,
                format!("● 约 {:.0}% 沿用上年原文，请改写后再发布", share * 100.0),
            );
        }
        l
    });
    let mut text = n.text.clone();
    let r = ui.add(
        egui::TextEdit::multiline(&mut text)
            .id(id)
            .desired_width(NARRATIVE_WIDTH)
            .desired_rows(3)
            .lock_focus(false),
    );
    let r = r.labelled_by(l.inner.id);
    if r.changed() {
        st.doc.edit(EditTag::Field(id), |rep| get(rep).text = text);
    }
    if st.take_focus_text(&Place::Paragraph(name.to_string())) {
        r.request_focus();
        ui.scroll_to_rect(l.response.rect.union(r.rect), Some(egui::Align::Center));
    }
    ui.add_space(10.0);
}
