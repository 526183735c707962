//! Ranking against frozen statistics: `Ranker`, `CorpusTally`.

use crate::stats::PyCorpusStats;
use crate::to_py::to_py;
use crate::{text_arg, to_py_err};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

/// Ranks documents one at a time against statistics that no longer change; shared between
/// threads.
#[pyclass(name = "Ranker", module = "jingwu", frozen)]
pub(crate) struct PyRanker {
    pub(crate) inner: jingwu::Ranker,
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
pub(crate) struct PyCorpusTally {
    pub(crate) inner: jingwu::CorpusTally,
}

#[pymethods]
impl PyCorpusTally {
    /// Adds up the documents of `later`, which come after this tally's in the corpus; a
    /// `ValueError` if the two were ranked with other options or against other statistics.
    fn append(&mut self, py: Python<'_>, later: PyRef<'_, PyCorpusTally>) -> PyResult<()> {
        let later = later.inner.clone();
        let mine = &mut self.inner;
        py.detach(|| mine.append(later)).map_err(to_py_err)
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
        Ok((from_bytes, (slf.try_borrow()?.to_bytes(py),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "CorpusTally(documents={}, themes={})",
            self.inner.documents(),
            self.inner.len()
        )
    }
}
