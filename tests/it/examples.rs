//! `saved_examples/` are the reports of tests/common, saved by this build.
//! Run with UPDATE_EXAMPLES=1 to rewrite them after a deliberate change.

use crate::common;

use nianbao::project;
use nianbao::rules::{RuleId, Severity, check};
use std::path::Path;

fn compare_or_update(name: &str, report: &nianbao::model::Report) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_examples")
        .join(name);
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        project::save(report, &path).unwrap();
    }
    let saved = project::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        &saved, report,
        "{name} is out of date; run with UPDATE_EXAMPLES=1"
    );
}

#[test]
fn clean_example_passes_every_rule() {
    let r = common::clean_report();
    let findings = check(&r, None);
    assert!(findings.is_empty(), "{findings:#?}");
    compare_or_update("clean.ron", &r);
}

#[test]
fn violations_example_has_exactly_three_findings() {
    let r = common::violations_report();
    let findings = check(&r, None);
    let ids: Vec<RuleId> = findings.iter().map(|f| f.id).collect();
    assert_eq!(
        ids,
        vec![RuleId::B3, RuleId::W1, RuleId::S1],
        "{findings:#?}"
    );
    assert_eq!(findings[0].severity, Severity::Error);
    assert!(
        findings[0]
            .message
            .contains("本年新收 28 + 上年结转 2 = 30"),
        "{}",
        findings[0].message
    );
    compare_or_update("violations.ron", &r);
}

/// The five seeds as imported by this build, kept in saved_examples/ (checked
/// cell by cell against the seed text by tests/seeds.rs).
#[test]
fn imported_seeds_are_saved() {
    let seeds = common::seed_paths();
    assert_eq!(seeds.len(), 5);
    for p in seeds {
        let r = nianbao::open::open_report(&p).unwrap();
        let name = format!("seed_{}.ron", p.file_stem().unwrap().to_string_lossy());
        compare_or_update(&name, &r);
    }
}
