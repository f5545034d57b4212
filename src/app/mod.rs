//! The desktop app (egui).

pub fn run(_file: Option<std::path::PathBuf>) -> Result<(), String> {
    Err("not yet".into())
}
