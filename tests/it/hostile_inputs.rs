//! Hostile and unlucky inputs as a supervisor's folder or a clerk's disk
//! really holds them: each must be read or refused with a message — never a
//! crash, a hang or memory out of all proportion. (Time and memory are
//! measured outside the tests; these check that each case returns.)

use crate::common;

use nianbao::import::{ImportError, PdfError, import_bytes, import_file};
use std::path::Path;

#[test]
fn huge_spans_in_html_are_bounded() {
    let mut html = String::from("<html><body><p>一、总体情况</p><table><tr>");
    for _ in 0..10_000 {
        html.push_str("<td rowspan=100 colspan=100>0</td>");
    }
    html.push_str("</tr></table></body></html>");
    let _ = import_bytes("spans.html", Path::new("spans.html"), html.as_bytes());
}

#[test]
fn huge_grid_spans_in_word_are_bounded() {
    let mut body =
        String::from("<w:document><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:tbl>");
    for _ in 0..200 {
        body.push_str("<w:tr>");
        for _ in 0..200 {
            body.push_str("<w:tc><w:tcPr><w:gridSpan w:val=\"100\"/></w:tcPr><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>");
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl></w:body></w:document>");
    let docx = common::docx(body.as_bytes());
    let _ = import_bytes("spans.docx", Path::new("spans.docx"), &docx);
}

#[test]
fn a_million_table_rows_are_refused_with_a_message() {
    let mut text = String::from("一、总体情况\n三、收到和处理政府信息公开申请情况\n");
    text.push_str(&"|0|0|0|0|0|0|0|\n".repeat(1_000_000));
    let e = import_bytes("rows.txt", Path::new("rows.txt"), text.as_bytes()).unwrap_err();
    assert_eq!(e, ImportError::TooManyLines { lines: 1_000_002 });
    assert!(e.to_string().contains("1000002 行"), "{e}");
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let e = import_file(&zero).unwrap_err();
    assert!(e.message.contains("不是普通文件"), "{e}");
    let fifo = dir.path().join("fifo.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let e = import_file(&fifo).unwrap_err();
        assert!(e.message.contains("不是普通文件"), "{e}");
    }
}

#[test]
fn the_size_refusal_gives_the_real_size() {
    let big = vec![b'a'; 21 * 1024 * 1024];
    let e = import_bytes("big.txt", Path::new("big.txt"), &big).unwrap_err();
    assert_eq!(e, ImportError::TooLarge(21 * 1024 * 1024));
    assert!(e.to_string().contains("21.0 MB"), "{e}");
}

#[test]
fn a_million_nested_divs_are_refused_before_parsing() {
    let mut html = String::from("<html><body><p>一、总体情况</p>");
    html.push_str(&"<div>".repeat(1_000_000));
    let e = import_bytes("deep.html", Path::new("deep.html"), html.as_bytes()).unwrap_err();
    assert_eq!(e, ImportError::HtmlTooDeep);
    assert!(e.to_string().contains("嵌套超过"), "{e}");
    // The same markup inside Markdown goes through the HTML reader too.
    let md = format!("一、总体情况\n<table><tr><td>{}", "<div>".repeat(5_000));
    let e = import_bytes("deep.md", Path::new("deep.md"), md.as_bytes()).unwrap_err();
    assert_eq!(e, ImportError::HtmlTooDeep);
    // Ordinary pages, with <p> and <td> left open, are not refused.
    let page = format!(
        "<html><body>{}</body></html>",
        "<p>一段文字<table><tr><td>1<td>2</table>".repeat(3_000)
    );
    assert!(
        nianbao::import::import_bytes("ok.html", Path::new("ok.html"), page.as_bytes())
            .map_or_else(|e| e != ImportError::HtmlTooDeep, |_| true)
    );
}

#[test]
fn a_line_of_megabytes_is_refused_with_its_number() {
    let text = format!("一、总体情况\n{}\n", "（七）总计 1 2 3 ".repeat(100_000));
    let e = import_bytes("long.txt", Path::new("long.txt"), text.as_bytes()).unwrap_err();
    assert!(
        matches!(e, ImportError::LineTooLong { line: 2, .. }),
        "{e:?}"
    );
    let m = e.to_string();
    assert!(m.contains("第 2 行") && m.contains("MB"), "{m}");
}

#[test]
fn a_pdf_nested_millions_deep_is_refused_not_a_stack_overflow() {
    let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /X ".to_vec();
    pdf.extend(std::iter::repeat_n(b'[', 5_000_000));
    pdf.extend_from_slice(b" >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    let e = import_bytes("deep.pdf", Path::new("deep.pdf"), &pdf).unwrap_err();
    assert!(matches!(e, ImportError::Pdf(PdfError::Broken(_))), "{e:?}");
    assert!(e.to_string().contains("嵌套"), "{e}");
}
