//! Reading one text box: PP-OCRv4's recogniser (an SVTR network) takes the
//! box scaled to 48 pixels high and gives, for every 8 pixels of width, a
//! probability for each of its 6,623 characters and a blank; the text is the
//! most likely character of each step with repeats and blanks dropped (CTC).
//! Each box goes through the network alone, padded to one of a few widths.

use image::GrayImage;
use image::imageops::{FilterType, crop_imm, resize};

use super::detect::TextBox;
use super::net::Net;

/// Height the network reads at.
pub const HEIGHT: usize = 48;
/// The narrowest input: a cell of one or two digits is some 35 pixels wide
/// at this height (RapidOCR pads every line to 320, which made the reading
/// of a table page ten times the work).
const MIN_WIDTH: usize = 48;
/// Input widths grow by this factor from one to the next: tract optimises
/// the network once per input shape (a fraction of a second, kept for the
/// process), and a line is padded to the next width — at most this much
/// wider than it is.
const WIDTH_GROWTH: f32 = 1.15;
/// Widest box read, in input pixels (longer lines are squeezed).
const MAX_WIDTH: usize = 2400;
/// A box this many times taller than wide is a label printed one character
/// per line; from [`NARROW`] on it may be one too, or a lone narrow digit.
const STACKED: f32 = 1.9;
const NARROW: f32 = 1.5;
/// Boxes per run of the network: tract runs a batch no faster than its
/// boxes one by one, and one at a time nothing is padded to a neighbour's width.
const BATCH: usize = 1;

/// What a box says, and how sure the network is.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub text: String,
    /// Mean probability of the characters read (0 for no text).
    pub confidence: f32,
    /// Probability of the least certain character.
    pub weakest: f32,
}

/// The recogniser and its character list (from the model's metadata).
pub struct Recogniser {
    net: Net,
    /// Index 0 is CTC's blank, the last a space.
    chars: Vec<String>,
}

impl Recogniser {
    pub fn new(net: Net) -> Result<Recogniser, String> {
        let list = net
            .metadata
            .iter()
            .find(|(k, _)| k == "character")
            .map(|(_, v)| v.clone())
            .ok_or("识别模型中没有字符表（character）")?;
        let mut chars = vec![String::new()];
        chars.extend(list.lines().map(str::to_string));
        chars.push(" ".into());
        Ok(Recogniser { net, chars })
    }

    /// Reads every box of `page`, in the order given. A box that may be a
    /// lone narrow glyph or characters stacked one per line ([`Shape::Either`],
    /// and a [`Shape::Stacked`] one that the rule cutter left narrow) is read
    /// the other way too unless its first reading settles it.
    pub fn read(&self, page: &GrayImage, boxes: &[TextBox]) -> Result<Vec<Reading>, String> {
        let (first, shapes): (Vec<GrayImage>, Vec<Shape>) = boxes
            .iter()
            .map(|b| match line_image(page, b) {
                (crop, Shape::Stacked) => (image::imageops::rotate270(&crop), Shape::Stacked),
                read_as_it_stands => read_as_it_stands,
            })
            .unzip();
        let mut out = self.read_crops(&first)?;
        let unsure: Vec<usize> = (0..boxes.len())
            .filter(|&i| shapes[i] != Shape::Line && rank(&out[i]).0 < Kind::SureLabel)
            .collect();
        // Cut out again only for the few read the other way.
        let other_way: Vec<GrayImage> = unsure
            .iter()
            .map(|&i| match line_image(page, &boxes[i]) {
                (crop, Shape::Stacked) => crop,
                (crop, _) => image::imageops::rotate270(&crop),
            })
            .collect();
        for (&i, r) in unsure.iter().zip(self.read_crops(&other_way)?) {
            // A box tall enough to be a stacked label keeps its turned reading
            // unless it reads as it stands as a sure number (a digit the rule
            // cutter left narrow); a doubtful “8” must not replace a “合计”
            // read just under the bar.
            let wins = match shapes[i] {
                Shape::Stacked => rank(&r).0 == Kind::SureNumber,
                _ => rank(&r) > rank(&out[i]),
            };
            if wins {
                out[i] = r;
            }
        }
        Ok(out)
    }

    /// Reads each crop as a line of text.
    fn read_crops(&self, crops: &[GrayImage]) -> Result<Vec<Reading>, String> {
        let mut order: Vec<usize> = (0..crops.len()).collect();
        let ratio = |i: usize| crops[i].width() as f32 / crops[i].height().max(1) as f32;
        order.sort_by(|&a, &b| ratio(a).total_cmp(&ratio(b)));
        let mut out = vec![None; crops.len()];
        for batch in order.chunks(BATCH) {
            let widest = batch
                .iter()
                .map(|&i| scaled_width(&crops[i]))
                .max()
                .unwrap_or(MIN_WIDTH);
            let widest = padded_width(widest);
            let mut data = vec![0.0f32; BATCH * 3 * HEIGHT * widest];
            for (n, &i) in batch.iter().enumerate() {
                let w = scaled_width(&crops[i]).min(widest);
                let line = resize(&crops[i], w as u32, HEIGHT as u32, FilterType::Triangle);
                let base = n * 3 * HEIGHT * widest;
                for (x, y, p) in line.enumerate_pixels() {
                    let v = p.0[0] as f32 / 127.5 - 1.0;
                    for c in 0..3 {
                        data[base + c * HEIGHT * widest + y as usize * widest + x as usize] = v;
                    }
                }
            }
            let (shape, probs) = self.net.run(&[BATCH, 3, HEIGHT, widest], data)?;
            let (steps, classes) = match shape.as_slice() {
                [n, t, c] if *n == BATCH => (*t, *c),
                other => return Err(format!("识别模型输出形状不对：{other:?}")),
            };
            for (n, &i) in batch.iter().enumerate() {
                let rows = &probs[n * steps * classes..(n + 1) * steps * classes];
                out[i] = Some(self.decode(rows, classes));
            }
        }
        Ok(out.into_iter().map(|r| r.unwrap_or_else(empty)).collect())
    }

    /// Greedy CTC: the best class of each step, repeats and blanks dropped.
    /// A box that reads as a number with letters that look like digits
    /// (`o`, `l`: a lone 0 in a table cell is often read as `o`) is read
    /// again with only digits allowed — a table cell holds a number, and a
    /// box of a few such characters is no word of a report.
    fn decode(&self, rows: &[f32], classes: usize) -> Reading {
        let free = self.best_path(rows, classes, |_| true);
        if free.text.is_empty() && rows.len() / classes.max(1) <= LONE_GLYPH_STEPS {
            // A box the size of one glyph that reads as nothing: in a table,
            // a digit too faint or too bold to beat blank. Its likeliest
            // digit, at the confidence it has — far below the bar, so the
            // cell is named for the clerk to check, never taken as read.
            return self.likeliest_digit(rows, classes);
        }
        let numeric_looking = !free.text.is_empty()
            && free.text.chars().count() <= 12
            && free
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || LOOKALIKES.contains(c) || c == '.')
            // Letters among the digits, or a point with no digit at all.
            && (free.text.chars().any(|c| LOOKALIKES.contains(c))
                || !free.text.chars().any(|c| c.is_ascii_digit()));
        if numeric_looking {
            // The digits alone; where blank outweighs every digit, the digits
            // read where the letters were (a bold “0” read “o” at 64 %, its
            // “0” at 20 %): a number, and an unsure one, so the clerk is
            // asked to check it. A reading with no digit in it is none.
            let digit_only = |c: &str| is_digit(c) && c != ".";
            // Tried in turn, each only if the one before gives nothing.
            let readings: [&dyn Fn() -> Reading; 3] = [
                &|| self.best_path(rows, classes, is_digit),
                &|| self.in_place(rows, classes, is_digit),
                &|| self.in_place(rows, classes, digit_only),
            ];
            // A lone bar may be a piece of a table rule: its digit must be
            // likelier than noise. (A lone `o` in a number's box is a 0.)
            let floor = if free.text.chars().all(|c| c == '|') {
                LONE_GLYPH_FLOOR
            } else {
                0.0
            };
            if let Some(r) = readings
                .into_iter()
                .map(|read| read())
                .find(|r| r.text.chars().any(|c| c.is_ascii_digit()) && r.weakest >= floor)
            {
                return r;
            }
        }
        free
    }

    /// The single digit most likely at any step (empty if none is likely at all).
    fn likeliest_digit(&self, rows: &[f32], classes: usize) -> Reading {
        let best = rows
            .chunks(classes)
            .map(|row| self.best_of(row, |c| is_digit(c) && c != "."))
            .fold((0, f32::MIN), |a, b| if b.1 > a.1 { b } else { a });
        match self.chars.get(best.0) {
            Some(c) if best.0 != 0 && best.1 >= LONE_GLYPH_FLOOR => Reading {
                text: c.clone(),
                confidence: best.1,
                weakest: best.1,
            },
            _ => empty(),
        }
    }

    /// The best class `allowed` lets through at each step where the free
    /// best path reads a character (blank where it reads blank).
    fn in_place(&self, rows: &[f32], classes: usize, allowed: impl Fn(&str) -> bool) -> Reading {
        self.collapse(rows, classes, |row| {
            let free = argmax(row.iter().copied().enumerate());
            if free.0 == 0 {
                free
            } else {
                self.best_of(row, &allowed)
            }
        })
    }

    /// The likeliest class of `row` other than blank that `allowed` lets through.
    fn best_of(&self, row: &[f32], allowed: impl Fn(&str) -> bool) -> (usize, f32) {
        argmax(
            row.iter()
                .copied()
                .enumerate()
                .filter(|(i, _)| *i != 0 && self.chars.get(*i).is_some_and(|c| allowed(c))),
        )
    }

    /// The best path over the classes `allowed` lets through (blank always).
    fn best_path(&self, rows: &[f32], classes: usize, allowed: impl Fn(&str) -> bool) -> Reading {
        // Known once per box, not once per step: the list has thousands of classes.
        let ok: Vec<bool> = self
            .chars
            .iter()
            .enumerate()
            .map(|(i, c)| i == 0 || allowed(c))
            .collect();
        self.collapse(rows, classes, |row| {
            argmax(
                row.iter()
                    .copied()
                    .enumerate()
                    .filter(|(i, _)| ok.get(*i).copied().unwrap_or(false)),
            )
        })
    }

    /// Greedy CTC over the class `pick` chooses at each step: repeats and
    /// blanks dropped, the confidence the mean of the characters kept.
    fn collapse(
        &self,
        rows: &[f32],
        classes: usize,
        pick: impl Fn(&[f32]) -> (usize, f32),
    ) -> Reading {
        let mut text = String::new();
        let (mut sum, mut n, mut weakest) = (0.0f32, 0usize, 1.0f32);
        let mut prev = 0usize;
        for row in rows.chunks(classes) {
            let (best, p) = pick(row);
            if best != 0
                && best != prev
                && let Some(c) = self.chars.get(best)
            {
                text.push_str(c);
                sum += p;
                n += 1;
                weakest = weakest.min(p);
            }
            prev = best;
        }
        if n == 0 {
            return empty();
        }
        Reading {
            text: text.trim().to_string(),
            confidence: sum / n as f32,
            weakest,
        }
    }
}

/// Steps of the recogniser's output for a box one glyph wide (48 px of
/// input at 8 px a step, and a little more).
const LONE_GLYPH_STEPS: usize = 8;
/// A lone glyph's likeliest digit below this is noise, not a reading.
const LONE_GLYPH_FLOOR: f32 = 0.03;

/// A digit or the decimal point: what a table's number cell holds.
fn is_digit(c: &str) -> bool {
    c.len() == 1 && c.as_bytes()[0].is_ascii_digit() || c == "."
}

/// The index and value of the largest of `values` ((0, MIN) when none).
fn argmax(values: impl Iterator<Item = (usize, f32)>) -> (usize, f32) {
    values.fold((0, f32::MIN), |a, (i, p)| if p > a.1 { (i, p) } else { a })
}

/// Letters the recogniser gives for digits in a lone number.
const LOOKALIKES: &str = "oOlI|";

fn empty() -> Reading {
    Reading {
        text: String::new(),
        confidence: 0.0,
        weakest: 0.0,
    }
}

/// How a box's proportions say it is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A line of text, left to right.
    Line,
    /// A label printed one character per line: read turned, and as it
    /// stands too if unsure (a piece the rule cutter left may be one digit).
    Stacked,
    /// A lone narrow glyph (a “1” is 10 × 17 px in a screenshot, and turned
    /// reads as nothing) or two characters stacked: read as it stands, and
    /// turned too if unsure.
    Either,
}

/// What a narrow box's reading is worth, worst first: of its two readings
/// (as it stands and turned) the higher kind wins, then the surer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Other,
    /// A number below the bar: in a table a narrow box is most often a
    /// figure, and a turned “1” reads as a sure “一”, so it beats text
    /// that is not a sure label.
    UnsureNumber,
    /// Two characters or more read surely: a label set one per line (a
    /// stacked “合计” read as it stands may give an unsure “8”).
    SureLabel,
    SureNumber,
}

fn rank(r: &Reading) -> (Kind, f32) {
    let sure = super::sure(r.confidence, r.weakest);
    let number = !r.text.is_empty() && r.text.chars().all(|c| c.is_ascii_digit() || c == '.');
    let kind = match (number, sure) {
        (true, true) => Kind::SureNumber,
        (false, true) if r.text.chars().filter(|c| !c.is_whitespace()).count() >= 2 => {
            Kind::SureLabel
        }
        (true, false) => Kind::UnsureNumber,
        _ => Kind::Other,
    };
    (kind, r.confidence)
}

/// The box cut out of the page, and how to read it.
fn line_image(page: &GrayImage, b: &TextBox) -> (GrayImage, Shape) {
    let x = b.x0.max(0.0) as u32;
    let y = b.y0.max(0.0) as u32;
    let w = (b.x1.ceil() as u32)
        .min(page.width())
        .saturating_sub(x)
        .max(1);
    let h = (b.y1.ceil() as u32)
        .min(page.height())
        .saturating_sub(y)
        .max(1);
    let crop = crop_imm(page, x, y, w, h).to_image();
    let shape = match h as f32 / w as f32 {
        r if r >= STACKED => Shape::Stacked,
        r if r >= NARROW => Shape::Either,
        _ => Shape::Line,
    };
    (crop, shape)
}

/// The input width a line of `w` is padded to: one of a few, in steps of
/// [`WIDTH_GROWTH`], multiples of 8 (the network's step).
fn padded_width(w: usize) -> usize {
    let mut at = MIN_WIDTH as f32;
    while (at as usize) < w && (at as usize) < MAX_WIDTH {
        at *= WIDTH_GROWTH;
    }
    ((at as usize).div_ceil(8) * 8).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// The width of the crop at the network's height.
fn scaled_width(img: &GrayImage) -> usize {
    let r = img.width() as f32 / img.height().max(1) as f32;
    ((HEIGHT as f32 * r).ceil() as usize).clamp(8, MAX_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str, confidence: f32) -> Reading {
        Reading {
            text: text.into(),
            confidence,
            weakest: confidence,
        }
    }

    #[test]
    fn a_narrow_box_prefers_a_number_to_anything_but_a_sure_label() {
        // A stacked “合计” read as it stands gives a doubtful “8”.
        assert!(rank(&reading("合计", 0.95)) > rank(&reading("8", 0.4)));
        // A turned “1” reads as a sure “一”: the doubtful “1” still wins.
        assert!(rank(&reading("1", 0.6)) > rank(&reading("一", 0.97)));
        assert!(rank(&reading("1", 0.95)) > rank(&reading("合计", 0.99)));
        // Between two doubtful texts the surer.
        assert!(rank(&reading("合", 0.7)) > rank(&reading("么", 0.5)));
        assert!(rank(&reading("", 0.0)) < rank(&reading("x", 0.1)));
    }

    #[test]
    fn widths_are_few_multiples_of_eight_and_cover_the_line() {
        let mut seen = std::collections::BTreeSet::new();
        for w in 1..=MAX_WIDTH {
            let p = padded_width(w);
            assert!(
                p >= w && p.is_multiple_of(8) && p <= MAX_WIDTH,
                "{w} -> {p}"
            );
            assert!(
                p as f32 <= (w.max(MIN_WIDTH) as f32) * WIDTH_GROWTH + 8.0,
                "{w} -> {p}"
            );
            seen.insert(p);
        }
        assert!(seen.len() <= 30, "{} widths", seen.len());
    }
}
