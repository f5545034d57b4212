//! Benchmark of the editor: CPU time of one frame of the 表三 page with a full
//! report open, driven headlessly through egui_kittest (no GPU, no window).
//! Run with `cargo bench --bench editor`; reports the median over many frames.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::app::document::Document;
use nianbao::app::files::Storage;
use nianbao::app::state::{AppState, Page};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_examples/violations.ron");
    let report = nianbao::project::load(&path).unwrap();
    let dir = std::env::temp_dir().join(format!("nianbao-bench-editor-{}", std::process::id()));
    let mut st = AppState::new(Storage::at(&dir));
    st.doc = Document::new(report, Some(path));
    st.page = Page::Part(2);
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .with_context_setup(nianbao::app::setup_context)
        .build_ui_state(|ui, st: &mut AppState| st.ui(ui), st);
    h.run();
    // Idle frames (nothing changed).
    let mut idle = Vec::new();
    for _ in 0..300 {
        let t = Instant::now();
        h.step();
        idle.push(t.elapsed());
    }
    // Frames after a keystroke in a T3 cell: totals and all rules recomputed.
    h.get_by_label_contains("（t3.r05.natural）").click();
    h.run();
    let mut typing = Vec::new();
    for i in 0..300 {
        h.get_by_label_contains("（t3.r05.natural）")
            .type_text(if i % 2 == 0 { "1" } else { "2" });
        let t = Instant::now();
        h.step();
        typing.push(t.elapsed());
    }
    println!(
        "T3 page frame, idle       median {:>8.3} ms",
        median(idle).as_secs_f64() * 1e3
    );
    println!(
        "T3 page frame, keystroke  median {:>8.3} ms",
        median(typing).as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(dir);
}
