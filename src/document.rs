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
        for block in report.title_blocks().iter().chain(report.lead()) {
            doc.push_block(segmenter, block, outside, &mut chars, &mut scratch);
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
                doc.push_block(segmenter, block, unit, &mut chars, &mut scratch);
            }
        }
        doc
    }

    fn push_block(
        &mut self,
        segmenter: &Segmenter,
        block: &Block,
        unit: UnitOf,
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
