//! The integration tests, one crate: each module was once its own test
//! binary, and each binary linked the whole program (eframe, pdf_oxide) —
//! fifteen links before the first test ran. `cargo test -- seeds::` runs one
//! module. The panic guard's test stays apart (`tests/panic_recovery.rs`):
//! its hook is process-wide and would write recovery files for every other
//! test's panic.

mod common;

mod app;
mod cli;
mod examples;
mod export_roundtrip;
mod fuzz_import;
mod grid;
mod hostile_inputs;
mod import_edge_cases;
mod import_forms;
mod import_layouts;
mod import_real_world;
mod ocr;
mod project;
mod real_samples;
mod recognised;
mod render_matrix;
mod rules;
mod seeds;
mod sheet;
