//! The first pass: each document's candidate words, quoted names and runs of words,
//! counted for the corpus statistics.

use super::quoted::quotes;
use super::runs::{RunKey, is_phrase_token, ngrams, shape_verdict, takes_an_object};
use crate::document::{DocToken, Document, UnitOf};
use crate::segment::Segmenter;
use crate::stats::TermCounts;
use crate::text::Span;
use rustc_hash::{FxHashMap, FxHashSet};

/// Per-document counts of candidate words, quoted names and runs of words, keyed by pieces
/// of the document's text. Each entry keeps the last unit it was seen in, so distinct units
/// are counted in one pass.
#[derive(Debug, Default)]
pub(crate) struct DocCounts<'d> {
    pub(crate) terms: FxHashMap<&'d str, (TermCounts, Seen)>,
    pub(crate) ngrams: FxHashMap<RunKey<'d>, (TermCounts, Seen)>,
}

/// The last unit an entry was seen in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    Nowhere,
    In(UnitOf),
}

/// Adds one occurrence in `unit` to `map`, counting distinct units (text outside every
/// section counts toward none).
fn bump<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, (TermCounts, Seen)>, key: K, unit: UnitOf) {
    let (e, last) = map
        .entry(key)
        .or_insert((TermCounts::default(), Seen::Nowhere));
    e.count += 1;
    e.documents = 1;
    if unit != UnitOf::Outside && *last != Seen::In(unit) {
        *last = Seen::In(unit);
        e.sections += 1;
    }
}

/// Whether `span` is exactly one token of `toks`. The tokens tile the sentence, so they are
/// found by their starts in logarithmic time: a sentence may be megabytes long, with a quote
/// every few words.
fn is_single_token(toks: &[DocToken], span: Span) -> bool {
    toks.binary_search_by_key(&span.start, |t| t.norm.start)
        .is_ok_and(|i| toks[i].norm == span)
}

/// Counts a document's candidate words, quoted names and runs of words.
pub(crate) fn count_document<'d>(seg: &Segmenter, doc: &'d Document) -> DocCounts<'d> {
    // About one distinct word and one run for every four tokens in a report; a long
    // document says the same words again, so its maps grow as needed rather than start at a
    // size that may be many times what they hold.
    let guess = (doc.tokens.len() / 4).min(1 << 14);
    let mut counts = DocCounts {
        terms: FxHashMap::with_capacity_and_hasher(guess, Default::default()),
        ngrams: FxHashMap::with_capacity_and_hasher(guess, Default::default()),
    };
    // A sentence a section prints again word for word (a caption repeating a line of the
    // body) is no second sighting of its words and runs: a run must recur in other
    // sentences to be a collocation, and its words' counts, against which its cohesion is
    // measured, leave the repeat out too. Two sections saying the same are two sightings.
    let mut said: FxHashSet<(UnitOf, &str)> = FxHashSet::default();
    for s in &doc.sentences {
        let unit = s.unit;
        if !said.insert((unit, doc.text(s.norm).trim())) {
            continue;
        }
        let toks = doc.sentence_tokens(s);
        for t in toks.iter().filter(|t| is_phrase_token(t)) {
            bump(&mut counts.terms, doc.text(t.norm), unit);
        }
        for q in quotes(doc, s) {
            let text = doc.text(q.content);
            if !text.is_empty() && !is_single_token(toks, q.content) {
                bump(&mut counts.terms, text, unit);
            }
        }
        for (at, g) in ngrams(toks) {
            if shape_verdict(seg, doc, g).is_some() || takes_an_object(g, toks.get(at + g.len())) {
                continue;
            }
            bump(&mut counts.ngrams, RunKey::of(doc, g), unit);
        }
    }
    counts
}
