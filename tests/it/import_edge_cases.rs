//! Edge cases found in review: each was a silent mistake before.

use crate::common;

use nianbao::cell::Cell;
use nianbao::export::text::{Flavor, render};
use nianbao::import::import_text;
use nianbao::rules::check;
use std::path::Path;

fn clean_text() -> String {
    render(&common::clean_report(), Flavor::Plain)
}

#[test]
fn a_text_cell_in_table_four_stays_in_its_place() {
    let text = clean_text().replace(
        "| 2 | 1 | 0 | 1 | 4 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |",
        "| 2 | 1 | 0 | 1 | 4 | 1 | 0 | 0 | 1 | 2 | 无 | 0 | 0 | 0 | 0 |",
    );
    let r = import_text("t4.txt", &text).unwrap();
    assert_eq!(r.t4[0], [2, 1, 0, 1].map(Cell::Int));
    assert_eq!(r.t4[1], [1, 0, 0, 1].map(Cell::Int));
    assert_eq!(r.t4[2][0], Cell::Invalid("无".into()));
    assert!(
        check(&r, None)
            .iter()
            .any(|f| f.id.as_str() == "B4" && f.cells == ["t4.suit_after_review.upheld"])
    );
}

#[test]
fn agency_names_ending_in_guan_keep_it() {
    let text = clean_text().replace("平安县市场监督管理局2025年", "上海海关2025年");
    let r = import_text("t.txt", &text).unwrap();
    assert_eq!(r.meta.agency, "上海海关");
}

#[test]
fn full_width_years_in_titles() {
    let text = clean_text().replace(
        "平安县市场监督管理局2025年政府",
        "平安县市场监督管理局２０２５年政府",
    );
    let r = import_text("t.txt", &text).unwrap();
    assert_eq!(
        (r.meta.agency.as_str(), r.meta.year),
        ("平安县市场监督管理局", Some(2025))
    );
}

#[test]
fn a_reworded_label_with_a_different_comma_still_matches() {
    let text = clean_text().replace("逾期不补正、行政机关", "逾期不补正，行政机关");
    let r = import_text("t.txt", &text).unwrap();
    assert_eq!(r.meta.format, nianbao::model::FormatVersion::F2021);
    assert_eq!(r.t3.0[20][0], Cell::Int(1));
    assert!(check(&r, None).is_empty(), "{:#?}", check(&r, None));
}

#[test]
fn a_sentence_inside_a_table_is_noted_not_dropped_silently() {
    let text = clean_text().replace(
        "| 二、上年结转政府信息公开申请数量 |",
        "| 本机关全年共受理申请38件，均已办结。 |\n| 二、上年结转政府信息公开申请数量 |",
    );
    let r = import_text("t.txt", &text).unwrap();
    let notes: Vec<String> = check(&r, None).into_iter().map(|f| f.message).collect();
    assert!(
        notes
            .iter()
            .any(|m| m.contains("本机关全年共受理申请38件") && m.contains("未导入")),
        "{notes:#?}"
    );
}

#[test]
fn project_files_with_impossible_decimals_are_refused() {
    let text =
        nianbao::project::to_ron(&common::clean_report()).replacen("scale: 1", "scale: 64", 1);
    let e = nianbao::project::from_ron(&text, Path::new("x.ron")).unwrap_err();
    assert!(
        e.to_string().contains("t2.fees") && e.to_string().contains("4 位"),
        "{e}"
    );
}

#[test]
fn summing_2019_reports_keeps_their_other_row() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reports/baisha_2020_format2019.md");
    let mut a = nianbao::open::open_report(&path).unwrap();
    a.t3_2019_other = Some([1, 0, 0, 0, 0, 0].map(Cell::Int));
    a.t3.0[0][0] = Cell::Int(6);
    let inputs = vec![("a".to_string(), a.clone()), ("b".to_string(), a)];
    let total = nianbao::merge::merge("白沙县人民政府", &inputs).unwrap();
    assert_eq!(total.meta.format, nianbao::model::FormatVersion::F2019);
    assert_eq!(total.t3_2019_other.as_ref().unwrap()[0], Cell::Int(2));
    assert!(
        check(&total, None).iter().all(|f| f.id.as_str() != "B3"),
        "{:#?}",
        check(&total, None)
    );
}

#[test]
fn html_nested_many_thousands_deep_does_not_overflow_the_stack() {
    let mut html = String::from("<html><body><p>某局2025年政府信息公开工作年度报告</p>");
    html.push_str(&"<span>".repeat(20_000));
    html.push_str("一、总体情况");
    html.push_str(&"</span>".repeat(20_000));
    html.push_str("</body></html>");
    let r = nianbao::import::import_bytes("deep.html", Path::new("deep.html"), html.as_bytes());
    // Read or refused with a message; the point is that it returns.
    if let Ok(r) = r {
        assert_eq!(r.meta.year, Some(2025));
    }
}
