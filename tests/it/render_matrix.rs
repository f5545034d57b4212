//! The render matrix: the saved examples and the seeds, exported by nianbao
//! and passed through the real tools that published reports pass through
//! (LibreOffice, poppler's pdftotext, pdfplumber, pymupdf4llm, w3m, lynx,
//! pandoc, a crawler, a browser's select-all-copy), committed under tests/render/out by tests/render/regen.sh.
//!
//! Every rendering must import to the same cells as its source — or, where a
//! tool really loses something, the importer must say exactly that: every
//! cell that differs is named by an IMPORT error, and no balance finding
//! appears that the source does not have (a reading error is never the
//! publisher's). The matrix of exact renderings is printed, and each
//! renderer must keep at least the count measured when this test was written.

use nianbao::cli::dump;
use nianbao::import::import_file;
use nianbao::project::load;
use nianbao::rules::{RuleId, Severity, check};
use nianbao::template::CellKey;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Renderer → files read exactly (of 7), as measured; a regression fails.
const AT_LEAST: [(&str, usize); 17] = [
    ("lo.pdf", 6),
    ("lo-html.html", 7),
    ("lo-txt.txt", 6),
    ("pdftotext-layout.txt", 6),
    ("pdftotext-raw.txt", 2),
    ("pdfplumber.txt", 6),
    ("w3m.txt", 6),
    ("lynx.txt", 6),
    ("pandoc-gfm.md", 7),
    ("pandoc-strict.md", 7),
    ("pandoc-plain.txt", 6),
    ("crawler.txt", 4),
    ("crawler-space.txt", 6),
    ("browser.txt", 7),
    ("lo-browser.txt", 7),
    ("lo.odt", 7),
    ("pymupdf4llm.md", 7),
];

/// The input cells of a dump (totals are derived from them).
fn cells(dump: &str) -> BTreeMap<String, String> {
    dump.lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| CellKey::parse(k).is_some_and(|k| !k.is_computed()))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn balance(r: &nianbao::model::Report) -> BTreeSet<String> {
    check(r, None)
        .into_iter()
        .filter(|f| matches!(f.id, RuleId::B1 | RuleId::B2 | RuleId::B3 | RuleId::B5))
        .map(|f| format!("{} {}", f.id.as_str(), f.cell_names(",")))
        .collect()
}

#[test]
fn every_rendering_reads_back_or_says_what_was_lost() {
    let files = crate::common::files_in("render/out");
    assert!(files.len() >= 119, "the committed renderings are missing");
    let mut exact: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (source, renderer) = name.split_once('.').unwrap();
        let src = load(&Path::new("saved_examples").join(format!("{source}.ron"))).unwrap();
        let want = cells(&dump(&src));
        let r = match import_file(path) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{name}: not read: {e}"));
                continue;
            }
        };
        let got = cells(&dump(&r));
        let findings = check(&r, None);
        let named: BTreeSet<String> = findings
            .iter()
            .filter(|f| f.id == RuleId::Import && f.severity == Severity::Error)
            .flat_map(|f| f.cells.iter().map(ToString::to_string))
            .collect();
        let differing: Vec<&String> = want
            .keys()
            .filter(|k| want.get(*k) != got.get(*k))
            .collect();
        let silent: Vec<String> = differing
            .iter()
            .filter(|k| !named.contains(k.as_str()))
            .map(|k| format!("{k}: {} read as {}", want[*k], got[*k]))
            .collect();
        if !silent.is_empty() {
            problems.push(format!("{name}: silently wrong: {silent:?}"));
        }
        let blamed: Vec<String> = balance(&r).difference(&balance(&src)).cloned().collect();
        if !blamed.is_empty() {
            problems.push(format!(
                "{name}: balance findings the source has not: {blamed:?}"
            ));
        }
        if differing.is_empty() {
            *exact.entry(renderer.to_string()).or_default() += 1;
        }
    }
    eprintln!("renderer               exact/7");
    for (renderer, min) in AT_LEAST {
        let n = exact.get(renderer).copied().unwrap_or(0);
        eprintln!("{renderer:<22} {n}/7");
        if n < min {
            problems.push(format!("{renderer}: {n} exact, was {min}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
