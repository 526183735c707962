//! Theme candidates: single terms, lexicon words, quoted names and collocations, each with
//! every mention of it in a document.
//!
//! Candidates are found in two passes. The first counts, for each document, the words and
//! runs of words that could be themes ([`count_document`]); the corpus adds the counts up.
//! The second, knowing which runs recur and stick together across the corpus
//! ([`Collocations`]), lists every mention of every candidate in a document ([`find`]).
//!
//! Generation and filtering are apart: each generator (`terms`, `quoted`, `collocations`)
//! proposes candidates, and the rules of [`rules`] keep words out, each with the [`Reject`]
//! reason a ranking can report.

mod collocations;
mod count;
mod occurrences;
mod own_names;
mod places;
mod quoted;
pub(crate) mod rules;
mod runs;
mod terms;

pub(crate) use collocations::{Cohesion, Collocations};
pub(crate) use count::count_document;
pub use rules::Reject;

use crate::document::{DocToken, Document};
use crate::segment::Segmenter;
use crate::stats::{CorpusStats, TermCounts, WordIdfs};
use crate::text::Span;
use crate::theme::Source;
use crate::vocab::Category;
use own_names::OwnNames;
use rustc_hash::FxHashMap;

/// A candidate's index in its document's [`DocCandidates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CandidateId(pub(crate) u32);

impl CandidateId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A sentence's index in its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct SentenceId(pub(crate) u32);

impl SentenceId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// How strong the evidence of a source is that a text names a theme, strongest first: a
/// candidate found by several sources keeps the strongest.
pub(crate) fn strength(source: Source) -> u8 {
    match source {
        Source::Lexicon => 0,
        Source::Quoted => 1,
        Source::Collocation => 2,
        Source::Term => 3,
    }
}

/// A candidate theme of one document.
#[derive(Debug, Clone)]
pub(crate) struct Candidate<'a> {
    /// The theme's text (the canonical form for an abbreviation): a piece of the document's
    /// text or of the lexicon.
    pub(crate) text: &'a str,
    /// Its length in characters.
    pub(crate) chars: u32,
    /// Its counts in the corpus statistics.
    pub(crate) counts: Option<TermCounts>,
    pub(crate) source: Source,
    pub(crate) category: Option<Category>,
    /// Whether the report marks it as a name with quotation marks.
    pub(crate) quoted: bool,
    /// Its inverse document frequency in general Chinese (the background table).
    pub(crate) idf_bg: f64,
}

/// One mention of a candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub(crate) candidate: CandidateId,
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) sentence: SentenceId,
}

/// The candidates of one document and their mentions.
#[derive(Debug, Default)]
pub(crate) struct DocCandidates<'a> {
    pub(crate) candidates: Vec<Candidate<'a>>,
    pub(crate) mentions: Vec<Mention>,
    index: FxHashMap<&'a str, CandidateId>,
}

impl<'a> std::ops::Index<CandidateId> for DocCandidates<'a> {
    type Output = Candidate<'a>;
    fn index(&self, id: CandidateId) -> &Candidate<'a> {
        &self.candidates[id.index()]
    }
}

impl<'a> DocCandidates<'a> {
    /// Lists with room for the candidates and mentions of a typical report of `tokens`
    /// tokens (about one of each for every three or four tokens), so that they seldom grow;
    /// a long document's lists grow as needed, since what it holds may be far from typical
    /// (a run of digits).
    fn with_room(tokens: usize) -> Self {
        let n = tokens.min(1 << 14);
        DocCandidates {
            candidates: Vec::with_capacity(n / 4),
            mentions: Vec::with_capacity(n / 3),
            index: FxHashMap::with_capacity_and_hasher(n / 4, Default::default()),
        }
    }

    /// The candidate `text`, when it is known already from a source at least as strong as
    /// `source` (so that adding it again would change nothing).
    fn known(&self, text: &str, source: Source) -> Option<CandidateId> {
        let &i = self.index.get(text)?;
        (strength(self[i].source) <= strength(source)).then_some(i)
    }

    /// The candidate whose text is `text`.
    pub(crate) fn by_text(&self, text: &str) -> Option<CandidateId> {
        self.index.get(text).copied()
    }

    /// The ids of every candidate, in order.
    pub(crate) fn ids(&self) -> impl Iterator<Item = CandidateId> + use<'_, 'a> {
        (0..self.candidates.len() as u32).map(CandidateId)
    }

    /// Adds `c`, or merges it into the candidate of the same text: the stronger source's
    /// figures win.
    fn candidate(&mut self, c: Candidate<'a>) -> CandidateId {
        if let Some(&i) = self.index.get(c.text) {
            let e = &mut self.candidates[i.index()];
            if strength(c.source) < strength(e.source) {
                e.source = c.source;
                e.counts = c.counts;
                e.idf_bg = c.idf_bg;
            }
            e.quoted |= c.quoted;
            e.category = e.category.or(c.category);
            return i;
        }
        let i = CandidateId(self.candidates.len() as u32);
        self.index.insert(c.text, i);
        self.candidates.push(c);
        i
    }

    /// Adds a mention of `candidate` that runs from token `first` to token `last`.
    fn push_token_mention(
        &mut self,
        sentence: usize,
        candidate: CandidateId,
        first: &DocToken,
        last: &DocToken,
    ) {
        self.mentions.push(Mention {
            candidate,
            norm: Span::new(first.norm.start, last.norm.end),
            orig: Span::new(first.orig.start, last.orig.end),
            chars: Span::new(first.chars.start, last.chars.end),
            sentence: SentenceId(sentence as u32),
        });
    }

    /// Adds a mention of `candidate` at `norm`, which may start or end inside a token.
    fn push_mention(
        &mut self,
        doc: &Document,
        sentence: usize,
        candidate: CandidateId,
        norm: Span,
    ) {
        let s = &doc.sentences[sentence];
        let toks = doc.sentence_tokens(s);
        // The token holding the start and the token holding the end give the original offsets.
        let a = toks.partition_point(|t| t.norm.end <= norm.start);
        let b = toks.partition_point(|t| t.norm.end < norm.end);
        let (Some(a), Some(b)) = (toks.get(a), toks.get(b)) else {
            return;
        };
        let (orig, chars) = if a.norm.start == norm.start && b.norm.end == norm.end {
            (
                Span::new(a.orig.start, b.orig.end),
                Span::new(a.chars.start, b.chars.end),
            )
        } else {
            // Inside tokens: offsets within a token whose text equals its original are exact.
            match (offset_in(doc, a, norm.start), offset_in(doc, b, norm.end)) {
                (Some(s0), Some(e0)) => (Span::new(s0.0, e0.0), Span::new(s0.1, e0.1)),
                _ => (
                    Span::new(a.orig.start, b.orig.end),
                    Span::new(a.chars.start, b.chars.end),
                ),
            }
        };
        self.mentions.push(Mention {
            candidate,
            norm,
            orig,
            chars,
            sentence: SentenceId(sentence as u32),
        });
    }
}

/// The original byte and char offset of derived offset `pos` inside token `t`, when the
/// token's derived text has the same length as its original (no folding, no repaired break).
fn offset_in(doc: &Document, t: &DocToken, pos: usize) -> Option<(usize, usize)> {
    if t.norm.len() != t.orig.len() {
        return if pos == t.norm.start {
            Some((t.orig.start, t.chars.start))
        } else if pos == t.norm.end {
            Some((t.orig.end, t.chars.end))
        } else {
            None
        };
    }
    let d = pos.checked_sub(t.norm.start)?;
    let text = doc.text(t.norm);
    let chars = text.get(..d)?.chars().count();
    Some((t.orig.start + d, t.chars.start + chars))
}

/// Words kept out of a document's candidates and why, recorded on request: each with the
/// sentence and span where a rule kept it out.
#[derive(Debug, Default)]
pub(crate) struct Rejections {
    pub(crate) list: Vec<(SentenceId, Span, Reject)>,
}

impl Rejections {
    fn push(&mut self, sentence: usize, span: Span, reject: Reject) {
        self.list.push((SentenceId(sentence as u32), span, reject));
    }
}

/// What finding a document's candidates reads.
pub(crate) struct Context<'a, 'r> {
    pub(crate) seg: &'a Segmenter,
    pub(crate) stats: &'r CorpusStats,
    pub(crate) doc: &'a Document,
    pub(crate) colloc: &'r Collocations,
}

/// The state of finding one document's candidates, which each generator adds to.
struct Finder<'a, 'c> {
    cx: &'c Context<'a, 'c>,
    idfs: &'c mut WordIdfs<'a>,
    own: OwnNames,
    out: DocCandidates<'a>,
    places: places::Places,
    rec: Option<&'c mut Rejections>,
}

impl Finder<'_, '_> {
    /// Records a rejection when rejections are asked for.
    fn reject(&mut self, sentence: usize, span: Span, reject: Reject) {
        if let Some(r) = self.rec.as_deref_mut() {
            r.push(sentence, span, reject);
        }
    }
}

/// Lists every mention of every candidate in `cx.doc`, recording in `rec`, when given, the
/// words kept out and why.
pub(crate) fn find<'a, 'c>(
    cx: &'c Context<'a, 'c>,
    idfs: &'c mut WordIdfs<'a>,
    rec: Option<&'c mut Rejections>,
) -> DocCandidates<'a> {
    let mut f = Finder {
        cx,
        idfs,
        own: OwnNames::of(cx.seg, cx.doc),
        out: DocCandidates::with_room(cx.doc.tokens.len()),
        places: places::Places::default(),
        rec,
    };
    // Quoted names first: the quotes that are no names mark words that are no themes.
    let figurative = f.quoted_names();
    let mut key = String::new();
    for (si, s) in cx.doc.sentences.iter().enumerate() {
        let toks = cx.doc.sentence_tokens(s);
        f.terms(si, toks, &figurative);
        f.collocations(si, toks, &mut key);
    }
    let Finder {
        mut out,
        places,
        mut rec,
        ..
    } = f;
    places.drop_mentions(&mut out, &mut rec);
    out.mentions
        .sort_by_key(|m| (m.norm.start, std::cmp::Reverse(m.norm.end), m.candidate));
    out.mentions.dedup_by_key(|m| (m.norm, m.candidate));
    out
}
