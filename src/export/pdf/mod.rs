//! PDF export in the layout of 党政机关公文格式 (GB/T 9704): the report
//! walked once ([`super::walk`]), laid out on A4 pages ([`flow`], [`table`])
//! in the 公文 faces the machine has ([`fonts`]), and written by krilla as
//! PDF/A-2b with every font embedded and subset.

mod flow;
pub mod fonts;
mod table;

use krilla::Document;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::TextDirection;

use super::column_shares;
use super::walk::{Filled, Level, Sink, walk};
use crate::model::Report;
use flow::{BODY, Flow, Op, PITCH, Page, TITLE};
use fonts::{Fonts, Role};

/// A PDF made: its bytes, and the characters no font had (drawn as empty
/// boxes; such a file cannot be PDF/A and is written as plain PDF).
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub missing: Vec<String>,
}

/// The report as a PDF, in the faces `fonts` holds.
pub fn render(report: &Report, fonts: &Fonts) -> Result<Vec<u8>, String> {
    make(report, fonts).map(|p| p.bytes)
}

/// The report as a PDF, and what could not be drawn.
pub fn make(report: &Report, fonts: &Fonts) -> Result<Pdf, String> {
    let mut layout = Layout {
        flow: Flow::new(fonts),
        signed: false,
        headings: Vec::new(),
    };
    walk(report, &mut layout);
    layout.keep_with(0.0);
    let pages = layout.flow.finish();
    match write(report, fonts, &pages, true) {
        Err(krilla::error::KrillaError::Validation(errors)) => {
            let mut missing: Vec<String> = Vec::new();
            for (e, _) in &errors {
                match e {
                    krilla::configure::ValidationError::ContainsNotDefGlyph(_, _, text) => {
                        if !missing.contains(text) {
                            missing.push(text.clone());
                        }
                    }
                    other => return Err(failed(&format!("{other:?}"))),
                }
            }
            let bytes =
                write(report, fonts, &pages, false).map_err(|e| failed(&format!("{e:?}")))?;
            Ok(Pdf { bytes, missing })
        }
        Err(e) => Err(failed(&format!("{e:?}"))),
        Ok(bytes) => Ok(Pdf {
            bytes,
            missing: Vec::new(),
        }),
    }
}

fn failed(why: &str) -> String {
    format!("生成 PDF 文件失败：{why}")
}

/// Control characters draw nothing and have no glyph: left out.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// The walk's pieces laid out one after another.
struct Layout<'f> {
    flow: Flow<'f>,
    /// Whether the signature has begun (a blank line goes before it).
    signed: bool,
    /// Headings waiting for what follows them: a heading is never the last
    /// thing on a page.
    headings: Vec<(Role, String)>,
}

impl Layout<'_> {
    /// The waiting headings, on the page where `next` more also fits.
    fn keep_with(&mut self, next: f32) {
        let lines: usize = self
            .headings
            .iter()
            .map(|(role, h)| {
                self.flow
                    .wrap(*role, BODY, h, flow::WIDTH - 2.0 * BODY, flow::WIDTH)
                    .len()
            })
            .sum();
        self.flow.need(lines as f32 * PITCH + next);
        for (role, h) in std::mem::take(&mut self.headings) {
            self.flow.paragraph(role, &h);
        }
    }
}

impl Sink for Layout<'_> {
    fn title(&mut self, text: &str) {
        let text = &printable(text);
        // Too long for a line: the agency and year above, 政府信息公开工作年度报告
        // below, rather than a break in the middle of a word.
        let suffix = crate::template::TITLE_SUFFIX;
        let one_line = self.flow.width(Role::Title, TITLE, text) <= flow::WIDTH;
        match text.strip_suffix(suffix) {
            Some(head) if !one_line && !head.is_empty() => {
                self.flow.centred(Role::Title, TITLE, TITLE * 1.5, head);
                self.flow.centred(Role::Title, TITLE, TITLE * 1.5, suffix);
            }
            _ => self.flow.centred(Role::Title, TITLE, TITLE * 1.5, text),
        }
        self.flow.y += PITCH;
    }
    fn heading(&mut self, level: Level, text: &str) {
        let role = match level {
            Level::Part => Role::PartHeading,
            Level::Section => Role::SectionHeading,
        };
        self.headings.push((role, printable(text)));
    }
    fn paragraph(&mut self, text: &str) {
        // A heading keeps with two lines of its text.
        self.keep_with(2.0 * PITCH);
        self.flow.paragraph(Role::Body, &printable(text));
    }
    fn table(&mut self, t: &Filled) {
        let texts = t.grid.cells.iter().map(|c| printable(&t.text(c))).collect();
        let printed = table::Printed {
            grid: t.grid,
            texts,
            shares: column_shares(t.table),
        };
        let laid = table::Laid::new(&self.flow, &printed);
        self.keep_with(laid.start());
        laid.place(&mut self.flow);
    }
    fn signature(&mut self, line: &str) {
        self.keep_with(PITCH);
        if !self.signed {
            self.flow.y += PITCH;
            self.signed = true;
        }
        // 公文 sets the signature four characters in from the right edge.
        self.flow
            .right_line(Role::Body, &printable(line), 4.0 * BODY);
    }
}

/// The laid-out pages through krilla: text in runs of one face, borders
/// as 0.5 pt lines, the document's title, language and author as metadata;
/// as PDF/A-2b where `archival`.
fn write(
    report: &Report,
    fonts: &Fonts,
    pages: &[Page],
    archival: bool,
) -> Result<Vec<u8>, krilla::error::KrillaError> {
    let mut configuration = ConfigurationBuilder::new();
    if archival {
        configuration = configuration.with_archival_validator(Archival::A2_B);
    }
    let settings = krilla::SerializeSettings {
        configuration: configuration.finish().unwrap_or_default(),
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    let mut meta = Metadata::new()
        .title(report.title())
        .language("zh-CN".to_string())
        .creator("nianbao".to_string());
    if !report.meta.agency.is_empty() {
        meta = meta.authors(vec![report.meta.agency.clone()]);
    }
    // PDF/A needs the date the file was made.
    let now = chrono::Utc::now();
    {
        use chrono::{Datelike, Timelike};
        let date = krilla::metadata::DateTime::new(now.year().clamp(0, 9999) as u16)
            .month(now.month() as u8)
            .day(now.day() as u8)
            .hour(now.hour() as u8)
            .minute(now.minute() as u8)
            .second(now.second() as u8)
            .utc_offset_hour(0);
        meta = meta.creation_date(date);
    }
    doc.set_metadata(meta);
    for page in pages {
        let size = PageSettings::from_wh(flow::PAGE_W, flow::PAGE_H).unwrap_or_default();
        let mut p = doc.start_page_with(size);
        let mut surface = p.surface();
        surface.set_stroke(Some(Stroke {
            width: 0.5,
            ..Default::default()
        }));
        for op in &page.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    role,
                    text,
                } => {
                    let mut x = *x;
                    for (face, run) in runs(fonts, *role, text) {
                        surface.draw_text(
                            Point::from_xy(x, *y),
                            face.font.clone(),
                            *size,
                            run,
                            false,
                            TextDirection::Auto,
                        );
                        x += run
                            .chars()
                            .map(|c| face.advance(c).unwrap_or(1.0) * size)
                            .sum::<f32>();
                    }
                }
                Op::Line { x1, y1, x2, y2 } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        p.finish();
    }
    doc.finish()
}

/// `text` cut where the face that draws it changes (a character the role's
/// face lacks is drawn in the bundled one).
fn runs<'a>(fonts: &'a Fonts, role: Role, text: &'a str) -> Vec<(&'a fonts::Face, &'a str)> {
    let mut out: Vec<(&fonts::Face, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<&fonts::Face> = None;
    for (i, c) in text.char_indices() {
        let face = fonts.for_char(role, c);
        if let Some(cur) = current
            && !std::ptr::eq(cur, face)
        {
            out.push((cur, &text[start..i]));
            start = i;
        }
        current = Some(face);
    }
    if let Some(cur) = current {
        out.push((cur, &text[start..]));
    }
    out
}
