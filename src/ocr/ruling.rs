//! The table's ruling lines on a levelled page, and the text boxes cut at
//! them. The text detector sees pixels, not cells: where two cells' figures
//! stand close on either side of a thin rule (narrow 表三 columns, a low
//! resolution), it can give one box for both, which would read as one
//! number ("3 0" as "30"). A vertical rule inside a box is a cell's border,
//! so the box is cut there and each part read on its own. A rule with
//! nothing but blank paper between it and the box's edge (the detector's
//! margin reaching over a cell's border) is trimmed off: read with the box,
//! it comes back as a character (“[0” for a 0).
//!
//! A rule is a vertical run of ink that passes through a box from above its
//! top to below its bottom: a character's stroke lies inside its box (the
//! detector's box encloses the text with a margin). Rules are found as
//! segments, so a rule that stops at a merged header cell cuts nothing
//! inside that cell.

use image::GrayImage;

use super::detect::TextBox;

/// Darker than this is ink.
const INK: u8 = 128;
/// Vertical runs of ink shorter than this (pixels) are not looked at.
const MIN_RUN: u32 = 20;
/// Gaps in a rule (a scan's broken line, JPEG noise) bridged, in pixels.
const GAP: u32 = 2;
/// Each part of a cut box must be at least this wide, relative to the box's
/// height (a “1” with its margin), and hold ink of its own: a rule that only
/// grazes a box's edge, inside the detector's margin, cuts nothing.
const MIN_PART: f32 = 0.2;
/// Columns this near a rule's middle are the rule's own ink, not a part's.
const RULE_HALF: f32 = 3.0;
/// Ink pixels a part needs to hold something (a JPEG's stray dark pixel is
/// not a character).
const MIN_INK: usize = 4;

/// A vertical ruling line: its x (the middle of its thickness) and the rows
/// it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub x: f32,
    pub y0: f32,
    pub y1: f32,
}

/// The vertical rules of a page, left to right.
pub fn vertical_rules(page: &GrayImage) -> Vec<Rule> {
    let (w, h) = page.dimensions();
    // Runs per pixel column; a rule two or three pixels thick gives a run in
    // each of its columns, merged below.
    let mut runs: Vec<Rule> = Vec::new();
    for x in 0..w {
        // A column is read with its right neighbour, so a rule a residual
        // tilt moves by a pixel over its length stays one run.
        let ink = |y: u32| {
            page.get_pixel(x, y).0[0] < INK || (x + 1 < w && page.get_pixel(x + 1, y).0[0] < INK)
        };
        let mut start: Option<u32> = None;
        let mut last_ink = 0;
        for y in 0..=h {
            let dark = y < h && ink(y);
            match (dark, start) {
                (true, None) => {
                    start = Some(y);
                    last_ink = y;
                }
                (true, Some(_)) => last_ink = y,
                (false, Some(s)) if y >= h || y - last_ink > GAP => {
                    if last_ink + 1 - s >= MIN_RUN {
                        runs.push(Rule {
                            x: x as f32 + 0.5,
                            y0: s as f32,
                            y1: (last_ink + 1) as f32,
                        });
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    merge_neighbours(runs)
}

/// Runs in adjacent pixel columns that overlap in height are one rule.
fn merge_neighbours(runs: Vec<Rule>) -> Vec<Rule> {
    let mut out: Vec<(Rule, f32, usize)> = Vec::new(); // rule, rightmost x, columns
    for r in runs {
        let joined = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|(m, right, _)| r.x - *right <= 1.5 && r.y0 < m.y1 && m.y0 < r.y1);
        match joined {
            Some((m, right, n)) => {
                m.x = (m.x * *n as f32 + r.x) / (*n + 1) as f32;
                m.y0 = m.y0.min(r.y0);
                m.y1 = m.y1.max(r.y1);
                *right = r.x;
                *n += 1;
            }
            None => out.push((r, r.x, 1)),
        }
    }
    out.into_iter().map(|(r, _, _)| r).collect()
}

/// The boxes trimmed of the rules at their edges and cut at every rule
/// that runs through them (from above to below), where each side holds a
/// character.
pub fn cut_at_rules(page: &GrayImage, boxes: &[TextBox], rules: &[Rule]) -> Vec<TextBox> {
    let mut out = Vec::with_capacity(boxes.len());
    for found in boxes {
        let part = found.height() * MIN_PART;
        // Every rule through the box is its own ink, not a character's, even
        // one too near the edge to cut at, or one whose middle lies just
        // outside the box while its ink is inside.
        let mut crossing: Vec<&Rule> = rules
            .iter()
            .filter(|r| {
                r.y0 < found.y0
                    && found.y1 < r.y1
                    && found.x0 - RULE_HALF <= r.x
                    && r.x <= found.x1 + RULE_HALF
            })
            .collect();
        crossing.sort_by(|a, b| a.x.total_cmp(&b.x));
        let through: Vec<f32> = crossing.iter().map(|r| r.x).collect();
        let b = &trimmed(page, found, &crossing, &through);
        // Left to right, as `through` is.
        let cuts: Vec<f32> = through
            .iter()
            .copied()
            .filter(|&x| x - b.x0 >= part && b.x1 - x >= part)
            .collect();
        let inked = |x0: f32, x1: f32| has_ink(page, b, x0, x1, &through);
        let mut x0 = b.x0;
        for (i, &x) in cuts.iter().enumerate() {
            let next = cuts.get(i + 1).copied().unwrap_or(b.x1);
            if x - x0 >= part && inked(x0, x) && inked(x, next) {
                out.push(TextBox { x0, x1: x, ..*b });
                x0 = x;
            }
        }
        out.push(TextBox { x0, ..*b });
    }
    out
}

/// Box `b` without the rules (`crossing` it, left to right; their middles
/// `through`) that have only blank paper between them and its edge;
/// unchanged if nothing but rules and paper would be left. A rule's extent
/// is measured column by column (dark above and below the box, which a
/// character's stroke is not), so a figure standing a pixel from the rule
/// is neither paper nor rule.
fn trimmed(page: &GrayImage, b: &TextBox, crossing: &[&Rule], through: &[f32]) -> TextBox {
    let spans: Vec<(u32, u32)> = crossing
        .iter()
        .filter_map(|r| rule_span(page, b, r))
        .collect();
    let blank = |x0: f32, x1: f32| !has_ink(page, b, x0, x1, &[]);
    // Rule after rule from each edge, while only paper lies before the next.
    let mut left = b.x0;
    for &(first, last) in &spans {
        if !blank(left, first as f32) {
            break;
        }
        left = left.max((last + 1) as f32);
    }
    let mut right = b.x1;
    for &(first, last) in spans.iter().rev() {
        if !blank((last + 1) as f32, right) {
            break;
        }
        right = right.min(first as f32);
    }
    if right - left >= b.height() * MIN_PART && has_ink(page, b, left, right, through) {
        TextBox {
            x0: left,
            x1: right,
            ..*b
        }
    } else {
        *b
    }
}

/// The first and last pixel columns of `rule` that are dark for most of
/// its length above `b` and below it (up to half the box's height each
/// way: a table's last row has its border just below); `None` if no column
/// is (a rule broken there, or tilted across columns).
fn rule_span(page: &GrayImage, b: &TextBox, rule: &Rule) -> Option<(u32, u32)> {
    let (w, h) = page.dimensions();
    let reach = (b.height() / 2.0).max(4.0);
    let x = rule.x;
    let dark_share = |col: u32, from: f32, to: f32| {
        let rows = (from.max(0.0) as u32)..(to.max(0.0) as u32).min(h);
        let n = rows.len().max(1) as f32;
        rows.filter(|&y| page.get_pixel(col, y).0[0] < INK).count() as f32 / n
    };
    let is_rule = |col: u32| {
        dark_share(col, (b.y0 - reach).max(rule.y0), b.y0) >= 0.9
            && dark_share(col, b.y1, (b.y1 + reach).min(rule.y1)) >= 0.9
    };
    let from = (x - RULE_HALF - 1.0).max(0.0) as u32;
    let to = ((x + RULE_HALF + 1.0) as u32).min(w.saturating_sub(1));
    let cols: Vec<u32> = (from..=to).filter(|&c| is_rule(c)).collect();
    Some((*cols.first()?, *cols.last()?))
}

/// Whether columns `x0`..`x1` of box `b` hold ink besides the rules at
/// `rules`, in the middle of the box's height (its top and bottom margins
/// may hold the cell's horizontal rules).
fn has_ink(page: &GrayImage, b: &TextBox, x0: f32, x1: f32, rules: &[f32]) -> bool {
    let (w, h) = page.dimensions();
    let top = (b.y0 + b.height() * 0.2).max(0.0) as u32;
    let bottom = ((b.y1 - b.height() * 0.2).max(0.0) as u32).min(h);
    let mut ink = 0;
    for x in (x0.max(0.0) as u32)..(x1.max(0.0) as u32).min(w) {
        let centre = x as f32 + 0.5;
        if rules.iter().any(|r| (centre - r).abs() <= RULE_HALF) {
            continue;
        }
        ink += (top..bottom)
            .filter(|&y| page.get_pixel(x, y).0[0] < INK)
            .count();
        if ink >= MIN_INK {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A white A4 page at 150 dpi with a table of vertical rules at `xs`
    /// from y 100 to 400, two pixels thick, broken by a one-pixel gap.
    fn page(xs: &[u32]) -> GrayImage {
        let mut p = GrayImage::from_pixel(1240, 1754, Luma([255]));
        for &x in xs {
            for y in 100..400 {
                if y == 250 {
                    continue;
                }
                p.put_pixel(x, y, Luma([20]));
                p.put_pixel(x + 1, y, Luma([60]));
            }
        }
        // A character's stroke (a 30 px high character): not a rule.
        for y in 500..530 {
            p.put_pixel(300, y, Luma([0]));
        }
        p
    }

    #[test]
    fn rules_are_found_as_segments() {
        let rules = vertical_rules(&page(&[100, 200]));
        assert_eq!(rules.len(), 3, "two rules and a stroke: {rules:?}");
        assert!((rules[0].x - 101.0).abs() < 1.0, "{rules:?}");
        assert_eq!((rules[0].y0, rules[0].y1), (100.0, 400.0));
    }

    #[test]
    fn a_box_is_cut_at_a_rule_through_it_but_not_at_one_grazing_it_or_ending_above_it() {
        let mut p = page(&[100, 200]);
        // Two figures either side of the rule at 101 (rows 200–220), and one
        // right of it only (rows 300–320).
        for (x0, y0) in [(85, 204), (106, 204), (108, 304)] {
            for x in x0..x0 + 8 {
                for y in y0..y0 + 12 {
                    p.put_pixel(x, y, Luma([0]));
                }
            }
        }
        let rules = vertical_rules(&p);
        let b = |x0, y0, x1, y1| TextBox { x0, y0, x1, y1 };
        // The two figures, read as one box.
        let cut = cut_at_rules(&p, &[b(80.0, 200.0, 125.0, 220.0)], &rules);
        assert_eq!(cut.len(), 2, "{cut:?}");
        assert!((cut[0].x1 - 101.0).abs() < 1.0 && cut[1].x0 == cut[0].x1);
        // The detector's margin over the rule: 3 px of a 20 px high box.
        let grazing = cut_at_rules(&p, &[b(98.0, 200.0, 140.0, 220.0)], &rules);
        assert_eq!(grazing.len(), 1);
        // … and its margin trimmed off with the rule (read with it, the rule
        // would come back as a character: “[0”).
        assert!(
            grazing[0].x0 > 101.0 && grazing[0].x0 < 106.0,
            "{grazing:?}"
        );
        // Wider, but with nothing on the rule's left.
        let blank = cut_at_rules(&p, &[b(88.0, 300.0, 125.0, 320.0)], &rules);
        assert_eq!(blank.len(), 1, "{blank:?}");
        // Below the table (a narrative line across where the rules were).
        let below = cut_at_rules(&p, &[b(50.0, 600.0, 400.0, 620.0)], &rules);
        assert_eq!(below.len(), 1);
        // A character's own stroke, inside the box of its line.
        let line = cut_at_rules(&p, &[b(250.0, 495.0, 350.0, 535.0)], &rules);
        assert_eq!(line.len(), 1);
    }

    #[test]
    fn a_rule_grazing_a_box_is_not_the_ink_of_a_part() {
        // Rules at 101 and 131; one figure, right of 131.
        let mut p = page(&[100, 130]);
        for x in 138..146 {
            for y in 304..316 {
                p.put_pixel(x, y, Luma([0]));
            }
        }
        let rules = vertical_rules(&p);
        // The box's margin reaches over the rule at 101 (3 px inside it).
        let b = TextBox {
            x0: 98.0,
            y0: 300.0,
            x1: 160.0,
            y1: 320.0,
        };
        let cut = cut_at_rules(&p, &[b], &rules);
        // Nothing but the two rules left of the figure: no cut at 131; both
        // rules are trimmed off with the blank paper before them.
        assert_eq!(cut.len(), 1, "{cut:?}");
        assert!(
            cut[0].x0 > 131.0 && cut[0].x0 < 138.0 && cut[0].x1 == b.x1,
            "{cut:?}"
        );
    }

    /// Ink `w` pixels wide from column `x0`, rows 304–316 (a figure).
    fn figure(p: &mut GrayImage, x0: u32, w: u32) {
        for x in x0..x0 + w {
            for y in 304..316 {
                p.put_pixel(x, y, Luma([0]));
            }
        }
    }

    #[test]
    fn rules_at_a_box_edge_are_trimmed_to_their_own_columns() {
        // Rules in columns 100–101, 150–151 and 200–201.
        let mut p = page(&[100, 150, 200]);
        // A “1” a pixel right of the first rule; a figure left of the last.
        figure(&mut p, 103, 2);
        figure(&mut p, 185, 8);
        let rules = vertical_rules(&p);
        let b = |x0, x1| TextBox {
            x0,
            y0: 300.0,
            x1,
            y1: 320.0,
        };
        // Left: trimmed to the column after the rule, the “1” kept whole.
        let left = cut_at_rules(&p, &[b(96.0, 120.0)], &rules);
        assert_eq!(left, [b(102.0, 120.0)]);
        // Right: trimmed at the rule's first column.
        let right = cut_at_rules(&p, &[b(180.0, 205.0)], &rules);
        assert_eq!(right, [b(180.0, 200.0)]);
        // A rule whose middle lies just outside the box, its ink inside.
        let outside = cut_at_rules(&p, &[b(101.0, 120.0)], &rules);
        assert_eq!(outside, [b(102.0, 120.0)]);
        // Trimmed at both ends and cut at the rule between the two figures.
        let both = cut_at_rules(&p, &[b(96.0, 205.0)], &rules);
        assert_eq!(both.len(), 2, "{both:?}");
        assert_eq!((both[0].x0, both[1].x1), (102.0, 200.0), "{both:?}");
        assert!((both[0].x1 - 151.0).abs() < 1.0 && both[1].x0 == both[0].x1);
        // Nothing but rules and paper: left as found.
        let empty = cut_at_rules(&p, &[b(140.0, 160.0)], &rules);
        assert_eq!(empty, [b(140.0, 160.0)]);
        // A table's last row: its rule (columns 250–251) ends 4 px below.
        for y in 100..324 {
            p.put_pixel(250, y, Luma([20]));
            p.put_pixel(251, y, Luma([60]));
        }
        figure(&mut p, 256, 8);
        let rules = vertical_rules(&p);
        let last_row = cut_at_rules(&p, &[b(246.0, 275.0)], &rules);
        assert_eq!(last_row, [b(252.0, 275.0)]);
    }
}
