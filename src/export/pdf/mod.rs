//! PDF export in the layout of 党政机关公文格式 (GB/T 9704): the report
//! walked once ([`super::walk`]), laid out on A4 pages ([`flow`], [`table`])
//! in the 公文 faces the machine has ([`fonts`]), and written by krilla as
//! PDF/A-2b with every font embedded and subset, tagged (headings, paragraphs,
//! tables with their header cells and merges; page numbers and rules as
//! artifacts) so that a screen reader and a text extractor follow the report.

mod flow;
pub mod fonts;
mod table;
mod write;

use super::column_shares;
use super::walk::{Filled, Level, Sink, walk};
use crate::model::Report;
use flow::{BODY, Flow, Mark, PITCH, TITLE};
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
    let write = |archival| write::pdf(report, fonts, &pages, &blocks, archival);
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
pub(crate) enum Block {
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

    /// The height of the waiting headings.
    fn headings_height(&self) -> f32 {
        let lines: usize = self
            .headings
            .iter()
            .map(|(role, h, _)| {
                self.flow
                    .wrap(*role, BODY, h, flow::WIDTH - 2.0 * BODY, flow::WIDTH)
                    .len()
            })
            .sum();
        lines as f32 * PITCH
    }

    /// The waiting headings, on the page where `next` more also fits.
    fn keep_with(&mut self, next: f32) {
        self.flow.need(self.headings_height() + next);
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
        // Kept whole with its heading only where both fit on a page: never a
        // heading alone at the foot of one.
        let heading = self.headings_height();
        self.keep_with(laid.start(heading));
        laid.place(&mut self.flow, heading);
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
