//! PDF text import: characters with positions → runs → `pdftotext -layout`-like lines.
//!
//! Chosen over pdf-extract (measured on the real sample and on made PDFs):
//! pdf_oxide reads the predefined CJK CMaps (STSong-Light + UniGB-UCS2-H, as
//! iText writes them) on which pdf-extract panics, gets CID glyph widths
//! right, repairs broken cross-reference tables, and is faster (10 ms against
//! 25 ms on a 5-page report).
//!
//! `pdf_oxide` gives every character of a page with its baseline origin, advance width, font
//! size and rotation (`PdfDocument::extract_chars`). It decodes ToUnicode CMaps and the
//! predefined CJK CMaps (UniGB-UCS2-H, GBK-EUC-H …), repairs broken cross-reference tables and
//! decrypts files whose user password is empty. Everything here runs on a worker thread with
//! a large stack (0.3.78 recurses once per nesting level of `[[[…` / `<<<<…` and would
//! otherwise overflow and abort the process), and every call into the crate runs under
//! `catch_unwind`; a panic becomes [`PdfError::Broken`].

use pdf_oxide::PdfDocument;

use crate::import::runs::{Run, layout_text};

/// Pages processed at most; later pages are ignored.
pub const MAX_PAGES: usize = 200;
/// Characters collected at most over the whole document.
pub const MAX_CHARS: usize = 2_000_000;
/// Runs returned at most.
pub const MAX_RUNS: usize = 200_000;
/// Input size accepted at most.
pub const MAX_BYTES: usize = 200 * 1024 * 1024;
/// Largest gap between two glyphs of one run, in em of the smaller font size.
const MERGE_GAP_EM: f32 = 0.3;
/// Stack of the worker thread (only reserved; pages are touched as the recursion needs them).
const WORKER_STACK: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    /// Needs a password we do not have (a PDF encrypted with an empty user password,
    /// i.e. with only "owner" restrictions, is decrypted and read normally).
    #[error("PDF 已加密，无法读取")]
    Encrypted,
    /// Parsed fine but carries no text at all (a scan).
    #[error("PDF 没有文字层（可能是扫描件），无法读取文字")]
    NoTextLayer,
    /// Not a PDF, truncated beyond repair, corrupt, unsupported, or over the safety limits.
    #[error("PDF 文件已损坏：{0}")]
    Broken(String),
}

/// One positioned glyph, in reading-frame coordinates of its page (x to the right,
/// y downwards from the top).
#[derive(Debug, Clone)]
struct Glyph {
    page: usize,
    x: f32,
    y: f32,
    /// Advance width.
    w: f32,
    size: f32,
    text: String,
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "内部错误".to_string()
    }
}

/// Name of the worker thread; the panic hook stays silent for it.
const WORKER: &str = "nianbao-pdf-import";

/// Run `f` on a worker thread with a large stack, with its panics silenced:
/// a panic inside the PDF crate is a broken file, reported as such, not a
/// message on the clerk's terminal. The process-wide hook is wrapped once and
/// keys on the thread's name, so other threads' panics still print.
fn isolated<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER) {
                previous(info);
            }
        }));
    });
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name(WORKER.into())
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, f);
        match worker {
            Ok(handle) => handle.join().map_err(|p| panic_text(&*p)),
            // Could not reserve the stack (address-space limits): refuse rather than risk an abort.
            Err(e) => Err(format!("无法启动解析线程：{e}")),
        }
    })
}

fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| panic_text(&*p))
}

fn glyphs(bytes: &[u8]) -> Result<Vec<Glyph>, PdfError> {
    sound(bytes)?;
    match isolated(|| glyphs_inner(bytes)) {
        Ok(r) => r,
        Err(panic) => Err(PdfError::Broken(format!("解析出错（{panic}）"))),
    }
}

/// The checks made before the PDF crate sees the bytes.
fn sound(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.len() > MAX_BYTES {
        return Err(PdfError::Broken(format!(
            "文件过大（{} MB）",
            bytes.len() / (1024 * 1024)
        )));
    }
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(PdfError::Broken(
            "不是 PDF 文件（缺少 %PDF- 文件头）".into(),
        ));
    }
    // A cut-off file (interrupted download) is repaired by pdf_oxide as far as it goes, but
    // what it recovers can be partial or garbage (fonts are usually stored last): refuse it.
    if !bytes[bytes.len().saturating_sub(16 * 1024)..]
        .windows(5)
        .any(|w| w == b"%%EOF")
    {
        return Err(PdfError::Broken(
            "文件不完整（缺少结尾标记 %%EOF，可能下载中断）".into(),
        ));
    }
    super::pdf_nesting::check(bytes).map_err(PdfError::Broken)
}

/// Opens the document, decrypting one with an empty user password.
fn open(bytes: &[u8]) -> Result<(PdfDocument, usize), PdfError> {
    let doc = match catch(|| PdfDocument::from_bytes(bytes.to_vec())) {
        Ok(Ok(doc)) => doc,
        Ok(Err(pdf_oxide::Error::EncryptedPdf)) => return Err(PdfError::Encrypted),
        Ok(Err(e)) => return Err(PdfError::Broken(format!("无法解析（{e}）"))),
        Err(p) => return Err(PdfError::Broken(format!("无法解析（{p}）"))),
    };
    if doc.is_encrypted() && !matches!(catch(|| doc.authenticate(b"")), Ok(Ok(true))) {
        return Err(PdfError::Encrypted);
    }
    let pages = match catch(|| doc.page_count()) {
        Ok(Ok(n)) => n,
        Ok(Err(pdf_oxide::Error::EncryptedPdf)) => return Err(PdfError::Encrypted),
        Ok(Err(e)) => return Err(PdfError::Broken(format!("找不到页面（{e}）"))),
        Err(p) => return Err(PdfError::Broken(format!("找不到页面（{p}）"))),
    };
    if pages == 0 {
        return Err(PdfError::Broken("文件中没有页面".into()));
    }
    Ok((doc, pages.min(MAX_PAGES)))
}

/// The page images of a PDF without a text layer (a scan), as the file
/// holds them (JPEG, Flate, CCITT … decoded, not re-rendered), grey, in page
/// order; images too small to be a page (seals, logos) are left out.
pub fn page_images(bytes: &[u8]) -> Result<Vec<image::GrayImage>, PdfError> {
    sound(bytes)?;
    match isolated(|| page_images_inner(bytes)) {
        Ok(r) => r,
        Err(panic) => Err(PdfError::Broken(format!("解析出错（{panic}）"))),
    }
}

fn page_images_inner(bytes: &[u8]) -> Result<Vec<image::GrayImage>, PdfError> {
    use super::image::{MAX_IMAGES, MIN_SIDE, grey_within_limits};
    let (doc, pages) = open(bytes)?;
    let mut out = Vec::new();
    for p in 0..pages {
        let Ok(Ok(images)) = catch(|| doc.extract_images(p)) else {
            continue;
        };
        for img in images {
            let (w, h) = (img.width(), img.height());
            if w < MIN_SIDE || h < MIN_SIDE {
                continue;
            }
            let grey = grey_within_limits(w, h, || match catch(|| img.to_dynamic_image()) {
                Ok(Ok(d)) => Ok(d),
                Ok(Err(e)) => Err(super::image::ImageError::Undecodable(e.to_string())),
                Err(p) => Err(super::image::ImageError::Undecodable(p)),
            });
            match grey {
                Ok(g) => out.push(g),
                Err(e) => return Err(PdfError::Broken(format!("第 {} 页的图片：{e}", p + 1))),
            }
            if out.len() >= MAX_IMAGES {
                return Ok(out);
            }
        }
    }
    Ok(out)
}

fn glyphs_inner(bytes: &[u8]) -> Result<Vec<Glyph>, PdfError> {
    let (doc, pages) = open(bytes)?;
    let mut out = Vec::new();
    let mut failed: Vec<(usize, String)> = Vec::new();
    for p in 0..pages {
        // One broken page (bad font, bad content stream) does not lose the others.
        let chars = match catch(|| doc.extract_chars(p)) {
            Ok(Ok(chars)) => chars,
            Ok(Err(pdf_oxide::Error::EncryptedPdf)) => return Err(PdfError::Encrypted),
            Ok(Err(e)) => {
                failed.push((p + 1, e.to_string()));
                continue;
            }
            Err(panic) => {
                failed.push((p + 1, panic));
                continue;
            }
        };
        if out.len() + chars.len() > MAX_CHARS {
            return Err(PdfError::Broken(format!(
                "文字过多（超过 {MAX_CHARS} 个字符）"
            )));
        }
        let media = catch(|| doc.get_page_media_box(p))
            .ok()
            .and_then(Result::ok);
        place_page(p + 1, &chars, media, &mut out);
    }
    if out.is_empty() {
        if failed.len() == pages {
            let (p, why) = &failed[0];
            return Err(PdfError::Broken(format!("第 {p} 页无法读取（{why}）")));
        }
        return Err(PdfError::NoTextLayer);
    }
    Ok(out)
}

/// Map one page's characters into its reading frame and append them to `out`.
///
/// The dominant text direction of the page decides the frame, so a landscape table drawn
/// rotated on a portrait page reads normally; characters at other angles (diagonal
/// watermarks, stray rotated labels) are dropped.
fn place_page(
    page: usize,
    chars: &[pdf_oxide::layout::TextChar],
    media: Option<(f32, f32, f32, f32)>,
    out: &mut Vec<Glyph>,
) {
    let usable = |c: &&pdf_oxide::layout::TextChar| {
        !c.char.is_control()
            && c.origin_x.is_finite()
            && c.origin_y.is_finite()
            && c.font_size.is_finite()
            && c.font_size > 0.1
    };
    let chars: Vec<&pdf_oxide::layout::TextChar> = chars.iter().filter(usable).collect();
    if chars.is_empty() {
        return;
    }
    let bucket = |deg: f32| -> usize { ((deg.rem_euclid(360.0) / 90.0).round() as usize) % 4 };
    let mut counts = [0usize; 4];
    for c in &chars {
        counts[bucket(c.rotation_degrees)] += 1;
    }
    let dominant = (0..4)
        .max_by_key(|&b| (counts[b], usize::from(b == 0)))
        .unwrap_or(0);
    let near = |deg: f32| {
        let d = (deg - dominant as f32 * 90.0).rem_euclid(360.0);
        d.min(360.0 - d) <= 10.0
    };
    let chars: Vec<&pdf_oxide::layout::TextChar> = chars
        .into_iter()
        .filter(|c| near(c.rotation_degrees))
        .collect();
    if dominant == 0 {
        // Upright page: keep real page coordinates.
        let (left, top) = match media {
            Some((x0, y0, x1, y1)) if x1 > x0 || y1 > y0 => (x0.min(x1), y0.max(y1)),
            _ => (
                0.0,
                chars
                    .iter()
                    .map(|c| c.origin_y + c.font_size)
                    .fold(842.0f32, f32::max),
            ),
        };
        for c in chars {
            out.push(Glyph {
                page,
                x: c.origin_x - left,
                y: top - c.origin_y,
                w: c.advance_width.max(0.0),
                size: c.font_size,
                text: c.char.to_string(),
            });
        }
        return;
    }
    // Rotated page: `rotation_degrees` is the angle of the text direction, counter-clockwise
    // in PDF space (y up), so 90 is text running up the page.
    let angle = (dominant as f32 * 90.0).to_radians();
    let (dx, dy) = (angle.cos().round(), angle.sin().round());
    // "Up" for that text is the direction rotated 90° counter-clockwise (PDF y grows upward).
    let (nx, ny) = (-dy, dx);
    let along = |c: &pdf_oxide::layout::TextChar| c.origin_x * dx + c.origin_y * dy;
    let up = |c: &pdf_oxide::layout::TextChar| c.origin_x * nx + c.origin_y * ny;
    let left = chars.iter().map(|c| along(c)).fold(f32::INFINITY, f32::min);
    let top = chars
        .iter()
        .map(|c| up(c) + c.font_size)
        .fold(f32::NEG_INFINITY, f32::max);
    for c in chars {
        out.push(Glyph {
            page,
            x: along(c) - left,
            y: top - up(c),
            // 0.3.78 reports the advance of rotated glyphs as 0; estimate it.
            w: if c.advance_width > 0.0 {
                c.advance_width
            } else if is_wide(c.char) {
                c.font_size
            } else {
                0.5 * c.font_size
            },
            size: c.font_size,
            text: c.char.to_string(),
        });
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Advance used for gap measurement. Some producers' widths are wrong or missing, so a CJK
/// glyph is taken to be at least 0.9 em wide and any glyph at least 0.2 em (at most 3 em).
fn advance(g: &Glyph) -> f32 {
    let min = if g.text.chars().next().is_some_and(is_wide) {
        0.9
    } else {
        0.2
    };
    g.w.max(g.size * min).min(g.size * 3.0)
}

/// Lines of one page: glyph indices grouped by baseline, each line sorted left to right.
fn page_lines(gs: &[Glyph]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..gs.len()).collect();
    order.sort_by(|&a, &b| {
        gs[a]
            .y
            .total_cmp(&gs[b].y)
            .then(gs[a].x.total_cmp(&gs[b].x))
    });
    let mut lines: Vec<(f32, f32, Vec<usize>)> = Vec::new(); // (first baseline, min size, glyphs)
    for i in order {
        let g = &gs[i];
        let joined = lines.last_mut().is_some_and(|(y0, size, members)| {
            // Baselines within 30 % of the smaller font size belong to one line (numbers in a
            // bigger font sit a point or two lower than their label).
            let tol = 0.3 * size.min(g.size);
            if g.y - *y0 <= tol {
                *size = size.min(g.size);
                members.push(i);
                true
            } else {
                false
            }
        });
        if !joined {
            lines.push((g.y, g.size, vec![i]));
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut m)| {
            m.sort_by(|&a, &b| gs[a].x.total_cmp(&gs[b].x));
            m
        })
        .collect()
}

fn runs_from_glyphs(glyphs: Vec<Glyph>) -> Vec<Run> {
    let mut out = Vec::new();
    for page_glyphs in glyphs.chunk_by(|a, b| a.page == b.page) {
        let page = page_glyphs[0].page;
        for line in page_lines(page_glyphs) {
            let mut cur: Option<Run> = None;
            let mut last_x = f32::NEG_INFINITY;
            let mut n = 0.0f32;
            // A space glyph between two glyphs of one run is kept as one space; otherwise
            // spaces are re-created from the geometry by `layout_text`.
            let mut space = false;
            for &i in &line {
                let g = &page_glyphs[i];
                if g.text.trim().is_empty() {
                    space = cur.is_some();
                    continue;
                }
                if let Some(run) = cur.as_mut() {
                    // The same glyph drawn again on top of itself (fake bold): skip it.
                    if (g.x - last_x).abs() < 0.1 * g.size && run.text.ends_with(g.text.as_str()) {
                        continue;
                    }
                    // Glyphs of one word/label sit within 0.3 em (CJK glyphs are about 1 em
                    // wide and set edge to edge); table cells are further apart.
                    let gap = g.x - run.x_end;
                    if gap <= MERGE_GAP_EM * run.font_size.min(g.size) {
                        if std::mem::take(&mut space) && !run.text.ends_with(' ') {
                            run.text.push(' ');
                        }
                        run.text.push_str(&g.text);
                        run.x_end = run.x_end.max(g.x + advance(g));
                        run.y = run.y.max(g.y);
                        run.font_size = (run.font_size * n + g.size) / (n + 1.0);
                        n += 1.0;
                        last_x = g.x;
                        continue;
                    }
                    out.push(cur.take().expect("checked above"));
                }
                n = 1.0;
                last_x = g.x;
                space = false;
                cur = Some(Run {
                    page,
                    x: g.x,
                    y: g.y,
                    x_end: g.x + advance(g),
                    text: g.text.clone(),
                    font_size: g.size,
                });
            }
            out.extend(cur);
        }
    }
    out
}

/// Join a vertical label — single CJK characters stacked at one x, like
/// `三`/`、`/`本`/`年`/`度`… of a group cell written top to bottom — into one run at the
/// first character's place, as `pdftotext -layout` prints it. Digits are never joined, so a
/// column of one-digit counts stays a column.
fn join_vertical(runs: Vec<Run>) -> Vec<Run> {
    let single = |r: &Run| {
        let mut cs = r.text.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if is_wide(c))
    };
    let mut taken = vec![false; runs.len()];
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for i in 0..runs.len() {
        if taken[i] || !single(&runs[i]) {
            continue;
        }
        let mut chain = vec![i];
        let mut last = i;
        // Runs come page by page, top to bottom, so candidates follow `last`.
        for j in i + 1..runs.len() {
            let (a, b) = (&runs[last], &runs[j]);
            if b.page != a.page || b.y - a.y > 4.0 * a.font_size {
                break;
            }
            if !taken[j]
                && single(b)
                && (b.x - a.x).abs() < 0.3 * a.font_size
                && b.y - a.y > 0.8 * a.font_size
            {
                chain.push(j);
                last = j;
            }
        }
        if chain.len() >= 3 {
            for &k in &chain {
                taken[k] = true;
            }
            chains.push(chain);
        }
    }
    if chains.is_empty() {
        return runs;
    }
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut joined: Vec<Option<Run>> = vec![None; runs.len()];
    for chain in chains {
        let first = &runs[chain[0]];
        let mut r = first.clone();
        r.text = chain.iter().map(|&k| runs[k].text.as_str()).collect();
        r.x_end = chain.iter().map(|&k| runs[k].x_end).fold(r.x_end, f32::max);
        joined[chain[0]] = Some(r);
    }
    for (i, r) in runs.into_iter().enumerate() {
        if let Some(j) = joined[i].take() {
            out.push(j);
        } else if !taken[i] {
            out.push(r);
        }
    }
    out
}

/// All text runs of the document (first [`MAX_PAGES`] pages), page by page, top to bottom,
/// left to right.
pub fn runs(bytes: &[u8]) -> Result<Vec<Run>, PdfError> {
    let glyphs = glyphs(bytes)?;
    let runs = join_vertical(runs_from_glyphs(glyphs));
    if runs.is_empty() {
        return Err(PdfError::NoTextLayer);
    }
    if runs.len() > MAX_RUNS {
        return Err(PdfError::Broken(format!(
            "文字块过多（超过 {MAX_RUNS} 个）"
        )));
    }
    Ok(runs)
}

/// The document as text lines (see [`layout_text`]), for the text reader.
pub fn text(bytes: &[u8]) -> Result<String, PdfError> {
    Ok(layout_text(&runs(bytes)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(page: usize, x: f32, y: f32, size: f32, text: &str) -> Glyph {
        let w = if text.chars().all(is_wide) {
            size
        } else {
            size * 0.5 * text.chars().count() as f32
        };
        Glyph {
            page,
            x,
            y,
            w,
            size,
            text: text.into(),
        }
    }

    #[test]
    fn cjk_glyphs_merge_and_columns_get_two_spaces() {
        let mut gs = Vec::new();
        for (i, c) in "一、本年新收".chars().enumerate() {
            gs.push(g(1, 77.5 + i as f32 * 10.0, 493.85, 9.95, &c.to_string()));
        }
        // numbers in a bigger font, baseline 1.4 pt lower, in columns 28 pt apart
        gs.push(g(1, 318.7, 495.29, 14.05, "2"));
        gs.push(g(1, 325.8, 495.29, 14.05, "1"));
        gs.push(g(1, 352.2, 495.29, 14.05, "0"));
        gs.push(g(2, 280.0, 800.0, 12.0, "-3-"));
        let runs = runs_from_glyphs(gs);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["一、本年新收", "21", "0", "-3-"]);
        let text = layout_text(&runs);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("一、本年新收  "), "{text}");
        assert!(
            lines[0].contains("21  ") && lines[0].ends_with("0"),
            "{text}"
        );
        // A later page starts with a form feed, as pdftotext writes it.
        assert_eq!(lines[1], "\x0c-3-");
    }

    #[test]
    fn small_gap_inside_a_label_is_one_space() {
        let gs = vec![
            g(1, 100.0, 50.0, 10.0, "情"),
            g(1, 116.0, 50.0, 10.0, "形"),
            g(1, 126.0, 50.0, 10.0, "，"),
        ];
        let runs = runs_from_glyphs(gs);
        assert_eq!(layout_text(&runs), "情 形，\n");
    }

    #[test]
    fn latin_words_keep_their_space_glyph() {
        // "Hello World": the space glyph is 0.28 em wide, below the merge gap
        let mut gs = Vec::new();
        let mut x = 10.0;
        for c in "Hello World".chars() {
            let w = if c == ' ' { 2.8 } else { 5.5 };
            gs.push(Glyph {
                page: 1,
                x,
                y: 20.0,
                w,
                size: 10.0,
                text: c.to_string(),
            });
            x += w;
        }
        assert_eq!(layout_text(&runs_from_glyphs(gs)), "Hello World\n");
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let gs = vec![
            g(1, 10.0, 20.0, 10.0, "表"),
            g(1, 10.3, 20.0, 10.0, "表"),
            g(1, 20.0, 20.0, 10.0, "三"),
        ];
        assert_eq!(layout_text(&runs_from_glyphs(gs)), "表三\n");
    }

    #[test]
    fn vertical_label_is_joined_but_digit_columns_are_not() {
        let mut gs = Vec::new();
        for (i, c) in "三、本年度".chars().enumerate() {
            gs.push(g(1, 80.0, 100.0 + i as f32 * 20.0, 10.0, &c.to_string()));
        }
        for i in 0..5 {
            gs.push(g(1, 300.0, 95.0 + i as f32 * 20.0, 10.0, "0"));
        }
        gs.sort_by(|a, b| a.y.total_cmp(&b.y));
        let runs = join_vertical(runs_from_glyphs(gs));
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["0", "三、本年度", "0", "0", "0", "0"]);
    }

    #[test]
    fn lines_are_ordered_top_to_bottom() {
        let gs = vec![g(1, 10.0, 200.0, 10.0, "下"), g(1, 10.0, 100.0, 10.0, "上")];
        assert_eq!(layout_text(&runs_from_glyphs(gs)), "上\n下\n");
    }

    #[test]
    fn garbage_is_broken_not_a_panic() {
        assert!(matches!(runs(b""), Err(PdfError::Broken(_))));
        assert!(matches!(runs(b"%PDF-1.7\n"), Err(PdfError::Broken(_))));
        assert!(matches!(runs(b"<html></html>"), Err(PdfError::Broken(_))));
        assert!(
            matches!(runs(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), Err(PdfError::Broken(m)) if m.contains("不完整"))
        );
        assert_eq!(PdfError::Encrypted.to_string(), "PDF 已加密，无法读取");
    }
}
