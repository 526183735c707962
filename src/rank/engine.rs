//! The engine and the corpus: analysing reports, counting them into the statistics, and
//! ranking them.

use super::aggregate::Ranked;
use super::document::Ctx;
use super::options::RankOptions;
use crate::candidates::{self, Collocations};
use crate::document::Document;
use crate::segment::{Segmenter, SegmenterBuilder};
use crate::stats::{BackgroundIdf, CorpusStats, WordIdfs};
use crate::theme::{DocumentThemes, Ranking};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The engine: a segmenter and a background IDF table, built once and shared.
///
/// Cloning is cheap: clones share the segmenter and the table.
///
/// ```
/// use jingwu::Engine;
///
/// let engine = Engine::new();
/// let mut corpus = engine.corpus();
/// corpus.add("seed", "慈溪公安：\n\n慈溪公安深化“公安大脑”建设，推进“公安大脑”应用。一举查处笑气工厂，捣毁笑气窝点。\n");
/// let ranking = corpus.rank(&Default::default());
/// let themes: Vec<&str> = ranking.documents()[0].sections()[0].themes().iter().map(|t| t.text()).collect();
/// assert!(themes.contains(&"公安大脑"));
/// assert!(themes.contains(&"笑气"));
/// assert!(!themes.contains(&"慈溪"));
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    segmenter: Segmenter,
    background: BackgroundIdf,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with the policing lexicon and jieba's IDF table as background.
    pub fn new() -> Engine {
        Engine::with_parts(Segmenter::new(), BackgroundIdf::jieba())
    }

    /// An engine from a segmenter and a background table.
    pub fn with_parts(segmenter: Segmenter, background: BackgroundIdf) -> Engine {
        Engine {
            inner: Arc::new(Inner {
                segmenter,
                background,
            }),
        }
    }

    /// An engine whose segmenter is built by `builder`.
    pub fn from_builder(builder: SegmenterBuilder) -> Engine {
        Engine::with_parts(builder.build(), BackgroundIdf::jieba())
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.inner.segmenter
    }

    /// The background IDF table.
    pub fn background(&self) -> &BackgroundIdf {
        &self.inner.background
    }

    /// An empty corpus, sharing this engine.
    pub fn corpus(&self) -> Corpus {
        Corpus {
            engine: self.clone(),
            docs: Vec::new(),
            stats: CorpusStats::new(),
            prior: CorpusStats::new(),
        }
    }

    /// A corpus whose statistics start from `prior` (saved from earlier reports): this year's
    /// reports are ranked against last year's.
    pub fn corpus_with_stats(&self, prior: CorpusStats) -> Corpus {
        let mut c = self.corpus();
        c.stats.merge(&prior);
        c.prior = prior;
        c
    }

    /// Ranks the themes of a single report.
    pub fn rank_text(&self, text: &str, options: &RankOptions) -> DocumentThemes {
        let mut c = self.corpus();
        c.add("", text);
        // One document: its themes are the corpus's, no need to add them up.
        let mut ranked = c.rank_documents(options);
        ranked.pop().map(|r| r.themes).unwrap_or_default()
    }
}

/// The place of a document in the corpus it was added to, in the order of adding.
///
/// ```
/// use jingwu::Engine;
///
/// let engine = Engine::new();
/// let mut corpus = engine.corpus();
/// let a = corpus.add("a.txt", "慈溪公安：\n\n捣毁笑气窝点。\n");
/// let b = corpus.add("b.txt", "象山公安：\n\n深化“共富警务”。\n");
/// assert_eq!((a.index(), b.index()), (0, 1));
/// let ranking = corpus.rank(&Default::default());
/// assert_eq!(ranking.documents()[b.index()].path(), "b.txt");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocId(u32);

impl DocId {
    /// The document's index among the corpus's documents.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Documents analysed at once by [`Corpus::add_all`].
const ADD_BATCH: usize = 64;

/// A set of reports being ranked together, and their statistics.
#[derive(Debug, Clone)]
pub struct Corpus {
    engine: Engine,
    pub(super) docs: Vec<Document>,
    stats: CorpusStats,
    prior: CorpusStats,
}

impl Corpus {
    /// Analyses a report and adds it, under the name `id` (its path, say).
    pub fn add(&mut self, id: &str, text: &str) -> DocId {
        let doc = Document::analyze(self.engine.segmenter(), id, text);
        add_counts(&self.engine, &mut self.stats, &doc);
        self.push(doc)
    }

    fn push(&mut self, doc: Document) -> DocId {
        let id = DocId(u32::try_from(self.docs.len()).unwrap_or(u32::MAX));
        self.docs.push(doc);
        id
    }

    /// Analyses many reports in parallel and adds them in the order given; the result is
    /// the same as adding them one by one.
    pub fn add_all<I, S, T>(&mut self, docs: I)
    where
        I: IntoIterator<Item = (S, T)>,
        S: AsRef<str> + Sync,
        T: AsRef<str> + Sync,
    {
        let docs: Vec<(S, T)> = docs.into_iter().collect();
        let engine = &self.engine;
        // In batches: while one batch is analysed in parallel, the one before is counted
        // into the statistics, in order, as `add` would.
        let mut pending: Vec<Document> = Vec::new();
        for batch in docs.chunks(ADD_BATCH) {
            let stats = &mut self.stats;
            let added = &mut self.docs;
            let counted = std::mem::take(&mut pending);
            let (analysed, ()) = rayon::join(
                || {
                    batch
                        .par_iter()
                        .map(|(id, text)| {
                            Document::analyze(engine.segmenter(), id.as_ref(), text.as_ref())
                        })
                        .collect::<Vec<Document>>()
                },
                || {
                    for doc in counted {
                        add_counts(engine, stats, &doc);
                        added.push(doc);
                    }
                },
            );
            pending = analysed;
        }
        for doc in pending {
            add_counts(&self.engine, &mut self.stats, &doc);
            self.push(doc);
        }
    }

    /// The engine the corpus shares.
    pub(super) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Number of documents added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The statistics of the corpus (prior statistics included).
    pub fn stats(&self) -> &CorpusStats {
        &self.stats
    }

    /// The statistics of the documents added, without the prior: what to save for next time.
    pub fn own_stats(&self) -> CorpusStats {
        let mut s = self.stats.clone();
        // Counts are sums: the prior comes out as it went in.
        s.subtract(&self.prior);
        s
    }

    /// Ranks the themes of every section, every document and the whole corpus.
    pub fn rank(&self, options: &RankOptions) -> Ranking {
        let per_doc = self.rank_documents(options);
        self.with_corpus_themes(per_doc, options)
    }

    /// Ranks the themes of every section and every document.
    pub(super) fn rank_documents(&self, options: &RankOptions) -> Vec<Ranked<'_>> {
        let colloc = Collocations::find(&self.stats, options.cohesion());
        let ctx = Ctx {
            engine: &self.engine,
            stats: &self.stats,
            options,
            colloc: &colloc,
        };
        // Each worker works out a word's background IDF once for all its documents.
        let background = self.engine.background();
        self.docs
            .par_iter()
            .map_init(
                || WordIdfs::new(background),
                |idfs, d| ctx.rank_document(d, idfs),
            )
            .collect()
    }
}

/// Adds the counts of a document's candidates to `stats`.
pub(super) fn add_counts(engine: &Engine, stats: &mut CorpusStats, doc: &Document) {
    let counts = candidates::count_document(engine.segmenter(), doc);
    for (k, (v, _)) in &counts.terms {
        stats.add_counts(k, *v, false);
    }
    let mut key = String::new();
    for (k, (v, _)) in &counts.ngrams {
        k.write_key(&mut key);
        stats.add_counts(&key, *v, true);
    }
    stats.end_document(doc.unit_count() as u64);
}
