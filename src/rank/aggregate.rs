//! The corpus's themes, added up from each document's leading themes.

use super::engine::Corpus;
use super::evidence::Shares;
use super::options::RankOptions;
use crate::theme::{CorpusThemes, DocumentThemes, Ranking};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

impl Corpus {
    /// The ranking: the documents' themes, and the corpus's, added up from them.
    pub(super) fn with_corpus_themes(
        &self,
        per_doc: Vec<Ranked<'_>>,
        options: &RankOptions,
    ) -> Ranking {
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
pub(super) struct Ranked<'a> {
    pub(super) themes: DocumentThemes,
    /// The document's leading candidates, scored, best first.
    pub(super) shares: Shares<'a>,
}
