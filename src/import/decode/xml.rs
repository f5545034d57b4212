//! For the decoders of XML inside zip files (Word, OpenDocument, the
//! spreadsheets' covered cells): one part read out of the zip within a size
//! limit, attributes by local name, entities resolved.

use std::io::Read;

/// A part is refused beyond this size unpacked (zip bombs).
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Why a zip part could not be had.
pub enum PartError {
    Missing,
    TooLarge,
    Unreadable(String),
}

/// The text of the part `name` of `zip`.
pub fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<String, PartError> {
    let mut part = zip.by_name(name).map_err(|_| PartError::Missing)?;
    if part.size() > MAX_XML_BYTES {
        return Err(PartError::TooLarge);
    }
    let mut xml = String::new();
    part.by_ref()
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| PartError::Unreadable(e.to_string()))?;
    Ok(xml)
}

/// Appends what an entity in a text stands for: a character reference, or
/// one of XML's five named entities.
pub fn push_ref(out: &mut String, r: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
    } else {
        out.push_str(match r.decode().as_deref() {
            Ok("amp") => "&",
            Ok("lt") => "<",
            Ok("gt") => ">",
            Ok("quot") => "\"",
            Ok("apos") => "'",
            _ => "",
        });
    }
}

/// An attribute's value by its local name (any namespace prefix).
pub fn attr(e: &quick_xml::events::BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}
