//! Benchmarks of the core (run with `cargo bench`). A plain timing harness:
//! each case runs in batches, and the median time per iteration over the
//! batches is reported, which is robust on a shared, noisy machine.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use nianbao::model::Report;

/// Runs `f` in `batches` batches of `per_batch` iterations; returns the median per-iteration time.
fn median_time(batches: usize, per_batch: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..per_batch {
        f();
    }
    let mut times: Vec<Duration> = (0..batches)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            t.elapsed() / per_batch as u32
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, d: Duration) {
    let per_sec = 1.0 / d.as_secs_f64();
    println!(
        "{name:<44} median {:>10.2} µs   {:>12.0} /s",
        d.as_secs_f64() * 1e6,
        per_sec
    );
}

fn example(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saved_examples")
        .join(name);
    nianbao::project::load(&path).expect("saved example")
}

fn main() {
    // `cargo bench -- FILTER` runs only matching cases; `cargo test --benches` passes --bench.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let on = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let full = example("violations.ron");

    if on("recompute_and_rules") {
        report(
            "recompute + all rules (full report)",
            median_time(51, 2000, || {
                black_box(nianbao::rules::check(black_box(&full), None));
            }),
        );
    }
    if on("ron_save_load") {
        let dir = tempfile_dir();
        let path = dir.join("bench.ron");
        report(
            "RON save + load (atomic write, fsync)",
            median_time(21, 20, || {
                nianbao::project::save(black_box(&full), &path).unwrap();
                black_box(nianbao::project::load(&path).unwrap());
            }),
        );
        report(
            "RON serialise + parse (in memory)",
            median_time(31, 200, || {
                let s = nianbao::project::to_ron(black_box(&full));
                black_box(nianbao::project::from_ron(&s, Path::new("x.ron")).unwrap());
            }),
        );
        let _ = std::fs::remove_dir_all(dir);
    }
    if on("text_export") {
        report(
            "text export (.txt)",
            median_time(51, 500, || {
                black_box(nianbao::export::text::render(
                    black_box(&full),
                    nianbao::export::text::Flavor::Plain,
                ));
            }),
        );
    }
    if on("pdf_export") {
        // Layout and writing, in the bundled font (the same on every machine).
        let fonts = nianbao::export::pdf::fonts::Fonts::bundled();
        report(
            "PDF export (.pdf, bundled font)",
            median_time(11, 3, || {
                black_box(nianbao::export::pdf::render(black_box(&full), &fonts).unwrap());
            }),
        );
        report(
            "Word export (.docx)",
            median_time(11, 10, || {
                black_box(nianbao::export::docx::render(black_box(&full)).unwrap());
            }),
        );
    }
    if on("batch_check") {
        batch_check(1000);
    }
    if on("import") {
        // The five seeds (text layouts), the hand-written HTML, PDF-text, tab,
        // 2019 and error reports, the real samples and the files LibreOffice made.
        let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut names: Vec<std::path::PathBuf> = ["seeds", "reports", "real", "real/made"]
            .iter()
            .filter_map(|d| std::fs::read_dir(tests.join(d)).ok())
            .flat_map(|d| d.flatten().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        names.retain(|p| {
            p.extension().is_none_or(|e| e != "published") && !p.ends_with("README.md")
        });
        for p in names {
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            // A PDF takes milliseconds: fewer iterations per batch.
            let per_batch = if name.ends_with(".pdf") { 5 } else { 100 };
            report(
                &format!("import + check {name}"),
                median_time(31, per_batch, || {
                    let r = nianbao::import::import_bytes(&name, &p, black_box(&bytes)).unwrap();
                    black_box(nianbao::rules::check(&r, None));
                }),
            );
        }
    }
}

/// `nianbao check DIR` over 1,000 reports generated from the examples and
/// seeds in every readable format; wall time of the whole run.
fn batch_check(n: usize) {
    let dir = tempfile_dir().join("batch");
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<(String, Vec<u8>)> = Vec::new();
    for name in ["clean.ron", "violations.ron"] {
        sources.push((
            name.into(),
            std::fs::read(root.join("saved_examples").join(name)).unwrap(),
        ));
    }
    let clean = example("clean.ron");
    for f in [
        nianbao::export::Format::Html,
        nianbao::export::Format::Docx,
        nianbao::export::Format::Markdown,
    ] {
        sources.push((
            format!("clean.{}", f.extension()),
            nianbao::export::render(&clean, f).unwrap(),
        ));
    }
    for e in std::fs::read_dir(root.join("tests/seeds"))
        .unwrap()
        .flatten()
    {
        sources.push((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).unwrap(),
        ));
    }
    for i in 0..n {
        let (name, bytes) = &sources[i % sources.len()];
        std::fs::write(dir.join(format!("{i:04}_{name}")), bytes).unwrap();
    }
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut sink = std::io::sink();
        let status = nianbao::cli::check(std::slice::from_ref(&dir), false, None, None, &mut sink);
        times.push(t.elapsed());
        assert_eq!(status, 1, "the violations example has errors");
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "check DIR of {n} reports (mixed formats)   median {:>10.1} ms   {:>12.0} reports/s",
        median.as_secs_f64() * 1e3,
        n as f64 / median.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
