//! Any bytes, decoded lossily and read as saved corpus statistics and as a background IDF
//! table: accepted statistics save to JSON that loads back equal and give finite IDFs; an
//! accepted table gives finite, non-negative IDFs for any word.
#![no_main]

use jingwu::{BackgroundIdf, CorpusStats, Decoding, Level, decode_report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = decode_report(data, Decoding::Lossy).expect("lossy decoding never fails");
    let text = decoded.text();

    if let Ok(stats) = CorpusStats::from_json(text) {
        let json = stats.to_json();
        let again = CorpusStats::from_json(&json)
            .unwrap_or_else(|e| panic!("saved statistics do not load: {e}: {json}"));
        assert_eq!(again, stats, "statistics change through JSON");
        assert_eq!(again.to_json(), json, "JSON changes through a round trip");
        for level in [Level::Document, Level::Section] {
            for df in [0, 1, stats.units(level), u64::MAX] {
                let idf = stats.idf(df, 8.0, level, 1.0);
                assert!(idf.is_finite(), "idf({df}, {level:?}) = {idf}");
            }
        }
        let mut merged = stats.clone();
        merged.merge(&stats);
        assert_eq!(merged.documents(), stats.documents().saturating_mul(2));
        assert_eq!(merged.vocabulary_len(), stats.vocabulary_len());
    }

    if let Ok(table) = BackgroundIdf::parse(text) {
        assert!(!table.is_empty());
        let median = table.median();
        assert!(median.is_finite() && median >= 0.0, "median {median}");
        for word in text.split_whitespace().take(64) {
            let idf = table.word_idf(word);
            assert!(idf.is_finite() && idf >= 0.0, "word_idf({word:?}) = {idf}");
        }
        let words: Vec<&str> = text.split_whitespace().take(8).collect();
        let phrase: String = words.concat();
        let idf = table.phrase_idf(&phrase, words.iter().copied());
        assert!(
            idf.is_finite() && idf >= 0.0,
            "phrase_idf({phrase:?}) = {idf}"
        );
    }
});
