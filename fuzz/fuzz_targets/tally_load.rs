//! Any bytes read as a corpus tally (`CorpusTally::from_bytes`, the bytes a partition of a
//! corpus sends): an accepted tally writes bytes that read back equal; it appends to itself,
//! takes one more document and shows its leading themes with finite figures, without a
//! panic or an overflow, whatever numbers it holds.
#![no_main]

use jingwu::{CorpusTally, Engine, RankOptions, Ranker};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A ranker against empty statistics, built once.
fn ranker() -> &'static Ranker {
    static RANKER: OnceLock<Ranker> = OnceLock::new();
    RANKER.get_or_init(|| Engine::new().ranker(Default::default(), &RankOptions::default()))
}

const REPORT: &str = "慈溪公安：\n\n捣毁“笑气”窝点，查处“笑气”工厂。\n";

fuzz_target!(|data: &[u8]| {
    let Ok(tally) = CorpusTally::from_bytes(data) else {
        return;
    };
    let bytes = tally.to_bytes();
    let again = CorpusTally::from_bytes(&bytes)
        .unwrap_or_else(|e| panic!("a tally's own bytes do not read: {e}"));
    assert_eq!(again, tally, "a tally changes through its bytes");

    let mut doubled = tally.clone();
    doubled
        .append(again)
        .expect("a tally adds up with a copy of itself");
    assert_eq!(
        doubled.documents(),
        tally.documents().saturating_mul(2),
        "documents of a tally appended to itself"
    );
    assert_eq!(doubled.len(), tally.len());

    let places = doubled.evidence_documents();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "places in order");

    let ranker = ranker();
    let mut more = tally.clone();
    ranker.rank_into("more.txt", REPORT, &mut more);
    assert!(more.documents() >= tally.documents());
    let shown = ranker.corpus_themes(&more, [(0u64, "more.txt", REPORT)]);
    for t in shown.themes() {
        assert!(
            t.score().is_finite() && t.weighted_tf().is_finite(),
            "{}: score {}, weighted tf {}",
            t.text(),
            t.score(),
            t.weighted_tf()
        );
    }
});
