//! Start-up measurement: with `NIANBAO_MEASURE_STARTUP=1`, the app prints
//! the time from process start to the end of its first frame, the moments
//! in between ([`mark`]) and its resident memory, then exits. The phases say
//! where a slow start goes (window and renderer, fonts, the first frame).

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static MARKS: Mutex<Vec<(&'static str, f64)>> = Mutex::new(Vec::new());

fn measuring() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NIANBAO_MEASURE_STARTUP").is_some())
}

fn elapsed_ms() -> f64 {
    START
        .get()
        .map(|s| s.elapsed().as_secs_f64() * 1e3)
        .unwrap_or(f64::NAN)
}

/// Call first thing in `main`.
pub fn process_started() {
    START.get_or_init(Instant::now);
}

/// Notes that start-up reached `what` (only while measuring).
pub fn mark(what: &'static str) {
    if measuring()
        && let Ok(mut m) = MARKS.lock()
    {
        m.push((what, elapsed_ms()));
    }
}

/// Called at the start of every frame; marks the first one only.
pub fn frame_begins() {
    static DONE: OnceLock<()> = OnceLock::new();
    if measuring() && DONE.set(()).is_ok() {
        mark("frame begins");
    }
}

/// Called at the end of every frame; acts once.
pub fn first_frame_done() {
    static DONE: OnceLock<()> = OnceLock::new();
    if !measuring() || DONE.set(()).is_err() {
        return;
    }
    let ms = elapsed_ms();
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_default();
    if let Ok(m) = MARKS.lock() {
        for (what, at) in m.iter() {
            println!("  {at:7.1} ms  {what}");
        }
    }
    println!("first frame after {ms:.1} ms; resident memory {rss}");
    std::process::exit(0);
}
