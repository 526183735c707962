//! One error type for everything that loads or parses.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, without the where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading a file failed.
    Io,
    /// Input that should be UTF-8 (or UTF-16) is not.
    InvalidUtf8,
    /// Bytes that are text in none of the encodings read (UTF-8, UTF-16, GB18030, Big5), or
    /// not in the one forced.
    InvalidText,
    /// A Word file or PDF whose structure cannot be read: a broken zip archive, XML that is
    /// not well-formed, a PDF without its objects.
    Malformed,
    /// A PDF without a text layer: a scan, whose pages are images.
    NoText,
    /// A PDF or Word file locked by a password.
    Encrypted,
    /// A compressed file whose text takes more than the limit decompressed (see
    /// `ReadOptions::decompressed_limit`).
    TooLarge,
    /// A format that this build does not read (its cargo feature is off), or that jingwu
    /// does not read at all (an old `.doc`, a zip archive that is no Word file).
    Unsupported,
    /// A line of a user lexicon is malformed.
    Lexicon,
    /// A line of an IDF table is malformed.
    IdfTable,
    /// Saved corpus statistics are corrupted or from an incompatible version.
    Model,
    /// Rendering the HTML report failed (an error of its template).
    Render,
    /// A search of folders found no report file to read.
    NoReports,
    /// Writing a file failed (a full disk, a folder missing or not writable). Files are
    /// written whole or not at all: the file that was there is as it was.
    Write,
}

/// An error from loading or parsing, naming what and where.
///
/// ```
/// use jingwu::{ErrorKind, Lexicon};
///
/// let err = Lexicon::parse_user("枫桥经验 100 nz\n公安大脑 -5\n").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::Lexicon);
/// assert_eq!(err.line(), Some(2));
/// assert!(err.to_string().contains("line 2"));
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: Option<PathBuf>,
    line: Option<usize>,
    offset: Option<usize>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            path: None,
            line: None,
            offset: None,
            source: None,
        }
    }

    pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
        let mut e = Error::new(ErrorKind::Io, err.to_string()).with_path(path);
        e.source = Some(Box::new(err));
        e
    }

    pub(crate) fn write(path: &Path, err: std::io::Error) -> Error {
        let mut e = Error::new(
            ErrorKind::Write,
            format!("could not be written ({err}); the file there before is unchanged"),
        )
        .with_path(path);
        e.source = Some(Box::new(err));
        e
    }

    pub(crate) fn with_path(mut self, path: &Path) -> Error {
        self.path = Some(path.to_path_buf());
        self
    }

    pub(crate) fn with_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    pub(crate) fn with_offset(mut self, offset: usize) -> Error {
        self.offset = Some(offset);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file, when the input came from one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The line (counted from 1), when the problem is on one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The byte offset in the input, when known.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}: ", p.display())?;
        }
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        if let Some(o) = self.offset {
            write!(f, "byte {o}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// 1-based line number of byte `at` of `bytes`.
pub(crate) fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_where() {
        let e = Error::new(ErrorKind::InvalidUtf8, "invalid UTF-8")
            .with_path(Path::new("a.txt"))
            .with_offset(7);
        assert_eq!(e.to_string(), "a.txt: byte 7: invalid UTF-8");
        let e = Error::new(ErrorKind::Lexicon, "bad").with_line(3);
        assert_eq!(e.to_string(), "line 3: bad");
        assert_eq!(e.kind(), &ErrorKind::Lexicon);
    }
}
