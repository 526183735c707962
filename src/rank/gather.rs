//! Gathering a unit's candidates: each with its mentions, the fragments of longer themes
//! hidden in them.

use super::document::Ctx;
use crate::candidates::{CandidateId, DocCandidates};
use crate::document::Document;
use crate::theme::Source;
use crate::vocab::Category;

/// The least share of a longer theme's characters a fragment must have to be taken for a
/// variant of it (枫桥经验 of 海上枫桥经验) rather than a theme of its own (警情 of 警情分流).
const NEAR_DUPLICATE_SHARE: f64 = 0.6;

/// Longest span, in bytes, a lexicon word, quoted name or collocation can cover.
const MAX_CLAIM_BYTES: usize = 4 * crate::MAX_WORD_CHARS;

/// The candidates of one unit (a section, or the whole document), each with its mentions,
/// fragments hidden in the themes that contain them.
pub(super) struct Gathering {
    pub(super) gathered: Vec<Gathered>,
    /// The unit's mentions grouped by candidate; each candidate holds its range.
    pub(super) grouped: Vec<usize>,
}

/// Spans claimed by candidates, in order: `(start, end)` → claimant. A unit of a long
/// document claims hundreds of thousands of spans, so a claim is put in its place in
/// logarithmic time, not by moving the claims after it.
#[derive(Default)]
struct Claims(std::collections::BTreeMap<(usize, usize), usize>);

impl Claims {
    /// Claims `span` for `by` unless it is claimed already.
    fn insert(&mut self, span: (usize, usize), by: usize) {
        self.0.entry(span).or_insert(by);
    }

    /// The claims from `from` to `to`, both included, in order.
    fn range(
        &self,
        from: (usize, usize),
        to: (usize, usize),
    ) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        // An empty range (`from` after `to`) holds no claims; `BTreeMap::range` would panic.
        let bounds = (from <= to).then_some(from..=to);
        bounds
            .into_iter()
            .flat_map(|r| self.0.range(r))
            .map(|(&(s, e), &by)| (s, e, by))
    }
}

/// A candidate gathered for one unit.
pub(super) struct Gathered {
    pub(super) candidate: CandidateId,
    /// Its own mentions: a range of the unit's list of mentions grouped by candidate.
    pub(super) own: std::ops::Range<usize>,
    /// Mentions of its variants and fragments that count for it.
    pub(super) absorbed: Vec<usize>,
    pub(super) subsumes: Vec<CandidateId>,
    pub(super) hidden: bool,
    pub(super) category: Option<Category>,
}

/// What scoring the units of a document needs of its candidates, worked out once: their
/// order, longest first, and for each name-like candidate (lexicon word, quoted name,
/// collocation) the candidates whose text is a piece of its text of at least
/// [`NEAR_DUPLICATE_SHARE`] of its length: the variants it absorbs where both are mentioned.
pub(super) struct CandidateOrder {
    /// `(start, end)` in `of` for each candidate.
    ranges: Vec<(u32, u32)>,
    of: Vec<CandidateId>,
    /// Each candidate's place in the order of the candidates, longest first, then in the
    /// order of their texts.
    rank: Vec<u32>,
}

/// A place for each of a document's candidates, shared by its units one after another:
/// where the candidate stands in the unit's list, or `u32::MAX` when the unit does not
/// mention it. A unit touches only the places of its own candidates and clears them after,
/// so it costs time in proportion to its mentions, not to the document's candidates (a
/// yearbook has thousands of sections and a hundred thousand candidates).
pub(super) struct Slots(Vec<u32>);

impl Slots {
    pub(super) fn new(cands: &DocCandidates<'_>) -> Slots {
        Slots(vec![u32::MAX; cands.candidates.len()])
    }
}

impl CandidateOrder {
    pub(super) fn find(cands: &DocCandidates<'_>) -> CandidateOrder {
        let mut by_length: Vec<CandidateId> = cands.ids().collect();
        by_length.sort_by(|&a, &b| {
            let (ca, cb) = (&cands[a], &cands[b]);
            cb.chars.cmp(&ca.chars).then_with(|| ca.text.cmp(cb.text))
        });
        let mut rank = vec![0; by_length.len()];
        for (k, c) in by_length.iter().enumerate() {
            rank[c.index()] = k as u32;
        }
        let mut out = CandidateOrder {
            ranges: Vec::with_capacity(cands.candidates.len()),
            of: Vec::new(),
            rank,
        };
        let mut bounds: Vec<usize> = Vec::new();
        for c in &cands.candidates {
            let start = out.of.len() as u32;
            if c.source != Source::Term {
                let text = c.text;
                bounds.clear();
                bounds.extend(text.char_indices().map(|(k, _)| k).chain([text.len()]));
                let n = bounds.len() - 1;
                let min = ((n as f64) * NEAR_DUPLICATE_SHARE).ceil() as usize;
                for a in 0..n {
                    for b in a + min.max(1)..=n {
                        if b - a == n {
                            continue;
                        }
                        if let Some(j) = cands.by_text(&text[bounds[a]..bounds[b]]) {
                            out.of.push(j);
                        }
                    }
                }
            }
            out.ranges.push((start, out.of.len() as u32));
        }
        out
    }

    fn fragments_of(&self, candidate: CandidateId) -> &[CandidateId] {
        match self.ranges.get(candidate.index()) {
            Some(&(a, b)) => &self.of[a as usize..b as usize],
            None => &[],
        }
    }
}

/// Appends a candidate's mentions to `out`, its own and those it absorbed, in the order of
/// the text. The two never share a mention: each mention is of one candidate, and a hidden
/// candidate hands its own mentions to one other.
pub(super) fn push_mentions(out: &mut Vec<usize>, own: &[usize], absorbed: &[usize]) {
    let start = out.len();
    out.extend(own);
    if !absorbed.is_empty() {
        out.extend(absorbed);
        out[start..].sort_unstable();
    }
}

impl Ctx<'_, '_> {
    /// Gathers the candidates mentioned by `mentions` (one unit's, or the whole document's,
    /// in order) and hides the fragments of longer themes.
    pub(super) fn gather(
        &self,
        doc: &Document,
        cands: &DocCandidates<'_>,
        order: &CandidateOrder,
        slots: &mut Slots,
        mentions: &[usize],
    ) -> Gathering {
        // The candidates mentioned, longest first (so that a theme has claimed its mentions
        // before its fragments look), each with its mentions in order: one list grouped by
        // candidate (a counting sort), each candidate holding its range of it.
        let slot = &mut slots.0;
        let mut present: Vec<(CandidateId, usize)> = Vec::new();
        for &i in mentions {
            let c = cands.mentions[i].candidate;
            let k = match slot[c.index()] {
                u32::MAX => {
                    slot[c.index()] = present.len() as u32;
                    present.push((c, 0));
                    present.len() - 1
                }
                k => k as usize,
            };
            present[k].1 += 1;
        }
        present.sort_unstable_by_key(|&(c, _)| order.rank[c.index()]);
        let mut gathered: Vec<Gathered> = Vec::with_capacity(present.len());
        let mut at = 0;
        for &(c, n) in &present {
            slot[c.index()] = gathered.len() as u32;
            gathered.push(Gathered {
                candidate: c,
                own: at..at,
                absorbed: Vec::new(),
                subsumes: Vec::new(),
                hidden: false,
                category: cands[c].category,
            });
            at += n;
        }
        let mut grouped: Vec<usize> = vec![0; mentions.len()];
        for &i in mentions {
            let g = &mut gathered[slot[cands.mentions[i].candidate.index()] as usize];
            grouped[g.own.end] = i;
            g.own.end += 1;
        }
        self.subsume(doc, cands, order, slot, &mut grouped, &mut gathered);
        for &(c, _) in &present {
            slot[c.index()] = u32::MAX;
        }
        Gathering { gathered, grouped }
    }

    /// Hides fragments: a mention inside a longer theme's mention is the same mention; a
    /// name-like fragment (lexicon word, quoted name, collocation) of a longer theme in the
    /// same unit is a near-duplicate, and its other mentions count for the longer theme.
    ///
    /// `gathered` is sorted longest first, `slot` gives each candidate's place in it, and
    /// `grouped` holds the mentions of each. Work is linear in the number of mentions: a
    /// claimant is short (a lexicon word, quoted name or collocation has at most
    /// [`MAX_CLAIM_BYTES`]), so only claims starting shortly before a mention can contain it.
    fn subsume(
        &self,
        doc: &Document,
        cands: &DocCandidates<'_>,
        order: &CandidateOrder,
        slot: &[u32],
        grouped: &mut [usize],
        gathered: &mut [Gathered],
    ) {
        let mut container: Vec<Option<usize>> = vec![None; gathered.len()];
        // Spans claimed by kept, name-like candidates: (start, end) → claimant.
        let mut claimed = Claims::default();
        for i in 0..gathered.len() {
            let cid = gathered[i].candidate;
            let c = &cands[cid];
            let name_like = c.source != Source::Term;
            // Its mentions not inside a claimed span, moved to the front of its range.
            let range = gathered[i].own.clone();
            let mut kept = range.start;
            let mut owner: Option<usize> = None;
            for k in range {
                let m = grouped[k];
                let span = cands.mentions[m].norm;
                let from = (span.end.saturating_sub(MAX_CLAIM_BYTES), 0);
                let by = claimed
                    .range(from, (span.start, usize::MAX))
                    .find(|&(s, e, _)| e >= span.end && (s, e) != (span.start, span.end))
                    .map(|(_, _, by)| by);
                match by {
                    Some(by) => owner = owner.or(Some(by)),
                    None => {
                        grouped[kept] = m;
                        kept += 1;
                    }
                }
            }
            let own = gathered[i].own.start..kept;
            // A variant is absorbed only when each of its mentions reads as its own text: an
            // abbreviation's mention (反诈 of 电信网络诈骗) is not a variant of the longer theme.
            let verbatim = || {
                grouped[own.clone()]
                    .iter()
                    .all(|&m| doc.text(cands.mentions[m].norm) == c.text)
            };
            let near = if name_like && container[i].is_some() && verbatim() {
                container[i]
            } else {
                None
            };
            if own.is_empty() || near.is_some() {
                gathered[i].hidden = true;
                if let Some(j) = near.or(owner) {
                    let cat = gathered[i].category;
                    // The absorbed mentions are the longer theme's now: their fragments are
                    // the same mention too.
                    for &m in &grouped[own.clone()] {
                        let span = cands.mentions[m].norm;
                        claimed.insert((span.start, span.end), j);
                    }
                    let g = &mut gathered[j];
                    g.absorbed.extend(grouped[own].iter().copied());
                    g.subsumes.push(cid);
                    g.category = g.category.or(cat);
                }
                continue;
            }
            gathered[i].own = own.clone();
            if name_like {
                for &m in &grouped[own] {
                    let span = cands.mentions[m].norm;
                    claimed.insert((span.start, span.end), i);
                }
                // Its name-like fragments of at least NEAR_DUPLICATE_SHARE of its length are
                // variants of it.
                for &f in order.fragments_of(cid) {
                    let j = slot[f.index()];
                    if j != u32::MAX && (j as usize) > i && container[j as usize].is_none() {
                        container[j as usize] = Some(i);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_keeps_its_first_claimant() {
        let mut c = Claims::default();
        c.insert((10, 16), 1);
        c.insert((4, 12), 2);
        c.insert((10, 16), 3);
        c.insert((10, 13), 4);
        let all: Vec<_> = c.range((0, 0), (usize::MAX, usize::MAX)).collect();
        assert_eq!(all, vec![(4, 12, 2), (10, 13, 4), (10, 16, 1)]);
    }

    #[test]
    fn claims_in_a_range_include_both_ends() {
        let mut c = Claims::default();
        for (k, span) in [(0, 3), (3, 9), (3, 12), (6, 9), (9, 12)]
            .into_iter()
            .enumerate()
        {
            c.insert(span, k);
        }
        let starts = |from, to| -> Vec<(usize, usize)> {
            c.range(from, to).map(|(s, e, _)| (s, e)).collect()
        };
        assert_eq!(
            starts((3, 0), (6, usize::MAX)),
            vec![(3, 9), (3, 12), (6, 9)]
        );
        assert_eq!(starts((3, 12), (3, 12)), vec![(3, 12)]);
        assert_eq!(
            starts((10, 0), (9, usize::MAX)),
            Vec::<(usize, usize)>::new()
        );
    }
}
