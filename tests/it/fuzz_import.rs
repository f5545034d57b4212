//! Mutation fuzzing of the importer: mutated seed texts, hand-written
//! reports, the real samples (PDF, pdftotext and crawler text) and the render
//! matrix (every layout the tools produce) must never panic or hang. The
//! number of cases comes from NIANBAO_FUZZ_CASES (default 3000 here; run
//! `NIANBAO_FUZZ_CASES=100000 cargo test --release --test it fuzz_import:: -- --nocapture`
//! for the long run).

use crate::common;

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

/// Structure-aware hostile inputs, the shapes that break parsers built for
/// well-formed files: deep nesting, huge spans, long lines, many rows.
fn structured(rng: &mut Rng) -> (&'static str, Vec<u8>) {
    let head = "一、总体情况\n三、收到和处理政府信息公开申请情况\n";
    match rng.below(7) {
        0 => {
            let tag = ["div", "span", "table", "td", "b"][rng.below(5)];
            let depth = 1 + rng.below(60_000);
            let mut s = format!("<html><body><p>{head}</p>");
            s.push_str(&format!("<{tag}>").repeat(depth));
            s.push_str("（七）总计 1 2 3");
            if rng.below(2) == 0 {
                s.push_str(&format!("</{tag}>").repeat(depth));
            }
            ("deep.html", s.into_bytes())
        }
        1 => {
            let n = 1 + rng.below(20_000);
            let span = rng.below(100_000);
            let mut s = format!("<html><body><p>{head}</p><table>");
            for i in 0..n {
                if i % (1 + rng.below(50)) == 0 {
                    s.push_str("<tr>");
                }
                s.push_str(&format!(
                    "<td rowspan={span} colspan={}>0</td>",
                    rng.below(1000)
                ));
            }
            s.push_str("</table></body></html>");
            ("spans.html", s.into_bytes())
        }
        2 => {
            // One very long line of labels and digits.
            let len = 1 + rng.below(2_000_000);
            let mut s = String::from(head);
            let parts = ["（七）总计", "1", " ", "2171000", "|", "予以公开", "。"];
            while s.len() < len {
                s.push_str(parts[rng.below(parts.len())]);
            }
            ("long.txt", s.into_bytes())
        }
        3 => {
            let rows = rng.below(120_000);
            let mut s = String::from(head);
            let row = [
                "|0|0|0|0|0|0|0|\n",
                "（一）予以公开 1 2 3 4 5 6 21\n",
                "1\n",
            ][rng.below(3)];
            s.push_str(&row.repeat(rows));
            ("rows.txt", s.into_bytes())
        }
        4 => {
            // Word: nested tables and wide grid spans.
            let depth = rng.below(3_000);
            let span = rng.below(100_000);
            let mut body =
                String::from("<w:document><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>");
            body.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth));
            for _ in 0..rng.below(2_000) {
                body.push_str(&format!(
                    "<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>"
                ));
            }
            body.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
            body.push_str("</w:body></w:document>");
            ("nested.docx", common::docx(body.as_bytes()))
        }
        5 => {
            // A PDF whose objects nest deeply or claim huge sizes.
            let depth = rng.below(100_000);
            let mut s = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>\nendobj\n3 0 obj\n<< /Type /Page /Contents 4 0 R /X ".to_vec();
            s.extend(std::iter::repeat_n(b'[', depth));
            s.extend_from_slice(b" >>\nendobj\n4 0 obj\n<< /Length 99999999 >>\nstream\nBT (x) Tj ET\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
            ("deep.pdf", s)
        }
        _ => {
            // Markdown with a huge pipe table.
            let cols = 1 + rng.below(5_000);
            let rows = rng.below(200);
            let mut s = String::from(head);
            for _ in 0..rows {
                s.push('|');
                s.push_str(&"0|".repeat(cols));
                s.push('\n');
            }
            ("wide.md", s.into_bytes())
        }
    }
}

/// What one fuzzing thread found.
#[derive(Default)]
struct Tally {
    cases: u64,
    imported: u64,
    over_2s: u64,
    slowest: Duration,
    slowest_case: String,
}

/// Pictures are read by the recogniser: a mutated one that still decodes (a
/// line added after its end) is read in full, tens of seconds in a debug
/// build — slow, not hung, and more than the watchdog allows. They are
/// left out here; `broken_pictures_are_refused_not_read` gives them the
/// mutations that break them.
fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["png", "jpg", "jpeg", "tif", "tiff", "bmp"].contains(&e))
}

fn load_corpus() -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut corpus = Vec::new();
    for dir in ["seeds", "reports", "real", "real/made", "render/out"] {
        for path in common::files_in(dir) {
            if path.is_file() && !is_picture(&path) {
                let bytes = std::fs::read(&path).unwrap();
                corpus.push((path, bytes));
            }
        }
    }
    corpus.sort();
    corpus
}

/// Runs `cases` cases from `seed`; `started` is this thread's watchdog slot.
fn fuzz(
    seed: u64,
    cases: u64,
    corpus: &[(std::path::PathBuf, Vec<u8>)],
    started: &AtomicU64,
    epoch: Instant,
) -> Tally {
    let mut rng = Rng(seed);
    let mut t = Tally::default();
    for case in 0..cases {
        started.store(epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
        // One case in 50 is a structured hostile input, the rest mutations.
        let (name, path, input) = if rng.below(50) == 0 {
            let (name, bytes) = structured(&mut rng);
            (name.to_string(), std::path::PathBuf::from(name), bytes)
        } else {
            let (path, bytes) = &corpus[rng.below(corpus.len())];
            let binary = path.extension().is_some_and(|e| e == "pdf" || e == "docx");
            let input = if binary {
                mutate_bytes(&mut rng, bytes)
            } else {
                mutate(&mut rng, bytes)
            };
            (path.display().to_string(), path.clone(), input)
        };
        let clock = Instant::now();
        let result = std::panic::catch_unwind(|| {
            let r = nianbao::import::import_bytes("fuzz", &path, &input);
            if let Ok(r) = &r {
                // Whatever imports must also check, export and re-import without panicking.
                let _ = nianbao::rules::check(r, None);
                let text = nianbao::export::text::render(r, nianbao::export::text::Flavor::Plain);
                let _ = nianbao::import::import_text("again", &text);
            }
            r.is_ok()
        });
        match result {
            Ok(ok) => t.imported += ok as u64,
            Err(_) => panic!("seed {seed:#x} case {case} panicked on {name}"),
        }
        let took = clock.elapsed();
        t.over_2s += (took > Duration::from_secs(2)) as u64;
        if took > t.slowest {
            t.slowest = took;
            t.slowest_case = format!("seed {seed:#x} case {case}: {name} ({} bytes)", input.len());
        }
        t.cases += 1;
    }
    t
}

#[test]
fn mutated_reports_never_panic_or_hang() {
    let cases: u64 = std::env::var("NIANBAO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let corpus = Arc::new(load_corpus());
    // A watchdog ends the run if one case takes too long (a hang).
    let epoch = Instant::now();
    let slots: Arc<Vec<AtomicU64>> = Arc::new((0..threads).map(|_| AtomicU64::new(0)).collect());
    // Stopped when the workers are done: the process goes on with other
    // tests, and their slots no longer move.
    let finished = Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        let slots = slots.clone();
        let finished = finished.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(500));
                if finished.load(Ordering::Relaxed) {
                    return;
                }
                let now = epoch.elapsed().as_millis() as u64;
                for (i, s) in slots.iter().enumerate() {
                    let since = now.saturating_sub(s.load(Ordering::Relaxed));
                    if since > 20_000 {
                        eprintln!("thread {i}: a case has run for {since} ms: hang");
                        std::process::abort();
                    }
                }
            }
        });
    }
    let workers: Vec<_> = (0..threads)
        .map(|i| {
            let (corpus, slots) = (corpus.clone(), slots.clone());
            let n = cases / threads + (i < cases % threads) as u64;
            std::thread::spawn(move || {
                fuzz(
                    0x9e37_79b9_7f4a_7c15 ^ (i + 1).wrapping_mul(0x1000_0001),
                    n,
                    &corpus,
                    &slots[i as usize],
                    epoch,
                )
            })
        })
        .collect();
    let tallies: Vec<Tally> = workers
        .into_iter()
        .map(|w| w.join().expect("a fuzzing thread panicked"))
        .collect();
    finished.store(true, Ordering::Relaxed);
    let done: u64 = tallies.iter().map(|t| t.cases).sum();
    let imported: u64 = tallies.iter().map(|t| t.imported).sum();
    let over: u64 = tallies.iter().map(|t| t.over_2s).sum();
    let worst = tallies.iter().max_by_key(|t| t.slowest).unwrap();
    eprintln!(
        "{done} cases on {threads} threads in {:.0} s, {imported} imported, {over} over 2 s, slowest {:.1} ms ({})",
        epoch.elapsed().as_secs_f64(),
        worst.slowest.as_secs_f64() * 1e3,
        worst.slowest_case
    );
    assert_eq!(done, cases);
}

/// A picture cut short or with a byte changed inside its image data is
/// refused with a message, without a panic and without being read.
#[test]
fn broken_pictures_are_refused_not_read() {
    let pictures: Vec<_> = common::files_in("real/made")
        .into_iter()
        .filter(|p| is_picture(p))
        .collect();
    assert!(!pictures.is_empty());
    for path in pictures {
        let bytes = std::fs::read(&path).unwrap();
        let mut flipped = bytes.clone();
        flipped[bytes.len() / 2] ^= 0x40;
        for (how, broken) in [
            ("cut short", bytes[..bytes.len() / 2].to_vec()),
            ("one byte changed", flipped),
        ] {
            let read =
                std::panic::catch_unwind(|| nianbao::import::import_bytes("p", &path, &broken));
            match read {
                // Refused by the decoder, before any recognition.
                Ok(Err(e)) => assert!(
                    e.to_string().contains("图片无法解码"),
                    "{}, {how}: {e}",
                    path.display()
                ),
                Ok(Ok(_)) => panic!("{}, {how}: read as a report", path.display()),
                Err(_) => panic!("{}, {how}: panicked", path.display()),
            }
        }
    }
}
