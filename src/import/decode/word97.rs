//! Step 1, the Word 97–2003 binary format (`.doc`, and Kingsoft WPS's `.wps`,
//! which is the same format): paragraphs and table rows of the main text,
//! in document order, as the RTF and Word readers give them.
//!
//! The file is an OLE compound file (read with the `cfb` crate). Its
//! `WordDocument` stream starts with the FIB, which says where the piece
//! table is (in the `0Table` or `1Table` stream): the text is stored in
//! pieces, each either 8-bit (code page 1252) or UTF-16. Paragraph marks
//! (`\r`) end paragraphs, cell marks (`\x07`) end table cells, and a cell
//! mark whose paragraph has the "table terminating paragraph" property ends
//! a row — that property is read from the paragraph property pages (PAPX
//! FKPs), as an empty cell's mark looks just like a row's. Field codes
//! (`\x13` code `\x14` result `\x15`) give their result only.
//! The layout follows [MS-DOC]; only what the text needs is read.

use std::io::{Cursor, Read};

use super::flow::Flow;
use crate::import::doc::Doc;

/// Why a Word 97 file gave no text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Word97Error {
    #[error("Word 97–2003 文档已损坏，无法读取（{0}）")]
    Damaged(&'static str),
    #[error("Word 97–2003 文档设置了打开密码，请在 WPS 或 Word 中取消密码后再导入")]
    Encrypted,
}

use Word97Error::Damaged;

/// Reads the main text of a Word 97–2003 document.
pub fn read(bytes: &[u8]) -> Result<Doc, Word97Error> {
    let mut file =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| Damaged("不是有效的复合文档"))?;
    let word = stream(&mut file, "/WordDocument").ok_or(Damaged("没有 WordDocument 流"))?;
    let fib = Fib::parse(&word)?;
    let table = stream(&mut file, fib.table_stream).ok_or(Damaged("没有 0Table/1Table 流"))?;
    let pieces = pieces(&table, fib.clx)?;
    // Property lists too long for their page are in the Data stream.
    let data = stream(&mut file, "/Data").unwrap_or_default();
    let paras = ParaProps {
        word: &word,
        bte: slice(&table, fib.bte_papx).unwrap_or_default(),
        data: &data,
    };
    Ok(Builder::default().run(&word, &pieces, fib.ccp_text, &paras))
}

fn stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut s = file.open_stream(name).ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    Some(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The bytes at an (offset, length) pair of the FIB.
fn slice(b: &[u8], (fc, lcb): (u32, u32)) -> Option<&[u8]> {
    b.get(fc as usize..(fc as usize).checked_add(lcb as usize)?)
}

/// What the FIB (file information block) says that the text needs.
struct Fib {
    table_stream: &'static str,
    /// Characters of the main document (headers, footnotes and text boxes
    /// follow them).
    ccp_text: u32,
    clx: (u32, u32),
    bte_papx: (u32, u32),
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, Word97Error> {
        if u16_at(w, 0) != Some(0xA5EC) {
            return Err(Damaged("文件头不是 Word 文档"));
        }
        let flags = u16_at(w, 0x0A).ok_or(Damaged("文件头太短"))?;
        if flags & 0x0100 != 0 {
            return Err(Word97Error::Encrypted);
        }
        let table_stream = if flags & 0x0200 != 0 {
            "/1Table"
        } else {
            "/0Table"
        };
        // FibBase (32 bytes), then three arrays, each after its length.
        let csw = u16_at(w, 32).ok_or(Damaged("文件头太短"))? as usize;
        let lw = 34 + csw * 2;
        let cslw = u16_at(w, lw).ok_or(Damaged("文件头太短"))? as usize;
        // fibRgLw: ccpText is its fourth entry.
        let ccp_text = u32_at(w, lw + 2 + 3 * 4).ok_or(Damaged("文件头太短"))?;
        let fc_lcb = lw + 2 + cslw * 4 + 2;
        let pair = |i: usize| -> Result<(u32, u32), Word97Error> {
            let at = fc_lcb + i * 8;
            Ok((
                u32_at(w, at).ok_or(Damaged("文件头太短"))?,
                u32_at(w, at + 4).ok_or(Damaged("文件头太短"))?,
            ))
        };
        Ok(Fib {
            table_stream,
            ccp_text,
            // fibRgFcLcb97: fcPlcfBtePapx is pair 13, fcClx pair 33.
            bte_papx: pair(13)?,
            clx: pair(33)?,
        })
    }
}

/// A run of text in the `WordDocument` stream: characters `cp..cp_end` of
/// the document, starting at byte `fc`, one byte each (code page 1252) or two.
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The piece table (the `Clx` in the table stream).
fn pieces(table: &[u8], clx: (u32, u32)) -> Result<Vec<Piece>, Word97Error> {
    let clx = slice(table, clx).ok_or(Damaged("找不到文字的位置表"))?;
    let mut at = 0;
    // Property runs (Prc) come first: skip them.
    while clx.get(at) == Some(&0x01) {
        let cb = u16_at(clx, at + 1).ok_or(Damaged("位置表不完整"))? as usize;
        at += 3 + cb;
    }
    if clx.get(at) != Some(&0x02) {
        return Err(Damaged("位置表格式不对"));
    }
    let lcb = u32_at(clx, at + 1).ok_or(Damaged("位置表不完整"))? as usize;
    let plc = clx
        .get(at + 5..at + 5 + lcb)
        .ok_or(Damaged("位置表不完整"))?;
    // n + 1 character positions, then n piece descriptors of 8 bytes.
    let n = lcb.saturating_sub(4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).ok_or(Damaged("位置表不完整"))?;
        let cp_end = u32_at(plc, i * 4 + 4).ok_or(Damaged("位置表不完整"))?;
        let raw = u32_at(plc, (n + 1) * 4 + i * 8 + 2).ok_or(Damaged("位置表不完整"))?;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        out.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// The paragraph properties the reader needs, found by the byte offset of
/// a paragraph's mark: the bin table (`PlcBtePapx`) names the 512-byte page
/// (FKP) that holds them.
struct ParaProps<'a> {
    word: &'a [u8],
    bte: &'a [u8],
    data: &'a [u8],
}

/// Table paragraph properties (sprm codes of [MS-DOC] 2.6.2).
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
/// The paragraph's properties are in the Data stream, at this offset.
const SPRM_P_HUGE_PAPX: u16 = 0x6646;

#[derive(Clone, Copy, Default, PartialEq, Debug)]
struct TableProps {
    in_table: bool,
    /// The mark ends a table row, not a cell.
    row_end: bool,
}

impl ParaProps<'_> {
    fn at(&self, fc: u32) -> TableProps {
        self.lookup(fc).unwrap_or_default()
    }

    fn lookup(&self, fc: u32) -> Option<TableProps> {
        let n = self.bte.len().checked_sub(4)? / 8;
        let i = run_of(self.bte, n, fc)?;
        let pn = u32_at(self.bte, (n + 1) * 4 + i * 4)? & 0x003F_FFFF;
        let page = self.word.get(pn as usize * 512..pn as usize * 512 + 512)?;
        let crun = page[511] as usize;
        let j = run_of(page, crun, fc)?;
        let b_offset = *page.get((crun + 1) * 4 + j * 13)? as usize * 2;
        if b_offset == 0 {
            return Some(TableProps::default());
        }
        let cb = *page.get(b_offset)? as usize;
        let grpprl = if cb != 0 {
            page.get(b_offset + 1..b_offset + 2 * cb)?
        } else {
            let cb = *page.get(b_offset + 1)? as usize;
            page.get(b_offset + 2..b_offset + 2 + 2 * cb)?
        };
        // The style index (2 bytes), then the property modifiers.
        Some(table_props(grpprl.get(2..)?, self.data))
    }
}

/// Which of the `n` runs that `plc` starts with (n + 1 ascending offsets)
/// holds byte `fc`: a binary search, so that a hostile file's long tables
/// cost no more than a real one's.
fn run_of(plc: &[u8], n: usize, fc: u32) -> Option<usize> {
    let start = |i: usize| u32_at(plc, i * 4).unwrap_or(u32::MAX);
    // The first offset after fc: the run before it is fc's.
    let (mut lo, mut hi) = (0, n + 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if start(mid) <= fc {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let i = lo.checked_sub(1)?;
    (i < n && fc < start(i + 1)).then_some(i)
}

/// The table flags among a paragraph's property modifiers (sprms); `data`
/// is the Data stream, where a long list continues.
fn table_props(mut sprms: &[u8], data: &[u8]) -> TableProps {
    let mut props = TableProps::default();
    while let Some(sprm) = u16_at(sprms, 0) {
        let rest = &sprms[2..];
        // The operand's size is in the sprm's top three bits.
        let (skip, len) = match sprm >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            // Variable: a size byte (two for sprmTDefTable) before the operand.
            _ if sprm == 0xD608 => (2, u16_at(rest, 0).unwrap_or(0) as usize),
            _ => (1, rest.first().copied().unwrap_or(0) as usize),
        };
        let on = rest.get(skip).is_some_and(|&b| b != 0);
        match sprm {
            SPRM_P_F_IN_TABLE => props.in_table = on,
            SPRM_P_F_TTP | SPRM_P_F_INNER_TTP => props.row_end |= on,
            SPRM_P_HUGE_PAPX => {
                // A size (2 bytes) and the modifiers; never followed further.
                let huge = u32_at(rest, 0)
                    .map(|at| at as usize)
                    .and_then(|at| Some((at, u16_at(data, at)? as usize)))
                    .and_then(|(at, n)| data.get(at + 2..at + 2 + n));
                if let Some(huge) = huge {
                    let more = table_props(huge, &[]);
                    props.in_table |= more.in_table;
                    props.row_end |= more.row_end;
                }
            }
            _ => {}
        }
        let Some(next) = rest.get(skip + len..) else {
            break;
        };
        sprms = next;
    }
    props
}

/// Paragraphs, cells and rows as the characters come.
#[derive(Default)]
struct Builder {
    flow: Flow,
    /// Open fields: whether each is past its separator (showing its result).
    fields: Vec<bool>,
}

impl Builder {
    fn run(mut self, word: &[u8], pieces: &[Piece], ccp_text: u32, paras: &ParaProps) -> Doc {
        for p in pieces {
            if p.cp >= ccp_text {
                continue;
            }
            let end = p.cp_end.min(ccp_text);
            let width = if p.compressed { 1 } else { 2 };
            for k in 0..end.saturating_sub(p.cp) {
                // A hostile piece may point past the stream (or past 4 GB):
                // the piece ends there.
                let Some(fc) = k.checked_mul(width).and_then(|o| p.fc.checked_add(o)) else {
                    break;
                };
                let c = if p.compressed {
                    let Some(&b) = word.get(fc as usize) else {
                        break;
                    };
                    cp1252(b)
                } else {
                    let Some(u) = u16_at(word, fc as usize) else {
                        break;
                    };
                    u
                };
                self.char(c, || paras.at(fc));
            }
        }
        self.end_paragraph();
        self.flow.end_row();
        Doc {
            lines: self.flow.lines,
            layout: "word97",
        }
    }

    fn showing(&self) -> bool {
        self.fields.iter().all(|&result| result)
    }

    fn char(&mut self, c: u16, props: impl Fn() -> TableProps) {
        match c {
            0x13 => self.fields.push(false),
            0x14 => {
                if let Some(f) = self.fields.last_mut() {
                    *f = true;
                }
            }
            0x15 => {
                self.fields.pop();
            }
            _ if !self.showing() => {}
            0x07 => {
                if props().row_end {
                    // The row mark's own paragraph holds no text.
                    self.flow.para.clear();
                    self.flow.end_row();
                } else {
                    self.flow.end_cell();
                }
            }
            0x0D | 0x0C => {
                if props().in_table {
                    // A second paragraph in the same cell.
                    self.flow.para.push('\n');
                } else {
                    self.flow.end_row();
                    self.end_paragraph();
                }
            }
            0x0B => self.flow.para.push('\n'),
            0x09 => self.flow.para.push('\t'),
            0xA0 => self.flow.para.push(' '),
            0x1E => self.flow.para.push('-'),
            // Pictures, drawn objects, soft hyphens, other control marks.
            0x00..=0x1F => {}
            _ => {
                if let Some(ch) = char::from_u32(c as u32) {
                    self.flow.para.push(ch);
                }
            }
        }
    }

    fn end_paragraph(&mut self) {
        let t = self.flow.take_para();
        // Leading tabs stay: in a table typed as text they say which column
        // a line's first figure is in.
        // Empty paragraphs stay too, as the blank lines of such a table
        // (the facade drops them when the file has real tables).
        self.flow.push_para(
            t.trim_end()
                .trim_start_matches(|c: char| c != '\t' && c.is_whitespace()),
        );
    }
}

/// A byte of an 8-bit piece: code page 1252, which differs from Latin-1 in
/// 0x80–0x9F (quotes, dashes).
fn cp1252(b: u8) -> u16 {
    let byte = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    s.chars().next().map_or(u16::from(b), |c| c as u16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::doc::LineKind;

    #[test]
    fn table_flags_are_read_from_the_property_modifiers() {
        // sprmPFInTable 1, a 2-byte sprm (0x4600, istd-like), sprmPFTtp 1.
        let sprms = [0x16, 0x24, 1, 0x00, 0x46, 5, 0, 0x17, 0x24, 1];
        assert_eq!(
            table_props(&sprms, &[]),
            TableProps {
                in_table: true,
                row_end: true
            }
        );
        // A variable-size sprm before the flag is skipped by its size byte.
        let sprms = [0x15, 0xC6, 2, 9, 9, 0x16, 0x24, 1];
        assert_eq!(
            table_props(&sprms, &[]),
            TableProps {
                in_table: true,
                row_end: false
            }
        );
        // Cut short: no panic, what was read is kept.
        assert!(table_props(&[0x16, 0x24, 1, 0x17], &[]).in_table);
    }

    #[test]
    fn fields_show_their_result_and_marks_build_rows() {
        let mut b = Builder::default();
        let cell = || TableProps {
            in_table: true,
            row_end: false,
        };
        let row = || TableProps {
            in_table: true,
            row_end: true,
        };
        for c in "页\u{13} PAGE \u{14}3\u{15}".encode_utf16() {
            b.char(c, TableProps::default);
        }
        b.char(0x0D, TableProps::default);
        for c in "a".encode_utf16() {
            b.char(c, cell);
        }
        b.char(0x07, cell);
        // An empty cell: its mark right after the last one.
        b.char(0x07, cell);
        b.char(u16::from(b'7'), cell);
        b.char(0x07, cell);
        b.char(0x07, row);
        let lines = b
            .run(
                &[],
                &[],
                0,
                &ParaProps {
                    word: &[],
                    bte: &[],
                    data: &[],
                },
            )
            .lines;
        assert_eq!(lines[0].kind, LineKind::Para("页3".into()));
        let LineKind::Row(cells) = &lines[1].kind else {
            panic!("not a row: {:?}", lines[1]);
        };
        let texts: Vec<&str> = cells.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["a", "", "7"]);
    }

    #[test]
    fn runs_are_found_by_their_offsets() {
        let plc: Vec<u8> = [10u32, 20, 30, 45]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let found: Vec<_> = [5, 10, 19, 20, 44, 45, 99]
            .iter()
            .map(|&fc| run_of(&plc, 3, fc))
            .collect();
        assert_eq!(
            found,
            [None, Some(0), Some(0), Some(1), Some(2), None, None]
        );
        assert_eq!(run_of(&[], 0, 3), None);
    }

    #[test]
    fn damaged_files_say_so_and_do_not_panic() {
        assert!(read(b"not a compound file").is_err());
        let mut bytes = crate::import::CFB_MAGIC.to_vec();
        bytes.resize(1024, 0);
        assert!(read(&bytes).is_err());
    }
}
