//! What the fuzz targets share: checks of spans into the input, and folding.
#![allow(dead_code)]

use jingwu::{MappedText, Span};

/// Asserts that `span` (of the thing called `what`) slices `text` on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on character boundaries"
    );
}

/// The character span of byte span `span` of `text`.
pub fn char_span(text: &str, span: Span) -> Span {
    let start = text[..span.start].chars().count();
    Span::new(start, start + text[span].chars().count())
}

/// `s` folded as the library folds it (script, width, the punctuation of Chinese text).
pub fn fold(s: &str) -> String {
    MappedText::from_original(s).as_str().to_string()
}
