//! Text decoding: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised without
//! one), GB18030 (which includes GBK and GB2312) and Big5 (with the HKSCS characters), each
//! strictly or with the bad bytes replaced and counted.

use super::detect::{Endian, legacy_order, utf16_without_bom};
use crate::error::line_of;
use crate::error::{Error, ErrorKind};

/// How to treat bytes that are not valid text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Decoding {
    /// Invalid bytes are an error naming the byte offset and line.
    #[default]
    Strict,
    /// Invalid bytes are replaced by U+FFFD and counted in [`Decoded::replaced`](crate::Decoded::replaced).
    Lossy,
}

/// The encoding a report was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark, kept at the start of the text (the parser skips it, so
    /// offsets stay offsets into the file).
    Utf8Bom,
    /// UTF-16, little-endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    Utf16Be,
    /// UTF-16, little-endian, without a byte order mark: recognised by its text, most of
    /// whose characters are Chinese, ASCII or punctuation either way round.
    Utf16LeNoBom,
    /// UTF-16, big-endian, without a byte order mark.
    Utf16BeNoBom,
    /// GB18030, the Chinese national encoding, which includes GBK and GB2312 (what Chinese
    /// Windows tools save as "ANSI" text).
    Gb18030,
    /// Big5, the traditional Chinese encoding of Taiwan and Hong Kong, with the HKSCS
    /// characters.
    Big5,
    /// No charset: the text layer of a PDF, read through its fonts' maps to Unicode. Not an
    /// encoding to force.
    PdfText,
}

impl Encoding {
    /// The encoding's usual name (`"GB18030"`, `"UTF-16LE"`).
    ///
    /// ```
    /// assert_eq!(jingwu::Encoding::Big5.name(), "Big5");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Utf16Le | Encoding::Utf16LeNoBom => "UTF-16LE",
            Encoding::Utf16Be | Encoding::Utf16BeNoBom => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
            Encoding::PdfText => "PDF text",
        }
    }
}

/// Decoded text and what it was decoded from.
#[derive(Debug)]
pub(crate) struct Text {
    pub(crate) text: String,
    pub(crate) encoding: Encoding,
    pub(crate) replaced: usize,
}

/// Decodes `bytes` as text: in `forced` if given, else by their byte order mark, else in the
/// first of UTF-16 (recognised without a BOM), UTF-8, GB18030 and Big5 that reads them
/// whole. When none does, a strict read fails where the encoding that read the furthest
/// stopped, and a lossy read decodes in that encoding, counting the replacements.
pub(crate) fn decode_text(
    bytes: &[u8],
    decoding: Decoding,
    forced: Option<Encoding>,
) -> Result<Text, Error> {
    let le = matches!(
        forced,
        None | Some(Encoding::Utf16Le | Encoding::Utf16LeNoBom)
    );
    let be = matches!(
        forced,
        None | Some(Encoding::Utf16Be | Encoding::Utf16BeNoBom)
    );
    match bytes {
        [0xFF, 0xFE, rest @ ..] if le => return utf16(rest, Endian::Little, 2, decoding),
        [0xFE, 0xFF, rest @ ..] if be => return utf16(rest, Endian::Big, 2, decoding),
        _ => {}
    }
    if let Some(encoding) = forced {
        return match encoding {
            Encoding::Utf8 | Encoding::Utf8Bom => utf8(bytes, decoding),
            Encoding::Utf16Le | Encoding::Utf16LeNoBom => utf16(bytes, Endian::Little, 0, decoding),
            Encoding::Utf16Be | Encoding::Utf16BeNoBom => utf16(bytes, Endian::Big, 0, decoding),
            Encoding::Gb18030 | Encoding::Big5 => legacy(bytes, encoding, decoding),
            Encoding::PdfText => Err(Error::new(
                ErrorKind::Unsupported,
                "the text of a PDF is no encoding to read bytes in",
            )),
        };
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return utf8(bytes, decoding);
    }
    // ASCII in UTF-16 has NUL bytes, which are valid UTF-8: look for UTF-16 first then.
    if memchr::memchr(0, bytes).is_some()
        && let Some(endian) = utf16_without_bom(bytes)
    {
        return utf16(bytes, endian, 0, decoding);
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Text {
                text: s.to_string(),
                encoding: Encoding::Utf8,
                replaced: 0,
            });
        }
        Err(e) => e,
    };
    if let Some(endian) = utf16_without_bom(bytes) {
        return utf16(bytes, endian, 0, decoding);
    }
    // The legacy encodings, the likelier first; the first to read every byte wins.
    let order = legacy_order(bytes);
    let mut furthest = (utf8_error.valid_up_to(), Encoding::Utf8);
    for encoding in order {
        match run_legacy(bytes, encoding, false) {
            Ok(text) => return Ok(text),
            Err(at) if at > furthest.0 => furthest = (at, encoding),
            Err(_) => {}
        }
    }
    match furthest.1 {
        Encoding::Utf8 => utf8(bytes, decoding),
        encoding => legacy(bytes, encoding, decoding),
    }
}

/// `bytes` as UTF-8, a BOM kept.
fn utf8(bytes: &[u8], decoding: Decoding) -> Result<Text, Error> {
    let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Encoding::Utf8Bom
    } else {
        Encoding::Utf8
    };
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Text {
            text: s.to_string(),
            encoding,
            replaced: 0,
        }),
        Err(e) if decoding == Decoding::Strict => {
            let at = e.valid_up_to();
            Err(Error::new(ErrorKind::InvalidUtf8, "invalid UTF-8")
                .with_offset(at)
                .with_line(line_of(bytes, at)))
        }
        Err(_) => {
            let mut replaced = 0;
            let mut text = String::with_capacity(bytes.len() + 16);
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push('\u{fffd}');
                    replaced += 1;
                }
            }
            Ok(Text {
                text,
                encoding,
                replaced,
            })
        }
    }
}

/// `bytes` in GB18030 or Big5: an error at the first byte that is no text in it, or in
/// lossy mode, the text with each bad sequence replaced.
fn legacy(bytes: &[u8], encoding: Encoding, decoding: Decoding) -> Result<Text, Error> {
    run_legacy(bytes, encoding, decoding == Decoding::Lossy).map_err(|at| {
        Error::new(
            ErrorKind::InvalidText,
            format!("bytes that are no text in {}", encoding.name()),
        )
        .with_offset(at)
        .with_line(line_of(bytes, at))
    })
}

/// Decodes with encoding_rs; `Err` holds the offset of the first bad sequence when not
/// `lossy`.
fn run_legacy(bytes: &[u8], encoding: Encoding, lossy: bool) -> Result<Text, usize> {
    let table = match encoding {
        Encoding::Big5 => encoding_rs::BIG5,
        _ => encoding_rs::GB18030,
    };
    let mut decoder = table.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, n: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(n)
            .unwrap_or(n.saturating_mul(3))
            .saturating_add(4)
    };
    let mut text = String::with_capacity(room(&decoder, bytes.len()));
    let mut pos = 0;
    let mut replaced = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                text.reserve(room(&decoder, bytes.len() - pos));
            }
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                if !lossy {
                    return Err(pos.saturating_sub(usize::from(bad) + usize::from(after)));
                }
                text.push('\u{fffd}');
                replaced += 1;
            }
        }
    }
    Ok(Text {
        text,
        encoding,
        replaced,
    })
}

/// `bytes` (after a BOM of `bom` bytes) as UTF-16.
fn utf16(bytes: &[u8], endian: Endian, bom: usize, decoding: Decoding) -> Result<Text, Error> {
    let encoding = match (endian, bom > 0) {
        (Endian::Little, true) => Encoding::Utf16Le,
        (Endian::Big, true) => Encoding::Utf16Be,
        (Endian::Little, false) => Encoding::Utf16LeNoBom,
        (Endian::Big, false) => Encoding::Utf16BeNoBom,
    };
    let strict = decoding == Decoding::Strict;
    if bytes.len() % 2 == 1 && strict {
        return Err(Error::new(
            ErrorKind::InvalidUtf8,
            "UTF-16 input with an odd number of bytes",
        )
        .with_offset(bytes.len() + bom - 1));
    }
    let units = bytes.chunks_exact(2).map(|p| match endian {
        Endian::Big => u16::from_be_bytes([p[0], p[1]]),
        Endian::Little => u16::from_le_bytes([p[0], p[1]]),
    });
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut replaced = usize::from(bytes.len() % 2 == 1);
    let mut at = bom;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                at += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) if strict => {
                let line = text.matches('\n').count() + 1;
                return Err(
                    Error::new(ErrorKind::InvalidUtf8, "unpaired UTF-16 surrogate")
                        .with_offset(at)
                        .with_line(line),
                );
            }
            Err(_) => {
                at += 2;
                replaced += 1;
                text.push('\u{fffd}');
            }
        }
    }
    if bytes.len() % 2 == 1 {
        text.push('\u{fffd}');
    }
    Ok(Text {
        text,
        encoding,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], decoding: Decoding) -> Result<Text, Error> {
        decode_text(bytes, decoding, None)
    }

    #[test]
    fn utf16_big_endian_and_bad_surrogates() {
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("笑气".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be, Decoding::Strict).unwrap().text, "笑气");
        let bad = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        let e = decode(&bad, Decoding::Strict).unwrap_err();
        assert_eq!(e.offset(), Some(2));
        let lossy = decode(&bad, Decoding::Lossy).unwrap();
        assert_eq!(lossy.text, "\u{fffd}A");
        assert_eq!(lossy.replaced, 1);
        assert!(decode(&[0xFF, 0xFE, 0x41], Decoding::Strict).is_err());
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x41], Decoding::Lossy)
                .unwrap()
                .replaced,
            1
        );
    }

    #[test]
    fn utf8_bom_is_kept_so_offsets_stay_file_offsets() {
        let d = decode("\u{feff}公安".as_bytes(), Decoding::Strict).unwrap();
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.text.len(), 9);
    }

    #[test]
    fn empty_input_is_empty_text() {
        let d = decode(b"", Decoding::Strict).unwrap();
        assert_eq!(d.text, "");
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    const SAMPLE: &str = "象山公安：\n\n象山公安还创新发展新时代“海上枫桥经验”，在矛盾纠纷化解中破解难题。\n\
                          慈溪公安一举查处了笑气工厂三家，捣毁笑气加工窝点和仓库五处。\n";

    #[test]
    fn gb18030_and_big5_are_recognised() {
        let (gbk, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let d = decode(&gbk, Decoding::Strict).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Gb18030));
        let traditional = "慈溪公安一舉查處了笑氣工廠三家，搗毀笑氣加工窩點和倉庫五處。\n\
                           象山公安還創新發展新時代「海上楓橋經驗」，在矛盾糾紛化解中破解難題。\n";
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(traditional);
        assert!(!unmappable);
        let d = decode(&big5, Decoding::Strict).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (traditional, Encoding::Big5));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        for (endian, encoding) in [
            (Endian::Little, Encoding::Utf16LeNoBom),
            (Endian::Big, Encoding::Utf16BeNoBom),
        ] {
            let bytes: Vec<u8> = SAMPLE
                .encode_utf16()
                .flat_map(|u| match endian {
                    Endian::Little => u.to_le_bytes(),
                    Endian::Big => u.to_be_bytes(),
                })
                .collect();
            let d = decode(&bytes, Decoding::Strict).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, encoding));
        }
    }

    #[test]
    fn forced_encodings_are_used_and_bad_bytes_named() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("公安");
        let d = decode_text(&gbk, Decoding::Strict, Some(Encoding::Big5));
        // 公安 in GBK is 0xB9AB 0xB0B2: both are Big5 characters too, another text.
        assert_eq!(d.unwrap().encoding, Encoding::Big5);
        let e = decode_text(b"ab\n\xff", Decoding::Strict, Some(Encoding::Gb18030)).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidText);
        assert_eq!((e.offset(), e.line()), (Some(3), Some(2)));
        let lossy = decode_text(b"ab\n\xff", Decoding::Lossy, Some(Encoding::Gb18030)).unwrap();
        assert_eq!((lossy.text.as_str(), lossy.replaced), ("ab\n\u{fffd}", 1));
    }

    #[test]
    fn text_in_no_encoding_fails_where_the_furthest_reading_stopped() {
        let (mut gbk, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let gbk = gbk.to_mut();
        let at = gbk.len();
        gbk.extend_from_slice(b"\xff\xff\n");
        let e = decode(gbk, Decoding::Strict).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidText);
        assert_eq!(e.offset(), Some(at));
        assert!(e.to_string().contains("GB18030"), "{e}");
        let lossy = decode(gbk, Decoding::Lossy).unwrap();
        assert_eq!(lossy.encoding, Encoding::Gb18030);
        assert_eq!(lossy.replaced, 2);
        assert!(lossy.text.starts_with(SAMPLE));
    }
}
