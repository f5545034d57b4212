//! Step 1 of the import: one decoder per container, each turning the file's
//! bytes into the same [`Doc`](super::doc::Doc) of lines. `encoding.rs`
//! finds the text in bytes of any Chinese encoding; `text.rs` reads the
//! layouts of plain text (and of what the PDF decoder extracts).

mod copied;
pub mod docx;
pub mod encoding;
mod flow;
pub mod html;
pub mod image;
mod markdown;
pub mod mht;
pub mod odt;
pub mod pdf;
pub mod pdf_nesting;
pub mod rtf;
pub mod spreadsheet;
pub mod text;
pub mod word97;
mod xml;
