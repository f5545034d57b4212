//! Step 1, MHT (`.mht`, `.mhtml`, and `.doc` files that are "single file web
//! pages" inside, as Word and WPS save them): a MIME message whose
//! `text/html` part is the page. That part is taken out of its
//! quoted-printable or base64 transfer encoding and read as a web page.

/// Whether the start of a file looks like a MIME message holding a page.
pub fn is_mht(head: &str) -> bool {
    let head = head.to_ascii_lowercase();
    head.starts_with("mime-version:")
        || head.starts_with("from:") && head.contains("multipart/related")
        || head.contains("content-type: multipart/related")
}

/// The bytes of the message's HTML part (its first one), or `None` if it has none.
pub fn html_part(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(bytes);
    // The parts, split at the boundary the top header names.
    let parts: Vec<&str> = match boundary(&text) {
        Some(b) => text.split(&format!("--{b}")).skip(1).collect(),
        None => vec![&text[..]],
    };
    for part in parts {
        let (headers, body) = split_headers(part)?;
        let h = headers.to_ascii_lowercase();
        if !h.contains("text/html") {
            continue;
        }
        let body = body.trim_end_matches(['\r', '\n', '-']);
        return Some(if h.contains("quoted-printable") {
            quoted_printable(body)
        } else if h.contains("base64") {
            base64(body)
        } else {
            body.as_bytes().to_vec()
        });
    }
    None
}

/// The `boundary="…"` of the top-level Content-Type.
fn boundary(text: &str) -> Option<String> {
    let header_end = text.find("\r\n\r\n").or_else(|| text.find("\n\n"))?;
    let head = &text[..header_end];
    let at = head.to_ascii_lowercase().find("boundary=")?;
    let rest = &head[at + "boundary=".len()..];
    let rest = rest.trim_start_matches('"');
    let end = rest.find(['"', '\r', '\n', ';']).unwrap_or(rest.len());
    Some(rest[..end].to_string()).filter(|b| !b.is_empty())
}

/// A part's headers and its body.
fn split_headers(part: &str) -> Option<(&str, &str)> {
    let part = part.trim_start_matches(['\r', '\n']);
    if let Some(i) = part.find("\r\n\r\n") {
        return Some((&part[..i], &part[i + 4..]));
    }
    part.find("\n\n").map(|i| (&part[..i], &part[i + 2..]))
}

fn quoted_printable(body: &str) -> Vec<u8> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            // A soft line break.
            if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            if let Some(v) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn base64(body: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in body.bytes() {
        let Some(v) = value(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_in_both_transfer_encodings() {
        let qp = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"XX\"\r\n\r\n\
            --XX\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\r\n\
            <p>=E4=B8=80=E3=80=81=E6=80=BB=\r\n=E4=BD=93</p>\r\n--XX--\r\n";
        assert!(is_mht(qp));
        assert_eq!(
            String::from_utf8(html_part(qp.as_bytes()).unwrap()).unwrap(),
            "<p>一、总体</p>"
        );
        let b64 = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=B\n\n\
            --B\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n\
            PHA+aGk8L3A+\n--B--\n";
        assert_eq!(html_part(b64.as_bytes()).unwrap(), b"<p>hi</p>");
    }
}
