//! Python bindings of jingwu: the `jingwu._jingwu` extension module, re-exported by the
//! `jingwu` package.
//!
//! Every entry point takes `str` for text (bytes are a `TypeError`), releases the GIL while
//! it segments or ranks, and turns the crate's errors into Python exceptions: `OSError` (and
//! its subclasses) when a file cannot be read, `ValueError` naming the file, line and byte
//! for anything malformed. Rankings come back as dicts and lists, the same as parsing the
//! JSON the `themes` example writes (built from the rankings' serde form, `to_py`), or as that
//! JSON text itself (the `*_json` methods).

mod to_py;

use jingwu::{Decoding, ErrorKind, RankOptions, ReadOptions};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use std::path::PathBuf;
use std::sync::OnceLock;
use to_py::to_py;

/// Documents analysed between two returns to Python when counting statistics.
const COUNT_BATCH: usize = 64;

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

/// The engine: jieba's dictionary taught the policing lexicon (and a user lexicon), and the
/// background IDF table. Build it once and share it; it is safe to use from many threads.
#[pyclass(name = "Engine", module = "jingwu", frozen)]
struct PyEngine {
    inner: jingwu::Engine,
}

#[pymethods]
impl PyEngine {
    #[new]
    #[pyo3(signature = (lexicon = None))]
    fn new(py: Python<'_>, lexicon: Option<PathBuf>) -> PyResult<Self> {
        let inner = py.detach(|| match lexicon {
            None => Ok(jingwu::Engine::new()),
            Some(path) => {
                let user = jingwu::Lexicon::from_path(&path)?;
                Ok(jingwu::Engine::from_builder(
                    jingwu::Segmenter::builder().lexicon(&user),
                ))
            }
        });
        Ok(PyEngine {
            inner: inner.map_err(to_py_err)?,
        })
    }

    /// The engine of this process with no user lexicon, built on first use and shared (the
    /// one `extract_tags` uses): what each worker of a cluster ranks with.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyEngine {
        PyEngine {
            inner: py.detach(default_engine).clone(),
        }
    }

    /// The themes of one report, as a dict (a document of the `themes` JSON).
    #[pyo3(signature = (text, top = Some(10), evidence = None, rejections = false))]
    fn rank_text(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<Py<PyAny>> {
        let text = text_arg(text, "text")?;
        let options = options(top, evidence, rejections)?;
        let engine = &self.inner;
        let doc = py.detach(|| engine.rank_text(text, &options));
        to_py(py, &doc)
    }

    /// The themes of one report, as JSON text.
    #[pyo3(signature = (text, top = Some(10), evidence = None, rejections = false))]
    fn rank_text_json(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<String> {
        let text = text_arg(text, "text")?;
        let options = options(top, evidence, rejections)?;
        let engine = &self.inner;
        Ok(py.detach(|| engine.rank_text(text, &options).to_json()))
    }

    /// An empty corpus, or one whose statistics start from `stats`.
    #[pyo3(signature = (stats = None))]
    fn corpus(&self, stats: Option<PyRef<'_, PyCorpusStats>>) -> PyCorpus {
        let inner = match stats {
            Some(s) => self.inner.corpus_with_stats(s.inner.clone()),
            None => self.inner.corpus(),
        };
        PyCorpus { inner }
    }

    /// The statistics of `docs`, an iterable of `(id, text)` pairs, counted without keeping
    /// the documents: the first pass of a corpus ranked in two (see `ranker`).
    fn count(&self, py: Python<'_>, docs: &Bound<'_, PyAny>) -> PyResult<PyCorpusStats> {
        let mut stats = jingwu::CorpusStats::new();
        let mut batch: Vec<(String, String)> = Vec::with_capacity(COUNT_BATCH);
        let engine = &self.inner;
        let flush = |batch: &mut Vec<(String, String)>, stats: &mut jingwu::CorpusStats| {
            py.detach(|| {
                if stats.documents() == 0 {
                    *stats = engine.count_all(batch.drain(..));
                } else {
                    stats.merge(&engine.count_all(batch.drain(..)));
                }
            })
        };
        for item in docs.try_iter()? {
            batch.push(pair_arg(&item?)?);
            if batch.len() == COUNT_BATCH {
                flush(&mut batch, &mut stats);
            }
        }
        if !batch.is_empty() {
            flush(&mut batch, &mut stats);
        }
        Ok(PyCorpusStats { inner: stats })
    }

    /// A ranker of documents one at a time against `stats`, frozen: a document gets the
    /// themes it gets inside a corpus with those statistics.
    #[pyo3(signature = (stats, top = Some(10), evidence = None, rejections = false))]
    fn ranker(
        &self,
        py: Python<'_>,
        stats: PyRef<'_, PyCorpusStats>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<PyRanker> {
        let options = options(top, evidence, rejections)?;
        let stats = stats.inner.clone();
        let engine = &self.inner;
        Ok(PyRanker {
            inner: py.detach(|| engine.ranker(stats, &options)),
        })
    }
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

/// Reports ranked together: their statistics are counted as they are added, and ranking
/// weighs each theme against them.
#[pyclass(name = "Corpus", module = "jingwu")]
struct PyCorpus {
    inner: jingwu::Corpus,
}

#[pymethods]
impl PyCorpus {
    /// Analyses a report and adds it under `id`; returns its index in the corpus.
    fn add(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
    ) -> PyResult<usize> {
        let id = text_arg(id, "id")?;
        let text = text_arg(text, "text")?;
        let corpus = &mut self.inner;
        Ok(py.detach(|| corpus.add(id, text).index()))
    }

    /// Analyses many `(id, text)` pairs in parallel and adds them in order.
    fn add_all(&mut self, py: Python<'_>, docs: &Bound<'_, PyAny>) -> PyResult<()> {
        let mut owned: Vec<(String, String)> = Vec::new();
        for item in docs.try_iter()? {
            owned.push(pair_arg(&item?)?);
        }
        let corpus = &mut self.inner;
        py.detach(|| corpus.add_all(owned));
        Ok(())
    }

    /// The themes of every section, document and the whole corpus, as a dict (the `themes`
    /// JSON).
    #[pyo3(signature = (top = Some(10), evidence = None, rejections = false))]
    fn rank(
        &self,
        py: Python<'_>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<Py<PyAny>> {
        let options = options(top, evidence, rejections)?;
        let corpus = &self.inner;
        let ranking = py.detach(|| corpus.rank(&options));
        to_py(py, &ranking)
    }

    /// The ranking as JSON text, byte for byte what `themes --json` writes.
    #[pyo3(signature = (top = Some(10), evidence = None, rejections = false))]
    fn rank_json(
        &self,
        py: Python<'_>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<String> {
        let options = options(top, evidence, rejections)?;
        let corpus = &self.inner;
        Ok(py.detach(|| corpus.rank(&options).to_json()))
    }

    /// The corpus's statistics (those it started from included).
    fn stats(&self) -> PyCorpusStats {
        PyCorpusStats {
            inner: self.inner.stats().clone(),
        }
    }

    /// The statistics of the documents added, without those the corpus started from.
    fn own_stats(&self) -> PyCorpusStats {
        PyCorpusStats {
            inner: self.inner.own_stats(),
        }
    }

    /// A ranker against the corpus's statistics as they stand (a copy).
    #[pyo3(signature = (top = Some(10), evidence = None, rejections = false))]
    fn ranker(
        &self,
        py: Python<'_>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<PyRanker> {
        let options = options(top, evidence, rejections)?;
        let corpus = &self.inner;
        Ok(PyRanker {
            inner: py.detach(|| corpus.ranker(&options)),
        })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

/// Ranks documents one at a time against statistics that no longer change; shared between
/// threads.
#[pyclass(name = "Ranker", module = "jingwu", frozen)]
struct PyRanker {
    inner: jingwu::Ranker,
}

#[pymethods]
impl PyRanker {
    /// The themes of one document, as a dict; with `tally`, its leading themes are added to
    /// it too (documents go into a tally in the corpus's order).
    #[pyo3(signature = (id, text, tally = None))]
    fn rank(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
        tally: Option<PyRefMut<'_, PyCorpusTally>>,
    ) -> PyResult<Py<PyAny>> {
        let doc = self.rank_doc(py, id, text, tally)?;
        to_py(py, &doc)
    }

    /// The themes of one document as JSON text: a member of the `documents` of the `themes`
    /// JSON.
    #[pyo3(signature = (id, text, tally = None))]
    fn rank_json(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
        tally: Option<PyRefMut<'_, PyCorpusTally>>,
    ) -> PyResult<String> {
        let doc = self.rank_doc(py, id, text, tally)?;
        Ok(py.detach(|| doc.to_json()))
    }

    /// The corpus's leading themes from `tally`, as a dict (the `corpus` of the `themes`
    /// JSON), their evidence cut from `docs`: `(place, id, text)` of the documents
    /// `tally.evidence_documents()` names (others are passed over).
    fn corpus_themes(
        &self,
        py: Python<'_>,
        tally: PyRef<'_, PyCorpusTally>,
        docs: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let themes = self.corpus_themes_of(py, tally, docs)?;
        to_py(py, &themes)
    }

    /// The corpus's leading themes as JSON text.
    fn corpus_themes_json(
        &self,
        py: Python<'_>,
        tally: PyRef<'_, PyCorpusTally>,
        docs: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let themes = self.corpus_themes_of(py, tally, docs)?;
        Ok(py.detach(|| themes.to_json()))
    }

    /// An empty tally of the corpus's themes, for this ranker's number of themes.
    fn tally(&self) -> PyCorpusTally {
        PyCorpusTally {
            inner: self.inner.tally(),
        }
    }

    /// The statistics documents are ranked against (a copy).
    #[getter]
    fn stats(&self) -> PyCorpusStats {
        PyCorpusStats {
            inner: self.inner.stats().clone(),
        }
    }

    /// How many themes are kept per section, document and corpus.
    #[getter]
    fn top(&self) -> usize {
        self.inner.options().top_n()
    }
}

impl PyRanker {
    fn rank_doc(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
        tally: Option<PyRefMut<'_, PyCorpusTally>>,
    ) -> PyResult<jingwu::DocumentThemes> {
        let id = text_arg(id, "id")?;
        let text = text_arg(text, "text")?;
        let ranker = &self.inner;
        Ok(match tally {
            Some(mut t) => {
                let t = &mut t.inner;
                py.detach(|| ranker.rank_into(id, text, t))
            }
            None => py.detach(|| ranker.rank(id, text)),
        })
    }

    fn corpus_themes_of(
        &self,
        py: Python<'_>,
        tally: PyRef<'_, PyCorpusTally>,
        docs: &Bound<'_, PyAny>,
    ) -> PyResult<jingwu::CorpusThemes> {
        let wanted = tally.inner.evidence_documents();
        let mut given: Vec<(u64, String, String)> = Vec::new();
        for item in docs.try_iter()? {
            let item = item?;
            let triple = item
                .cast::<PyTuple>()
                .ok()
                .filter(|t| t.len() == 3)
                .ok_or_else(|| {
                    PyTypeError::new_err(
                        "each document must be a (place, id, text) tuple of an int and two str",
                    )
                })?;
            let place: u64 = triple.get_item(0)?.extract()?;
            // Only the documents the tally names are copied.
            if wanted.binary_search(&place).is_ok() {
                let id = triple.get_item(1)?;
                let text = triple.get_item(2)?;
                given.push((
                    place,
                    text_arg(&id, "id")?.to_string(),
                    text_arg(&text, "text")?.to_string(),
                ));
            }
        }
        let ranker = &self.inner;
        let tally = &tally.inner;
        Ok(py.detach(|| ranker.corpus_themes(tally, given)))
    }
}

/// The corpus's themes added up document by document. Tallies of consecutive parts of a
/// corpus append into the tally of the whole, with the same themes as one pass.
#[pyclass(name = "CorpusTally", module = "jingwu", eq, skip_from_py_object)]
#[derive(Clone, PartialEq)]
struct PyCorpusTally {
    inner: jingwu::CorpusTally,
}

#[pymethods]
impl PyCorpusTally {
    /// Adds up the documents of `later`, which come after this tally's in the corpus.
    fn append(&mut self, py: Python<'_>, later: PyRef<'_, PyCorpusTally>) {
        let later = later.inner.clone();
        let mine = &mut self.inner;
        py.detach(|| mine.append(later));
    }

    /// Number of documents added up.
    #[getter]
    fn documents(&self) -> u64 {
        self.inner.documents()
    }

    /// The places in the corpus (0 for the first document added) of the documents whose
    /// mentions are the evidence of the corpus's leading themes: the documents to give
    /// `Ranker.corpus_themes`, in order.
    fn evidence_documents(&self) -> Vec<u64> {
        self.inner.evidence_documents()
    }

    /// The tally as bytes (UTF-8 JSON).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let tally = &self.inner;
        let bytes = py.detach(|| tally.to_bytes());
        PyBytes::new(py, &bytes)
    }

    /// A tally from bytes written by `to_bytes`; anything else is a `ValueError` naming the
    /// line.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyCorpusTally> {
        let inner = py
            .detach(|| jingwu::CorpusTally::from_bytes(data))
            .map_err(to_py_err)?;
        Ok(PyCorpusTally { inner })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from_bytes = py.get_type::<PyCorpusTally>().getattr("from_bytes")?;
        Ok((from_bytes, (slf.borrow().to_bytes(py),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "CorpusTally(documents={}, themes={})",
            self.inner.documents(),
            self.inner.len()
        )
    }
}

/// Document and section frequencies of candidate themes across a corpus: merged across
/// shards, serialised to bytes, pickled.
#[pyclass(name = "CorpusStats", module = "jingwu", eq, skip_from_py_object)]
#[derive(Clone, PartialEq)]
struct PyCorpusStats {
    inner: jingwu::CorpusStats,
}

#[pymethods]
impl PyCorpusStats {
    #[new]
    fn new() -> Self {
        PyCorpusStats {
            inner: jingwu::CorpusStats::new(),
        }
    }

    /// Adds `other`'s counts to these (in place).
    fn merge(&mut self, py: Python<'_>, other: PyRef<'_, PyCorpusStats>) {
        let (mine, theirs) = (&mut self.inner, &other.inner);
        py.detach(|| mine.merge(theirs));
    }

    /// The two merged, as new statistics.
    fn __add__(&self, py: Python<'_>, other: PyRef<'_, PyCorpusStats>) -> PyCorpusStats {
        let mut sum = self.inner.clone();
        let theirs = &other.inner;
        py.detach(|| sum.merge(theirs));
        PyCorpusStats { inner: sum }
    }

    /// The statistics as bytes (UTF-8 JSON, keys in order: the same statistics give the
    /// same bytes).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let stats = &self.inner;
        let json = py.detach(|| stats.to_json());
        PyBytes::new(py, json.as_bytes())
    }

    /// Statistics from bytes written by `to_bytes`; bytes that are not (corrupted, or of
    /// another format version) are a `ValueError` naming the line and column.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyCorpusStats> {
        let inner = py.detach(|| {
            let text = std::str::from_utf8(data).map_err(|e| {
                PyValueError::new_err(format!(
                    "corpus statistics are not UTF-8 JSON: byte {}",
                    e.valid_up_to()
                ))
            })?;
            jingwu::CorpusStats::from_json(text).map_err(to_py_err)
        })?;
        Ok(PyCorpusStats { inner })
    }

    /// Saves the statistics to a JSON file, written whole or not at all.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        let stats = &self.inner;
        py.detach(|| stats.save(&path)).map_err(to_py_err)
    }

    /// Loads statistics saved with `save`; a bad file is a `ValueError` naming it and the
    /// line.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyCorpusStats> {
        let inner = py
            .detach(|| jingwu::CorpusStats::load(&path))
            .map_err(to_py_err)?;
        Ok(PyCorpusStats { inner })
    }

    /// Number of documents counted.
    #[getter]
    fn documents(&self) -> u64 {
        self.inner.documents()
    }

    /// Number of sections counted (a document without sections is one).
    #[getter]
    fn sections(&self) -> u64 {
        self.inner.sections()
    }

    /// Number of distinct candidate themes and runs of words counted.
    #[getter]
    fn vocabulary(&self) -> usize {
        self.inner.vocabulary_len()
    }

    /// Number of documents counted.
    fn __len__(&self) -> usize {
        usize::try_from(self.inner.documents()).unwrap_or(usize::MAX)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from_bytes = py.get_type::<PyCorpusStats>().getattr("from_bytes")?;
        Ok((from_bytes, (slf.borrow().to_bytes(py),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "CorpusStats(documents={}, sections={}, vocabulary={})",
            self.inner.documents(),
            self.inner.sections(),
            self.inner.vocabulary_len()
        )
    }
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
