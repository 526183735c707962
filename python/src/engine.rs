//! The engine and the corpus: `Engine`, `Corpus`.

use crate::ranker::PyRanker;
use crate::stats::PyCorpusStats;
use crate::to_py::to_py;
use crate::{default_engine, options, pair_arg, text_arg, to_py_err};
use pyo3::prelude::*;
use std::path::PathBuf;

/// Documents analysed between two returns to Python when counting statistics.
const COUNT_BATCH: usize = 64;

/// The engine: jieba's dictionary taught the policing lexicon (and a user lexicon), and the
/// background IDF table. Build it once and share it; it is safe to use from many threads.
#[pyclass(name = "Engine", module = "jingwu", frozen)]
pub(crate) struct PyEngine {
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
        let doc = self.ranked(py, text, top, evidence, rejections)?;
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
        let doc = self.ranked(py, text, top, evidence, rejections)?;
        Ok(py.detach(|| doc.to_json()))
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

impl PyEngine {
    /// One report ranked, the GIL let go meanwhile: what `rank_text` and `rank_text_json`
    /// return in their forms.
    fn ranked(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        top: Option<i64>,
        evidence: Option<i64>,
        rejections: bool,
    ) -> PyResult<jingwu::DocumentThemes> {
        let text = text_arg(text, "text")?;
        let options = options(top, evidence, rejections)?;
        let engine = &self.inner;
        Ok(py.detach(|| engine.rank_text(text, &options)))
    }
}

/// Reports ranked together: their statistics are counted as they are added, and ranking
/// weighs each theme against them.
#[pyclass(name = "Corpus", module = "jingwu")]
pub(crate) struct PyCorpus {
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
