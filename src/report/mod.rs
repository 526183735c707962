//! Report structure: title, sections, headings, paragraphs, captions and bylines, with the
//! paragraphs that the extraction broke apart put back together.
//!
//! Police work reports reach analysts through PDF and newspaper extraction. The text keeps
//! its layout (one paragraph per line, blank lines between) but also its damage: a paragraph
//! cut in the middle of a word by a blank line (`稳步推进警情⏎⏎分流工作`). [`Report::parse`]
//! reads the layout and repairs the damage; every [`Block`] it returns maps back to the
//! original bytes.

mod bylines;
mod furniture;
mod headers;
mod numbered;
mod parser;
mod repair;
mod shape;

use crate::text::{MappedText, Span};
use serde::{Deserialize, Serialize};

/// Longest line, in characters, that can be a heading. Longer lines without sentence-final
/// punctuation are paragraphs cut short by the extraction.
const HEADING_MAX_CHARS: usize = 40;
/// Longest section header (`象山公安：`), in characters, without its colon.
const SECTION_HEADER_MAX_CHARS: usize = 16;
/// Longest photo caption, in characters.
const CAPTION_MAX_CHARS: usize = 60;
/// Blank lines that mark the place of a photo before its caption.
const CAPTION_MIN_GAP: usize = 2;

/// What a block of a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BlockKind {
    /// A line of the report's title, before the first section.
    Title,
    /// A heading: a short line without sentence-final punctuation.
    Heading,
    /// A paragraph of body text, possibly repaired from several lines.
    Paragraph,
    /// A photo caption: a lone short sentence set apart by the gap a photo leaves.
    Caption,
    /// Page furniture of a web page: a breadcrumb (`首页 > 新闻`), the page's metadata
    /// (`来源：…`, `发布时间：…`), a menu, a stray line without Han characters. Kept apart
    /// in [`Report::furniture`], never analysed.
    Furniture,
}

/// One block of text of a report: a title line, heading, paragraph or caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub(super) kind: BlockKind,
    pub(super) text: MappedText,
    pub(super) lines: Vec<Span>,
    pub(super) level: Option<u8>,
    pub(super) number: Option<Span>,
    /// Character offset in the original input of the block's first byte.
    pub(super) char_start: usize,
}

impl Block {
    /// What kind of block this is.
    pub fn kind(&self) -> BlockKind {
        self.kind
    }

    /// The block's text: its lines joined where the extraction broke them, width-folded.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// The block's text with its map back to the original input.
    pub fn mapped(&self) -> &MappedText {
        &self.text
    }

    /// The span of the original input the block covers, repaired breaks included.
    pub fn span(&self) -> Span {
        self.text.original_span()
    }

    /// The character offset in the original input where the block starts.
    ///
    /// ```
    /// use jingwu::Report;
    ///
    /// let text = "象山公安：\n严打电信网络诈骗。\n\n守护平安。";
    /// let report = Report::parse(text);
    /// for b in report.blocks() {
    ///     assert_eq!(b.char_start(), text[..b.span().start].chars().count());
    /// }
    /// assert_eq!(report.blocks().last().map(|b| b.char_start()), Some(17));
    /// ```
    pub fn char_start(&self) -> usize {
        self.char_start
    }

    /// The spans of the original lines the block was joined from (one for an unbroken block).
    pub fn lines(&self) -> &[Span] {
        &self.lines
    }

    /// Whether the block was repaired from lines broken apart by the extraction.
    pub fn is_repaired(&self) -> bool {
        self.lines.len() > 1
    }

    /// For a numbered heading or paragraph of an official document, its level: 1 for `一、`,
    /// 2 for `（一）`, 3 for `1.`, 4 for `（1）` and `①`.
    pub fn level(&self) -> Option<u8> {
        self.level
    }

    /// The span of its number (`（一）`) in the original input; the number is structure, not
    /// part of [`Block::text`].
    pub fn number_span(&self) -> Option<Span> {
        self.number
    }
}

/// The role a byline gives its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BylineRole {
    /// `记者`, `本报记者`, `见习记者`.
    Reporter,
    /// `通讯员`.
    Correspondent,
    /// `摄影`, `摄`.
    Photographer,
    /// `实习生`.
    Intern,
}

/// A byline such as `通讯员 章挺伟 柳欣 文/摄`: metadata, never body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Byline {
    role: BylineRole,
    names: Vec<String>,
    credit: Option<String>,
    span: Span,
}

impl Byline {
    /// The role of the people named.
    pub fn role(&self) -> BylineRole {
        self.role
    }

    /// The names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// What they are credited for (`文/摄`), if the byline says.
    pub fn credit(&self) -> Option<&str> {
        self.credit.as_deref()
    }

    /// The byline's text in the original input: its line, or its part of a line that credits
    /// several roles (`通讯员 奕超超` of `记者 王晓峰 通讯员 奕超超`).
    pub fn span(&self) -> Span {
        self.span
    }
}

/// A section of a report: in a newspaper feature, one bureau's part (`象山公安：`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    title: String,
    header: Span,
    number: Option<Span>,
    heading: Option<Block>,
    blocks: Vec<Block>,
    bylines: Vec<Byline>,
}

impl Section {
    /// The section's title: its header line without the colon (`象山公安`), the police
    /// body that opens a header line with its headline (`港航公安` of
    /// `港航公安  守护东方大港平安`; the headline is the section's first block), or for a
    /// level-1 part of an official document its heading without the number
    /// (`坚持打防并举，社会治安持续向好`).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// For a level-1 part of an official document, its heading as a block (level 1, without
    /// the number): official headings state the work, so they are text to analyse.
    pub fn heading(&self) -> Option<&Block> {
        self.heading.as_ref()
    }

    /// For a level-1 part of an official document, the span of its number (`一、`).
    pub fn number_span(&self) -> Option<Span> {
        self.number
    }

    /// Whether the section is a numbered part of an official document rather than a named
    /// part (a bureau) of a feature.
    pub fn is_numbered(&self) -> bool {
        self.number.is_some()
    }

    /// The span of the header line in the original input (of the title only, when the
    /// line goes on with a headline).
    pub fn header_span(&self) -> Span {
        self.header
    }

    /// The section's headings, paragraphs and captions, in order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The section's bylines.
    pub fn bylines(&self) -> &[Byline] {
        &self.bylines
    }

    /// The span of the original input from the header to the end of the last block or byline.
    pub fn span(&self) -> Span {
        let end = self
            .blocks
            .iter()
            .map(|b| b.span().end)
            .chain(self.bylines.iter().map(|b| b.span.end))
            .max()
            .unwrap_or(self.header.end);
        Span::new(self.header.start, end.max(self.header.end))
    }
}

/// A parsed report.
///
/// ```
/// use jingwu::{BlockKind, Report};
///
/// let text = "平安建设巡礼\n\n象山公安：\n\n护航亚运，贡献最美“平安蓝”\n\n通过热线稳步推进警情\n\n\
///             分流工作，有效警情数同比下降。\n\n记者 邹鑫\n";
/// let report = Report::parse(text);
/// assert_eq!(report.title(), "平安建设巡礼");
/// let section = &report.sections()[0];
/// assert_eq!(section.title(), "象山公安");
/// assert_eq!(section.blocks()[0].kind(), BlockKind::Heading);
/// // The paragraph broken by the extraction is read as one.
/// let paragraph = &section.blocks()[1];
/// assert_eq!(paragraph.text(), "通过热线稳步推进警情分流工作，有效警情数同比下降。");
/// assert!(paragraph.is_repaired());
/// assert_eq!(section.bylines()[0].names(), ["邹鑫"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    title: Vec<Block>,
    lead: Vec<Block>,
    sections: Vec<Section>,
    bylines: Vec<Byline>,
    furniture: Vec<Block>,
    len: usize,
}

impl Report {
    /// Parses a report. Never fails: text that fits no pattern is read as paragraphs.
    pub fn parse(text: &str) -> Report {
        parser::Parser::new(text).run()
    }

    /// The title lines joined by a space (empty when the report has none).
    pub fn title(&self) -> String {
        let parts: Vec<&str> = self.title.iter().map(|b| b.text()).collect();
        parts.join(" ")
    }

    /// The title lines as blocks.
    pub fn title_blocks(&self) -> &[Block] {
        &self.title
    }

    /// Blocks after the title and before the first section: text of the report itself.
    pub fn lead(&self) -> &[Block] {
        &self.lead
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Bylines outside any section.
    pub fn bylines(&self) -> &[Byline] {
        &self.bylines
    }

    /// The page furniture of a web page's text, in order: breadcrumbs, the page's metadata,
    /// menus, stray lines (see [`BlockKind::Furniture`]).
    ///
    /// ```
    /// use jingwu::{BlockKind, Report};
    ///
    /// let text = "首页 > 新闻中心 > 警务动态\n\n打好反诈攻坚战\n\n发布时间：2024-05-01 来源：市公安局\n\n\
    ///             全市公安机关严打电信网络诈骗。\n";
    /// let report = Report::parse(text);
    /// assert_eq!(report.title(), "打好反诈攻坚战");
    /// assert_eq!(report.furniture().len(), 2);
    /// assert!(report.furniture().iter().all(|b| b.kind() == BlockKind::Furniture));
    /// assert!(report.blocks().all(|b| !b.text().contains("来源")));
    /// ```
    pub fn furniture(&self) -> &[Block] {
        &self.furniture
    }

    /// Every byline of the report, in its sections or not.
    pub fn all_bylines(&self) -> impl Iterator<Item = &Byline> {
        self.bylines
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.bylines.iter()))
    }

    /// Every block of the report in order: title, lead, then each section's heading (for a
    /// numbered part) and blocks.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.title.iter().chain(self.lead.iter()).chain(
            self.sections
                .iter()
                .flat_map(|s| s.heading.iter().chain(s.blocks.iter())),
        )
    }

    /// Length in bytes of the original input.
    pub fn source_len(&self) -> usize {
        self.len
    }
}
