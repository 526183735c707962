//! Word files (.docx): the paragraphs and headings of `word/document.xml` in order, table
//! cells as paragraphs, a blank line after each paragraph and a line break where the text
//! has one. The part is decompressed up to a limit, so a decompression bomb costs bounded
//! memory and is an error.

use crate::error::{Error, ErrorKind};
use quick_xml::events::Event;
use std::io::Read;

/// The part of a Word file that holds its text.
const DOCUMENT: &str = "word/document.xml";

/// The text of the Word file `bytes`, its document part decompressed to at most `limit`
/// bytes.
pub(crate) fn extract(bytes: &[u8], limit: usize) -> Result<String, Error> {
    let malformed = |what: String| Error::new(ErrorKind::Malformed, what);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| malformed(format!("not a Word file: a broken zip archive ({e})")))?;
    let mut part = match archive.by_name(DOCUMENT) {
        Ok(p) => p,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(malformed(format!(
                "not a Word file: a zip archive without {DOCUMENT}"
            )));
        }
        Err(zip::result::ZipError::UnsupportedArchive(m))
            if m == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            return Err(Error::new(
                ErrorKind::Encrypted,
                "a Word file locked by a password",
            ));
        }
        Err(e) => {
            return Err(malformed(format!(
                "a Word file whose {DOCUMENT} cannot be read ({e})"
            )));
        }
    };
    let too_large = || {
        Error::new(
            ErrorKind::TooLarge,
            format!("a Word file whose text takes more than {limit} bytes decompressed"),
        )
    };
    if part.size() > limit as u64 {
        return Err(too_large());
    }
    let mut xml = Vec::new();
    part.by_ref()
        .take(limit as u64 + 1)
        .read_to_end(&mut xml)
        .map_err(|e| malformed(format!("a Word file whose {DOCUMENT} is damaged ({e})")))?;
    if xml.len() > limit {
        return Err(too_large());
    }
    let xml = std::str::from_utf8(&xml)
        .map_err(|e| malformed(format!("{DOCUMENT} is not UTF-8")).with_offset(e.valid_up_to()))?;
    document_text(xml)
}

/// The text of a `word/document.xml`.
pub(crate) fn document_text(xml: &str) -> Result<String, Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    // The open paragraphs' text: a text box's paragraphs sit inside a paragraph's run.
    let mut paragraphs: Vec<String> = Vec::new();
    // Depth inside `w:t` (text is read there only: not from deleted text or field codes).
    let mut in_text = 0usize;
    // Depth inside `mc:Fallback`, which repeats what its `mc:Choice` says.
    let mut fallback = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            Error::new(
                ErrorKind::Malformed,
                format!("{DOCUMENT} is not well-formed XML ({e})"),
            )
            .with_offset(usize::try_from(at).unwrap_or(usize::MAX))
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"Fallback" => fallback += 1,
                _ if fallback > 0 => {}
                b"p" => paragraphs.push(String::new()),
                b"t" => in_text += 1,
                b"tab" => push(&mut paragraphs, "\t"),
                b"br" | b"cr" => push(&mut paragraphs, "\n"),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                _ if fallback > 0 => {}
                b"p" => out.push('\n'),
                b"tab" => push(&mut paragraphs, "\t"),
                b"br" | b"cr" => push(&mut paragraphs, "\n"),
                b"noBreakHyphen" | b"softHyphen" => push(&mut paragraphs, "-"),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"Fallback" => fallback = fallback.saturating_sub(1),
                _ if fallback > 0 => {}
                b"t" => in_text = in_text.saturating_sub(1),
                b"p" => {
                    if let Some(p) = paragraphs.pop() {
                        let p = p.trim_end();
                        if p.trim().is_empty() {
                            out.push('\n');
                        } else {
                            out.push_str(p);
                            out.push_str("\n\n");
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text > 0 && fallback == 0 => {
                let s = t
                    .decode()
                    .map_err(|e| Error::new(ErrorKind::Malformed, format!("{DOCUMENT}: {e}")))?;
                push(&mut paragraphs, &s);
            }
            Event::CData(t) if in_text > 0 && fallback == 0 => {
                push(&mut paragraphs, &String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if in_text > 0 && fallback == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push(&mut paragraphs, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Paragraphs left open by a truncated part.
    for p in paragraphs {
        if !p.trim().is_empty() {
            out.push_str(p.trim_end());
            out.push_str("\n\n");
        }
    }
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

/// Appends to the innermost open paragraph (text outside any is dropped: Word writes none).
fn push(paragraphs: &mut [String], s: &str) {
    if let Some(p) = paragraphs.last_mut() {
        p.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn paragraphs_tables_and_breaks() {
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document {NS}><w:body>\
             <w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>象山公安：</w:t></w:r></w:p>\
             <w:p><w:r><w:t xml:space=\"preserve\">严打 </w:t></w:r><w:r><w:t>笑气&amp;犯罪</w:t></w:r>\
             <w:r><w:br/><w:t>第二行</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>\
             <w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc>\
             <w:tc><w:p><w:r><w:t>53起</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             </w:body></w:document>"
        );
        assert_eq!(
            document_text(&xml).unwrap(),
            "象山公安：\n\n严打 笑气&犯罪\n第二行\n\n\n单元格\n\n53起\n"
        );
    }

    #[test]
    fn broken_xml_is_an_error() {
        let e = document_text(&format!("<w:document {NS}><w:body><w:p></w:body>")).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Malformed);
        let e = extract(b"PK\x03\x04 not really", 1 << 20).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Malformed);
    }
}
