//! One report, analysed: its blocks segmented into one token stream, each sentence knowing
//! its section and the kind of block it stands in.

use crate::report::{Block, BlockKind, Report};
use crate::segment::{RawSentence, RawToken, Segmenter};
use crate::text::{CharCounter, Span};
use std::ops::Range;

/// A token of an analysed document, its `norm` span in [`Document::norm`].
pub(crate) type DocToken = RawToken;

/// The unit of ranking a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum UnitOf {
    /// The title and lead of a report with sections: text of the report, in no section.
    Outside,
    /// Section (or, for a report without sections, the whole document) number `0`.
    Unit(u32),
}

impl UnitOf {
    /// The unit's index, if the sentence is in one.
    pub(crate) fn index(self) -> Option<usize> {
        match self {
            UnitOf::Outside => None,
            UnitOf::Unit(u) => Some(u as usize),
        }
    }
}

/// A sentence of an analysed document.
#[derive(Debug, Clone)]
pub(crate) struct DocSentence {
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) tokens: Range<u32>,
    pub(crate) unit: UnitOf,
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

/// What kind of unit a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// A report without sections, ranked whole.
    Whole,
    /// A named part of a feature (`象山公安：`): its title names a bureau.
    Named,
    /// A numbered part of an official document (`一、`): its title is a heading.
    Numbered,
}

/// A unit of ranking inside a document: a section, or the whole document when it has none.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub(crate) title: String,
    pub(crate) span: Span,
    pub(crate) kind: UnitKind,
}

/// A report, parsed and segmented.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The blocks' derived texts, one after another, separated by a line feed.
    pub(crate) norm: String,
    /// `norm` in the script the report writes (traditional characters as written), when the
    /// report has traditional characters: of the same length, so `norm`'s offsets apply.
    shown: Option<String>,
    pub(crate) tokens: Vec<DocToken>,
    pub(crate) sentences: Vec<DocSentence>,
    pub(crate) units: Vec<Unit>,
}

impl Document {
    pub(crate) fn analyze(segmenter: &Segmenter, id: &str, text: &str) -> Document {
        let report = Report::parse(text);
        let mut doc = Document {
            id: id.to_string(),
            title: report.title(),
            norm: String::with_capacity(text.len()),
            shown: None,
            tokens: Vec::with_capacity(text.len() / 5),
            sentences: Vec::new(),
            units: Vec::new(),
        };
        let mut chars = CharCounter::new(text);
        let mut scratch = Vec::new();
        let sectioned = !report.sections().is_empty();
        let outside = if sectioned {
            UnitOf::Outside
        } else {
            doc.units.push(Unit {
                title: String::new(),
                span: Span::new(0, text.len()),
                kind: UnitKind::Whole,
            });
            UnitOf::Unit(0)
        };
        let mut title = Vec::new();
        for block in report.title_blocks() {
            title.push(doc.push_block(text, segmenter, block, outside, &mut chars, &mut scratch));
        }
        if doc.shown.is_some() {
            let parts: Vec<&str> = title.iter().map(|&span| doc.shown(span)).collect();
            doc.title = parts.join(" ");
        }
        for block in report.lead() {
            doc.push_block(text, segmenter, block, outside, &mut chars, &mut scratch);
        }
        for (i, section) in report.sections().iter().enumerate() {
            doc.units.push(Unit {
                title: section.title().to_string(),
                span: section.span(),
                kind: if section.is_numbered() {
                    UnitKind::Numbered
                } else {
                    UnitKind::Named
                },
            });
            for block in section.heading().into_iter().chain(section.blocks()) {
                let unit = UnitOf::Unit(i as u32);
                doc.push_block(text, segmenter, block, unit, &mut chars, &mut scratch);
            }
        }
        doc
    }

    /// Appends `block` of `original`, segmented; returns its span in the derived text.
    fn push_block(
        &mut self,
        original: &str,
        segmenter: &Segmenter,
        block: &Block,
        unit: UnitOf,
        chars: &mut CharCounter<'_>,
        scratch: &mut Vec<RawSentence>,
    ) -> Span {
        if !self.norm.is_empty() {
            self.norm.push('\n');
            if let Some(shown) = &mut self.shown {
                shown.push('\n');
            }
        }
        let base = self.norm.len();
        self.norm.push_str(block.text());
        if self.shown.is_none() && block.mapped().is_script_folded() {
            self.shown = Some(self.norm[..base].to_string());
        }
        if let Some(shown) = &mut self.shown {
            shown.push_str(&block.mapped().unfolded_script(original));
        }
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
        Span::new(base, self.norm.len())
    }

    /// The text of a token.
    pub(crate) fn text(&self, span: Span) -> &str {
        &self.norm[span.range()]
    }

    /// The text at `span` of the derived text as the report writes it: in its script.
    pub(crate) fn shown(&self, span: Span) -> &str {
        let text = self.shown.as_deref().unwrap_or(&self.norm);
        text.get(span.range()).unwrap_or_default()
    }

    /// `text` as the report writes it, when it is a piece of the derived text (a candidate's
    /// text); other text (a lexicon word) as it is.
    pub(crate) fn shown_of<'s>(&'s self, text: &'s str) -> &'s str {
        let Some(shown) = &self.shown else {
            return text;
        };
        let at = (text.as_ptr() as usize).wrapping_sub(self.norm.as_ptr() as usize);
        match shown.get(at..at.saturating_add(text.len())) {
            Some(s) if at <= self.norm.len() => s,
            _ => text,
        }
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
