//! Inputs found by the fuzz targets in `fuzz/`, each fed through the same entry point with
//! the same check as the target that found it.

mod common;

use jingwu::{Decoding, RankOptions, decode_report};

/// The check of `fuzz/fuzz_targets/rank.rs` (and of the property tests in
/// `hostile_input.rs`): each piece of evidence slices the input on character boundaries and
/// reads as its theme, a text the theme subsumes, or an abbreviation of the theme.
fn check_rank(bytes: &[u8]) {
    let decoded = decode_report(bytes, Decoding::Lossy).unwrap();
    let text = decoded.text();
    let doc = common::engine().rank_text(text, &RankOptions::default());
    for t in doc.all_themes() {
        for e in t.evidence() {
            if let Some(problem) = common::evidence_problem(text, t, e) {
                panic!("{problem}");
            }
        }
    }
}

/// `反诈理电信网络诈骗理电信网络诈骗\u{fffd}\n\u{fffd}`: the collocation `理电信网络诈骗` hides
/// its near-duplicate `电信网络诈骗` and takes over its mentions, among them the abbreviation
/// `反诈` (canonical `电信网络诈骗`), which then stands as evidence of `理电信网络诈骗`.
#[test]
fn rank_evidence_of_an_abbreviation_absorbed_by_a_longer_theme() {
    check_rank(
        b"\xe5\x8f\x8d\xe8\xaf\x88\xe7\x90\x86\xe7\x94\xb5\xe4\xbf\xa1\xe7\xbd\x91\xe7\xbb\x9c\xe8\xaf\x88\xe9\xaa\x97\xe7\x90\x86\xe7\x94\xb5\xe4\xbf\xa1\xe7\xbd\x91\xe7\xbb\x9c\xe8\xaf\x88\xe9\xaa\x97\xe4\x0a\x97",
    );
}

/// The same, reduced by hand to ordinary text: `电信网络诈骗` is hidden under the longer
/// `打击治理电信网络诈骗`, and the mention `反诈` becomes evidence of the longer theme.
#[test]
fn rank_evidence_of_an_abbreviation_absorbed_by_a_longer_theme_plain() {
    check_rank("反诈，打击治理电信网络诈骗。打击治理电信网络诈骗。".as_bytes());
}
