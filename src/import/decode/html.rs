//! HTML pages: paragraphs in document order and tables with their merges
//! expanded (a covered slot becomes an empty cell, as in the text layouts).
//! Handles `&nbsp;`, `<br>`, `<p>`/`<span>` wrappers and Word-exported markup.

use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

use crate::import::doc::{Doc, Line, LineKind, Tok, TokKind};

pub fn read(source: &str) -> Doc {
    read_with_pictures(source).0
}

/// A picture in a page (`<img src>`), with the number of lines read before
/// it: a saved page whose tables were published as images has them beside
/// it (`报告_files/image002.png`), and their text belongs there.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub after_lines: usize,
    pub src: String,
}

/// [`read`], with the pictures of the page in document order.
pub fn read_with_pictures(source: &str) -> (Doc, Vec<Picture>) {
    let html = Html::parse_document(source);
    let mut w = Walker {
        lines: Vec::new(),
        buf: String::new(),
        pictures: Vec::new(),
    };
    w.walk(html.root_element());
    w.flush();
    let doc = Doc {
        lines: w.lines,
        layout: "html",
    };
    (doc, w.pictures)
}

/// Elements that may be nested this deep at most. Real pages nest a few
/// dozen levels; html5ever's tree builder checks scopes by walking the stack
/// of open elements, so a million nested `<div>` costs minutes.
pub const MAX_NESTING: usize = 1_000;

/// Refuses HTML whose elements nest deeper than [`MAX_NESTING`], by a
/// linear scan of its tags before parsing. Elements that need no end tag
/// (`<br>`, `<p>`, `<td>`, …) are not counted, as pages leave them open.
pub fn nesting_ok(source: &str) -> Result<(), crate::import::error::ImportError> {
    const UNCOUNTED: [&str; 27] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
        "option", "optgroup", "colgroup", "o:p",
    ];
    let b = source.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let close = b.get(i) == Some(&b'/');
        let start = i + close as usize;
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b':')
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = source[start..start + len].to_ascii_lowercase();
        let end = b[start..]
            .iter()
            .position(|&c| c == b'>')
            .map(|p| start + p);
        let self_closing = end.is_some_and(|e| e > 0 && b[e - 1] == b'/');
        if UNCOUNTED.contains(&name.as_str()) || self_closing {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
        if deepest > MAX_NESTING {
            return Err(crate::import::error::ImportError::HtmlTooDeep);
        }
    }
    Ok(())
}

struct Walker {
    lines: Vec<Line>,
    buf: String,
    pictures: Vec<Picture>,
}

const BLOCKS: [&str; 16] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "pre",
    "header",
    "footer",
    "center",
];

impl Walker {
    fn next_no(&self) -> usize {
        self.lines.len() + 1
    }

    fn flush(&mut self) {
        let t = clean(&self.buf);
        self.buf.clear();
        for piece in t.split('\n') {
            let piece = piece.trim();
            if !piece.is_empty() && !crate::import::normalize::is_page_marker(piece) {
                let no = self.next_no();
                self.lines.push(Line {
                    no,
                    kind: LineKind::Para(piece.to_string()),
                });
            }
        }
        self.place_pictures();
    }

    /// Pictures met since the last paragraph ended go after it.
    fn place_pictures(&mut self) {
        let here = self.lines.len();
        for p in self
            .pictures
            .iter_mut()
            .filter(|p| p.after_lines == usize::MAX)
        {
            p.after_lines = here;
        }
    }

    /// Walks `el`'s subtree without recursion: pages nested thousands of
    /// levels deep (`<span>` in `<span>` …) must not exhaust the stack.
    fn walk(&mut self, el: ElementRef) {
        use ego_tree::iter::Edge;
        // A subtree being skipped (a script, or a table already read).
        let mut skip: Option<ego_tree::NodeId> = None;
        for edge in el.traverse() {
            match edge {
                Edge::Open(node) if node.id() == el.id() => {}
                Edge::Close(node) if node.id() == el.id() => {}
                Edge::Open(_) if skip.is_some() => {}
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    } else if skip.is_none()
                        && let Node::Element(e) = node.value()
                        && BLOCKS.contains(&e.name())
                    {
                        self.flush();
                    }
                }
                Edge::Open(node) => match node.value() {
                    Node::Text(t) => self.buf.push_str(&t.replace(['\n', '\r'], " ")),
                    Node::Element(e) => match e.name() {
                        "script" | "style" | "head" | "title" | "noscript" | "template" => {
                            skip = Some(node.id())
                        }
                        "br" => self.buf.push('\n'),
                        // Placed after the paragraph it stands in (an icon
                        // inside a sentence must not split it).
                        "img" => {
                            if let Some(src) = e.attr("src").filter(|s| !s.trim().is_empty()) {
                                self.pictures.push(Picture {
                                    after_lines: usize::MAX,
                                    src: src.trim().to_string(),
                                });
                            }
                        }
                        "table" => {
                            self.flush();
                            if let Some(t) = ElementRef::wrap(node) {
                                self.table(t);
                            }
                            skip = Some(node.id());
                        }
                        n if BLOCKS.contains(&n) => self.flush(),
                        _ => {}
                    },
                    _ => {}
                },
            }
        }
    }

    fn table(&mut self, table: ElementRef) {
        let mut rows = rows_of(table);
        // Bounded work whatever the markup: the template's tables have a few
        // dozen rows and columns; spans and rows beyond any real report's are cut.
        rows.truncate(MAX_ROWS);
        let mut budget = MAX_COVERED;
        let mut covered: HashSet<(usize, usize)> = HashSet::new();
        for (r, tr) in rows.iter().enumerate() {
            let no = self.next_no();
            let mut toks = Vec::new();
            let mut col = 0;
            // Places covered by a merged cell carry no data of their own.
            let empty = |toks: &mut Vec<Tok>| toks.push(Tok::with_kind("", no, TokKind::Span));
            for cell in tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
            {
                while covered.contains(&(r, col)) {
                    empty(&mut toks);
                    col += 1;
                }
                let span = |a: &str| {
                    cell.value()
                        .attr(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                let (mut cs, mut rs) = (span("colspan"), span("rowspan"));
                if cs * rs > budget || col >= MAX_COLS {
                    (cs, rs) = (1, 1);
                }
                budget = budget.saturating_sub(cs * rs);
                toks.push(Tok::new(cell_text(cell), no));
                for _ in 1..cs {
                    empty(&mut toks);
                }
                for dr in 0..rs {
                    for dc in 0..cs {
                        if dr > 0 {
                            covered.insert((r + dr, col + dc));
                        }
                    }
                }
                col += cs;
            }
            while covered.contains(&(r, col)) {
                empty(&mut toks);
                col += 1;
            }
            if toks.iter().any(|t| !t.text.is_empty()) {
                self.lines.push(Line {
                    no,
                    kind: LineKind::Row(toks),
                });
            }
        }
    }
}

/// Rows read of one table, cells a row may reach, cells one span may cover,
/// and places spans may cover in one table: far above any real report.
const MAX_ROWS: usize = 2_000;
const MAX_COLS: usize = crate::import::limits::MAX_ROW_CELLS;
const MAX_SPAN: usize = 64;
const MAX_COVERED: usize = 100_000;

/// The rows of a table, not of tables nested in it.
fn rows_of(table: ElementRef) -> Vec<ElementRef> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| c.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    out
}

/// A cell's text: lines (from `<br>` and paragraphs) joined without spaces,
/// as a header broken over lines reads as one label.
fn cell_text(cell: ElementRef) -> String {
    let mut w = Walker {
        lines: Vec::new(),
        buf: String::new(),
        pictures: Vec::new(),
    };
    w.walk(cell);
    w.flush();
    w.lines
        .into_iter()
        .map(|l| match l.kind {
            LineKind::Para(t) => t,
            LineKind::Row(t) => t.into_iter().map(|t| t.text).collect::<Vec<_>>().join(" "),
        })
        .collect::<Vec<_>>()
        .join("")
}

/// Folds non-breaking and other odd spaces; keeps line breaks.
fn clean(s: &str) -> String {
    let s = s.replace(['\u{a0}', '\u{3000}', '\u{200b}', '\u{feff}'], " ");
    s.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_spans() {
        let doc = read(
            "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>1</td><td>&nbsp;2</td></tr></table><p>后<br>记</p>",
        );
        let rows: Vec<Vec<String>> = doc
            .lines
            .iter()
            .map(|l| match &l.kind {
                LineKind::Row(t) => t.iter().map(|t| t.text.clone()).collect(),
                LineKind::Para(p) => vec![format!("P:{p}")],
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["A", "B", ""],
                vec!["", "1", "2"],
                vec!["P:后"],
                vec!["P:记"]
            ]
        );
    }
}

#[cfg(test)]
mod picture_tests {
    use super::*;

    #[test]
    fn a_picture_goes_after_the_paragraph_it_stands_in_without_splitting_it() {
        let (doc, pictures) = read_with_pictures(
            "<p>共收到<img src=\"i.png\">申请12件</p><h2>三、收到和处理</h2><p><img src=\"t.png\"></p><p>后文</p>",
        );
        let paras: Vec<&str> = doc
            .lines
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Para(t) => Some(t.as_str()),
                LineKind::Row(_) => None,
            })
            .collect();
        assert_eq!(paras, ["共收到申请12件", "三、收到和处理", "后文"]);
        let at: Vec<(usize, &str)> = pictures
            .iter()
            .map(|p| (p.after_lines, p.src.as_str()))
            .collect();
        assert_eq!(at, [(1, "i.png"), (2, "t.png")]);
    }
}
