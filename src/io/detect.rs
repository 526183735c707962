//! Telling what bytes are: the format of a file by its first bytes, the encoding of text by
//! its bytes, the charset a web page declares.

use super::Format;
use super::decode::Encoding;
use std::path::Path;

/// The byte order of UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endian {
    Little,
    Big,
}

/// Share of UTF-16 code units, in thousandths, that must be plausible in Chinese text for
/// bytes without a BOM to be read as UTF-16.
const UTF16_PLAUSIBLE_PER_MILLE: usize = 950;

/// Whether a UTF-16 code unit is one Chinese text is made of: ASCII, CJK characters and
/// punctuation, full-width forms, general punctuation, Latin-1 signs.
fn plausible_unit(u: u16) -> bool {
    matches!(u,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF
        | 0x2000..=0x206F | 0x2160..=0x2188 | 0x2460..=0x24FF | 0x25A0..=0x25FF
        | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0xFEFF)
}

/// The byte order in which `bytes`, without a BOM, read as UTF-16 text made almost only of
/// the characters of Chinese text, surrogates paired; `None` when neither does.
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    if bytes.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let units = bytes.len() / 2;
    let score = |endian: Endian| {
        let codes = bytes.chunks_exact(2).map(|p| match endian {
            Endian::Little => u16::from_le_bytes([p[0], p[1]]),
            Endian::Big => u16::from_be_bytes([p[0], p[1]]),
        });
        let mut plausible = 0;
        for c in char::decode_utf16(codes) {
            match c {
                Ok(c) => {
                    let code = u32::from(c);
                    if code > 0xFFFF {
                        // CJK extensions B and beyond.
                        if (0x20000..=0x3FFFF).contains(&code) {
                            plausible += 2;
                        }
                    } else if plausible_unit(code as u16) {
                        plausible += 1;
                    }
                }
                Err(_) => return None,
            }
        }
        (plausible * 1000 >= units * UTF16_PLAUSIBLE_PER_MILLE).then_some(plausible)
    };
    match (score(Endian::Little), score(Endian::Big)) {
        (Some(l), Some(b)) => Some(if b > l { Endian::Big } else { Endian::Little }),
        (Some(_), None) => Some(Endian::Little),
        (None, Some(_)) => Some(Endian::Big),
        (None, None) => None,
    }
}

/// GB18030 and Big5, the one chardetng finds likelier first.
pub(crate) fn legacy_order(bytes: &[u8]) -> [Encoding; 2] {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::BIG5 {
        [Encoding::Big5, Encoding::Gb18030]
    } else {
        [Encoding::Gb18030, Encoding::Big5]
    }
}

/// How many bytes at the start of a file are looked at for its format and a web page's
/// declared charset.
const SNIFF_BYTES: usize = 4096;

/// The format of a file by its first bytes, then by its extension.
pub(crate) fn sniff_format(bytes: &[u8], path: Option<&Path>) -> Format {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if memchr::memmem::find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04")
        && memchr::memmem::find(bytes, b"word/document.xml").is_some()
    {
        return Format::Docx;
    }
    if looks_like_html(head) {
        return Format::Html;
    }
    let ext = path
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("pdf") => Format::Pdf,
        Some("docx") => Format::Docx,
        Some("htm" | "html" | "xhtml" | "shtml") => Format::Html,
        _ => Format::Text,
    }
}

/// Whether the file opens (past a BOM, white space and comments) with a doctype or one of
/// the elements that open a web page; in UTF-16 too, after its BOM.
fn looks_like_html(head: &[u8]) -> bool {
    let endian = match head {
        [0xFF, 0xFE, ..] => Some(Endian::Little),
        [0xFE, 0xFF, ..] => Some(Endian::Big),
        _ => None,
    };
    if let Some(endian) = endian {
        let units = head[2..].chunks_exact(2).map(|p| match endian {
            Endian::Little => u16::from_le_bytes([p[0], p[1]]),
            Endian::Big => u16::from_be_bytes([p[0], p[1]]),
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect();
        return opens_as_html(text.as_bytes());
    }
    opens_as_html(head)
}

/// [`looks_like_html`] of bytes in an ASCII-compatible encoding.
fn opens_as_html(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match memchr::memchr(b'>', rest) {
                Some(end) => rest = &rest[end + 1..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let opens = |tag: &[u8]| {
        rest.len() > tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(rest[tag.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
    };
    [
        &b"<!doctype"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|t| opens(t))
}

#[cfg(feature = "web")]
/// The charset a web page declares in a `<meta>` of its first bytes
/// (`<meta charset="gbk">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`),
/// when it is one jingwu reads.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let value = tag[c + 7..]
                .trim_ascii_start()
                .strip_prefix(b"=")
                .map(|v| v.trim_ascii_start())
                .map(|v| v.strip_prefix(b"\"").or(v.strip_prefix(b"'")).unwrap_or(v));
            if let Some(v) = value {
                let len = v
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
                    .unwrap_or(v.len());
                if let Some(e) = encoding_rs::Encoding::for_label(&v[..len]) {
                    return charset(e);
                }
            }
        }
        from = end;
    }
    None
}

#[cfg(feature = "web")]
/// The [`Encoding`] of one of encoding_rs's, when jingwu reads it.
fn charset(e: &'static encoding_rs::Encoding) -> Option<Encoding> {
    if e == encoding_rs::UTF_8 {
        Some(Encoding::Utf8)
    } else if e == encoding_rs::GBK || e == encoding_rs::GB18030 {
        Some(Encoding::Gb18030)
    } else if e == encoding_rs::BIG5 {
        Some(Encoding::Big5)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_then_extension() {
        let p = |s: &str| Some(Path::new(s).to_path_buf());
        assert_eq!(sniff_format(b"%PDF-1.7\n", None), Format::Pdf);
        assert_eq!(
            sniff_format(b"PK\x03\x04....word/document.xml", p("a.zip").as_deref()),
            Format::Docx
        );
        assert_eq!(
            sniff_format(
                b"\xEF\xBB\xBF\n <!DOCTYPE html><html>",
                p("a.txt").as_deref()
            ),
            Format::Html
        );
        assert_eq!(
            sniff_format(b"<!-- x --><HTML lang=zh>", None),
            Format::Html
        );
        assert_eq!(
            sniff_format("象山公安".as_bytes(), p("a.HTM").as_deref()),
            Format::Html
        );
        assert_eq!(sniff_format(b"<p>", p("a.txt").as_deref()), Format::Text);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html><p>公安".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff_format(&utf16, None), Format::Html);
        assert_eq!(sniff_format(b"x", p("a.pdf").as_deref()), Format::Pdf);
    }

    #[cfg(feature = "web")]
    #[test]
    fn declared_charsets() {
        assert_eq!(
            declared_charset(
                b"<html><head><META http-equiv=Content-Type content=\"text/html; charset=GB2312\">"
            ),
            Some(Encoding::Gb18030)
        );
        assert_eq!(
            declared_charset(b"<meta charset='big5'>"),
            Some(Encoding::Big5)
        );
        assert_eq!(
            declared_charset(b"<meta charset=utf-8>"),
            Some(Encoding::Utf8)
        );
        assert_eq!(
            declared_charset(b"<meta name=x><meta charset=koi8-r>"),
            None
        );
        assert_eq!(declared_charset(b"<meta charset"), None);
    }
}
