//! PDF: placeholder until the text layer reader lands.

pub fn text(_bytes: &[u8]) -> Result<String, String> {
    Err("PDF 暂不支持".to_string())
}
