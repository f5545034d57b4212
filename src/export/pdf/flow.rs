//! The PDF's pages, laid out before anything is written: the 公文 text block
//! (GB/T 9704: A4, 156 × 225 mm, top 37 mm, left 28 mm, 22 lines of 3号), lines
//! broken by measured advances with the Chinese line-breaking rules (no
//! line starts with a closing mark, none ends with an opening one), pages
//! turned where the block is full. Each page is a list of drawing operations
//! that `mod.rs` hands to the PDF writer.

use super::fonts::{Fonts, Role};

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;
pub const LEFT: f32 = 28.0 * MM;
pub const TOP: f32 = 37.0 * MM;
pub const WIDTH: f32 = 156.0 * MM;
pub const HEIGHT: f32 = 225.0 * MM;
pub const BOTTOM: f32 = TOP + HEIGHT;
/// 3号, the body size, and the pitch of 22 lines in the block.
pub const BODY: f32 = 16.0;
pub const PITCH: f32 = HEIGHT / 22.0;
/// 2号, the title's size.
pub const TITLE: f32 = 22.0;
/// 4号, the page number's size, 7 mm under the block.
const FOLIO: f32 = 14.0;

/// What a piece of text is part of, for the tagged PDF's structure: a block
/// of the report (by its index in the layout's list), a table's cell (the
/// table's block and the cell's index in its grid), or page furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Block(usize),
    Cell { table: usize, cell: usize },
    Artifact,
}

/// One drawing operation on a page (y grows downwards, text at its baseline).
/// Lines are the tables' rules: page furniture for the structure.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        role: Role,
        text: String,
        mark: Mark,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
}

#[derive(Default, Debug)]
pub struct Page {
    pub ops: Vec<Op>,
}

/// Closing marks never start a line (they hang at the end of the one before).
const CLOSING: &str = "，。、；：？！）》」』”’%…—";
/// Opening marks never end a line.
const OPENING: &str = "（《「『“‘";

/// The pages being filled, the top of the next line on the last one, and
/// what the text drawn now belongs to.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub pages: Vec<Page>,
    pub y: f32,
    pub mark: Mark,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts) -> Flow<'f> {
        Flow {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
            mark: Mark::Artifact,
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Turns the page unless `height` more fits on it.
    pub fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM + 0.01 && self.y > TOP {
            self.new_page();
        }
    }

    pub fn push(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.ops.push(op);
        }
    }

    /// The width of `text` at `size` in `role`'s face (its fallback per character).
    pub fn width(&self, role: Role, size: f32, text: &str) -> f32 {
        width(self.fonts, role, size, text)
    }

    /// `text` broken into lines: the first `first` wide, the others `rest`.
    pub fn wrap(&self, role: Role, size: f32, text: &str, first: f32, rest: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut used = 0.0;
        // A word wider than a line (a long number, a web address) is broken anywhere.
        let narrowest = first.min(rest);
        let pieces = words(text).into_iter().flat_map(|w| {
            if w.chars().nth(1).is_some() && self.width(role, size, w) > narrowest {
                w.char_indices()
                    .map(|(i, c)| &w[i..i + c.len_utf8()])
                    .collect::<Vec<_>>()
            } else {
                vec![w]
            }
        });
        for word in pieces.collect::<Vec<_>>() {
            let w = self.width(role, size, word);
            let room = if lines.is_empty() { first } else { rest };
            // One closing mark may hang past the edge; a second goes down
            // with the character before it.
            let hangs = word.chars().all(|c| CLOSING.contains(c)) && used <= room + 0.01;
            if used + w > room + 0.01 && !line.is_empty() && !hangs {
                // An opening mark goes down with what it opens.
                let carried = match line.chars().last() {
                    Some(c) if OPENING.contains(c) => {
                        line.pop();
                        c.to_string()
                    }
                    _ => String::new(),
                };
                lines.push(std::mem::take(&mut line));
                line.push_str(&carried);
                used = self.width(role, size, &carried);
                if word.trim().is_empty() {
                    continue;
                }
            }
            line.push_str(word);
            used += w;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A line of text at the current position, `x` from the page's left edge.
    pub fn text_line(&mut self, role: Role, size: f32, pitch: f32, x: f32, text: &str) {
        self.need(pitch);
        let y = self.y + baseline(size, pitch);
        self.push(Op::Text {
            x,
            y,
            size,
            role,
            text: text.to_string(),
            mark: self.mark,
        });
        self.y += pitch;
    }

    /// A body paragraph: first line indented by two characters.
    pub fn paragraph(&mut self, role: Role, text: &str) {
        let indent = 2.0 * BODY;
        let lines = self.wrap(role, BODY, text, WIDTH - indent, WIDTH);
        for (i, line) in lines.iter().enumerate() {
            let x = LEFT + if i == 0 { indent } else { 0.0 };
            self.text_line(role, BODY, PITCH, x, line);
        }
    }

    /// Lines set flush right, `right` short of the block's right edge.
    pub fn right_line(&mut self, role: Role, text: &str, right: f32) {
        let room = WIDTH - right;
        for line in self.wrap(role, BODY, text, room, room) {
            let w = self.width(role, BODY, &line);
            let x = (LEFT + WIDTH - right - w).max(LEFT);
            self.text_line(role, BODY, PITCH, x, &line);
        }
    }

    /// Lines centred in the block.
    pub fn centred(&mut self, role: Role, size: f32, pitch: f32, text: &str) {
        for line in self.wrap(role, size, text, WIDTH, WIDTH) {
            let w = self.width(role, size, &line);
            self.text_line(role, size, pitch, LEFT + (WIDTH - w) / 2.0, &line);
        }
    }

    /// The pages, each with its number `— n —` 7 mm under the block.
    pub fn finish(mut self) -> Vec<Page> {
        let y = BOTTOM + 7.0 * MM + FOLIO;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let text = format!("— {} —", i + 1);
            let w = width(self.fonts, Role::Title, FOLIO, &text);
            // GB/T 9704 7.5: odd pages one character in from the block's right
            // edge, even pages from its left.
            let x = if i % 2 == 0 {
                LEFT + WIDTH - FOLIO - w
            } else {
                LEFT + FOLIO
            };
            page.ops.push(Op::Text {
                x,
                y,
                size: FOLIO,
                role: Role::Title,
                text,
                mark: Mark::Artifact,
            });
        }
        self.pages
    }
}

fn width(fonts: &Fonts, role: Role, size: f32, text: &str) -> f32 {
    text.chars()
        .map(|c| fonts.for_char(role, c).advance(c).unwrap_or(1.0) * size)
        .sum()
}

/// The baseline of `size` text in a line `pitch` high, from the line's top.
pub fn baseline(size: f32, pitch: f32) -> f32 {
    (pitch - size) / 2.0 + 0.86 * size
}

/// What a line may not be broken inside: a run of Latin letters and digits
/// (with the dots and dashes of numbers, dates and phones); every other
/// character on its own.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let latin = |c: char| c.is_ascii_alphanumeric() || ".-_/:@%".contains(c);
    for (i, c) in text.char_indices() {
        if latin(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        out.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_by_width_and_the_rules_for_marks() {
        let fonts = Fonts::bundled();
        let flow = Flow::new(&fonts);
        // Ten characters wide: a comma that would start a line hangs instead.
        let lines = flow.wrap(Role::Body, 10.0, "一二三四五六七八九十，十一", 100.0, 100.0);
        assert_eq!(lines, ["一二三四五六七八九十，", "十一"]);
        // An opening bracket goes down with what it opens; 2025 is not split.
        let lines = flow.wrap(
            Role::Body,
            10.0,
            "一二三四五六七八九（十）2025年",
            100.0,
            100.0,
        );
        assert_eq!(lines, ["一二三四五六七八九", "（十）2025年"]);
        // A word wider than the line is broken rather than run off the page.
        let long = "A".repeat(60);
        let lines = flow.wrap(Role::Body, 10.0, &long, 100.0, 100.0);
        assert!(
            lines.len() > 1
                && lines
                    .iter()
                    .all(|l| flow.width(Role::Body, 10.0, l) <= 100.5)
        );
        // Only one closing mark hangs.
        let lines = flow.wrap(Role::Body, 10.0, "一二三四五六七八九十——", 100.0, 100.0);
        assert!(
            lines.len() == 2 && lines[0].chars().count() <= 11,
            "{lines:?}"
        );
    }

    #[test]
    fn a_full_page_turns_and_every_page_gets_its_number() {
        let fonts = Fonts::bundled();
        let mut flow = Flow::new(&fonts);
        for _ in 0..23 {
            flow.text_line(Role::Body, BODY, PITCH, LEFT, "行");
        }
        let pages = flow.finish();
        assert_eq!(pages.len(), 2, "22 lines to a page");
        let folio = |p: &Page| match p.ops.last() {
            Some(Op::Text { text, .. }) => text.clone(),
            _ => String::new(),
        };
        assert_eq!(folio(&pages[1]), "— 2 —");
        // Odd pages' numbers at the right, even pages' at the left.
        let x = |p: &Page| match p.ops.last() {
            Some(Op::Text { x, .. }) => *x,
            _ => 0.0,
        };
        assert!(x(&pages[0]) > LEFT + WIDTH / 2.0 && x(&pages[1]) < LEFT + WIDTH / 2.0);
    }
}
