//! Byte and character spans into the original input.

use serde::{Deserialize, Serialize};
use std::ops::{Index, Range};

/// A half-open range `start..end` of offsets into the original input.
///
/// Byte spans are on UTF-8 character boundaries of the text the user passed in, so
/// `&text[span]` always works for a span that jingwu reported for `text`. The same type is
/// used for character spans (counted in Unicode scalar values), which are handy for tools
/// that index strings by character.
///
/// ```
/// use jingwu::Span;
///
/// let text = "象山公安：";
/// let span = Span::new(0, 12);
/// assert_eq!(&text[span], "象山公安");
/// assert_eq!(span.len(), 12);
/// assert_eq!(Span::from(3..6), Span::new(3, 6));
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First offset of the span.
    pub start: usize,
    /// Offset one past the end of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of offsets the span covers.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies within this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one offset.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span as a `Range`.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.start..s.end
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.start..span.end]
    }
}

/// Converts byte offsets of one text into character offsets, moving forward cheaply.
///
/// Each offset costs time in proportion to the distance from the one before.
#[derive(Debug, Clone)]
pub(crate) struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// A counter that knows byte `byte` of `text` is character `chars` (a byte offset off a
    /// char boundary or past the end starts the counter at the beginning instead).
    pub(crate) fn at(text: &'a str, byte: usize, chars: usize) -> Self {
        if text.is_char_boundary(byte) {
            CharCounter { text, byte, chars }
        } else {
            CharCounter::new(text)
        }
    }

    /// Character offset of byte offset `byte` (which must be a char boundary of the text;
    /// offsets past the end are clamped). Costs time in proportion to the distance from the
    /// offset asked for last, in either direction.
    pub(crate) fn char_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte == self.byte {
            // A token starts where the one before ended.
            return self.chars;
        }
        // Both offsets are at most the text's length: the counter's own is (see `at`), and
        // `byte` is clamped to it.
        let bytes = self.text.as_bytes();
        if byte < self.byte {
            self.chars -= count_chars(bytes.get(byte..self.byte).unwrap_or_default());
        } else {
            self.chars += count_chars(bytes.get(self.byte..byte).unwrap_or_default());
        }
        self.byte = byte;
        self.chars
    }

    /// Character span of a byte span.
    pub(crate) fn span(&mut self, span: Span) -> Span {
        let start = self.char_at(span.start);
        let end = self.char_at(span.end);
        Span::new(start, end)
    }
}

/// Number of characters of `s`, a piece of a `str` between two character boundaries: the
/// bytes that start a character, all but the continuation bytes `0b10xx_xxxx`.
#[inline]
fn count_chars(s: &[u8]) -> usize {
    s.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_chars_agrees_with_chars() {
        for s in ["", "a", "象", "a象b山c", "👮\u{200d}♀️", &"治安".repeat(40)] {
            assert_eq!(count_chars(s.as_bytes()), s.chars().count(), "{s}");
        }
    }

    #[test]
    fn char_counter_moves_both_ways() {
        let text = "a象b山c";
        let mut c = CharCounter::new(text);
        assert_eq!(c.char_at(1), 1);
        assert_eq!(c.char_at(4), 2);
        assert_eq!(c.char_at(8), 4);
        assert_eq!(c.char_at(1), 1);
        assert_eq!(c.span(Span::new(1, 5)), Span::new(1, 3));
        assert_eq!(c.char_at(100), 5);
    }

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        assert!(a.contains(Span::new(2, 5)));
        assert!(!a.contains(Span::new(5, 11)));
        assert!(a.overlaps(Span::new(9, 12)));
        assert!(!a.overlaps(Span::new(10, 12)));
        assert!(Span::new(3, 3).is_empty());
    }
}
