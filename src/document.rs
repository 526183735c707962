//! One report, analysed: its blocks segmented into one token stream, each sentence knowing
//! its section and the kind of block it stands in.

use crate::report::{Block, BlockKind, Report};
use crate::segment::{RawSentence, RawToken, Segmenter};
use crate::text::{CharCounter, Span};
use rayon::prelude::*;
use std::ops::Range;

/// A token of an analysed document, its `norm` span in [`Document::norm`].
pub(crate) type DocToken = RawToken;

/// How the blocks of a report are segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pieces {
    /// One after another.
    One,
    /// In pieces of about this many bytes, in parallel.
    Parallel(usize),
}

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

/// Reports of at least this many bytes have their blocks segmented in parallel: a compiled
/// yearbook or an archive saved as one file uses every core, not one.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Bytes of blocks segmented together, one piece of a long report per task.
const PIECE_BYTES: usize = 256 << 10;

/// Blocks of a report segmented together: what they add to the document, with offsets into
/// the derived text relative to the piece's start and token ranges relative to its first
/// token.
#[derive(Debug, Default)]
struct Piece {
    /// Whether derived text comes before the piece (so its first block is set apart by a
    /// line feed).
    after_text: bool,
    norm: String,
    shown: Option<String>,
    tokens: Vec<DocToken>,
    sentences: Vec<DocSentence>,
}

impl Piece {
    /// Appends `block` of `original`, segmented; returns its span in the piece's derived
    /// text.
    fn push_block(
        &mut self,
        original: &str,
        segmenter: &Segmenter,
        block: &Block,
        unit: UnitOf,
        chars: &mut CharCounter<'_>,
        scratch: &mut Vec<RawSentence>,
    ) -> Span {
        if self.after_text || !self.norm.is_empty() {
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

    /// Appends a piece segmented after this one: its offsets into the derived text and its
    /// token ranges moved past this one's.
    fn append(&mut self, piece: Piece) {
        let base = self.norm.len();
        let first = u32::try_from(self.tokens.len()).unwrap_or(u32::MAX);
        self.norm.push_str(&piece.norm);
        match (&mut self.shown, piece.shown) {
            (Some(shown), Some(more)) => shown.push_str(&more),
            (Some(shown), None) => shown.push_str(&piece.norm),
            (None, Some(more)) => {
                let mut shown = String::with_capacity(self.norm.capacity());
                shown.push_str(&self.norm[..base]);
                shown.push_str(&more);
                self.shown = Some(shown);
            }
            (None, None) => {}
        }
        let shift = |s: Span| Span::new(s.start + base, s.end + base);
        self.tokens.extend(piece.tokens.into_iter().map(|mut t| {
            t.norm = shift(t.norm);
            t
        }));
        self.sentences
            .extend(piece.sentences.into_iter().map(|mut s| {
                s.norm = shift(s.norm);
                s.tokens = s.tokens.start + first..s.tokens.end + first;
                s
            }));
    }

    /// The blocks segmented one after another, as a piece.
    fn of(
        original: &str,
        segmenter: &Segmenter,
        blocks: &[(&Block, UnitOf)],
        after_text: bool,
    ) -> Piece {
        let bytes: usize = blocks.iter().map(|(b, _)| b.text().len() + 1).sum();
        let mut piece = Piece {
            after_text,
            norm: String::with_capacity(bytes),
            tokens: Vec::with_capacity(bytes / 5),
            ..Piece::default()
        };
        let Some((first, _)) = blocks.first() else {
            return piece;
        };
        let mut chars = CharCounter::at(original, first.span().start, first.char_start());
        let mut scratch = Vec::new();
        for &(block, unit) in blocks {
            piece.push_block(original, segmenter, block, unit, &mut chars, &mut scratch);
        }
        piece
    }
}

impl Document {
    pub(crate) fn analyze(segmenter: &Segmenter, id: &str, text: &str) -> Document {
        let pieces = if text.len() >= PARALLEL_MIN_BYTES {
            Pieces::Parallel(PIECE_BYTES)
        } else {
            Pieces::One
        };
        Document::analyze_in(segmenter, id, text, pieces)
    }

    /// [`Document::analyze`], its blocks segmented in one piece or in pieces in parallel:
    /// the document is the same either way.
    fn analyze_in(segmenter: &Segmenter, id: &str, text: &str, pieces: Pieces) -> Document {
        let report = Report::parse(text);
        let mut doc = Document {
            id: id.to_string(),
            title: report.title(),
            norm: String::new(),
            shown: None,
            tokens: Vec::new(),
            sentences: Vec::new(),
            units: Vec::new(),
        };
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
        // The title first: the title as the report writes it is read from its spans.
        let mut whole = Piece {
            norm: String::with_capacity(text.len()),
            tokens: Vec::with_capacity(text.len() / 5),
            ..Piece::default()
        };
        let mut spans = Vec::new();
        let mut chars = CharCounter::new(text);
        let mut scratch = Vec::new();
        for block in report.title_blocks() {
            spans.push(whole.push_block(text, segmenter, block, outside, &mut chars, &mut scratch));
        }
        if let Some(shown) = &whole.shown {
            let parts: Vec<&str> = spans
                .iter()
                .map(|&span| shown.get(span.range()).unwrap_or_default())
                .collect();
            doc.title = parts.join(" ");
        }
        let mut blocks: Vec<(&Block, UnitOf)> =
            report.lead().iter().map(|b| (b, outside)).collect();
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
            let unit = UnitOf::Unit(i as u32);
            blocks.extend(
                section
                    .heading()
                    .into_iter()
                    .chain(section.blocks())
                    .map(|b| (b, unit)),
            );
        }
        match pieces {
            Pieces::One => {
                for &(block, unit) in &blocks {
                    whole.push_block(text, segmenter, block, unit, &mut chars, &mut scratch);
                }
            }
            Pieces::Parallel(bytes) => {
                // Consecutive blocks of about `bytes` each; each piece knows whether derived
                // text comes before it (the title's, or a block's before it).
                let mut groups: Vec<(&[(&Block, UnitOf)], bool)> = Vec::new();
                let mut after_text = !whole.norm.is_empty();
                let (mut start, mut size, mut group_after) = (0, 0, after_text);
                for (k, (b, _)) in blocks.iter().enumerate() {
                    size += b.text().len();
                    after_text |= !b.text().is_empty();
                    if size >= bytes {
                        groups.push((&blocks[start..=k], group_after));
                        (start, size, group_after) = (k + 1, 0, after_text);
                    }
                }
                if start < blocks.len() {
                    groups.push((&blocks[start..], group_after));
                }
                // A few pieces per thread at a time, appended as they are done: the pieces
                // in hand stay a few megabytes, whatever the report's size.
                let batch = 2 * rayon::current_num_threads().max(1);
                for groups in groups.chunks(batch) {
                    let done: Vec<Piece> = groups
                        .par_iter()
                        .map(|&(g, after)| Piece::of(text, segmenter, g, after))
                        .collect();
                    for piece in done {
                        whole.append(piece);
                    }
                }
            }
        }
        doc.norm = whole.norm;
        doc.shown = whole.shown;
        doc.tokens = whole.tokens;
        doc.sentences = whole.sentences;
        doc
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Reports of every shape the parser knows: a feature with sections, an official
    /// document, traditional characters (a shown text), text before the first section, and
    /// blank or odd lines.
    fn reports() -> Vec<String> {
        let read = |p: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
            std::fs::read_to_string(path).unwrap_or_default()
        };
        let seed = read("seeds/000_12d651512e7a8b8a.txt");
        let official = read("seeds/gw_1.txt");
        let traditional = read("tests/fixtures/seed_traditional.txt");
        assert!(!seed.is_empty() && !official.is_empty() && !traditional.is_empty());
        vec![
            format!("{seed}\n\n{traditional}\n\n{official}"),
            format!("{traditional}\n\n{seed}"),
            official.clone(),
            format!("严打电信网络诈骗。\n\n\n\n{official}\n \n\u{3000}\n{seed}"),
            "象山公安：\n\n深化“公安大脑”建设。".repeat(40),
            String::new(),
        ]
    }

    #[test]
    fn a_report_segmented_in_pieces_in_parallel_is_the_same_document() {
        let seg = Segmenter::new();
        for text in reports() {
            let one = Document::analyze_in(&seg, "r", &text, Pieces::One);
            for bytes in [1, 300, 4096, usize::MAX] {
                let parallel = Document::analyze_in(&seg, "r", &text, Pieces::Parallel(bytes));
                // Every field: derived and shown texts, tokens, sentences, units and title.
                assert_eq!(
                    format!("{one:?}"),
                    format!("{parallel:?}"),
                    "pieces of {bytes} B"
                );
            }
        }
    }
}
