//! Cutting text into words: bounded pieces handed to jieba, whitespace runs and grapheme
//! clusters kept whole, each word's part of speech looked up among the words the thread has
//! met.

use super::Segmenter;
use super::classify::Class;
use crate::segment::MAX_PIECE_BYTES;
use crate::text::{Span, floor_boundary, is_plain_char, starts_common_han};
use crate::vocab::Pos;
use rustc_hash::FxHashSet;
use unicode_segmentation::UnicodeSegmentation;

/// A piece of text cut by jieba: its span, jieba's part of speech, and what the segmenter
/// makes of it when that is known already.
pub(super) type Cut = (usize, usize, Pos, Option<Class>);

impl Segmenter {
    /// Cuts one piece into `(start, end, pos)` triples that tile it: a run of whitespace is
    /// one token (jieba would make one per character), the rest goes to jieba.
    pub(super) fn cut_piece(&self, piece: &str, out: &mut Vec<Cut>) {
        let mut at = 0;
        while at < piece.len() {
            let rest = &piece[at..];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                out.push((at, at + ws, Pos::Symbol, None));
                at += ws;
                continue;
            }
            let end = rest
                .find(char::is_whitespace)
                .map_or(piece.len(), |i| at + i);
            self.cut_words(&piece[at..end], at, out);
            at = end;
        }
        if needs_grapheme_check(piece) {
            merge_split_graphemes(piece, out);
        }
    }

    /// Cuts text without whitespace with jieba, offsetting spans by `base`.
    ///
    /// jieba's part of speech of a word depends on the word alone (its dictionary entry, or
    /// for a word the dictionary lacks, the guess of jieba's tagging model), so the text is
    /// cut, and each word's part of speech looked up among the words this thread has met.
    /// A word not met yet is tagged on its own; the rare word that jieba would cut otherwise
    /// on its own sends the whole text through jieba's tagger.
    pub(super) fn cut_words(&self, text: &str, base: usize, out: &mut Vec<Cut>) {
        let inner = &*self.inner;
        let first = out.len();
        let complete = inner.tags.with(|cache| {
            let spans = inner.dict.cut(text, inner.hmm).map(|(a, b)| (a, b, ()));
            tile(text, base, spans, out, |word, ()| {
                if let Some((pos, class)) = cache.get(word) {
                    return Some((pos, Some(class)));
                }
                let pos = inner.dict.tag_word(word, inner.hmm)?;
                let class = self.classify(word, pos);
                cache.insert(word, pos, class);
                Some((pos, Some(class)))
            })
        });
        if complete == Some(true) {
            return;
        }
        out.truncate(first);
        let spans = inner.dict.tag(text, inner.hmm);
        tile(text, base, spans, out, |_, pos| Some((pos, None)));
    }
}

/// Whether a piece holds characters that may form multi-character grapheme clusters.
pub(super) fn needs_grapheme_check(piece: &str) -> bool {
    scan(piece, Want::Graphemes).graphemes
}

/// What a scan of a text looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    /// Characters that may form multi-character grapheme clusters.
    Graphemes,
    /// Those, and whitespace.
    Both,
}

/// What a text holds that segmenting it must mind.
pub(super) struct Scan {
    /// Characters that may form multi-character grapheme clusters.
    pub(super) graphemes: bool,
    /// Whitespace (left `false` unless asked for).
    pub(super) spaces: bool,
}

/// Scans `text` once for what `want` asks, stopping as soon as it is all found. ASCII and
/// the common Han characters are told by their bytes; anything else is decoded.
pub(super) fn scan(text: &str, want: Want) -> Scan {
    let mut found = Scan {
        graphemes: false,
        spaces: false,
    };
    let spaces = want == Want::Both;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            // The ASCII whitespace of `char::is_whitespace`: tab to carriage return, space.
            found.spaces |= spaces && matches!(b, b'\t'..=b'\r' | b' ');
            i += 1;
        } else if starts_common_han(&bytes[i..]) {
            i += 3;
            continue;
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            found.graphemes |= !is_plain_char(c);
            found.spaces |= spaces && c.is_whitespace();
            i += c.len_utf8();
        }
        if found.graphemes && (found.spaces || !spaces) {
            break;
        }
    }
    found
}

/// Appends the words jieba cut from `text` (spans of `text`, each with what `what` makes
/// of it), offset by `base`, so that they tile `text`: a span out of order is skipped, and
/// what jieba left out between spans becomes a token of its own rather than being lost.
/// Stops and returns false when `what` gives up on a word.
fn tile<T>(
    text: &str,
    base: usize,
    spans: impl Iterator<Item = (usize, usize, T)>,
    out: &mut Vec<Cut>,
    mut what: impl FnMut(&str, T) -> Option<(Pos, Option<Class>)>,
) -> bool {
    let mut at = 0;
    for (start, end, item) in spans {
        if start < at || end > text.len() || start >= end {
            continue;
        }
        if start > at {
            out.push((base + at, base + start, Pos::Other, None));
        }
        let Some((pos, class)) = what(&text[start..end], item) else {
            return false;
        };
        out.push((base + start, base + end, pos, class));
        at = end;
    }
    if at < text.len() {
        out.push((base + at, base + text.len(), Pos::Other, None));
    }
    true
}

/// Joins tokens that jieba cut inside a grapheme cluster (emoji sequences, combining marks).
fn merge_split_graphemes(piece: &str, tokens: &mut Vec<Cut>) {
    let bounds: FxHashSet<usize> = piece.grapheme_indices(true).map(|(i, _)| i).collect();
    let mut merged: Vec<Cut> = Vec::with_capacity(tokens.len());
    for &(s, e, p, _) in tokens.iter() {
        match merged.last_mut() {
            Some(last) if !bounds.contains(&s) => {
                last.1 = e;
                last.3 = None;
            }
            _ => merged.push((s, e, p, None)),
        }
    }
    *tokens = merged;
}

/// Pieces of at most [`MAX_PIECE_BYTES`] covering `span` of `s`, cut at a comma or space where
/// possible and always on a grapheme boundary.
pub(super) fn pieces(s: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let mut start = span.start;
    let end = span.end;
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        if end - start <= MAX_PIECE_BYTES {
            let p = Span::new(start, end);
            start = end;
            return Some(p);
        }
        let limit = floor_boundary(s, start + MAX_PIECE_BYTES);
        let window = &s[start..limit];
        let cut = window
            .rfind(['，', '、', '；', ',', ' ', '\t', '：'])
            .map(|i| start + i + window[i..].chars().next().map_or(1, char::len_utf8))
            .filter(|&c| c > start + MAX_PIECE_BYTES / 4)
            .unwrap_or_else(|| grapheme_floor(s, start, limit));
        let cut = if cut <= start {
            limit.max(start + 1)
        } else {
            cut
        };
        let cut =
            floor_boundary(s, cut).max(start + s[start..].chars().next().map_or(1, char::len_utf8));
        let p = Span::new(start, cut);
        start = cut;
        Some(p)
    })
}

/// The last grapheme boundary of `s` in `start..=limit` after `start`, or `limit`.
fn grapheme_floor(s: &str, start: usize, limit: usize) -> usize {
    // Look back a little: clusters are short, except pathological ones.
    let from = floor_boundary(s, limit.saturating_sub(64).max(start));
    let mut best = limit;
    for (i, _) in s[from..].grapheme_indices(true) {
        let at = from + i;
        if at > limit {
            break;
        }
        if at > start {
            best = at;
        }
    }
    best
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_bounded_and_tile() {
        let s = "警".repeat(3000) + "，" + &"情".repeat(10);
        let ps: Vec<Span> = pieces(&s, Span::new(0, s.len())).collect();
        assert!(ps.iter().all(|p| p.len() <= MAX_PIECE_BYTES));
        assert_eq!(ps[0].start, 0);
        assert_eq!(ps.last().unwrap().end, s.len());
        for w in ps.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
    }

    #[test]
    fn grapheme_check_reads_bytes_as_it_would_characters() {
        let samples = (0u32..0x11000)
            .step_by(7)
            .chain(0x4DB0..0x4E10)
            .chain(0x9FF0..0xA010)
            .filter_map(char::from_u32);
        for c in samples {
            let text = format!("警{c}务");
            assert_eq!(
                needs_grapheme_check(&text),
                !is_plain_char(c),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(!needs_grapheme_check("象山公安，“海上枫桥经验”……"));
        assert!(needs_grapheme_check("民警👮\u{200d}♀️"));
    }

    #[test]
    fn scan_finds_whitespace_as_char_is_whitespace_does() {
        let samples = (0u32..0x11000)
            .step_by(5)
            .chain(0..0x100)
            .chain(0x2000..0x2060)
            .chain([0x1680, 0x3000])
            .filter_map(char::from_u32);
        for c in samples {
            for text in [format!("警{c}务"), format!("{c}"), format!("👮{c}")] {
                let found = scan(&text, Want::Both);
                assert_eq!(found.spaces, c.is_whitespace(), "U+{:04X}", c as u32);
                assert_eq!(
                    found.graphemes,
                    text.chars().any(|c| !is_plain_char(c)),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }
}
