//! Files are read by what they are, not by their name (issue 21): a `.doc`
//! that is really a web page, a renamed `.docx`, RTF, a single-file web page
//! (MHT), Word 2003 XML, Word 97 (`.doc`, WPS `.wps`) or a spreadsheet
//! (`.xlsx`, `.xls`, `.ods`, WPS `.et`) reads like its source; what is not
//! read yet is named for what it is in the refusal.

use crate::common;

use nianbao::export::{Format, render};
use nianbao::import::{ImportError, import_bytes};
use nianbao::model::Report;
use std::path::Path;

fn import(name: &str, bytes: &[u8]) -> Result<Report, ImportError> {
    import_bytes(name, Path::new(name), bytes)
}

fn same_cells(got: &Report, want: &Report, what: &str) {
    assert_eq!(
        nianbao::cli::dump(got),
        nianbao::cli::dump(want),
        "{what}: cells and meta"
    );
}

#[test]
fn a_doc_that_is_a_web_page_or_a_renamed_docx_is_read() {
    let r = common::clean_report();
    let html = render(&r, Format::Html).unwrap();
    let docx = render(&r, Format::Docx).unwrap();
    for (name, bytes) in [
        ("报告.doc", &html),
        ("报告.doc", &docx),
        ("报告.wps", &docx),
    ] {
        let back = import(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &r, name);
    }
    // And the other way round: a .txt that is a Word file.
    same_cells(&import("报告.txt", &docx).unwrap(), &r, "docx named .txt");
}

/// RTF as Word writes it: paragraphs, and tables of `\intbl` cells, with
/// Chinese as `\uN?` escapes — made here from the Markdown export.
fn rtf_of(r: &Report) -> Vec<u8> {
    let md = String::from_utf8(render(r, Format::Markdown).unwrap()).unwrap();
    let esc = |t: &str| -> String {
        t.chars()
            .map(|c| match c {
                '\\' | '{' | '}' => format!("\\{c}"),
                c if c.is_ascii() => c.to_string(),
                c => c
                    .encode_utf16(&mut [0; 2])
                    .iter()
                    .map(|u| format!("\\u{}?", *u as i16))
                    .collect(),
            })
            .collect()
    };
    let mut out = String::from("{\\rtf1\\ansi\\ansicpg936\\uc1{\\fonttbl{\\f0 SimSun;}}\n");
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            if t.chars().all(|c| "|-: ".contains(c)) {
                continue;
            }
            out.push_str("\\trowd\\pard\\intbl ");
            for cell in t.trim_matches('|').split('|') {
                out.push_str(&esc(cell.trim()));
                out.push_str("\\cell ");
            }
            out.push_str("\\row\n");
        } else {
            out.push_str("\\pard ");
            out.push_str(&esc(t.trim_start_matches('#').trim()));
            out.push_str("\\par\n");
        }
    }
    out.push('}');
    out.into_bytes()
}

#[test]
fn rtf_is_read_under_either_name() {
    let r = common::clean_report();
    let rtf = rtf_of(&r);
    for name in ["报告.rtf", "报告.doc"] {
        let back = import(name, &rtf).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &r, name);
        assert_eq!(back.import.unwrap().layout, "rtf");
    }
}

fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut col = 0;
    for &b in bytes {
        let piece = if b == b'\n' {
            col = 0;
            out.push_str("\r\n");
            continue;
        } else if b.is_ascii_graphic() && b != b'=' || b == b' ' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if col + piece.len() > 75 {
            out.push_str("=\r\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
    }
    out
}

#[test]
fn a_single_file_web_page_is_read() {
    let r = common::clean_report();
    let html = render(&r, Format::Html).unwrap();
    let mht = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n\
         ------=_NextPart_01\r\nContent-Location: file:///C:/report.htm\r\n\
         Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n\
         {}\r\n------=_NextPart_01--\r\n",
        quoted_printable(&html)
    );
    for name in ["报告.mht", "报告.doc"] {
        let back = import(name, mht.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &r, name);
    }
}

#[test]
fn word_2003_xml_is_read() {
    let r = common::clean_report();
    let docx = render(&r, Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    // The same body under Word 2003's root element and namespace.
    let body = &xml[xml.find("<w:body").unwrap()..xml.rfind("</w:body>").unwrap() + 9];
    let wordml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<?mso-application progid=\"Word.Document\"?>\n\
         <w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\">{body}</w:wordDocument>"
    );
    let back = import("报告.doc", wordml.as_bytes()).unwrap();
    same_cells(&back, &r, "Word 2003 XML");
}

fn made(name: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real/made");
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn repo_file(path: &str) -> Report {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    nianbao::import::import_file(&p).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Word 97 files as LibreOffice writes them (tests/real/made/README.md):
/// real Word tables (from our .docx and from our HTML, where LibreOffice
/// builds the merged cells itself), and files whose tables are text typed
/// with tabs, one cell per line or run together. Each reads as its source
/// does, cells and narrative; under a .wps name too (WPS's own format).
#[test]
fn word_97_files_read_like_their_sources() {
    let clean = common::clean_report();
    for name in ["clean.lo-docx2doc.doc", "clean.lo-html2doc.doc"] {
        let back = import(name, &made(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &clean, name);
        assert_eq!(back.narratives(), clean.narratives(), "{name}: narrative");
        assert_eq!(back.import.as_ref().unwrap().layout, "word97", "{name}");
        let wps = import("2024年报.wps", &made(name)).unwrap();
        same_cells(&wps, &clean, "as .wps");
    }
    for (name, source) in [
        (
            "seed003.lo-txt2doc.doc",
            "tests/seeds/003_b167490a9537da4f.txt",
        ),
        (
            "hongze2023.pdftotext-raw.lo-txt2doc.doc",
            "tests/real/hongze2023.pdftotext-raw.txt",
        ),
        (
            "pingtan2024.crawler.lo-txt2doc.doc",
            "tests/real/pingtan2024.crawler.txt",
        ),
    ] {
        let back = import(name, &made(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &repo_file(source), name);
    }
}

/// OpenDocument text as LibreOffice writes it from our Word export (real
/// tables, merges as covered cells), and the report through LibreOffice's
/// PDF and two PDF extractors of the kind AI pipelines use (pymupdf4llm's
/// Markdown: text blocks on heading lines, `<br>` and `Col2` in cells;
/// pdfplumber's text). Each reads as its source: every cell, and the
/// narrative where the tool keeps its paragraphs.
#[test]
fn odt_and_pdf_extractor_files_read_like_their_sources() {
    let clean = common::clean_report();
    for name in [
        "clean.lo-docx2odt.odt",
        "clean.lo-docx2pdf.pdf",
        "clean.lo-pdf.pdfplumber.txt",
        "clean.lo-pdf.pymupdf4llm.md",
    ] {
        let back = import(name, &made(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &clean, name);
        let findings: Vec<_> = nianbao::rules::check(&back, None)
            .into_iter()
            .filter(|f| f.id.as_str().starts_with('B'))
            .collect();
        assert!(findings.is_empty(), "{name}: {findings:?}");
    }
    let odt = import("2024.odt", &made("clean.lo-docx2odt.odt")).unwrap();
    assert_eq!(odt.narratives(), clean.narratives(), "odt narrative");
    assert_eq!(odt.import.as_ref().unwrap().layout, "odt");
    let seed = import("s.odt", &made("seed003.lo-docx2odt.odt")).unwrap();
    same_cells(
        &seed,
        &repo_file("tests/seeds/003_b167490a9537da4f.txt"),
        "seed003.odt",
    );
}

/// The report in a spreadsheet, as LibreOffice Calc saves our HTML export in
/// each format: paragraphs in cells of their own, tables with merged cells
/// (Excel's merged areas; OpenDocument's covered cells). Every cell and the
/// narrative as in the source, no finding; `.et` is WPS's name for `.xls`.
#[test]
fn spreadsheets_read_like_their_sources() {
    let clean = common::clean_report();
    for (name, as_name) in [
        ("clean.lo-html2calc.xlsx", "表.xlsx"),
        ("clean.lo-html2calc.xls", "表.xls"),
        ("clean.lo-html2calc.xls", "表.et"),
        ("clean.lo-html2calc.ods", "表.ods"),
        // By content, whatever the name.
        ("clean.lo-html2calc.ods", "表.txt"),
    ] {
        let back = import(as_name, &made(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        same_cells(&back, &clean, name);
        assert_eq!(back.narratives(), clean.narratives(), "{name}: narrative");
        let findings = nianbao::rules::check(&back, None);
        assert!(findings.is_empty(), "{name}: {findings:?}");
    }
}

/// A working sheet with 表三 alone (no title, no parts): its table is read,
/// the other tables are said to be missing, and a note says only tables were found.
#[test]
fn a_sheet_of_one_table_is_read_as_that_table() {
    let r = import("表三.xlsx", &made("clean.t3-only.lo-csv2xlsx.xlsx")).unwrap();
    let clean = common::clean_report();
    assert_eq!(r.t3, clean.t3);
    let notes = &r.import.as_ref().unwrap().notes;
    assert!(
        notes
            .iter()
            .any(|n| n.message.contains("只读取了其中的表格（表三）"))
    );
    let unread: Vec<String> = nianbao::rules::check(&r, None)
        .into_iter()
        .filter(|f| {
            f.id == nianbao::rules::RuleId::Import && f.severity == nianbao::rules::Severity::Error
        })
        .map(|f| f.message)
        .collect();
    assert!(
        unread.iter().any(|m| m.contains("未找到表二"))
            && unread.iter().any(|m| m.contains("表四"))
    );
}

#[test]
fn a_damaged_word_97_file_says_so() {
    let mut bytes = made("clean.lo-docx2doc.doc");
    // Cut the file in half: the compound file's directory is gone.
    bytes.truncate(bytes.len() / 2);
    let e = import("报告.doc", &bytes).unwrap_err();
    assert!(e.to_string().contains("Word 97–2003 文档已损坏"), "{e}");
    // A compound file without Word's streams under a .doc name.
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.resize(1024, 0);
    b.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    b.resize(4096, 0);
    let e = import("报告.wps", &b).unwrap_err();
    assert!(e.to_string().contains("已损坏"), "{e}");
}

#[test]
fn other_office_files_are_named_in_the_refusal() {
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(1024, 0);
    cfb.extend(
        "PowerPoint Document"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    cfb.resize(4096, 0);
    let odt = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        // Stored, as OpenDocument requires of its first entry.
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("mimetype", stored).unwrap();
        std::io::Write::write_all(&mut w, b"application/vnd.oasis.opendocument.text").unwrap();
        w.finish().unwrap().into_inner()
    };
    let e = import("演示.ppt", &cfb).unwrap_err();
    assert_eq!(e, ImportError::NotYetReadable("Office 97–2003 格式的文件"));
    assert!(e.to_string().contains("另存为 .docx"), "{e}");
    // An OpenDocument text is read; one without its content says so.
    let e = import("2024年报.odt", &odt).unwrap_err();
    assert!(e.to_string().contains("缺少 content.xml"), "{e}");
}

/// A web page with tables of its own reads them, whatever pictures it
/// shows (a logo, a seal): only a page without tables has them read as its
/// tables, and nothing needs recognising.
#[test]
fn a_web_page_with_its_own_tables_leaves_its_pictures_alone() {
    let dir = tempfile::tempdir().unwrap();
    let report = crate::common::clean_report();
    let html = dir.path().join("r.html");
    nianbao::export::write(&report, &html).unwrap();
    let logo = dir.path().join("logo.png");
    image::GrayImage::from_pixel(400, 400, image::Luma([90]))
        .save(&logo)
        .unwrap();
    let page = std::fs::read_to_string(&html).unwrap().replacen(
        "<body>",
        "<body><img src=\"logo.png\">",
        1,
    );
    assert!(page.contains("logo.png"), "the export has a <body>");
    std::fs::write(&html, page).unwrap();
    assert!(!nianbao::import::needs_recognition(&html));
    let read = nianbao::import::import_file(&html).unwrap();
    assert_eq!(read.import.as_ref().unwrap().layout, "html");
    assert_eq!(
        crate::common::essence(&read).0,
        crate::common::essence(&report).0
    );
}

/// A page without tables whose only picture is a small logo is read as the
/// text it is: the logo is no table, and nothing needs recognising.
#[test]
fn a_web_page_without_tables_and_with_a_logo_is_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    image::GrayImage::from_pixel(100, 40, image::Luma([90]))
        .save(&logo)
        .unwrap();
    let html = dir.path().join("r.html");
    std::fs::write(
        &html,
        "<html><body><img src=\"logo.png\"><h1>平安县市场监督管理局2025年政府信息公开工作年度报告</h1>\
         <p>一、总体情况</p><p>本机关全年主动公开政府信息。</p></body></html>",
    )
    .unwrap();
    assert!(!nianbao::import::needs_recognition(&html));
    let read = nianbao::import::import_file(&html).unwrap();
    assert_eq!(read.import.as_ref().unwrap().layout, "html");
    assert_eq!(read.meta.agency, "平安县市场监督管理局");
}
