//! Ranking one document: its candidates found, then each section and the whole scored.

use super::aggregate::Ranked;
use super::engine::Engine;
use super::evidence::Shares;
use super::explain;
use super::gather::{CandidateOrder, Gathering, Slots};
use super::options::{Explain, RankOptions};
use crate::candidates::{self, Collocations, Rejections};
use crate::document::Document;
use crate::stats::{CorpusStats, Level, WordIdfs};
use crate::theme::{DocumentThemes, SectionThemes};

/// What ranking a document needs: the engine (whose lexicon candidates may borrow from, for
/// as long as the engine lives) and the corpus's statistics, options and collocations.
pub(super) struct Ctx<'e, 'a> {
    pub(super) engine: &'e Engine,
    pub(super) stats: &'a CorpusStats,
    pub(super) options: &'a RankOptions,
    pub(super) colloc: &'a Collocations,
}

impl<'e> Ctx<'e, '_> {
    pub(super) fn rank_document<'d>(&self, doc: &'d Document, idfs: &mut WordIdfs<'d>) -> Ranked<'d>
    where
        'e: 'd,
    {
        let cx = candidates::Context {
            seg: self.engine.segmenter(),
            stats: self.stats,
            doc,
            colloc: self.colloc,
        };
        let mut rejections = Rejections::default();
        let explain = self.options.explain == Explain::Rejections;
        let record = explain.then_some(&mut rejections);
        let cands = candidates::find(&cx, idfs, record);
        let order = CandidateOrder::find(&cands);
        let mut slots = Slots::new(&cands);
        // The mentions of each unit, in one pass.
        let mut per_unit: Vec<Vec<usize>> = vec![Vec::new(); doc.units.len()];
        for (i, m) in cands.mentions.iter().enumerate() {
            if let Some(u) = doc.sentences[m.sentence.index()].unit.index()
                && let Some(list) = per_unit.get_mut(u)
            {
                list.push(i);
            }
        }
        let rejected = explain::per_unit(doc, &rejections);
        let top = self.options.top;
        let max_evidence = self.options.max_evidence;
        // A unit that holds every mention (the only section, or a document without sections)
        // is gathered once for both levels.
        let mut whole: Option<Gathering> = None;
        let sections = doc
            .units
            .iter()
            .enumerate()
            .zip(&per_unit)
            .map(|((k, u), mentions)| {
                let unit = self.gather(doc, &cands, &order, &mut slots, mentions);
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
                    rejections: explain::rejections_in(
                        doc,
                        &rejections,
                        rejected.get(k).map(Vec::as_slice),
                        &cands,
                        if explain { &scored.heading_only } else { &[] },
                    ),
                }
            })
            .collect();
        let whole = whole.unwrap_or_else(|| {
            let everything: Vec<usize> = (0..cands.mentions.len()).collect();
            self.gather(doc, &cands, &order, &mut slots, &everything)
        });
        // The corpus adds up each document's leading themes; the tail of a document's list
        // weighs nothing there.
        let all = self.score(
            doc,
            &cands,
            &whole,
            Level::Document,
            self.options.corpus_share(),
        );
        let shares = Shares::of(&cands, &all, max_evidence);
        let themes = shares.themes(doc, top, max_evidence);
        Ranked {
            themes: DocumentThemes {
                path: doc.id.clone(),
                title: doc.title.clone(),
                sections,
                themes,
                rejections: explain::rejections_in(
                    doc,
                    &rejections,
                    None,
                    &cands,
                    if explain { &all.heading_only } else { &[] },
                ),
            },
            shares,
        }
    }
}
