//! Any bytes, decoded lossily and segmented with one shared segmenter: the tokens tile the
//! width-folded input, their spans slice the input on character boundaries and follow each
//! other, and their character spans count the characters before them. Each block of the
//! parsed report, segmented on its own, tiles the block's text with spans inside the block.
#![no_main]

use jingwu::{Decoding, Report, Segmenter, Span, decode_report};
mod common;

use common::*;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn segmenter() -> &'static Segmenter {
    static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::new)
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fuzz_target!(|data: &[u8]| {
    let decoded = decode_report(data, Decoding::Lossy).expect("lossy decoding never fails");
    let text = decoded.text();
    let seg = segmenter().segment(text);
    let folded = fold(text);
    assert_eq!(seg.text(), folded, "segmented text is not the folded input");

    let mut at = 0;
    let mut orig_end = 0;
    let mut chars = 0;
    for t in seg.tokens() {
        let word = t.text();
        assert!(!word.is_empty(), "empty token at {at}");
        assert_eq!(
            folded.get(at..at + word.len()),
            Some(word),
            "token {word:?} does not continue the text at {at}"
        );
        at += word.len();
        let span = t.span();
        check_span(text, span, "token");
        assert_eq!(
            span.start, orig_end,
            "token {word:?} {span:?} leaves a gap or overlaps"
        );
        orig_end = span.end;
        assert_eq!(
            fold(&text[span]),
            word,
            "token {word:?} {span:?} maps elsewhere"
        );
        let n = text[span].chars().count();
        assert_eq!(
            t.char_span(),
            Span::new(chars, chars + n),
            "character span of {word:?} {span:?}"
        );
        chars += n;
    }
    assert_eq!(at, folded.len(), "tokens stop short of the folded text");
    assert_eq!(orig_end, text.len(), "token spans stop short of the input");

    let mut sentence_end = 0;
    for s in seg.sentences() {
        check_span(text, s.span(), "sentence");
        assert_eq!(
            s.span().start,
            sentence_end,
            "sentences leave a gap or overlap"
        );
        sentence_end = s.span().end;
        let joined: String = s.tokens().map(|t| t.text()).collect();
        assert_eq!(joined, s.text(), "sentence tokens do not tile the sentence");
    }
    assert_eq!(
        sentence_end,
        text.len(),
        "sentences stop short of the input"
    );

    let report = Report::parse(text);
    for block in report.blocks() {
        let seg = segmenter().segment_block(text, block);
        let joined: String = seg.tokens().map(|t| t.text()).collect();
        assert_eq!(
            joined,
            block.text(),
            "block tokens do not tile the block text"
        );
        let mut prev_end = block.span().start;
        for t in seg.tokens() {
            let span = t.span();
            check_span(text, span, "block token");
            assert!(
                block.span().contains(span),
                "block token {span:?} outside block {:?}",
                block.span()
            );
            assert!(span.start >= prev_end, "block tokens overlap at {span:?}");
            prev_end = span.end;
            assert_eq!(
                without_whitespace(&fold(&text[span])),
                without_whitespace(t.text()),
                "block token {:?} {span:?} maps elsewhere",
                t.text()
            );
        }
    }
});
