//! Scoring a unit's candidates: `score = (1 + ln tf) × idf × boost`.

use super::document::Ctx;
use super::gather::{Gathering, push_mentions};
use crate::candidates::{CandidateId, DocCandidates};
use crate::document::Document;
use crate::report::BlockKind;
use crate::stats::Level;
use crate::theme::Source;
use crate::vocab::Category;

/// The best candidates of a unit, scored, best first, and their mentions.
pub(super) struct Scores {
    pub(super) list: Vec<Scored>,
    /// The mentions of each candidate of the list, one after another.
    pub(super) mentions: Vec<usize>,
    /// The candidates left out for being mentioned in headings only: (candidate, its first
    /// mention).
    pub(super) heading_only: Vec<(CandidateId, usize)>,
}

/// A candidate scored in one unit, before its evidence is gathered.
pub(super) struct Scored {
    pub(super) candidate: CandidateId,
    /// Its mentions, its own and absorbed, in order: a range of [`Scores::mentions`].
    pub(super) mentions: std::ops::Range<usize>,
    pub(super) weighted_tf: f64,
    pub(super) df: u64,
    pub(super) idf: f64,
    pub(super) boost: f64,
    pub(super) score: f64,
    /// The candidates it absorbed as variants of itself, in the order it met them.
    pub(super) subsumes: Vec<CandidateId>,
    pub(super) category: Option<Category>,
}

impl Ctx<'_, '_> {
    /// Scores the candidates of a unit gathered by [`Ctx::gather`], best first; returns the
    /// `keep` best.
    pub(super) fn score(
        &self,
        doc: &Document,
        cands: &DocCandidates<'_>,
        unit: &Gathering,
        level: Level,
        keep: usize,
    ) -> Scores {
        let Gathering { gathered, grouped } = unit;

        let block = |i: usize| doc.sentences[cands.mentions[i].sentence.index()].block;
        let weight = |i: usize| match block(i) {
            BlockKind::Heading | BlockKind::Title => self.options.heading_weight,
            _ => 1.0,
        };
        let in_body = |i: usize| doc.sentences[cands.mentions[i].sentence.index()].is_body();
        let in_title = |i: usize| block(i) == BlockKind::Title;
        let in_numbered_heading = |i: usize| {
            let s = &doc.sentences[cands.mentions[i].sentence.index()];
            matches!(s.block, BlockKind::Heading) && s.is_body()
        };
        // Scores, without the mention lists and variants: only the best are kept.
        let mut scored: Vec<(usize, Scored)> = Vec::with_capacity(gathered.len());
        let mut all: Vec<usize> = Vec::new();
        let mut heading_only = Vec::new();
        for (k, g) in gathered.iter().enumerate().filter(|(_, g)| !g.hidden) {
            let c = &cands[g.candidate];
            let own = &grouped[g.own.clone()];
            let plain = c.source == Source::Term && g.category.is_none();
            // The body states the work; so does the title, of a name it gives (a lexicon
            // word, quoted name or collocation): a report is about what its title names.
            let stated = |i: usize| in_body(i) || (!plain && in_title(i));
            if !own.iter().chain(&g.absorbed).any(|&i| stated(i)) {
                if let Some(&first) = own.first() {
                    heading_only.push((g.candidate, first));
                }
                continue;
            }
            // Summed in the order of the text.
            // A newspaper's headings are slogans: a plain word in one is no more than a
            // mention (守护市民钱包); a name in one (a lexicon word, a quoted name, a
            // collocation) or a numbered heading of an official document states the work.
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
                self.options.single_mention_boost * self.options.plain_word_boost
            } else if c.source == Source::Term {
                self.options.plain_word_boost
            } else {
                1.0
            };
            // Never below 0: a mention weighed under 1/e (a heading weight set near 0) makes
            // a theme worth nothing, not less than nothing.
            let score = (1.0 + weighted_tf.ln()).max(0.0) * idf * boost;
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
            b.score
                .total_cmp(&a.score)
                .then_with(|| cands[a.candidate].text.cmp(cands[b.candidate].text))
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
        Scores {
            list,
            mentions,
            heading_only,
        }
    }
}
