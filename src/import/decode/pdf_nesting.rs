//! A PDF's arrays and dictionaries may nest only so deep.
//!
//! pdf_oxide parses objects recursively, one call per level of `[` or `<<`,
//! so a file of millions of `[` overflows any stack — an abort no
//! `catch_unwind` can stop. This linear scan runs first and refuses such a
//! file. It reads the file's own bytes and the decoded (Flate) content and
//! object streams, where the parser meets objects too; images and fonts are
//! skipped, as their bytes are data, not syntax. Real PDFs nest a few levels.

use std::io::Read;

/// Deepest nesting accepted.
pub const MAX_NESTING: usize = 1_000;

/// Decoded bytes scanned in all (a real report's streams inflate to a few MB).
const MAX_DECODED: u64 = 256 * 1024 * 1024;

/// `Err` with the reason when some object nests deeper than [`MAX_NESTING`].
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut budget = MAX_DECODED;
    scan(bytes, true, &mut budget)
}

fn too_deep() -> String {
    format!("对象嵌套超过 {MAX_NESTING} 层，不是正常的 PDF")
}

/// Scans `data`; `top`: the file itself (streams are looked into), not a
/// decoded stream.
fn scan(data: &[u8], top: bool, budget: &mut u64) -> Result<(), String> {
    let (mut depth, mut i) = (0usize, 0usize);
    let mut dict_start = 0usize; // where the object before a `stream` began
    while i < data.len() {
        match data[i] {
            b'%' => i += skip_to_eol(&data[i..]),
            b'(' => i += skip_string(&data[i..]),
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if data.get(i + 1) == Some(&b'<') => {
                if depth == 0 {
                    dict_start = i;
                }
                depth += 1;
                i += 1;
            }
            b'<' => {
                i += data[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .unwrap_or(data.len() - i)
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if top && keyword_at(data, i, b"stream") => {
                let body = i + 6 + eol_len(&data[i + 6..]);
                let end = find(&data[body..], b"endstream").map_or(data.len(), |p| body + p);
                let dict = &data[dict_start..i];
                if is_syntax_stream(dict) && find(dict, b"/FlateDecode").is_some() {
                    let mut decoded = Vec::new();
                    let _ = flate2::read::ZlibDecoder::new(&data[body..end])
                        .take(*budget + 1)
                        .read_to_end(&mut decoded);
                    if decoded.len() as u64 > *budget {
                        return Err("数据流解压后过大，不是正常的 PDF".into());
                    }
                    *budget -= decoded.len() as u64;
                    scan(&decoded, false, budget)?;
                }
                i = end + 9;
                depth = 0;
                continue;
            }
            b'I' if !top && keyword_at(data, i, b"ID") => {
                // An inline image's data runs to `EI`.
                i = find(&data[i..], b"EI").map_or(data.len(), |p| i + p + 2);
                continue;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(too_deep());
        }
        i += 1;
    }
    Ok(())
}

/// A stream the parser reads as PDF syntax: page contents, forms, object
/// streams — not an image, a font or other embedded data.
fn is_syntax_stream(dict: &[u8]) -> bool {
    let has = |k: &[u8]| find(dict, k).is_some();
    !has(b"/Length1") && !has(b"/Length2") && (!has(b"/Subtype") || has(b"/Form"))
}

fn keyword_at(data: &[u8], i: usize, kw: &[u8]) -> bool {
    let delim = |c: Option<&u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
    data[i..].starts_with(kw)
        && delim(i.checked_sub(1).and_then(|p| data.get(p)))
        && delim(data.get(i + kw.len()))
}

fn eol_len(d: &[u8]) -> usize {
    match d {
        [b'\r', b'\n', ..] => 2,
        [b'\n', ..] | [b'\r', ..] => 1,
        _ => 0,
    }
}

fn skip_to_eol(d: &[u8]) -> usize {
    d.iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .unwrap_or(d.len())
}

/// Length of a literal string `( … )`, with nested parentheses and `\` escapes.
fn skip_string(d: &[u8]) -> usize {
    let (mut level, mut i) = (0usize, 0usize);
    while i < d.len() {
        match d[i] {
            b'\\' => i += 1,
            b'(' => level += 1,
            b')' => {
                level -= 1;
                if level == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    d.len()
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn deep_arrays_are_refused_shallow_ones_pass() {
        let deep = [b"1 0 obj\n<< /X ".as_slice(), &[b'['; 5000], b" >>\nendobj"].concat();
        assert!(check(&deep).is_err());
        let fine = b"1 0 obj\n<< /K [[1 2] [3 (a[[[[b) 4]] /D << /E <5b5b> >> >>\nendobj";
        assert_eq!(check(fine), Ok(()));
    }

    #[test]
    fn deep_arrays_inside_a_compressed_stream_are_found() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&[b'['; 100_000]).unwrap();
        let body = z.finish().unwrap();
        let pdf = [
            b"4 0 obj\n<< /Length 9 /Filter /FlateDecode >>\nstream\n".as_slice(),
            &body,
            b"\nendstream\nendobj\n",
        ]
        .concat();
        assert_eq!(check(&pdf), Err(too_deep()));
        // The same bytes as an image are data, not syntax.
        let image = [
            b"4 0 obj\n<< /Subtype /Image /Filter /FlateDecode >>\nstream\n".as_slice(),
            &body,
            b"\nendstream\nendobj\n",
        ]
        .concat();
        assert_eq!(check(&image), Ok(()));
    }
}
