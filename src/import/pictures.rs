//! Reports published as images, steps 1 and 3 together: a scan's pages or
//! a picture ([`scanned`]), or a saved web page whose tables are pictures
//! beside it ([`web_page`]), recognised ([`crate::ocr`] through
//! `decode/image.rs`), laid out and read as a PDF's text is, each box's
//! reading followed to the cells read from it. The pages as read come back
//! with the report, for the clerk to check each cell against.

use std::path::{Path, PathBuf};

use super::decode::{html, image, text};
use super::{Go, ImageError, ImportError, Imported, Progress, bounds, doc, read, runs};
use crate::project::read_limited;

/// A report published as images: the pages recognised into runs, laid out
/// and read as a PDF's text is, each box's reading followed to its cells.
pub(super) fn scanned(
    name: &str,
    pages: Vec<::image::GrayImage>,
    layout: &'static str,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, ImportError> {
    let image::Read { runs, boxes, pages } = image::runs(pages, progress)?;
    let (text, line_of) = runs::layout(&runs);
    bounds::text_ok(&text)?;
    let mut doc = text::read(&text);
    doc.layout = layout;
    bounds::doc_ok(&doc)?;
    let pieces = image::pieces(&runs, boxes, &line_of);
    let report = read::report_recognised(name, doc, &pieces)?;
    Ok(Imported { report, pages })
}

/// The pictures beside a saved web page that hold its tables: only for a
/// page with no table of its own (else its pictures are logos and photos),
/// those of its `<img>` that are picture files next to it.
pub(super) fn table_pictures(
    doc: &doc::Doc,
    pictures: &[html::Picture],
    page: &Path,
) -> Vec<(usize, PathBuf)> {
    if doc
        .lines
        .iter()
        .any(|l| matches!(l.kind, doc::LineKind::Row(_)))
    {
        return Vec::new();
    }
    let dir = page.parent().unwrap_or(Path::new(""));
    pictures
        .iter()
        .filter(|p| !p.src.contains("://") && !p.src.starts_with("data:"))
        .map(|p| {
            (
                p.after_lines,
                dir.join(percent_decoded(p.src.trim_start_matches("./"))),
            )
        })
        .filter(|(_, f)| page_sized(f))
        .take(image::MAX_IMAGES)
        .collect()
}

/// Whether `file` is a picture large enough to be a table (a logo or an
/// icon is not), known from its header alone.
fn page_sized(file: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(file) else {
        return false;
    };
    let mut head = [0u8; 16];
    if !std::io::Read::read(&mut f, &mut head).is_ok_and(|n| image::is_image(&head[..n])) {
        return false;
    }
    ::image::ImageReader::open(file)
        .and_then(|r| r.with_guessed_format())
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .is_some_and(|(w, h)| w >= image::MIN_SIDE && h >= image::MIN_SIDE)
}

/// `%E6%8A%A5` and `%20` in a saved page's links, as the file names are.
fn percent_decoded(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A saved web page whose tables are pictures beside it: the pictures
/// recognised, and the lines read from each put where the page shows it,
/// among the page's own paragraphs (its headings say which part a table
/// is under).
pub(super) fn web_page(
    name: &str,
    page: doc::Doc,
    pictures: Vec<(usize, PathBuf)>,
    progress: &mut dyn FnMut(Progress) -> Go,
) -> Result<Imported, ImportError> {
    let mut ats = Vec::new();
    let mut images = Vec::new();
    // A picture that cannot be read is left out, as a logo would be; the
    // page is still read.
    for (at, file) in pictures {
        if let Ok(image) = read_limited(&file)
            .map_err(|e| ImageError::Undecodable(e.to_string()))
            .and_then(|bytes| image::decode(&bytes))
        {
            ats.push(at);
            images.push(image);
        }
    }
    let read_as_text = |page: doc::Doc| -> Result<Imported, ImportError> {
        bounds::doc_ok(&page)?;
        read::report(name, page).map(Imported::from)
    };
    if images.is_empty() {
        return read_as_text(page);
    }
    let image::Read { runs, boxes, pages } = match image::runs(images, progress) {
        // Pictures with no text in them (photos): the page as it is.
        Err(ImageError::NoText) => return read_as_text(page),
        read => read?,
    };
    let (text, line_of) = runs::layout(&runs);
    bounds::text_ok(&text)?;
    let read = text::read(&text);
    // The page's own lines keep their numbers; those read from pictures follow them.
    let offset = page.lines.iter().map(|l| l.no).max().unwrap_or(0);
    let mut picture_of: std::collections::HashMap<usize, usize> = Default::default();
    for (run, &line) in runs.iter().zip(&line_of) {
        picture_of.entry(line).or_insert(run.page);
    }
    let mut from_pictures: Vec<Vec<doc::Line>> = vec![Vec::new(); ats.len()];
    let mut last = 1;
    for line in read.lines {
        let k = picture_of.get(&line.no).copied().unwrap_or(last);
        last = k;
        from_pictures[k - 1].push(shifted(line, offset));
    }
    let mut lines = Vec::new();
    for (i, line) in page.lines.into_iter().enumerate() {
        for (k, at) in ats.iter().enumerate() {
            if *at == i {
                lines.append(&mut from_pictures[k]);
            }
        }
        lines.push(line);
    }
    for lines_left in from_pictures.iter_mut() {
        lines.append(lines_left);
    }
    let doc = doc::Doc {
        lines,
        layout: "html-ocr",
    };
    bounds::doc_ok(&doc)?;
    let mut pieces = image::pieces(&runs, boxes, &line_of);
    for p in &mut pieces {
        p.line += offset;
    }
    let report = read::report_recognised(name, doc, &pieces)?;
    Ok(Imported { report, pages })
}

/// A line (and its cells) numbered `by` further on.
fn shifted(mut line: doc::Line, by: usize) -> doc::Line {
    line.no += by;
    if let doc::LineKind::Row(toks) = &mut line.kind {
        for t in toks {
            t.line += by;
        }
    }
    line
}
