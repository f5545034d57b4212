//! The standard text and table layout: headings verbatim, each table as
//! pipe-delimited rows (merged cells as empty cells, so every row of a table
//! has the same number of cells). The Markdown flavour adds `#` headings and
//! the table separator row.

use super::{chinese_date, fee_sentence, grid_rows, numbered};
use crate::compute::Totals;
use crate::model::{Narrative, Report, Section};
use crate::template::{PART_HEADINGS, PART6_SECTIONS, t2_grid, t3_grid, t4_grid};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    Plain,
    Markdown,
}

pub fn render(r: &Report, flavor: Flavor) -> String {
    let totals = Totals::of(r);
    let mut out = Out {
        s: String::new(),
        flavor,
    };
    out.heading(0, &r.title());
    out.para(&r.preamble);
    out.heading(1, PART_HEADINGS[0]);
    out.para(&r.part1.intro);
    out.sections(&r.part1.sections, 0);
    out.heading(1, PART_HEADINGS[1]);
    out.para(&r.part2_text);
    out.table(grid_rows(r, &totals, t2_grid()));
    out.heading(1, PART_HEADINGS[2]);
    out.para(&r.part3_text);
    out.table(grid_rows(r, &totals, t3_grid()));
    out.heading(1, PART_HEADINGS[3]);
    out.para(&r.part4_text);
    out.table(grid_rows(r, &totals, t4_grid()));
    out.heading(1, PART_HEADINGS[4]);
    out.para(&r.part5);
    out.heading(1, PART_HEADINGS[5]);
    let has_sections = r
        .part6
        .sections
        .iter()
        .any(|s| !s.body.is_empty() || !s.title.is_empty());
    if has_sections {
        out.heading(2, &format!("{}{}", numbered(0), PART6_SECTIONS[0]));
    }
    if let Some(f) = fee_sentence(r) {
        out.line(&f);
    }
    out.para(&r.part6.text);
    out.sections(&r.part6.sections, 1);
    out.line(&r.meta.agency);
    if !r.meta.date.is_empty() {
        out.line(&chinese_date(&r.meta.date));
    }
    out.s
}

struct Out {
    s: String,
    flavor: Flavor,
}

impl Out {
    fn line(&mut self, text: &str) {
        if !text.trim().is_empty() {
            self.s.push_str(text.trim_end());
            self.s.push_str("\n\n");
        }
    }
    fn heading(&mut self, level: usize, text: &str) {
        if self.flavor == Flavor::Markdown {
            self.s.push_str(&"#".repeat(level + 1));
            self.s.push(' ');
        }
        self.line(text);
    }
    fn para(&mut self, n: &Narrative) {
        for p in n.text.lines() {
            self.line(p);
        }
    }
    /// Sub-sections with content, numbered consecutively from `first_number`.
    fn sections(&mut self, sections: &[Section], first_number: usize) {
        for (i, s) in sections.iter().filter(|s| !s.body.is_empty()).enumerate() {
            self.heading(2, &format!("{}{}", numbered(i + first_number), s.title));
            self.para(&s.body);
        }
    }
    fn table(&mut self, rows: Vec<Vec<String>>) {
        for (i, row) in rows.iter().enumerate() {
            self.s.push('|');
            for c in row {
                self.s.push(' ');
                self.s.push_str(c);
                self.s.push_str(" |");
            }
            self.s.push('\n');
            if i == 0 && self.flavor == Flavor::Markdown {
                self.s.push('|');
                for _ in row {
                    self.s.push_str("---|");
                }
                self.s.push('\n');
            }
        }
        self.s.push('\n');
    }
}
