//! Collocations: runs of words that recur across the corpus and stick together (护航亚运,
//! 旅游市场秩序), found from the corpus statistics and then in each document.

use super::rules::{Reject, is_place_name, name_kind};
use super::runs::{MAX_NGRAM, RunKey, ngrams, phrase_runs, shape_verdict, takes_an_object};
use super::{Candidate, Finder};
use crate::document::DocToken;
use crate::stats::{CorpusStats, NGRAM_SEP, TermCounts};
use crate::text::Span;
use crate::theme::Source;
use rustc_hash::FxHashSet;

/// How the words of a collocation stand together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bond {
    /// The run holds most of its rarest word's mentions.
    Dominance,
    /// Its parts are said together more often than chance and their own frequencies explain.
    Association,
}

/// The runs of words accepted as collocations across a corpus.
#[derive(Debug, Default, Clone)]
pub(crate) struct Collocations {
    /// What made them collocations.
    cohesion: Cohesion,
    /// Words counted in the corpus: the sample size of the association test.
    words: u64,
    /// Accepted runs, as their words joined by the separator.
    accepted: FxHashSet<String>,
    /// Every shorter run an accepted run starts with (its first word, its first two...), so
    /// that a search stops at the first word that starts none.
    prefixes: FxHashSet<String>,
}

/// What makes a run of words a collocation: it recurs, and its words stand together. They
/// do when the run holds most of its rarest word's mentions (dominance, which a short text
/// shows as well as a long one), or when, wherever the run could be cut in two, the parts
/// are said together more often than chance and their own frequencies explain
/// (association, which finds a compound whose head is said often on its own: 渔船安全生产
/// beside 渔船).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cohesion {
    /// Fewest times a run must be said in the corpus.
    pub(crate) min_count: u64,
    /// Least share of its rarest word's mentions that a dominant run holds.
    pub(crate) min_share: f64,
    /// Least normalised pointwise mutual information of the weakest cut (from −1, never
    /// together, through 0, independent, to 1, never apart).
    pub(crate) min_npmi: f64,
}

/// The log-likelihood ratio (Dunning's G²) a run's weakest cut must reach: the 95th
/// percentile of χ² with one degree of freedom, so that two words said together twice
/// among many mentions of each, which chance explains, make no collocation.
const MIN_LLR: f64 = 3.841;

/// How strongly the two parts of a run, cut at one place, stand together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Association {
    /// Dunning's log-likelihood ratio G² of the 2×2 table of the parts' occurrences.
    pub(crate) llr: f64,
    /// Normalised pointwise mutual information, in [−1, 1].
    pub(crate) npmi: f64,
}

impl Association {
    /// The association of two parts said `together` times, the left part `left` times
    /// and the right part `right` times in all, among `words` words.
    pub(crate) fn of(together: u64, left: u64, right: u64, words: u64) -> Association {
        let n = words.max(left).max(right).max(1) as f64;
        let k11 = together.min(left).min(right) as f64;
        let (l, r) = (left as f64, right as f64);
        let cells = [
            (k11, l, r),
            (l - k11, l, n - r),
            (r - k11, n - l, r),
            (n - l - r + k11, n - l, n - r),
        ];
        // G² = 2 Σ k ln(k·n / (row·column)), a cell of 0 adding nothing.
        let llr = 2.0
            * cells
                .iter()
                .filter(|(k, row, col)| *k > 0.0 && *row > 0.0 && *col > 0.0)
                .map(|(k, row, col)| k * (k * n / (row * col)).ln())
                .sum::<f64>();
        let npmi = if k11 <= 0.0 {
            -1.0
        } else if k11 >= n {
            1.0
        } else {
            let p = k11 / n;
            (p / ((l / n) * (r / n))).ln() / -p.ln()
        };
        Association {
            llr: llr.max(0.0),
            npmi,
        }
    }
}

impl Cohesion {
    /// Why the run of words `key`, counted `c` among `words` words, is no collocation, if
    /// it is not.
    pub(crate) fn verdict(
        &self,
        stats: &CorpusStats,
        words: u64,
        key: &str,
        c: &TermCounts,
    ) -> Result<Bond, Reject> {
        if c.count < self.min_count {
            return Err(Reject::NotRepeated);
        }
        if dominance(stats, key, c.count) >= self.min_share {
            return Ok(Bond::Dominance);
        }
        let weakest = weakest_cut(stats, words, key, c.count);
        if weakest.llr < MIN_LLR || weakest.npmi < self.min_npmi {
            return Err(Reject::NotCohesive);
        }
        Ok(Bond::Association)
    }
}

/// The share of its rarest word's mentions that the run `key`, said `count` times, holds.
fn dominance(stats: &CorpusStats, key: &str, count: u64) -> f64 {
    let rarest = key
        .split(NGRAM_SEP)
        .map(|w| stats.term(w).map_or(count, |t| t.count))
        .min()
        .unwrap_or(count)
        .max(1);
    count as f64 / rarest as f64
}

/// The association of the run `key`, said `count` times, at its weakest cut: the place
/// where cutting it in two leaves parts that stand together least.
pub(crate) fn weakest_cut(stats: &CorpusStats, words: u64, key: &str, count: u64) -> Association {
    // The count of a part: a word's, or a run's; a run the statistics lack (its shape is
    // no theme's) is said at most as often as its rarest word.
    let part = |p: &str| -> u64 {
        let n = if p.contains(NGRAM_SEP) {
            stats.ngram_by_key(p).map(|t| t.count).unwrap_or_else(|| {
                p.split(NGRAM_SEP)
                    .map(|w| stats.term(w).map_or(count, |t| t.count))
                    .min()
                    .unwrap_or(count)
            })
        } else {
            stats.term(p).map_or(count, |t| t.count)
        };
        n.max(count)
    };
    key.match_indices(NGRAM_SEP)
        .map(|(i, _)| {
            let (left, right) = (&key[..i], &key[i + NGRAM_SEP.len_utf8()..]);
            Association::of(count, part(left), part(right), words)
        })
        .min_by(|a, b| a.npmi.total_cmp(&b.npmi).then(a.llr.total_cmp(&b.llr)))
        .unwrap_or(Association {
            llr: 0.0,
            npmi: -1.0,
        })
}

impl Collocations {
    /// Accepts every run of the statistics that `cohesion` accepts.
    pub(crate) fn find(stats: &CorpusStats, cohesion: Cohesion) -> Collocations {
        let words = stats.words();
        let mut out = Collocations {
            cohesion,
            words,
            ..Collocations::default()
        };
        for (key, c) in stats.ngram_counts() {
            if cohesion.verdict(stats, words, key, c).is_err() {
                continue;
            }
            out.accepted.insert(key.to_string());
            for (i, _) in key.match_indices(NGRAM_SEP) {
                out.prefixes.insert(key[..i].to_string());
            }
        }
        out
    }

    /// Why the run `key`, counted `c`, is no collocation, if it is not.
    fn verdict(&self, stats: &CorpusStats, key: &str, c: &TermCounts) -> Option<Reject> {
        self.cohesion.verdict(stats, self.words, key, c).err()
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
                    colloc.verdict(stats, key, &counts)
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
                    // A body named inside a run makes it the body's (公安部命名,
                    // 上海市公安局边防).
                    let body_inside = g[..n - 1]
                        .iter()
                        .any(|t| name_kind(doc.text(t.norm)) == Some(Reject::Body));
                    let kind = name_kind(text)
                        .or_else(|| body_inside.then_some(Reject::Body))
                        .or_else(|| {
                            is_place_name(self.idfs.table(), text).then_some(Reject::ProperName)
                        });
                    if let Some(kind) = kind {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn association_of_independent_and_inseparable_parts() {
        // Independent: said together as often as chance has it.
        let a = Association::of(10, 100, 100, 1000);
        assert!(a.npmi.abs() < 1e-9 && a.llr < 1e-9, "{a:?}");
        // Never apart.
        let a = Association::of(5, 5, 5, 1000);
        assert!((a.npmi - 1.0).abs() < 1e-9 && a.llr > 50.0, "{a:?}");
        // Together less often than chance.
        assert!(Association::of(1, 100, 100, 1000).npmi < 0.0);
        // Inconsistent counts are clamped, never NaN.
        for a in [
            Association::of(9, 3, 2, 1),
            Association::of(0, 0, 0, 0),
            Association::of(u64::MAX, u64::MAX, 1, 0),
        ] {
            assert!(a.llr.is_finite() && a.npmi.is_finite(), "{a:?}");
        }
    }

    #[test]
    fn runs_stand_together_by_dominance_or_association() {
        let counts = |count: u64| TermCounts {
            count,
            documents: 1,
            sections: 1,
        };
        let mut stats = CorpusStats::new();
        for (word, n) in [
            ("渔船", 8),
            ("安全", 5),
            ("群众", 20),
            ("平安", 20),
            ("filler", 266),
        ] {
            stats.add_counts(word, counts(n), false);
        }
        stats.end_document(1);
        let words = stats.words();
        let cohesion = Cohesion {
            min_count: 2,
            min_share: 0.5,
            min_npmi: 0.5,
        };
        let verdict = |key: &str, n: u64| cohesion.verdict(&stats, words, key, &counts(n));
        // Three of 安全's five mentions: dominance.
        assert_eq!(verdict("渔船 安全", 3), Ok(Bond::Dominance));
        // Two of five, beside a head said eight times: association.
        assert_eq!(verdict("渔船 安全", 2), Ok(Bond::Association));
        // Two frequent words said together twice, as chance has it: neither.
        assert_eq!(verdict("群众 平安", 2), Err(Reject::NotCohesive));
        assert_eq!(verdict("渔船 安全", 1), Err(Reject::NotRepeated));
    }

    #[test]
    fn a_compound_stands_beside_a_frequent_head() {
        // 渔船 said 10 times, 渔船安全生产 3 of them: the compound holds under a third of
        // its head's mentions, yet its parts stand together far more often than chance.
        let a = Association::of(3, 10, 4, 300);
        assert!(a.llr >= MIN_LLR && a.npmi >= 0.5, "{a:?}");
        // Two frequent words said together twice, as chance would have it: no unit.
        let a = Association::of(2, 20, 20, 300);
        assert!(a.llr < MIN_LLR, "{a:?}");
    }
}
