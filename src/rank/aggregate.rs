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
        for ranked in &per_doc {
            tally.add_shares(&ranked.shares);
        }
        let corpus = tally.themes_from(|place| {
            let d = usize::try_from(place).ok()?;
            Some((&per_doc.get(d)?.shares, self.docs.get(d)?))
        });
        Ranking {
            documents: per_doc.into_iter().map(|r| r.themes).collect(),
            corpus,
        }
    }
}

/// One document ranked: its themes, and what the corpus ranking needs of it.
pub(super) struct Ranked<'a> {
    pub(super) themes: DocumentThemes,
    /// The document's leading candidates, scored, best first.
    pub(super) shares: Shares<'a>,
}
