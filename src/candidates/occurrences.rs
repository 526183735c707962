//! Every occurrence of a set of texts in a document, in one pass.

use crate::document::Document;
use crate::text::Span;

/// Up to this many bytes read in all (names times the document's length), a document is
/// searched name by name.
const NAME_BY_NAME_BYTES: usize = 1 << 20;

/// Every occurrence of each of `names` in the document's sentences, as `(name index,
/// sentence, span)`, in the order of the text (by start, then by name).
pub(crate) fn occurrences<'n>(
    doc: &Document,
    names: impl Iterator<Item = &'n str>,
) -> Vec<(usize, usize, Span)> {
    let names: Vec<&str> = names.collect();
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    // The whole text is searched at once; an occurrence belongs to the sentence it starts
    // in, and one that runs past that sentence's end is none.
    let text = doc.norm.as_str();
    let sentence_of = |span: Span| {
        let si = doc.sentences.partition_point(|s| s.norm.end <= span.start);
        doc.sentences
            .get(si)
            .filter(|s| s.norm.start <= span.start && span.end <= s.norm.end)
            .map(|_| si)
    };
    // Name by name while that reads little text (a vectorised search is fast, building an
    // automaton is not); beyond, one automaton for them all.
    if names.len().saturating_mul(text.len()) <= NAME_BY_NAME_BYTES {
        for (k, name) in names.iter().enumerate() {
            let step = name.chars().next().map_or(1, char::len_utf8);
            let finder = memchr::memmem::Finder::new(name);
            let mut from = 0;
            while let Some(at) = text
                .get(from..)
                .and_then(|rest| finder.find(rest.as_bytes()))
            {
                let span = Span::new(from + at, from + at + name.len());
                if let Some(si) = sentence_of(span) {
                    out.push((k, si, span));
                }
                from = span.start + step;
            }
        }
        out.sort_unstable_by_key(|&(k, _, span)| (span.start, k));
        return out;
    }
    // A contiguous NFA builds fast and searches fast enough for one document.
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&names)
    else {
        return out;
    };
    for m in ac.find_overlapping_iter(text) {
        let span = Span::new(m.start(), m.end());
        if let Some(si) = sentence_of(span) {
            out.push((m.pattern().as_usize(), si, span));
        }
    }
    out.sort_unstable_by_key(|&(k, _, span)| (span.start, k));
    out
}
