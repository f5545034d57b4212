//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and GBK /
//! GB18030 — still common on older government sites and in files saved by
//! Chinese Windows editors.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Decodes a text file.
pub fn text(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Decodes an HTML page, honouring the charset its `<meta>` declares.
pub fn html(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    // A page re-saved as UTF-8 often keeps its old <meta charset=gb2312>: valid
    // UTF-8 with non-ASCII text is taken as UTF-8 whatever the tag says.
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        return text(bytes);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    if let Some(label) = meta_charset(&head)
        && let Some(enc) = Encoding::for_label(label.as_bytes())
    {
        // GBK pages are decoded as GB18030, its superset.
        let enc = if enc == encoding_rs::GBK {
            GB18030
        } else {
            enc
        };
        if enc != UTF_16LE
            && enc != UTF_16BE
            && (enc != UTF_8 || std::str::from_utf8(bytes).is_ok())
        {
            return enc.decode_without_bom_handling(bytes).0.into_owned();
        }
    }
    text(bytes)
}

/// The charset named by `<meta charset=…>` or `<meta … content="…; charset=…">`.
fn meta_charset(head: &str) -> Option<String> {
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_page_by_meta() {
        let (bytes, _, _) = GB18030
            .encode("<html><head><meta charset=\"gbk\"></head><body>政府信息公开</body></html>");
        assert!(html(&bytes).contains("政府信息公开"));
        let (bytes, _, _) = GB18030
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">表三");
        assert!(html(&bytes).contains("表三"));
    }

    #[test]
    fn decodes_text_fallbacks() {
        assert_eq!(text("\u{feff}年报".as_bytes()), "年报");
        let (bytes, _, _) = GB18030.encode("年度报告");
        assert_eq!(text(&bytes), "年度报告");
    }
}
