//! Ranking: TF-IDF over the candidates of each section, each document and the corpus, with
//! subsumption of fragments and evidence for every theme.

use crate::document::Document;
use crate::phrase::{self, Collocations, DocCandidates, Mention};
use crate::report::BlockKind;
use crate::segment::{Segmenter, SegmenterBuilder};
use crate::stats::{BackgroundIdf, CorpusStats, Level, WordIdfs};
use crate::theme::{CorpusThemes, DocumentThemes, Evidence, Ranking, SectionThemes, Source, Theme};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Settings of a ranking.
///
/// ```
/// use jingwu::RankOptions;
/// let o = RankOptions::default().top(5).heading_weight(1.0);
/// assert_eq!(o.top_n(), 5);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RankOptions {
    top: usize,
    heading_weight: f64,
    quote_boost: f64,
    lexicon_boost: f64,
    single_mention_boost: f64,
    prior_units: f64,
    min_collocation_count: u64,
    min_cohesion: f64,
    max_evidence: usize,
}

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            top: 10,
            heading_weight: 2.0,
            quote_boost: 2.5,
            lexicon_boost: 1.25,
            single_mention_boost: 0.7,
            prior_units: 8.0,
            min_collocation_count: 2,
            min_cohesion: 0.5,
            max_evidence: 50,
        }
    }
}

impl RankOptions {
    /// How many themes to keep per section, document and corpus (default 10).
    pub fn top(mut self, n: usize) -> Self {
        self.top = n;
        self
    }

    /// The number of themes kept.
    pub fn top_n(&self) -> usize {
        self.top
    }

    /// How much a mention in a heading counts, against 1 for body text (default 2). A plain
    /// word (not a lexicon word, quoted name or collocation) in a newspaper's heading, which
    /// is a slogan, counts as body text; in a numbered heading of an official document it
    /// counts this much too.
    pub fn heading_weight(mut self, w: f64) -> Self {
        self.heading_weight = w.max(0.0);
        self
    }

    /// The boost of a name the report marks with quotation marks (default 2.5).
    pub fn quote_boost(mut self, b: f64) -> Self {
        self.quote_boost = b.max(0.0);
        self
    }

    /// The boost of a lexicon word (default 1.25).
    pub fn lexicon_boost(mut self, b: f64) -> Self {
        self.lexicon_boost = b.max(0.0);
        self
    }

    /// The boost of a plain word (not a lexicon word, quoted name or collocation) that a
    /// section or document mentions once, its mentions inside longer themes aside, other
    /// than in a numbered heading of an official document (default 0.7). A report marks its
    /// themes or comes back to them; a rare word said once in passing (观赛, 进口设备) is
    /// weaker evidence of a theme than its rarity alone makes it.
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions, Source};
    ///
    /// let engine = Engine::new();
    /// let text = "象山公安：\n\n民警做好沙排赛事安保，观众观赛秩序井然。沙排赛场内外全程值守。";
    /// let boost_of = |options: &RankOptions, word: &str| {
    ///     let doc = engine.rank_text(text, options);
    ///     let t = doc.themes().iter().find(|t| t.text() == word).cloned();
    ///     t.map(|t| (t.source(), t.tf(), t.boost()))
    /// };
    /// let options = RankOptions::default().top(30);
    /// assert_eq!(boost_of(&options, "观赛"), Some((Source::Term, 1, 0.7)));
    /// assert_eq!(boost_of(&options, "沙排"), Some((Source::Term, 2, 1.0)));
    /// let options = options.single_mention_boost(1.0);
    /// assert_eq!(boost_of(&options, "观赛"), Some((Source::Term, 1, 1.0)));
    /// ```
    pub fn single_mention_boost(mut self, b: f64) -> Self {
        self.single_mention_boost = b.max(0.0);
        self
    }

    /// The weight of the background IDF, counted in units of the corpus (default 8): with
    /// this many sections (or documents) the corpus and the background weigh the same.
    pub fn prior_units(mut self, k: f64) -> Self {
        self.prior_units = k.max(0.0);
        self
    }

    /// How often a run of words must recur in the corpus to be a collocation (default 2).
    pub fn min_collocation_count(mut self, n: u64) -> Self {
        self.min_collocation_count = n.max(1);
        self
    }

    /// The share of its rarest word's occurrences a collocation must hold (default 0.5).
    pub fn min_cohesion(mut self, c: f64) -> Self {
        self.min_cohesion = c.clamp(0.0, 1.0);
        self
    }

    /// Most evidence entries kept per theme (default 50).
    pub fn max_evidence(mut self, n: usize) -> Self {
        self.max_evidence = n;
        self
    }
}

/// The engine: a segmenter and a background IDF table, built once and shared.
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
            segmenter,
            background,
        }
    }

    /// An engine whose segmenter is built by `builder`.
    pub fn from_builder(builder: SegmenterBuilder) -> Engine {
        Engine::with_parts(builder.build(), BackgroundIdf::jieba())
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The background IDF table.
    pub fn background(&self) -> &BackgroundIdf {
        &self.background
    }

    /// An empty corpus.
    pub fn corpus(&self) -> Corpus<'_> {
        Corpus {
            engine: self,
            docs: Vec::new(),
            stats: CorpusStats::new(),
            prior: CorpusStats::new(),
        }
    }

    /// A corpus whose statistics start from `prior` (saved from earlier reports): this year's
    /// reports are ranked against last year's.
    pub fn corpus_with_stats(&self, prior: CorpusStats) -> Corpus<'_> {
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
        ranked.pop().map(|r| r.themes).unwrap_or(DocumentThemes {
            path: String::new(),
            title: String::new(),
            sections: Vec::new(),
            themes: Vec::new(),
        })
    }
}

/// Longest sentence, in characters, an evidence entry quotes whole; of a longer one (a giant
/// line without punctuation) it quotes this much around the mention, marked with `…`.
const MAX_EVIDENCE_SENTENCE_CHARS: usize = 300;

/// The sentence `s` as evidence of the mention at byte `at` (of `len` bytes) inside it.
fn sentence_window(s: &str, at: usize, len: usize) -> String {
    let trimmed = s.trim();
    if trimmed.len() <= MAX_EVIDENCE_SENTENCE_CHARS
        || trimmed.chars().nth(MAX_EVIDENCE_SENTENCE_CHARS).is_none()
    {
        return trimmed.to_string();
    }
    let half = MAX_EVIDENCE_SENTENCE_CHARS / 2;
    // `half` characters before the mention, and `half` after it.
    let start = s[..at.min(s.len())]
        .char_indices()
        .rev()
        .nth(half - 1)
        .map_or(0, |(i, _)| i);
    let end_from = (at + len).min(s.len());
    let end = s[end_from..]
        .char_indices()
        .nth(half)
        .map_or(s.len(), |(i, _)| end_from + i);
    let (start, end) = (
        crate::text::floor_boundary(s, start),
        crate::text::floor_boundary(s, end),
    );
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(s[start..end].trim());
    if end < s.len() {
        out.push('…');
    }
    out
}

/// Documents analysed at once by [`Corpus::add_all`].
const ADD_BATCH: usize = 64;

/// A set of reports being ranked together, and their statistics.
#[derive(Debug, Clone)]
pub struct Corpus<'e> {
    engine: &'e Engine,
    docs: Vec<Document>,
    stats: CorpusStats,
    prior: CorpusStats,
}

impl<'e> Corpus<'e> {
    /// Analyses a report and adds it, under the name `id` (its path, say).
    pub fn add(&mut self, id: &str, text: &str) {
        let doc = Document::analyze(self.engine.segmenter(), id, text);
        add_counts(self.engine, &mut self.stats, &doc);
        self.docs.push(doc);
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
        let engine = self.engine;
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
            add_counts(engine, &mut self.stats, &doc);
            self.docs.push(doc);
        }
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
    fn rank_documents(&self, options: &RankOptions) -> Vec<Ranked<'_>> {
        let colloc = Collocations::find(
            &self.stats,
            options.min_collocation_count,
            options.min_cohesion,
        );
        let ctx = Ctx {
            engine: self.engine,
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

    /// The ranking: the documents' themes, and the corpus's, added up from them.
    fn with_corpus_themes(&self, per_doc: Vec<Ranked<'_>>, options: &RankOptions) -> Ranking {
        // Corpus themes: a theme's score is the sum of its document scores.
        let mut corpus: FxHashMap<&str, CorpusEntry> = FxHashMap::default();
        for ranked in &per_doc {
            for sh in &ranked.shares.list {
                let e = corpus.entry(sh.text).or_insert_with(|| CorpusEntry {
                    score: 0.0,
                    tf: 0,
                    weighted_tf: 0.0,
                    df: 0,
                    boost: 0.0,
                    refs: Vec::new(),
                });
                e.score += sh.score;
                e.boost = e.boost.max(sh.boost);
                e.tf += sh.tf;
                e.weighted_tf += sh.weighted_tf;
                e.df += 1;
            }
        }
        let mut order: Vec<(&str, CorpusEntry)> = corpus.into_iter().collect();
        order.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then_with(|| a.0.cmp(b.0)));
        order.truncate(options.top);
        // Where the leading themes stand in the documents, in order.
        let top: FxHashMap<&str, usize> = order.iter().enumerate().map(|(i, e)| (e.0, i)).collect();
        for (d, ranked) in per_doc.iter().enumerate() {
            for (k, sh) in ranked.shares.list.iter().enumerate() {
                if let Some(&i) = top.get(sh.text) {
                    order[i].1.refs.push((d, k));
                }
            }
        }
        let corpus_themes = order
            .into_iter()
            .filter(|(_, e)| !e.refs.is_empty())
            .map(|(_, e)| {
                let (d, k) = e.refs[0];
                let mut theme =
                    per_doc[d]
                        .shares
                        .theme(k, &self.docs[d], options.max_evidence, true);
                theme.score = e.score;
                theme.tf = e.tf;
                theme.weighted_tf = e.weighted_tf;
                theme.df = e.df;
                theme.boost = e.boost;
                for &(d, k) in &e.refs[1..] {
                    let shares = &per_doc[d].shares;
                    let sh = &shares.list[k];
                    theme.quoted |= sh.quoted;
                    theme.category = theme.category.or(sh.category);
                    let room = options.max_evidence.saturating_sub(theme.evidence.len());
                    theme
                        .evidence
                        .extend(shares.evidence(k, &self.docs[d], room, true));
                }
                theme
            })
            .collect();
        let documents = per_doc.into_par_iter().map(|r| r.themes).collect();
        Ranking {
            documents,
            corpus: CorpusThemes {
                themes: corpus_themes,
            },
        }
    }
}

/// How many of each document's themes count toward the corpus's (at least; five times the
/// themes shown if that is more).
const CORPUS_SHARE: usize = 50;

/// A corpus theme being added up from the documents.
struct CorpusEntry {
    score: f64,
    tf: u32,
    weighted_tf: f64,
    df: u64,
    /// The largest boost it has in a document.
    boost: f64,
    /// (document, index in its scored list) of each document that has it, for the themes
    /// shown.
    refs: Vec<(usize, usize)>,
}

/// One document ranked: its themes, and what the corpus ranking needs of it.
struct Ranked<'a> {
    themes: DocumentThemes,
    /// The document's leading candidates, scored, best first.
    shares: Shares<'a>,
}

/// Scored candidates, best first, with what showing them as themes needs: their figures,
/// and the first of their mentions, as many as evidence may show. A document keeps these of
/// its leading candidates until the corpus's themes are added up, not its whole list of
/// candidates.
struct Shares<'a> {
    list: Vec<Share<'a>>,
    /// The variants each share absorbed, one share's after another.
    subsumes: Vec<&'a str>,
    /// The first mentions of each share, one share's after another.
    mentions: Vec<Mention>,
}

/// One scored candidate of [`Shares`].
struct Share<'a> {
    text: &'a str,
    quoted: bool,
    source: Source,
    category: Option<crate::vocab::Category>,
    tf: u32,
    weighted_tf: f64,
    df: u64,
    idf: f64,
    boost: f64,
    score: f64,
    /// A range of [`Shares::subsumes`].
    subsumes: std::ops::Range<usize>,
    /// A range of [`Shares::mentions`].
    mentions: std::ops::Range<usize>,
}

impl<'a> Shares<'a> {
    /// The scored candidates of `scores`, each with its first `max_evidence` mentions.
    fn of(cands: &DocCandidates<'a>, scores: &Scores, max_evidence: usize) -> Self {
        let mut out = Shares {
            list: Vec::with_capacity(scores.list.len()),
            subsumes: Vec::new(),
            mentions: Vec::new(),
        };
        for sc in &scores.list {
            let c = &cands.candidates[sc.candidate as usize];
            let (s0, m0) = (out.subsumes.len(), out.mentions.len());
            out.subsumes.extend(
                sc.subsumes
                    .iter()
                    .map(|&k| cands.candidates[k as usize].text),
            );
            out.mentions.extend(
                scores.mentions[sc.mentions.clone()]
                    .iter()
                    .take(max_evidence)
                    .map(|&i| cands.mentions[i]),
            );
            out.list.push(Share {
                text: c.text,
                quoted: c.quoted,
                source: c.source,
                category: sc.category,
                tf: sc.mentions.len() as u32,
                weighted_tf: sc.weighted_tf,
                df: sc.df,
                idf: sc.idf,
                boost: sc.boost,
                score: sc.score,
                subsumes: s0..out.subsumes.len(),
                mentions: m0..out.mentions.len(),
            });
        }
        out
    }

    /// The first `n` shares as themes, with up to `max_evidence` pieces of evidence each.
    fn themes(&self, doc: &Document, n: usize, max_evidence: usize) -> Vec<Theme> {
        (0..n.min(self.list.len()))
            .map(|k| self.theme(k, doc, max_evidence, false))
            .collect()
    }

    /// Share `k` as a theme, with up to `max_evidence` pieces of evidence (naming the
    /// document for corpus themes).
    fn theme(&self, k: usize, doc: &Document, max_evidence: usize, name_document: bool) -> Theme {
        let sh = &self.list[k];
        Theme {
            text: sh.text.to_string(),
            score: sh.score,
            tf: sh.tf,
            weighted_tf: sh.weighted_tf,
            df: sh.df,
            idf: sh.idf,
            boost: sh.boost,
            quoted: sh.quoted,
            category: sh.category,
            source: sh.source,
            subsumes: self.subsumes[sh.subsumes.clone()]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            evidence: self.evidence(k, doc, max_evidence, name_document).collect(),
        }
    }

    /// Up to `n` pieces of evidence of share `k`: its first mentions, each in its sentence.
    fn evidence<'s>(
        &'s self,
        k: usize,
        doc: &'s Document,
        n: usize,
        name_document: bool,
    ) -> impl Iterator<Item = Evidence> + 's {
        self.mentions[self.list[k].mentions.clone()]
            .iter()
            .take(n)
            .map(move |m| {
                let s = &doc.sentences[m.sentence as usize];
                Evidence {
                    start: m.orig.start,
                    end: m.orig.end,
                    char_start: m.chars.start,
                    char_end: m.chars.end,
                    sentence: sentence_window(
                        doc.text(s.norm),
                        m.norm.start - s.norm.start,
                        m.norm.len(),
                    ),
                    sentence_span: s.orig,
                    sentence_char_span: s.chars,
                    document: name_document.then(|| doc.id.clone()),
                }
            })
    }
}

/// The best candidates of a unit, scored, best first, and their mentions.
struct Scores {
    list: Vec<Scored>,
    /// The mentions of each candidate of the list, one after another.
    mentions: Vec<usize>,
}

/// A candidate scored in one unit, before its evidence is gathered.
struct Scored {
    candidate: u32,
    /// Its mentions, its own and absorbed, in order: a range of [`Scores::mentions`].
    mentions: std::ops::Range<usize>,
    weighted_tf: f64,
    df: u64,
    idf: f64,
    boost: f64,
    score: f64,
    /// The candidates it absorbed as variants of itself, in the order it met them.
    subsumes: Vec<u32>,
    category: Option<crate::vocab::Category>,
}

/// Adds the counts of a document's candidates to `stats`.
fn add_counts(engine: &Engine, stats: &mut CorpusStats, doc: &Document) {
    let counts = phrase::count_document(engine.segmenter(), doc);
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

/// The least share of a longer theme's characters a fragment must have to be taken for a
/// variant of it (枫桥经验 of 海上枫桥经验) rather than a theme of its own (警情 of 警情分流).
const NEAR_DUPLICATE_SHARE: f64 = 0.6;

/// Longest span, in bytes, a lexicon word, quoted name or collocation can cover.
const MAX_CLAIM_BYTES: usize = 4 * crate::MAX_WORD_CHARS;

/// What ranking a document needs: the engine (whose lexicon candidates may borrow from, for
/// as long as the engine lives) and the corpus's statistics, options and collocations.
struct Ctx<'e, 'a> {
    engine: &'e Engine,
    stats: &'a CorpusStats,
    options: &'a RankOptions,
    colloc: &'a Collocations,
}

/// The candidates of one unit (a section, or the whole document), each with its mentions,
/// fragments hidden in the themes that contain them.
struct Gathering {
    gathered: Vec<Gathered>,
    /// The unit's mentions grouped by candidate; each candidate holds its range.
    grouped: Vec<usize>,
}

/// Spans claimed by candidates, in order: `(start, end, claimant)`. A unit claims a few
/// hundred spans at most, so a sorted list does.
#[derive(Default)]
struct Claims(Vec<(usize, usize, usize)>);

impl Claims {
    /// Claims `span` for `by` unless it is claimed already.
    fn insert(&mut self, span: (usize, usize), by: usize) {
        let at = self.0.partition_point(|&(s, e, _)| (s, e) < span);
        if self.0.get(at).is_none_or(|&(s, e, _)| (s, e) != span) {
            self.0.insert(at, (span.0, span.1, by));
        }
    }

    /// The claims from `from` to `to`, both included, in order.
    fn range(&self, from: (usize, usize), to: (usize, usize)) -> &[(usize, usize, usize)] {
        let a = self.0.partition_point(|&(s, e, _)| (s, e) < from);
        let b = self.0.partition_point(|&(s, e, _)| (s, e) <= to);
        &self.0[a..b.max(a)]
    }
}

/// A candidate gathered for one unit.
struct Gathered {
    candidate: u32,
    /// Its own mentions: a range of the unit's list of mentions grouped by candidate.
    own: std::ops::Range<usize>,
    /// Mentions of its variants and fragments that count for it.
    absorbed: Vec<usize>,
    subsumes: Vec<u32>,
    hidden: bool,
    category: Option<crate::vocab::Category>,
}

/// What scoring the units of a document needs of its candidates, worked out once: their
/// order, longest first, and for each name-like candidate (lexicon word, quoted name,
/// collocation) the candidates whose text is a piece of its text of at least
/// [`NEAR_DUPLICATE_SHARE`] of its length: the variants it absorbs where both are mentioned.
struct CandidateOrder {
    /// `(start, end)` in `of` for each candidate.
    ranges: Vec<(u32, u32)>,
    of: Vec<u32>,
    /// The candidates, longest first, then in the order of their texts.
    by_length: Vec<u32>,
}

impl CandidateOrder {
    fn find(cands: &DocCandidates<'_>) -> CandidateOrder {
        let mut by_length: Vec<u32> = (0..cands.candidates.len() as u32).collect();
        by_length.sort_by(|&a, &b| {
            let ca = &cands.candidates[a as usize];
            let cb = &cands.candidates[b as usize];
            cb.chars.cmp(&ca.chars).then_with(|| ca.text.cmp(cb.text))
        });
        let mut out = CandidateOrder {
            ranges: Vec::with_capacity(cands.candidates.len()),
            of: Vec::new(),
            by_length,
        };
        let mut bounds: Vec<usize> = Vec::new();
        for c in &cands.candidates {
            let start = out.of.len() as u32;
            if c.source != Source::Term {
                let text = c.text;
                bounds.clear();
                bounds.extend(text.char_indices().map(|(k, _)| k).chain([text.len()]));
                let n = bounds.len() - 1;
                let min = ((n as f64) * NEAR_DUPLICATE_SHARE).ceil() as usize;
                for a in 0..n {
                    for b in a + min.max(1)..=n {
                        if b - a == n {
                            continue;
                        }
                        if let Some(j) = cands.by_text(&text[bounds[a]..bounds[b]]) {
                            out.of.push(j);
                        }
                    }
                }
            }
            out.ranges.push((start, out.of.len() as u32));
        }
        out
    }

    fn fragments_of(&self, candidate: u32) -> &[u32] {
        match self.ranges.get(candidate as usize) {
            Some(&(a, b)) => &self.of[a as usize..b as usize],
            None => &[],
        }
    }
}

impl<'e> Ctx<'e, '_> {
    fn rank_document<'d>(&self, doc: &'d Document, idfs: &mut WordIdfs<'d>) -> Ranked<'d>
    where
        'e: 'd,
    {
        let cands =
            phrase::find_mentions(self.engine.segmenter(), idfs, self.stats, doc, self.colloc);
        let order = CandidateOrder::find(&cands);
        // The mentions of each unit, in one pass.
        let mut per_unit: Vec<Vec<usize>> = vec![Vec::new(); doc.units.len()];
        for (i, m) in cands.mentions.iter().enumerate() {
            if let Some(u) = doc.sentences[m.sentence as usize].unit
                && let Some(list) = per_unit.get_mut(u as usize)
            {
                list.push(i);
            }
        }
        let top = self.options.top;
        let max_evidence = self.options.max_evidence;
        // A unit that holds every mention (the only section, or a document without sections)
        // is gathered once for both levels.
        let mut whole: Option<Gathering> = None;
        let sections = doc
            .units
            .iter()
            .zip(&per_unit)
            .map(|(u, mentions)| {
                let unit = self.gather(doc, &cands, &order, mentions);
                let scored = self.score(doc, &cands, &unit, Level::Section, top);
                if mentions.len() == cands.mentions.len() {
                    whole = Some(unit);
                }
                SectionThemes {
                    title: u.title.clone(),
                    span: u.span,
                    themes: Shares::of(&cands, &scored, max_evidence).themes(
                        doc,
                        top,
                        max_evidence,
                    ),
                }
            })
            .collect();
        let whole = whole.unwrap_or_else(|| {
            let everything: Vec<usize> = (0..cands.mentions.len()).collect();
            self.gather(doc, &cands, &order, &everything)
        });
        // The corpus adds up each document's leading themes; the tail of a document's list
        // weighs nothing there.
        let all = self.score(
            doc,
            &cands,
            &whole,
            Level::Document,
            CORPUS_SHARE.max(5 * top),
        );
        let shares = Shares::of(&cands, &all, max_evidence);
        let themes = shares.themes(doc, top, max_evidence);
        Ranked {
            themes: DocumentThemes {
                path: doc.id.clone(),
                title: doc.title.clone(),
                sections,
                themes,
            },
            shares,
        }
    }

    /// Gathers the candidates mentioned by `mentions` (one unit's, or the whole document's,
    /// in order) and hides the fragments of longer themes.
    fn gather(
        &self,
        doc: &Document,
        cands: &DocCandidates<'_>,
        order: &CandidateOrder,
        mentions: &[usize],
    ) -> Gathering {
        // The candidates mentioned, longest first (so that a theme has claimed its mentions
        // before its fragments look), each with its mentions in order: one list grouped by
        // candidate (a counting sort), each candidate holding its range of it.
        let mut slot: Vec<u32> = vec![0; cands.candidates.len()];
        for &i in mentions {
            slot[cands.mentions[i].candidate as usize] += 1;
        }
        let mut gathered: Vec<Gathered> = Vec::new();
        let mut at = 0;
        for &c in &order.by_length {
            let n = slot[c as usize] as usize;
            if n == 0 {
                slot[c as usize] = u32::MAX;
                continue;
            }
            slot[c as usize] = gathered.len() as u32;
            gathered.push(Gathered {
                candidate: c,
                own: at..at,
                absorbed: Vec::new(),
                subsumes: Vec::new(),
                hidden: false,
                category: cands.candidates[c as usize].category,
            });
            at += n;
        }
        let mut grouped: Vec<usize> = vec![0; mentions.len()];
        for &i in mentions {
            let g = &mut gathered[slot[cands.mentions[i].candidate as usize] as usize];
            grouped[g.own.end] = i;
            g.own.end += 1;
        }
        self.subsume(doc, cands, order, &slot, &mut grouped, &mut gathered);
        Gathering { gathered, grouped }
    }

    /// Scores the candidates of a unit gathered by [`Ctx::gather`], best first; returns the
    /// `keep` best.
    fn score(
        &self,
        doc: &Document,
        cands: &DocCandidates<'_>,
        unit: &Gathering,
        level: Level,
        keep: usize,
    ) -> Scores {
        let Gathering { gathered, grouped } = unit;

        let weight = |i: usize| match doc.sentences[cands.mentions[i].sentence as usize].block {
            BlockKind::Heading => self.options.heading_weight,
            _ => 1.0,
        };
        let in_body = |i: usize| doc.sentences[cands.mentions[i].sentence as usize].is_body();
        let in_numbered_heading = |i: usize| {
            let s = &doc.sentences[cands.mentions[i].sentence as usize];
            matches!(s.block, BlockKind::Heading) && s.is_body()
        };
        // Scores, without the mention lists and variants: only the best are kept.
        let mut scored: Vec<(usize, Scored)> = Vec::with_capacity(gathered.len());
        let mut all: Vec<usize> = Vec::new();
        for (k, g) in gathered.iter().enumerate().filter(|(_, g)| !g.hidden) {
            let c = &cands.candidates[g.candidate as usize];
            let own = &grouped[g.own.clone()];
            if !own.iter().chain(&g.absorbed).any(|&i| in_body(i)) {
                continue;
            }
            // Summed in the order of the text.
            // A newspaper's headings are slogans: a plain word in one is no more than a
            // mention (守护市民钱包); a name in one (a lexicon word, a quoted name, a
            // collocation) or a numbered heading of an official document states the work.
            let plain = c.source == Source::Term && g.category.is_none();
            let w = |i: usize| {
                if plain && !in_body(i) { 1.0 } else { weight(i) }
            };
            all.clear();
            push_mentions(&mut all, own, &g.absorbed);
            let weighted_tf: f64 = all.iter().map(|&i| w(i)).sum();
            let df = c.counts.map_or(1, |t| t.df(level)).max(1);
            let idf = self
                .stats
                .idf(df, c.idf_bg, level, self.options.prior_units);
            let boost = if c.quoted {
                self.options.quote_boost
            } else if c.source == Source::Lexicon || g.category.is_some() {
                self.options.lexicon_boost
            } else if c.source == Source::Term
                && matches!(all.as_slice(), [i] if !in_numbered_heading(*i))
            {
                // A plain word said once, and not by a numbered heading that states the
                // work, is a word in passing.
                self.options.single_mention_boost
            } else {
                1.0
            };
            let score = (1.0 + weighted_tf.ln()) * idf * boost;
            scored.push((
                k,
                Scored {
                    candidate: g.candidate,
                    mentions: 0..0,
                    weighted_tf,
                    df,
                    idf,
                    boost,
                    score,
                    // Filled in for the candidates kept.
                    subsumes: Vec::new(),
                    category: g.category,
                },
            ));
        }
        scored.sort_by(|(_, a), (_, b)| {
            b.score.total_cmp(&a.score).then_with(|| {
                cands.candidates[a.candidate as usize]
                    .text
                    .cmp(cands.candidates[b.candidate as usize].text)
            })
        });
        scored.truncate(keep);
        let mut mentions: Vec<usize> = Vec::new();
        let list = scored
            .into_iter()
            .map(|(k, mut sc)| {
                let g = &gathered[k];
                let start = mentions.len();
                push_mentions(&mut mentions, &grouped[g.own.clone()], &g.absorbed);
                sc.mentions = start..mentions.len();
                sc.subsumes.clone_from(&g.subsumes);
                sc
            })
            .collect();
        Scores { list, mentions }
    }

    /// Hides fragments: a mention inside a longer theme's mention is the same mention; a
    /// name-like fragment (lexicon word, quoted name, collocation) of a longer theme in the
    /// same unit is a near-duplicate, and its other mentions count for the longer theme.
    ///
    /// `gathered` is sorted longest first, `slot` gives each candidate's place in it, and
    /// `grouped` holds the mentions of each. Work is linear in the number of mentions: a
    /// claimant is short (a lexicon word, quoted name or collocation has at most
    /// [`MAX_CLAIM_BYTES`]), so only claims starting shortly before a mention can contain it.
    fn subsume(
        &self,
        doc: &Document,
        cands: &DocCandidates<'_>,
        order: &CandidateOrder,
        slot: &[u32],
        grouped: &mut [usize],
        gathered: &mut [Gathered],
    ) {
        let mut container: Vec<Option<usize>> = vec![None; gathered.len()];
        // Spans claimed by kept, name-like candidates: (start, end) → claimant.
        let mut claimed = Claims::default();
        for i in 0..gathered.len() {
            let cid = gathered[i].candidate;
            let c = &cands.candidates[cid as usize];
            let name_like = c.source != Source::Term;
            // Its mentions not inside a claimed span, moved to the front of its range.
            let range = gathered[i].own.clone();
            let mut kept = range.start;
            let mut owner: Option<usize> = None;
            for k in range {
                let m = grouped[k];
                let span = cands.mentions[m].norm;
                let from = (span.end.saturating_sub(MAX_CLAIM_BYTES), 0);
                let by = claimed
                    .range(from, (span.start, usize::MAX))
                    .iter()
                    .find(|&&(s, e, _)| e >= span.end && (s, e) != (span.start, span.end))
                    .map(|&(_, _, by)| by);
                match by {
                    Some(by) => owner = owner.or(Some(by)),
                    None => {
                        grouped[kept] = m;
                        kept += 1;
                    }
                }
            }
            let own = gathered[i].own.start..kept;
            // A variant is absorbed only when each of its mentions reads as its own text: an
            // abbreviation's mention (反诈 of 电信网络诈骗) is not a variant of the longer theme.
            let verbatim = || {
                grouped[own.clone()]
                    .iter()
                    .all(|&m| doc.text(cands.mentions[m].norm) == c.text)
            };
            let near = if name_like && container[i].is_some() && verbatim() {
                container[i]
            } else {
                None
            };
            if own.is_empty() || near.is_some() {
                gathered[i].hidden = true;
                if let Some(j) = near.or(owner) {
                    let cat = gathered[i].category;
                    // The absorbed mentions are the longer theme's now: their fragments are
                    // the same mention too.
                    for &m in &grouped[own.clone()] {
                        let span = cands.mentions[m].norm;
                        claimed.insert((span.start, span.end), j);
                    }
                    let g = &mut gathered[j];
                    g.absorbed.extend(grouped[own].iter().copied());
                    g.subsumes.push(cid);
                    g.category = g.category.or(cat);
                }
                continue;
            }
            gathered[i].own = own.clone();
            if name_like {
                for &m in &grouped[own] {
                    let span = cands.mentions[m].norm;
                    claimed.insert((span.start, span.end), i);
                }
                // Its name-like fragments of at least NEAR_DUPLICATE_SHARE of its length are
                // variants of it.
                for &f in order.fragments_of(cid) {
                    let j = slot[f as usize];
                    if j != u32::MAX && (j as usize) > i && container[j as usize].is_none() {
                        container[j as usize] = Some(i);
                    }
                }
            }
        }
    }
}

/// Appends a candidate's mentions to `out`, its own and those it absorbed, in the order of
/// the text. The two never share a mention: each mention is of one candidate, and a hidden
/// candidate hands its own mentions to one other.
fn push_mentions(out: &mut Vec<usize>, own: &[usize], absorbed: &[usize]) {
    let start = out.len();
    out.extend(own);
    if !absorbed.is_empty() {
        out.extend(absorbed);
        out[start..].sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_is_quoted_around_the_mention() {
        let half = MAX_EVIDENCE_SENTENCE_CHARS / 2;
        let before = "甲".repeat(400);
        let after = "乙".repeat(400);
        let s = format!("{before}笑气{after}");
        let w = sentence_window(&s, before.len(), "笑气".len());
        assert_eq!(
            w,
            format!("…{}笑气{}…", "甲".repeat(half), "乙".repeat(half))
        );
        // Near an end, the window stops there, unmarked.
        let s = format!("甲甲笑气{after}");
        let w = sentence_window(&s, "甲甲".len(), "笑气".len());
        assert_eq!(w, format!("甲甲笑气{}…", "乙".repeat(half)));
        // A sentence of the longest length a quote takes whole is quoted whole.
        let s = "丙".repeat(MAX_EVIDENCE_SENTENCE_CHARS);
        assert_eq!(sentence_window(&s, 3, 3), s);
    }

    #[test]
    fn a_span_keeps_its_first_claimant() {
        let mut c = Claims::default();
        c.insert((10, 16), 1);
        c.insert((4, 12), 2);
        c.insert((10, 16), 3);
        c.insert((10, 13), 4);
        assert_eq!(c.0, vec![(4, 12, 2), (10, 13, 4), (10, 16, 1)]);
    }

    #[test]
    fn claims_in_a_range_include_both_ends() {
        let mut c = Claims::default();
        for (k, span) in [(0, 3), (3, 9), (3, 12), (6, 9), (9, 12)]
            .into_iter()
            .enumerate()
        {
            c.insert(span, k);
        }
        let starts = |from, to| -> Vec<(usize, usize)> {
            c.range(from, to).iter().map(|&(s, e, _)| (s, e)).collect()
        };
        assert_eq!(
            starts((3, 0), (6, usize::MAX)),
            vec![(3, 9), (3, 12), (6, 9)]
        );
        assert_eq!(starts((3, 12), (3, 12)), vec![(3, 12)]);
        assert_eq!(
            starts((10, 0), (9, usize::MAX)),
            Vec::<(usize, usize)>::new()
        );
    }
}
