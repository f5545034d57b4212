//! Where the editor is: its pages, and a cell or text to bring into view
//! (a finding names them by the CONTRACT's strings).

use crate::template::CellKey;

/// The pages of the editor: the cover (meta, preamble) and the six parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Cover,
    Part(usize),
}

pub const PAGES: [Page; 7] = [
    Page::Cover,
    Page::Part(0),
    Page::Part(1),
    Page::Part(2),
    Page::Part(3),
    Page::Part(4),
    Page::Part(5),
];

/// Which page shows the cell or part a finding names.
pub fn page_of(cell: &str) -> Page {
    if let Some(rest) = cell.strip_prefix("t") {
        match rest.chars().next() {
            Some('2') => return Page::Part(1),
            Some('3') => return Page::Part(2),
            Some('4') => return Page::Part(3),
            _ => {}
        }
    }
    match cell {
        c if c.starts_with("p6.") || c == "part6" || c.starts_with('六') => Page::Part(5),
        c if c == "part5" || c.starts_with('五') => Page::Part(4),
        c if c == "part1" || c.starts_with('一') => Page::Part(0),
        c if c.starts_with('二') => Page::Part(1),
        c if c.starts_with('三') => Page::Part(2),
        c if c.starts_with('四') => Page::Part(3),
        _ => Page::Cover,
    }
}

/// What to focus and scroll to on the next frame: a table cell, or a text
/// field named as the findings name it (a narrative part, a fee field).
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Cell(CellKey),
    Text(String),
}

impl Target {
    /// The target a finding's cell name points at. S1 names whole parts; they
    /// are found at their first paragraph.
    pub fn of(name: &str) -> Target {
        if let Some(k) = CellKey::parse(name) {
            return Target::Cell(k);
        }
        use crate::model::paragraph_names as n;
        let first_paragraph = match name {
            "part1" => n::PART1_INTRO,
            "part5" => n::PART5,
            "part6" => n::PART6_TEXT,
            other => other,
        };
        Target::Text(first_paragraph.to_string())
    }

    pub fn page(&self) -> Page {
        match self {
            Target::Cell(k) => page_of(&k.to_string()),
            Target::Text(name) => page_of(name),
        }
    }
}
