//! The recognition models: which files, their checksums, where the program
//! looks for them. The one home of these facts — `.ci/fetch-ocr-models`
//! reads the table below, and the packages ship the folder it fills.
//!
//! The models are PaddleOCR's PP-OCRv4 Chinese detector and recogniser
//! (Apache-2.0), as the PyPI wheel `rapidocr-onnxruntime` 1.4.4 carries them
//! in ONNX form. They are never downloaded at run time: a program without
//! them reads every text form and says what is missing for an image.

use std::path::{Path, PathBuf};

/// The wheel the models are taken from (by the build and packaging steps).
pub const WHEEL: &str = "rapidocr-onnxruntime==1.4.4";

/// One model file: its name in the folder and in the wheel, its size and SHA-256.
pub struct ModelFile {
    pub name: &'static str,
    pub bytes: u64,
    pub sha256: &'static str,
}

/// Finds the text lines on a page.
pub const DETECTOR: ModelFile = ModelFile {
    name: "ch_PP-OCRv4_det_infer.onnx",
    bytes: 4_745_517,
    sha256: "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9",
};

/// Reads one text line; its character list is in the model's metadata.
pub const RECOGNISER: ModelFile = ModelFile {
    name: "ch_PP-OCRv4_rec_infer.onnx",
    bytes: 10_857_958,
    sha256: "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b",
};

/// Every file the folder must hold.
pub const FILES: [&ModelFile; 2] = [&DETECTOR, &RECOGNISER];

/// The folder's name beside the program (and under `target/` in a checkout).
pub const FOLDER: &str = "ocr-models";

/// Environment variable naming the folder explicitly.
pub const ENV: &str = "NIANBAO_OCR_MODELS";

/// The folders searched, in order: `$NIANBAO_OCR_MODELS`, `ocr-models` beside
/// the program, the Linux packages' `/usr/share/nianbao/ocr-models` (or `../share`
/// of a program in a `bin` folder), and, for a checkout, `target/ocr-models`
/// above the program (`target/debug/…`, `target/release/deps/…`).
pub fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = std::env::var_os(ENV) {
        out.push(PathBuf::from(dir));
    }
    if let Ok(exe) = std::env::current_exe() {
        let mut dir = exe.parent();
        if let Some(d) = dir {
            out.push(d.join(FOLDER));
            if d.ends_with("bin")
                && let Some(prefix) = d.parent()
            {
                out.push(prefix.join("share/nianbao").join(FOLDER));
            }
        }
        // A checkout: target/<profile>[/deps]/program.
        while let Some(d) = dir {
            if d.file_name().is_some_and(|n| n == "target") {
                out.push(d.join(FOLDER));
                break;
            }
            dir = d.parent();
        }
    }
    out.push(PathBuf::from("/usr/share/nianbao").join(FOLDER));
    out
}

/// The first folder that holds every model file with its expected size
/// (the checksum is checked when the folder is filled, not at every start:
/// hashing 15 MB at each import would cost more than it protects).
pub fn find() -> Option<PathBuf> {
    candidates().into_iter().find(|d| complete(d))
}

/// Whether `dir` holds every model file with its expected size.
pub fn complete(dir: &Path) -> bool {
    FILES.iter().all(|f| {
        std::fs::metadata(dir.join(f.name))
            .map(|m| m.len() == f.bytes)
            .unwrap_or(false)
    })
}

/// What the clerk is told when the models are missing.
pub fn missing_message() -> String {
    format!(
        "此文件是图片（扫描件），需要文字识别模型才能读取，但本机未安装：请把 {} 文件夹放在程序旁边（安装包中已附带），或用环境变量 {ENV} 指明其位置",
        FOLDER
    )
}
