//! The intermediate form of positioned sources (a PDF's characters, the text
//! boxes of a PDF saved as Word): runs of text with their place on the page,
//! and the one function that turns them into text lines laid out as
//! `pdftotext -layout` prints them, for the text reader.

/// One run of text on a page: characters that sit next to each other on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// 1-based page number.
    pub page: usize,
    /// Left edge of the first character, in points from the page's left edge.
    pub x: f32,
    /// Baseline, in points from the top of the page (grows downwards).
    pub y: f32,
    /// Right edge of the last character (its origin plus its advance).
    pub x_end: f32,
    pub text: String,
    pub font_size: f32,
}

impl Run {
    /// A text box placed on a page (a PDF saved as Word or ODF puts each
    /// printed run in one): its corner, width and font size (12 pt where the
    /// file gives none), the baseline a font size below the top; the letter
    /// spacing the converter left as spaces dropped. `None` for an empty box.
    pub fn from_box(
        page: usize,
        x: f32,
        top: f32,
        width: f32,
        size: f32,
        text: &str,
    ) -> Option<Run> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let size = if size > 0.0 { size } else { 12.0 };
        Some(Run {
            page,
            x,
            y: top + size,
            x_end: x + width,
            text: crate::import::normalize::drop_cjk_spaces(text),
            font_size: size,
        })
    }
}

/// A run with its index in the runs laid out.
type Indexed<'a> = (usize, &'a Run);

/// A count or amount as printed in a table cell: `21`, `7730.28`, `-`, `12%`.
fn is_number(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ".,-%".contains(c))
}

/// Rebuild text lines like `pdftotext -layout`: runs grouped into lines by baseline, lines
/// top to bottom per page, runs inside a line separated by a number of spaces proportional
/// to the gap (at least 2 for a gap of an em or more — table columns — and 1 for a smaller
/// gap). One line per `\n`; each later page starts with a form feed.
pub fn layout_text(runs: &[Run]) -> String {
    layout(runs).0
}

/// [`layout_text`], with the 1-based line each run landed on (by the run's
/// index), so that what a decoder knows of a run (a recognition's
/// confidence) can follow it to the cells read from that line.
pub fn layout(runs: &[Run]) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut line_of = vec![0; runs.len()];
    let mut line_no = 1;
    let mut pages: Vec<usize> = runs.iter().map(|r| r.page).collect();
    pages.sort_unstable();
    pages.dedup();
    for (pi, &page) in pages.iter().enumerate() {
        if pi > 0 {
            // A form feed starts each later page, as pdftotext writes it: the
            // text reader knows a page's last line (its number) by it.
            out.push('\x0c');
        }
        let mut rs: Vec<(usize, &Run)> = runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.page == page)
            .collect();
        rs.sort_by(|(_, a), (_, b)| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // Group runs into lines with the same rule as glyphs.
        let mut lines: Vec<(f32, f32, Vec<Indexed>)> = Vec::new();
        for (i, r) in rs {
            match lines.last_mut() {
                Some((y0, size, members)) if r.y - *y0 <= 0.3 * size.min(r.font_size) => {
                    *size = size.min(r.font_size);
                    members.push((i, r));
                }
                _ => lines.push((r.y, r.font_size, vec![(i, r)])),
            }
        }
        for (_, _, mut members) in lines {
            members.sort_by(|(_, a), (_, b)| a.x.total_cmp(&b.x));
            for &(i, _) in &members {
                line_of[i] = line_no;
            }
            let members: Vec<&Run> = members.into_iter().map(|(_, r)| r).collect();
            let mut line = String::new();
            for (k, r) in members.iter().enumerate() {
                if k > 0 {
                    let p = members[k - 1];
                    let gap = r.x - p.x_end;
                    let em = p.font_size.min(r.font_size).max(1.0);
                    let mut spaces = if gap < 0.25 * em {
                        0
                    } else if gap < 1.0 * em {
                        1
                    } else {
                        ((gap / (0.5 * em)).round() as usize).clamp(2, 200)
                    };
                    // A count in a tight table cell: label → number, or number → number, where
                    // the number ends the line or another number follows. Body text such as
                    // "处理费 0 元" keeps its single space.
                    let next_numeric = members.get(k + 1).is_none_or(|n| is_number(&n.text));
                    if spaces == 1 && is_number(&r.text) && (is_number(&p.text) || next_numeric) {
                        spaces = 2;
                    }
                    line.extend(std::iter::repeat_n(' ', spaces));
                }
                line.push_str(&r.text);
            }
            out.push_str(&line);
            out.push('\n');
            line_no += 1;
        }
    }
    (out, line_of)
}
