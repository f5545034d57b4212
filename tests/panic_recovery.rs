//! A panic never loses typing (its own test binary: the panic guard is
//! process-wide, so no other test's document may share it).

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::document::Document;
use nianbao::app::files::Storage;
use nianbao::app::state::{AppState, Page};
use nianbao::cell::Cell;
use nianbao::model::Report;

fn cell(key: &str) -> String {
    format!("（{key}）")
}

#[test]
fn a_panic_writes_the_recovery_file_so_no_typing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage::at(dir.path());
    nianbao::app::panic_guard::install();
    let mut st = AppState::new(Storage::at(dir.path()));
    st.doc = Document::new(Report::new("测试局", 2025), None);
    st.page = Page::Part(2);
    let mut h = Harness::builder()
        .with_size([1500.0, 2200.0])
        .with_context_setup(nianbao::app::setup_context)
        .build_ui_state(|ui, st: &mut AppState| st.ui(ui), st);
    h.run();
    h.get_by_label_contains(&cell("t3.r01.natural")).click();
    h.run();
    h.get_by_label_contains(&cell("t3.r01.natural"))
        .type_text("7");
    h.run();
    let recovery = nianbao::app::panic_guard::recovery_path(&storage);
    let _ = std::fs::remove_file(&recovery);
    // A bug somewhere in the app: the hook runs before the unwinding.
    let r = std::panic::catch_unwind(|| panic!("a bug in a test build"));
    assert!(r.is_err());
    let text = std::fs::read_to_string(&recovery).expect("recovery file written by the panic hook");
    let rec: nianbao::app::files::Recovery = ron::from_str(&text).unwrap();
    assert_eq!(rec.report.t3.0[0][0], Cell::Int(7));
}
