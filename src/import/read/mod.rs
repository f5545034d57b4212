//! Step 2 of the import: the report read out of a decoded [`Doc`] — its
//! parts and title block (`structure.rs`, `meta.rs`), then its tables
//! (`tables/`: rows matched to the template's labels, numbers placed and
//! reconciled with the totals), with the notes of what could not be read.

use super::ImportError;
use super::doc::{Doc, Recognised};
use super::notes::{Notes, Source};
use crate::model::{ImportInfo, Report};

pub mod doubts;
pub mod meta;
pub mod prose;
pub mod structure;
pub mod tables;

/// Reads the report out of `doc`, decoded from the file `name`.
pub fn report(name: &str, doc: Doc) -> Result<Report, ImportError> {
    report_recognised(name, doc, &[])
}

/// [`report`], for text recognised in pictures: each cell keeps the box it
/// was read from, and the cells read from a doubtful one are named
/// ([`doubts::name_cells`]).
pub fn report_recognised(
    name: &str,
    doc: Doc,
    pieces: &[Recognised],
) -> Result<Report, ImportError> {
    let mut notes = Notes {
        source: if pieces.is_empty() {
            Source::Text
        } else {
            Source::Pictures
        },
        ..Notes::default()
    };
    let mut report = Report::default();
    let parts = structure::read(&doc, &mut report, &mut notes)?;
    tables::read(&parts, &mut report, &mut notes);
    meta::settle_format(&mut report, &mut notes);
    doubts::name_cells(pieces, &mut notes);
    report.import = Some(ImportInfo {
        source: name.to_string(),
        layout: doc.layout.to_string(),
        fee_unit_yuan: notes
            .list
            .iter()
            .any(|n| n.message.contains(tables::YUAN_NOTE)),
        notes: notes.list,
        recognised: notes.recognised_cells,
    });
    Ok(report)
}
