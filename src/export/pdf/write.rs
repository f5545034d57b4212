//! The laid-out pages through krilla: text in runs of one face (a
//! character the role's face lacks in the bundled one), tables' rules as
//! 0.5 pt lines, the title, language, author and date as metadata, and the
//! structure tree of the tagged PDF.

use std::collections::HashMap;

use krilla::Document;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagTree,
};
use krilla::text::TextDirection;

use super::Block;
use super::flow::{self, Mark, Op, Page};
use super::fonts::{self, Fonts, Role};
use crate::export::walk::Level;
use crate::model::Report;

/// The PDF of `pages`; PDF/A-2b where `archival`.
pub(super) fn pdf(
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
    doc.set_metadata(metadata(report));
    for page in pages {
        let size = PageSettings::from_wh(flow::PAGE_W, flow::PAGE_H).unwrap_or_default();
        let mut p = doc.start_page_with(size);
        let mut surface = p.surface();
        draw(&mut surface, fonts, page, &mut leaves);
        surface.finish();
        p.finish();
    }
    doc.set_tag_tree(tag_tree(blocks, &mut leaves));
    doc.finish()
}

fn metadata(report: &Report) -> Metadata {
    use chrono::{Datelike, Timelike};
    let mut meta = Metadata::new()
        .title(report.title())
        .language("zh-CN".to_string())
        .creator("nianbao".to_string());
    if !report.meta.agency.is_empty() {
        meta = meta.authors(vec![report.meta.agency.clone()]);
    }
    // PDF/A needs the date the file was made.
    let now = chrono::Utc::now();
    let date = krilla::metadata::DateTime::new(now.year().clamp(0, 9999) as u16)
        .month(now.month() as u8)
        .day(now.day() as u8)
        .hour(now.hour() as u8)
        .minute(now.minute() as u8)
        .second(now.second() as u8)
        .utc_offset_hour(0);
    meta.creation_date(date)
}

/// One page's operations, each piece of text tagged with what it is part of.
fn draw(
    surface: &mut Surface,
    fonts: &Fonts,
    page: &Page,
    leaves: &mut HashMap<Mark, Vec<Identifier>>,
) {
    // Text is filled and rules are stroked, each with the other unset: krilla
    // draws text with whatever stroke is set, and with a stroke and no fill
    // every glyph came out as an outline (hollow text, which also defeated
    // text recognition of a printed or scanned copy).
    let text_paint = |surface: &mut Surface| {
        surface.set_stroke(None);
        surface.set_fill(Some(Fill::default()));
    };
    let rule_paint = |surface: &mut Surface| {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            width: 0.5,
            ..Default::default()
        }));
    };
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
                text_paint(surface);
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
                rule_paint(surface);
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
