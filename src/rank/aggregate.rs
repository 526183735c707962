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
        let mut tally = CorpusTally::new(options, self.stats());
        for ranked in &per_doc {
            tally.add_shares(&ranked.shares);
        }
        let mut shown = tally.shown();
        for place in shown.places() {
            if let Ok(d) = usize::try_from(place)
                && let (Some(ranked), Some(doc)) = (per_doc.get(d), self.docs.get(d))
            {
                shown.fill(place, &ranked.shares, doc);
            }
        }
        let corpus = shown.finish();
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
