//! Mutation fuzzing of the importer: mutated seed texts, hand-written
//! reports, the real samples (PDF, pdftotext and crawler text) and the render
//! matrix (every layout the tools produce) must never panic or hang. The
//! number of cases comes from NIANBAO_FUZZ_CASES (default 3000 here; run
//! `NIANBAO_FUZZ_CASES=100000 cargo test --release --test fuzz_import -- --nocapture`
//! for the long run).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*), so a failing case can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SNIPPETS: [&str; 24] = [
    "|",
    "\t",
    "\n",
    "  ",
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "（七）总计",
    "总计",
    "/",
    "——",
    "0",
    "99999999999999999999",
    "-1",
    "1.5",
    "万元",
    "251000元",
    "<td rowspan=\"30\">",
    "</tr>",
    "<br>",
    "&nbsp;",
    "<table>",
    "2025年1月1日",
    "（三）",
    "\u{feff}",
];

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = src.split(|&b| b == b'\n').map(|l| l.to_vec()).collect();
    for _ in 0..1 + rng.below(6) {
        if lines.is_empty() {
            lines.push(Vec::new());
        }
        let i = rng.below(lines.len());
        match rng.below(9) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(rng.below(lines.len() + 1), l);
            }
            2 => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
            3 => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())].as_bytes();
                let at = rng.below(lines[i].len() + 1);
                lines[i].splice(at..at, s.iter().copied());
            }
            4 => {
                let at = rng.below(lines[i].len() + 1);
                lines[i].truncate(at);
            }
            5 => {
                // Flip a byte (may break UTF-8 on purpose).
                if !lines[i].is_empty() {
                    let at = rng.below(lines[i].len());
                    lines[i][at] ^= 1 << rng.below(8);
                }
            }
            6 => {
                let l = lines[i].clone();
                lines[i] = l
                    .iter()
                    .map(|&b| if b == b'|' { b'\t' } else { b })
                    .collect();
            }
            7 => {
                let n = rng.below(lines.len() + 1);
                lines.truncate(n.max(1));
            }
            _ => {
                for _ in 0..rng.below(40) {
                    lines.insert(i, b"| 0 | 0 | 0 |".to_vec());
                }
            }
        }
    }
    lines.join(&b'\n')
}

/// Byte-level damage for binary formats: flipped bytes, a cut, a copied
/// stretch, and now and then deep nesting (`[[[[…`), which some parsers
/// recurse over.
fn mutate_bytes(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut b = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let at = rng.below(b.len());
        match rng.below(5) {
            0 => b[at] ^= 1 << rng.below(8),
            1 => b.truncate(at.max(1)),
            2 => {
                let len = rng.below(256).min(b.len() - at);
                let piece = b[at..at + len].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, piece);
            }
            3 => {
                for k in 0..rng.below(64) {
                    let i = rng.below(b.len());
                    b[i] = (k as u8).wrapping_mul(31);
                }
            }
            _ => {
                let depth = rng.below(5000);
                b.splice(at..at, std::iter::repeat_n(b'[', depth));
            }
        }
    }
    b
}

#[test]
fn mutated_reports_never_panic_or_hang() {
    let cases: u64 = std::env::var("NIANBAO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut corpus = Vec::new();
    for dir in ["seeds", "reports", "real", "render/out"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            corpus.push((e.path(), std::fs::read(e.path()).unwrap()));
        }
    }
    corpus.sort();
    // A watchdog ends the run if one case takes too long (a hang).
    let current = Arc::new(AtomicU64::new(0));
    let started = Arc::new(AtomicU64::new(0));
    let epoch = Instant::now();
    {
        let (current, started) = (current.clone(), started.clone());
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(500));
                let since = epoch.elapsed().as_millis() as u64 - started.load(Ordering::Relaxed);
                if since > 20_000 {
                    eprintln!(
                        "case {} has run for {since} ms: hang",
                        current.load(Ordering::Relaxed)
                    );
                    std::process::abort();
                }
            }
        });
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut slowest = Duration::ZERO;
    let mut imported = 0u64;
    for case in 0..cases {
        current.store(case, Ordering::Relaxed);
        started.store(epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
        let (path, bytes) = &corpus[rng.below(corpus.len())];
        let binary = path.extension().is_some_and(|e| e == "pdf" || e == "docx");
        let input = if binary {
            mutate_bytes(&mut rng, bytes)
        } else {
            mutate(&mut rng, bytes)
        };
        let t = Instant::now();
        let result = std::panic::catch_unwind(|| {
            let r = nianbao::import::import_bytes("fuzz", path, &input);
            if let Ok(r) = &r {
                // Whatever imports must also check, export and re-import without panicking.
                let _ = nianbao::rules::check(r, None);
                let text = nianbao::export::text::render(r, nianbao::export::text::Flavor::Plain);
                let _ = nianbao::import::import_text("again", &text);
            }
            r.is_ok()
        });
        match result {
            Ok(ok) => imported += ok as u64,
            Err(_) => panic!("case {case} panicked on a mutation of {}", path.display()),
        }
        slowest = slowest.max(t.elapsed());
    }
    eprintln!(
        "{cases} cases, {imported} imported, slowest {:.1} ms",
        slowest.as_secs_f64() * 1e3
    );
}
