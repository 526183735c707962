//! Single words as candidates: lexicon words, and the plain nouns that pass the rules.

use super::own_names::OwnNames;
use super::quoted::ends_in_putting_to_work;
use super::rules::{Reject, Rule, first_rejecting, is_place_name, name_kind};
use super::{Candidate, Finder};
use crate::document::{DocToken, Document};
use crate::segment::TokenKind;
use crate::stats::BackgroundIdf;
use crate::text::{Span, is_cn_numeral};
use crate::theme::Source;
use crate::vocab::Pos;
use rustc_hash::FxHashSet;

/// A token in its sentence, as the rules on single words read it.
pub(crate) struct Word<'d> {
    pub(crate) doc: &'d Document,
    pub(crate) background: &'d BackgroundIdf,
    pub(crate) toks: &'d [DocToken],
    pub(crate) i: usize,
}

impl<'d> Word<'d> {
    fn token(&self) -> &'d DocToken {
        &self.toks[self.i]
    }

    fn text(&self) -> &'d str {
        self.doc.text(self.token().norm)
    }
}

/// The rules every word must pass, lexicon words included.
/// A rule's test on a word.
type WordTest = for<'w, 'd> fn(&'w Word<'d>) -> bool;

const EVERY_WORD: &[Rule<WordTest>] = &[
    Rule {
        reject: Reject::StopWord,
        applies: |w| w.token().kind == TokenKind::StopWord,
    },
    Rule {
        reject: Reject::NotAWord,
        applies: |w| !matches!(w.token().kind, TokenKind::Word | TokenKind::StopWord),
    },
    // 1200余场: a measure after a number, not a thing.
    Rule {
        reject: Reject::AfterNumber,
        applies: |w| {
            w.i > 0 && w.toks[w.i - 1].kind == TokenKind::Number && w.text().starts_with('余')
        },
    },
];

/// The rules a plain word (no lexicon word) must pass too.
const PLAIN_WORD: &[Rule<WordTest>] = &[
    // 常态化, 实体化: a word made a manner by the suffix 化 says how, not what, be 化 a
    // token of its own or the end of the word.
    Rule {
        reject: Reject::Manner,
        applies: |w| {
            w.toks
                .get(w.i + 1)
                .is_some_and(|n| w.doc.text(n.norm) == "化")
                || is_manner_word(w.background, w.text())
        },
    },
    // 全面推行, 深入开展: how work is done, though jieba may tag it a noun.
    Rule {
        reject: Reject::PutToWork,
        applies: |w| ends_in_putting_to_work(w.text()),
    },
    // 一船, 两地: a numeral and a noun make a quantity, not a thing.
    Rule {
        reject: Reject::Quantity,
        applies: |w| {
            let mut chars = w.text().chars();
            chars.next().is_some_and(is_cn_numeral) && chars.count() <= 1
        },
    },
    Rule {
        reject: Reject::ProperName,
        applies: |w| {
            matches!(w.token().pos, Pos::PersonName | Pos::PlaceName)
                || is_place_name(w.background, w.text())
        },
    },
    Rule {
        reject: Reject::Body,
        applies: |w| name_kind(w.text()) == Some(Reject::Body),
    },
    Rule {
        reject: Reject::EventOrHonour,
        applies: |w| name_kind(w.text()) == Some(Reject::EventOrHonour),
    },
    // An organisation's name that is no body's (三合会) names what the work is on.
    Rule {
        reject: Reject::NotANoun,
        applies: |w| !(w.token().pos.is_nominal() || w.token().pos == Pos::Organization),
    },
    Rule {
        reject: Reject::SingleCharacter,
        applies: |w| w.text().chars().nth(1).is_none(),
    },
    Rule {
        reject: Reject::Generic,
        applies: |w| w.token().generic,
    },
    Rule {
        reject: Reject::Everyday,
        applies: |w| {
            w.background
                .get(w.text())
                .is_some_and(|v| v < w.background.everyday_below())
        },
    },
];

/// Why the word is no candidate on its own, if it is not: the rules every word must pass,
/// then, for a plain word (no lexicon word), the rules of plain words.
pub(crate) fn verdict(w: &Word<'_>, own: &OwnNames) -> Option<Reject> {
    first_rejecting(EVERY_WORD, |f| f(w))
        .or_else(|| own.names_itself(w.text()).then_some(Reject::OwnName))
        .or_else(|| {
            if w.token().category.is_some() {
                None
            } else {
                first_rejecting(PLAIN_WORD, |f| f(w))
            }
        })
}

/// Whether a word ends in the suffix 化 that makes a manner of what comes before (实体化,
/// 规范化), rather than in a word of its own that ends in 化 (校园文化, 形势变化): the last
/// two characters are no word of general Chinese.
fn is_manner_word(background: &BackgroundIdf, word: &str) -> bool {
    let Some(stem) = word.strip_suffix('化') else {
        return false;
    };
    let Some((last, _)) = stem.char_indices().next_back() else {
        return false;
    };
    last > 0 && background.get(&word[last..]).is_none()
}

impl Finder<'_, '_> {
    /// Adds the single words of sentence `si` that are candidates, lexicon words and plain
    /// terms, with their mentions.
    pub(super) fn terms(&mut self, si: usize, toks: &[DocToken], figurative: &FxHashSet<Span>) {
        let (seg, doc) = (self.cx.seg, self.cx.doc);
        let background = self.idfs.table();
        for (i, t) in toks.iter().enumerate() {
            let text = doc.text(t.norm);
            let word = Word {
                doc,
                background,
                toks,
                i,
            };
            let reject = verdict(&word, &self.own).or_else(|| {
                (!figurative.is_empty() && figurative.contains(&t.norm))
                    .then_some(Reject::InFigurativeQuote)
            });
            if let Some(r) = reject {
                if self.rec.is_some()
                    && !matches!(t.kind, TokenKind::Punctuation | TokenKind::Whitespace)
                {
                    self.reject(si, t.norm, r);
                }
                continue;
            }
            let entry = seg.lexicon().get(text);
            let canonical = entry.and_then(|e| e.canonical()).unwrap_or(text);
            let source = if t.category.is_some() {
                Source::Lexicon
            } else {
                Source::Term
            };
            let id = match self.out.known(canonical, source) {
                Some(id) => id,
                None => {
                    let idf_bg = self.idfs.word(canonical);
                    self.out.candidate(Candidate {
                        text: canonical,
                        chars: canonical.chars().count() as u32,
                        counts: self.cx.stats.term(canonical).copied(),
                        source,
                        category: t.category,
                        quoted: false,
                        idf_bg,
                    })
                }
            };
            self.out.push_token_mention(si, id, t, t);
            self.places
                .note(id, super::places::said_as_place(doc, toks, i, i + 1));
        }
    }
}
