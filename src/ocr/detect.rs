//! Finding the text on a page: PP-OCRv4's detector (a DB network) gives each
//! pixel a probability of being text; the text boxes are the connected
//! regions of that map, grown back by the margin the network was trained to
//! shrink them by. Pre- and post-processing follow RapidOCR's settings
//! (threshold 0.3, box score 0.5, unclip 1.6).

use image::GrayImage;
use image::imageops::{FilterType, resize};

use super::net::Net;

/// The shorter side is scaled to this (RapidOCR scales up to 736 at least
/// and never down; a page scanned at 200 or 300 dpi is scaled down here:
/// its text is still 15 pixels high or more, and finding it costs a third).
const SHORT_SIDE: u32 = 1024;
/// And the longer side down to this at most.
const MAX_SIDE: u32 = 2000;
/// A pixel is text above this probability.
const THRESHOLD: f32 = 0.3;
/// A region is kept when its mean probability is above this.
const BOX_SCORE: f32 = 0.5;
/// How far a region is grown back, relative to its area over its perimeter.
const UNCLIP: f32 = 1.6;

/// A text box on the page, in pixels of the page image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl TextBox {
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// The size the page is given to the network at: both sides multiples of 32.
fn input_size(w: u32, h: u32) -> (u32, u32) {
    let short = w.min(h) as f32;
    let long = w.max(h) as f32;
    let mut ratio = SHORT_SIDE as f32 / short;
    if long * ratio > MAX_SIDE as f32 {
        ratio = MAX_SIDE as f32 / long;
    }
    let round = |v: f32| (((v * ratio) / 32.0).round() as u32).max(1) * 32;
    (round(w as f32), round(h as f32))
}

/// A picture taller than this (height over width) is read in bands: a long
/// screenshot of a web page, scaled whole to [`MAX_SIDE`], would shrink its
/// text below what the detector finds (a 642 × 3062 screenshot to 416 × 2000).
const MAX_ASPECT: f32 = MAX_SIDE as f32 / SHORT_SIDE as f32;
/// A band is as tall as an A4 page is for its width.
const BAND_ASPECT: f32 = 1.414;
/// Bands read at most from one picture (a screenshot 24 A4 pages long); a
/// longer one gets taller bands. A sliver narrower than [`MIN_BAND_WIDTH`]
/// is read whole.
const MAX_BANDS: u32 = 24;
const MIN_BAND_WIDTH: u32 = 200;

/// The text boxes of a (level) page, top to bottom.
pub fn boxes(net: &Net, page: &GrayImage) -> Result<Vec<TextBox>, String> {
    let (w, h) = page.dimensions();
    let plan = bands(w, h);
    if plan.len() == 1 {
        return boxes_whole(net, page);
    }
    let mut found = Vec::with_capacity(plan.len());
    for b in &plan {
        let part = image::imageops::crop_imm(page, 0, b.top, w, b.bottom - b.top).to_image();
        let shift = |f: TextBox| TextBox {
            y0: f.y0 + b.top as f32,
            y1: f.y1 + b.top as f32,
            ..f
        };
        found.push(boxes_whole(net, &part)?.into_iter().map(shift).collect());
    }
    Ok(merge_bands(&plan, found))
}

/// The boxes of a picture read in bands, each line once. Where two bands both
/// see a box, the one that sees it farther from its edge keeps it (for the
/// same box in both, that is the band whose own part holds its middle). A box
/// that a band's edge cuts is left to the band that has it whole; one taller
/// than the overlap, cut by both, is joined from its two pieces.
fn merge_bands(plan: &[Band], found: Vec<Vec<TextBox>>) -> Vec<TextBox> {
    let last = plan.len() - 1;
    // (box, band, distance of its middle from the band's inner edges)
    let mut whole: Vec<(TextBox, usize, f32)> = Vec::new();
    let mut cut_below: Vec<(TextBox, usize)> = Vec::new();
    let mut cut_above: Vec<(TextBox, usize)> = Vec::new();
    for (i, (b, boxes)) in plan.iter().zip(found).enumerate() {
        let (top, bottom) = (b.top as f32, b.bottom as f32);
        for f in boxes {
            let (above, below) = (i > 0 && f.y0 <= top + 1.0, i < last && f.y1 >= bottom - 1.0);
            let middle = (f.y0 + f.y1) / 2.0;
            let margin = match (i > 0, i < last) {
                (true, true) => (middle - top).min(bottom - middle),
                (true, false) => middle - top,
                (false, true) => bottom - middle,
                (false, false) => f32::INFINITY,
            };
            match (above, below) {
                (false, false) => whole.push((f, i, margin)),
                (false, true) => cut_below.push((f, i)),
                (true, false) => cut_above.push((f, i)),
                // Cut at both edges: taller than a band, which a line is not.
                (true, true) => {}
            }
        }
    }
    whole.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut out: Vec<(TextBox, usize)> = Vec::new();
    for (f, i, _) in whole {
        if !out.iter().any(|&(o, j)| j != i && same_text(o, f)) {
            out.push((f, i));
        }
    }
    for &(upper, i) in &cut_below {
        // The two pieces of one box: the upper begins above the lower band
        // and the lower ends below the upper band (two figures of a column,
        // one cut by each edge, are no such pair).
        let lower = cut_above.iter().find(|&&(l, j)| {
            j == i + 1
                && upper.y0 < plan[j].top as f32
                && l.y1 > plan[i].bottom as f32
                && overlap(upper.x0, upper.x1, l.x0, l.x1) >= 0.5
        });
        if let Some(&(lower, _)) = lower {
            let joined = TextBox {
                x0: upper.x0.min(lower.x0),
                y0: upper.y0,
                x1: upper.x1.max(lower.x1),
                y1: lower.y1,
            };
            if !out.iter().any(|&(o, _)| same_text(o, joined)) {
                out.push((joined, i));
            }
        }
    }
    let mut out: Vec<TextBox> = out.into_iter().map(|(f, _)| f).collect();
    out.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    out
}

/// Whether two boxes from different bands are one text seen twice: they
/// share at least half of the smaller one.
fn same_text(a: TextBox, b: TextBox) -> bool {
    let w = (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0);
    let h = (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0);
    let smaller = (a.width() * a.height()).min(b.width() * b.height());
    smaller > 0.0 && w * h >= 0.5 * smaller
}

/// How much of the shorter of two spans they share, 0–1.
fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    let shorter = (a1 - a0).min(b1 - b0);
    if shorter <= 0.0 {
        return 0.0;
    }
    ((a1.min(b1) - a0.max(b0)).max(0.0) / shorter).min(1.0)
}

/// One band of a tall picture: the rows it is read from.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Band {
    top: u32,
    bottom: u32,
}

/// The bands a picture of `w` × `h` is read in (one: read whole). Bands
/// overlap by more than a line of text with its two-line labels, so every
/// such line is whole in one band at least.
fn bands(w: u32, h: u32) -> Vec<Band> {
    if h as f32 <= w as f32 * MAX_ASPECT || w < MIN_BAND_WIDTH {
        return vec![Band { top: 0, bottom: h }];
    }
    let overlap = (w / 8).max(96);
    let band = ((w as f32 * BAND_ASPECT) as u32).max(h.div_ceil(MAX_BANDS) + overlap);
    let mut out: Vec<Band> = Vec::new();
    let mut top = 0;
    loop {
        let bottom = (top + band).min(h);
        out.push(Band { top, bottom });
        if bottom == h {
            return out;
        }
        top = bottom - overlap;
    }
}

/// The text boxes of a page read whole, top to bottom.
fn boxes_whole(net: &Net, page: &GrayImage) -> Result<Vec<TextBox>, String> {
    let (w, h) = input_size(page.width(), page.height());
    let scaled = resize(page, w, h, FilterType::Triangle);
    let plane: Vec<f32> = scaled
        .pixels()
        .map(|p| p.0[0] as f32 / 127.5 - 1.0)
        .collect();
    let mut data = Vec::with_capacity(plane.len() * 3);
    for _ in 0..3 {
        data.extend_from_slice(&plane);
    }
    let (shape, prob) = net.run(&[1, 3, h as usize, w as usize], data)?;
    let (mh, mw) = match shape.as_slice() {
        [1, 1, mh, mw] => (*mh, *mw),
        other => return Err(format!("检测模型输出形状不对：{other:?}")),
    };
    let sx = page.width() as f32 / mw as f32;
    let sy = page.height() as f32 / mh as f32;
    let mut out: Vec<TextBox> = regions(&prob, mw, mh)
        .into_iter()
        .map(|b| TextBox {
            x0: (b.x0 * sx).max(0.0),
            y0: (b.y0 * sy).max(0.0),
            x1: (b.x1 * sx).min(page.width() as f32),
            y1: (b.y1 * sy).min(page.height() as f32),
        })
        .filter(|b| b.width() > 3.0 && b.height() > 3.0)
        .collect();
    out.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    Ok(out)
}

/// Connected regions of the thresholded map (dilated by one pixel right and
/// down, as RapidOCR does), scored, grown, in map pixels.
fn regions(prob: &[f32], w: usize, h: usize) -> Vec<TextBox> {
    let mut on = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            if prob[y * w + x] > THRESHOLD {
                // 2×2 dilation: this pixel lights itself and its left and upper neighbours.
                on[y * w + x] = true;
                if x > 0 {
                    on[y * w + x - 1] = true;
                }
                if y > 0 {
                    on[(y - 1) * w + x] = true;
                    if x > 0 {
                        on[(y - 1) * w + x - 1] = true;
                    }
                }
            }
        }
    }
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !on[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        let (mut sum, mut n) = (0.0f64, 0usize);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            sum += prob[i] as f64;
            n += 1;
            let mut visit = |j: usize| {
                if on[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
        if bw.min(bh) < 3.0 || (sum / n as f64) < BOX_SCORE as f64 {
            continue;
        }
        let grow = bw * bh * UNCLIP / (2.0 * (bw + bh));
        out.push(TextBox {
            x0: x0 as f32 - grow,
            y0: y0 as f32 - grow,
            x1: (x1 + 1) as f32 + grow,
            y1: (y1 + 1) as f32 + grow,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_sides_are_multiples_of_32_within_the_limits() {
        assert_eq!(input_size(1240, 1754), (1024, 1440));
        let (w, h) = input_size(600, 800);
        assert_eq!((w % 32, h % 32), (0, 0));
        assert!(w >= 1024 - 16);
        let (w, h) = input_size(2480, 3508);
        assert!(h <= 2000 + 16 && w % 32 == 0);
    }

    #[test]
    fn tall_pictures_are_read_in_overlapping_bands_that_cover_the_picture() {
        assert_eq!(bands(1240, 1754).len(), 1, "an A4 page is read whole");
        assert_eq!(bands(150, 4000).len(), 1, "a sliver is read whole");
        for (w, h) in [(660, 3090), (990, 4635), (400, 100_000), (1280, 2600)] {
            let b = bands(w, h);
            assert!(
                b.len() > 1 && b.len() as u32 <= MAX_BANDS + 1,
                "{w}×{h}: {}",
                b.len()
            );
            assert_eq!((b[0].top, b[b.len() - 1].bottom), (0, h));
            for pair in b.windows(2) {
                // The overlap holds a line twice over.
                assert!(pair[0].bottom - pair[1].top >= 96, "{w}×{h}");
                assert!(pair[0].top < pair[1].top, "{w}×{h}");
            }
        }
    }

    fn at(x0: f32, y0: f32, x1: f32, y1: f32) -> TextBox {
        TextBox { x0, y0, x1, y1 }
    }

    /// Bands 0–1000 and 900–1900: the overlap's middle is row 950.
    fn two_bands() -> [Band; 2] {
        [
            Band {
                top: 0,
                bottom: 1000,
            },
            Band {
                top: 900,
                bottom: 1900,
            },
        ]
    }

    #[test]
    fn a_line_read_in_two_bands_is_kept_once_and_one_read_in_one_is_kept() {
        let plan = two_bands();
        // A line centred on the seam, seen a pixel apart by the two bands:
        // by the old rule (middle in the band's own half) kept by neither;
        // now by the upper band, which sees it farther from its edge.
        let (seam_a, seam_b) = (at(10.0, 941.0, 200.0, 960.0), at(10.0, 939.0, 200.0, 958.0));
        // Another line in the overlap that only the lower band found.
        let only_b = at(300.0, 910.0, 400.0, 930.0);
        // Lines well inside one band, and a line cut by the upper band's
        // edge that the lower band has whole.
        let (inside_a, inside_b) = (at(10.0, 100.0, 90.0, 120.0), at(10.0, 1500.0, 90.0, 1520.0));
        let (cut, whole) = (
            at(500.0, 985.0, 600.0, 1000.0),
            at(500.0, 985.0, 600.0, 1004.0),
        );
        let found = vec![
            vec![inside_a, seam_a, cut],
            vec![only_b, seam_b, whole, inside_b],
        ];
        let got = merge_bands(&plan, found);
        assert_eq!(got, [inside_a, only_b, seam_a, whole, inside_b], "{got:?}");
    }

    #[test]
    fn a_box_taller_than_the_overlap_is_joined_from_its_two_pieces() {
        let plan = two_bands();
        // A label set one character per line, rows 850–1080, and a line beside it.
        let upper = at(20.0, 850.0, 50.0, 1000.0);
        let lower = at(21.0, 900.0, 49.0, 1080.0);
        let beside = at(80.0, 940.0, 300.0, 958.0);
        let got = merge_bands(&plan, vec![vec![upper, beside], vec![lower, beside]]);
        assert_eq!(got, [at(20.0, 850.0, 50.0, 1080.0), beside], "{got:?}");
        // Two figures of one column, each cut by one band's edge and whole in
        // the other: each kept whole, never joined into one box.
        let (high, low) = (
            at(300.0, 890.0, 320.0, 912.0),
            at(300.0, 990.0, 320.0, 1010.0),
        );
        let found = vec![
            vec![high, at(300.0, 990.0, 320.0, 1000.0)],
            vec![at(300.0, 900.0, 320.0, 912.0), low],
        ];
        assert_eq!(merge_bands(&plan, found), [high, low]);
    }

    #[test]
    fn two_blobs_are_two_grown_boxes() {
        let (w, h) = (40, 20);
        let mut prob = vec![0.0f32; w * h];
        for y in 5..9 {
            for x in 2..14 {
                prob[y * w + x] = 0.9;
            }
            for x in 20..36 {
                prob[y * w + x] = 0.8;
            }
        }
        let b = regions(&prob, w, h);
        assert_eq!(b.len(), 2);
        assert!(b[0].x0 < 2.0 && b[0].x1 > 14.0 && b[0].y0 < 4.0);
        assert!(b[1].x0 < 20.0 && b[1].x0 > 14.0);
    }

    #[test]
    fn faint_regions_are_dropped() {
        let (w, h) = (20, 10);
        let mut prob = vec![0.0f32; w * h];
        for y in 2..6 {
            for x in 2..12 {
                prob[y * w + x] = 0.35;
            }
        }
        assert!(regions(&prob, w, h).is_empty());
    }
}
