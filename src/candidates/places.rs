//! Places where the work is done (在老外滩…, 园区周边): plain words and runs said mostly as
//! places are no themes, nor are the words inside them.

use super::rules::Reject;
use super::{Candidate, CandidateId, DocCandidates, Rejections};
use crate::document::{DocToken, Document};
use crate::segment::TokenKind;
use crate::text::Span;
use crate::theme::Source;
use crate::vocab::cues;

/// How many words after the candidate a frame word may come and still close its 在….
const FRAME_REACH: usize = 8;

/// Whether the words around `toks[a..b]` say it as a place where work is done: before 周边,
/// or after 在 when no frame word closes the 在… before the clause ends (在…中 is the frame
/// of an activity).
pub(crate) fn said_as_place(doc: &Document, toks: &[DocToken], a: usize, b: usize) -> bool {
    let cues = cues();
    let word = |t: &DocToken| doc.text(t.norm);
    let after = toks.get(b..).unwrap_or_default();
    if after
        .first()
        .is_some_and(|t| cues.place_after.contains(&word(t)))
    {
        return true;
    }
    let before = a.checked_sub(1).and_then(|i| toks.get(i));
    if !before.is_some_and(|t| cues.place_before.contains(&word(t))) {
        return false;
    }
    let framed = after
        .iter()
        .take_while(|t| t.kind != TokenKind::Punctuation)
        .take(FRAME_REACH)
        .any(|t| cues.frame_after.contains(&word(t)));
    !framed
}

/// How many times a candidate must be said as a place, and more often than not, to be
/// taken for one.
const MIN_PLACE_MENTIONS: u32 = 2;

/// How often each plain candidate (a word or a run of words, unmarked) is said as a place.
#[derive(Default)]
pub(crate) struct Places {
    /// `(mentions, mentions said as a place)` by candidate.
    said: Vec<(u32, u32)>,
}

impl Places {
    pub(crate) fn note(&mut self, candidate: CandidateId, as_place: bool) {
        let c = candidate.index();
        if self.said.len() <= c {
            self.said.resize(c + 1, (0, 0));
        }
        self.said[c].0 += 1;
        self.said[c].1 += u32::from(as_place);
    }

    /// Takes out the mentions of the plain candidates said mostly as places (老外滩, 园区:
    /// where the work is done, not what it is), and of the plain candidates inside them
    /// (外滩 of 老外滩).
    pub(crate) fn drop_mentions(
        &self,
        out: &mut DocCandidates<'_>,
        rec: &mut Option<&mut Rejections>,
    ) {
        let plain = |c: &Candidate<'_>| {
            c.category.is_none()
                && !c.quoted
                && matches!(c.source, Source::Term | Source::Collocation)
        };
        let place: Vec<bool> = out
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (n, p) = self.said.get(i).copied().unwrap_or_default();
                plain(c) && p >= MIN_PLACE_MENTIONS && 2 * p > n
            })
            .collect();
        if !place.contains(&true) {
            return;
        }
        // The places' spans by start, each with the furthest end of those up to it: a span
        // lies inside one of them when the furthest end before its start reaches its end.
        let mut spans: Vec<Span> = out
            .mentions
            .iter()
            .filter(|m| place[m.candidate.index()])
            .map(|m| m.norm)
            .collect();
        spans.sort_unstable_by_key(|s| s.start);
        let reach: Vec<usize> = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        let inside = |span: Span| {
            let k = spans.partition_point(|s| s.start <= span.start);
            k > 0 && reach[k - 1] >= span.end
        };
        let candidates = &out.candidates;
        out.mentions.retain(|m| {
            let c = m.candidate.index();
            let dropped = place[c] || (plain(&candidates[c]) && inside(m.norm));
            if dropped && let Some(r) = rec.as_deref_mut() {
                r.push(m.sentence.index(), m.norm, Reject::Place);
            }
            !dropped
        });
    }
}
