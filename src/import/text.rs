//! Plain-text layouts: pipe rows and Markdown tables, one cell per line with
//! trailing pipes, tab-separated rows (also with wrapped rows), and text as
//! PDF extractors produce it (columns separated by runs of spaces).

use super::normalize::{is_page_marker, is_value_like};
use super::structure::heading_part;
use super::{Doc, Line, LineKind, Tok};

/// The layout of a text file, decided once from its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// `| a | b |` rows (also Markdown tables).
    Pipe,
    /// Cells one per line, each ending with ` |`; rows are not marked.
    Stream,
    /// Tab-separated rows.
    Tab,
    /// Columns separated by runs of spaces (text copied out of a PDF).
    Spaces,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Pipe => "pipe",
            Layout::Stream => "stream",
            Layout::Tab => "tab",
            Layout::Spaces => "spaces",
        }
    }
}

pub fn read(text: &str) -> Doc {
    let raw: Vec<&str> = text.lines().collect();
    let layout = detect(&raw);
    let mut lines = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let no = i + 1;
        let l = raw[i].trim_end_matches('\r');
        let t = l.trim();
        if t.is_empty() || is_page_marker(t) {
            i += 1;
            continue;
        }
        if layout == Layout::Stream && is_stream_cell(t) {
            // A run of one-cell lines becomes one row of tokens.
            let (toks, next) = stream_run(&raw, i);
            lines.push(Line {
                no,
                kind: LineKind::Row(toks),
            });
            i = next;
            continue;
        }
        let kind = match layout {
            Layout::Pipe if t.starts_with('|') => match pipe_cells(t, no) {
                Some(cells) => LineKind::Row(cells),
                None => {
                    i += 1;
                    continue;
                }
            },
            Layout::Tab if l.contains('\t') => LineKind::Row(tab_cells(l, no)),
            Layout::Spaces if is_space_row(t) => LineKind::Row(space_cells(t, no)),
            _ => LineKind::Para(strip_markdown(t).to_string()),
        };
        lines.push(Line { no, kind });
        i += 1;
    }
    Doc {
        lines,
        layout: layout.name(),
    }
}

fn detect(raw: &[&str]) -> Layout {
    let (mut pipe, mut stream, mut tab) = (0, 0, 0);
    for l in raw {
        let t = l.trim();
        if t.starts_with('|') && t.matches('|').count() >= 2 {
            pipe += 1;
        } else if t.ends_with('|') {
            stream += 1;
        }
        if l.contains('\t') {
            tab += 1;
        }
    }
    let best = pipe.max(stream).max(tab);
    if best < 3 {
        Layout::Spaces
    } else if best == tab {
        Layout::Tab
    } else if best == pipe {
        Layout::Pipe
    } else {
        Layout::Stream
    }
}

/// Markdown headings (`## 一、总体情况`) read as their text.
fn strip_markdown(t: &str) -> &str {
    let s = t.trim_start_matches('#');
    if s.len() < t.len() { s.trim_start() } else { t }
}

/// `| a | b |` → [a, b]; `None` for a Markdown separator row.
fn pipe_cells(t: &str, no: usize) -> Option<Vec<Tok>> {
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let separator = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    if separator {
        return None;
    }
    Some(
        cells
            .into_iter()
            .map(|c| Tok {
                text: c.to_string(),
                line: no,
            })
            .collect(),
    )
}

fn tab_cells(l: &str, no: usize) -> Vec<Tok> {
    l.split('\t')
        .map(|c| Tok {
            text: c.trim().to_string(),
            line: no,
        })
        .collect()
}

/// A line of the stream layout: a cell ending with `|`, or only pipes.
fn is_stream_cell(t: &str) -> bool {
    t.ends_with('|') || t.chars().all(|c| c == '|')
}

/// Joins the lines of a stream-layout table into tokens, from `start` to the
/// last line that belongs to it; returns the tokens and the next line index.
/// Short lines without a pipe inside the run are cell text broken over lines
/// (e.g. `商业企业` followed by a line `|`).
fn stream_run(raw: &[&str], start: usize) -> (Vec<Tok>, usize) {
    let mut toks = Vec::new();
    let mut pending = String::new();
    let mut pending_line = start + 1;
    let mut i = start;
    while i < raw.len() {
        let t = raw[i].trim();
        if t.is_empty() || is_page_marker(t) {
            i += 1;
            continue;
        }
        let continues = is_stream_cell(t) || {
            // Text without a pipe belongs to the table if a pipe line follows it
            // directly and it is not a part heading.
            let next_pipe = raw[i + 1..]
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.is_empty())
                .is_some_and(is_stream_cell);
            next_pipe && heading_part(t).is_none() && t.chars().count() <= 40
        };
        if !continues {
            break;
        }
        for (k, piece) in t.split('|').enumerate() {
            if k > 0 {
                toks.push(Tok {
                    text: pending.trim().to_string(),
                    line: pending_line,
                });
                pending.clear();
                pending_line = i + 1;
            }
            if !piece.trim().is_empty() {
                if pending.is_empty() {
                    pending_line = i + 1;
                }
                pending.push_str(piece.trim());
            }
        }
        i += 1;
    }
    if !pending.trim().is_empty() {
        toks.push(Tok {
            text: pending.trim().to_string(),
            line: pending_line,
        });
    }
    (toks, i)
}

/// A PDF-text table row: several columns separated by wide gaps, or a label
/// followed by at least three numbers.
fn is_space_row(t: &str) -> bool {
    if t.contains('。') || heading_part(t).is_some() {
        return false;
    }
    let wide: Vec<&str> = t
        .split("  ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let pieces: Vec<&str> = t.split_whitespace().collect();
    let trailing_numbers = pieces.iter().rev().take_while(|p| is_value_like(p)).count();
    // "行政许可      0": a label and one value across a wide gap.
    let label_and_value = wide.len() == 2 && is_value_like(wide[1]) && !is_value_like(wide[0]);
    wide.len() >= 3 || trailing_numbers >= 3 || label_and_value
}

/// Whitespace-separated pieces; the label matcher joins label pieces again.
fn space_cells(t: &str, no: usize) -> Vec<Tok> {
    t.split_whitespace()
        .map(|p| Tok {
            text: p.to_string(),
            line: no,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(doc: &Doc) -> Vec<Vec<String>> {
        doc.lines
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Row(t) => Some(t.iter().map(|t| t.text.clone()).collect()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn stream_layout_joins_broken_cells() {
        let doc = read("标题\n表 |\n|||\n商业企业\n|\n科研\n机构 |\n0 |\n三、结尾\n");
        assert_eq!(doc.layout, "stream");
        assert_eq!(
            rows(&doc),
            vec![vec!["表", "", "", "", "商业企业", "科研机构", "0"]]
        );
    }

    #[test]
    fn markdown_separator_is_skipped() {
        let doc = read("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | |\n");
        assert_eq!(
            rows(&doc),
            vec![vec!["a", "b"], vec!["1", "2"], vec!["3", ""]]
        );
    }
}
