//! The bundled CJK font (a Noto Sans SC subset, OFL; assets/fonts/README.md):
//! the app's face, and the PDF export's fallback where the machine has none
//! of the 公文 faces. One copy in the program.

pub static NOTO_SC: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-subset.otf");

/// How the font is named where the program says which font it used.
pub const NAME: &str = "内置字体 Noto Sans SC";
