//! Step 1 for pictures: a report published as images — a scanned PDF (its
//! page images, taken from the file as they are), a `.png`/`.jpg`/`.tif` of a
//! page or a table — read by offline recognition ([`crate::ocr`]) into runs
//! with their place, as a PDF's characters are, for the text reader. Every
//! box also comes back as a [`Boxed`] reading — its place, its confidence,
//! whether it is doubtful — so the cells read from it keep them.

use image::GrayImage;

use crate::import::doc::{Recognised, is_number};
use crate::import::runs::Run;
use crate::ocr::{self, Go, OcrError, PageText, Progress};

/// Pixels accepted at most per image (a 600 dpi A3 scan is 70 M).
pub const MAX_PIXELS: u64 = 80_000_000;
/// Images read at most from one file (pages of a scan).
pub const MAX_IMAGES: usize = 60;
/// An image smaller than this on either side is a logo or a seal, not a page.
pub const MIN_SIDE: u32 = 200;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImageError {
    #[error("图片无法解码（{0}）")]
    Undecodable(String),
    #[error("图片过大（{0} 万像素，上限 {max} 万）", max = MAX_PIXELS / 10_000)]
    TooLarge(u64),
    #[error("没有识别出任何文字")]
    NoText,
    #[error(transparent)]
    Ocr(#[from] OcrError),
}

/// What one recognised box said, where, and how surely; `run` is its run's
/// index in the runs returned.
#[derive(Clone, Debug, PartialEq)]
pub struct Boxed {
    pub page: usize,
    pub run: usize,
    pub text: String,
    pub confidence: f32,
    pub doubtful: bool,
    /// Left, top, right, bottom, in pixels of the (levelled) page image.
    pub bbox: [f32; 4],
}

/// Whether `bytes` are a picture format the importer reads.
pub fn is_image(bytes: &[u8]) -> bool {
    matches!(
        image::guess_format(bytes),
        Ok(image::ImageFormat::Png
            | image::ImageFormat::Jpeg
            | image::ImageFormat::Tiff
            | image::ImageFormat::Bmp)
    )
}

/// A picture file as a grey page, within the size limit.
pub fn decode(bytes: &[u8]) -> Result<GrayImage, ImageError> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Undecodable(e.to_string()))?;
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| ImageError::Undecodable(e.to_string()))?;
    grey_within_limits(w, h, || {
        image::load_from_memory(bytes).map_err(|e| ImageError::Undecodable(e.to_string()))
    })
}

/// Checks the size before decoding, then makes the page grey.
pub fn grey_within_limits(
    w: u32,
    h: u32,
    load: impl FnOnce() -> Result<image::DynamicImage, ImageError>,
) -> Result<GrayImage, ImageError> {
    let pixels = w as u64 * h as u64;
    if pixels > MAX_PIXELS {
        return Err(ImageError::TooLarge(pixels / 10_000));
    }
    Ok(load()?.to_luma8())
}

/// The pages read into runs (one page per image), with every box's reading
/// and the pages as read (levelled), which the boxes' places refer to.
pub fn runs(
    pages: Vec<GrayImage>,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<(Vec<Run>, Vec<Boxed>, Vec<GrayImage>), ImageError> {
    let texts = ocr::read_pages(&pages, progress)?;
    let (runs, boxes) = runs_of(&texts);
    if runs.is_empty() {
        return Err(ImageError::NoText);
    }
    let read = texts
        .into_iter()
        .zip(pages)
        .map(|(t, page)| t.levelled.unwrap_or(page))
        .collect();
    Ok((runs, boxes, read))
}

/// Recognised boxes as runs: a box's height is about 1.4 times its
/// characters' size (the detector's margin), its middle their middle.
pub fn runs_of(pages: &[PageText]) -> (Vec<Run>, Vec<Boxed>) {
    let mut runs = Vec::new();
    let mut boxes = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        for b in &page.boxes {
            let size = ((b.y1 - b.y0) / 1.4).max(1.0);
            boxes.push(Boxed {
                page: i + 1,
                run: runs.len(),
                text: b.text.clone(),
                confidence: b.confidence.min(b.weakest),
                doubtful: b.doubtful(),
                bbox: [b.x0, b.y0, b.x1, b.y1],
            });
            runs.push(Run {
                page: i + 1,
                x: b.x0,
                y: (b.y0 + b.y1) / 2.0 + 0.35 * size,
                x_end: b.x1,
                text: crate::import::normalize::drop_cjk_spaces(&b.text),
                font_size: size,
            });
        }
    }
    (runs, boxes)
}

/// Each box as a piece of its laid-out line (`line_of`: each run's line, from
/// [`crate::import::runs::layout`]), with where its numbers stand among the
/// numbers of that line, left to right — how the cells read there are
/// matched to it.
pub fn pieces(runs: &[Run], boxes: Vec<Boxed>, line_of: &[usize]) -> Vec<Recognised> {
    let numbers = |text: &str| text.split_whitespace().filter(|p| is_number(p)).count();
    // Each line's runs, left to right, found once.
    let mut lines: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, &line) in line_of.iter().enumerate() {
        lines.entry(line).or_default().push(i);
    }
    for on_line in lines.values_mut() {
        on_line.sort_by(|&a, &b| runs[a].x.total_cmp(&runs[b].x));
    }
    boxes
        .into_iter()
        .map(|d| {
            let line = line_of[d.run];
            let on_line = &lines[&line];
            let before: usize = on_line
                .iter()
                .take_while(|&&i| i != d.run)
                .map(|&i| numbers(&runs[i].text))
                .sum();
            let all: usize = on_line.iter().map(|&i| numbers(&runs[i].text)).sum();
            Recognised {
                line,
                page: d.page,
                text: d.text,
                confidence: d.confidence,
                doubtful: d.doubtful,
                bbox: d.bbox,
                numbers_before: before,
                numbers_on_line: all,
            }
        })
        .collect()
}
