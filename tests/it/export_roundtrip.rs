//! HTML, Word and PDF exports import back to the same report: cells, meta
//! and part texts (whitespace aside), for the five seeds and the saved examples.

use crate::common;

use nianbao::export::{Format, render};
use nianbao::import::import_bytes;
use nianbao::model::Report;
use std::path::Path;

fn seeds_and_examples() -> Vec<(String, Report)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for p in common::seed_paths() {
        out.push((
            p.display().to_string(),
            nianbao::open::open_report(&p).unwrap(),
        ));
    }
    for name in ["clean.ron", "violations.ron"] {
        let p = root.join("saved_examples").join(name);
        out.push((name.to_string(), nianbao::project::load(&p).unwrap()));
    }
    out
}

fn round_trip(format: Format) {
    for (name, r) in seeds_and_examples() {
        let bytes = render(&r, format).unwrap();
        let file = format!("x.{}", format.extension());
        let back =
            import_bytes(&file, Path::new(&file), &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            common::essence(&back),
            common::essence(&r),
            "{name} via {file}"
        );
    }
}

#[test]
fn html_round_trip() {
    round_trip(Format::Html);
}

#[test]
fn docx_round_trip() {
    round_trip(Format::Docx);
}

#[test]
fn html_has_the_official_merges() {
    let html = String::from_utf8(render(&common::clean_report(), Format::Html).unwrap()).unwrap();
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@page { size: A4 portrait"));
    // Borders on the cells themselves (editors drop the <style> block).
    assert!(html.contains("<table border=\"1\""));
    assert!(html.contains("<th rowspan=\"3\" colspan=\"3\" style=\"border: 1px solid #000\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>"));
    assert!(
        html.contains(
            "<td rowspan=\"22\" style=\"border: 1px solid #000\">三、本年度办理结果</td>"
        )
    );
    assert!(
        html.contains("<td rowspan=\"8\" style=\"border: 1px solid #000\">（三）不予公开</td>")
    );
    assert!(html.contains("<th colspan=\"10\" style=\"border: 1px solid #000\">行政诉讼</th>"));
    assert!(
        html.contains("<td class=\"num\" colspan=\"3\" style=\"border: 1px solid #000\">1845</td>")
    );
    // Printing repeats the header rows (thead) and keeps rows whole.
    assert_eq!(html.matches("<thead>").count(), 2, "表三 and 表四");
    assert!(html.contains("thead { display: table-header-group; }"));
    assert!(html.contains("break-inside: avoid"));
}

#[test]
fn docx_has_merges_fonts_and_page_numbers() {
    let bytes = render(&common::clean_report(), Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("w:gridSpan w:val=\"3\""));
    assert!(xml.contains("w:vMerge w:val=\"restart\""));
    // Faces a stock Windows PC has, not the GB2312 ones of extra font packs.
    assert!(xml.contains("\"仿宋\"") && xml.contains("黑体") && xml.contains("\"楷体\""));
    assert!(!xml.contains("GB2312") && !xml.contains("方正"));
    assert!(xml.contains("w:pgSz w:w=\"11905\" w:h=\"16837\""), "A4");
    let mut footer = String::new();
    let name = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .find(|n| n.contains("footer"))
        .unwrap();
    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut footer).unwrap();
    assert!(footer.contains("PAGE"), "{footer}");
    assert!(
        footer.contains("— ") && footer.contains(" —"),
        "公文 page numbers: {footer}"
    );
}

#[test]
fn docx_is_ready_to_publish() {
    use nianbao::template::{t2_grid, t3_grid, t4_grid};
    let r = common::clean_report();
    let bytes = render(&r, Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let read = |zip: &mut zip::ZipArchive<_>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let xml = read(&mut zip, "word/document.xml");
    // Each table's header rows repeat on every page; no row splits across pages.
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    assert_eq!(tables.len(), 3);
    for (t, grid) in tables.iter().zip([t2_grid(), t3_grid(), t4_grid()]) {
        let t = &t[..t.find("</w:tbl>").unwrap()];
        let rows: Vec<&str> = t.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), grid.rows);
        for (i, row) in rows.iter().enumerate() {
            assert!(row.contains("<w:cantSplit />"), "row {i}");
            assert_eq!(
                row.contains("<w:tblHeader />"),
                i < grid.header_rows,
                "row {i}"
            );
        }
    }
    // A heading stays with what follows it.
    let heading = xml.find("二、主动公开政府信息情况").unwrap();
    let para = xml[..heading].rfind("<w:p ").unwrap();
    assert!(xml[para..heading].contains("<w:keepNext />"));
    // The agency is the author, the time is now, the title is the report's.
    let core = read(&mut zip, "docProps/core.xml");
    assert!(core.contains(&format!("<dc:creator>{}</dc:creator>", r.meta.agency)));
    assert!(core.contains(&format!("<dc:title>{}</dc:title>", r.title())));
    assert!(
        !core.contains("1970") && !core.contains("unknown"),
        "{core}"
    );
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(core.contains(&format!("W3CDTF\">{year}-")), "{core}");
}

/// The PDF in the bundled font (the same on every machine).
fn pdf_of(r: &Report) -> Vec<u8> {
    nianbao::export::pdf::render(r, &nianbao::export::pdf::fonts::Fonts::bundled()).unwrap()
}

#[test]
fn pdf_round_trip() {
    // nianbao's own PDF import gives back every cell, the meta and the
    // narrative, rebuilt into its paragraphs from the printed lines; a cell
    // printed empty leaves no trace in a PDF's text, so where the source has
    // such cells the ones read otherwise must be named by an IMPORT error.
    for (name, r) in seeds_and_examples() {
        let back = import_bytes("x.pdf", Path::new("x.pdf"), &pdf_of(&r))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (cells, meta, texts, fees) = common::essence(&back);
        let (want_cells, want_meta, want_texts, want_fees) = common::essence(&r);
        assert_eq!(
            (meta, texts, fees),
            (want_meta, want_texts, want_fees),
            "{name} via PDF"
        );
        let named: Vec<String> = nianbao::rules::check(&back, None)
            .into_iter()
            .filter(|f| {
                f.id == nianbao::rules::RuleId::Import
                    && f.severity == nianbao::rules::Severity::Error
            })
            .flat_map(|f| f.cells.iter().map(ToString::to_string).collect::<Vec<_>>())
            .collect();
        let blanks = want_cells.iter().any(|c| c.ends_with("=blank"));
        for (got, want) in cells.iter().zip(&want_cells) {
            let key = want.split('=').next().unwrap();
            assert!(
                got == want || (blanks && named.iter().any(|n| n == key)),
                "{name} via PDF: {want} read as {got}"
            );
        }
    }
}

/// Runs a poppler tool on `pdf`; `None` where poppler is not installed
/// (CI installs it and sets NIANBAO_REQUIRE_POPPLER, so there it must run).
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    match std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(o) => {
            assert!(
                o.status.success(),
                "{tool}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            Some(String::from_utf8_lossy(&o.stdout).into_owned())
        }
        Err(e) => {
            assert!(
                std::env::var_os("NIANBAO_REQUIRE_POPPLER").is_none(),
                "{tool} is required here: {e}"
            );
            eprintln!("{tool} not installed: skipped");
            None
        }
    }
}

#[test]
fn the_pdf_through_poppler_is_a4_with_every_font_embedded_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    let r = common::clean_report();
    std::fs::write(&pdf, pdf_of(&r)).unwrap();
    // pdfinfo and pdffonts take the file as their last argument, not "-".
    let info = std::process::Command::new("pdfinfo").arg(&pdf).output();
    let Ok(info) = info else {
        assert!(
            std::env::var_os("NIANBAO_REQUIRE_POPPLER").is_none(),
            "pdfinfo is required here"
        );
        eprintln!("poppler not installed: skipped");
        return;
    };
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("(A4)"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Title:           平安县市场监督管理局2025年政府信息公开工作年度报告"),
        "{info}"
    );
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    let faces: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!faces.is_empty(), "{fonts}");
    for f in &faces {
        // emb sub uni: yes yes yes
        assert!(f.contains("yes yes yes"), "not embedded and subset: {f}");
    }
    // The text as `pdftotext -layout` gives it imports to the same cells.
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf).unwrap();
    let back = nianbao::import::import_text("r.txt", &text).unwrap();
    assert_eq!(common::essence(&back).0, common::essence(&r).0);
    // 表三 runs over two pages: its header is printed on both.
    assert!(text.matches("申请人情况").count() >= 2, "{text}");
    assert!(text.contains("— 1 —") || text.contains("—1—"), "{text}");
}

#[test]
fn the_pdf_of_odd_reports_is_made_or_refused_never_a_panic() {
    use nianbao::model::Narrative;
    let empty = Report::default();
    let mut odd = common::clean_report();
    odd.preamble = Narrative::new(format!(
        "{}\n{}\n表情😀和控制字符\u{1}\u{7}，以及“未闭合的引号",
        "A".repeat(2000),
        "很长的段落。".repeat(800)
    ));
    odd.meta.agency = "x".repeat(300);
    odd.t3.0[0][0] =
        nianbao::cell::Cell::Invalid("一二三四五六七八九十一二三四五六七八九十".into());
    use nianbao::export::pdf::{fonts::Fonts, make};
    // A character no font has is said, and the file is still made (as plain PDF).
    let made = make(&odd, &Fonts::bundled()).unwrap();
    assert_eq!(made.missing, ["😀"]);
    for (name, r) in [("empty", &empty), ("odd", &odd)] {
        let bytes = pdf_of(r);
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
        let back = import_bytes("x.pdf", Path::new("x.pdf"), &bytes);
        assert!(back.is_ok() || name == "empty", "{name}: {:?}", back.err());
    }
}

/// Every content stream of `pdf`, inflated (those that are not Flate stay out).
fn content_streams(pdf: &[u8]) -> Vec<String> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = pdf[at..].windows(6).position(|w| w == b"stream") {
        let start = at + i + 6;
        let start = start
            + pdf[start..]
                .iter()
                .take_while(|b| **b == b'\r' || **b == b'\n')
                .count();
        let Some(len) = pdf[start..].windows(9).position(|w| w == b"endstream") else {
            break;
        };
        let mut text = String::new();
        if flate2::read::ZlibDecoder::new(&pdf[start..start + len])
            .read_to_string(&mut text)
            .is_ok()
        {
            out.push(text);
        }
        at = start + len + 9;
    }
    out
}

#[test]
fn the_pdf_text_is_filled_not_outlined() {
    // Rules are stroked; with that stroke left set, krilla drew every glyph
    // as an outline only (text rendering mode 1): hollow text on the page.
    let streams = content_streams(&pdf_of(&common::clean_report()));
    let text: Vec<&String> = streams
        .iter()
        .filter(|s| s.contains("Tj") || s.contains("TJ"))
        .collect();
    assert!(!text.is_empty(), "no page content found");
    let mut modes = 0;
    for s in text {
        // "BT 0 Tr/f0 16 Tf": the operator may touch the next name.
        for (i, _) in s.match_indices("Tr") {
            let mode = s[..i].split_whitespace().last().unwrap_or_default();
            assert_eq!(mode, "0", "text drawn in rendering mode {mode} (0 = fill)");
            modes += 1;
        }
    }
    assert!(
        modes > 0,
        "no text rendering mode found: the check looked at nothing"
    );
}

/// A 表三 row with a cell printed empty: the empty cell leaves no trace in
/// the PDF's text, but the row's values stand under their columns, so the
/// row reads back whole — through nianbao's PDF import and through
/// `pdftotext -layout` — named as placed by position. A row with one value
/// alone could stand anywhere: it stays unread and named.
#[test]
fn a_row_with_a_cell_printed_empty_reads_back_by_where_its_values_stand() {
    use nianbao::cell::Cell;
    // 1.属于国家秘密 and 8.属于行政查询事项 (CONTRACT rows r05, r12).
    const R05: usize = 4;
    const R12: usize = 11;
    let mut r = common::clean_report();
    r.t3.0[R05][1] = Cell::Blank;
    r.t3.0[R12] = Default::default();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, pdf_of(&r)).unwrap();
    let mut backs = vec![(
        "PDF",
        import_bytes("r.pdf", &pdf, &std::fs::read(&pdf).unwrap()).unwrap(),
    )];
    if let Some(text) = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf) {
        backs.push((
            "pdftotext",
            nianbao::import::import_text("r.txt", &text).unwrap(),
        ));
    }
    let row = |r: &Report, row: usize| -> Vec<String> {
        (0..nianbao::template::T3_INPUT_COLS)
            .map(|col| format!("{:?}", r.t3.0[row][col]))
            .collect()
    };
    for (how, back) in backs {
        assert_eq!(row(&back, R05), row(&r, R05), "{how}");
        let notes = &back.import.as_ref().unwrap().notes;
        let placed = notes
            .iter()
            .find(|n| n.kind == nianbao::model::NoteKind::Placed)
            .unwrap_or_else(|| panic!("{how}: {notes:?}"));
        assert!(
            placed.message.contains("1.属于国家秘密"),
            "{how}: {placed:?}"
        );
        assert!(placed.cells.iter().any(|c| *c == "t3.r05.commercial"));
        let unread = back.import.as_ref().unwrap().unread_cells();
        assert!(
            unread.iter().any(|c| *c == "t3.r12.natural"),
            "{how}: {unread:?}"
        );
        // Every other row as the source has it.
        for other in (0..nianbao::template::T3_ROWS.len()).filter(|&x| x != R12) {
            assert_eq!(row(&back, other), row(&r, other), "{how}: row {other}");
        }
    }
}
