//! Any bytes, decoded lossily and ranked by one shared engine: every theme has a finite
//! score, and every piece of evidence slices the input on character boundaries, has
//! matching character offsets, lies in its sentence and reads as its theme.
#![no_main]

use jingwu::{Decoding, Engine, RankOptions, decode_report};
mod common;

use common::*;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

fuzz_target!(|data: &[u8]| {
    let decoded = decode_report(data, Decoding::Lossy).expect("lossy decoding never fails");
    let text = decoded.text();
    let engine = engine();
    let doc = engine.rank_text(text, &RankOptions::default());

    for s in doc.sections() {
        check_span(text, s.span(), "section");
    }
    let themes = doc.all_themes();
    for t in themes {
        assert!(!t.text().is_empty(), "empty theme");
        assert!(
            t.score().is_finite(),
            "theme {:?} scores {}",
            t.text(),
            t.score()
        );
        for e in t.evidence() {
            let span = e.span();
            check_span(text, span, "evidence");
            assert!(!span.is_empty(), "empty evidence for {:?}", t.text());
            assert_eq!(
                e.char_span(),
                char_span(text, span),
                "evidence {span:?} characters"
            );
            check_span(text, e.sentence_span, "evidence sentence");
            assert!(
                e.sentence_span.contains(span),
                "evidence {span:?} outside its sentence {:?}",
                e.sentence_span
            );
            assert_eq!(
                e.sentence_char_span,
                char_span(text, e.sentence_span),
                "sentence {:?} characters",
                e.sentence_span
            );
            let found = common::fold(
                &text[span]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>(),
            );
            let canonical = engine
                .segmenter()
                .lexicon()
                .get(&found)
                .and_then(|x| x.canonical());
            assert!(
                found == t.normalized()
                    || t.subsumes().iter().any(|s| common::fold(s) == found)
                    || canonical == Some(t.normalized()),
                "evidence {found:?} {span:?} for theme {:?}",
                t.text()
            );
        }
    }
});
