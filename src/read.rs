//! Reading reports from files and bytes: UTF-8 (with or without BOM), UTF-16 with a BOM,
//! and an explicit lossy mode for damaged files.

use crate::error::line_of;
use crate::error::{Error, ErrorKind};
use std::path::Path;

/// How to treat bytes that are not valid text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Decoding {
    /// Invalid bytes are an error naming the byte offset and line.
    #[default]
    Strict,
    /// Invalid bytes are replaced by U+FFFD and counted in [`Decoded::replaced`].
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
}

/// A decoded report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    text: String,
    encoding: Encoding,
    replaced: usize,
}

impl Decoded {
    /// The text. For UTF-8 input, byte offsets into it are byte offsets into the file (until
    /// the first replaced byte in lossy mode); for UTF-16 input they are offsets into this
    /// UTF-8 text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, owned.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The encoding the input was in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// How many invalid sequences were replaced (always 0 in strict mode).
    pub fn replaced(&self) -> usize {
        self.replaced
    }
}

/// Decodes the bytes of a report.
///
/// ```
/// use jingwu::{Decoding, Encoding, ErrorKind, decode_report};
///
/// let ok = decode_report("公安".as_bytes(), Decoding::Strict)?;
/// assert_eq!(ok.text(), "公安");
///
/// let bad = b"\xe5\x85\xac\n\xff\xe5\xae\x89";
/// let err = decode_report(bad, Decoding::Strict).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::InvalidUtf8);
/// assert_eq!((err.offset(), err.line()), (Some(4), Some(2)));
///
/// let lossy = decode_report(bad, Decoding::Lossy)?;
/// assert_eq!(lossy.text(), "公\n\u{fffd}安");
/// assert_eq!(lossy.replaced(), 1);
///
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("警务".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// let d = decode_report(&utf16, Decoding::Strict)?;
/// assert_eq!((d.text(), d.encoding()), ("警务", Encoding::Utf16Le));
/// # Ok::<(), jingwu::Error>(())
/// ```
pub fn decode_report(bytes: &[u8], decoding: Decoding) -> Result<Decoded, Error> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, Encoding::Utf16Le, decoding),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, Encoding::Utf16Be, decoding),
        _ => {
            let encoding = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            };
            match std::str::from_utf8(bytes) {
                Ok(s) => Ok(Decoded {
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
                    Ok(Decoded {
                        text,
                        encoding,
                        replaced,
                    })
                }
            }
        }
    }
}

fn decode_utf16(bytes: &[u8], encoding: Encoding, decoding: Decoding) -> Result<Decoded, Error> {
    let strict = decoding == Decoding::Strict;
    if bytes.len() % 2 == 1 && strict {
        return Err(Error::new(
            ErrorKind::InvalidUtf8,
            "UTF-16 input with an odd number of bytes",
        )
        .with_offset(bytes.len() + 1));
    }
    let units = bytes.chunks_exact(2).map(|p| match encoding {
        Encoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
        _ => u16::from_le_bytes([p[0], p[1]]),
    });
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut replaced = usize::from(bytes.len() % 2 == 1);
    let mut at = 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                at += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) if strict => {
                return Err(
                    Error::new(ErrorKind::InvalidUtf8, "unpaired UTF-16 surrogate").with_offset(at),
                );
            }
            Err(_) => {
                at += 2;
                replaced += 1;
                text.push('\u{fffd}');
            }
        }
    }
    if replaced > 0 && bytes.len() % 2 == 1 {
        text.push('\u{fffd}');
    }
    Ok(Decoded {
        text,
        encoding,
        replaced,
    })
}

/// Reads and decodes a report file. Errors name the file (and for invalid text, the byte
/// offset and line).
pub fn read_report(path: impl AsRef<Path>, decoding: Decoding) -> Result<Decoded, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_report(&bytes, decoding).map_err(|e| e.with_path(path))
}

/// Reads a report file strictly and returns its text: [`read_report`] with
/// [`Decoding::Strict`].
pub fn read_report_file(path: impl AsRef<Path>) -> Result<String, Error> {
    read_report(path, Decoding::Strict).map(Decoded::into_text)
}

/// Reports read from files and directories, and the files that could not be read.
#[derive(Debug, Default)]
pub struct ReadReports {
    /// Each report read, with its path as given or as found in a directory, in order.
    pub reports: Vec<(String, Decoded)>,
    /// Each file or directory that could not be read, with the reason.
    pub errors: Vec<Error>,
}

/// Reads reports from `paths`: a file is read as it is; a directory contributes every `*.txt`
/// file in it, sorted by name. A file that cannot be read does not stop the others: its error
/// is returned beside them.
///
/// ```
/// use jingwu::{Decoding, read_reports};
///
/// let read = read_reports(&["seeds", "no/such/file.txt"], Decoding::Strict);
/// assert!(read.reports.iter().any(|(path, _)| path.ends_with("000_12d651512e7a8b8a.txt")));
/// assert_eq!(read.errors.len(), 1);
/// assert!(read.errors[0].to_string().contains("no/such/file.txt"));
/// ```
pub fn read_reports<P: AsRef<Path>>(paths: &[P], decoding: Decoding) -> ReadReports {
    let mut out = ReadReports::default();
    for p in paths {
        let p = p.as_ref();
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(entries) => {
                    let mut files: Vec<std::path::PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "txt"))
                        .collect();
                    files.sort();
                    for f in files {
                        read_one(&f, decoding, &mut out);
                    }
                }
                Err(e) => out.errors.push(Error::io(p, e)),
            }
        } else {
            read_one(p, decoding, &mut out);
        }
    }
    out
}

fn read_one(path: &Path, decoding: Decoding, out: &mut ReadReports) {
    match read_report(path, decoding) {
        Ok(d) => out.reports.push((path.to_string_lossy().into_owned(), d)),
        Err(e) => out.errors.push(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_big_endian_and_bad_surrogates() {
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("笑气".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_report(&be, Decoding::Strict).unwrap().text(), "笑气");
        let bad = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        let e = decode_report(&bad, Decoding::Strict).unwrap_err();
        assert_eq!(e.offset(), Some(2));
        let lossy = decode_report(&bad, Decoding::Lossy).unwrap();
        assert_eq!(lossy.text(), "\u{fffd}A");
        assert_eq!(lossy.replaced(), 1);
        assert!(decode_report(&[0xFF, 0xFE, 0x41], Decoding::Strict).is_err());
        assert_eq!(
            decode_report(&[0xFF, 0xFE, 0x41], Decoding::Lossy)
                .unwrap()
                .replaced(),
            1
        );
    }

    #[test]
    fn utf8_bom_is_kept_so_offsets_stay_file_offsets() {
        let d = decode_report("\u{feff}公安".as_bytes(), Decoding::Strict).unwrap();
        assert_eq!(d.encoding(), Encoding::Utf8Bom);
        assert_eq!(d.text().len(), 9);
    }

    #[test]
    fn empty_input_is_empty_text() {
        let d = decode_report(b"", Decoding::Strict).unwrap();
        assert_eq!(d.text(), "");
        assert_eq!(d.encoding(), Encoding::Utf8);
    }
}
