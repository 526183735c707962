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
    /// Spans of names that are no themes (a body's, an event's), with the reason: the plain
    /// words inside them go with them.
    excluded: Vec<(Span, Reject)>,
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

    /// Notes a name that is no theme for `reject` (新闻发布会, 综合执法局): the plain words
    /// inside it are none either.
    pub(crate) fn exclude(&mut self, span: Span, reject: Reject) {
        self.excluded.push((span, reject));
    }

    /// Takes out the mentions of the plain candidates said mostly as places (老外滩, 园区:
    /// where the work is done, not what it is), and of the plain candidates inside them
    /// (外滩 of 老外滩) or inside a name excluded (新闻 of 新闻发布会).
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
        if !place.contains(&true) && self.excluded.is_empty() {
            return;
        }
        // The spans by start, each with the furthest end of those up to it: a span lies
        // inside one of them when the furthest end before its start reaches its end.
        let mut spans: Vec<(Span, Reject)> = out
            .mentions
            .iter()
            .filter(|m| place[m.candidate.index()])
            .map(|m| (m.norm, Reject::Place))
            .chain(self.excluded.iter().copied())
            .collect();
        spans.sort_unstable_by_key(|s| (s.0.start, s.0.end, s.1));
        let reach: Vec<(usize, Reject)> = spans
            .iter()
            .scan((0, Reject::Place), |end, s| {
                if s.0.end >= end.0 {
                    *end = (s.0.end, s.1);
                }
                Some(*end)
            })
            .collect();
        // The reason of the span that reaches furthest, of those starting at or before it.
        let inside = |span: Span| {
            let k = spans.partition_point(|s| s.0.start <= span.start);
            (k > 0 && reach[k - 1].0 >= span.end).then(|| reach[k - 1].1)
        };
        let candidates = &out.candidates;
        out.mentions.retain(|m| {
            let c = m.candidate.index();
            let dropped = if place[c] {
                Some(Reject::Place)
            } else if plain(&candidates[c]) {
                inside(m.norm)
            } else {
                None
            };
            if let Some(reason) = dropped
                && let Some(r) = rec.as_deref_mut()
            {
                r.push(m.sentence.index(), m.norm, reason);
            }
            dropped.is_none()
        });
    }
}
