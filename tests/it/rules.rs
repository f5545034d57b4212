//! Every rule fires on a report built to break it, and stays quiet on the
//! clean example; plus a property test that computed totals always satisfy
//! B1, B2 and B5.

use crate::common;

use nianbao::cell::{Cell, Decimal};
use nianbao::model::{ImportInfo, Narrative, Report};
use nianbao::rules::{Finding, RuleId, Severity, check};
use nianbao::template::*;
use proptest::prelude::*;

fn fired(r: &Report, id: RuleId) -> Vec<Finding> {
    check(r, None).into_iter().filter(|f| f.id == id).collect()
}

fn clean() -> Report {
    common::clean_report()
}

#[test]
fn clean_report_fires_nothing() {
    assert!(check(&clean(), None).is_empty());
}

#[test]
fn b1_published_row_total_disagrees() {
    let mut r = clean();
    assert!(fired(&r, RuleId::B1).is_empty());
    r.published.insert("t3.r01.total".into(), Cell::Int(40));
    let f = fired(&r, RuleId::B1);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message
            .contains("总计公布为 40，但六类申请人之和为 28+6+0+1+2+1 = 38"),
        "{}",
        f[0].message
    );
    // A published total that agrees is fine.
    r.published.insert("t3.r01.total".into(), Cell::Int(38));
    assert!(fired(&r, RuleId::B1).is_empty());
}

#[test]
fn b2_published_outcome_total_disagrees() {
    let mut r = clean();
    r.published.insert("t3.r24.natural".into(), Cell::Int(27));
    assert!(fired(&r, RuleId::B2).is_empty());
    r.published.insert("t3.r24.natural".into(), Cell::Int(30));
    let f = fired(&r, RuleId::B2);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cells, ["t3.r24.natural"]);
    assert!(f[0].message.contains("公布为 30") && f[0].message.contains("之和为 27"));
}

#[test]
fn b3_balance_per_column() {
    let mut r = clean();
    assert!(fired(&r, RuleId::B3).is_empty());
    r.t3.0[R25][1] = Cell::Int(3);
    let f = fired(&r, RuleId::B3);
    assert_eq!(
        f.len(),
        1,
        "one finding for the column, none for 总计: {f:#?}"
    );
    assert_eq!(
        f[0].cells,
        [
            "t3.r01.commercial",
            "t3.r02.commercial",
            "t3.r24.commercial",
            "t3.r25.commercial"
        ]
    );
    assert!(f[0].message.contains(
        "表三“商业企业”列：本年新收 6 + 上年结转 1 = 7，但办理结果总计 6 + 结转下年度 3 = 9"
    ));
    // Two columns off in opposite directions: the 总计 column balances, both columns are reported.
    r.t3.0[R25][1] = Cell::Int(0);
    r.t3.0[R25][0] = Cell::Int(4);
    assert_eq!(fired(&r, RuleId::B3).len(), 2);
}

#[test]
fn b4_invalid_negative_and_fractional_values() {
    let mut r = clean();
    assert!(fired(&r, RuleId::B4).is_empty());
    r.t3.0[5][0] = Cell::Invalid("约3".into());
    r.t4[0][0] = Cell::Int(-1);
    r.t2[0] = Cell::Dec(Decimal::parse("1.5").unwrap());
    r.t2[T2_FEES] = Cell::Invalid("十二万".into());
    r.part6.fees.collected_yuan = Cell::Invalid("免".into());
    let f = fired(&r, RuleId::B4);
    let cells: Vec<String> = f.iter().map(|f| f.cells[0].to_string()).collect();
    assert_eq!(
        cells,
        [
            "t2.regulations.issued",
            "t2.fees",
            "t3.r06.natural",
            "t4.review.upheld",
            "p6.fees.collected_yuan"
        ]
    );
    assert!(f[2].message.contains("“约3”不是数字"));
    assert!(f[3].message.contains("-1 是负数"));
    assert!(f[0].message.contains("1.5 不是整数"));
}

#[test]
fn b5_published_t4_total_disagrees() {
    let mut r = clean();
    r.published.insert("t4.review.total".into(), Cell::Int(4));
    assert!(fired(&r, RuleId::B5).is_empty());
    r.published
        .insert("t4.suit_direct.total".into(), Cell::Int(3));
    let f = fired(&r, RuleId::B5);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("表四“行政诉讼·未经复议直接起诉”：总计公布为 3")
            && f[0].message.contains("1+0+0+1 = 2")
    );
}

#[test]
fn b6_only_for_imported_reports() {
    let mut r = clean();
    r.t3.0[R01][3] = Cell::Blank;
    r.t3.0[R01][4] = Cell::Na;
    assert!(
        fired(&r, RuleId::B6).is_empty(),
        "a report being typed is not flagged for blanks"
    );
    r.import = Some(ImportInfo::default());
    let f = fired(&r, RuleId::B6);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].cells,
        ["t3.r01.public_interest", "t3.r01.legal_service"]
    );
    assert_eq!(f[0].severity, Severity::Warning);
}

#[test]
fn w1_carry_over_against_last_year() {
    let mut r = clean();
    assert!(fired(&r, RuleId::W1).is_empty());
    r.t3.0[R02][0] = Cell::Int(5);
    let f = fired(&r, RuleId::W1);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("上年结转政府信息公开申请数量为 5，但2024年报告的四、结转下年度继续办理为 2")
    );
    // Without a baseline there is nothing to compare with.
    r.baseline = None;
    assert!(fired(&r, RuleId::W1).is_empty());
    // `--last FILE` gives the baseline too.
    let mut last = clean();
    last.t3.0[R25][0] = Cell::Int(5);
    assert!(check(&r, Some(&last)).iter().all(|f| f.id != RuleId::W1));
}

#[test]
fn w2_stock_and_flow() {
    let mut r = clean();
    assert!(fired(&r, RuleId::W2).is_empty());
    r.t2[5] = Cell::Int(13);
    let f = fired(&r, RuleId::W2);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("现行有效件数为 13，但上年现行有效 10 + 本年制发 3 − 本年废止 1 = 12")
    );
}

#[test]
fn w3_fee_notices() {
    let mut r = clean();
    assert!(fired(&r, RuleId::W3).is_empty());
    r.part6.fees.notices = Cell::Blank;
    assert_eq!(
        fired(&r, RuleId::W3).len(),
        1,
        "r22 = 1 but no notices reported"
    );
    r.part6.fees.notices = Cell::Int(2);
    r.part6.fees.collected_yuan = Cell::Int(500);
    let f = fired(&r, RuleId::W3);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("实际收取 500 元，多于收费通知总金额 300 元")
    );
}

#[test]
fn w4_narrative_numbers_match_tables() {
    let mut r = clean();
    assert!(fired(&r, RuleId::W4).is_empty());
    r.part1.sections[1].body =
        Narrative::new("全年共收到政府信息公开申请40件，结转下年度继续办理4件。");
    let f = fired(&r, RuleId::W4);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].cells, ["t3.r01.total"]);
    assert!(
        f[0].message
            .contains("但表三“一、本年新收政府信息公开申请数量”总计为 38")
    );
    r.part1.sections[4].body = Narrative::new("被申请行政复议3件。");
    assert_eq!(fired(&r, RuleId::W4).len(), 2);
}

#[test]
fn w5_fee_in_yuan() {
    let mut r = clean();
    assert!(fired(&r, RuleId::W5).is_empty());
    r.t2[T2_FEES] = Cell::Int(125000);
    assert_eq!(fired(&r, RuleId::W5).len(), 1);
    r.t2[T2_FEES] = Cell::Dec(Decimal::parse("12.5").unwrap());
    r.import = Some(ImportInfo {
        fee_unit_yuan: true,
        ..ImportInfo::default()
    });
    assert_eq!(fired(&r, RuleId::W5).len(), 1);
}

#[test]
fn s1_required_parts() {
    let mut r = clean();
    assert!(fired(&r, RuleId::S1).is_empty());
    r.part5 = Narrative::new("无");
    r.part6 = Default::default();
    r.part1 = nianbao::model::Part1::canonical();
    let f = fired(&r, RuleId::S1);
    let cells: Vec<String> = f.iter().map(|f| f.cells[0].to_string()).collect();
    assert_eq!(cells, ["part1", "part5", "part6"]);
    // "无。" is acceptable content for 六.
    r.part6.text = Narrative::new("无。");
    assert_eq!(fired(&r, RuleId::S1).len(), 2);
}

#[test]
fn s2_year_consistency() {
    let mut r = clean();
    assert!(fired(&r, RuleId::S2).is_empty());
    r.preamble = Narrative::new("本报告中所列数据统计期限为2024年1月1日至2024年12月31日。");
    r.meta.date = "2028-01-10".into();
    let f = fired(&r, RuleId::S2);
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(
        f[0].message
            .contains("统计期限写的是 2024 年，但报告年度是 2025 年")
    );
    r.meta.date = "2026-13-01".into();
    assert!(
        fired(&r, RuleId::S2)
            .iter()
            .any(|f| f.message.contains("不是有效日期"))
    );
    // A date as clerks write it is a date.
    r.preamble = Narrative::new("");
    for typed in [
        "2026年1月20日",
        "2026 年 1 月 20 日",
        "二〇二六年一月二十日",
        "2026.1.20",
    ] {
        r.meta.date = typed.into();
        assert!(fired(&r, RuleId::S2).is_empty(), "{typed}");
        assert_eq!(nianbao::export::chinese_date(typed), "2026年1月20日");
    }
    r.meta.date = "2028年1月10日".into();
    assert!(
        fired(&r, RuleId::S2)
            .iter()
            .any(|f| f.message.contains("与报告年度 2025 年不符"))
    );
}

#[test]
fn s3_carried_over_narrative() {
    let (mut next, _) = nianbao::rollover::rollover(&clean());
    let f = fired(&next, RuleId::S3);
    // Intro, five sections, 五 and 六 were carried over; the preamble was updated instead.
    assert_eq!(f.len(), 8, "{f:#?}");
    // A year changed, a sentence added: still last year's text.
    next.part5.text = next.part5.text.replace("2025", "2026") + "2026年新增改进措施。";
    let f5 = fired(&next, RuleId::S3);
    assert_eq!(f5.len(), f.len(), "{f5:#?}");
    assert!(
        f5.iter()
            .any(|f| f.message.contains("% 仍是上年报告的原文")),
        "{f5:#?}"
    );
    // Rewritten: no longer flagged.
    next.part5.text = "本年度针对群众反映的问题，逐项制定了整改清单，明确责任科室和完成时限，\
        并在门户网站开设专栏公布整改进展，接受社会监督。"
        .into();
    assert_eq!(fired(&next, RuleId::S3).len(), f.len() - 1);
}

#[test]
fn import_notes_are_notes() {
    let mut r = clean();
    r.import = Some(ImportInfo::default());
    r.import
        .as_mut()
        .unwrap()
        .notes
        .push(nianbao::model::ImportNote {
            line: Some(7),
            message: "测试".into(),
            cells: vec![],
            ..Default::default()
        });
    let f = fired(&r, RuleId::Import);
    assert_eq!(f[0].severity, Severity::Note);
    assert_eq!(f[0].message, "第7行：测试");
}

fn arb_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        4 => (0i64..5000).prop_map(Cell::Int),
        1 => Just(Cell::Blank),
        1 => Just(Cell::Na),
        1 => "[a-z约]{1,3}".prop_map(Cell::Invalid),
        1 => (-50i64..0).prop_map(Cell::Int),
    ]
}

proptest! {
    /// Any report whose published totals are the computed ones passes B1, B2 and B5.
    #[test]
    fn computed_totals_always_pass_b1_b2_b5(
        t3 in proptest::collection::vec(proptest::array::uniform6(arb_cell()), 25),
        t4 in proptest::array::uniform3(proptest::array::uniform4(arb_cell())),
    ) {
        let mut r = Report::default();
        for (i, row) in t3.into_iter().enumerate() {
            if i != R24 { r.t3.0[i] = row; }
        }
        r.t4 = t4;
        let totals = nianbao::compute::Totals::of(&r);
        for &k in all_keys() {
            if k.is_computed() {
                r.published.insert(k.to_string(), Cell::Int(totals.get(k).unwrap()));
            }
        }
        let bad: Vec<Finding> = check(&r, None).into_iter().filter(|f| matches!(f.id, RuleId::B1 | RuleId::B2 | RuleId::B5)).collect();
        prop_assert!(bad.is_empty(), "{:?}", bad);
    }
}
