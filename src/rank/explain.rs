//! What a ranking records, when asked, of the words it kept out.

use crate::candidates::{CandidateId, DocCandidates, Reject, Rejections, SentenceId};
use crate::document::Document;
use crate::text::Span;
use crate::theme::Rejection;
use rustc_hash::FxHashMap;

/// The rejections of each unit of `doc`, in one pass: their places in `all.list`.
pub(super) fn per_unit(doc: &Document, all: &Rejections) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); doc.units.len()];
    for (k, (s, _, _)) in all.list.iter().enumerate() {
        if let Some(list) = doc.sentences[s.index()]
            .unit
            .index()
            .and_then(|u| out.get_mut(u))
        {
            list.push(k);
        }
    }
    out
}

/// The rejections of a unit of `doc` (`in_unit`, its places in `all.list`, from
/// [`per_unit`]), or of the whole document (`None`), one entry for each word and rule, in
/// the order of their first mention. `heading_only` are the candidates the unit's scoring
/// left out for being mentioned in headings only, each with its first mention.
pub(super) fn rejections_in(
    doc: &Document,
    all: &Rejections,
    in_unit: Option<&[usize]>,
    cands: &DocCandidates<'_>,
    heading_only: &[(CandidateId, usize)],
) -> Vec<Rejection> {
    let mut out: Vec<Rejection> = Vec::new();
    if all.list.is_empty() && heading_only.is_empty() {
        return out;
    }
    let headings: Vec<(SentenceId, Span, Reject)> = heading_only
        .iter()
        .filter_map(|&(_, m)| cands.mentions.get(m))
        .map(|m| (m.sentence, m.norm, Reject::HeadingOnly))
        .collect();
    let mut list: Vec<&(SentenceId, Span, Reject)> = match in_unit {
        Some(places) => places.iter().filter_map(|&k| all.list.get(k)).collect(),
        None => all.list.iter().collect(),
    };
    list.extend(&headings);
    list.sort_by_key(|(s, span, r)| (span.start, span.end, *s, *r));
    let mut at: FxHashMap<(&str, Reject), usize> = FxHashMap::default();
    for &&(s, span, rule) in &list {
        let text = doc.text(span);
        match at.get(&(text, rule)) {
            Some(&k) => out[k].mentions += 1,
            None => {
                at.insert((text, rule), out.len());
                out.push(Rejection {
                    text: doc.shown(span).to_string(),
                    rule,
                    mentions: 1,
                    span: original(doc, s.index(), span),
                });
            }
        }
    }
    out
}

/// The span of the original input that `norm`, a span of sentence `si`'s derived text,
/// came from: from the start of the token holding its start to the end of the token
/// holding its end.
fn original(doc: &Document, si: usize, norm: Span) -> Span {
    let toks = doc.sentence_tokens(&doc.sentences[si]);
    let a = toks.partition_point(|t| t.norm.end <= norm.start);
    let b = toks.partition_point(|t| t.norm.end < norm.end);
    match (toks.get(a), toks.get(b)) {
        (Some(a), Some(b)) => Span::new(a.orig.start, b.orig.end.max(a.orig.start)),
        _ => doc.sentences[si].orig,
    }
}
