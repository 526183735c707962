//! One report, analysed: its blocks segmented into one token stream, each sentence knowing
//! its section and the kind of block it stands in.

use crate::report::{BODY_SUFFIXES, Block, BlockKind, Report};
use crate::segment::{RawSentence, RawToken, Segmenter, TokenKind};
use crate::text::{CharCounter, Span};
use crate::vocab::Pos;
use std::ops::Range;

/// Words for a police body, after the place it is named by (泰顺县 公安局, 泰顺 公安机关).
const BODY_WORDS: &[&str] = &["公安局", "公安分局", "公安机关", "警方"];

/// Words for a police body after a place name only: after another word they may end a
/// programme's name (智慧公安).
const BODY_WORDS_AFTER_PLACES: &[&str] = &["分局", "公安", "交警"];

/// A token of an analysed document, its `norm` span in [`Document::norm`].
pub(crate) type DocToken = RawToken;

/// A sentence of an analysed document.
#[derive(Debug, Clone)]
pub(crate) struct DocSentence {
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) tokens: Range<u32>,
    /// The section (unit) it belongs to; `None` for the title and lead outside sections.
    pub(crate) unit: Option<u32>,
    pub(crate) block: BlockKind,
    /// The level of a numbered heading or paragraph of an official document.
    pub(crate) level: Option<u8>,
}

impl DocSentence {
    /// Whether the sentence is text the report says rather than decoration: paragraphs,
    /// captions, and the numbered headings of official documents, which state the work done.
    /// A newspaper's headings are slogans and count only beside body text.
    pub(crate) fn is_body(&self) -> bool {
        match self.block {
            BlockKind::Paragraph | BlockKind::Caption => true,
            BlockKind::Heading => self.level.is_some(),
            _ => false,
        }
    }
}

/// A unit of ranking inside a document: a section, or the whole document when it has none.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub(crate) title: String,
    pub(crate) span: Span,
}

/// A report, parsed and segmented.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The blocks' derived texts, one after another, separated by a line feed.
    pub(crate) norm: String,
    pub(crate) tokens: Vec<DocToken>,
    pub(crate) sentences: Vec<DocSentence>,
    pub(crate) units: Vec<Unit>,
    /// Words of the section titles that name the bureaus (象山 of 象山公安), places named in
    /// the title, and places police bodies are named by: never themes.
    pub(crate) own_names: Vec<String>,
}

impl Document {
    pub(crate) fn analyze(segmenter: &Segmenter, id: &str, text: &str) -> Document {
        let report = Report::parse(text);
        let mut doc = Document {
            id: id.to_string(),
            title: report.title(),
            norm: String::with_capacity(text.len()),
            tokens: Vec::with_capacity(text.len() / 5),
            sentences: Vec::new(),
            units: Vec::new(),
            own_names: Vec::new(),
        };
        let mut chars = CharCounter::new(text);
        let mut scratch = Vec::new();
        let sectioned = !report.sections().is_empty();
        let outside = if sectioned { None } else { Some(0) };
        if !sectioned {
            doc.units.push(Unit {
                title: String::new(),
                span: Span::new(0, text.len()),
            });
        }
        for block in report.title_blocks().iter().chain(report.lead()) {
            doc.push_block(segmenter, block, outside, &mut chars, &mut scratch);
        }
        // The places a report names in its title (宁波 of 宁波公安, 临江县 of 临江县公安局…工作总结)
        // are the reporting body's own.
        for b in report.title_blocks() {
            for t in segmenter.segment(b.text()).tokens() {
                if t.kind() == TokenKind::Word && t.pos() == Pos::PlaceName {
                    doc.own_names.push(t.text().to_string());
                }
            }
        }
        for (i, section) in report.sections().iter().enumerate() {
            doc.units.push(Unit {
                title: section.title().to_string(),
                span: section.span(),
            });
            // A bureau's name (象山 of 象山公安) is never one of its themes; a numbered part's
            // title is a heading like any other.
            let title = segmenter.segment(if section.is_numbered() {
                ""
            } else {
                section.title()
            });
            for t in title.tokens() {
                if t.kind() == TokenKind::Word
                    && !segmenter.is_generic(t.text())
                    && t.category().is_none()
                    && t.text().chars().count() >= 2
                {
                    doc.own_names.push(t.text().to_string());
                }
            }
            // However the title is cut, the bureau's name is the title without its kind of
            // body (海曙 of 海曙公安, 普陀 of 普陀区分局).
            if !section.is_numbered()
                && let Some(name) = BODY_SUFFIXES
                    .iter()
                    .find_map(|s| section.title().strip_suffix(s))
                    .filter(|n| n.chars().count() >= 2)
            {
                doc.own_names.push(name.to_string());
            }
            for block in section.heading().into_iter().chain(section.blocks()) {
                doc.push_block(segmenter, block, Some(i as u32), &mut chars, &mut scratch);
            }
        }
        // The places a report names police bodies by (泰顺 of 泰顺公安机关, 泰顺县 of
        // 泰顺县公安局) are the reporting body's, or a neighbour's: never themes.
        let mut bodies = Vec::new();
        for pair in doc.tokens.windows(2) {
            let (place, body) = (&pair[0], &pair[1]);
            let words = match place.pos {
                Pos::PlaceName => &[BODY_WORDS, BODY_WORDS_AFTER_PLACES][..],
                // jieba tags some county names as proper nouns (泰顺/nz).
                Pos::ProperNoun => &[BODY_WORDS][..],
                _ => continue,
            };
            let body = doc.text(body.norm);
            if words.iter().any(|w| w.contains(&body))
                && place.kind == TokenKind::Word
                && place.category.is_none()
                && !place.generic
                && place.chars.len() >= 2
            {
                bodies.push(doc.text(place.norm).to_string());
            }
        }
        doc.own_names.extend(bodies);
        doc.own_names.sort();
        doc.own_names.dedup();
        doc
    }

    fn push_block(
        &mut self,
        segmenter: &Segmenter,
        block: &Block,
        unit: Option<u32>,
        chars: &mut CharCounter<'_>,
        scratch: &mut Vec<RawSentence>,
    ) {
        if !self.norm.is_empty() {
            self.norm.push('\n');
        }
        let base = self.norm.len();
        self.norm.push_str(block.text());
        scratch.clear();
        segmenter.segment_into(block.mapped(), base, chars, &mut self.tokens, scratch);
        self.sentences.extend(scratch.iter().map(|raw| DocSentence {
            norm: raw.norm,
            orig: raw.orig,
            chars: raw.chars,
            tokens: raw.tokens.clone(),
            unit,
            block: block.kind(),
            level: block.level(),
        }));
    }

    /// The text of a token.
    pub(crate) fn text(&self, span: Span) -> &str {
        &self.norm[span.range()]
    }

    /// The tokens of a sentence.
    pub(crate) fn sentence_tokens(&self, s: &DocSentence) -> &[DocToken] {
        &self.tokens[s.tokens.start as usize..s.tokens.end as usize]
    }

    /// Number of sections counted for corpus statistics.
    pub(crate) fn unit_count(&self) -> usize {
        self.units.len().max(1)
    }
}
