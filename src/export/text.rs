//! The standard text and table layout: headings verbatim, each table as
//! pipe-delimited rows (merged cells as empty cells, so every row of a table
//! has the same number of cells). The Markdown flavour adds `#` headings and
//! the table separator row.

use super::walk::{Filled, Level, Sink, walk};
use crate::model::Report;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    Plain,
    Markdown,
}

pub fn render(r: &Report, flavor: Flavor) -> String {
    let mut out = Out {
        s: String::new(),
        flavor,
    };
    walk(r, &mut out);
    out.s
}

struct Out {
    s: String,
    flavor: Flavor,
}

impl Out {
    fn line(&mut self, text: &str) {
        self.s.push_str(text);
        self.s.push_str("\n\n");
    }
    /// `level` 0 is the title; Markdown marks it with that many `#` plus one.
    fn marked(&mut self, level: usize, text: &str) {
        if self.flavor == Flavor::Markdown {
            self.s.push_str(&"#".repeat(level + 1));
            self.s.push(' ');
        }
        self.line(text);
    }
}

impl Sink for Out {
    fn title(&mut self, text: &str) {
        self.marked(0, text);
    }
    fn heading(&mut self, level: Level, text: &str) {
        let depth = match level {
            Level::Part => 1,
            Level::Section => 2,
        };
        self.marked(depth, text);
    }
    fn paragraph(&mut self, text: &str) {
        self.line(text);
    }
    fn signature(&mut self, line: &str) {
        self.line(line);
    }
    fn table(&mut self, table: &Filled) {
        for (i, row) in table.rows().iter().enumerate() {
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
