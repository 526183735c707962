//! Corpus statistics: `CorpusStats`.

use crate::to_py_err;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::path::PathBuf;

/// Document and section frequencies of candidate themes across a corpus: merged across
/// shards, serialised to bytes, pickled.
#[pyclass(name = "CorpusStats", module = "jingwu", eq, skip_from_py_object)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyCorpusStats {
    pub(crate) inner: jingwu::CorpusStats,
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
        Ok((from_bytes, (slf.try_borrow()?.to_bytes(py),)))
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
