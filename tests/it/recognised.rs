//! Cells read from pictures wait for the clerk (issue 23, point 3): the
//! rules treat an unchecked doubtful reading as the importer's doubt, a
//! checked one as the publisher's figure; Enter on the cell, 确认此格, or a
//! value typed over it checks it; the strip above the table shows the
//! page's crop for the cell under the cursor. Runs without the models: the
//! report is built as the importer leaves a scan.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::document::{Document, EditTag};
use nianbao::app::state::AppState;
use nianbao::cell::Cell;
use nianbao::model::{ImportInfo, ImportNote, NoteKind, RecognisedCell, Report};
use nianbao::rules::{RuleId, Severity, check};
use nianbao::template::CellKey;

const DOUBTFUL: &str = "t3.r01.natural";
const SURE: &str = "t3.r01.commercial";

fn key(k: &str) -> CellKey {
    CellKey::parse(k).unwrap()
}

fn reading(cell: &str, confidence: f32, x: f32) -> RecognisedCell {
    RecognisedCell {
        cell: key(cell),
        page: 1,
        bbox: [x, 300.0, x + 30.0, 330.0],
        confidence,
        confirmed: false,
    }
}

/// The clean report as if read from a scan: 表三 r01's first two cells
/// recognised, the first below the bar (with its note), and the row's
/// printed 总计 one more than its cells add up to.
fn scanned() -> Report {
    let mut r = crate::common::clean_report();
    let sum = nianbao::compute::Totals::of(&r)
        .get(key("t3.r01.total"))
        .unwrap();
    r.published
        .insert("t3.r01.total".into(), Cell::Int(sum + 1));
    r.import = Some(ImportInfo {
        source: "扫描件.pdf".into(),
        layout: "pdf-ocr".into(),
        notes: vec![ImportNote {
            line: Some(12),
            message: "表三…自然人识别为“28”，识别把握 48%，请对照原件核对".into(),
            cells: vec![key(DOUBTFUL)],
            kind: NoteKind::Recognised,
        }],
        recognised: vec![reading(DOUBTFUL, 0.48, 400.0), reading(SURE, 0.99, 480.0)],
        ..ImportInfo::default()
    });
    r
}

fn ids(r: &Report, id: RuleId) -> Vec<(Severity, String)> {
    check(r, None)
        .into_iter()
        .filter(|f| f.id == id)
        .map(|f| (f.severity, f.message))
        .collect()
}

#[test]
fn a_sum_failing_over_an_unchecked_reading_blames_the_reading_until_the_clerk_checks_it() {
    let mut r = scanned();
    assert!(ids(&r, RuleId::B1).is_empty(), "no B over a doubtful cell");
    let import = ids(&r, RuleId::Import);
    assert!(
        import
            .iter()
            .any(|(s, m)| *s == Severity::Error && m.contains("可能是识别错误")),
        "{import:?}"
    );
    assert!(
        import
            .iter()
            .any(|(s, m)| *s == Severity::Warning && m.contains("识别把握 48%"))
    );

    // The clerk compares the page and confirms the 28: the sum's failure is
    // now the publisher's, and the doubt a note that says it was checked.
    assert!(r.import.as_mut().unwrap().confirm(key(DOUBTFUL)));
    assert!(!r.import.as_mut().unwrap().confirm(key(DOUBTFUL)), "once");
    let b1 = ids(&r, RuleId::B1);
    assert_eq!(b1.len(), 1, "{b1:?}");
    let import = ids(&r, RuleId::Import);
    assert!(!import.iter().any(|(_, m)| m.contains("可能是识别错误")));
    assert!(
        import
            .iter()
            .any(|(s, m)| *s == Severity::Note && m.contains("已对照原件核对")),
        "{import:?}"
    );
}

#[test]
fn cells_left_to_check_are_each_listed_once_and_a_checked_one_survives_the_project_file() {
    let mut r = scanned();
    // A second box naming the same cell (read by text, not by order).
    r.import
        .as_mut()
        .unwrap()
        .recognised
        .push(reading(DOUBTFUL, 0.7, 400.0));
    // And a box of lower confidence shared with the other cell (matched by
    // text): the crop shows the box that names the cell alone.
    let mut shared = reading(DOUBTFUL, 0.3, 600.0);
    r.import.as_mut().unwrap().recognised.push(shared.clone());
    shared.cell = key(SURE);
    r.import.as_mut().unwrap().recognised.push(shared);
    let info = r.import.as_ref().unwrap();
    let left: Vec<&str> = info.to_confirm().iter().map(|c| c.cell.name()).collect();
    assert_eq!(left, [DOUBTFUL, SURE]);
    assert_eq!(info.recognised(key(DOUBTFUL)).unwrap().confidence, 0.48);
    assert_eq!(info.recognised(key(SURE)).unwrap().bbox[0], 480.0);
    r.import.as_mut().unwrap().confirm(key(DOUBTFUL));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.ron");
    nianbao::project::save(&r, &path).unwrap();
    let back = nianbao::project::load(&path).unwrap();
    let info = back.import.as_ref().unwrap();
    assert!(info.confirmed(key(DOUBTFUL)) && !info.confirmed(key(SURE)));
    assert_eq!(info.to_confirm().len(), 1);
}

#[test]
fn a_value_typed_over_a_reading_is_the_clerks_and_undo_takes_that_back_too() {
    let mut doc = Document::new(scanned(), None);
    doc.edit(EditTag::Command, |r| {
        *r.input_mut(key(DOUBTFUL)).unwrap() = Cell::Int(29)
    });
    assert!(doc.report.import.as_ref().unwrap().confirmed(key(DOUBTFUL)));
    assert!(!doc.report.import.as_ref().unwrap().confirmed(key(SURE)));
    doc.undo();
    assert!(!doc.report.import.as_ref().unwrap().confirmed(key(DOUBTFUL)));
}

fn harness(dir: &std::path::Path, pages: Vec<image::GrayImage>) -> Harness<'static, AppState> {
    let mut st = crate::common::on_table_three(dir, scanned());
    st.doc.pages = pages;
    crate::common::table_window(st, [1366.0, 1600.0])
}

fn cell_label(k: &str) -> String {
    format!("（{k}）")
}

#[test]
fn the_strip_shows_the_page_around_the_cell_and_enter_checks_it() {
    let dir = tempfile::tempdir().unwrap();
    let page = image::GrayImage::from_pixel(1200, 1600, image::Luma([255]));
    let mut h = harness(dir.path(), vec![page]);
    assert!(h.query_by_label_contains("带此角标的 2 格").is_some());
    assert!(h.query_by_label_contains("选中一个带角标的格子").is_some());

    h.get_by_label_contains(&cell_label(DOUBTFUL)).click();
    h.run();
    assert!(h.query_by_label_contains("第 1 页，识别把握 48%").is_some());
    assert!(h.state().doc.crop.is_some(), "the crop was made");
    h.key_press(Key::Enter);
    h.run();
    let info = h.state().doc.report.import.clone().unwrap();
    assert!(info.confirmed(key(DOUBTFUL)), "Enter checked it");
    assert!(!info.confirmed(key(SURE)), "and only it");
    assert!(
        h.state().status.contains("还有 1 格待核对"),
        "{}",
        h.state().status
    );
    assert!(h.query_by_label_contains("带此角标的 1 格").is_some());

    // 下一格待核对 goes to the one left; 确认此格 checks it.
    h.get_by_label("下一格待核对").click();
    h.run();
    h.run();
    assert_eq!(h.state().sheet.as_ref().map(|s| s.active), Some(key(SURE)));
    h.get_by_label("确认此格（Enter）").click();
    h.run();
    assert!(
        h.state()
            .doc
            .report
            .import
            .as_ref()
            .unwrap()
            .confirmed(key(SURE))
    );
    assert!(h.query_by_label_contains("已全部核对").is_some());
}

#[test]
fn without_the_pictures_the_strip_says_where_to_look() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), Vec::new());
    h.get_by_label_contains(&cell_label(DOUBTFUL)).click();
    h.run();
    assert!(
        h.query_by_label_contains("原件图片不随项目文件保存：请对照原件（扫描件.pdf）第 1 页核对")
            .is_some()
    );
}
