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

/// Pictures read: their runs, every box's reading, and the pages as read
/// (levelled), which the boxes' places refer to.
pub struct Read {
    pub runs: Vec<Run>,
    pub boxes: Vec<Boxed>,
    pub pages: Vec<GrayImage>,
}

/// The least gap between two boxes of numbers in a row, in ems: more than
/// the layout's quarter em under which it joins two runs into one word.
const APART: f32 = 0.3;

/// The pages read into runs (one page per image).
pub fn runs(
    pages: Vec<GrayImage>,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Read, ImageError> {
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
    Ok(Read {
        runs,
        boxes,
        pages: read,
    })
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
    one_baseline_per_row(&mut runs, &boxes);
    (runs, boxes)
}

/// The numbers of a table row, each its own box, come out a few pixels
/// apart; beside a label of two lines that is enough to split the row over
/// two lines of text. Boxes of numbers that overlap each other vertically
/// by most of their height get one baseline, the median of theirs. And each
/// box is one reading: two figures either side of a cell's rule (a box cut
/// or trimmed at it) stand a rule's width apart, which the layout would
/// glue into one number ("0", "0" → "00"); they are kept a space apart.
fn one_baseline_per_row(runs: &mut [Run], boxes: &[Boxed]) {
    let mut numbers: Vec<&Boxed> = boxes.iter().filter(|b| is_number(&b.text)).collect();
    numbers.sort_by(|a, b| {
        (a.page, a.bbox[1] + a.bbox[3])
            .partial_cmp(&(b.page, b.bbox[1] + b.bbox[3]))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let overlap = |a: &Boxed, b: &Boxed| {
        let common = a.bbox[3].min(b.bbox[3]) - a.bbox[1].max(b.bbox[1]);
        let shorter = (a.bbox[3] - a.bbox[1]).min(b.bbox[3] - b.bbox[1]);
        a.page == b.page && common >= 0.6 * shorter
    };
    let mut start = 0;
    while start < numbers.len() {
        let mut end = start + 1;
        while end < numbers.len() && overlap(numbers[start], numbers[end]) {
            end += 1;
        }
        let mut ys: Vec<f32> = numbers[start..end].iter().map(|b| runs[b.run].y).collect();
        ys.sort_by(f32::total_cmp);
        let median = ys[ys.len() / 2];
        for b in &numbers[start..end] {
            runs[b.run].y = median;
        }
        let mut row: Vec<usize> = numbers[start..end].iter().map(|b| b.run).collect();
        row.sort_by(|&a, &b| runs[a].x.total_cmp(&runs[b].x));
        for pair in row.windows(2) {
            let (left, right) = (pair[0], pair[1]);
            let apart = APART * runs[left].font_size.min(runs[right].font_size);
            if runs[right].x - runs[left].x_end < apart {
                runs[left].x_end = (runs[right].x - apart).max(runs[left].x);
            }
        }
        start = end;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A box of hzq2024's scanned 表四 row (200 dpi).
    fn figure(x0: f32, x1: f32, text: &str) -> ocr::Recognised {
        ocr::Recognised {
            x0,
            y0: 1228.0,
            x1,
            y1: 1277.0,
            text: text.into(),
            confidence: 0.9,
            weakest: 0.9,
        }
    }

    #[test]
    fn figures_either_side_of_a_rule_stay_two_numbers() {
        // The middle box was trimmed at the rule between it and the first.
        let page = PageText {
            width: 1654,
            height: 2339,
            skew: 0.0,
            boxes: vec![
                figure(738.0, 792.0, "0"),
                figure(799.0, 861.0, "0"),
                figure(880.0, 927.0, "1"),
            ],
            levelled: None,
        };
        let (runs, _) = runs_of(&[page]);
        let text = crate::import::runs::layout_text(&runs);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["0", "0", "1"],
            "{text:?}"
        );
    }
}
