//! Hand-written reports for the layouts the seeds lack: an HTML page (GBK,
//! Word markup, rowspan/colspan), PDF text, a Word paste with blanks and `/`,
//! a 2019-format report, a report with published arithmetic errors and an
//! OCR-style Markdown transcription with numbered columns —
//! each with its expected cells and findings.

use nianbao::cell::Cell;
use nianbao::model::{FormatVersion, Report};
use nianbao::open::open_report;
use nianbao::rules::check;
use nianbao::template::all_keys;
use std::path::Path;

fn report(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reports")
        .join(name);
    open_report(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Cells that are not 0 (blank, n/a and invalid included), as dump shows them.
fn nonzero(r: &Report) -> Vec<String> {
    all_keys()
        .iter()
        .map(|&k| (k, r.value(k)))
        .filter(|(_, c)| !matches!(c, Cell::Int(0)))
        .map(|(k, c)| format!("{k}={}", c.dump()))
        .collect()
}

fn findings(r: &Report) -> Vec<String> {
    check(r, None)
        .into_iter()
        .map(|f| format!("{} {}", f.id.as_str(), f.cell_names(",")))
        .collect()
}

#[test]
fn html_page_with_merges_gbk_and_word_markup() {
    let r = report("qingshan_2024.html");
    assert_eq!(
        (r.meta.agency.as_str(), r.meta.year, r.meta.date.as_str()),
        ("青山县教育局", Some(2024), "2025-01-20")
    );
    assert_eq!(
        nonzero(&r),
        [
            "t2.regulations.issued=na",
            "t2.regulations.repealed=na",
            "t2.regulations.in_force=na",
            "t2.normative_docs.issued=2",
            "t2.normative_docs.repealed=1",
            "t2.normative_docs.in_force=15",
            "t2.licensing=126",
            "t2.penalty=3",
            "t2.fees=3.25",
            "t3.r01.natural=9",
            "t3.r01.commercial=2",
            "t3.r01.total=11",
            "t3.r02.natural=1",
            "t3.r02.total=1",
            "t3.r03.natural=5",
            "t3.r03.commercial=1",
            "t3.r03.total=6",
            "t3.r04.natural=1",
            "t3.r04.total=1",
            "t3.r13.natural=2",
            "t3.r13.total=2",
            "t3.r14.commercial=1",
            "t3.r14.total=1",
            "t3.r17.natural=1",
            "t3.r17.total=1",
            "t3.r24.natural=9",
            "t3.r24.commercial=2",
            "t3.r24.total=11",
            "t3.r25.natural=1",
            "t3.r25.total=1",
            "t4.review.upheld=1",
            "t4.review.total=1",
            "t4.suit_direct.pending=1",
            "t4.suit_direct.total=1",
        ]
    );
    // "/" in the 规章 row is the accepted answer of an agency without rule-making power.
    assert_eq!(
        findings(&r),
        [
            "IMPORT ", // the breadcrumb before the title
            "IMPORT ", // the site footer after the signature
        ]
    );
    assert_eq!(r.part1.sections.len(), 2);
    assert!(r.part6.text.text.contains("本年度未收取信息处理费"));
}

#[test]
fn pdf_text_with_page_footers_and_wrapped_labels() {
    let r = report("lvshui_2023_pdf.txt");
    assert_eq!(r.import.as_ref().unwrap().layout, "spaces");
    assert_eq!(
        (r.meta.agency.as_str(), r.meta.year, r.meta.date.as_str()),
        ("绿水市统计局", Some(2023), "2024-01-22")
    );
    assert_eq!(
        nonzero(&r),
        [
            "t2.normative_docs.issued=1",
            "t2.normative_docs.in_force=4",
            "t2.penalty=12",
            "t3.r01.natural=3",
            "t3.r01.commercial=1",
            "t3.r01.total=4",
            "t3.r03.natural=2",
            "t3.r03.total=2",
            "t3.r04.commercial=1",
            "t3.r04.total=1",
            "t3.r15.natural=1",
            "t3.r15.total=1",
            "t3.r24.natural=3",
            "t3.r24.commercial=1",
            "t3.r24.total=4",
        ]
    );
    assert!(findings(&r).is_empty(), "{:?}", check(&r, None));
}

#[test]
fn word_paste_with_blanks_and_not_applicable() {
    let r = report("hongling_2024_wordpaste.txt");
    assert_eq!(r.import.as_ref().unwrap().layout, "tab");
    assert_eq!(
        (r.meta.agency.as_str(), r.meta.year, r.meta.date.as_str()),
        ("红岭镇人民政府", Some(2024), "2025-01-10")
    );
    let nonzero_all = nonzero(&r);
    assert_eq!(
        nonzero_all
            .iter()
            .filter(|l| !l.starts_with("t3."))
            .collect::<Vec<_>>(),
        [
            "t2.regulations.issued=na",
            "t2.regulations.repealed=na",
            "t2.regulations.in_force=na",
            "t2.normative_docs.in_force=3",
            "t2.licensing=na",
            "t2.penalty=5",
            "t2.coercion=blank",
            "t2.fees=0.35",
        ]
    );
    assert!(
        nonzero_all
            .iter()
            .filter(|l| l.starts_with("t3."))
            .all(|l| l.ends_with("=blank")),
        "{nonzero_all:?}"
    );
    // A cell printed empty stays empty (CONTRACT.md §2): the applicant cells
    // this paste left empty beside a 总计 of 0 are blank, and B6 says so, row by row.
    let t3_blank: Vec<&String> = nonzero_all
        .iter()
        .filter(|l| l.starts_with("t3.") && l.ends_with("=blank"))
        .collect();
    assert!(!t3_blank.is_empty());
    let f = findings(&r);
    assert_eq!(
        &f[..2],
        ["B6 t2.licensing", "B6 t2.coercion"],
        "'/' in 规章 is accepted; elsewhere it is B6"
    );
    assert!(f[2..].iter().all(|f| f.starts_with("B6 t3.")), "{f:?}");
    assert!(f.iter().all(|f| !f.starts_with("IMPORT")), "{f:?}");
}

#[test]
fn format_2019_report_fills_shared_rows_and_reports_the_rest() {
    let r = report("baisha_2020_format2019.md");
    assert_eq!(r.meta.format, FormatVersion::F2019);
    assert_eq!(r.t2[6], Cell::Int(1530));
    assert_eq!(r.t2[7], Cell::Int(35));
    assert_eq!(r.t2[8], Cell::Int(1));
    // 2019 columns are never mapped onto 2021 rows.
    assert!(r.t2[..6].iter().all(|c| *c == Cell::Blank));
    assert_eq!(r.t2[9], Cell::Blank);
    assert!(r.t3.0[20..23].iter().flatten().all(|c| *c == Cell::Blank));
    assert_eq!(
        r.t3_2019_other,
        Some(Default::default()).map(|_: [Cell; 6]| [0, 0, 0, 0, 0, 0].map(Cell::Int))
    );
    let notes: Vec<String> = check(&r, None).into_iter().map(|f| f.message).collect();
    assert!(
        notes
            .iter()
            .any(|m| m
                .contains("2019 版表二“规范性文件”（4、4、37）在 2021 版中没有对应栏目，未导入")),
        "{notes:#?}"
    );
    assert!(
        notes
            .iter()
            .any(|m| m.contains("2019 版表二“政府集中采购”"))
    );
    assert!(
        notes
            .iter()
            .any(|m| m.contains("表三“（六）其他处理”只印了一行"))
    );
    assert!(
        check(&r, None).iter().all(|f| f.id.as_str() == "IMPORT"),
        "no errors or B6 for 2019-only cells"
    );
}

#[test]
fn published_arithmetic_errors_are_reported() {
    let r = report("jinshan_2024_errors.txt");
    let f = check(&r, None);
    let ids: Vec<&str> = f.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["B1", "B3", "B5"]);
    assert!(
        f[0].message
            .contains("总计公布为 14，但六类申请人之和为 10+3+0+0+0+0 = 13")
    );
    assert!(
        f[1].message
            .contains("本年新收 10 + 上年结转 2 = 12，但办理结果总计 9 + 结转下年度 2 = 11")
    );
    assert!(f[2].message.contains("表四“行政复议”：总计公布为 4"));
    // The published totals are kept apart; the values are computed.
    assert_eq!(
        r.value(nianbao::template::CellKey::T3 { row: 0, col: 6 }),
        Cell::Int(13)
    );
    assert_eq!(r.published.get("t3.r01.total"), Some(&Cell::Int(14)));
}

#[test]
fn unrecognisable_and_oversized_files_give_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.txt");
    std::fs::write(&p, "会议纪要\n今天讨论了预算。\n").unwrap();
    let e = open_report(&p).unwrap_err().to_string();
    assert!(
        e.contains("notes.txt") && e.contains("无法识别为政府信息公开工作年度报告"),
        "{e}"
    );
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(21 * 1024 * 1024).unwrap();
    let e = open_report(&big).unwrap_err().to_string();
    assert!(e.contains("20 MB"), "{e}");
    let pdf = dir.path().join("r.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    assert!(open_report(&pdf).unwrap_err().to_string().contains("PDF"));
    let docx = dir.path().join("broken.docx");
    std::fs::write(&docx, b"not a zip").unwrap();
    assert!(
        open_report(&docx)
            .unwrap_err()
            .to_string()
            .contains("不是有效的 Word")
    );
}

#[test]
fn ocr_markdown_with_numbered_columns_and_a_table_per_group() {
    // As an OCR or a model transcribes the tables: columns named 数据1…数据6,
    // one small table per group, an empty placeholder table. The header's
    // numbers are no values (they were read as 1…6: a false B1 and B5).
    let r = report("moushan_2024_ocr_numbered_columns.md");
    assert_eq!(
        nonzero(&r),
        [
            "t2.normative_docs.issued=5",
            "t2.normative_docs.repealed=1",
            "t2.normative_docs.in_force=30",
            "t2.licensing=120",
            "t2.penalty=40",
            "t2.coercion=2",
            "t3.r01.natural=10",
            "t3.r01.commercial=2",
            "t3.r01.other_org=1",
            "t3.r01.total=13",
            "t3.r02.natural=1",
            "t3.r02.total=1",
            "t3.r03.natural=5",
            "t3.r03.commercial=1",
            "t3.r03.total=6",
            "t3.r04.natural=1",
            "t3.r04.total=1",
            "t3.r13.natural=3",
            "t3.r13.commercial=1",
            "t3.r13.other_org=1",
            "t3.r13.total=5",
            "t3.r24.natural=9",
            "t3.r24.commercial=2",
            "t3.r24.other_org=1",
            "t3.r24.total=12",
            "t3.r25.natural=2",
            "t3.r25.total=2",
            "t4.review.upheld=1",
            "t4.review.total=1",
        ]
    );
    let kept: Vec<String> = findings(&r)
        .into_iter()
        .filter(|f| !f.starts_with("IMPORT"))
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
    let notes = &r.import.as_ref().unwrap().notes;
    assert!(notes.iter().any(|n| n.message.contains("数据1…数据6")));
}
