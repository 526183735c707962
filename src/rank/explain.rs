//! What a ranking records, when asked, of the words it kept out.

use crate::candidates::Rejections;
use crate::document::Document;
use crate::text::Span;
use crate::theme::Rejection;
use rustc_hash::FxHashMap;

/// The rejections of unit `unit` of `doc` (of the whole document for `None`), one entry
/// for each word and rule, in the order of their first mention.
pub(super) fn rejections_in(
    doc: &Document,
    all: &Rejections,
    unit: Option<usize>,
) -> Vec<Rejection> {
    let mut out: Vec<Rejection> = Vec::new();
    let mut at: FxHashMap<(&str, crate::candidates::Reject), usize> = FxHashMap::default();
    let mut list: Vec<_> = all
        .list
        .iter()
        .filter(|(s, _, _)| unit.is_none() || doc.sentences[s.index()].unit.index() == unit)
        .collect();
    list.sort_by_key(|(s, span, r)| (span.start, span.end, *s, *r));
    for &&(s, span, rule) in &list {
        let text = doc.text(span);
        match at.get(&(text, rule)) {
            Some(&k) => out[k].mentions += 1,
            None => {
                at.insert((text, rule), out.len());
                out.push(Rejection {
                    text: text.to_string(),
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
