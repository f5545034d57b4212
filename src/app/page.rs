//! Where the editor is: its pages, and the page and field that show a
//! place a finding names.

use crate::place::Place;

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

/// Which page shows a place a finding names.
pub fn page_of(place: &Place) -> Page {
    place.part().map_or(Page::Cover, Page::Part)
}

/// Which page shows a table cell.
pub fn page_of_cell(key: crate::template::CellKey) -> Page {
    page_of(&Place::Cell(key))
}

/// What to focus and scroll to for a place: the place itself, but a whole
/// part (S1 names parts) is found at its first paragraph.
pub fn focus_of(place: Place) -> Place {
    use crate::model::paragraph_names as n;
    let first_paragraph = match place {
        Place::Part(0) => n::PART1_INTRO,
        Place::Part(1) => n::PART2_TEXT,
        Place::Part(2) => n::PART3_TEXT,
        Place::Part(3) => n::PART4_TEXT,
        Place::Part(4) => n::PART5,
        Place::Part(5) => n::PART6_TEXT,
        other => return other,
    };
    Place::Paragraph(first_paragraph.to_string())
}
