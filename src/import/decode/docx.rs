//! Word documents (`.docx`): paragraphs and tables in document order, with
//! horizontal merges (`w:gridSpan`) expanded into empty cells; vertically
//! merged continuation cells (`w:vMerge`) are already empty cells.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::flow::Flow;
use super::xml::{self, PartError, attr, push_ref};
use crate::import::doc::{Doc, TokKind};
use crate::import::runs::Run;

/// Why a Word file could not be read (the zip and XML libraries' own
/// errors are kept as their text).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocxError {
    #[error("不是有效的 Word（.docx）文件：{0}")]
    NotZip(String),
    #[error("不是 Word 文档：缺少 word/document.xml")]
    NoDocumentXml,
    /// Over [`xml::MAX_XML_BYTES`] unpacked.
    #[error("Word 文档正文过大")]
    TooLarge,
    #[error("无法读取 Word 文档正文：{0}")]
    Unreadable(String),
    /// `at` is the byte position in `word/document.xml`.
    #[error("Word 文档正文 XML 有误（位置 {at}）：{why}")]
    Xml { at: u64, why: String },
    #[error("Word 文档文字编码有误：{0}")]
    Encoding(String),
}

/// What a Word file holds: paragraphs and tables in the flow of the text,
/// or (a PDF opened in LibreOffice and saved as Word) every piece of text in
/// its own text box placed on the page, which only positions put in order.
pub enum Word {
    Flow(Doc),
    Positioned(Vec<Run>),
}

/// A document with at least this many text boxes and no table is a page
/// laid out in boxes (a converted PDF has one per printed run, thousands).
const POSITIONED_BOXES: usize = 30;

pub fn read(bytes: &[u8]) -> Result<Word, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    let xml = xml::part(&mut zip, "word/document.xml").map_err(|e| match e {
        PartError::Missing => DocxError::NoDocumentXml,
        PartError::TooLarge => DocxError::TooLarge,
        PartError::Unreadable(why) => DocxError::Unreadable(why),
    })?;
    if xml.matches("<w:txbxContent").count() >= POSITIONED_BOXES && !xml.contains("<w:tbl>") {
        return text_boxes(&xml).map(Word::Positioned);
    }
    parse(&xml).map(Word::Flow)
}

/// The text boxes anchored on the pages, as runs: the box's offset (EMU,
/// 12,700 to a point) gives the place, its width the run's end, the first
/// `w:sz` (half-points) the font size. Each box is written twice, for new
/// Word and as a VML fallback (`mc:Fallback`), which is skipped. Offsets
/// are from the page's top: a jump back up starts the next page.
fn text_boxes(xml: &str) -> Result<Vec<Run>, DocxError> {
    const EMU_PER_PT: f32 = 12_700.0;
    let mut reader = Reader::from_str(xml);
    let mut runs = Vec::new();
    let mut fallback = 0usize;
    // (x, y, width, font size, text) of the anchor being read.
    let mut cur: Option<(f32, f32, f32, f32, String)> = None;
    let mut vertical = false;
    let mut offset = false;
    let mut in_text = false;
    let (mut page, mut last_y) = (1usize, 0f32);
    loop {
        let ev = next_event(&mut reader)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.name().as_ref() {
                    b"mc:Fallback" if !empty => fallback += 1,
                    _ if fallback > 0 => {}
                    b"wp:anchor" if !empty => cur = Some((0.0, 0.0, 0.0, 0.0, String::new())),
                    b"wp:positionH" => vertical = false,
                    b"wp:positionV" => vertical = true,
                    b"wp:posOffset" => offset = !empty,
                    b"wp:extent" => {
                        if let (Some(c), Some(cx)) = (cur.as_mut(), attr(e, b"cx")) {
                            c.2 = cx.parse::<f32>().unwrap_or(0.0) / EMU_PER_PT;
                        }
                    }
                    b"w:sz" => {
                        if let (Some(c), Some(v)) = (cur.as_mut(), attr(e, b"val"))
                            && c.3 == 0.0
                        {
                            c.3 = v.parse::<f32>().unwrap_or(24.0) / 2.0;
                        }
                    }
                    b"w:t" => in_text = !empty,
                    _ => {}
                }
            }
            Event::Text(t) if fallback == 0 && (offset || in_text) => {
                let t = t.decode().map_err(|e| DocxError::Encoding(e.to_string()))?;
                if let Some(c) = cur.as_mut() {
                    if offset {
                        let v = t.trim().parse::<f32>().unwrap_or(0.0) / EMU_PER_PT;
                        if vertical { c.1 = v } else { c.0 = v }
                    } else {
                        c.4.push_str(&t);
                    }
                }
            }
            Event::GeneralRef(r) if fallback == 0 && in_text => {
                if let Some(c) = cur.as_mut() {
                    push_ref(&mut c.4, &r);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"mc:Fallback" => fallback = fallback.saturating_sub(1),
                _ if fallback > 0 => {}
                b"wp:posOffset" => offset = false,
                b"w:t" => in_text = false,
                b"wp:anchor" => {
                    if let Some((x, top, width, size, text)) = cur.take()
                        && !text.trim().is_empty()
                    {
                        if top + 100.0 < last_y {
                            page += 1;
                        }
                        last_y = top;
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

/// Parses `word/document.xml`.
pub fn parse(xml: &str) -> Result<Doc, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut flow = Flow::default();
    // Table state: nesting depth, current cell text, span.
    let mut depth = 0usize;
    let mut cell = String::new();
    let mut span = 1usize;
    // A `w:vMerge` without `restart` continues the cell above: no data of its own.
    let mut continued = false;
    let mut in_text = false;
    loop {
        let ev = next_event(&mut reader)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                // An empty `<w:t/>` opens no text.
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                match name.as_ref() {
                    b"tbl" => depth += 1,
                    b"tr" if depth == 1 => flow.start_row(),
                    b"tc" if depth == 1 => {
                        cell.clear();
                        span = 1;
                        continued = false;
                    }
                    b"vMerge" if depth == 1 => {
                        continued = attr(e, b"val").is_none_or(|v| v != "restart");
                    }
                    b"gridSpan" if depth == 1 => {
                        if let Some(v) = attr(e, b"val") {
                            // The template's widest table has 15 value columns.
                            span = v.parse().unwrap_or(1).clamp(1, 64);
                        }
                    }
                    b"t" => in_text = !empty,
                    b"tab" => flow.para.push('\t'),
                    b"br" | b"cr" => flow.para.push('\n'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let t = t.decode().map_err(|e| DocxError::Encoding(e.to_string()))?;
                flow.para.push_str(&t);
            }
            Event::GeneralRef(r) if in_text => push_ref(&mut flow.para, &r),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = flow.take_para();
                    if depth == 0 {
                        flow.push_para_lines(&text);
                    } else {
                        cell.push_str(text.trim());
                    }
                }
                b"tc" if depth == 1 => {
                    let text = std::mem::take(&mut cell);
                    let kind = if continued && text.trim().is_empty() {
                        TokKind::Span
                    } else {
                        TokKind::Cell
                    };
                    flow.push_cells(&text, kind, 1);
                    flow.push_cells("", TokKind::Span, span - 1);
                }
                b"tr" if depth == 1 => flow.end_filled_row(),
                b"tbl" => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Doc {
        lines: flow.lines,
        layout: "docx",
    })
}

/// The next XML event, its error with the byte position.
fn next_event<'a>(reader: &mut Reader<&'a [u8]>) -> Result<Event<'a>, DocxError> {
    reader.read_event().map_err(|e| DocxError::Xml {
        at: reader.buffer_position(),
        why: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_boxes_keep_their_place_and_their_entities() {
        let anchor = |x: i64, y: i64, t: &str| {
            format!(
                "<wp:anchor><wp:positionH><wp:posOffset>{x}</wp:posOffset></wp:positionH>\
                 <wp:positionV><wp:posOffset>{y}</wp:posOffset></wp:positionV>\
                 <wp:extent cx=\"127000\" cy=\"0\"/><w:txbxContent><w:p><w:r><w:rPr><w:sz w:val=\"32\"/></w:rPr>\
                 <w:t>{t}</w:t></w:r></w:p></w:txbxContent></wp:anchor>\
                 <mc:Fallback><w:t>twice</w:t></mc:Fallback>"
            )
        };
        let xml = format!(
            "<w:body>{}{}</w:body>",
            anchor(12_700, 127_000, "A&amp;B"),
            anchor(254_000, 127_000, "&#26412;")
        );
        let runs = text_boxes(&xml).unwrap();
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["A&B", "本"], "no fallback copy, entities resolved");
        assert_eq!((runs[0].x, runs[0].y, runs[0].font_size), (1.0, 26.0, 16.0));
        assert_eq!(runs[0].x_end, 11.0);
    }
}
