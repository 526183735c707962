//! The one file that names jieba-rs: its dictionary, cutting and tagging, behind a wrapper
//! of our own, so that a new release of jieba-rs touches nothing else.

use crate::vocab::Pos;
use jieba_rs::Jieba;

/// jieba's dictionary of about 350,000 words, with the words taught to it.
#[derive(Clone)]
pub(super) struct Dictionary(Jieba);

impl Dictionary {
    /// jieba's embedded dictionary.
    pub(super) fn new() -> Dictionary {
        Dictionary(Jieba::new())
    }

    /// The frequency that keeps `word` whole where jieba would cut it.
    pub(super) fn suggest_freq(&self, word: &str) -> usize {
        self.0.suggest_freq(word)
    }

    /// Teaches the dictionary `word`, with a frequency and a part of speech.
    pub(super) fn add_word(&mut self, word: &str, freq: usize, pos: Pos) {
        self.0.add_word(word, Some(freq), Some(pos.tag()));
    }

    /// The byte spans of the words jieba cuts `text` into, in order.
    pub(super) fn cut(&self, text: &str, hmm: bool) -> impl Iterator<Item = (usize, usize)> {
        self.0
            .cut(text, hmm)
            .into_iter()
            .map(|t| (t.byte_start, t.byte_end))
    }

    /// The words jieba's tagger cuts `text` into, with their parts of speech.
    pub(super) fn tag<'a>(
        &'a self,
        text: &'a str,
        hmm: bool,
    ) -> impl Iterator<Item = (usize, usize, Pos)> + 'a {
        self.0
            .tag(text, hmm)
            .into_iter()
            .map(|t| (t.byte_start, t.byte_end, Pos::from_tag(t.tag)))
    }

    /// The part of speech of `word` tagged on its own, when the tagger keeps it whole.
    pub(super) fn tag_word(&self, word: &str, hmm: bool) -> Option<Pos> {
        match self.0.tag(word, hmm).as_slice() {
            [one] if one.word == word => Some(Pos::from_tag(one.tag)),
            _ => None,
        }
    }
}
