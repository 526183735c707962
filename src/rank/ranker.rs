//! Ranking documents one at a time against frozen statistics: the second pass of a corpus
//! too large to hold, or of one spread over machines.

use super::aggregate::Ranked;
use super::document::Ctx;
use super::engine::{Corpus, Engine};
use super::options::RankOptions;
use super::tally::CorpusTally;
use crate::candidates::Collocations;
use crate::document::Document;
use crate::stats::{CorpusStats, WordIdfs};
use crate::theme::{CorpusThemes, DocumentThemes};
use rayon::prelude::*;
use std::sync::Arc;

/// Documents analysed and ranked at once by [`Ranker::rank_all`] and counted at once by
/// [`Engine::count_all`].
const BATCH: usize = 64;

/// Ranks documents one at a time against statistics that no longer change: those of a
/// corpus counted beforehand ([`Engine::count_all`], [`Corpus::stats`]), saved from earlier
/// reports, or merged from the parts of a corpus counted on several machines.
///
/// A document ranked by a ranker made from a corpus's statistics gets the same themes, to
/// the bit, as it gets inside that corpus's [`Corpus::rank`]; so a corpus too large to hold
/// in memory is ranked in two passes, counting then ranking, with the same result. The
/// corpus's own themes are added up in a [`CorpusTally`] as documents are ranked.
///
/// Cloning is cheap, and a ranker is shared between threads.
///
/// ```
/// use jingwu::{Engine, RankOptions};
///
/// let engine = Engine::new();
/// let docs = [
///     ("a.txt", "慈溪公安：\n\n捣毁“笑气”窝点，查处“笑气”工厂。\n"),
///     ("b.txt", "象山公安：\n\n深化“共富警务”，严打“笑气”犯罪。\n"),
/// ];
/// // First pass: the statistics. Second: each document ranked as it comes.
/// let stats = engine.count_all(docs);
/// let options = RankOptions::default();
/// let ranker = engine.ranker(stats, &options);
/// let mut tally = ranker.tally();
/// let mut seen = Vec::new();
/// ranker.rank_all(docs, &mut tally, |doc| seen.push(doc));
/// // The corpus's themes, and the evidence of the leading ones from the documents it names.
/// let places = tally.evidence_documents();
/// let corpus_themes = ranker.corpus_themes(&tally, places.iter().map(|&p| {
///     let (id, text) = docs[p as usize];
///     (p, id, text)
/// }));
///
/// let mut corpus = engine.corpus();
/// corpus.add_all(docs);
/// let ranking = corpus.rank(&options);
/// assert_eq!(seen, ranking.documents());
/// assert_eq!(corpus_themes.themes(), ranking.corpus());
/// ```
#[derive(Debug, Clone)]
pub struct Ranker {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    engine: Engine,
    stats: CorpusStats,
    colloc: Collocations,
    options: RankOptions,
}

impl Engine {
    /// A ranker of documents against `stats`, with `options`.
    pub fn ranker(&self, stats: CorpusStats, options: &RankOptions) -> Ranker {
        let colloc = Collocations::find(&stats, options.cohesion());
        Ranker {
            inner: Arc::new(Inner {
                engine: self.clone(),
                stats,
                colloc,
                options: options.clone(),
            }),
        }
    }

    /// Analyses `text` and adds its counts to `stats`: the first pass of a corpus ranked in
    /// two (see [`Ranker`]).
    ///
    /// ```
    /// use jingwu::{CorpusStats, Engine};
    ///
    /// let engine = Engine::new();
    /// let mut stats = CorpusStats::new();
    /// engine.count_into("慈溪公安：\n\n捣毁“笑气”窝点。\n", &mut stats);
    /// assert_eq!(stats.documents(), 1);
    /// assert_eq!(stats.term("笑气").map(|t| t.count), Some(1));
    /// ```
    pub fn count_into(&self, text: &str, stats: &mut CorpusStats) {
        let doc = Document::analyze(self.segmenter(), "", text);
        super::engine::add_counts(self, stats, &doc);
    }

    /// The statistics of `docs` (ids and texts), analysed in parallel: the same as counting
    /// each with [`Engine::count_into`], and as the statistics of a corpus they were added
    /// to. Only a batch of documents is held at a time, so `docs` may be read lazily.
    pub fn count_all<I, S, T>(&self, docs: I) -> CorpusStats
    where
        I: IntoIterator<Item = (S, T)>,
        S: AsRef<str> + Send + Sync,
        T: AsRef<str> + Send + Sync,
    {
        let mut stats = CorpusStats::new();
        for_batches(docs, |batch| {
            let analysed: Vec<Document> = batch
                .par_iter()
                .map(|(id, text)| Document::analyze(self.segmenter(), id.as_ref(), text.as_ref()))
                .collect();
            for doc in &analysed {
                super::engine::add_counts(self, &mut stats, doc);
            }
        });
        stats
    }
}

impl Corpus {
    /// A ranker against this corpus's statistics as they stand (a copy): it ranks a document
    /// of the corpus as [`Corpus::rank`] does, and a new one as if it were among them
    /// without counting it.
    pub fn ranker(&self, options: &RankOptions) -> Ranker {
        self.engine().ranker(self.stats().clone(), options)
    }
}

impl Ranker {
    /// The statistics documents are ranked against.
    pub fn stats(&self) -> &CorpusStats {
        &self.inner.stats
    }

    /// The options documents are ranked with.
    pub fn options(&self) -> &RankOptions {
        &self.inner.options
    }

    /// An empty tally of the corpus's themes, for this ranker's options.
    pub fn tally(&self) -> CorpusTally {
        CorpusTally::new(&self.inner.options, &self.inner.stats)
    }

    fn ctx(&self) -> Ctx<'_, '_> {
        Ctx {
            engine: &self.inner.engine,
            stats: &self.inner.stats,
            options: &self.inner.options,
            colloc: &self.inner.colloc,
        }
    }

    /// Analyses and ranks one document, named `id`.
    pub fn rank(&self, id: &str, text: &str) -> DocumentThemes {
        let doc = Document::analyze(self.inner.engine.segmenter(), id, text);
        let mut idfs = WordIdfs::new(self.inner.engine.background());
        self.ctx().rank_document(&doc, &mut idfs).themes
    }

    /// Analyses and ranks one document, named `id`, and adds its leading themes to `tally`.
    /// Documents are added in the corpus's order: the corpus's themes show the evidence of
    /// the first documents that have them.
    pub fn rank_into(&self, id: &str, text: &str, tally: &mut CorpusTally) -> DocumentThemes {
        let doc = Document::analyze(self.inner.engine.segmenter(), id, text);
        let mut idfs = WordIdfs::new(self.inner.engine.background());
        let ranked = self.ctx().rank_document(&doc, &mut idfs);
        tally.add_shares(&ranked.shares);
        ranked.themes
    }

    /// Ranks `docs` (ids and texts) in parallel, adds them to `tally` in their order, and
    /// hands each document's themes to `each` in that order, as they are ready. Only a batch
    /// of documents is held at a time, so `docs` may be read lazily and the themes written
    /// as they come. The same as [`Ranker::rank_into`] on each document in turn.
    pub fn rank_all<I, S, T>(
        &self,
        docs: I,
        tally: &mut CorpusTally,
        mut each: impl FnMut(DocumentThemes),
    ) where
        I: IntoIterator<Item = (S, T)>,
        S: AsRef<str> + Send + Sync,
        T: AsRef<str> + Send + Sync,
    {
        for_batches(docs, |batch| {
            self.rank_batch(
                batch,
                |(id, text)| (id.as_ref(), text.as_ref()),
                |_, r, _| {
                    tally.add_shares(&r.shares);
                    each(r.themes);
                },
            );
        });
    }

    /// Analyses and ranks a batch of documents in parallel (`id_text` gives each one's id
    /// and text), then hands each, ranked, to `each` in order, with its index in the batch.
    fn rank_batch<X: Sync>(
        &self,
        batch: &[X],
        id_text: impl Fn(&X) -> (&str, &str) + Sync,
        mut each: impl FnMut(usize, Ranked<'_>, &Document),
    ) {
        let ctx = self.ctx();
        let engine = &self.inner.engine;
        let analysed: Vec<Document> = batch
            .par_iter()
            .map(|x| {
                let (id, text) = id_text(x);
                Document::analyze(engine.segmenter(), id, text)
            })
            .collect();
        let ranked: Vec<Ranked<'_>> = analysed
            .par_iter()
            .map_init(
                || WordIdfs::new(engine.background()),
                |idfs, d| ctx.rank_document(d, idfs),
            )
            .collect();
        for (k, (r, doc)) in ranked.into_iter().zip(&analysed).enumerate() {
            each(k, r, doc);
        }
    }
}

impl Ranker {
    /// The corpus's leading themes from `tally`, with their evidence cut from `docs`: the
    /// documents [`CorpusTally::evidence_documents`] names, each with its place in the
    /// corpus, its id and its text (others are passed over). The third, short pass of a
    /// corpus ranked in passes; a theme whose documents are not given has less evidence or
    /// none.
    pub fn corpus_themes<I, S, T>(&self, tally: &CorpusTally, docs: I) -> CorpusThemes
    where
        I: IntoIterator<Item = (u64, S, T)>,
        S: AsRef<str> + Send + Sync,
        T: AsRef<str> + Send + Sync,
    {
        let mut shown = tally.shown();
        let wanted = shown.places();
        let mut given: Vec<(u64, S, T)> = docs
            .into_iter()
            .filter(|(p, _, _)| wanted.binary_search(p).is_ok())
            .collect();
        given.sort_by_key(|(p, _, _)| *p);
        given.dedup_by_key(|(p, _, _)| *p);
        // A batch at a time: the evidence of many themes may lie in many documents.
        for batch in given.chunks(BATCH) {
            self.rank_batch(
                batch,
                |(_, id, text)| (id.as_ref(), text.as_ref()),
                |k, r, doc| shown.fill(batch[k].0, &r.shares, doc),
            );
        }
        shown.finish()
    }
}

/// Calls `f` on consecutive batches of `docs`, [`BATCH`] at a time.
fn for_batches<I, X>(docs: I, mut f: impl FnMut(&[X]))
where
    I: IntoIterator<Item = X>,
{
    let mut batch = Vec::with_capacity(BATCH);
    for d in docs {
        batch.push(d);
        if batch.len() == BATCH {
            f(&batch);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        f(&batch);
    }
}
