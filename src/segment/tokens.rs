//! What segmenting returns: tokens and sentences with spans into the original input.

use crate::text::{MappedText, Span};
use crate::vocab::{Category, Pos};
use std::borrow::Cow;
use std::ops::Range;

use super::TokenKind;

#[derive(Debug, Clone, Copy)]
pub(crate) struct RawToken {
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) kind: TokenKind,
    pub(crate) pos: Pos,
    pub(crate) category: Option<Category>,
    /// General policing vocabulary ([`crate::Segmenter::is_generic`]) or rhetoric: no theme as a
    /// plain word.
    pub(crate) generic: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RawSentence {
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) tokens: Range<u32>,
}

/// The result of segmenting a text: its tokens, grouped in sentences.
#[derive(Debug, Clone)]
pub struct Segmented<'a> {
    pub(super) text: Cow<'a, MappedText>,
    pub(crate) tokens: Vec<RawToken>,
    pub(crate) sentences: Vec<RawSentence>,
}

impl<'a> Segmented<'a> {
    /// The text that was segmented, after width folding and repair.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Every token, in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'_>> + Clone + '_ {
        self.tokens.iter().map(move |r| self.token(r))
    }

    /// The sentences, in order.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = Sentence<'_>> + Clone + '_ {
        self.sentences
            .iter()
            .map(move |raw| Sentence { seg: self, raw })
    }

    pub(crate) fn token(&self, r: &RawToken) -> Token<'_> {
        Token {
            text: &self.text.as_str()[r.norm.range()],
            kind: r.kind,
            pos: r.pos,
            span: r.orig,
            char_span: r.chars,
            category: r.category,
        }
    }
}

/// A sentence of a [`Segmented`] text.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'s> {
    seg: &'s Segmented<'s>,
    raw: &'s RawSentence,
}

impl<'s> Sentence<'s> {
    /// The sentence's text (after width folding and repair).
    pub fn text(&self) -> &'s str {
        &self.seg.text.as_str()[self.raw.norm.range()]
    }

    /// Byte span of the sentence in the original input.
    pub fn span(&self) -> Span {
        self.raw.orig
    }

    /// Character span of the sentence in the original input.
    pub fn char_span(&self) -> Span {
        self.raw.chars
    }

    /// The sentence's tokens.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'s>> + Clone + 's {
        let seg = self.seg;
        let r = self.raw.tokens.start as usize..self.raw.tokens.end as usize;
        seg.tokens[r].iter().map(move |t| seg.token(t))
    }
}

/// A token: a word, stop word, number, punctuation mark, Latin word or whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    text: &'a str,
    kind: TokenKind,
    pos: Pos,
    span: Span,
    char_span: Span,
    category: Option<Category>,
}

impl<'a> Token<'a> {
    /// The token's text, width-folded (`ＡＰＰ` reads `APP`).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// What the token is.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// Its part of speech.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Byte span in the original input. For a token whose characters were width-folded, or
    /// that spans a repaired line break, the original text differs from [`Token::text`].
    pub fn span(&self) -> Span {
        self.span
    }

    /// Character span in the original input.
    pub fn char_span(&self) -> Span {
        self.char_span
    }

    /// The lexicon category, for a word of the policing or a user lexicon that has one.
    pub fn category(&self) -> Option<Category> {
        self.category
    }
}
