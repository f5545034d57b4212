//! Text recognition per page (`cargo bench --bench ocr`): the real published
//! PDF rendered by `pdftoppm` at 150, 200 and 300 dpi, each page levelled,
//! its boxes found and read, on one core (tract runs single-threaded). The
//! median over the pages and rounds is reported, with the process's peak
//! memory. Needs poppler and the models (`.ci/fetch-ocr-models`).

use std::process::Command;
use std::time::Instant;

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let Some(dir) = nianbao::ocr::models::find() else {
        eprintln!("ocr bench: no models (run .ci/fetch-ocr-models)");
        return;
    };
    let t = Instant::now();
    let engine = nianbao::ocr::Engine::load(&dir).expect("models load");
    println!("models loaded in {:.2} s", t.elapsed().as_secs_f64());
    let tmp = std::env::temp_dir().join(format!("nianbao-ocr-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    for dpi in [150, 200, 300] {
        if filter
            .as_deref()
            .is_some_and(|f| !dpi.to_string().contains(f))
        {
            continue;
        }
        let prefix = tmp.join(format!("p{dpi}"));
        let ok = Command::new("pdftoppm")
            .args(["-r", &dpi.to_string(), "-gray", "-png"])
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/real/hongze2023.pdf"
            ))
            .arg(&prefix)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("ocr bench: pdftoppm is missing");
            return;
        }
        let mut pages: Vec<_> = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("p{dpi}-"))
            })
            .collect();
        pages.sort();
        let images: Vec<image::GrayImage> = pages
            .iter()
            .map(|p| image::open(p).unwrap().to_luma8())
            .collect();
        // One round to build the plans for these page sizes, then three timed.
        for img in &images {
            engine.read_page(img).unwrap();
        }
        let mut times = Vec::new();
        let mut boxes = 0;
        for _ in 0..3 {
            for img in &images {
                let t = Instant::now();
                let page = engine.read_page(img).unwrap();
                times.push(t.elapsed().as_secs_f64());
                boxes += page.boxes.len();
            }
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{dpi} dpi ({}×{}): median {:.2} s per page, min {:.2}, max {:.2}, {} boxes per round, peak memory {:.0} MB",
            images[0].width(),
            images[0].height(),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            boxes / 3,
            peak_memory_mb().unwrap_or(0.0)
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
