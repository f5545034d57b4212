//! Plain-text layouts: pipe rows and Markdown tables (also box-drawing
//! tables as `w3m -dump` prints them), one cell per line with trailing pipes,
//! tab-separated rows (also with wrapped rows), text as PDF extractors produce
//! it (columns separated by runs of spaces, or one cell per line), crawler
//! text with the whole body on one line and table cells run together, and
//! Markdown with embedded HTML tables (what pandoc and PDF converters write).

use super::{copied, markdown};
use crate::import::doc::{Doc, Line, LineKind, Tok, TokKind, spaced_pieces};
use crate::import::headings::heading_part;
use crate::import::labels::segment;
use crate::import::normalize::{is_page_marker, is_value_like};
use crate::template::PART_HEADINGS;

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
    if has_html_table(text) {
        let mut doc = super::html::read(&as_html(text));
        doc.layout = "markdown-html";
        return doc;
    }
    let unboxed = unbox(text).or_else(|| copied::rejoin_cells(text));
    let text = unboxed.as_deref().unwrap_or(text);
    let raw: Vec<&str> = text.lines().collect();
    if let Some(doc) = read_run_together(&raw) {
        return doc;
    }
    let layout = detect(&raw);
    let page_numbers = page_numbers(&raw);
    let mut lines = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let no = i + 1;
        let l = raw[i].trim_end_matches('\r');
        let t = l.trim();
        if t.is_empty() || is_page_marker(strip_markdown(t)) || page_numbers.contains(&i) {
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
        if layout == Layout::Spaces && is_single_value(t) {
            // Values one per line (plain pdftotext): a run of them, up to a
            // blank line, is kept together; it may be a column of the table.
            let mut toks = Vec::new();
            while i < raw.len() && is_single_value(raw[i].trim()) && !page_numbers.contains(&i) {
                toks.push(Tok::with_kind(raw[i].trim(), i + 1, TokKind::Stacked));
                i += 1;
            }
            lines.push(Line {
                no,
                kind: LineKind::Row(toks),
            });
            continue;
        }
        if let Some(paras) = markdown::block(t) {
            lines.extend(paras.into_iter().map(|p| Line {
                no,
                kind: LineKind::Para(p),
            }));
            i += 1;
            continue;
        }
        let kind = match layout {
            Layout::Pipe if t.starts_with('|') => match pipe_cells(t, no) {
                Some(cells) => {
                    let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
                    if let Some((end, heading)) = markdown::heading_row(&texts) {
                        give_back(&mut lines, no, end, heading);
                        i += 1;
                        continue;
                    }
                    LineKind::Row(cells)
                }
                None => {
                    i += 1;
                    continue;
                }
            },
            Layout::Tab if l.contains('\t') => LineKind::Row(tab_cells(l, no)),
            // The label matcher joins label pieces again.
            Layout::Spaces if is_space_row(t) => LineKind::Row(spaced_pieces(t, no)),
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

/// Lines that are bare page numbers ("3" alone): the last line before a
/// form feed (pdftotext ends every page with one), or — in text without
/// form feeds — bare numbers outside any run of values that count pages up.
fn page_numbers(raw: &[&str]) -> std::collections::HashSet<usize> {
    let bare = |t: &str| {
        let t = t.trim();
        !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) && t != "0"
    };
    let mut out = std::collections::HashSet::new();
    let mut feeds = false;
    for (i, l) in raw.iter().enumerate() {
        if l.starts_with('\x0c') {
            feeds = true;
            if let Some(j) = (0..i).rev().find(|&j| !raw[j].trim().is_empty())
                && bare(raw[j])
            {
                out.insert(j);
            }
        }
    }
    let nonblank: Vec<usize> = (0..raw.len())
        .filter(|&i| !raw[i].trim().is_empty())
        .collect();
    let among_text = |k: usize| {
        [k.wrapping_sub(1), k + 1]
            .iter()
            .filter_map(|&n| nonblank.get(n))
            .all(|&n| !raw[n].split_whitespace().all(is_single_value))
    };
    if feeds {
        // Some PDF writers put a page's number early in its content, so it
        // comes out mid-page: a bare number equal to the page's own number,
        // between lines of text, is that too.
        let mut page = 1;
        for (k, &i) in nonblank.iter().enumerate() {
            if raw[i].starts_with('\x0c') {
                page += raw[i].matches('\x0c').count();
            }
            if bare(raw[i]) && raw[i].trim().parse::<usize>() == Ok(page) && among_text(k) {
                out.insert(i);
            }
        }
        return out;
    }
    let alone: Vec<(usize, u32)> = nonblank
        .iter()
        .enumerate()
        .filter(|&(k, &i)| bare(raw[i]) && among_text(k))
        .filter_map(|(_, &i)| raw[i].trim().parse().ok().map(|n| (i, n)))
        .collect();
    // Page numbers count up by one through the document.
    for w in alone.windows(2) {
        if w[1].1 == w[0].1 + 1 {
            out.insert(w[0].0);
            out.insert(w[1].0);
        }
    }
    out
}

/// One number (or not-applicable mark) alone on its line.
fn is_single_value(t: &str) -> bool {
    !t.is_empty() && !t.contains(char::is_whitespace) && is_value_like(t) && !is_page_marker(t)
}

/// Markdown that carries its tables as raw HTML (`pandoc -t markdown_strict`,
/// PDF-to-Markdown converters).
fn has_html_table(text: &str) -> bool {
    let head = text.get(..text.len().min(1 << 20)).unwrap_or(text);
    let lower = head.to_ascii_lowercase();
    lower.contains("<table") && lower.contains("<td")
}

/// The Markdown around the tables becomes paragraphs, so that the HTML
/// reader sees one document.
fn as_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    let mut in_table = 0usize;
    for line in text.lines() {
        let lower = line.to_ascii_lowercase();
        let opens = lower.matches("<table").count();
        let closes = lower.matches("</table").count();
        if in_table > 0 || opens > 0 {
            out.push_str(line);
            out.push('\n');
            in_table = (in_table + opens).saturating_sub(closes);
            continue;
        }
        let t = strip_markdown(line.trim());
        if !t.is_empty() {
            out.push_str("<p>");
            out.push_str(&t.replace('&', "&amp;").replace('<', "&lt;"));
            out.push_str("</p>\n");
        }
    }
    out
}

/// Box-drawing tables (`w3m -dump`, `lynx -dump`, Word's plain-text export):
/// vertical bars become pipes and pure border lines go. `None` when the text
/// has no box-drawing table.
fn unbox(text: &str) -> Option<String> {
    const BARS: [char; 4] = ['│', '┃', '║', '¦'];
    const BORDERS: &str = "─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋-+=|│┃║ ";
    if !text.contains(BARS) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim();
        if !t.is_empty() && t.chars().all(|c| BORDERS.contains(c)) && !t.chars().all(|c| c == '-') {
            out.push('\n');
            continue;
        }
        out.extend(
            line.chars()
                .map(|c| if BARS.contains(&c) { '|' } else { c }),
        );
        out.push('\n');
    }
    Some(out)
}

/// Crawler text: the whole body on a line or two, part headings inside it
/// and table cells run together (`一、本年新收政府信息公开申请数量21710000218`).
/// The line is cut at the part headings; the tables' stretches become rows of
/// labels and digit runs ([`TokKind::Run`]) that the table reader splits by
/// their arithmetic.
fn read_run_together(raw: &[&str]) -> Option<Doc> {
    let long = |l: &&str| l.chars().count() > 400 && headings_in(l).len() >= 3;
    if !raw.iter().any(long) {
        return None;
    }
    let mut lines = Vec::new();
    let mut push = |no: usize, kind: LineKind| lines.push(Line { no, kind });
    for (i, l) in raw.iter().enumerate() {
        let no = i + 1;
        let t = l.trim();
        if t.is_empty() || is_page_marker(t) {
            continue;
        }
        if !long(l) {
            push(no, LineKind::Para(t.to_string()));
            continue;
        }
        let cuts = headings_in(t);
        let mut pieces: Vec<(Option<usize>, &str)> = Vec::new();
        let mut at = 0;
        for (pos, part, len) in cuts {
            pieces.push((None, &t[at..pos]));
            pieces.push((Some(part), &t[pos..pos + len]));
            at = pos + len;
        }
        pieces.push((None, &t[at..]));
        let mut part: Option<usize> = None;
        for (heading, piece) in pieces {
            let piece = piece.trim();
            if let Some(p) = heading {
                part = Some(p);
                push(no, LineKind::Para(piece.to_string()));
            } else if piece.is_empty() {
            } else if matches!(part, Some(1..=3)) {
                push(no, LineKind::Row(run_tokens(piece, no)));
            } else {
                for s in sentences(piece) {
                    push(no, LineKind::Para(s));
                }
            }
        }
    }
    Some(Doc {
        lines,
        layout: "run-together",
    })
}

/// The part headings in a run-together line, in order: (byte offset, part, length).
fn headings_in(t: &str) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let mut from = 0;
    for (p, h) in PART_HEADINGS.iter().enumerate() {
        if let Some(pos) = t[from..].find(h) {
            out.push((from + pos, p, h.len()));
            from += pos + h.len();
        }
    }
    out
}

/// Narrative run together: cut before each sub-heading （一）…（十） that
/// follows a full stop, so part 一's sections are found.
fn sentences(t: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut prev = ' ';
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let sub = c == '（'
            && chars.get(i + 2) == Some(&'）')
            && chars
                .get(i + 1)
                .is_some_and(|d| crate::import::normalize::cn_digit(*d).is_some());
        if sub && matches!(prev, '。' | '；') {
            out.push(String::new());
        }
        if let Some(s) = out.last_mut() {
            s.push(c);
        }
        prev = c;
    }
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A table stretch of crawler text as tokens: digit runs (kind `Run`) and
/// the labels between them. A digit directly before `.` and a character
/// (`…40000042.其他法律…`) is the next label's item number, not a value.
fn run_tokens(t: &str, no: usize) -> Vec<Tok> {
    let chars: Vec<char> = t.chars().collect();
    let mut toks = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    let is_num = |c: char| c.is_ascii_digit();
    let mut i = 0;
    let flush_text = |text: &mut String, toks: &mut Vec<Tok>| {
        if !text.trim().is_empty() {
            toks.extend(segment(text).into_iter().map(|s| Tok::new(s, no)));
        }
        text.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        if is_num(c) {
            let start = i;
            while i < chars.len()
                && (is_num(chars[i])
                    || (chars[i] == '.'
                        && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                        && i > start))
            {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            // An item number: the run's last digit followed by `.`/`、` and a non-digit.
            let numbered = matches!(chars.get(i), Some('.' | '．' | '、'))
                && chars.get(i + 1).is_some_and(|d| !d.is_ascii_digit())
                && !run.contains('.');
            let (value, label_digit) = if numbered {
                let (v, d) = run.split_at(run.len() - 1);
                (v.to_string(), Some(d.to_string()))
            } else {
                (run, None)
            };
            if !value.is_empty() {
                // Runs with only spaces between are cells a crawler joined
                // with a space: whole values, not digits to split.
                let spaced = !text.is_empty()
                    && text.trim().is_empty()
                    && toks.last().is_some_and(|t: &Tok| {
                        t.kind != TokKind::Stacked && is_value_like(&t.text)
                    });
                flush_text(&mut text, &mut toks);
                digits.push_str(&value);
                let kind = if spaced { TokKind::Cell } else { TokKind::Run };
                if spaced && let Some(prev) = toks.last_mut() {
                    prev.kind = TokKind::Cell;
                }
                toks.push(Tok::with_kind(std::mem::take(&mut digits), no, kind));
            }
            if let Some(d) = label_digit {
                text.push_str(&d);
            }
            continue;
        }
        text.push(c);
        i += 1;
    }
    flush_text(&mut text, &mut toks);
    toks
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

/// The text a converter put in a table's first row, back where it was
/// printed: a paragraph's last words onto the paragraph, then the heading.
fn give_back(lines: &mut Vec<Line>, no: usize, end: String, heading: String) {
    if !end.is_empty() {
        match lines.last_mut() {
            Some(Line {
                kind: LineKind::Para(p),
                ..
            }) if !p.ends_with(['。', '；', '：']) => p.push_str(&end),
            _ => lines.push(Line {
                no,
                kind: LineKind::Para(end),
            }),
        }
    }
    lines.push(Line {
        no,
        kind: LineKind::Para(heading),
    });
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
            .map(|c| Tok::new(markdown::cell(c), no))
            .collect(),
    )
}

fn tab_cells(l: &str, no: usize) -> Vec<Tok> {
    l.split('\t')
        .map(|c| Tok::new(c.trim().to_string(), no))
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
                toks.push(Tok::new(pending.trim().to_string(), pending_line));
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
        toks.push(Tok::new(pending.trim().to_string(), pending_line));
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
    let values_only = pieces.iter().all(|p| is_value_like(p));
    wide.len() >= 3 || trailing_numbers >= 3 || label_and_value || values_only
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
