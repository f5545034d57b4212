//! Start-up measurement: with `NIANBAO_MEASURE_STARTUP=1`, the app prints
//! the time from process start to the end of its first frame, and its
//! resident memory, then exits. Used by the start-up benchmark script.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn process_started() {
    START.get_or_init(Instant::now);
}

/// Called at the end of every frame; acts once.
pub fn first_frame_done() {
    static DONE: OnceLock<()> = OnceLock::new();
    if std::env::var_os("NIANBAO_MEASURE_STARTUP").is_none() || DONE.set(()).is_err() {
        return;
    }
    // Measure after a few frames so that the window, fonts and first paint are done.
    let ms = START
        .get()
        .map(|s| s.elapsed().as_secs_f64() * 1e3)
        .unwrap_or(f64::NAN);
    let rss = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        })
        .unwrap_or_default();
    println!("first frame after {ms:.1} ms; resident memory {rss}");
    std::process::exit(0);
}
