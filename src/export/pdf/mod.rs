//! PDF export in the layout of 党政机关公文格式 (GB/T 9704): the report
//! walked once ([`super::walk`]), laid out on A4 pages ([`flow`], [`table`])
//! in the 公文 faces the machine has ([`fonts`]), and written by krilla as
//! PDF/A-2b with every font embedded and subset, tagged (headings, paragraphs,
//! tables with their header cells and merges; page numbers and rules as
//! artifacts) so that a screen reader and a text extractor follow the report.

mod flow;
pub mod fonts;
mod table;

use krilla::Document;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagTree,
};
use krilla::text::TextDirection;
use std::collections::HashMap;

use super::column_shares;
use super::walk::{Filled, Level, Sink, walk};
use crate::model::Report;
use flow::{BODY, Flow, Mark, Op, PITCH, Page, TITLE};
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
        blocks: Vec::new(),
    };
    walk(report, &mut layout);
    layout.keep_with(0.0);
    let blocks = std::mem::take(&mut layout.blocks);
    let pages = layout.flow.finish();
    let write = |archival| write(report, fonts, &pages, &blocks, archival);
    match write(true) {
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
            let bytes = write(false).map_err(|e| failed(&format!("{e:?}")))?;
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
    /// Headings waiting for what follows them (a heading is never the last
    /// thing on a page), with their blocks.
    headings: Vec<(Role, String, usize)>,
    /// The report's blocks in reading order: the tagged PDF's structure.
    blocks: Vec<Block>,
}

/// A block of the report, as the tagged PDF's structure names it.
#[derive(Clone, Copy, Debug)]
enum Block {
    Title,
    Heading(Level),
    Paragraph,
    Table(&'static crate::template::Grid),
}

impl Layout<'_> {
    /// Starts a block: the text drawn from now on belongs to it.
    fn begin(&mut self, block: Block) -> usize {
        self.blocks.push(block);
        let i = self.blocks.len() - 1;
        self.flow.mark = Mark::Block(i);
        i
    }

    /// The waiting headings, on the page where `next` more also fits.
    fn keep_with(&mut self, next: f32) {
        let lines: usize = self
            .headings
            .iter()
            .map(|(role, h, _)| {
                self.flow
                    .wrap(*role, BODY, h, flow::WIDTH - 2.0 * BODY, flow::WIDTH)
                    .len()
            })
            .sum();
        self.flow.need(lines as f32 * PITCH + next);
        for (role, h, block) in std::mem::take(&mut self.headings) {
            self.flow.mark = Mark::Block(block);
            self.flow.paragraph(role, &h);
        }
    }
}

impl Sink for Layout<'_> {
    fn title(&mut self, text: &str) {
        let text = &printable(text);
        self.begin(Block::Title);
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
        let block = self.begin(Block::Heading(level));
        self.headings.push((role, printable(text), block));
    }
    fn paragraph(&mut self, text: &str) {
        // A heading keeps with two lines of its text.
        self.keep_with(2.0 * PITCH);
        self.begin(Block::Paragraph);
        self.flow.paragraph(Role::Body, &printable(text));
    }
    fn table(&mut self, t: &Filled) {
        let texts = t.grid.cells.iter().map(|c| printable(&t.text(c))).collect();
        let block = self.begin(Block::Table(t.grid));
        let printed = table::Printed {
            block,
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
        self.begin(Block::Paragraph);
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
    blocks: &[Block],
    archival: bool,
) -> Result<Vec<u8>, krilla::error::KrillaError> {
    let mut configuration = ConfigurationBuilder::new();
    if archival {
        configuration = configuration.with_archival_validator(Archival::A2_B);
    }
    let settings = krilla::SerializeSettings {
        configuration: configuration.finish().unwrap_or_default(),
        enable_tagging: true,
        ..Default::default()
    };
    let mut leaves: HashMap<Mark, Vec<Identifier>> = HashMap::new();
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
                    mark,
                } => {
                    let id = surface.start_tagged(match mark {
                        Mark::Artifact => {
                            ContentTag::Artifact(Artifact::new(ArtifactType::PageNumber, None))
                        }
                        _ => ContentTag::Span(SpanTag::empty()),
                    });
                    leaves.entry(*mark).or_default().push(id);
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
                    surface.end_tagged();
                }
                Op::Line { x1, y1, x2, y2 } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::new(
                        ArtifactType::Layout,
                        None,
                    )));
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.draw_path(&path);
                    }
                    surface.end_tagged();
                }
            }
        }
        surface.finish();
        p.finish();
    }
    doc.set_tag_tree(tag_tree(blocks, &mut leaves));
    doc.finish()
}

/// The structure: the title and headings as H1–H3, paragraphs as P, each
/// table as Table → TR → TH (its header rows) / TD, with the merges as spans.
fn tag_tree(blocks: &[Block], leaves: &mut HashMap<Mark, Vec<Identifier>>) -> TagTree {
    let mut take = |mark: Mark| leaves.remove(&mark).unwrap_or_default();
    let mut tree = TagTree::new();
    let level = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
    for (i, block) in blocks.iter().enumerate() {
        let mut group = match block {
            Block::Title => TagGroup::new(Tag::Hn(level(1), None)),
            Block::Heading(Level::Part) => TagGroup::new(Tag::Hn(level(2), None)),
            Block::Heading(Level::Section) => TagGroup::new(Tag::Hn(level(3), None)),
            Block::Paragraph => TagGroup::new(Tag::P),
            Block::Table(grid) => {
                let mut table = TagGroup::new(Tag::Table);
                for row in 0..grid.rows {
                    let mut tr = TagGroup::new(Tag::TR);
                    for (k, c) in grid.cells.iter().enumerate().filter(|(_, c)| c.row == row) {
                        let span =
                            |n: usize| std::num::NonZeroU32::new(n as u32).filter(|n| n.get() > 1);
                        let mut cell = if c.header {
                            TagGroup::new(
                                Tag::TH(TableHeaderScope::Column)
                                    .with_row_span(span(c.rowspan))
                                    .with_col_span(span(c.colspan)),
                            )
                        } else {
                            TagGroup::new(
                                Tag::TD
                                    .with_row_span(span(c.rowspan))
                                    .with_col_span(span(c.colspan)),
                            )
                        };
                        for id in take(Mark::Cell { table: i, cell: k }) {
                            cell.push(id);
                        }
                        tr.push(cell);
                    }
                    table.push(tr);
                }
                tree.push(table);
                continue;
            }
        };
        for id in take(Mark::Block(i)) {
            group.push(id);
        }
        tree.push(group);
    }
    tree
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
