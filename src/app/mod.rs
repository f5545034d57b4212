//! The desktop app: the template as forms and grids, live totals and
//! highlighted rules, files that never lose work.
//!
//! State is kept apart from drawing: [`state::AppState`] owns the open
//! [`document::Document`] and the UI state; each file under `app/` draws one
//! panel, page or dialog. The egui layer only draws the model and turns
//! clicks and keystrokes into edits; all checking, import and export is done
//! by the library core.

use std::path::PathBuf;

pub mod cell_input;
pub mod dialogs;
pub mod document;
pub mod files;
pub mod findings_panel;
pub mod fonts;
pub mod grid_view;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod panic_guard;
pub mod startup_timing;
pub mod state;

pub use state::AppState;

/// The eframe application: a thin wrapper around [`AppState`].
pub struct NianbaoApp {
    pub state: AppState,
}

impl NianbaoApp {
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        fonts::install(&cc.egui_ctx);
        let mut state = AppState::new(files::Storage::default_location());
        state.startup(file);
        NianbaoApp { state }
    }
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.state.ui(ui);
    }
}

/// Opens the main window (blocking until it closes).
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    panic_guard::install();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("nianbao 年报")
            .with_app_id("nianbao")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "nianbao",
        options,
        Box::new(move |cc| Ok(Box::new(NianbaoApp::new(cc, file)))),
    )
    .map_err(|e| e.to_string())
}
