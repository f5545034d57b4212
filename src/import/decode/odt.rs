//! Decoding OpenDocument text (`.odt`, what LibreOffice and WPS save as
//! ODF): `content.xml`'s paragraphs and tables in document order, a merged
//! cell's covered places (`table:covered-table-cell`, across or down) as
//! empty places, like a Word file's. A PDF opened in LibreOffice and saved
//! as `.odt` has no tables: each printed line sits in a frame anchored on
//! its page, which only the frames' positions put in order (runs, as a
//! PDF's characters).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

use super::docx::Word;
use super::flow::Flow;
use super::xml::{self, PartError, attr, push_ref};
use crate::import::doc::{Doc, TokKind};
use crate::import::runs::Run;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OdtError {
    #[error("不是有效的 OpenDocument 文字文档（.odt）：{0}")]
    NotZip(String),
    #[error("不是 OpenDocument 文字文档：缺少 content.xml")]
    NoContent,
    /// Over [`xml::MAX_XML_BYTES`] unpacked.
    #[error("OpenDocument 文档正文过大")]
    TooLarge,
    #[error("无法读取 OpenDocument 文档正文：{0}")]
    Unreadable(String),
    /// `at` is the byte position in `content.xml`.
    #[error("OpenDocument 文档正文 XML 有误（位置 {at}）：{why}")]
    Xml { at: u64, why: String },
    #[error("OpenDocument 文档文字编码有误：{0}")]
    Encoding(String),
}

/// A document with at least this many frames on its pages and no table is
/// a page laid out in frames (a converted PDF: one per printed line).
const POSITIONED_FRAMES: usize = 30;

pub fn read(bytes: &[u8]) -> Result<Word, OdtError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| OdtError::NotZip(e.to_string()))?;
    let xml = xml::part(&mut zip, "content.xml").map_err(|e| match e {
        PartError::Missing => OdtError::NoContent,
        PartError::TooLarge => OdtError::TooLarge,
        PartError::Unreadable(why) => OdtError::Unreadable(why),
    })?;
    let frames = xml.matches("<draw:frame").count();
    if frames >= POSITIONED_FRAMES && !xml.contains("<table:table ") {
        return frames_on_pages(&xml).map(Word::Positioned);
    }
    parse(&xml).map(Word::Flow)
}

/// Elements whose text is not the document's: comments, footnote bodies,
/// the list of changes, and (in the flow) drawings' captions.
const SKIPPED: [&[u8]; 5] = [
    b"annotation",
    b"note",
    b"tracked-changes",
    b"frame",
    b"automatic-styles",
];

fn parse(xml: &str) -> Result<Doc, OdtError> {
    let mut reader = Reader::from_str(xml);
    let mut flow = Flow::default();
    let mut depth = 0usize;
    let mut cell = String::new();
    let mut skipped = 0usize;
    let mut in_para = false;
    loop {
        let ev = next_event(&mut reader)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name();
                let name = name.as_ref();
                let empty = matches!(ev, Event::Empty(_));
                if SKIPPED.contains(&name) {
                    skipped += usize::from(!empty);
                    continue;
                }
                if skipped > 0 {
                    continue;
                }
                match name {
                    b"table" if !empty => depth += 1,
                    b"table-row" if depth == 1 => flow.start_row(),
                    b"table-cell" if depth == 1 => {
                        cell.clear();
                        if empty {
                            flow.push_cells("", TokKind::Cell, repeated(e));
                        }
                    }
                    b"covered-table-cell" if depth == 1 => {
                        flow.push_cells("", TokKind::Span, repeated(e));
                    }
                    b"p" | b"h" => in_para = !empty,
                    b"s" if in_para => {
                        let n: usize = attr(e, b"c").and_then(|c| c.parse().ok()).unwrap_or(1);
                        flow.para.extend(std::iter::repeat_n(' ', n.min(64)));
                    }
                    b"tab" if in_para => flow.para.push('\t'),
                    b"line-break" if in_para => flow.para.push('\n'),
                    _ => {}
                }
            }
            Event::Text(t) if in_para && skipped == 0 => {
                let t = t.decode().map_err(|e| OdtError::Encoding(e.to_string()))?;
                flow.para.push_str(&t);
            }
            Event::GeneralRef(r) if in_para && skipped == 0 => push_ref(&mut flow.para, &r),
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if SKIPPED.contains(&name) {
                    skipped = skipped.saturating_sub(1);
                    continue;
                }
                if skipped > 0 {
                    continue;
                }
                match name {
                    b"p" | b"h" => {
                        in_para = false;
                        let text = flow.take_para();
                        if depth == 0 {
                            flow.push_para_lines(&text);
                        } else {
                            cell.push_str(text.trim());
                        }
                    }
                    b"table-cell" if depth == 1 => {
                        let text = std::mem::take(&mut cell);
                        flow.push_cells(&text, TokKind::Cell, 1);
                    }
                    b"table-row" if depth == 1 => flow.end_filled_row(),
                    b"table" => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Doc {
        lines: flow.lines,
        layout: "odt",
    })
}

/// `table:number-columns-repeated`: the same cell this many times.
fn repeated(e: &BytesStart) -> usize {
    attr(e, b"number-columns-repeated")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// The frames anchored on the pages, as runs: `svg:x`/`svg:y` the frame's
/// corner, `svg:width` its extent, the font size that of its first text
/// span's style (12 pt where none is given).
fn frames_on_pages(xml: &str) -> Result<Vec<Run>, OdtError> {
    let mut reader = Reader::from_str(xml);
    let mut sizes: HashMap<String, f32> = HashMap::new();
    let mut style: Option<String> = None;
    let mut runs = Vec::new();
    // (page, x, top, width, font size, text) of the frame being read.
    let mut cur: Option<(usize, f32, f32, f32, f32, String)> = None;
    let mut in_para = false;
    loop {
        let ev = next_event(&mut reader)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"style" => style = attr(e, b"name"),
                    b"text-properties" => {
                        if let (Some(s), Some(size)) =
                            (&style, attr(e, b"font-size").and_then(|v| length_pt(&v)))
                        {
                            sizes.insert(s.clone(), size);
                        }
                    }
                    b"frame" if !empty => {
                        let len = |k: &[u8]| attr(e, k).and_then(|v| length_pt(&v)).unwrap_or(0.0);
                        let page = attr(e, b"anchor-page-number")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1);
                        cur = Some((
                            page,
                            len(b"x"),
                            len(b"y"),
                            len(b"width"),
                            0.0,
                            String::new(),
                        ));
                    }
                    b"span" => {
                        if let Some(c) = cur.as_mut()
                            && c.4 == 0.0
                        {
                            c.4 = attr(e, b"style-name")
                                .and_then(|s| sizes.get(&s).copied())
                                .unwrap_or(0.0);
                        }
                    }
                    b"p" => in_para = !empty,
                    // Spaces, tabs and breaks inside a frame's line: a gap between words.
                    b"s" | b"tab" | b"line-break" if in_para => {
                        if let Some(c) = cur.as_mut() {
                            c.5.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_para => {
                if let Some(c) = cur.as_mut() {
                    c.5.push_str(&t.decode().map_err(|e| OdtError::Encoding(e.to_string()))?);
                }
            }
            Event::GeneralRef(r) if in_para => {
                if let Some(c) = cur.as_mut() {
                    push_ref(&mut c.5, &r);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => in_para = false,
                b"style" => style = None,
                b"frame" => {
                    if let Some((page, x, top, width, size, text)) = cur.take() {
                        runs.extend(Run::from_box(page, x, top, width, size, &text));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(runs)
}

/// An ODF length (`1.0311in`, `2.5cm`, `12mm`, `15.95pt`) in points.
fn length_pt(v: &str) -> Option<f32> {
    let units: [(&str, f32); 5] = [
        ("in", 72.0),
        ("cm", 72.0 / 2.54),
        ("mm", 72.0 / 25.4),
        ("pt", 1.0),
        ("pc", 12.0),
    ];
    units.iter().find_map(|(u, k)| {
        v.strip_suffix(u)
            .and_then(|n| n.trim().parse::<f32>().ok())
            .filter(|n| n.is_finite())
            .map(|n| n * k)
    })
}

fn next_event<'a>(reader: &mut Reader<&'a [u8]>) -> Result<Event<'a>, OdtError> {
    reader.read_event().map_err(|e| OdtError::Xml {
        at: reader.buffer_position(),
        why: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::LineKind;

    fn rows(doc: &Doc) -> Vec<Vec<String>> {
        doc.lines
            .iter()
            .map(|l| match &l.kind {
                LineKind::Para(t) => vec![t.clone()],
                LineKind::Row(toks) => toks.iter().map(|t| t.text.clone()).collect(),
            })
            .collect()
    }

    #[test]
    fn paragraphs_and_merged_cells_in_document_order() {
        let xml = r#"<office:body><office:text><text:h>一、总体情况</text:h>
            <text:p>本年<text:s text:c="2"/>公开<office:annotation><text:p>批注</text:p></office:annotation></text:p>
            <table:table table:name="T"><table:table-row>
            <table:table-cell table:number-columns-spanned="2"><text:p>第二十条第（一）项</text:p></table:table-cell>
            <table:covered-table-cell/></table:table-row>
            <table:table-row><table:table-cell><text:p>规章</text:p></table:table-cell>
            <table:table-cell><text:p>0</text:p></table:table-cell></table:table-row>
            </table:table></office:text></office:body>"#;
        let doc = parse(xml).unwrap();
        assert_eq!(
            rows(&doc),
            vec![
                vec!["一、总体情况"],
                vec!["本年  公开"],
                vec!["第二十条第（一）项", ""],
                vec!["规章", "0"],
            ]
        );
        match &doc.lines[2].kind {
            LineKind::Row(t) => assert_eq!(t[1].kind, TokKind::Span),
            LineKind::Para(_) => panic!("a row"),
        }
    }

    #[test]
    fn lengths_in_points() {
        assert_eq!(length_pt("1in"), Some(72.0));
        assert_eq!(length_pt("15.95pt"), Some(15.95));
        assert!((length_pt("2.54cm").unwrap() - 72.0).abs() < 0.01);
        assert_eq!(length_pt("auto"), None);
    }
}
