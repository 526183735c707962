//! Parts of speech, from jieba's tag set.

use serde::{Deserialize, Serialize};

/// A part of speech, from jieba's tag set (ICTCLAS-style tags such as `n`, `nz`, `vn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Pos {
    /// `n`: common noun.
    Noun,
    /// `nr`: person name.
    PersonName,
    /// `ns`: place name.
    PlaceName,
    /// `nt`: organisation name.
    Organization,
    /// `nz`: other proper noun (names of programmes, products, events).
    ProperNoun,
    /// `vn`: verb used as a noun.
    VerbalNoun,
    /// `j`: abbreviation.
    Abbreviation,
    /// `v`: verb.
    Verb,
    /// `a`: adjective.
    Adjective,
    /// `d`: adverb.
    Adverb,
    /// `t`: time word.
    Time,
    /// `s`, `f`: place or direction word.
    Locative,
    /// `m`: numeral.
    Numeral,
    /// `q`: measure word.
    Measure,
    /// `r`: pronoun.
    Pronoun,
    /// `p`: preposition.
    Preposition,
    /// `c`: conjunction.
    Conjunction,
    /// `u`: particle.
    Particle,
    /// `i`, `l`: idiom or fixed expression.
    Idiom,
    /// `eng`: Latin-script word.
    Latin,
    /// `x`: punctuation, symbols and whitespace.
    Symbol,
    /// Any other tag.
    Other,
}

impl Pos {
    /// The part of speech of a jieba tag; unknown tags give [`Pos::Other`].
    ///
    /// ```
    /// use jingwu::Pos;
    /// assert_eq!(Pos::from_tag("nz"), Pos::ProperNoun);
    /// assert_eq!(Pos::from_tag("nrt"), Pos::PersonName);
    /// assert_eq!(Pos::from_tag("zz"), Pos::Other);
    /// ```
    pub fn from_tag(tag: &str) -> Pos {
        let b = tag.as_bytes();
        match b {
            b"eng" => Pos::Latin,
            b"vn" => Pos::VerbalNoun,
            b"nz" => Pos::ProperNoun,
            b"x" | b"w" => Pos::Symbol,
            [b'n', b'r', ..] => Pos::PersonName,
            [b'n', b's', ..] => Pos::PlaceName,
            [b'n', b't', ..] => Pos::Organization,
            [b'n', ..] | b"an" => Pos::Noun,
            [b'v', ..] => Pos::Verb,
            [b'a', ..] => Pos::Adjective,
            [b'd', ..] => Pos::Adverb,
            [b't', ..] => Pos::Time,
            b"s" | b"f" => Pos::Locative,
            [b'm', ..] => Pos::Numeral,
            [b'q', ..] => Pos::Measure,
            [b'r', ..] => Pos::Pronoun,
            [b'p', ..] => Pos::Preposition,
            [b'c', ..] => Pos::Conjunction,
            [b'u', ..] => Pos::Particle,
            b"i" | b"l" => Pos::Idiom,
            b"j" => Pos::Abbreviation,
            _ => Pos::Other,
        }
    }

    /// The jieba tag for this part of speech (`n`, `nz`, ...).
    pub fn tag(self) -> &'static str {
        match self {
            Pos::Noun => "n",
            Pos::PersonName => "nr",
            Pos::PlaceName => "ns",
            Pos::Organization => "nt",
            Pos::ProperNoun => "nz",
            Pos::VerbalNoun => "vn",
            Pos::Abbreviation => "j",
            Pos::Verb => "v",
            Pos::Adjective => "a",
            Pos::Adverb => "d",
            Pos::Time => "t",
            Pos::Locative => "s",
            Pos::Numeral => "m",
            Pos::Measure => "q",
            Pos::Pronoun => "r",
            Pos::Preposition => "p",
            Pos::Conjunction => "c",
            Pos::Particle => "u",
            Pos::Idiom => "l",
            Pos::Latin => "eng",
            Pos::Symbol => "x",
            Pos::Other => "un",
        }
    }

    /// Whether the part of speech names a thing: nouns, verbal nouns, proper nouns and
    /// abbreviations (not person, place or organisation names).
    pub fn is_nominal(self) -> bool {
        matches!(
            self,
            Pos::Noun | Pos::ProperNoun | Pos::VerbalNoun | Pos::Abbreviation
        )
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pos_tags_round_trip() {
        for p in [
            Pos::Noun,
            Pos::ProperNoun,
            Pos::VerbalNoun,
            Pos::PersonName,
            Pos::Idiom,
        ] {
            assert_eq!(Pos::from_tag(p.tag()), p);
        }
    }
}
