//! The embedded word lists: Chinese stop words, general policing vocabulary and the words
//! of official and news rhetoric. Each file in `src/data/` says in its header where its
//! words come from.

use rustc_hash::FxHashSet;

/// Chinese function words and the boilerplate of official reports.
const STOP_WORDS: &str = include_str!("../data/stopwords.txt");
/// General policing vocabulary: content words, but never a theme on their own.
const GENERIC_WORDS: &str = include_str!("../data/generic.txt");
/// Words of official and news rhetoric (成绩单, 全域): never a theme as a plain word, but
/// a quoted one may name a report's work.
const RHETORIC_WORDS: &str = include_str!("../data/rhetoric.txt");

/// A set of words read from an embedded word list.
fn word_set(text: &str) -> FxHashSet<Box<str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(Into::into)
        .collect()
}

/// The embedded Chinese stop words.
pub(crate) fn stop_words() -> FxHashSet<Box<str>> {
    word_set(STOP_WORDS)
}

/// The embedded general policing vocabulary.
pub(crate) fn generic_words() -> FxHashSet<Box<str>> {
    word_set(GENERIC_WORDS)
}

/// The embedded words of official and news rhetoric.
pub(crate) fn rhetoric_words() -> FxHashSet<Box<str>> {
    word_set(RHETORIC_WORDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Lexicon;

    #[test]
    fn lists_do_not_overlap() {
        let stop = stop_words();
        let generic = generic_words();
        let rhetoric = rhetoric_words();
        assert!(stop.len() >= 300);
        assert!(rhetoric.len() >= 50);
        for e in Lexicon::policing().iter() {
            assert!(!stop.contains(e.word()), "{} is a stop word", e.word());
            assert!(!generic.contains(e.word()), "{} is generic", e.word());
            assert!(!rhetoric.contains(e.word()), "{} is rhetoric", e.word());
        }
        for g in &generic {
            assert!(!stop.contains(g), "{g} in both lists");
            assert!(!rhetoric.contains(g), "{g} in both lists");
        }
        for r in &rhetoric {
            assert!(!stop.contains(r), "{r} in both lists");
        }
    }
}
