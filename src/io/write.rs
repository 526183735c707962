//! Writing files whole or not at all: to a temporary file beside the target, synced to disk,
//! then renamed over the target. A crash, a full disk or an error midway leaves the old file
//! as it was.

use crate::error::Error;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `bytes` to the file at `path` atomically: to a temporary file in the same folder,
/// synced to disk, then renamed over `path` (whose permissions it takes, when it exists).
/// Readers see the old file or the new one, never a part; a write that fails (a full disk,
/// a folder that is missing or not writable) leaves the old file as it was, removes the
/// temporary file, and is an error of kind [`ErrorKind::Write`](crate::ErrorKind::Write)
/// naming `path`.
///
/// ```
/// use jingwu::{ErrorKind, write_atomically};
///
/// let dir = std::env::temp_dir().join(format!("jingwu-doc-write-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("report.html");
/// write_atomically(&path, b"<p>old</p>")?;
/// write_atomically(&path, b"<p>new</p>")?;
/// assert_eq!(std::fs::read(&path)?, b"<p>new</p>");
///
/// // A folder that does not exist: an error naming the file, and nothing written.
/// let e = write_atomically(dir.join("missing/report.html"), b"x").unwrap_err();
/// assert_eq!(e.kind(), &ErrorKind::Write);
/// assert!(e.path().is_some_and(|p| p.ends_with("missing/report.html")));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomically(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), Error> {
    write_with(path.as_ref(), |w| w.write_all(bytes))
}

/// Writes what `write` writes to the file at `path` atomically (see [`write_atomically`]).
pub(crate) fn write_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let fail = |e: io::Error| Error::write(path, e);
    let name = path.file_name().ok_or_else(|| {
        fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not the path of a file",
        ))
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp, file) = create_temp(dir, name).map_err(fail)?;
    match fill(&file, path, write).and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => {
            drop(file);
            // The rename itself is on disk once the folder is synced; where a folder cannot
            // be opened as a file (not on Unix), the rename is as durable as the system makes
            // it.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            drop(file);
            let _ = std::fs::remove_file(&tmp);
            Err(fail(e))
        }
    }
}

/// Writes into the temporary file `file` and syncs it; it takes the permissions of the file
/// it replaces.
fn fill(
    file: &File,
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    {
        let mut w = BufWriter::new(file);
        #[cfg(test)]
        let mut w = tests::Failing::wrap(&mut w);
        write(&mut w)?;
        w.flush()?;
    }
    if let Ok(old) = std::fs::metadata(target)
        && old.is_file()
    {
        file.set_permissions(old.permissions())?;
    }
    file.sync_all()
}

/// Temporary files made by this process, for their names.
static MADE: AtomicUsize = AtomicUsize::new(0);

/// A new file in `dir` for a temporary copy of `name`: hidden, named after it, this
/// process and a count, so that two writers never share one.
fn create_temp(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    loop {
        let n = MADE.fetch_add(1, Ordering::Relaxed);
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.{n}.tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        match File::options().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ErrorKind;
    use std::cell::Cell;

    thread_local! {
        /// Bytes a write may take before it fails, on this thread: the failure of a disk
        /// that fills up midway.
        static FAIL_AFTER: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Runs `f` with every atomic write on this thread failing after `bytes` bytes.
    pub(crate) fn failing_after<T>(bytes: usize, f: impl FnOnce() -> T) -> T {
        FAIL_AFTER.with(|c| c.set(Some(bytes)));
        let out = f();
        FAIL_AFTER.with(|c| c.set(None));
        out
    }

    /// A writer that takes bytes until the budget of [`failing_after`] is spent, then fails.
    pub(super) struct Failing<'w> {
        inner: &'w mut dyn Write,
        left: Option<usize>,
    }

    impl<'w> Failing<'w> {
        pub(super) fn wrap(inner: &'w mut dyn Write) -> Failing<'w> {
            Failing {
                inner,
                left: FAIL_AFTER.with(Cell::get),
            }
        }
    }

    impl Write for Failing<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let Some(left) = self.left else {
                return self.inner.write(buf);
            };
            if left == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "no space left on device (injected)",
                ));
            }
            let n = self.inner.write(&buf[..buf.len().min(left)])?;
            self.left = Some(left - n);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("jingwu-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// The names of the files in `d`, sorted.
    fn names(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let d = dir("ok");
        let p = d.join("stats.json");
        write_atomically(&p, b"old").unwrap();
        write_atomically(&p, b"new and longer").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new and longer");
        assert_eq!(names(&d), ["stats.json"]);
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file() {
        let d = dir("midway");
        let p = d.join("stats.json");
        std::fs::write(&p, "last year's statistics").unwrap();
        let big = vec![b'x'; 1 << 20];
        let e = failing_after(4096, || write_atomically(&p, &big)).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Write);
        assert_eq!(e.path(), Some(p.as_path()));
        assert!(e.to_string().contains("no space left"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"last year's statistics");
        assert_eq!(names(&d), ["stats.json"]);
        // The same write, without the failure, goes through.
        write_atomically(&p, &big).unwrap();
        assert_eq!(std::fs::read(&p).unwrap().len(), big.len());
    }

    #[test]
    fn a_failing_writer_is_an_error_and_changes_nothing() {
        let d = dir("writer");
        let p = d.join("report.html");
        std::fs::write(&p, "<p>old</p>").unwrap();
        let e = write_with(&p, |w| {
            w.write_all(b"<p>half")?;
            Err(io::Error::other("the page could not be rendered"))
        })
        .unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Write);
        assert_eq!(std::fs::read(&p).unwrap(), b"<p>old</p>");
        assert_eq!(names(&d), ["report.html"]);
    }

    #[test]
    fn a_target_that_cannot_be_replaced_is_an_error_and_no_temporary_file_stays() {
        let d = dir("target");
        // A folder where the file should go: the rename fails.
        std::fs::create_dir_all(d.join("report.html/inside")).unwrap();
        let e = write_atomically(d.join("report.html"), b"x").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Write);
        assert_eq!(names(&d), ["report.html"]);
        assert!(d.join("report.html/inside").is_dir());
        // No file name at all.
        let e = write_atomically(Path::new("/"), b"x").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Write);
    }

    #[cfg(unix)]
    #[test]
    fn the_new_file_keeps_the_old_ones_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("mode");
        let p = d.join("stats.json");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&p, b"new").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
