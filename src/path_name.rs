//! File names as the OS gives them, for messages, summaries and CSV/JSON.
//!
//! `Path::display` replaces bytes that are not UTF-8 with `�`, so two files
//! whose names differ only there look the same in a supervisor's summary and
//! cannot be found again. Here such bytes are escaped instead (`\xB1` on
//! Unix, `\u{D800}` for a lone UTF-16 surrogate on Windows); a valid name is
//! shown unchanged.

use std::ffi::OsStr;
use std::path::Path;

/// The path, with what is not UTF-8 escaped.
pub fn shown(p: impl AsRef<Path>) -> String {
    shown_os(p.as_ref().as_os_str())
}

/// An OS string (a file name), with what is not UTF-8 escaped.
pub fn shown_os(s: &OsStr) -> String {
    if let Some(t) = s.to_str() {
        return t.to_string();
    }
    escape(s)
}

#[cfg(unix)]
fn escape(s: &OsStr) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in s.as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

#[cfg(windows)]
fn escape(s: &OsStr) -> String {
    use std::fmt::Write;
    use std::os::windows::ffi::OsStrExt;
    let mut out = String::new();
    for r in char::decode_utf16(s.encode_wide()) {
        match r {
            Ok(c) => out.push(c),
            Err(e) => {
                let _ = write!(out, "\\u{{{:X}}}", e.unpaired_surrogate());
            }
        }
    }
    out
}

#[cfg(not(any(unix, windows)))]
fn escape(s: &OsStr) -> String {
    s.to_string_lossy().into_owned()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn invalid_bytes_are_escaped_not_replaced() {
        let p = Path::new(OsStr::from_bytes(b"/tmp/\xC4\xEA-\xFF\xe5\xb9\xb4.txt"));
        assert_eq!(shown(p), "/tmp/\\xC4\\xEA-\\xFF年.txt");
        assert_eq!(shown(Path::new("洛龙区.ron")), "洛龙区.ron");
    }
}
