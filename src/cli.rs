//! The headless command line (CONTRACT.md §4): check, dump, convert, rollover.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Report;
use crate::open::open_report;
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
    /// Checks reports and prints every finding (exit 1 if any error).
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON object per finding.
        #[arg(long)]
        json: bool,
        /// Last year's report, to check carry-over (W1) and stock (W2).
        #[arg(long)]
        last: Option<PathBuf>,
    },
    /// Prints every field, one key=value per line.
    Dump { file: PathBuf },
    /// Writes IN in the format OUT's extension names (.ron .txt .md .html .docx).
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
        Command::Check { files, json, last } => check(&files, json, last.as_deref(), &mut out),
        Command::Dump { file } => match open_report(&file) {
            Ok(r) => {
                let _ = out.write_all(dump(&r).as_bytes());
                EXIT_OK
            }
            Err(e) => fail(&e),
        },
        Command::Convert { input, output } => match open_report(&input) {
            Ok(r) => match crate::export::write(&r, &output) {
                Ok(()) => EXIT_OK,
                Err(e) => fail(&e),
            },
            Err(e) => fail(&e),
        },
        Command::Rollover { last, output } => match open_report(&last) {
            Ok(r) => {
                let (next, summary) = crate::rollover::rollover(&r);
                match crate::export::write(&next, &output) {
                    Ok(()) => {
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

fn check(files: &[PathBuf], json: bool, last: Option<&Path>, out: &mut dyn Write) -> i32 {
    let last_report = match last.map(open_report) {
        Some(Ok(r)) => Some(r),
        Some(Err(e)) => return fail(&e),
        None => None,
    };
    let mut status = EXIT_OK;
    for file in files {
        let report = match open_report(file) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("nianbao: {e}");
                status = EXIT_UNREADABLE;
                continue;
            }
        };
        let findings = rules::check(&report, last_report.as_ref());
        print_findings(file, &findings, json, out);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        eprintln!("{}: {errors} 个错误，{warnings} 个提醒", file.display());
        if errors > 0 && status == EXIT_OK {
            status = EXIT_ERRORS;
        }
    }
    status
}

/// Prints findings as text lines or JSON objects.
pub fn print_findings(file: &Path, findings: &[Finding], json: bool, out: &mut dyn Write) {
    for f in findings {
        let line = if json {
            serde_json::json!({
                "file": file.display().to_string(),
                "id": f.id,
                "severity": f.severity,
                "cells": f.cells,
                "message": f.message,
            })
            .to_string()
        } else {
            format!(
                "{}: {} {}: {} [{}]",
                file.display(),
                f.id.as_str(),
                f.severity.as_str(),
                f.message,
                f.cells.join(" ")
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
        let v = match r.input(key) {
            Some(c) => c.dump(),
            None => totals.get(key).unwrap_or(0).to_string(),
        };
        s.push_str(&format!("{key}={v}\n"));
    }
    s
}
