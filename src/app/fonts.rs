//! The bundled CJK font (a Noto Sans SC subset, OFL), so the app never
//! depends on the machine's fonts. eframe's system-font fallback stays on for
//! rare characters in names.

use std::sync::Arc;

use crate::bundled_font::NOTO_SC;

/// Installs the font as the first proportional and a fallback monospace font.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sc".into(),
        Arc::new(egui::FontData::from_static(NOTO_SC)),
    );
    if let Some(f) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        f.insert(0, "noto_sc".into());
    }
    if let Some(f) = fonts.families.get_mut(&egui::FontFamily::Monospace) {
        f.push("noto_sc".into());
    }
    ctx.set_fonts(fonts);
    ctx.set_visuals(egui::Visuals::light());
}
