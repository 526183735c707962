//! Python bindings of jingwu: the `jingwu._jingwu` extension module, re-exported by the
//! `jingwu` package.
//!
//! Every entry point takes `str` for text (bytes are a `TypeError`), releases the GIL while
//! it segments or ranks, and turns the crate's errors into Python exceptions: `OSError` (and
//! its subclasses) when a file cannot be read, `ValueError` naming the file, line and byte
//! for anything malformed. Rankings come back as dicts and lists, the same as parsing the
//! JSON the `themes` example writes (built from the rankings' serde form, `to_py`), or as that
//! JSON text itself (the `*_json` methods).

mod engine;
mod ranker;
mod stats;
mod to_py;

use engine::{PyCorpus, PyEngine};
use jingwu::{Decoding, ErrorKind, RankOptions, ReadOptions};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use ranker::{PyCorpusTally, PyRanker};
use stats::PyCorpusStats;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The engine `extract_tags` uses, built on first use.
static DEFAULT_ENGINE: OnceLock<jingwu::Engine> = OnceLock::new();

/// The engine of this process with no user lexicon.
fn default_engine() -> &'static jingwu::Engine {
    DEFAULT_ENGINE.get_or_init(jingwu::Engine::new)
}

/// A crate error as a Python exception: `OSError` (with the subclass its cause calls for,
/// `FileNotFoundError`, `PermissionError`, ...) for a file that could not be read, else
/// `ValueError`. The message names the file, line and byte where they apply.
fn to_py_err(e: jingwu::Error) -> PyErr {
    let message = e.to_string();
    match e.kind() {
        ErrorKind::Io | ErrorKind::Write => {
            let cause = std::error::Error::source(&e)
                .and_then(|s| s.downcast_ref::<std::io::Error>())
                .map(std::io::Error::kind);
            match cause {
                Some(kind) => PyErr::from(std::io::Error::new(kind, message)),
                None => PyOSError::new_err(message),
            }
        }
        _ => PyValueError::new_err(message),
    }
}

/// The text of a `str` argument; bytes and other types are a `TypeError` that says what to
/// do instead.
fn text_arg<'a>(obj: &'a Bound<'_, PyAny>, name: &str) -> PyResult<&'a str> {
    match obj.cast::<PyString>() {
        Ok(s) => s.to_str(),
        Err(_) => {
            let type_name = obj
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "object".to_string());
            let hint = if type_name == "bytes" || type_name == "bytearray" {
                ": decode it first (jingwu.decode_report reads bytes in any encoding and format)"
            } else {
                ""
            };
            Err(PyTypeError::new_err(format!(
                "{name} must be str, not {type_name}{hint}"
            )))
        }
    }
}

/// How many themes to keep: a non-negative count, or `None` for all of them.
fn top_arg(top: Option<i64>, name: &str) -> PyResult<usize> {
    match top {
        None => Ok(usize::MAX),
        Some(n) => usize::try_from(n)
            .map_err(|_| PyValueError::new_err(format!("{name} must be 0 or more, not {n}"))),
    }
}

/// Ranking options: `top` themes kept (all for `None`), each with its first `evidence`
/// mentions (all, up to the crate's limit of 50, for `None`); with `rejections`, the words
/// kept out of each section's and document's themes and the rule that kept each out.
fn options(top: Option<i64>, evidence: Option<i64>, rejections: bool) -> PyResult<RankOptions> {
    let mut options = RankOptions::default().top(top_arg(top, "top")?);
    if let Some(n) = evidence {
        options = options.max_evidence(top_arg(Some(n), "evidence")?);
    }
    if rejections {
        options = options.explain(jingwu::Explain::Rejections);
    }
    Ok(options)
}

/// An `(id, text)` pair of strings, copied.
fn pair_arg(item: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    let pair = item.cast::<PyTuple>().map_err(|_| {
        PyTypeError::new_err("each document must be an (id, text) tuple of two str")
    })?;
    if pair.len() != 2 {
        return Err(PyTypeError::new_err(format!(
            "each document must be an (id, text) tuple of two str, not a tuple of {}",
            pair.len()
        )));
    }
    let id = pair.get_item(0)?;
    let text = pair.get_item(1)?;
    Ok((
        text_arg(&id, "id")?.to_string(),
        text_arg(&text, "text")?.to_string(),
    ))
}

/// The report files found in some paths, in the order the Rust `themes` example ranks them.
#[pyclass(name = "FoundReports", module = "jingwu", frozen)]
struct PyFoundReports {
    /// `(id, path)` of each report file, in order.
    #[pyo3(get)]
    files: Vec<(String, String)>,
    /// Each folder or entry that could not be searched, and "no report found" when none was.
    #[pyo3(get)]
    errors: Vec<String>,
    /// What the folders held that is no report, counted by reason ("nothing" when empty).
    #[pyo3(get)]
    skipped: String,
}

#[pymethods]
impl PyFoundReports {
    fn __repr__(&self) -> String {
        format!(
            "FoundReports(files={}, errors={}, skipped={:?})",
            self.files.len(),
            self.errors.len(),
            self.skipped
        )
    }
}

/// The report files of `paths` (files, or folders searched through their subfolders), each
/// with the id it is ranked under.
#[pyfunction]
fn find_reports(py: Python<'_>, paths: Vec<PathBuf>) -> PyFoundReports {
    let found = py.detach(|| jingwu::find_reports(&paths, ReadOptions::new()));
    PyFoundReports {
        files: found
            .files
            .iter()
            .map(|f| (f.id().to_string(), f.path().to_string_lossy().into_owned()))
            .collect(),
        errors: found.errors.iter().map(ToString::to_string).collect(),
        skipped: found.skipped.to_string(),
    }
}

/// The text of a report file: text in any encoding read, a web page's article, a Word
/// file's paragraphs or a PDF's text layer.
#[pyfunction]
fn read_report(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    py.detach(|| jingwu::read_report(&path, Decoding::Strict))
        .map(jingwu::Decoded::into_text)
        .map_err(to_py_err)
}

/// The text of a report's bytes, read as `read_report` reads a file (by content: text in any
/// encoding, web page, Word file, PDF).
#[pyfunction]
fn decode_report(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    py.detach(|| jingwu::extract_report(data, Decoding::Strict))
        .map(jingwu::Decoded::into_text)
        .map_err(to_py_err)
}

/// The leading themes of a text, as `jieba.analyse.extract_tags` returns keywords: words,
/// or `(word, score)` pairs with `withWeight`.
#[pyfunction]
#[pyo3(signature = (text, topK = Some(20), withWeight = false))]
#[allow(non_snake_case)]
fn extract_tags(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    topK: Option<i64>,
    withWeight: bool,
) -> PyResult<Py<PyAny>> {
    let text = text_arg(text, "text")?;
    // Words and scores only: no evidence to gather.
    let options = RankOptions::default()
        .top(top_arg(topK, "topK")?)
        .max_evidence(0);
    let themes: Vec<(String, f64)> = py.detach(|| {
        default_engine()
            .rank_text(text, &options)
            .themes()
            .iter()
            .map(|t| (t.text().to_string(), t.score()))
            .collect()
    });
    if withWeight {
        Ok(themes.into_pyobject(py)?.into_any().unbind())
    } else {
        let words: Vec<String> = themes.into_iter().map(|(w, _)| w).collect();
        Ok(words.into_pyobject(py)?.into_any().unbind())
    }
}

#[pymodule]
fn _jingwu(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngine>()?;
    m.add_class::<PyCorpus>()?;
    m.add_class::<PyCorpusStats>()?;
    m.add_class::<PyRanker>()?;
    m.add_class::<PyCorpusTally>()?;
    m.add_class::<PyFoundReports>()?;
    m.add_function(wrap_pyfunction!(extract_tags, m)?)?;
    m.add_function(wrap_pyfunction!(find_reports, m)?)?;
    m.add_function(wrap_pyfunction!(read_report, m)?)?;
    m.add_function(wrap_pyfunction!(decode_report, m)?)?;
    m.add("STATS_FORMAT_VERSION", jingwu::STATS_FORMAT_VERSION)?;
    Ok(())
}
