//! Reading reports: text in the encodings Chinese reports are saved in, web pages, Word
//! files and the text layer of PDFs, each told by its first bytes, then its extension.
//!
//! Offsets into a report are offsets into its [`Decoded::text`]. For text in UTF-8 those are
//! offsets into the file; for text in another encoding, and for web pages, Word files and
//! PDFs, they are offsets into the text extracted, which the caller keeps to show evidence
//! in context.

mod decode;
mod detect;
#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "web")]
mod html;
#[cfg(feature = "pdf")]
mod pdf;
mod walk;
mod write;

pub use decode::{Decoding, Encoding};
pub use walk::{FoundReports, ReportFile, Skipped};
#[cfg(test)]
pub(crate) use write::tests::failing_after;
pub use write::write_atomically;
pub(crate) use write::write_with;

use crate::error::{Error, ErrorKind};
use std::path::{Path, PathBuf};

/// The formats reports are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, in any of the [`Encoding`]s.
    Text,
    /// A web page: the article's text, without the page around it (feature `web`).
    Html,
    /// A Word file, `.docx` (feature `docx`).
    Docx,
    /// A PDF's text layer (feature `pdf`).
    Pdf,
}

impl Format {
    /// The cargo feature that reads the format, if it needs one.
    fn feature(self) -> Option<&'static str> {
        match self {
            Format::Text => None,
            Format::Html => Some("web"),
            Format::Docx => Some("docx"),
            Format::Pdf => Some("pdf"),
        }
    }
}

/// Most bytes that a Word file's text or a PDF's page content may take decompressed, by
/// default: 256 MiB.
pub const DEFAULT_DECOMPRESSED_LIMIT: usize = 128 << 20;

/// Deepest a folder is searched for reports by default: files at most 16 folders below the
/// one given.
pub const DEFAULT_MAX_DEPTH: usize = 16;

/// How to read reports: strict or lossy decoding, an encoding or format to force, a limit
/// on what compressed files may take decompressed, and how deep folders are searched.
///
/// ```
/// use jingwu::{Decoding, Encoding, Format, ReadOptions, extract_report};
///
/// let (gbk, _, _) = encoding_rs::GB18030.encode("象山公安：\n\n严打笑气犯罪。\n");
/// let options = ReadOptions::new().encoding(Encoding::Gb18030).format(Format::Text);
/// let d = extract_report(&gbk, &options)?;
/// assert_eq!((d.text(), d.encoding()), ("象山公安：\n\n严打笑气犯罪。\n", Encoding::Gb18030));
///
/// // A `Decoding` alone is options too.
/// assert!(extract_report(b"\xff\xff", Decoding::Strict).is_err());
/// assert_eq!(extract_report(b"\xff\xff", Decoding::Lossy)?.replaced(), 2);
/// # Ok::<(), jingwu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    decoding: Decoding,
    encoding: Option<Encoding>,
    format: Option<Format>,
    limit: usize,
    max_depth: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            decoding: Decoding::Strict,
            encoding: None,
            format: None,
            limit: DEFAULT_DECOMPRESSED_LIMIT,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl ReadOptions {
    /// Strict decoding, encoding and format detected, [`DEFAULT_DECOMPRESSED_LIMIT`],
    /// [`DEFAULT_MAX_DEPTH`].
    pub fn new() -> Self {
        Self::default()
    }

    /// How to treat bytes that are not valid text.
    pub fn decoding(mut self, decoding: Decoding) -> Self {
        self.decoding = decoding;
        self
    }

    /// Reads text (and web pages) in `encoding` rather than the one detected. A byte order
    /// mark of the same encoding is still honoured.
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// Reads every input as `format`, whatever its bytes or extension say.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Most bytes a Word file's text or a PDF's page content may take decompressed; past it,
    /// reading fails with [`ErrorKind::TooLarge`].
    pub fn decompressed_limit(mut self, bytes: usize) -> Self {
        self.limit = bytes;
        self
    }

    /// How many folders deep a folder given to [`read_reports`] or [`find_reports`] is
    /// searched: 1 for its own files only. What lies deeper is left out and counted
    /// ([`Skipped::too_deep`]).
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }
}

impl From<Decoding> for ReadOptions {
    fn from(decoding: Decoding) -> Self {
        ReadOptions::new().decoding(decoding)
    }
}

impl From<&ReadOptions> for ReadOptions {
    fn from(options: &ReadOptions) -> Self {
        options.clone()
    }
}

/// A report read: its text, and what it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    text: String,
    encoding: Encoding,
    replaced: usize,
    format: Format,
}

impl Decoded {
    /// The text. For UTF-8 text, byte offsets into it are byte offsets into the file (until
    /// the first replaced byte in lossy mode); for text in another encoding, and for a web
    /// page, Word file or PDF, they are offsets into this text, the text extracted.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, owned.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The encoding the text was in: for a web page, its declared or detected charset; for
    /// a Word file, UTF-8; for a PDF, [`Encoding::PdfText`].
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// How many invalid sequences were replaced (always 0 in strict mode).
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// The format the report was read as.
    pub fn format(&self) -> Format {
        self.format
    }
}

/// Decodes the bytes of a plain-text report: by a byte order mark, else the first of
/// UTF-16 (recognised without a BOM), UTF-8, GB18030 and Big5 that reads them whole (the
/// one chardetng finds likelier first), unless the options force an encoding. Bytes that
/// are text in none of them are an error at the offset where the encoding that read the
/// furthest stopped ([`ErrorKind::InvalidUtf8`] when that is UTF-8,
/// [`ErrorKind::InvalidText`] otherwise), or, in lossy mode, replaced and counted.
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
///
/// let (big5, _, _) = encoding_rs::BIG5.encode("慈溪公安一舉查處了笑氣工廠三家，搗毀笑氣加工窩點。");
/// let d = decode_report(&big5, Decoding::Strict)?;
/// assert_eq!((d.text(), d.encoding()), ("慈溪公安一舉查處了笑氣工廠三家，搗毀笑氣加工窩點。", Encoding::Big5));
/// # Ok::<(), jingwu::Error>(())
/// ```
pub fn decode_report(bytes: &[u8], options: impl Into<ReadOptions>) -> Result<Decoded, Error> {
    let options = options.into();
    let t = decode::decode_text(bytes, options.decoding, options.encoding)?;
    Ok(Decoded {
        text: t.text,
        encoding: t.encoding,
        replaced: t.replaced,
        format: Format::Text,
    })
}

/// Reads the bytes of a report in any format: the one the options force, else the one its
/// first bytes say (`%PDF`, a zip archive holding `word/document.xml`, a doctype or
/// `<html>`), else plain text.
///
/// ```
/// use jingwu::{Decoding, Format, extract_report};
///
/// let page = "<!DOCTYPE html><html><head><meta charset=utf-8><title>打好反诈攻坚战_市公安局</title></head>\
///             <body><nav><a href=/>首页</a></nav><h1>打好反诈攻坚战</h1>\
///             <div class=content><p>全市公安机关严打电信网络诈骗。</p></div>\
///             <footer>版权所有</footer></body></html>";
/// # #[cfg(feature = "web")] {
/// let d = extract_report(page.as_bytes(), Decoding::Strict)?;
/// assert_eq!(d.format(), Format::Html);
/// assert_eq!(d.text(), "打好反诈攻坚战\n\n全市公安机关严打电信网络诈骗。\n");
/// # }
/// # Ok::<(), jingwu::Error>(())
/// ```
pub fn extract_report(bytes: &[u8], options: impl Into<ReadOptions>) -> Result<Decoded, Error> {
    extract(bytes, &options.into(), None)
}

fn extract(bytes: &[u8], options: &ReadOptions, path: Option<&Path>) -> Result<Decoded, Error> {
    let format = options
        .format
        .unwrap_or_else(|| detect::sniff_format(bytes, path));
    if format == Format::Text {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "an old Word (.doc) file or a file locked by a password: save it as .docx or text",
            ));
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "a zip archive that is no Word file",
            ));
        }
        return decode_report(bytes, options);
    }
    let extracted = extract_as(format, bytes, options)?;
    Ok(Decoded {
        text: extracted.text,
        encoding: extracted.encoding,
        replaced: extracted.replaced,
        format,
    })
}

/// The text of `bytes` read as `format`, which is not text.
#[cfg_attr(
    not(all(feature = "web", feature = "docx", feature = "pdf")),
    allow(unused_variables)
)]
fn extract_as(format: Format, bytes: &[u8], options: &ReadOptions) -> Result<decode::Text, Error> {
    match format {
        #[cfg(feature = "web")]
        Format::Html => return html::extract(bytes, options.decoding, options.encoding),
        #[cfg(feature = "docx")]
        Format::Docx => {
            return Ok(decode::Text {
                text: docx::extract(bytes, options.limit)?,
                encoding: Encoding::Utf8,
                replaced: 0,
            });
        }
        #[cfg(feature = "pdf")]
        Format::Pdf => {
            return Ok(decode::Text {
                text: pdf::extract(bytes, options.limit)?,
                encoding: Encoding::PdfText,
                replaced: 0,
            });
        }
        _ => {}
    }
    Err(Error::new(
        ErrorKind::Unsupported,
        format!(
            "a {format:?} file, which this build does not read (cargo feature `{}`)",
            format.feature().unwrap_or("default")
        ),
    ))
}

/// Reads a report file: its format by its first bytes, then its extension (`.pdf`,
/// `.docx`, `.htm`, `.html`), else plain text. Errors name the file (and for invalid text,
/// the byte offset and line).
///
/// ```
/// use jingwu::{Decoding, Format, read_report};
///
/// let d = read_report("seeds/000_12d651512e7a8b8a.txt", Decoding::Strict)?;
/// assert_eq!(d.format(), Format::Text);
/// assert!(d.text().contains("象山公安："));
/// # Ok::<(), jingwu::Error>(())
/// ```
pub fn read_report(
    path: impl AsRef<Path>,
    options: impl Into<ReadOptions>,
) -> Result<Decoded, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    extract(&bytes, &options.into(), Some(path)).map_err(|e| e.with_path(path))
}

/// Reads a report file strictly and returns its text: [`read_report`] with
/// [`Decoding::Strict`].
pub fn read_report_file(path: impl AsRef<Path>) -> Result<String, Error> {
    read_report(path, Decoding::Strict).map(Decoded::into_text)
}

/// Reports read from files and folders, the files that could not be read, and what was left
/// out.
#[derive(Debug, Default)]
pub struct ReadReports {
    /// Each report read, in order, with its id: a file's path as given; for a file found in
    /// a folder, its path relative to that folder (see [`ReportFile::id`]).
    pub reports: Vec<(String, Decoded)>,
    /// Each file or folder that could not be read, with the reason; when no report file was
    /// found at all, an error of kind [`ErrorKind::NoReports`] naming the paths searched.
    pub errors: Vec<Error>,
    /// What the folders held that was left out (see [`find_reports`]).
    pub skipped: Skipped,
}

/// The extensions of the files a folder contributes.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "htm", "html", "docx", "pdf"];

/// The report files of `paths`, in order: a file as it is given (whatever its extension);
/// a folder searched through its subfolders, in the order of their names (see
/// [`find_reports`]). A folder or entry that cannot be searched is an error in the list.
pub fn report_files<P: AsRef<Path>>(paths: &[P]) -> Vec<Result<PathBuf, Error>> {
    walk::walk(paths, DEFAULT_MAX_DEPTH)
        .0
        .into_iter()
        .map(|f| f.map(|f| f.path().to_path_buf()))
        .collect()
}

/// Finds the report files of `paths`. A file is taken as it is given, whatever its
/// extension. A folder is searched through its subfolders: every file with one of the
/// [`REPORT_EXTENSIONS`], in the order of their names (a folder's files where its name
/// sorts), each with an id relative to the folder given. Hidden files and folders (names
/// starting with `.`) are left out, and so is what lies deeper than
/// [`ReadOptions::max_depth`]; links are followed, but a file is taken once however many
/// ways lead to it, and a link back to a folder above it is not followed around. What was
/// left out is counted in [`FoundReports::skipped`]. When no report file is found, the
/// errors say so ([`ErrorKind::NoReports`]), naming the paths searched.
///
/// ```
/// use jingwu::{ErrorKind, ReadOptions, find_reports};
///
/// let dir = std::env::temp_dir().join(format!("jingwu-doc-find-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("2024/q1"))?;
/// std::fs::create_dir_all(dir.join(".drafts"))?;
/// std::fs::write(dir.join("2024/q1/b.txt"), "严打电信网络诈骗。")?;
/// std::fs::write(dir.join("2024/a.txt"), "深化“枫桥经验”。")?;
/// std::fs::write(dir.join(".drafts/c.txt"), "草稿")?;
/// std::fs::write(dir.join("notes.md"), "not a report")?;
///
/// let found = find_reports(&[&dir], ReadOptions::new());
/// let ids: Vec<&str> = found.files.iter().map(|f| f.id()).collect();
/// assert_eq!(ids, ["2024/a.txt", "2024/q1/b.txt"]);
/// assert_eq!((found.skipped.other_files, found.skipped.hidden), (1, 1));
///
/// // One level only: the files below are left out, and then there is no report at all.
/// let found = find_reports(&[&dir], ReadOptions::new().max_depth(1));
/// assert!(found.files.is_empty());
/// assert_eq!(found.errors[0].kind(), &ErrorKind::NoReports);
/// assert!(found.errors[0].to_string().contains(&*dir.to_string_lossy()));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn find_reports<P: AsRef<Path>>(paths: &[P], options: impl Into<ReadOptions>) -> FoundReports {
    let options = options.into();
    let (files, skipped) = walk::walk(paths, options.max_depth);
    let mut out = FoundReports {
        skipped,
        ..FoundReports::default()
    };
    for f in files {
        match f {
            Ok(f) => out.files.push(f),
            Err(e) => out.errors.push(e),
        }
    }
    if out.files.is_empty() {
        out.errors.push(walk::nothing_found(paths, &out.skipped));
    }
    out
}

/// Reads reports from `paths`: a file is read as it is given; a folder contributes every
/// file with one of the [`REPORT_EXTENSIONS`] in it and its subfolders, in order, each
/// under its path relative to the folder (see [`find_reports`]). A file that cannot be read
/// does not stop the others: its error is returned beside them. Finding no report at all is
/// an error too ([`ErrorKind::NoReports`]).
///
/// ```
/// use jingwu::{Decoding, ErrorKind, read_reports};
///
/// let read = read_reports(&["seeds", "no/such/file.txt"], Decoding::Strict);
/// assert!(read.reports.iter().any(|(id, _)| id == "000_12d651512e7a8b8a.txt"));
/// assert_eq!(read.errors.len(), 1);
/// assert!(read.errors[0].to_string().contains("no/such/file.txt"));
///
/// let empty = std::env::temp_dir().join(format!("jingwu-doc-empty-{}", std::process::id()));
/// std::fs::create_dir_all(&empty).unwrap();
/// let read = read_reports(&[&empty], Decoding::Strict);
/// assert!(read.reports.is_empty());
/// assert_eq!(read.errors[0].kind(), &ErrorKind::NoReports);
/// # std::fs::remove_dir_all(&empty).unwrap();
/// ```
pub fn read_reports<P: AsRef<Path>>(paths: &[P], options: impl Into<ReadOptions>) -> ReadReports {
    let options = options.into();
    let found = find_reports(paths, &options);
    let mut out = ReadReports {
        errors: found.errors,
        skipped: found.skipped,
        ..ReadReports::default()
    };
    for f in found.files {
        match read_report(f.path(), &options) {
            Ok(d) => out.reports.push((f.id, d)),
            Err(e) => out.errors.push(e),
        }
    }
    out
}
