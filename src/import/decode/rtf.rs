//! Step 1, RTF (`.rtf`, and the `.doc` files that are RTF inside, as Word
//! and WPS save them when asked for "RTF"): paragraphs (`\par`) and table
//! rows (`\cell`, `\row`) in document order. Text comes as `\uN` (Unicode)
//! or as `\'hh` bytes in the document's code page (`\ansicpg936`: GBK);
//! font tables, styles, pictures, headers and the like are skipped.

use encoding_rs::{Encoding, GB18030, WINDOWS_1252};

use super::flow::Flow;
use crate::import::doc::Doc;

/// Groups whose content is not document text.
const SKIPPED: [&str; 16] = [
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "footer",
    "footerl",
    "footerr",
    "footnote",
    "fldinst",
    "themedata",
    "listtable",
];

/// Groups deeper than this are no document's (a hostile file's).
const MAX_DEPTH: usize = 1_000;

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// Characters of fallback text after a `\uN` (`\ucN`).
    uc: usize,
}

struct Reader {
    flow: Flow,
    /// Bytes of `\'hh` escapes waiting to be decoded together (a GBK
    /// character is two of them).
    bytes: Vec<u8>,
    codepage: &'static Encoding,
    /// The paragraph is in a table (`\intbl`, until `\pard` or `\row`).
    in_table: bool,
}

impl Reader {
    fn flush_bytes(&mut self) {
        if !self.bytes.is_empty() {
            let (text, _, _) = self.codepage.decode(&self.bytes);
            self.flow.para.push_str(&text);
            self.bytes.clear();
        }
    }

    fn text(&mut self, s: &str) {
        self.flush_bytes();
        self.flow.para.push_str(s);
    }

    fn end_paragraph(&mut self) {
        self.flush_bytes();
        let t = self.flow.take_para();
        let t = t.trim();
        if !t.is_empty() {
            self.flow.push_para(t);
        }
    }

    fn end_cell(&mut self) {
        self.flush_bytes();
        self.flow.end_cell();
    }

    fn end_row(&mut self) {
        self.flush_bytes();
        self.flow.para.clear();
        self.flow.end_row();
    }
}

/// Whether a character is not text: inside a skipped group, or one of the
/// fallback characters after a `\uN` (counted down in `drop`).
fn swallowed(g: Group, drop: &mut usize) -> bool {
    if g.skip {
        return true;
    }
    if *drop > 0 {
        *drop -= 1;
        return true;
    }
    false
}

/// Whether `bytes` start as an RTF document does.
pub fn is_rtf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"{\\rtf")
}

/// Reads an RTF document.
pub fn read(bytes: &[u8]) -> Doc {
    let mut r = Reader {
        flow: Flow::default(),
        bytes: Vec::new(),
        codepage: WINDOWS_1252,
        in_table: false,
    };
    let mut stack: Vec<Group> = Vec::new();
    let mut g = Group { skip: false, uc: 1 };
    // Fallback characters still to drop after a \uN.
    let mut drop = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                if stack.len() < MAX_DEPTH {
                    stack.push(g);
                }
                i += 1;
            }
            b'}' => {
                r.flush_bytes();
                g = stack.pop().unwrap_or(g);
                drop = 0;
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&c) = bytes.get(i) else { break };
                if c.is_ascii_alphabetic() {
                    let start = i;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    let word = std::str::from_utf8(&bytes[start..i]).unwrap_or("");
                    let num_start = i;
                    if i < bytes.len() && bytes[i] == b'-' {
                        i += 1;
                    }
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    let num: Option<i64> = std::str::from_utf8(&bytes[num_start..i])
                        .ok()
                        .and_then(|n| n.parse().ok());
                    if i < bytes.len() && bytes[i] == b' ' {
                        i += 1;
                    }
                    if SKIPPED.contains(&word) {
                        g.skip = true;
                    }
                    if g.skip {
                        continue;
                    }
                    match word {
                        "ansicpg" => {
                            r.codepage = match num {
                                Some(936) => GB18030,
                                Some(n) => Encoding::for_label(format!("windows-{n}").as_bytes())
                                    .unwrap_or(WINDOWS_1252),
                                None => WINDOWS_1252,
                            }
                        }
                        "uc" => g.uc = num.unwrap_or(1).clamp(0, 8) as usize,
                        "u" => {
                            let n = num.unwrap_or(0);
                            let n = if n < 0 { n + 65_536 } else { n };
                            if let Some(ch) = u32::try_from(n).ok().and_then(char::from_u32) {
                                r.text(&ch.to_string());
                            }
                            drop = g.uc;
                        }
                        "par" | "line" => {
                            if r.in_table {
                                r.text(" ");
                            } else {
                                r.end_paragraph();
                            }
                        }
                        "intbl" => r.in_table = true,
                        "pard" => r.in_table = false,
                        "cell" => r.end_cell(),
                        "row" => {
                            r.end_row();
                            r.in_table = false;
                        }
                        "tab" => r.text("\t"),
                        "emdash" => r.text("—"),
                        "endash" => r.text("–"),
                        "lquote" => r.text("‘"),
                        "rquote" => r.text("’"),
                        "ldblquote" => r.text("“"),
                        "rdblquote" => r.text("”"),
                        _ => {}
                    }
                } else {
                    i += 1;
                    match c {
                        b'*' => g.skip = true,
                        b'\'' => {
                            let hex = bytes
                                .get(i..i + 2)
                                .and_then(|h| std::str::from_utf8(h).ok());
                            i += 2;
                            if swallowed(g, &mut drop) {
                                continue;
                            }
                            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                                r.bytes.push(v);
                            }
                        }
                        b'~' if !g.skip => r.text("\u{a0}"),
                        b'\\' | b'{' | b'}' if !g.skip => {
                            r.text(&(c as char).to_string());
                        }
                        _ => {}
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if swallowed(g, &mut drop) {
                    continue;
                }
                if b.is_ascii() {
                    r.text(&(b as char).to_string());
                } else {
                    r.bytes.push(b);
                }
            }
        }
    }
    r.end_row();
    r.end_paragraph();
    Doc {
        lines: r.flow.lines,
        layout: "rtf",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::LineKind;

    #[test]
    fn paragraphs_tables_and_chinese_in_both_encodings() {
        let rtf = b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 \\'cb\\'ce\\'cc\\'e5;}}\
            \\pard \\'d2\\'bb\\'a1\\'a2\\'d7\\'dc\\'cc\\'e5\\'c7\\'e9\\'bf\\'f6\\par\
            \\trowd\\intbl \\u35268?\\u31456?\\cell 0\\cell 3\\cell\\row\
            \\pard last\\par}";
        let doc = read(rtf);
        let kinds: Vec<String> = doc
            .lines
            .iter()
            .map(|l| match &l.kind {
                LineKind::Para(t) => t.clone(),
                LineKind::Row(toks) => toks
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join("|"),
            })
            .collect();
        assert_eq!(kinds, ["一、总体情况", "规章|0|3", "last"]);
    }
}
