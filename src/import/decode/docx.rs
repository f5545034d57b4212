//! Word documents (`.docx`): paragraphs and tables in document order, with
//! horizontal merges (`w:gridSpan`) expanded into empty cells; vertically
//! merged continuation cells (`w:vMerge`) are already empty cells.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::Read;

use crate::import::doc::{Doc, Line, LineKind, Tok, TokKind};

/// The main document part is refused beyond this size (zip bombs).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Cells one table row may have.
use crate::import::limits::MAX_ROW_CELLS;

/// Why a Word file could not be read (the zip and XML libraries' own
/// errors are kept as their text).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocxError {
    #[error("不是有效的 Word（.docx）文件：{0}")]
    NotZip(String),
    #[error("不是 Word 文档：缺少 word/document.xml")]
    NoDocumentXml,
    /// Over [`MAX_XML_BYTES`] unpacked.
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

pub fn read(bytes: &[u8]) -> Result<Doc, DocxError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    let mut part = zip
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocumentXml)?;
    if part.size() > MAX_XML_BYTES {
        return Err(DocxError::TooLarge);
    }
    let mut xml = String::new();
    part.by_ref()
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| DocxError::Unreadable(e.to_string()))?;
    parse(&xml)
}

/// Parses `word/document.xml`.
pub fn parse(xml: &str) -> Result<Doc, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<Line> = Vec::new();
    let mut para = String::new();
    // Table state: nesting depth, current row's cells, current cell text, span.
    let mut depth = 0usize;
    let mut row: Vec<Tok> = Vec::new();
    let mut cell = String::new();
    let mut span = 1usize;
    // A `w:vMerge` without `restart` continues the cell above: no data of its own.
    let mut continued = false;
    let mut in_text = false;
    loop {
        let ev = reader.read_event().map_err(|e| DocxError::Xml {
            at: reader.buffer_position(),
            why: e.to_string(),
        })?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                // An empty `<w:t/>` opens no text.
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                match name.as_ref() {
                    b"tbl" => depth += 1,
                    b"tr" if depth == 1 => row.clear(),
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
                    b"tab" => para.push('\t'),
                    b"br" | b"cr" => para.push('\n'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                para.push_str(&t.decode().map_err(|e| DocxError::Encoding(e.to_string()))?);
            }
            Event::GeneralRef(r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    para.push(c);
                } else {
                    para.push_str(match r.decode().as_deref() {
                        Ok("amp") => "&",
                        Ok("lt") => "<",
                        Ok("gt") => ">",
                        Ok("quot") => "\"",
                        Ok("apos") => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut para);
                    if depth == 0 {
                        let no = lines.len() + 1;
                        for piece in text.split('\n') {
                            if !piece.trim().is_empty() {
                                lines.push(Line {
                                    no,
                                    kind: LineKind::Para(piece.trim().to_string()),
                                });
                            }
                        }
                    } else {
                        cell.push_str(text.trim());
                    }
                }
                b"tc" if depth == 1 => {
                    let no = lines.len() + 1;
                    let text = std::mem::take(&mut cell);
                    let kind = if continued && text.trim().is_empty() {
                        TokKind::Span
                    } else {
                        TokKind::Cell
                    };
                    // Bounded whatever the markup: no real table row has 256 cells.
                    if row.len() < MAX_ROW_CELLS {
                        row.push(Tok::with_kind(text, no, kind));
                        for _ in 1..span.min(MAX_ROW_CELLS - row.len() + 1) {
                            row.push(Tok::with_kind("", no, TokKind::Span));
                        }
                    }
                }
                b"tr" if depth == 1 && row.iter().any(|t| !t.text.is_empty()) => {
                    let no = lines.len() + 1;
                    let toks = std::mem::take(&mut row)
                        .into_iter()
                        .map(|t| Tok { line: no, ..t })
                        .collect();
                    lines.push(Line {
                        no,
                        kind: LineKind::Row(toks),
                    });
                }
                b"tbl" => depth = depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(Doc {
        lines,
        layout: "docx",
    })
}

fn attr(e: &quick_xml::events::BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}
