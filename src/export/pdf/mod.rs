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

/// The report as a PDF, in the faces `fonts` holds.
pub fn render(report: &Report, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let mut layout = Layout {
        flow: Flow::new(fonts),
        signed: false,
        headings: Vec::new(),
    };
    walk(report, &mut layout);
    layout.keep_with(0.0);
    write(report, fonts, &layout.flow.finish())
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
        self.headings.push((role, text.to_string()));
    }
    fn paragraph(&mut self, text: &str) {
        // A heading keeps with two lines of its text.
        self.keep_with(2.0 * PITCH);
        self.flow.paragraph(Role::Body, text);
    }
    fn table(&mut self, t: &Filled) {
        let texts = t.grid.cells.iter().map(|c| t.text(c)).collect();
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
        self.flow.right_line(Role::Body, line, 4.0 * BODY);
    }
}

/// The laid-out pages through krilla: text in runs of one face, borders
/// as 0.5 pt lines, the document's title, language and author as metadata.
fn write(report: &Report, fonts: &Fonts, pages: &[Page]) -> Result<Vec<u8>, String> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| format!("生成 PDF 文件失败：{e:?}"))?;
    let settings = krilla::SerializeSettings {
        configuration,
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
    let size = PageSettings::from_wh(flow::PAGE_W, flow::PAGE_H)
        .ok_or("生成 PDF 文件失败：页面尺寸无效")?;
    for page in pages {
        let mut p = doc.start_page_with(size.clone());
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
        .map_err(|e| format!("生成 PDF 文件失败：{e:?}"))
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
