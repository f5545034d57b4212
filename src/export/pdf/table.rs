//! A table of the official layout on the PDF's pages: the template's grid
//! with its merges, each cell's text wrapped to its width in 五号, rows as
//! high as their tallest cell (a merged cell's height shared by its rows),
//! a row never split, the header rows repeated on every page the table runs
//! onto, and the table started on a new page rather than in the page's last
//! lines (a table that fits on one page is kept on one). A merged cell cut
//! by a page break is drawn, with its text, on both pages.

use super::flow::{Flow, LEFT, Mark, Op, PITCH, WIDTH, baseline};
use super::fonts::Role;
use crate::template::{Content, Grid, GridCell};

/// 五号, the tables' size, and its line pitch.
const SIZE: f32 = 10.5;
const LINE: f32 = 13.5;
/// Padding inside a cell, across and down.
const PAD_X: f32 = 2.5;
const PAD_Y: f32 = 3.0;
const MIN_ROW: f32 = 18.0;
/// The most lines a cell is given (half a page).
const MAX_LINES: usize = 23;
/// Body rows that must fit under the header where a table starts.
const FIRST_ROWS: usize = 2;

/// A table to print: the grid, each anchored cell's text (in the grid's
/// cell order) and each column's share of the block's width.
pub struct Printed<'a> {
    /// The table's block in the layout (for the tagged structure).
    pub block: usize,
    pub grid: &'static Grid,
    pub texts: Vec<String>,
    pub shares: &'a [f64],
}

/// A table measured for the page: its columns' edges, each cell's lines
/// and each row's height.
pub struct Laid<'t> {
    t: &'t Printed<'t>,
    x: Vec<f32>,
    lines: Vec<Vec<String>>,
    heights: Vec<f32>,
}

impl<'t> Laid<'t> {
    pub fn new(flow: &Flow, t: &'t Printed<'t>) -> Laid<'t> {
        let x: Vec<f32> = std::iter::once(0.0)
            .chain(t.shares.iter().scan(0.0, |acc, s| {
                *acc += *s as f32 * WIDTH;
                Some(*acc)
            }))
            .map(|v| LEFT + v)
            .collect();
        let span_w = |c: &GridCell| x[(c.col + c.colspan).min(x.len() - 1)] - x[c.col];
        let lines: Vec<Vec<String>> = t
            .grid
            .cells
            .iter()
            .zip(&t.texts)
            .map(|(c, text)| {
                let w = span_w(c) - 2.0 * PAD_X;
                let mut lines = flow.wrap(Role::Body, SIZE, text, w, w);
                // A cell never makes its row taller than half a page (a long
                // text typed where a number belongs): its end is cut, marked.
                if lines.len() > MAX_LINES {
                    lines.truncate(MAX_LINES);
                    if let Some(last) = lines.last_mut() {
                        last.pop();
                        last.push('…');
                    }
                }
                lines
            })
            .collect();
        let heights = row_heights(t.grid, &lines);
        Laid {
            t,
            x,
            lines,
            heights,
        }
    }

    fn header_height(&self) -> f32 {
        self.heights[..self.t.grid.header_rows].iter().sum()
    }

    /// The room the table needs where it starts: all of it if it fits on a
    /// page with the `before` (its heading) above it (it is kept on one),
    /// else its header and first rows.
    pub fn start(&self, before: f32) -> f32 {
        let whole: f32 = self.heights.iter().sum();
        if before + whole <= super::flow::HEIGHT {
            return whole;
        }
        let grid = self.t.grid;
        self.header_height()
            + (grid.header_rows..grid.rows)
                .take(FIRST_ROWS)
                .map(|r| self.heights[r])
                .sum::<f32>()
    }

    pub fn place(&self, flow: &mut Flow, before: f32) {
        let grid = self.t.grid;
        flow.need(self.start(before));
        let header: Vec<usize> = (0..grid.header_rows).collect();
        let header_h = self.header_height();
        // The rows on each page: the header's, then the body rows that fit.
        let mut segments: Vec<Vec<(usize, f32)>> = Vec::new();
        let mut seg = header_rows_at(flow.y, &header, &self.heights);
        let mut y = flow.y + header_h;
        for r in grid.header_rows..grid.rows {
            if y + self.heights[r] > super::flow::BOTTOM + 0.01 && seg.len() > header.len() {
                segments.push(std::mem::take(&mut seg));
                seg = header_rows_at(super::flow::TOP, &header, &self.heights);
                y = super::flow::TOP + header_h;
            }
            seg.push((r, y));
            y += self.heights[r];
        }
        segments.push(seg);
        let homes = self.text_homes(&segments);
        for (k, seg) in segments.iter().enumerate() {
            if k > 0 {
                flow.new_page();
            }
            self.draw(flow, seg, k, &homes);
        }
        flow.y = y + PITCH / 2.0;
    }

    /// The page (segment) each cell's text is printed on: the first piece of
    /// the cell tall enough for it, else its tallest piece. A merged cell cut
    /// by a page break keeps its rules on both pages, its text on one.
    fn text_homes(&self, segments: &[Vec<(usize, f32)>]) -> Vec<usize> {
        let grid = self.t.grid;
        grid.cells
            .iter()
            .zip(&self.lines)
            .map(|(c, lines)| {
                let rows = c.row..c.row + c.rowspan;
                let piece = |seg: &Vec<(usize, f32)>| -> f32 {
                    seg.iter()
                        .filter(|(r, _)| rows.contains(r))
                        .map(|(r, _)| self.heights[*r])
                        .sum()
                };
                let need = lines.len() as f32 * LINE;
                // Header cells: on the first page (repeated later as furniture).
                if c.row < grid.header_rows {
                    return 0;
                }
                segments
                    .iter()
                    .position(|s| piece(s) >= need)
                    .or_else(|| {
                        (0..segments.len())
                            .max_by(|a, b| piece(&segments[*a]).total_cmp(&piece(&segments[*b])))
                    })
                    .unwrap_or(0)
            })
            .collect()
    }
}

fn header_rows_at(top: f32, header: &[usize], heights: &[f32]) -> Vec<(usize, f32)> {
    let mut y = top;
    header
        .iter()
        .map(|&r| {
            let at = (r, y);
            y += heights[r];
            at
        })
        .collect()
}

/// Each row's height: its tallest single-row cell, and as much more as a
/// merged cell needs that its rows do not give it (added to its last row).
fn row_heights(grid: &Grid, lines: &[Vec<String>]) -> Vec<f32> {
    let need = |n: usize| n as f32 * LINE + 2.0 * PAD_Y;
    let mut h = vec![MIN_ROW; grid.rows];
    for (c, l) in grid.cells.iter().zip(lines) {
        if c.rowspan == 1 {
            h[c.row] = h[c.row].max(need(l.len()));
        }
    }
    for (c, l) in grid.cells.iter().zip(lines) {
        if c.rowspan > 1 {
            let rows = c.row..(c.row + c.rowspan).min(grid.rows);
            let have: f32 = h[rows.clone()].iter().sum();
            if let Some(last) = rows.last()
                && need(l.len()) > have
            {
                h[last] += need(l.len()) - have;
            }
        }
    }
    h
}

/// The cells of one page's rows: borders, and the text centred in the part
/// of the cell on this page where its text is printed.
impl Laid<'_> {
    /// One page's part of the table: segment `k`, its `rows` at their tops.
    /// Header rows repeated after the first page are page furniture for the
    /// tagged structure (their cells were read once already).
    fn draw(&self, flow: &mut Flow, rows: &[(usize, f32)], k: usize, homes: &[usize]) {
        let (x, heights) = (&self.x, &self.heights);
        for (i, (c, text)) in self.t.grid.cells.iter().zip(&self.lines).enumerate() {
            let here: Vec<&(usize, f32)> = rows
                .iter()
                .filter(|(r, _)| (c.row..c.row + c.rowspan).contains(r))
                .collect();
            let (Some(first), Some(last)) = (here.first(), here.last()) else {
                continue;
            };
            let (x0, x1) = (x[c.col], x[(c.col + c.colspan).min(x.len() - 1)]);
            let (y0, y1) = (first.1, last.1 + heights[last.0]);
            for (a, b, cc, d) in [
                (x0, y0, x1, y0),
                (x0, y1, x1, y1),
                (x0, y0, x0, y1),
                (x1, y0, x1, y1),
            ] {
                flow.push(Op::Line {
                    x1: a,
                    y1: b,
                    x2: cc,
                    y2: d,
                });
            }
            let repeat = c.row < self.t.grid.header_rows && k > 0;
            if homes[i] != k && !repeat {
                continue;
            }
            let mark = if repeat {
                Mark::Artifact
            } else {
                Mark::Cell {
                    table: self.t.block,
                    cell: i,
                }
            };
            let block = text.len() as f32 * LINE;
            let mut top = y0 + ((y1 - y0) - block).max(0.0) / 2.0;
            for line in text {
                if line.is_empty() {
                    top += LINE;
                    continue;
                }
                let w = flow.width(Role::Body, SIZE, line);
                let lx = match c.content {
                    Content::Value(_) => x1 - PAD_X - w,
                    Content::Label(_) if !c.header && c.rowspan == 1 => x0 + PAD_X,
                    _ => x0 + ((x1 - x0) - w) / 2.0,
                };
                flow.push(Op::Text {
                    x: lx,
                    y: top + baseline(SIZE, LINE),
                    size: SIZE,
                    role: Role::Body,
                    text: line.clone(),
                    mark,
                });
                top += LINE;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::fonts::Fonts;
    use crate::template::t3_grid;

    #[test]
    fn a_merged_label_cut_by_a_page_break_is_printed_where_it_fits() {
        let fonts = Fonts::bundled();
        let flow = Flow::new(&fonts);
        let grid = t3_grid();
        let texts = grid
            .cells
            .iter()
            .map(|c| match c.content {
                Content::Label(l) => l.to_string(),
                Content::Value(_) => "0".to_string(),
            })
            .collect();
        let t = Printed {
            block: 0,
            grid,
            texts,
            shares: crate::export::column_shares(crate::template::Table::T3),
        };
        let laid = Laid::new(&flow, &t);
        // The tallest merge (三、本年度办理结果): its first row alone on page one.
        let (big, cell) = grid
            .cells
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| c.rowspan)
            .unwrap();
        let header: Vec<usize> = (0..grid.header_rows).collect();
        let mut one = header_rows_at(0.0, &header, &laid.heights);
        one.push((cell.row, 100.0));
        let mut two = header_rows_at(0.0, &header, &laid.heights);
        two.extend((cell.row + 1..grid.rows).map(|r| (r, 0.0)));
        let homes = laid.text_homes(&[one, two]);
        assert_eq!(homes[big], 1, "too short a piece on page one");
        // Header cells are printed on the first page.
        assert_eq!(homes[0], 0);
    }
}
