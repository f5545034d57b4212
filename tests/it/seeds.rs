//! The five real published reports in tests/seeds import exactly: every
//! non-zero cell, the blank and not-applicable counts, agency, year and date
//! as the seed shows them, and `check` lists what a careful reader would.

use crate::common;

use nianbao::cell::Cell;
use nianbao::export::text::{Flavor, render};
use nianbao::import::{import_bytes, import_text};
use nianbao::model::Report;
use nianbao::rules::{RuleId, check};
use nianbao::template::all_keys;
use std::path::Path;

fn seed(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/seeds")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    import_bytes(name, &path, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Non-zero, non-blank values of all cells (computed ones included), as `key=value`.
fn nonzero(r: &Report) -> Vec<String> {
    all_keys()
        .iter()
        .map(|&k| (k, r.value(k)))
        .filter(|(_, c)| !matches!(c, Cell::Int(0) | Cell::Blank))
        .filter(|(_, c)| !matches!(c, Cell::Dec(d) if d.units == 0))
        .map(|(k, c)| format!("{k}={}", c.dump()))
        .collect()
}

fn count(r: &Report, pred: impl Fn(&Cell) -> bool) -> usize {
    all_keys()
        .iter()
        .filter_map(|&k| r.input(k))
        .filter(|c| pred(c))
        .count()
}

fn ids(r: &Report) -> Vec<&'static str> {
    check(r, None).iter().map(|f| f.id.as_str()).collect()
}

struct Expect {
    file: &'static str,
    agency: &'static str,
    year: i32,
    date: &'static str,
    nonzero: &'static [&'static str],
    blank: usize,
    findings: &'static [&'static str],
}

const SEEDS: [Expect; 5] = [
    Expect {
        file: "000_35481544e48db0e0.txt",
        agency: "朝阳市司法局",
        year: 2025,
        date: "2026-01-16",
        nonzero: &["t2.penalty=1", "t2.fees=117.33"],
        blank: 0,
        // No title: agency from the signature, year from the statistics period.
        findings: &["IMPORT", "IMPORT"],
    },
    Expect {
        file: "001_18c42a2fed3e449a.txt",
        agency: "东风区司法局",
        year: 2022,
        date: "",
        nonzero: &[],
        blank: 0,
        // No title and no signature: both inferred from the opening sentence.
        findings: &["IMPORT", "IMPORT"],
    },
    Expect {
        file: "002_338cc76458de75fc.txt",
        agency: "卫滨区司法局",
        year: 2025,
        date: "",
        nonzero: &[],
        blank: 0,
        // No 总计 column; 19 rows with five of six values, the sixth inferred from （七）总计.
        findings: &["IMPORT", "IMPORT", "IMPORT"],
    },
    Expect {
        file: "003_b167490a9537da4f.txt",
        agency: "阜新市司法局",
        year: 2023,
        date: "",
        nonzero: &[
            "t2.normative_docs.issued=2",
            "t2.normative_docs.in_force=10",
            "t3.r01.natural=1",
            "t3.r01.total=1",
            "t3.r14.natural=1",
            "t3.r14.total=1",
            "t3.r24.natural=1",
            "t3.r24.total=1",
        ],
        // The four 行政复议 inputs are blank in the seed (and its 总计).
        blank: 4,
        findings: &["B6"],
    },
    Expect {
        file: "004_de13999997d40693.txt",
        agency: "洛龙区司法局",
        year: 2024,
        date: "",
        nonzero: &[
            "t3.r01.natural=4",
            "t3.r01.total=4",
            "t3.r03.natural=2",
            "t3.r03.total=2",
            "t3.r12.natural=1",
            "t3.r12.total=1",
            "t3.r13.natural=1",
            "t3.r13.total=1",
            "t3.r24.natural=4",
            "t3.r24.total=4",
            "t4.review.upheld=1",
            "t4.review.corrected=2",
            "t4.review.total=3",
        ],
        blank: 0,
        // Part 六 is empty in the seed.
        findings: &["S1"],
    },
];

#[test]
fn every_seed_imports_exactly() {
    for e in &SEEDS {
        let r = seed(e.file);
        assert_eq!(r.meta.agency, e.agency, "{}", e.file);
        assert_eq!(r.meta.year, Some(e.year), "{}", e.file);
        assert_eq!(r.meta.date, e.date, "{}", e.file);
        assert_eq!(nonzero(&r), e.nonzero, "{}", e.file);
        assert_eq!(count(&r, |c| *c == Cell::Blank), e.blank, "{}", e.file);
        assert_eq!(count(&r, |c| *c == Cell::Na), 0, "{}", e.file);
        assert_eq!(
            count(&r, |c| matches!(c, Cell::Invalid(_))),
            0,
            "{}",
            e.file
        );
        assert_eq!(ids(&r), e.findings, "{}: {:#?}", e.file, check(&r, None));
    }
}

#[test]
fn seed_003_flags_the_blank_review_cells() {
    let r = seed("003_b167490a9537da4f.txt");
    let f = check(&r, None);
    let b6 = f.iter().find(|f| f.id == RuleId::B6).unwrap();
    assert_eq!(
        b6.cells,
        [
            "t4.review.upheld",
            "t4.review.corrected",
            "t4.review.other",
            "t4.review.pending",
            "t4.review.total"
        ]
    );
}

#[test]
fn seed_002_says_what_it_inferred() {
    let r = seed("002_338cc76458de75fc.txt");
    let notes: Vec<String> = check(&r, None).into_iter().map(|f| f.message).collect();
    assert!(
        notes.iter().any(|m| m.contains("没有“总计”列")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|m| m.contains("19 格按公布的（七）总计 0 推算为 0")),
        "{notes:?}"
    );
}

#[test]
fn seed_parts_are_read() {
    let r = seed("004_de13999997d40693.txt");
    let titles: Vec<&str> = r.part1.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "主动公开",
            "依申请公开",
            "政府信息管理",
            "政府信息公开平台建设",
            "监督保障"
        ]
    );
    assert!(r.part1.intro.text.starts_with("2024 年，洛龙区司法局"));
    assert!(
        r.part5
            .text
            .starts_with("区司法局在政务公开工作中有了较大改善")
    );
    assert!(r.part6.is_empty());
    let r = seed("000_35481544e48db0e0.txt");
    assert!(
        r.preamble
            .text
            .contains("统计期限为2025年1月1日至2025年12月31日")
    );
    assert!(r.part6.text.text_ends_with("收取信息处理费0元。"));
    let r = seed("001_18c42a2fed3e449a.txt");
    assert!(r.part5.text.contains("政务公开途径还有局限性"));
    assert!(r.part6.text.text.ends_with("编辑:"));
}

trait EndsWith {
    fn text_ends_with(&self, s: &str) -> bool;
}
impl EndsWith for nianbao::model::Narrative {
    fn text_ends_with(&self, s: &str) -> bool {
        self.text.ends_with(s)
    }
}

#[test]
fn seeds_round_trip_through_text_and_markdown() {
    for e in &SEEDS {
        let r = seed(e.file);
        for flavor in [Flavor::Plain, Flavor::Markdown] {
            let text = render(&r, flavor);
            let back =
                import_text("roundtrip", &text).unwrap_or_else(|err| panic!("{}: {err}", e.file));
            assert_eq!(
                common::essence(&back),
                common::essence(&r),
                "{} {:?}",
                e.file,
                flavor
            );
        }
    }
}
