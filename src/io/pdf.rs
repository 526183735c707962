//! PDF files: the text layer, page by page, as lines.
//!
//! The document's structure is read by lopdf; each page's content is run here, keeping the
//! text position (the text and transformation matrices), and the text shown is decoded
//! through the font's map to Unicode (`ToUnicode`), else its predefined Chinese encoding
//! (GBK, Big5, UCS-2), else its simple encoding. Text shown at another height starts a new
//! line; a gap wider than the page's usual line spacing, or a new page, leaves a blank line.
//! Lines that the page width broke stay broken here: [`Report::parse`](crate::Report::parse)
//! joins them back into paragraphs, as it does for any extracted text.
//!
//! A PDF whose pages show no text (a scan) and one locked by a password are errors; page
//! content streams are decompressed up to a limit.

use crate::error::{Error, ErrorKind};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};
use std::collections::BTreeMap;
use std::io::Read;

/// Deepest nesting of `q` (save the graphics state) that is kept.
const MAX_SAVED_STATES: usize = 64;

/// The text layer of the PDF `bytes`.
pub(crate) fn extract(bytes: &[u8], limit: usize) -> Result<String, Error> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Malformed,
            format!("a PDF whose structure cannot be read ({e})"),
        )
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(Error::new(
            ErrorKind::Encrypted,
            "a PDF locked by a password: its text cannot be read",
        ));
    }
    let pages = doc.get_pages();
    let mut out = String::new();
    let mut budget = limit;
    let mut broken = 0;
    for (_, &page) in pages.iter() {
        match page_lines(&doc, page, &mut budget) {
            // Pages follow one another without a blank line: a paragraph goes on over the
            // page break.
            Ok(lines) => out.push_str(&lines),
            Err(e) if e.kind() == &ErrorKind::TooLarge => return Err(e),
            Err(_) => broken += 1,
        }
    }
    if out.chars().all(char::is_whitespace) {
        let n = pages.len();
        return Err(if broken > 0 {
            Error::new(
                ErrorKind::Malformed,
                format!("a PDF whose pages cannot be read ({broken} of {n})"),
            )
        } else {
            Error::new(
                ErrorKind::NoText,
                format!(
                    "a PDF without a text layer ({n} page{} and no text: a scan?)",
                    if n == 1 { "" } else { "s" }
                ),
            )
        });
    }
    Ok(out)
}

/// How a font's bytes read as text.
enum FontMap<'a> {
    /// lopdf's decoding: a `ToUnicode` map or a simple encoding.
    Lopdf(lopdf::Encoding<'a>),
    /// A predefined Chinese encoding.
    Legacy(&'static encoding_rs::Encoding),
}

impl FontMap<'_> {
    fn decode(&self, bytes: &[u8]) -> String {
        match self {
            FontMap::Lopdf(e) => Document::decode_text(e, bytes).unwrap_or_default(),
            FontMap::Legacy(e) => e.decode_without_bom_handling(bytes).0.into_owned(),
        }
    }
}

/// The predefined encoding of a font's name of a CMap, when it is a Chinese one.
fn predefined(name: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match name {
        b"GB-EUC-H" | b"GBpc-EUC-H" | b"GBK-EUC-H" | b"GBKp-EUC-H" | b"GBK2K-H" => {
            Some(encoding_rs::GB18030)
        }
        b"B5pc-H" | b"ETen-B5-H" | b"HKscs-B5-H" | b"ETenms-B5-H" => Some(encoding_rs::BIG5),
        b"UniGB-UCS2-H" | b"UniGB-UTF16-H" | b"UniCNS-UCS2-H" | b"UniCNS-UTF16-H" => {
            Some(encoding_rs::UTF_16BE)
        }
        _ => None,
    }
}

/// Content streams of a page, decompressed, within `budget` bytes (which they use up).
fn page_content(
    doc: &Document,
    page: lopdf::ObjectId,
    budget: &mut usize,
) -> Result<Vec<u8>, Error> {
    let too_large = || {
        Error::new(
            ErrorKind::TooLarge,
            "a PDF whose pages take more than the limit decompressed",
        )
    };
    let mut out = Vec::new();
    for id in doc.get_page_contents(page) {
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            continue;
        };
        let filters = stream.filters().unwrap_or_default();
        let data = match filters.as_slice() {
            [] => stream.content.clone(),
            [b"FlateDecode"] if stream.dict.get(b"DecodeParms").is_err() => {
                let mut data = Vec::new();
                let read = flate2::read::ZlibDecoder::new(stream.content.as_slice())
                    .take(*budget as u64 + 1)
                    .read_to_end(&mut data);
                if read.is_err() && data.is_empty() {
                    continue;
                }
                data
            }
            // Other filters: within reason, by lopdf.
            _ if stream.content.len().saturating_mul(8) > *budget => return Err(too_large()),
            _ => match stream.decompressed_content() {
                Ok(d) => d,
                Err(_) => continue,
            },
        };
        if data.len() > *budget {
            return Err(too_large());
        }
        *budget -= data.len();
        out.extend_from_slice(&data);
        out.push(b'\n');
    }
    Ok(out)
}

/// A 2-D affine matrix `[a b c d e f]`.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the product `m × n`.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// A piece of text shown: where, how large, what.
struct Shown {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// The lines of a page's text.
fn page_lines(doc: &Document, page: lopdf::ObjectId, budget: &mut usize) -> Result<String, Error> {
    let content = page_content(doc, page, budget)?;
    let malformed = |what: &str| Error::new(ErrorKind::Malformed, what.to_string());
    let ops =
        Content::decode(&content).map_err(|_| malformed("a page's content cannot be read"))?;
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    // A font with a ToUnicode map is read through it, whatever its encoding says.
    let mapped: BTreeMap<&[u8], Dictionary> = fonts
        .iter()
        .filter(|(_, f)| f.get(b"ToUnicode").is_ok())
        .map(|(name, f)| {
            let mut d = (*f).clone();
            d.set("Encoding", Object::Name(b"Identity-H".to_vec()));
            (name.as_slice(), d)
        })
        .collect();
    let mut maps: BTreeMap<&[u8], FontMap> = BTreeMap::new();
    for (name, font) in &fonts {
        let map = if let Some(d) = mapped.get(name.as_slice()) {
            d.get_font_encoding(doc).ok().map(FontMap::Lopdf)
        } else if let Some(e) = font
            .get(b"Encoding")
            .ok()
            .and_then(|e| e.as_name().ok())
            .and_then(predefined)
        {
            Some(FontMap::Legacy(e))
        } else {
            font.get_font_encoding(doc).ok().map(FontMap::Lopdf)
        };
        if let Some(map) = map {
            maps.insert(name.as_slice(), map);
        }
    }

    let mut shown: Vec<Shown> = Vec::new();
    let mut ctm = IDENTITY;
    let mut saved: Vec<Matrix> = Vec::new();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let mut leading = 0.0f32;
    let mut size = 0.0f32;
    let mut font: Option<&FontMap> = None;
    for op in &ops.operations {
        let num = |k: usize| {
            op.operands
                .get(k)
                .and_then(|o| o.as_float().ok())
                .unwrap_or(0.0)
        };
        let matrix = || [num(0), num(1), num(2), num(3), num(4), num(5)];
        let mut show = |bytes: &[u8], tm: &mut Matrix| {
            let Some(map) = font else { return };
            let text = map.decode(bytes);
            let m = mul(tm, &ctm);
            let scale = (m[2] * m[2] + m[3] * m[3]).sqrt();
            shown.push(Shown {
                x: m[4],
                y: m[5],
                size: (size * scale).abs(),
                text: text.clone(),
            });
            // The advance, estimated: a wide character one em, another half of one.
            let ems: f32 = text
                .chars()
                .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                .sum();
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, ems * size, 0.0], tm);
        };
        match op.operator.as_str() {
            "q" if saved.len() < MAX_SAVED_STATES => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(IDENTITY),
            "cm" => ctm = mul(&matrix(), &ctm),
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|n| maps.get(n));
                size = num(1);
            }
            "TL" => leading = num(0),
            "Td" | "TD" => {
                if op.operator == "TD" {
                    leading = -num(1);
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                tm = tlm;
            }
            "Tm" => {
                tlm = matrix();
                tm = tlm;
            }
            "T*" | "'" | "\"" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
                if op.operator != "T*"
                    && let Some(Ok(s)) = op.operands.last().map(Object::as_str)
                {
                    show(s, &mut tm);
                }
            }
            "Tj" => {
                if let Some(Ok(s)) = op.operands.first().map(Object::as_str) {
                    show(s, &mut tm);
                }
            }
            "TJ" => {
                let Some(Ok(items)) = op.operands.first().map(Object::as_array) else {
                    continue;
                };
                for item in items {
                    match item {
                        Object::String(s, _) => show(s, &mut tm),
                        other => {
                            let adjust = other.as_float().unwrap_or(0.0);
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, -adjust / 1000.0 * size, 0.0], &tm);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(lines_of(&shown))
}

/// The pieces shown on a page as lines: a piece at another height starts a line; a gap
/// between lines wider than the page's usual spacing is a blank line.
fn lines_of(shown: &[Shown]) -> String {
    // Each line: its height, its font size, its text.
    let mut lines: Vec<(f32, f32, String)> = Vec::new();
    let mut end_x = f32::MIN;
    for s in shown {
        let text = s.text.replace(['\r', '\n'], " ");
        if text.is_empty() {
            continue;
        }
        let size = s.size.max(1.0);
        match lines.last_mut() {
            Some((y, line_size, line)) if (s.y - *y).abs() <= 0.5 * size.max(*line_size) => {
                if s.x - end_x > 1.5 * size && !line.ends_with(' ') {
                    line.push(' ');
                }
                line.push_str(&text);
            }
            _ => lines.push((s.y, size, text.clone())),
        }
        let ems: f32 = text
            .chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum();
        end_x = s.x + ems * size;
    }
    // The usual spacing: the commonest distance down from one line to the next, to the
    // tenth of a point.
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for w in lines.windows(2) {
        let dy = w[0].0 - w[1].0;
        if dy > 0.0 && dy.is_finite() {
            *counts.entry((dy * 10.0).round() as i64).or_default() += 1;
        }
    }
    let usual = counts
        .iter()
        .max_by_key(|&(dy, n)| (*n, std::cmp::Reverse(*dy)))
        .map(|(dy, _)| *dy as f32 / 10.0);
    let mut out = String::new();
    let last = lines.len().saturating_sub(1);
    for (k, (y, size, text)) in lines.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() || ((k == 0 || k == last) && is_page_number(text)) {
            continue;
        }
        if k > 0 && !out.is_empty() {
            let dy = lines[k - 1].0 - y;
            let gap = match usual {
                Some(u) => dy > u * 1.3 + 0.5 || dy < -size,
                None => true,
            };
            if gap {
                out.push('\n');
            }
        }
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// Whether a line at the top or foot of a page is its number (`- 3 -`, `第3页 共12页`, `3/12`).
fn is_page_number(line: &str) -> bool {
    let mut digits = 0;
    for c in line.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !(c.is_whitespace() || "-—–_·•|/第页共".contains(c)) {
            return false;
        }
    }
    (1..=8).contains(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(x: f32, y: f32, text: &str) -> Shown {
        Shown {
            x,
            y,
            size: 10.0,
            text: text.to_string(),
        }
    }

    #[test]
    fn lines_and_paragraph_gaps() {
        let shown = [
            piece(50.0, 800.0, "象山县公安局坚持统筹推进护航亚运，"),
            piece(220.0, 800.0, "稳步推进警情"),
            piece(50.0, 786.0, "分流工作。"),
            piece(50.0, 766.0, "赛事期间，象山公安用警总量达3.9万人次，"),
            piece(50.0, 752.0, "确保了比赛顺利进行。"),
        ];
        assert_eq!(
            lines_of(&shown),
            "象山县公安局坚持统筹推进护航亚运，稳步推进警情\n分流工作。\n\n\
             赛事期间，象山公安用警总量达3.9万人次，\n确保了比赛顺利进行。\n"
        );
    }

    #[test]
    fn garbage_is_an_error() {
        for bytes in [
            &b"%PDF-1.4\n"[..],
            b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",
            b"",
        ] {
            let e = extract(bytes, 1 << 20).unwrap_err();
            assert!(
                matches!(e.kind(), ErrorKind::Malformed | ErrorKind::NoText),
                "{e}"
            );
        }
    }

    #[test]
    fn page_numbers() {
        for line in ["- 3 -", "第3页 共12页", "3/12", "—12—", "7"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["2023年", "共3起", "", "象山公安"] {
            assert!(!is_page_number(line), "{line}");
        }
        let shown = [
            piece(50.0, 800.0, "象山县公安局坚持统筹推进"),
            piece(50.0, 786.0, "分流工作。"),
            piece(290.0, 40.0, "- 1 -"),
        ];
        assert_eq!(lines_of(&shown), "象山县公安局坚持统筹推进\n分流工作。\n");
    }
}
