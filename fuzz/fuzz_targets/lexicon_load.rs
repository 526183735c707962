//! Any bytes, decoded lossily and read as a user lexicon: an accepted lexicon holds only
//! words a segmenter can produce (non-empty, at most `MAX_WORD_CHARS` characters, already
//! width-folded, no whitespace or control characters) with sane frequencies; a small one
//! builds a segmenter whose output still tiles its input.
#![no_main]

use jingwu::{Decoding, Lexicon, MAX_WORD_CHARS, Segmenter, decode_report, fold_width};
use libfuzzer_sys::fuzz_target;

/// Building a segmenter loads jieba's whole dictionary; only small lexicons are built.
const MAX_BUILT_ENTRIES: usize = 20;

fuzz_target!(|data: &[u8]| {
    let decoded = decode_report(data, Decoding::Lossy).expect("lossy decoding never fails");
    let text = decoded.text();
    let Ok(lexicon) = Lexicon::parse_user(text) else {
        return;
    };
    let lines = text.split('\n').count();
    assert!(
        lexicon.len() <= lines,
        "{} entries from {lines} lines",
        lexicon.len()
    );

    for e in lexicon.iter() {
        let word = e.word();
        let n = word.chars().count();
        assert!(n > 0, "empty word");
        assert!(n <= MAX_WORD_CHARS, "word {word:?} has {n} characters");
        assert!(
            !word.chars().any(|c| c.is_whitespace() || c.is_control()),
            "word {word:?} holds whitespace or a control character"
        );
        assert!(
            word.chars().all(|c| fold_width(c) == c),
            "word {word:?} is not width-folded"
        );
        if let Some(f) = e.freq() {
            assert!(
                (1..=1 << 40).contains(&f),
                "word {word:?} has frequency {f}"
            );
        }
        assert_eq!(lexicon.get(word), Some(e), "word {word:?} not found by get");
    }

    if lexicon.is_empty() || lexicon.len() > MAX_BUILT_ENTRIES {
        return;
    }
    let segmenter = Segmenter::builder().lexicon(&lexicon).build();
    for e in lexicon.iter() {
        assert!(
            segmenter.lexicon().get(e.word()).is_some(),
            "word {:?} not taught",
            e.word()
        );
    }
    let sample: String = lexicon
        .iter()
        .flat_map(|e| [e.word(), "，", "严打", e.word(), "犯罪。"])
        .collect();
    let seg = segmenter.segment(&sample);
    let joined: String = seg.tokens().map(|t| t.text()).collect();
    assert_eq!(joined, sample, "tokens do not tile the sample");
    for t in seg.tokens() {
        let span = t.span();
        assert!(
            sample.is_char_boundary(span.start) && sample.is_char_boundary(span.end),
            "token {span:?} not on character boundaries"
        );
        assert_eq!(&sample[span], t.text());
    }
});
