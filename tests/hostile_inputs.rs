//! Hostile and unlucky inputs as a supervisor's folder or a clerk's disk
//! really holds them: each must be read or refused with a message — never a
//! crash, a hang or memory out of all proportion. (Time and memory are
//! measured outside the tests; these check that each case returns.)

use nianbao::import::{import_bytes, import_file};
use std::io::Write;
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
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(body.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    let _ = import_bytes("spans.docx", Path::new("spans.docx"), buf.get_ref());
}

#[test]
fn a_million_table_rows_are_refused_with_a_message() {
    let mut text = String::from("一、总体情况\n三、收到和处理政府信息公开申请情况\n");
    text.push_str(&"|0|0|0|0|0|0|0|\n".repeat(1_000_000));
    let e = import_bytes("rows.txt", Path::new("rows.txt"), text.as_bytes()).unwrap_err();
    assert!(e.contains("行"), "{e}");
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
    assert!(e.contains("21.0 MB"), "{e}");
}
