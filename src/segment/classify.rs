//! What a word is: its kind, part of speech, lexicon category and whether it is general
//! vocabulary, worked out once per word a thread meets.

use super::{Segmenter, TokenKind};
use crate::text::{is_cn_numeral, is_han, starts_common_han};
use crate::vocab::{Category, Pos};

/// What the segmenter makes of a word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Class {
    pub(super) kind: TokenKind,
    pub(super) pos: Pos,
    pub(super) category: Option<Category>,
    /// General policing vocabulary, or rhetoric: never a theme as a plain word.
    pub(super) generic: bool,
}

impl Class {
    pub(super) fn new(
        kind: TokenKind,
        pos: Pos,
        category: Option<Category>,
        generic: bool,
    ) -> Class {
        Class {
            kind,
            pos,
            category,
            generic,
        }
    }
}
impl Segmenter {
    /// What a token is: its kind, part of speech, lexicon category, and whether it is
    /// general policing vocabulary.
    pub(super) fn classify(&self, word: &str, pos: Pos) -> Class {
        // One pass over the characters, or none for the common case of Han characters.
        let (mut space, mut han, mut alnum, mut chars) = (true, false, false, 0usize);
        let bytes = word.as_bytes();
        if !bytes.is_empty()
            && bytes.len().is_multiple_of(3)
            && bytes.chunks_exact(3).all(starts_common_han)
        {
            (space, han, alnum, chars) = (false, true, true, bytes.len() / 3);
        } else {
            for c in word.chars() {
                chars += 1;
                let h = is_han(c);
                han |= h;
                alnum |= h || c.is_alphanumeric();
                space &= c.is_whitespace();
            }
        }
        if space {
            return Class::new(TokenKind::Whitespace, Pos::Symbol, None, false);
        }
        if !alnum {
            return Class::new(TokenKind::Punctuation, Pos::Symbol, None, false);
        }
        let info = self.inner.words.get(word).copied().unwrap_or_default();
        if let Some(e) = info
            .lexicon
            .and_then(|i| self.inner.lexicon.entry(i as usize))
        {
            return Class::new(
                TokenKind::Word,
                e.pos(),
                e.category(),
                info.plain_never_theme(),
            );
        }
        if is_number(word) {
            return Class::new(TokenKind::Number, Pos::Numeral, None, false);
        }
        if info.stop {
            return Class::new(TokenKind::StopWord, pos, None, info.plain_never_theme());
        }
        if !han {
            return Class::new(TokenKind::Latin, Pos::Latin, None, info.plain_never_theme());
        }
        // jieba's dictionary tags some common words as person names (市场秩序/nr); Chinese
        // names have two or three characters.
        if pos == Pos::PersonName && chars >= 4 {
            return Class::new(TokenKind::Word, Pos::Noun, None, info.plain_never_theme());
        }
        // The general vocabulary lists the nouns of police work; jieba tags some of them set
        // phrases (违法犯罪/l), which would keep them from the head of a compound
        // (网络违法犯罪, 跨境违法犯罪).
        if pos == Pos::Idiom && info.generic {
            return Class::new(TokenKind::Word, Pos::Noun, None, info.plain_never_theme());
        }
        Class::new(TokenKind::Word, pos, None, info.plain_never_theme())
    }
}

fn is_number(word: &str) -> bool {
    let mut digit = false;
    for c in word.chars() {
        match c {
            '0'..='9' => digit = true,
            c if is_cn_numeral(c) => digit = true,
            '.' | '%' | '‰' | ',' | '/' | ':' | '-' | '+' => {}
            _ => return false,
        }
    }
    digit
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for w in ["12.93%", "3.9", "三", "105", "1,000"] {
            assert!(is_number(w), "{w}");
        }
        for w in ["十分", "CCTV2", "三治", "%"] {
            assert!(!is_number(w), "{w}");
        }
    }
}
