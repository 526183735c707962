//! Runs of words that could name a theme together (护航亚运, 矛盾纠纷化解): which tokens
//! can be in one, and which runs have the shape of a theme.

use super::rules::Reject;
use crate::document::{DocToken, Document};
use crate::segment::{Segmenter, TokenKind};
use crate::text::Span;
use crate::vocab::Pos;

/// Longest run of words a collocation may have.
pub(crate) const MAX_NGRAM: usize = 4;
/// Longest collocation, in characters.
pub(crate) const MAX_NGRAM_CHARS: usize = 12;

/// Whether a token can be part of a run of words that names a theme.
pub(crate) fn is_phrase_token(t: &DocToken) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    if t.category.is_some() {
        return true;
    }
    matches!(
        t.pos,
        Pos::Noun
            | Pos::ProperNoun
            | Pos::VerbalNoun
            | Pos::Abbreviation
            | Pos::Verb
            | Pos::Adjective
            | Pos::Locative
            | Pos::PlaceName
            | Pos::Organization
            | Pos::Other
    )
}

/// Whether a token names a thing (the head of a theme).
pub(crate) fn is_nominal(t: &DocToken) -> bool {
    t.category.is_some() || t.pos.is_nominal()
}

/// Why a run of tokens does not have the shape of a theme, if it does not: a theme ends in
/// a noun, has a content noun that is not general vocabulary, and is not a known word with
/// a general word glued on (电信网络诈骗 + 案件); verbs before a lexicon theme are the work
/// done on it.
pub(crate) fn shape_verdict(seg: &Segmenter, doc: &Document, run: &[DocToken]) -> Option<Reject> {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return Some(Reject::RunShape);
    };
    // A theme is a noun phrase (护航亚运, 旅游市场秩序), or a noun phrase with the work done
    // on it (港区治安联防, 矛盾纠纷化解).
    let verb_final = matches!(last.pos, Pos::Verb | Pos::VerbalNoun) && is_nominal(first);
    if !is_nominal(last) && !verb_final {
        return Some(Reject::RunShape);
    }
    // A verb before a thing is at work on it: the run is the work done (打击治理电信网络诈骗,
    // 查获走私案件, 渠道非法运输烟花爆竹), not a thing, and the theme is what the work is
    // done on. A verb before another action names a kind of that action (预防教育, 打击整治).
    if run.windows(2).any(|w| {
        let (verb, next) = (&w[0], &w[1]);
        verb.pos == Pos::Verb
            && verb.category.is_none()
            && (next.category.is_some() || !matches!(next.pos, Pos::Verb | Pos::VerbalNoun))
    }) {
        return Some(Reject::WorkOnATheme);
    }
    // The tokens of a run are adjacent, so its text is one slice of the document's text.
    let joined = doc.text(Span::new(first.norm.start, last.norm.end));
    // At most four bytes a character: most runs are ruled in or out by their length.
    if joined.len() < 3 || joined.len() > 4 * MAX_NGRAM_CHARS {
        return Some(Reject::RunShape);
    }
    let chars = joined.chars().count();
    if !(3..=MAX_NGRAM_CHARS).contains(&chars) {
        return Some(Reject::RunShape);
    }
    if seg.is_generic_or_stop(joined) {
        return Some(Reject::Generic);
    }
    let n = run.len();
    let mut generic = [false; MAX_NGRAM];
    for (g, t) in generic.iter_mut().zip(run) {
        *g = t.generic;
    }
    if !run.iter().zip(generic).any(|(t, g)| is_nominal(t) && !g) {
        return Some(Reject::RunShape);
    }
    if 2 * generic.iter().filter(|&&g| g).count() > n {
        return Some(Reject::RunShape);
    }
    let known = |t: &DocToken| t.category.is_some();
    if n == 2 && ((generic[0] && known(&run[1])) || (known(&run[0]) && generic[1])) {
        return Some(Reject::RunShape);
    }
    None
}

/// Whether the run `g`, followed by `next`, ends in a verb at work on what follows it
/// (增长极创造 of 增长极创造良好环境) rather than in the work done on the run's noun
/// (矛盾纠纷化解, 信访积案化解专班): an adjective or a set phrase after a verb opens its
/// object (创造良好条件, 创造良好环境/l). A number after it may count what was done
/// (矛盾纠纷化解1200起), so it does not.
pub(crate) fn takes_an_object(g: &[DocToken], next: Option<&DocToken>) -> bool {
    g.last().is_some_and(|t| t.pos == Pos::Verb)
        && next.is_some_and(|t| matches!(t.pos, Pos::Adjective | Pos::Idiom))
}

/// Maximal runs of adjacent phrase tokens, each with the index of its first token.
pub(crate) fn phrase_runs(toks: &[DocToken]) -> impl Iterator<Item = (usize, &[DocToken])> {
    // Each token that is no phrase token separates two runs (either may be empty).
    let mut at = 0;
    toks.split(|t| !is_phrase_token(t))
        .map(move |run| {
            let first = at;
            at += run.len() + 1;
            (first, run)
        })
        .filter(|(_, run)| run.len() >= 2)
}

/// Every run of two to [`MAX_NGRAM`] words inside the maximal runs of a sentence's tokens,
/// as `(index of its first token, its tokens)`, in order.
pub(crate) fn ngrams(toks: &[DocToken]) -> impl Iterator<Item = (usize, &[DocToken])> {
    phrase_runs(toks).flat_map(|(offset, run)| {
        (0..run.len()).flat_map(move |i| {
            (2..=MAX_NGRAM.min(run.len() - i)).map(move |n| (offset + i, &run[i..i + n]))
        })
    })
}

/// A run of words: its text (its words are adjacent) and where its words meet, in bytes
/// from its start (a run has at most [`MAX_NGRAM_CHARS`] characters, so they fit a byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RunKey<'d> {
    text: &'d str,
    cuts: [u8; MAX_NGRAM - 1],
}

impl<'d> RunKey<'d> {
    /// The key of the run `g` of `doc`'s tokens.
    pub(crate) fn of(doc: &'d Document, g: &[DocToken]) -> RunKey<'d> {
        let (Some(first), Some(last)) = (g.first(), g.last()) else {
            return RunKey {
                text: "",
                cuts: [0; MAX_NGRAM - 1],
            };
        };
        let start = first.norm.start;
        let mut cuts = [0u8; MAX_NGRAM - 1];
        for (c, t) in cuts.iter_mut().zip(&g[1..]) {
            // A run of a shape to count has at most MAX_NGRAM_CHARS characters.
            *c = u8::try_from(t.norm.start - start).unwrap_or(u8::MAX);
        }
        RunKey {
            text: doc.text(Span::new(start, last.norm.end)),
            cuts,
        }
    }

    /// Writes the run's key in the corpus statistics (its words joined by the separator)
    /// into `key`.
    pub(crate) fn write_key(&self, key: &mut String) {
        key.clear();
        let mut at = 0;
        for &cut in self.cuts.iter().take_while(|&&c| c != 0) {
            let cut = usize::from(cut);
            key.push_str(self.text.get(at..cut).unwrap_or_default());
            key.push(crate::stats::NGRAM_SEP);
            at = cut;
        }
        key.push_str(self.text.get(at..).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::ngram_key;

    #[test]
    fn phrase_runs_know_where_they_start() {
        let seg = Segmenter::new();
        let doc = Document::analyze(
            &seg,
            "t",
            "甲公安：\n\n严打电信网络诈骗犯罪，守护群众钱包。推进港区治安联防，在老外滩巡逻。\n",
        );
        let mut runs = 0;
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            for (first, run) in phrase_runs(toks) {
                assert!(std::ptr::eq(run, &toks[first..first + run.len()]));
                runs += 1;
            }
            for (first, g) in ngrams(toks) {
                assert!(std::ptr::eq(g, &toks[first..first + g.len()]));
                assert!((2..=MAX_NGRAM).contains(&g.len()));
            }
        }
        assert!(runs >= 2, "{runs} runs");
    }

    #[test]
    fn a_run_key_is_its_words_joined() {
        let text = "电信网络诈骗案件";
        // 电信 | 网络 | 诈骗 | 案件
        let key = RunKey {
            text,
            cuts: [6, 12, 18],
        };
        let mut out = String::new();
        key.write_key(&mut out);
        assert_eq!(out, ngram_key(["电信", "网络", "诈骗", "案件"]));
        let two = RunKey {
            text: &text[..12],
            cuts: [6, 0, 0],
        };
        two.write_key(&mut out);
        assert_eq!(out, ngram_key(["电信", "网络"]));
    }
}
