//! The command line as users and scripts run it (CONTRACT.md §4).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("run nianbao")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn p(rel: &str) -> String {
    root().join(rel).display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_prints_exactly_the_three_deliberate_findings() {
    let o = nianbao(&["check", &p("saved_examples/violations.ron")]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].contains(": B3 error: 表三“自然人”列：本年新收 28 + 上年结转 2 = 30，但办理结果总计 26 + 结转下年度 3 = 29"));
    assert!(lines[1].contains(": W1 warning: "));
    assert!(lines[2].contains(": S1 warning: "));
    let o = nianbao(&["check", &p("saved_examples/clean.ron")]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "");
}

#[test]
fn check_json_has_the_contract_fields() {
    let o = nianbao(&["check", "--json", &p("saved_examples/violations.ron")]);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "B3");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["cells"][0], "t3.r01.natural");
    assert!(first["file"].as_str().unwrap().ends_with("violations.ron"));
    assert!(first["message"].as_str().unwrap().contains("自然人"));
}

#[test]
fn unreadable_files_exit_2_with_one_clear_line() {
    let o = nianbao(&["check", "/nonexistent/r.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/nonexistent/r.ron") && err.contains("不存在"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    let o = nianbao(&["dump", "/nonexistent/r.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn dump_prints_204_lines_in_contract_order() {
    let o = nianbao(&["dump", &p("saved_examples/clean.ron")]);
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<&str> = std::str::from_utf8(&o.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 204);
    assert_eq!(lines[0], "meta.agency=平安县市场监督管理局");
    assert_eq!(lines[3], "meta.date=2026-01-20");
    assert_eq!(lines[4], "t2.regulations.issued=0");
    assert_eq!(lines[13], "t2.fees=12.5");
    assert_eq!(lines[14], "t3.r01.natural=28");
    assert_eq!(lines[20], "t3.r01.total=38");
    assert_eq!(lines[188], "t3.r25.total=4");
    assert_eq!(lines[189], "t4.review.upheld=2");
    assert_eq!(lines[203], "t4.suit_after_review.total=0");
}

#[test]
fn convert_writes_every_format_and_never_a_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["ron", "txt", "md", "html", "docx", "pdf"] {
        let out = dir.path().join(format!("r.{ext}"));
        let o = nianbao(&[
            "convert",
            &p("tests/seeds/004_de13999997d40693.txt"),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{ext}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(out.metadata().unwrap().len() > 1000);
    }
    let bad = dir.path().join("r.xlsx");
    let o = nianbao(&[
        "convert",
        &p("saved_examples/clean.ron"),
        "-o",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!bad.exists());
}

#[test]
fn rollover_works_from_a_published_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("next.ron");
    let o = nianbao(&[
        "rollover",
        &p("tests/seeds/004_de13999997d40693.txt"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let next = nianbao::project::load(&out).unwrap();
    assert_eq!(next.meta.year, Some(2025));
    assert_eq!(next.meta.agency, "洛龙区司法局");
    assert!(next.import.is_none() && next.published.is_empty());
    assert!(next.part1.sections[0].body.is_carried_unedited());
}

#[test]
fn batch_check_of_a_folder_with_summary_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("summary.csv");
    let o = nianbao(&[
        "check",
        &p("tests/reports"),
        "--summary-csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "jinshan has errors");
    let out = stdout(&o);
    assert!(
        out.contains("文件") && out.contains("编制机关") && out.contains("共 6 份报告，1 份有错误"),
        "{out}"
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert!(
        bytes.starts_with(
            "\u{feff}文件,编制机关,年度,错误,提醒,未能读取的单元格,结论\r\n".as_bytes()
        )
    );
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(text.lines().count(), 7);
    assert!(
        text.contains("\"金山区城市管理局\",2024,3,0,0,\"有错误\""),
        "{text}"
    );
}

#[test]
fn merge_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, f) in ["a", "b", "c"].iter().enumerate() {
        let mut r = common::clean_report();
        r.meta.agency = format!("部门{f}");
        r.t3.0[0][0] = nianbao::cell::Cell::Int(28 + i as i64);
        r.t3.0[2][0] = nianbao::cell::Cell::Int(12 + i as i64);
        let path = dir.path().join(format!("{f}.ron"));
        nianbao::project::save(&r, &path).unwrap();
        paths.push(path.display().to_string());
    }
    let out = dir.path().join("total.ron");
    let mut args = vec!["merge"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["-o", out.to_str().unwrap(), "--agency", "平安县人民政府"]);
    let o = nianbao(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let total = nianbao::project::load(&out).unwrap();
    assert_eq!(total.meta.scope, nianbao::model::Scope::GovernmentTotal);
    assert_eq!(total.sources.len(), 3);
    let one = common::clean_report();
    for &k in nianbao::template::all_keys() {
        let Some(c) = one.input(k) else { continue };
        // In units of 1/10000, so the 万元 amount adds up exactly.
        let expected = match k.to_string().as_str() {
            "t3.r01.natural" => (28 + 29 + 30) * 10_000,
            "t3.r03.natural" => (12 + 13 + 14) * 10_000,
            _ => c.ten_thousandths() * 3,
        };
        assert_eq!(total.input(k).unwrap().ten_thousandths(), expected, "{k}");
    }
    // B-rules hold in the inputs, so they hold in the sum.
    let ids: Vec<&str> = nianbao::rules::check(&total, None)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert!(!ids.iter().any(|i| i.starts_with('B')), "{ids:?}");
    // Inputs with errors are merged, but their errors are shown.
    let o = nianbao(&[
        "merge",
        &p("saved_examples/violations.ron"),
        &p("saved_examples/clean.ron"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("violations.ron: B3"));

    let o = nianbao(&["diff", &paths[0], &paths[2]]);
    assert_eq!(
        stdout(&o).lines().collect::<Vec<_>>(),
        [
            "t3.r01.natural: 28 → 30 (+2)",
            "t3.r01.total: 38 → 40 (+2)",
            "t3.r03.natural: 12 → 14 (+2)",
            "t3.r03.total: 17 → 19 (+2)",
            "t3.r24.natural: 27 → 29 (+2)",
            "t3.r24.total: 37 → 39 (+2)",
        ]
    );
    let _ = Path::new("");
}

#[cfg(unix)]
#[test]
fn folder_walks_do_not_follow_symlink_loops_or_check_a_file_twice() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy("saved_examples/clean.ron", root.join("a.ron")).unwrap();
    std::os::unix::fs::symlink(".", root.join("self")).unwrap();
    std::os::unix::fs::symlink(root, root.join("again")).unwrap();
    std::os::unix::fs::symlink(root.join("a.ron"), root.join("b.ron")).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", root.to_str().unwrap()])
        .output()
        .unwrap();
    // One file, checked once: a single report's closing line, no batch summary.
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("个错误").count(), 1, "{err}");
    assert_eq!(o.status.code(), Some(0));
}
