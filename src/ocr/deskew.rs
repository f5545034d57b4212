//! A scanned page is rarely straight: the angle of its text lines, found by
//! the projection profile (the angle at which the dark pixels pile up into
//! the sharpest rows), and the page turned back by it. Text boxes are found
//! axis-aligned, so a page turned by 1.5° would otherwise give boxes that cut
//! the ends of long lines and merge neighbouring rows.

use image::GrayImage;

/// Angles searched, in degrees either way (scanners and phones within this).
const MAX_DEGREES: f32 = 3.0;
/// Width the page is sampled at for the estimate.
const SAMPLE_WIDTH: u32 = 800;
/// Below this (in degrees) the page is left as it is.
pub const NEGLIGIBLE: f32 = 0.08;

/// The angle (degrees) by which the page's lines descend to the right: a
/// line through `(x, y)` also passes through `(x + d, y + d·tan a)`.
pub fn estimate(img: &GrayImage) -> f32 {
    let step = (img.width() / SAMPLE_WIDTH).max(1);
    let mut points: Vec<(f32, f32)> = Vec::new();
    for y in (0..img.height()).step_by(step as usize) {
        for x in (0..img.width()).step_by(step as usize) {
            if img.get_pixel(x, y).0[0] < 128 {
                points.push(((x / step) as f32, (y / step) as f32));
            }
        }
    }
    if points.len() < 100 {
        return 0.0;
    }
    let rows = (img.height() / step) as usize + 2;
    let score = |deg: f32| -> f64 {
        let t = deg.to_radians().tan();
        let pad = (SAMPLE_WIDTH as f32 * t.abs()).ceil() as usize + 1;
        let mut hist = vec![0u32; rows + 2 * pad];
        for &(x, y) in &points {
            let r = (y - x * t).round() as isize + pad as isize;
            if let Some(h) = hist.get_mut(r.max(0) as usize) {
                *h += 1;
            }
        }
        hist.iter().map(|&h| (h as f64) * (h as f64)).sum()
    };
    let best = |from: f32, to: f32, step: f32| -> f32 {
        let mut a = from;
        let (mut at, mut top) = (0.0, f64::MIN);
        while a <= to + 1e-4 {
            let s = score(a);
            if s > top {
                top = s;
                at = a;
            }
            a += step;
        }
        at
    };
    let coarse = best(-MAX_DEGREES, MAX_DEGREES, 0.1);
    best(coarse - 0.1, coarse + 0.1, 0.02)
}

/// The page turned so that lines descending by `degrees` become level;
/// the corners uncovered are white. Bilinear, about the centre.
pub fn level(img: &GrayImage, degrees: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let src = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 {
            255.0
        } else {
            img.get_pixel(x as u32, y as u32).0[0] as f32
        }
    };
    GrayImage::from_fn(w, h, |u, v| {
        let (du, dv) = (u as f32 - cx, v as f32 - cy);
        let x = du * c - dv * s + cx;
        let y = du * s + dv * c + cy;
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as i64, y0 as i64);
        let top = src(x0, y0) * (1.0 - fx) + src(x0 + 1, y0) * fx;
        let bottom = src(x0, y0 + 1) * (1.0 - fx) + src(x0 + 1, y0 + 1) * fx;
        image::Luma([(top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text-like stripes: dashes along lines that descend by `deg`.
    fn lined(deg: f32) -> GrayImage {
        let t = deg.to_radians().tan();
        GrayImage::from_fn(1000, 1400, |x, y| {
            let base = y as f32 - x as f32 * t;
            let on_line = (base.rem_euclid(40.0)) < 6.0;
            let in_word = (x / 30) % 4 != 3 && (100..900).contains(&x);
            image::Luma([if on_line && in_word { 0 } else { 255 }])
        })
    }

    #[test]
    fn finds_the_angle_of_the_lines() {
        for deg in [-1.5f32, -0.6, 0.0, 0.9, 1.5] {
            let got = estimate(&lined(deg));
            assert!((got - deg).abs() < 0.06, "{deg}° read as {got}°");
        }
    }

    #[test]
    fn levelled_page_measures_level() {
        let page = lined(1.2);
        let got = estimate(&level(&page, 1.2));
        assert!(got.abs() < 0.06, "still {got}°");
    }
}
