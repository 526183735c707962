//! Building a segmenter: jieba's dictionary taught the lexicons, and what the segmenter
//! knows of words beyond it.

use super::cache::TagCaches;
use super::jieba::Dictionary;
use super::{Inner, NewWords, Segmenter, WordInfo};
use crate::vocab::{self, Lexicon};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How many times the frequency that just keeps a lexicon word whole it is given.
const LEXICON_FREQ_FACTOR: usize = 20;

/// Builds a [`Segmenter`].
///
/// ```
/// use jingwu::{Lexicon, NewWords, Segmenter};
///
/// let user = Lexicon::parse_user("港区安澜联盟 nz initiative\n")?;
/// let segmenter = Segmenter::builder().lexicon(&user).new_words(NewWords::Hmm).build();
/// assert!(segmenter.segment("打造港区安澜联盟").tokens().any(|t| t.text() == "港区安澜联盟"));
/// # Ok::<(), jingwu::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct SegmenterBuilder {
    user: Lexicon,
    policing: Policing,
    new_words: NewWords,
}

/// Whether the embedded policing lexicon is taught.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Policing {
    #[default]
    With,
    Without,
}

impl SegmenterBuilder {
    /// Adds the words of a user lexicon (they win over the policing lexicon).
    pub fn lexicon(mut self, lexicon: &Lexicon) -> Self {
        self.user.extend(lexicon);
        self
    }

    /// Leaves out the embedded policing lexicon.
    pub fn without_policing_lexicon(mut self) -> Self {
        self.policing = Policing::Without;
        self
    }

    /// Sets how unknown character sequences are treated.
    pub fn new_words(mut self, new_words: NewWords) -> Self {
        self.new_words = new_words;
        self
    }

    /// Loads jieba's dictionary and teaches it the lexicons.
    pub fn build(self) -> Segmenter {
        let mut lexicon = match self.policing {
            Policing::With => Lexicon::policing(),
            Policing::Without => Lexicon::new(),
        };
        lexicon.extend(&self.user);
        let mut dict = Dictionary::new();
        for e in lexicon.iter() {
            let freq = match e.freq() {
                Some(f) => usize::try_from(f).unwrap_or(usize::MAX >> 24),
                // Enough to win over the dictionary's overlapping words in most contexts
                // (交通安全 in 交通安全形势), not so much as to swallow neighbouring words.
                None => dict
                    .suggest_freq(e.word())
                    .saturating_mul(LEXICON_FREQ_FACTOR),
            };
            dict.add_word(e.word(), freq, e.pos());
        }
        let mut words: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
        for w in vocab::stop_words() {
            words.entry(w).or_default().stop = true;
        }
        for w in vocab::generic_words() {
            words.entry(w).or_default().generic = true;
        }
        for w in vocab::rhetoric_words() {
            words.entry(w).or_default().rhetoric = true;
        }
        for (i, e) in lexicon.iter().enumerate() {
            words.entry(e.word().into()).or_default().lexicon = Some(i as u32);
        }
        Segmenter {
            inner: Arc::new(Inner {
                dict,
                lexicon,
                words,
                hmm: self.new_words == NewWords::Hmm,
                tags: TagCaches::default(),
            }),
        }
    }
}
