//! The shapes real published reports come in that the issue "Read real
//! published reports as they really come" lists, each written small: rows as
//! `label：numbers`, 表四 as `维持10 纠正1 …`, an HTML label spanning two
//! columns over an empty 总计, odd cells (`-5`, `3/5`), unlabelled rows, a
//! file with no readable table, headings in the middle of a line, and PDFs
//! that cannot be read.

use crate::common;

use nianbao::cell::Cell;
use nianbao::export::text::{Flavor, render};
use nianbao::import::{ImportError, PdfError, import_bytes, import_text};
use nianbao::model::FormatVersion;
use nianbao::rules::{RuleId, Severity, check};
use std::path::Path;

fn ids(r: &nianbao::model::Report) -> Vec<String> {
    check(r, None)
        .into_iter()
        .filter(|f| f.severity != Severity::Note)
        .map(|f| {
            format!(
                "{} {}",
                f.id.as_str(),
                f.cells.first().map(ToString::to_string).unwrap_or_default()
            )
        })
        .collect()
}

/// The clean report's text with 表三 and 表四 replaced by `t3` and `t4`.
fn with_tables(t3: &str, t4: &str) -> String {
    let text = render(&common::clean_report(), Flavor::Plain);
    let a = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    let b = text.find("四、政府信息公开行政复议、行政诉讼情况").unwrap();
    let c = text.find("五、存在的主要问题及改进情况").unwrap();
    assert!(a < b && b < c);
    format!(
        "{}三、收到和处理政府信息公开申请情况\n{t3}\n四、政府信息公开行政复议、行政诉讼情况\n{t4}\n{}",
        &text[..a],
        &text[c..]
    )
}

/// 表三 of the clean report, one `label：numbers` line per row.
fn colon_rows() -> String {
    let r = common::clean_report();
    let t = nianbao::compute::Totals::of(&r);
    nianbao::template::T3_ROWS
        .iter()
        .enumerate()
        .map(|(row, def)| {
            let v: Vec<String> = t.t3[row].iter().map(|n| n.to_string()).collect();
            format!("{}：{}", def.label, v.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn rows_written_label_colon_numbers_and_table_four_in_words() {
    let t4 = "行政复议：维持2 纠正1 其他0 尚未审结1 总计4\n行政诉讼（未经复议直接起诉）：维持1 纠正0 其他0 尚未审结1 总计2\n复议后起诉：维持0 纠正0 其他0 尚未审结0 总计0";
    let text = with_tables(&colon_rows(), t4);
    let r = import_text("colon.txt", &text).unwrap();
    let clean = common::clean_report();
    assert_eq!(r.t3, clean.t3);
    assert_eq!(r.t4, clean.t4);
    assert!(ids(&r).iter().all(|f| !f.starts_with('B')), "{:?}", ids(&r));
}

#[test]
fn html_label_over_two_columns_with_an_empty_total_stays_in_place() {
    let row = |label: &str, vals: &str| {
        format!(r#"<tr><td colspan="2">{label}</td>{vals}<td>&nbsp;</td></tr>"#)
    };
    let zeros = "<td>0</td>".repeat(6);
    let mut rows = String::new();
    for def in &nianbao::template::T3_ROWS {
        rows.push_str(&row(def.label, &zeros));
    }
    rows = rows.replacen(
        &row("一、本年新收政府信息公开申请数量", &zeros),
        &row(
            "一、本年新收政府信息公开申请数量",
            "<td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>",
        ),
        1,
    );
    let html = format!(
        "<html><body><p>某县司法局2025年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p><p>三、收到和处理政府信息公开申请情况</p><table><tr><td colspan=2></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>{rows}</table><p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>"
    );
    let r = import_bytes("t.html", Path::new("t.html"), html.as_bytes()).unwrap();
    assert_eq!(r.t3.0[0][0], Cell::Int(3), "read one column to the right");
    assert_eq!(r.t3.0[0][1], Cell::Int(0));
    // The printed-empty 总计 stays empty: no published total to compare.
    assert!(
        r.published
            .get("t3.r01.total")
            .is_none_or(|c| *c == Cell::Blank)
    );
}

#[test]
fn odd_cells_are_kept_as_printed_and_flagged() {
    let text = render(&common::clean_report(), Flavor::Plain)
        .replacen(
            "| 一、本年新收政府信息公开申请数量 |  |  | 28 |",
            "| 一、本年新收政府信息公开申请数量 |  |  | -5 |",
            1,
        )
        .replacen(
            "| 二、上年结转政府信息公开申请数量 |  |  | 2 |",
            "| 二、上年结转政府信息公开申请数量 |  |  | 3/5 |",
            1,
        );
    let r = import_text("odd.txt", &text).unwrap();
    assert_eq!(r.t3.0[0][0], Cell::Int(-5));
    assert_eq!(r.t3.0[1][0], Cell::Invalid("3/5".into()));
    let f = ids(&r);
    assert!(f.contains(&"B4 t3.r01.natural".to_string()), "{f:?}");
    assert!(f.contains(&"B4 t3.r02.natural".to_string()), "{f:?}");
}

#[test]
fn an_unlabelled_row_is_placed_in_order_and_said_so() {
    let text = render(&common::clean_report(), Flavor::Plain).replacen(
        "| 二、上年结转政府信息公开申请数量 |",
        "| |",
        1,
    );
    let r = import_text("nolabel.txt", &text).unwrap();
    assert_eq!(r.t3.0[1], common::clean_report().t3.0[1]);
    assert!(
        check(&r, None)
            .iter()
            .any(|f| f.message.contains("按模板的行序填入") && f.message.contains("二、上年结转")),
    );
}

#[test]
fn a_report_whose_tables_cannot_be_read_is_an_error_not_a_pass() {
    let text = "某县司法局2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n（见附件）\n三、收到和处理政府信息公开申请情况\n（见附件）\n四、政府信息公开行政复议、行政诉讼情况\n（见附件）\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";
    let r = import_text("none.txt", text).unwrap();
    let f = check(&r, None);
    let errors: Vec<_> = f
        .iter()
        .filter(|f| f.id == RuleId::Import && f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 3, "{f:#?}");
    assert!(errors.iter().any(|f| f.message.contains("未找到表三")));
    // Nothing is blamed on the publisher, and the unread cells are no B6 blanks.
    assert!(f.iter().all(|f| !matches!(
        f.id,
        RuleId::B1 | RuleId::B2 | RuleId::B3 | RuleId::B5 | RuleId::B6
    )));
}

#[test]
fn reading_errors_never_become_the_publishers_balance_errors() {
    // A row's numbers lost (the PDF text broke it off): the row is unread,
    // and B2/B3 over that column are not reported.
    let text = render(&common::clean_report(), Flavor::Plain).replacen(
        "| （一）予以公开 |  | 12 | 3 | 0 | 1 | 1 | 0 | 17 |",
        "| （一）予以公开 |  | 12 | 3 | 0 |",
        1,
    );
    let r = import_text("short.txt", &text).unwrap();
    let f = ids(&r);
    assert!(f.iter().any(|f| f.starts_with("IMPORT t3.r03")), "{f:?}");
    assert!(
        f.iter()
            .all(|f| !f.starts_with("B2") && !f.starts_with("B3")),
        "{f:?}"
    );
    // Filling the cells in makes the error go, and the balance is checked again.
    let mut r = r;
    r.t3.0[2] = common::clean_report().t3.0[2].clone();
    assert!(
        ids(&r).iter().all(|f| !f.starts_with("IMPORT")),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn headings_inside_a_line_are_named_in_the_refusal() {
    let e = import_text("x.txt", "页面 一、总体情况 某某 二、主动公开政府信息情况 …").unwrap_err();
    assert!(
        matches!(&e, ImportError::NotAReport(m) if m.contains("不在单独的行首")),
        "{e:?}"
    );
    let e = import_text("x.txt", "hello world").unwrap_err();
    assert!(
        matches!(&e, ImportError::NotAReport(m) if m.contains("没有可读的中文文字")),
        "{e:?}"
    );
}

#[test]
fn the_title_over_two_lines_and_never_the_compiler() {
    let text = render(&common::clean_report(), Flavor::Plain).replacen(
        "平安县市场监督管理局2025年政府信息公开工作年度报告",
        "平安县市场监督管理局\n2025 年政府信息公开工作年度报告\n本报告由平安县人民政府办公室编制。",
        1,
    );
    let r = import_text("t.txt", &text).unwrap();
    assert_eq!(r.meta.agency, "平安县市场监督管理局");
    assert_eq!(r.meta.year, Some(2025));
}

#[test]
fn one_row_other_processing_keeps_the_2021_format() {
    let clean = common::clean_report();
    let sum: Vec<i64> = (0..6)
        .map(|c| (20..23).map(|r| clean.t3.0[r][c].int_value()).sum())
        .collect();
    let cells: Vec<String> = sum.iter().map(|v| v.to_string()).collect();
    let single = format!(
        "|  | （六）其他处理 |  | {} | {} |",
        cells.join(" | "),
        sum.iter().sum::<i64>()
    );
    let text: Vec<String> = render(&clean, Flavor::Plain)
        .lines()
        .filter(|l| {
            !l.contains("申请人无正当理由")
                && !l.contains("申请人逾期未按")
                && !l.contains("| 3.其他 |")
        })
        .map(|l| {
            if l.contains("（七）总计") {
                format!("{single}\n{l}")
            } else {
                l.to_string()
            }
        })
        .collect();
    let r = import_text("six.txt", &text.join("\n")).unwrap();
    assert_eq!(r.meta.format, FormatVersion::F2021);
    assert_eq!(
        r.t3_2019_other
            .as_ref()
            .map(|o| o.iter().map(Cell::int_value).collect::<Vec<_>>()),
        Some(sum)
    );
    assert!(r.t3.0[20..23].iter().flatten().all(|c| *c == Cell::Blank));
    // No B6 for the three sub-rows that were never printed; the balance holds.
    let f = ids(&r);
    assert!(f.iter().all(|f| !f.starts_with("B")), "{f:?}");
}

#[test]
fn pdfs_that_cannot_be_read_say_why() {
    let path = Path::new("x.pdf");
    let e = import_bytes("x.pdf", path, b"%PDF-1.7\n%%EOF\n").unwrap_err();
    assert!(matches!(e, ImportError::Pdf(_)), "{e:?}");
    assert!(e.to_string().contains("PDF"), "{e}");
    let e = import_bytes("x.pdf", path, b"not a pdf at all").unwrap_err();
    assert!(matches!(e, ImportError::Pdf(_)), "{e:?}");
    // The real PDF cut short (an interrupted download).
    let real = std::fs::read("tests/real/hongze2023.pdf").unwrap();
    let e = import_bytes("x.pdf", path, &real[..real.len() / 2]).unwrap_err();
    assert!(matches!(e, ImportError::Pdf(PdfError::Broken(_))), "{e:?}");
    let m = e.to_string();
    assert!(m.contains("不完整") || m.contains("损坏"), "{m}");
}
