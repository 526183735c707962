//! Collocations: runs of words that recur across the corpus and stick together (护航亚运,
//! 旅游市场秩序), found from the corpus statistics and then in each document.

use super::rules::{Reject, name_kind};
use super::runs::{MAX_NGRAM, RunKey, ngrams, phrase_runs, shape_verdict, takes_an_object};
use super::{Candidate, Finder};
use crate::document::DocToken;
use crate::stats::{CorpusStats, NGRAM_SEP, TermCounts};
use crate::text::Span;
use crate::theme::Source;
use rustc_hash::FxHashSet;

/// The runs of words accepted as collocations across a corpus.
#[derive(Debug, Default, Clone)]
pub(crate) struct Collocations {
    /// What made them collocations.
    cohesion: Cohesion,
    /// Accepted runs, as their words joined by the separator.
    accepted: FxHashSet<String>,
    /// Every shorter run an accepted run starts with (its first word, its first two...), so
    /// that a search stops at the first word that starts none.
    prefixes: FxHashSet<String>,
}

/// What makes a run of words a collocation: how often it must recur, and what share of its
/// rarest word's occurrences it must hold.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cohesion {
    pub(crate) min_count: u64,
    pub(crate) min_share: f64,
}

impl Cohesion {
    /// Why the run of words `key`, counted `c`, is no collocation, if it is not.
    pub(crate) fn verdict(&self, stats: &CorpusStats, key: &str, c: &TermCounts) -> Option<Reject> {
        if c.count < self.min_count {
            return Some(Reject::NotRepeated);
        }
        let rarest = key
            .split(NGRAM_SEP)
            .map(|w| stats.term(w).map_or(c.count, |t| t.count))
            .min()
            .unwrap_or(c.count)
            .max(1);
        (c.count as f64 / (rarest as f64) < self.min_share).then_some(Reject::NotCohesive)
    }
}

impl Collocations {
    /// Accepts every run of the statistics that `cohesion` accepts.
    pub(crate) fn find(stats: &CorpusStats, cohesion: Cohesion) -> Collocations {
        let mut out = Collocations {
            cohesion,
            ..Collocations::default()
        };
        for (key, c) in stats.ngram_counts() {
            if cohesion.verdict(stats, key, c).is_some() {
                continue;
            }
            out.accepted.insert(key.to_string());
            for (i, _) in key.match_indices(NGRAM_SEP) {
                out.prefixes.insert(key[..i].to_string());
            }
        }
        out
    }

    fn contains(&self, key: &str) -> bool {
        self.accepted.contains(key)
    }

    /// Whether some accepted run is longer than `key` and starts with it.
    fn extends(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    pub(crate) fn len(&self) -> usize {
        self.accepted.len()
    }
}

impl Finder<'_, '_> {
    /// Records why each run of words of sentence `si` that is no collocation is none.
    fn reject_runs(&mut self, si: usize, toks: &[DocToken], key: &mut String) {
        let (seg, doc, colloc, stats) = (self.cx.seg, self.cx.doc, self.cx.colloc, self.cx.stats);
        for (at, g) in ngrams(toks) {
            let norm = Span::new(g[0].norm.start, g[g.len() - 1].norm.end);
            let reject = shape_verdict(seg, doc, g)
                .or_else(|| {
                    takes_an_object(g, toks.get(at + g.len())).then_some(Reject::TakesAnObject)
                })
                .or_else(|| {
                    RunKey::of(doc, g).write_key(key);
                    if colloc.contains(key) {
                        return None;
                    }
                    let counts = stats.ngram_by_key(key).copied().unwrap_or_default();
                    colloc.cohesion.verdict(stats, key, &counts)
                });
            if let Some(r) = reject {
                self.reject(si, norm, r);
            }
        }
    }

    /// Adds the collocations of sentence `si`, with their mentions. `key` is scratch space.
    pub(super) fn collocations(&mut self, si: usize, toks: &[DocToken], key: &mut String) {
        let (doc, colloc) = (self.cx.doc, self.cx.colloc);
        if self.rec.is_some() {
            self.reject_runs(si, toks, key);
        }
        if colloc.len() == 0 {
            return;
        }
        for (offset, run) in phrase_runs(toks) {
            for i in 0..run.len() {
                let first = doc.text(run[i].norm);
                if !colloc.extends(first) {
                    continue;
                }
                key.clear();
                key.push_str(first);
                for n in 2..=MAX_NGRAM.min(run.len() - i) {
                    let g = &run[i..i + n];
                    key.push(NGRAM_SEP);
                    key.push_str(doc.text(g[n - 1].norm));
                    if !colloc.contains(key) {
                        if colloc.extends(key) {
                            continue;
                        }
                        break;
                    }
                    // The words of a run are adjacent: its text is one piece of the
                    // document's.
                    let norm = Span::new(g[0].norm.start, g[n - 1].norm.end);
                    let text = doc.text(norm);
                    if g.iter().any(|t| self.own.starts(doc.text(t.norm))) || self.own.starts(text)
                    {
                        self.reject(si, norm, Reject::OwnName);
                        continue;
                    }
                    if takes_an_object(g, toks.get(offset + i + n)) {
                        self.reject(si, norm, Reject::TakesAnObject);
                        continue;
                    }
                    if let Some(kind) = name_kind(text) {
                        self.reject(si, norm, kind);
                        self.places.exclude(norm, kind);
                        continue;
                    }
                    let id = match self.out.known(text, Source::Collocation) {
                        Some(id) => id,
                        None => {
                            let idf_bg = self.idfs.phrase(text, g.iter().map(|t| doc.text(t.norm)));
                            self.out.candidate(Candidate {
                                text,
                                chars: text.chars().count() as u32,
                                counts: self.cx.stats.ngram_by_key(key).copied(),
                                source: Source::Collocation,
                                // A run is a kind of its head, the last word (海上走私 is 走私).
                                category: g[n - 1].category,
                                quoted: false,
                                idf_bg,
                            })
                        }
                    };
                    self.out.push_token_mention(si, id, &g[0], &g[n - 1]);
                    let at = offset + i;
                    self.places
                        .note(id, super::places::said_as_place(doc, toks, at, at + n));
                }
            }
        }
    }
}
