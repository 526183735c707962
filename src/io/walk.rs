//! Finding the report files of folders: walked recursively in the order of their names,
//! hidden files and folders left out, links followed but each file taken once, and no
//! deeper than a limit.

use super::REPORT_EXTENSIONS;
use crate::error::{Error, ErrorKind};
use rustc_hash::FxHashSet;
use std::cell::Cell;
use std::fmt;
use std::path::{Path, PathBuf};

/// What a search of folders for report files left out, by reason.
///
/// ```
/// use jingwu::Skipped;
///
/// let s = Skipped { other_files: 2, hidden: 1, ..Skipped::default() };
/// assert_eq!(s.total(), 3);
/// assert_eq!(s.to_string(), "2 files of other types, 1 hidden file or folder");
/// assert_eq!(Skipped::default().to_string(), "nothing");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files without one of the [`REPORT_EXTENSIONS`], and entries that are no regular file
    /// (a pipe, a device).
    pub other_files: usize,
    /// Hidden files and folders (their names start with `.`); a folder is counted once and
    /// not entered.
    pub hidden: usize,
    /// Files and folders below the depth limit; a folder is counted once and not entered.
    pub too_deep: usize,
    /// Files found again (through a link, or in two of the paths given), and links to a
    /// folder that holds them, which would loop: each file is read once.
    pub repeated: usize,
}

impl Skipped {
    /// Everything left out.
    pub fn total(&self) -> usize {
        self.other_files + self.hidden + self.too_deep + self.repeated
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        };
        let parts: Vec<String> = [
            (
                self.other_files,
                "file of another type",
                "files of other types",
            ),
            (
                self.hidden,
                "hidden file or folder",
                "hidden files or folders",
            ),
            (
                self.too_deep,
                "file or folder past the depth limit",
                "files or folders past the depth limit",
            ),
            (
                self.repeated,
                "file or link found again",
                "files or links found again",
            ),
        ]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        if parts.is_empty() {
            f.write_str("nothing")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// A report file found: where it is, and the id it is ranked under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub(super) path: PathBuf,
    pub(super) id: String,
}

impl ReportFile {
    /// The file's path: as given, or the folder given joined with its path inside.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The id its report is ranked under: a file's path as given; for a file found in a
    /// folder, its path relative to that folder (`2024/a.txt` for `reports/2024/a.txt`
    /// found in `reports`).
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The report files found in the paths given, in order, what could not be searched, and
/// what was left out.
#[derive(Debug, Default)]
pub struct FoundReports {
    /// The report files, in order: the paths as given; in a folder, sorted by name, a
    /// folder's files where the folder's name sorts.
    pub files: Vec<ReportFile>,
    /// Each folder or entry that could not be searched (a folder that cannot be listed, a
    /// broken link) with the reason; and when no report file was found at all, an error of
    /// kind [`ErrorKind::NoReports`] naming the paths searched.
    pub errors: Vec<Error>,
    /// What was left out.
    pub skipped: Skipped,
}

/// Whether a file name has one of the [`REPORT_EXTENSIONS`].
fn is_report_name(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| REPORT_EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The report files of `paths` in order, each a file or the error that kept it from being
/// searched, and what was left out.
pub(super) fn walk<P: AsRef<Path>>(
    paths: &[P],
    max_depth: usize,
) -> (Vec<Result<ReportFile, Error>>, Skipped) {
    let mut out = Vec::new();
    let mut skipped = Skipped::default();
    // Each file once, by where it really is.
    let mut seen: FxHashSet<PathBuf> = FxHashSet::default();
    let mut first_sight = |path: &Path, skipped: &mut Skipped| {
        // A path that cannot be resolved is read as given, and its error said then.
        let new = std::fs::canonicalize(path).map_or(true, |real| seen.insert(real));
        if !new {
            skipped.repeated += 1;
        }
        new
    };
    for root in paths {
        let root = root.as_ref();
        if !root.is_dir() {
            if first_sight(root, &mut skipped) {
                out.push(Ok(ReportFile {
                    path: root.to_path_buf(),
                    id: root.to_string_lossy().into_owned(),
                }));
            }
            continue;
        }
        let hidden = Cell::new(0usize);
        // One level past the limit is listed, to count what lies there.
        let entries = walkdir::WalkDir::new(root)
            .follow_links(true)
            .max_depth(max_depth.saturating_add(1))
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let keep = e.depth() == 0 || !is_hidden(e.file_name());
                if !keep {
                    hidden.set(hidden.get() + 1);
                }
                keep
            });
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) if e.loop_ancestor().is_some() => {
                    skipped.repeated += 1;
                    continue;
                }
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let err = match e.into_io_error() {
                        Some(io) => Error::io(&path, io),
                        None => Error::new(ErrorKind::Io, "cannot be searched").with_path(&path),
                    };
                    out.push(Err(err));
                    continue;
                }
            };
            if entry.depth() == 0 {
                continue;
            }
            if entry.depth() > max_depth {
                skipped.too_deep += 1;
                continue;
            }
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            if !entry.file_type().is_file() || !is_report_name(path) {
                skipped.other_files += 1;
                continue;
            }
            if !first_sight(path, &mut skipped) {
                continue;
            }
            let inside = path.strip_prefix(root).unwrap_or(path);
            out.push(Ok(ReportFile {
                path: path.to_path_buf(),
                id: inside.to_string_lossy().into_owned(),
            }));
        }
        skipped.hidden += hidden.get();
    }
    (out, skipped)
}

/// The error of a search that found no report file: what was searched, and what was left
/// out.
pub(super) fn nothing_found<P: AsRef<Path>>(paths: &[P], skipped: &Skipped) -> Error {
    let searched: Vec<String> = paths
        .iter()
        .map(|p| p.as_ref().display().to_string())
        .collect();
    let searched = if searched.is_empty() {
        "no path given".to_string()
    } else {
        searched.join(", ")
    };
    let kinds: Vec<String> = REPORT_EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    let mut message = format!("no report files ({}) in {searched}", kinds.join(", "));
    if skipped.total() > 0 {
        message.push_str(&format!("; left out: {skipped}"));
    }
    Error::new(ErrorKind::NoReports, message)
}
