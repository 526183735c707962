//! The corpus's themes, added up from each document's leading themes.

use super::engine::Corpus;
use super::evidence::Shares;
use super::options::RankOptions;
use super::tally::CorpusTally;
use crate::theme::{DocumentThemes, Ranking};

impl Corpus {
    /// The ranking: the documents' themes, and the corpus's, added up from them in order.
    pub(super) fn with_corpus_themes(
        &self,
        per_doc: Vec<Ranked<'_>>,
        options: &RankOptions,
    ) -> Ranking {
        let mut tally = CorpusTally::new(options);
        let mut documents = Vec::with_capacity(per_doc.len());
        for (ranked, doc) in per_doc.into_iter().zip(&self.docs) {
            tally.add_shares(&ranked.shares, doc);
            documents.push(ranked.themes);
        }
        Ranking {
            documents,
            corpus: tally.themes(),
        }
    }
}

/// One document ranked: its themes, and what the corpus ranking needs of it.
pub(super) struct Ranked<'a> {
    pub(super) themes: DocumentThemes,
    /// The document's leading candidates, scored, best first.
    pub(super) shares: Shares<'a>,
}
