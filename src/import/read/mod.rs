//! Step 2 of the import: the report read out of a decoded [`Doc`] — its
//! parts and title block (`structure.rs`, `meta.rs`), then its tables
//! (`tables/`: rows matched to the template's labels, numbers placed and
//! reconciled with the totals), with the notes of what could not be read.

use super::ImportError;
use super::doc::{Doc, Doubtful};
use super::notes::Notes;
use crate::model::{ImportInfo, Report};

pub mod doubts;
pub mod meta;
pub mod prose;
pub mod structure;
pub mod tables;

/// Reads the report out of `doc`, decoded from the file `name`.
pub fn report(name: &str, doc: Doc) -> Result<Report, ImportError> {
    report_with_doubts(name, doc, &[])
}

/// [`report`], for a decoder unsure of some of its text: the cells read
/// from a doubtful piece are named ([`doubts::name_cells`]).
pub fn report_with_doubts(
    name: &str,
    doc: Doc,
    doubtful: &[Doubtful],
) -> Result<Report, ImportError> {
    let mut notes = Notes::default();
    let mut report = Report::default();
    let parts = structure::read(&doc, &mut report, &mut notes)?;
    tables::read(&parts, &mut report, &mut notes);
    meta::settle_format(&mut report, &mut notes);
    doubts::name_cells(doubtful, &mut notes);
    report.import = Some(ImportInfo {
        source: name.to_string(),
        layout: doc.layout.to_string(),
        fee_unit_yuan: notes
            .list
            .iter()
            .any(|n| n.message.contains(tables::YUAN_NOTE)),
        notes: notes.list,
    });
    Ok(report)
}
