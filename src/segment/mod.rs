//! Segmentation: jieba-rs taught the policing lexicon, with token kinds, parts of speech and
//! spans into the original input.

mod builder;
mod cache;
mod classify;
mod cut;
mod jieba;
mod tokens;

pub use builder::SegmenterBuilder;
pub(crate) use tokens::{RawSentence, RawToken};
pub use tokens::{Segmented, Sentence, Token};

use crate::error::Error;
use crate::text::{CharCounter, MappedText, Span, sentences_of};
use crate::vocab::Lexicon;
use classify::Class;
use cut::{Cut, Scan, Want, needs_grapheme_check, pieces, scan};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// Longest piece of text, in bytes, handed to jieba at once. Longer sentences are cut at a
/// comma or space, or failing that at a grapheme boundary, so time and memory stay linear.
pub const MAX_PIECE_BYTES: usize = 1536;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenKind {
    /// A word that carries content.
    Word,
    /// A stop word: a function word or report boilerplate (的, 工作, 今年以来).
    StopWord,
    /// A number (`12.93%`, `3.9`, `三`).
    Number,
    /// Punctuation, symbols and control characters.
    Punctuation,
    /// A word in Latin or another non-Han script (`CCTV2`, `APP`).
    Latin,
    /// Whitespace.
    Whitespace,
}

/// How to treat character sequences the dictionary does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NewWords {
    /// Let jieba's hidden Markov model join unknown characters into new words (jieba's default).
    #[default]
    Hmm,
    /// Cut unknown sequences into single characters.
    DictionaryOnly,
}

/// The segmenter: jieba-rs with the policing lexicon and Chinese stop words.
///
/// Building one loads jieba's 350,000-word dictionary, which takes a fraction of a second:
/// build it once and share it (it is `Send + Sync`, and a clone shares the dictionary).
///
/// Cloning is cheap: clones share the dictionary. Each thread that segments keeps what it
/// learnt of the words it met (jieba's part of speech and the token's kind), up to about
/// 500,000 words, so that a word is tagged once rather than every time; that changes no
/// result. The segmenter owns that memory: it goes with the segmenter's last clone.
///
/// ```
/// use jingwu::{Segmenter, TokenKind};
///
/// let segmenter = Segmenter::new();
/// let text = "创新发展新时代“海上枫桥经验”，严打电信网络诈骗";
/// let seg = segmenter.segment(text);
/// let words: Vec<&str> = seg.tokens().filter(|t| t.kind() == TokenKind::Word).map(|t| t.text()).collect();
/// assert!(words.contains(&"枫桥经验") || words.contains(&"海上枫桥经验"));
/// assert!(words.contains(&"电信网络诈骗"));
/// for t in seg.tokens() {
///     assert_eq!(&text[t.span()], t.text());
/// }
/// ```
#[derive(Clone)]
pub struct Segmenter {
    inner: Arc<Inner>,
}

/// What a segmenter is made of; shared by its clones.
struct Inner {
    dict: jieba::Dictionary,
    lexicon: Lexicon,
    /// What the segmenter knows of a word beyond jieba's dictionary: one look-up per token.
    words: FxHashMap<Box<str>, WordInfo>,
    hmm: bool,
    /// The words each thread has met.
    tags: cache::TagCaches,
}

/// What the segmenter knows of a word.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordInfo {
    /// Its entry in the lexicon.
    pub(crate) lexicon: Option<u32>,
    /// A stop word.
    pub(crate) stop: bool,
    /// General policing vocabulary.
    pub(crate) generic: bool,
    /// A word of official and news rhetoric.
    pub(crate) rhetoric: bool,
}

impl WordInfo {
    /// Whether a token of the word is no theme as a plain word: general vocabulary or
    /// rhetoric.
    fn plain_never_theme(self) -> bool {
        self.generic || self.rhetoric
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("lexicon_words", &self.inner.lexicon.len())
            .field("known_words", &self.inner.words.len())
            .field("hmm", &self.inner.hmm)
            .finish()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with the policing lexicon and jieba's HMM for new words.
    pub fn new() -> Segmenter {
        SegmenterBuilder::default().build()
    }

    /// A builder for other settings.
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder::default()
    }

    /// A segmenter with the policing lexicon and a user lexicon read from `path`.
    pub fn with_user_lexicon(path: impl AsRef<std::path::Path>) -> Result<Segmenter, Error> {
        let user = Lexicon::from_path(path)?;
        Ok(Segmenter::builder().lexicon(&user).build())
    }

    /// The lexicon the segmenter was taught (policing and user words).
    pub fn lexicon(&self) -> &Lexicon {
        &self.inner.lexicon
    }

    /// Whether `word` is a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.inner.words.get(word).is_some_and(|w| w.stop)
    }

    /// Whether `word` is general policing vocabulary, rhetoric or a stop word, in one
    /// look-up: no theme as a plain word or run.
    pub(crate) fn is_generic_or_stop(&self, word: &str) -> bool {
        self.inner
            .words
            .get(word)
            .is_some_and(|w| w.plain_never_theme() || w.stop)
    }

    /// Whether `word` can be no name a report gives its work, quoted or not: general
    /// policing vocabulary or a stop word (rhetoric can: “连心桥”).
    pub(crate) fn is_never_a_name(&self, word: &str) -> bool {
        self.inner
            .words
            .get(word)
            .is_some_and(|w| w.generic || w.stop)
    }

    /// Whether `word` is general policing vocabulary, never a theme on its own (民警, 案件).
    pub fn is_generic(&self, word: &str) -> bool {
        self.inner.words.get(word).is_some_and(|w| w.generic)
    }

    /// Segments plain text (width-folded; no report structure).
    pub fn segment<'t>(&self, text: &'t str) -> Segmented<'t> {
        let mapped = MappedText::from_original(text);
        let mut chars = CharCounter::new(text);
        self.segment_mapped(Cow::Owned(mapped), &mut chars)
    }

    /// Segments text derived from `original` (a report block), keeping spans into `original`.
    pub fn segment_block<'a>(
        &self,
        original: &str,
        block: &'a crate::report::Block,
    ) -> Segmented<'a> {
        let mut chars = CharCounter::at(original, block.span().start, block.char_start());
        self.segment_mapped(Cow::Borrowed(block.mapped()), &mut chars)
    }

    pub(crate) fn segment_mapped<'a>(
        &self,
        text: Cow<'a, MappedText>,
        chars: &mut CharCounter<'_>,
    ) -> Segmented<'a> {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        self.segment_into(&text, 0, chars, &mut tokens, &mut sentences);
        Segmented {
            text,
            tokens,
            sentences,
        }
    }

    /// Segments `text`, appending its tokens and sentences to `tokens` and `sentences`, with
    /// spans in the derived text shifted by `base` (its place in a longer text).
    pub(crate) fn segment_into(
        &self,
        text: &MappedText,
        base: usize,
        chars: &mut CharCounter<'_>,
        tokens: &mut Vec<RawToken>,
        sentences: &mut Vec<RawSentence>,
    ) {
        let s = text.as_str();
        let spans: Vec<Span> = sentences_of(s).collect();
        // Most text needs neither grapheme clusters nor whitespace looked at: found out once.
        let Scan { graphemes, spaces } = scan(s, Want::Both);
        // jieba is handed a few sentences at once: it cuts them as it would one by one, since
        // every sentence ends in a character it never joins to a word (`。`, `；`, a line
        // break, a closing quote). Only a sentence longer than a piece is cut further.
        let mut raw: Vec<Cut> = Vec::with_capacity(s.len() / 3);
        let mut scratch = Vec::new();
        let mut k = 0;
        while k < spans.len() {
            let start = spans[k].start;
            let mut j = k + 1;
            while j < spans.len() && spans[j].end - start <= MAX_PIECE_BYTES {
                j += 1;
            }
            // Joined grapheme clusters must not join across sentences: such text goes one
            // sentence at a time.
            if graphemes && j > k + 1 && needs_grapheme_check(&s[start..spans[j - 1].end]) {
                j = k + 1;
            }
            for piece in pieces(s, Span::new(start, spans[j - 1].end)) {
                let text = &s[piece.range()];
                if spaces || graphemes {
                    scratch.clear();
                    self.cut_piece(text, &mut scratch);
                    raw.extend(
                        scratch
                            .iter()
                            .map(|&(a, b, p, c)| (piece.start + a, piece.start + b, p, c)),
                    );
                } else {
                    self.cut_words(text, piece.start, &mut raw);
                }
            }
            k = j;
        }
        // The tokens tile the text, and so do the sentences; a token that crossed a sentence's
        // end would be cut there.
        let mut t = 0;
        tokens.reserve(raw.len());
        sentences.reserve(spans.len());
        for &sentence in &spans {
            let first = tokens.len() as u32;
            // The sentence's character span is read as the counter passes its ends, before
            // and after its tokens, rather than by counting back over it.
            let sentence_orig = text.to_original(sentence);
            let first_char = chars.char_at(sentence_orig.start);
            while let Some(&(a, b, pos_tag, class)) = raw.get(t)
                && a < sentence.end
            {
                let end = b.min(sentence.end);
                if end < b {
                    raw[t].0 = end;
                } else {
                    t += 1;
                }
                let norm = Span::new(a, end);
                let Class {
                    kind,
                    pos,
                    category,
                    generic,
                } = match class {
                    Some(c) if end == b => c,
                    _ => self.classify(&s[norm.range()], pos_tag),
                };
                let orig = text.to_original(norm);
                tokens.push(RawToken {
                    norm: Span::new(base + a, base + end),
                    orig,
                    chars: chars.span(orig),
                    kind,
                    pos,
                    category,
                    generic,
                });
            }
            sentences.push(RawSentence {
                norm: Span::new(base + sentence.start, base + sentence.end),
                orig: sentence_orig,
                chars: Span::new(first_char, chars.char_at(sentence_orig.end)),
                tokens: first..tokens.len() as u32,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_sync() {
        assert_send_sync::<Segmenter>();
        assert_send_sync::<Segmented<'static>>();
    }

    #[test]
    fn rhetoric_words_are_single_words_of_jieba() {
        // A rhetoric entry acts on tokens: one that jieba cuts in pieces would act on none.
        let seg = Segmenter::new();
        for w in vocab::rhetoric_words() {
            let s = seg.segment(&w);
            assert_eq!(s.tokens().len(), 1, "{w} is cut");
            assert!(
                seg.is_generic_or_stop(&w) && !seg.is_never_a_name(&w),
                "{w}"
            );
        }
    }

    #[test]
    fn a_clone_shares_the_dictionary_and_segments_the_same() {
        let a = Segmenter::new();
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.inner, &b.inner));
        let text = "严打电信网络诈骗，整治笑气";
        let cut = |s: &Segmenter| {
            s.segment(text)
                .tokens()
                .map(|t| (t.text().to_string(), t.pos()))
                .collect::<Vec<_>>()
        };
        assert_eq!(cut(&a), cut(&b));
    }
}
