//! The intermediate form every decoder produces and the readers consume: a
//! file as [`Line`]s — paragraphs and table rows of cell [`Tok`]ens, each
//! with its source line number — and the table rows the structure step
//! found under each part ([`Parts`]).

/// One cell of a table row as it appeared in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub text: String,
    /// 1-based source line.
    pub line: usize,
    pub kind: TokKind,
    /// Where a text laid out with spaces printed it on its line: a row whose
    /// empty cells vanished with the spaces around them is placed by where
    /// its values stand ([`crate::import::read::tables`]).
    pub at: Option<Columns>,
}

/// The first and last character column a token takes on its line (`pdftotext
/// -layout` and nianbao's own layout of a PDF put a value where the page shows
/// it, so the columns of one table's values line up from row to row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    pub first: usize,
    pub last: usize,
}

impl Columns {
    pub fn middle(self) -> f32 {
        (self.first + self.last) as f32 / 2.0
    }
}

/// The whitespace-separated pieces of a line laid out with spaces, each with
/// the columns it stands in.
pub fn spaced_pieces(t: &str, line: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut piece: Option<(usize, String)> = None;
    for (column, c) in t.chars().chain([' ']).enumerate() {
        if c.is_whitespace() {
            if let Some((first, text)) = piece.take() {
                let mut tok = Tok::new(text, line);
                tok.at = Some(Columns {
                    first,
                    last: column - 1,
                });
                out.push(tok);
            }
        } else {
            piece
                .get_or_insert_with(|| (column, String::new()))
                .1
                .push(c);
        }
    }
    out
}

impl Tok {
    pub fn new(text: impl Into<String>, line: usize) -> Self {
        Tok::with_kind(text, line, TokKind::Cell)
    }
    pub fn with_kind(text: impl Into<String>, line: usize, kind: TokKind) -> Self {
        Tok {
            text: text.into(),
            line,
            kind,
            at: None,
        }
    }
}

/// What a token is, beyond its text: the source format knows things about a
/// cell that its text does not show, and the table reader needs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TokKind {
    /// A cell or a piece of text as printed.
    #[default]
    Cell,
    /// A place covered by a merged cell (colspan, rowspan, `w:vMerge`): it
    /// carries no data of its own, unlike a cell printed empty.
    Span,
    /// Digits of several cells printed with no separator (crawler text): the
    /// table's arithmetic decides where the cells end.
    Run,
    /// One of a run of values printed one per line (plain `pdftotext`): such
    /// runs may be columns of the table rather than rows.
    Stacked,
}

/// What one source line (or paragraph, or table row) is.
#[derive(Clone, Debug, PartialEq)]
pub enum LineKind {
    Para(String),
    Row(Vec<Tok>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub no: usize,
    pub kind: LineKind,
}

/// A file turned into lines, with the name of the layout recognised.
#[derive(Debug)]
pub struct Doc {
    pub lines: Vec<Line>,
    pub layout: &'static str,
}

/// Table rows found under parts 二, 三 and 四.
#[derive(Default, Debug)]
pub struct Parts {
    /// Rows of tokens for 表二, 表三, 表四.
    pub rows: [Vec<Vec<Tok>>; 3],
    /// Line of each part heading (1-based), where found.
    pub heading_lines: [Option<usize>; 6],
}

/// A piece of a line the decoder recognised in a picture (one text box):
/// the cells read from it keep its page, box and confidence, and where it
/// is doubtful (below the recogniser's bar) they are named for the clerk to
/// check and the totals over them do not blame the publisher.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognised {
    /// 1-based line of the decoded text.
    pub line: usize,
    pub page: usize,
    pub text: String,
    /// 0–1.
    pub confidence: f32,
    pub doubtful: bool,
    /// Left, top, right, bottom, in pixels of the page image.
    pub bbox: [f32; 4],
    /// How many numbers its line prints before it, and in all (left to
    /// right): the cells read from the line are matched by that order.
    pub numbers_before: usize,
    pub numbers_on_line: usize,
}

/// A count or amount as a recognised box prints it (the pieces counted in
/// [`Recognised::numbers_before`] and [`Recognised::numbers_on_line`]).
pub fn is_number(s: &str) -> bool {
    // The recogniser prints full-width digits too (“０”), as the table reader reads them.
    let s = crate::cell::normalize_number_text(s);
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || ".,".contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_number;

    #[test]
    fn a_number_is_one_in_full_width_digits_too() {
        // A “０” counted as no number shifted the places of the line's
        // other numbers, and a doubtful box named the wrong cells.
        for s in ["0", "０", "1,200", "7730.28", "１２"] {
            assert!(is_number(s), "{s}");
        }
        for s in ["", "规章", "0件", "-", "."] {
            assert!(!is_number(s), "{s}");
        }
    }
}
