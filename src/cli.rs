//! The headless command line (CONTRACT.md §4): check, dump, convert, rollover.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Report;
use crate::rules::{self, Finding, Severity};
use crate::template::all_keys;

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告：编辑、检查、转换",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Opens FILE in the desktop app.
    pub file: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Checks reports (files or folders) and prints every finding (exit 1 if any error).
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON object per finding.
        #[arg(long)]
        json: bool,
        /// Last year's report, to check carry-over (W1) and stock (W2).
        #[arg(long)]
        last: Option<PathBuf>,
        /// Also write the summary table as CSV (UTF-8 with BOM, for Excel/WPS).
        #[arg(long)]
        summary_csv: Option<PathBuf>,
    },
    /// Prints the cells that differ between last year's and this year's report.
    Diff { last: PathBuf, this: PathBuf },
    /// Sums reports into one report with scope 本级政府汇总.
    Merge {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The summing government's name (编制机关 of the result).
        #[arg(long, default_value = "")]
        agency: String,
    },
    /// Prints every field, one key=value per line.
    Dump { file: PathBuf },
    /// Writes IN in the format OUT's extension names (.ron .txt .md .html .docx .pdf).
    Convert {
        input: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Starts next year's report from last year's.
    Rollover {
        last: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

/// Exit statuses of CONTRACT.md §4.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_UNREADABLE: i32 = 2;

/// Runs a subcommand and returns the process exit status.
pub fn run(cmd: Command) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cmd {
        Command::Check {
            files,
            json,
            last,
            summary_csv,
        } => check(
            &files,
            json,
            last.as_deref(),
            summary_csv.as_deref(),
            &mut out,
        ),
        Command::Diff { last, this } => match (open_report(&last), open_report(&this)) {
            (Ok(a), Ok(b)) => {
                for c in crate::diff::diff(&a, &b) {
                    let delta = c.delta().map(|d| format!(" ({d})")).unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "{}: {} → {}{delta}",
                        c.key,
                        c.last.dump(),
                        c.this.dump()
                    );
                }
                EXIT_OK
            }
            (Err(e), _) | (_, Err(e)) => fail(&e),
        },
        Command::Merge {
            inputs,
            output,
            agency,
        } => merge(&inputs, &output, &agency),

        Command::Dump { file } => match open_report(&file) {
            Ok(r) => {
                let _ = out.write_all(dump(&r).as_bytes());
                EXIT_OK
            }
            Err(e) => fail(&e),
        },
        Command::Convert { input, output } => match open_report(&input) {
            Ok(r) => match crate::export::write(&r, &output) {
                Ok(note) => {
                    if let Some(note) = note {
                        eprintln!("{note}");
                    }
                    EXIT_OK
                }
                Err(e) => fail(&e),
            },
            Err(e) => fail(&e),
        },
        Command::Rollover { last, output } => match open_report(&last) {
            Ok(r) => {
                let (next, summary) = crate::rollover::rollover(&r);
                match crate::export::write(&next, &output) {
                    Ok(_) => {
                        for l in summary.lines {
                            eprintln!("{l}");
                        }
                        EXIT_OK
                    }
                    Err(e) => fail(&e),
                }
            }
            Err(e) => fail(&e),
        },
    }
}

fn fail(e: &dyn std::fmt::Display) -> i32 {
    eprintln!("nianbao: {e}");
    EXIT_UNREADABLE
}

/// One line of the summary table.
struct SummaryRow {
    file: String,
    agency: String,
    year: String,
    errors: usize,
    warnings: usize,
    /// Cells the importer could not read (an imported report's own error).
    unread: usize,
    status: String,
}

/// Report files under `paths` (folders are walked, sorted).
fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    // walkdir does not follow symlinks into folders (no loops through
    // `ln -s . self`); a link to a file is read, and no file twice.
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut add = |p: PathBuf, out: &mut Vec<PathBuf>| {
        let id = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if seen.insert(id) {
            out.push(p);
        }
    };
    for p in paths {
        if !p.is_dir() {
            add(p.clone(), &mut out);
            continue;
        }
        for e in walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let is_file = e.file_type().is_file() || (e.path_is_symlink() && e.path().is_file());
            if is_file && is_report_file(e.path()) {
                add(e.into_path(), &mut out);
            }
        }
    }
    out
}

fn is_report_file(p: &Path) -> bool {
    crate::open::is_report_file(p)
}

/// `nianbao check`: findings to `out`, progress and summary lines as described in CONTRACT.md §4.
pub fn check(
    files: &[PathBuf],
    json: bool,
    last: Option<&Path>,
    csv: Option<&Path>,
    out: &mut dyn Write,
) -> i32 {
    use std::io::IsTerminal;
    let last_report = match last.map(open_report) {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => return fail(&e),
        None => None,
    };
    let files = collect_files(files);
    let batch = files.len() > 1;
    let progress = batch && std::io::stderr().is_terminal();
    let mut status = EXIT_OK;
    let mut rows = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if progress {
            progress_bar(i, files.len(), file);
        }
        let report = match open_report(file) {
            Ok(r) => r,
            Err(e) => {
                if progress {
                    eprint!("\r\x1b[2K");
                }
                eprintln!("nianbao: {e}");
                status = EXIT_UNREADABLE;
                rows.push(SummaryRow {
                    file: crate::path_name::shown(file),
                    agency: String::new(),
                    year: String::new(),
                    errors: 0,
                    warnings: 0,
                    unread: 0,
                    status: format!("无法读取：{}", e.message),
                });
                continue;
            }
        };
        let findings = rules::check(&report, last_report.as_ref());
        if progress {
            eprint!("\r\x1b[2K");
        }
        print_findings(file, &findings, json, out);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        if !batch {
            eprintln!(
                "{}: {errors} 个错误，{warnings} 个提醒",
                crate::path_name::shown(file)
            );
        }
        if errors > 0 && status == EXIT_OK {
            status = EXIT_ERRORS;
        }
        rows.push(SummaryRow {
            file: crate::path_name::shown(file),
            agency: report.meta.agency.clone(),
            year: report.meta.year.map(|y| y.to_string()).unwrap_or_default(),
            errors,
            warnings,
            unread: report
                .import
                .as_ref()
                .map(|i| i.unread_cells().len())
                .unwrap_or(0),
            status: if errors > 0 {
                "有错误".into()
            } else {
                "通过".into()
            },
        });
    }
    if progress {
        eprint!("\r\x1b[2K");
    }
    if batch && !json {
        print_summary(&rows, out);
    }
    if let Some(path) = csv
        && let Err(e) = crate::project::write_atomic(path, summary_csv(&rows).as_bytes())
    {
        return fail(&e);
    }
    status
}

fn progress_bar(done: usize, total: usize, file: &Path) {
    let width = 30;
    let filled = done * width / total.max(1);
    let name: String = file
        .file_name()
        .map(crate::path_name::shown_os)
        .unwrap_or_default();
    let name: String = name.chars().take(40).collect();
    eprint!(
        "\r\x1b[2K[{}{}] {done}/{total} {name}",
        "=".repeat(filled),
        " ".repeat(width - filled)
    );
}

/// Display width of a string in a terminal (CJK characters take two columns).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// Columns of the folder summary, on the terminal and in the CSV.
const SUMMARY_HEAD: [&str; 7] = [
    "文件",
    "编制机关",
    "年度",
    "错误",
    "提醒",
    "未能读取的单元格",
    "结论",
];

fn print_summary(rows: &[SummaryRow], out: &mut dyn Write) {
    let head = SUMMARY_HEAD;
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.file.clone(),
                r.agency.clone(),
                r.year.clone(),
                r.errors.to_string(),
                r.warnings.to_string(),
                r.unread.to_string(),
                r.status.clone(),
            ]
        })
        .collect();
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for c in &cells {
        for (i, s) in c.iter().enumerate() {
            w[i] = w[i].max(width(s));
        }
    }
    let line = |cols: Vec<String>| {
        cols.iter()
            .enumerate()
            .map(|(i, s)| pad(s, w[i]))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        line(head.iter().map(|s| s.to_string()).collect())
    );
    let _ = writeln!(
        out,
        "{}",
        w.iter()
            .map(|n| "-".repeat(*n))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for c in &cells {
        let _ = writeln!(out, "{}", line(c.to_vec()));
    }
    let errs = rows.iter().filter(|r| r.errors > 0).count();
    let _ = writeln!(
        out,
        "共 {} 份报告，{} 份有错误，{} 份无法读取",
        rows.len(),
        errs,
        rows.iter().filter(|r| r.status.starts_with("无法")).count()
    );
}

/// The summary as CSV, UTF-8 with a BOM so that Excel and WPS open it right.
fn summary_csv(rows: &[SummaryRow]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut s = format!("\u{feff}{}\r\n", SUMMARY_HEAD.join(","));
    for r in rows {
        s.push_str(&format!(
            "{},{},{},{},{},{},{}\r\n",
            q(&r.file),
            q(&r.agency),
            r.year,
            r.errors,
            r.warnings,
            r.unread,
            q(&r.status)
        ));
    }
    s
}

fn merge(inputs: &[PathBuf], output: &Path, agency: &str) -> i32 {
    let files = collect_files(inputs);
    match crate::merge::merge_files(&files, agency) {
        Ok(merged) => {
            // Each input was checked first; its errors are shown, not hidden.
            for e in &merged.input_errors {
                eprintln!("{e}");
            }
            let input_errors = merged.input_errors.len();
            match crate::export::write(&merged.report, output) {
                Ok(_) => {
                    eprintln!(
                        "已汇总 {} 份报告到 {}（输入中有 {input_errors} 个错误）",
                        files.len(),
                        crate::path_name::shown(output)
                    );
                    if input_errors > 0 {
                        EXIT_ERRORS
                    } else {
                        EXIT_OK
                    }
                }
                Err(e) => fail(&e),
            }
        }
        Err(e) => fail(&e),
    }
}

/// Prints findings as text lines or JSON objects.
pub fn print_findings(file: &Path, findings: &[Finding], json: bool, out: &mut dyn Write) {
    for f in findings {
        let line = if json {
            serde_json::json!({
                "file": crate::path_name::shown(file),
                "id": f.id,
                "severity": f.severity,
                "cells": f.cells,
                "message": f.message,
            })
            .to_string()
        } else {
            format!(
                "{}: {} {}: {} [{}]",
                crate::path_name::shown(file),
                f.id.as_str(),
                f.severity.as_str(),
                f.message,
                f.cell_names(" ")
            )
        };
        let _ = writeln!(out, "{line}");
    }
}

/// CONTRACT.md §2: meta, then every table cell in key order.
pub fn dump(r: &Report) -> String {
    let mut s = String::new();
    s.push_str(&format!("meta.agency={}\n", r.meta.agency));
    s.push_str(&format!(
        "meta.year={}\n",
        r.meta.year.map(|y| y.to_string()).unwrap_or_default()
    ));
    s.push_str(&format!("meta.format={}\n", r.meta.format.as_str()));
    s.push_str(&format!("meta.date={}\n", r.meta.date));
    let totals = crate::compute::Totals::of(r);
    for &key in all_keys() {
        s.push_str(&format!("{key}={}\n", r.value_with(&totals, key).dump()));
    }
    s
}

/// Opens a file as the commands do, showing on a terminal how the
/// recognition of a scan goes (a page takes seconds); quiet in a pipe.
fn open_report(path: &Path) -> Result<Report, crate::project::FileError> {
    use crate::import::{Go, Progress};
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |p: Progress| {
        if terminal {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r文字识别：{}/{} 页", p.done, p.pages);
            if p.done == p.pages {
                let _ = writeln!(err);
            }
            let _ = err.flush();
        }
        Go::On
    };
    crate::open::open_report_watched(path, &mut progress).map(|i| i.report)
}
