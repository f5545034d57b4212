//! The one walk of a report that every exporter follows: title, preamble,
//! the six parts in the template's order ([`PARTS`]) with their texts,
//! sub-sections and tables, then the signature. An exporter implements
//! [`Sink`] with its own typography only, so the order of the parts, which
//! sub-sections are printed and how they are numbered cannot drift between
//! the text, HTML and Word files (as ripgrep's searcher drives its printers).

use super::{cell_text, chinese_date, fee_sentence, grid_rows, numbered};
use crate::compute::Totals;
use crate::model::{Narrative, Report, Section};
use crate::template::{Grid, GridCell, PART6_SECTIONS, PARTS, PartBody, Table};

/// The level of a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// 一、… (黑体 in print).
    Part,
    /// （一）… (楷体 in print).
    Section,
}

/// A table with the report's figures: what a sink needs to print it.
pub struct Filled<'a> {
    pub table: Table,
    pub grid: &'static Grid,
    report: &'a Report,
    totals: &'a Totals,
}

impl Filled<'_> {
    /// The text a cell of the grid shows.
    pub fn text(&self, cell: &GridCell) -> String {
        cell_text(self.report, self.totals, cell)
    }

    /// Every row as texts, covered (merged) places as empty strings.
    pub fn rows(&self) -> Vec<Vec<String>> {
        grid_rows(self.report, self.totals, self.grid)
    }
}

/// What an exporter does with each piece, in the order of the walk. Texts
/// come trimmed and never empty.
pub trait Sink {
    fn title(&mut self, text: &str);
    fn heading(&mut self, level: Level, text: &str);
    fn paragraph(&mut self, text: &str);
    fn table(&mut self, table: &Filled);
    /// The agency's name, then the date: the lines under the report.
    fn signature(&mut self, line: &str);
}

pub fn walk(r: &Report, sink: &mut impl Sink) {
    let totals = Totals::of(r);
    sink.title(&r.title());
    paragraphs(sink, &r.preamble);
    for part in PARTS {
        sink.heading(Level::Part, part.heading);
        match part.body {
            PartBody::TextAndSections => {
                paragraphs(sink, &r.part1.intro);
                sections(sink, &r.part1.sections, 0);
            }
            PartBody::TextAndTable(table) => {
                paragraphs(sink, part_text(r, table));
                sink.table(&Filled {
                    table,
                    grid: table.grid(),
                    report: r,
                    totals: &totals,
                });
            }
            PartBody::Text => paragraphs(sink, &r.part5),
            PartBody::FeesTextAndSections => {
                // （一） is the fee statement; it gets its heading when the
                // sections after it are printed, so that they number on from it.
                if printed(&r.part6.sections).next().is_some() {
                    let heading = format!("{}{}", numbered(0), PART6_SECTIONS[0]);
                    sink.heading(Level::Section, &heading);
                }
                if let Some(f) = fee_sentence(r) {
                    sink.paragraph(&f);
                }
                paragraphs(sink, &r.part6.text);
                sections(sink, &r.part6.sections, 1);
            }
        }
    }
    for line in [r.meta.agency.clone(), chinese_date(&r.meta.date)] {
        if !line.trim().is_empty() {
            sink.signature(line.trim());
        }
    }
}

/// The text printed before a part's table.
fn part_text(r: &Report, table: Table) -> &Narrative {
    match table {
        Table::T2 => &r.part2_text,
        Table::T3 => &r.part3_text,
        Table::T4 => &r.part4_text,
    }
}

fn paragraphs(sink: &mut impl Sink, n: &Narrative) {
    for line in n.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        sink.paragraph(line);
    }
}

/// The sub-sections that are printed: those with a body.
fn printed(sections: &[Section]) -> impl Iterator<Item = &Section> {
    sections.iter().filter(|s| !s.body.is_empty())
}

/// The printed sub-sections, numbered consecutively from `first`.
fn sections(sink: &mut impl Sink, sections: &[Section], first: usize) {
    for (i, s) in printed(sections).enumerate() {
        sink.heading(
            Level::Section,
            &format!("{}{}", numbered(i + first), s.title),
        );
        paragraphs(sink, &s.body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece of the walk as one line.
    #[derive(Default)]
    struct Record(Vec<String>);

    impl Sink for Record {
        fn title(&mut self, text: &str) {
            self.0.push(format!("title {text}"));
        }
        fn heading(&mut self, level: Level, text: &str) {
            self.0.push(format!("{level:?} {text}"));
        }
        fn paragraph(&mut self, text: &str) {
            self.0.push(format!("p {text}"));
        }
        fn table(&mut self, table: &Filled) {
            self.0.push(format!("table {}", table.table.name()));
        }
        fn signature(&mut self, line: &str) {
            self.0.push(format!("sign {line}"));
        }
    }

    fn section(title: &str, body: &str) -> Section {
        Section {
            title: title.into(),
            body: Narrative::new(body),
        }
    }

    #[test]
    fn parts_in_order_and_only_sections_with_a_body_numbered_on() {
        let mut r = Report::default();
        r.meta.agency = "某局".into();
        r.part1.sections = vec![section("主动公开", "甲。"), section("依申请公开", "")];
        r.part6.sections = vec![section("落实上级年度政务公开工作要点情况", "乙。")];
        let mut rec = Record::default();
        walk(&r, &mut rec);
        let lines: Vec<&str> = rec.0.iter().map(String::as_str).collect();
        assert_eq!(
            lines[1..],
            [
                "Part 一、总体情况",
                "Section （一）主动公开",
                "p 甲。",
                "Part 二、主动公开政府信息情况",
                "table 表二",
                "Part 三、收到和处理政府信息公开申请情况",
                "table 表三",
                "Part 四、政府信息公开行政复议、行政诉讼情况",
                "table 表四",
                "Part 五、存在的主要问题及改进情况",
                "Part 六、其他需要报告的事项",
                "Section （一）收取信息处理费情况",
                "Section （二）落实上级年度政务公开工作要点情况",
                "p 乙。",
                "sign 某局",
            ]
        );
    }

    #[test]
    fn a_part_six_section_with_a_title_only_prints_no_heading() {
        // The text export once printed （一） for it while HTML and Word did not.
        let mut r = Report::default();
        r.part6.sections = vec![section("其他", "")];
        let mut rec = Record::default();
        walk(&r, &mut rec);
        assert!(
            !rec.0.iter().any(|l| l.starts_with("Section")),
            "{:?}",
            rec.0
        );
    }
}
