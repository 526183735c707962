//! The reporting body's own names: the places and bureaus a report names itself by, never
//! its themes (象山 of 象山公安, 泰顺 of 泰顺县公安局, 宁波 of the title 宁波公安…).

use super::Reject;
use crate::document::{Document, UnitKind};
use crate::report::BlockKind;
use crate::segment::{Segmenter, TokenKind};
use crate::vocab::{Pos, cues};

/// The characters that name a kind of place after its name (象山县, 宁波市, 镇海区).
const PLACE_KINDS: &[char] = &['省', '市', '县', '区', '镇', '乡', '村', '州', '盟', '旗'];

/// The own names of one document, with what makes looking them up cheap.
#[derive(Debug, Default)]
pub(crate) struct OwnNames {
    names: Vec<String>,
    /// The first characters of the names: they rule out most words at once.
    first: Vec<Option<char>>,
}

impl OwnNames {
    /// The own names of `doc`: places named in its title, the bureaus its section titles
    /// name, and the places police bodies are named by in its text.
    pub(crate) fn of(seg: &Segmenter, doc: &Document) -> OwnNames {
        let mut names: Vec<String> = Vec::new();
        let cues = cues();
        // The places a report names in its title (宁波 of 宁波公安, 临江县 of 临江县公安局…
        // 工作总结) are the reporting body's own.
        for s in doc.sentences.iter().filter(|s| s.block == BlockKind::Title) {
            for t in doc.sentence_tokens(s) {
                if t.kind == TokenKind::Word && t.pos == Pos::PlaceName {
                    names.push(doc.text(t.norm).to_string());
                }
            }
        }
        for unit in doc.units.iter().filter(|u| u.kind == UnitKind::Named) {
            // A bureau's name (象山 of 象山公安) is never one of its themes; a numbered part's
            // title is a heading like any other.
            for t in seg.segment(&unit.title).tokens() {
                if t.kind() == TokenKind::Word
                    && !seg.is_generic(t.text())
                    && t.category().is_none()
                    && t.text().chars().count() >= 2
                {
                    names.push(t.text().to_string());
                }
            }
            // However the title is cut, the bureau's name is the title without its kind of
            // body (海曙 of 海曙公安, 普陀 of 普陀区分局).
            if let Some(name) = cues
                .body_suffixes
                .iter()
                .find_map(|s| unit.title.strip_suffix(s))
                .filter(|n| n.chars().count() >= 2)
            {
                names.push(name.to_string());
            }
        }
        // The places a report names police bodies by (泰顺 of 泰顺公安机关, 泰顺县 of
        // 泰顺县公安局) are the reporting body's, or a neighbour's: never themes.
        for pair in doc.tokens.windows(2) {
            let (place, body) = (&pair[0], &pair[1]);
            let body = doc.text(body.norm);
            let names_a_body = match place.pos {
                Pos::PlaceName => {
                    cues.body_words.contains(&body) || cues.body_words_after_places.contains(&body)
                }
                // jieba tags some county names as proper nouns (泰顺/nz).
                Pos::ProperNoun => cues.body_words.contains(&body),
                _ => false,
            };
            if names_a_body
                && place.kind == TokenKind::Word
                && place.category.is_none()
                && !place.generic
                && place.chars.len() >= 2
            {
                names.push(doc.text(place.norm).to_string());
            }
        }
        names.sort();
        names.dedup();
        let mut first: Vec<Option<char>> = names.iter().map(|n| n.chars().next()).collect();
        first.sort_unstable();
        first.dedup();
        OwnNames { names, first }
    }

    /// Whether `text` is an own name, or the name of a body or place built on one
    /// (象山县公安局, 象山县, 象山警方), rather than a name of work that starts with the
    /// place (枫桥经验 beside the 枫桥派出所 that reports).
    pub(crate) fn names_itself(&self, text: &str) -> bool {
        if !self.starts(text) {
            return false;
        }
        let cues = cues();
        self.names
            .iter()
            .filter_map(|n| text.strip_prefix(n.as_str()))
            .any(|rest| {
                let rest = rest.trim_start_matches(PLACE_KINDS);
                rest.is_empty()
                    || cues.body_suffixes.contains(&rest)
                    || cues.body_words.contains(&rest)
                    || crate::candidates::rules::name_kind(rest) == Some(Reject::Body)
            })
    }

    /// Whether `text` is an own name, or starts with one (象山县公安局, 象山港).
    pub(crate) fn starts(&self, text: &str) -> bool {
        let first = text.chars().next();
        (self.first.contains(&first) || self.first.contains(&None))
            && self.names.iter().any(|n| text.starts_with(n.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bureaus_title_places_and_places_of_police_bodies() {
        let seg = Segmenter::new();
        let doc = Document::analyze(
            &seg,
            "t",
            "宁波公安巡礼\n\n象山公安：\n\n泰顺县公安局民警走访渔民。治理“平安蓝”。\n",
        );
        let own = OwnNames::of(&seg, &doc);
        for name in ["象山", "象山县公安局", "宁波", "泰顺县"] {
            assert!(own.starts(name), "{name}: {:?}", own.names);
        }
        for not in ["平安蓝", "渔民", "公安"] {
            assert!(!own.starts(not), "{not}");
        }
        for name in ["象山", "象山县公安局", "象山警方", "宁波市", "泰顺县"] {
            assert!(own.names_itself(name), "{name}");
        }
        // A name of work that starts with the place is the work's.
        for not in ["象山港湾警务", "宁波经验", "平安蓝"] {
            assert!(!own.names_itself(not), "{not}");
        }
    }
}
