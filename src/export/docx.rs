//! Word export (`.docx`) after the conventions of Chinese official documents
//! (GB/T 9704): A4 with 37/35/28/26 mm margins, the title in bold 宋体 二号
//! (for 小标宋), body text 仿宋 三号, 一、 headings 黑体 and （一） headings
//! 楷体 — faces a stock Windows PC has — tables with the official merges and
//! borders, page numbers `— 1 —` centred in the footer. Ready to publish: table header rows repeat on each page
//! and rows never split across pages, headings keep with what follows, and
//! the core properties name the agency, the title and the time of export.

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow, VAlignType, VMergeType, WidthType,
};

use super::column_shares;
use super::walk::{Filled, Level, Sink, walk};
use crate::model::Report;
use crate::template::{Content, Table as TableId};

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const WUHAO: usize = 21;
/// First-line indent of two 三号 characters (2 × 16 pt), in twips.
const FIRST_LINE: i32 = 640;
/// Twips per millimetre.
const MM: f64 = 56.692;
/// Text width of A4 with 28 + 26 mm side margins, in twips.
const TEXT_WIDTH: f64 = (210.0 - 28.0 - 26.0) * MM;

/// The faces a stock Windows PC has (Word substitutes a missing one without
/// a word, and 仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 come only with extra
/// font packs); 信创 desktops map these names to their own 仿宋/楷体/宋体.
/// The title's 小标宋 is approximated by 宋体 in bold.
const BODY_FONT: &str = "仿宋";
const SECTION_FONT: &str = "楷体";
const TITLE_FONT: &str = "宋体";

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new().add_text(text).fonts(fonts(font)).size(size)
}

fn body_para(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, SANHAO))
        .indent(
            None,
            Some(docx_rs::SpecialIndentType::FirstLine(FIRST_LINE)),
            None,
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .line(560)
                .line_rule(docx_rs::LineSpacingType::Exact),
        )
}

pub fn render(r: &Report) -> Result<Vec<u8>, String> {
    let doc = Docx::new()
        .page_size((210.0 * MM) as u32, (297.0 * MM) as u32)
        .page_margin(
            PageMargin::new()
                .top((37.0 * MM) as i32)
                .bottom((35.0 * MM) as i32)
                .left((28.0 * MM) as i32)
                .right((26.0 * MM) as i32)
                .header((15.0 * MM) as i32)
                .footer((28.0 * MM) as i32 - 200),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(SANHAO)
        .footer(
            Footer::new().add_paragraph(
                // 公文 page numbers: — 1 —.
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("— "))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" —")),
            ),
        );
    let mut sink = Document(doc);
    walk(r, &mut sink);
    let doc = sink.0;
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| format!("生成 Word 文件失败：{e}"))?;
    let headers = [TableId::T2, TableId::T3, TableId::T4].map(|t| t.grid().header_rows);
    finish(&buf.into_inner(), r, &headers).map_err(|e| format!("生成 Word 文件失败：{e}"))
}

/// What docx-rs 0.4 cannot write itself: `w:tblHeader` on each table's
/// header rows, and core properties with the agency as author and the real
/// time (it writes "unknown" and 1970-01-01). The package is copied entry
/// by entry with those two parts rewritten.
fn finish(package: &[u8], r: &Report, header_rows: &[usize]) -> Result<Vec<u8>, String> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(|e| e.to_string())?;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zout = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        let replaced = match name.as_str() {
            "word/document.xml" => {
                let mut xml = String::new();
                entry.read_to_string(&mut xml).map_err(|e| e.to_string())?;
                Some(repeat_headers(&xml, header_rows))
            }
            "docProps/core.xml" => Some(core_xml(r)),
            _ => None,
        };
        match replaced {
            Some(text) => {
                zout.start_file(name, opts).map_err(|e| e.to_string())?;
                zout.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
            }
            None => zout.raw_copy_file(entry).map_err(|e| e.to_string())?,
        }
    }
    zout.finish().map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The row property every row gets (see [`table`]).
const ROW_PROPS: &str = "<w:trPr><w:cantSplit /></w:trPr>";

/// Marks the first `header_rows[k]` rows of the k-th table as header rows,
/// which Word and LibreOffice repeat at the top of each page.
fn repeat_headers(xml: &str, header_rows: &[usize]) -> String {
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    for &n in header_rows {
        let Some(at) = rest.find("<w:tbl>") else {
            break;
        };
        let at = at + "<w:tbl>".len();
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        for _ in 0..n {
            let Some(p) = rest.find(ROW_PROPS) else { break };
            out.push_str(&rest[..p]);
            out.push_str("<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
            rest = &rest[p + ROW_PROPS.len()..];
        }
    }
    out.push_str(rest);
    out
}

fn core_xml(r: &Report) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    let author = esc(&r.meta.agency);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>"#,
            r#"<cp:revision>1</cp:revision><dc:language>zh-CN</dc:language></cp:coreProperties>"#
        ),
        title = esc(&r.title()),
        author = author,
        now = now
    )
}

/// The report as a Word document, piece by piece.
struct Document(Docx);

impl Document {
    fn add(&mut self, p: Paragraph) {
        self.0 = std::mem::take(&mut self.0).add_paragraph(p);
    }
}

impl Sink for Document {
    fn title(&mut self, text: &str) {
        self.add(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(text, TITLE_FONT, ERHAO).bold()),
        );
    }
    /// Indented like body text: 一、 in 黑体, （一） in 楷体.
    fn heading(&mut self, level: Level, text: &str) {
        let font = match level {
            Level::Part => "黑体",
            Level::Section => SECTION_FONT,
        };
        self.add(
            Paragraph::new()
                .indent(
                    None,
                    Some(docx_rs::SpecialIndentType::FirstLine(FIRST_LINE)),
                    None,
                    None,
                )
                .add_run(run(text, font, SANHAO))
                .keep_next(true),
        );
    }
    fn paragraph(&mut self, text: &str) {
        self.add(body_para(text));
    }
    fn signature(&mut self, line: &str) {
        self.add(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(run(line, BODY_FONT, SANHAO)),
        );
    }
    fn table(&mut self, table: &Filled) {
        let t = word_table(table, column_shares(table.table));
        self.0 = std::mem::take(&mut self.0).add_table(t);
    }
}

/// A table of the official layout: horizontal merges as `gridSpan`, vertical
/// merges as `vMerge` restart/continue cells.
fn word_table(table: &Filled, widths: &[f64]) -> Table {
    let grid = table.grid;
    let col_w: Vec<usize> = widths.iter().map(|w| (w * TEXT_WIDTH) as usize).collect();
    let matrix = grid.matrix();
    let mut rows = Vec::new();
    for row in 0..grid.rows {
        let mut cells = Vec::new();
        let mut col = 0;
        while col < grid.cols {
            // The cell covering (row, col): anchored here or above.
            let Some(c) = grid
                .cells
                .iter()
                .find(|c| c.col == col && (c.row..c.row + c.rowspan).contains(&row))
            else {
                col += 1;
                continue;
            };
            let width: usize = col_w[c.col..c.col + c.colspan].iter().sum();
            let mut cell = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if c.colspan > 1 {
                cell = cell.grid_span(c.colspan);
            }
            if c.rowspan > 1 {
                cell = cell.vertical_merge(if c.row == row {
                    VMergeType::Restart
                } else {
                    VMergeType::Continue
                });
            }
            let text = if c.row == row && matrix[row][col].is_some() {
                table.text(c)
            } else {
                String::new()
            };
            let align = match c.content {
                Content::Value(_) => AlignmentType::Right,
                Content::Label(_) if !c.header && c.rowspan == 1 => AlignmentType::Left,
                _ => AlignmentType::Center,
            };
            cell = cell.add_paragraph(
                Paragraph::new()
                    .align(align)
                    .add_run(run(&text, BODY_FONT, WUHAO)),
            );
            cells.push(cell);
            col += c.colspan;
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(col_w)
        .width(TEXT_WIDTH as usize, WidthType::Dxa)
}
