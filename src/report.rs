//! Report structure: title, sections, headings, paragraphs, captions and bylines, with the
//! paragraphs that the extraction broke apart put back together.
//!
//! Police work reports reach analysts through PDF and newspaper extraction. The text keeps
//! its layout (one paragraph per line, blank lines between) but also its damage: a paragraph
//! cut in the middle of a word by a blank line (`稳步推进警情⏎⏎分流工作`). [`Report::parse`]
//! reads the layout and repairs the damage; every [`Block`] it returns maps back to the
//! original bytes.

use crate::text::MappedText;
use crate::text::{Span, is_cn_digit};
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
}

/// One block of text of a report: a title line, heading, paragraph or caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    kind: BlockKind,
    text: MappedText,
    lines: Vec<Span>,
    level: Option<u8>,
    number: Option<Span>,
    /// Character offset in the original input of the block's first byte.
    char_start: usize,
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
    len: usize,
}

impl Report {
    /// Parses a report. Never fails: text that fits no pattern is read as paragraphs.
    pub fn parse(text: &str) -> Report {
        Parser::new(text).run()
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

/// A non-blank line: its trimmed content and the blank lines before it.
#[derive(Debug, Clone, Copy)]
struct Line {
    span: Span,
    gap: usize,
}

/// A paragraph being gathered from lines.
#[derive(Debug)]
struct Pending {
    lines: Vec<Span>,
    gap: usize,
    level: Option<u8>,
    number: Option<Span>,
}

struct Parser<'a> {
    text: &'a str,
    /// Character offsets of the blocks, counted once over the input as they come.
    chars: crate::text::CharCounter<'a>,
    report: Report,
    section: Option<Section>,
    pending: Option<Pending>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            chars: crate::text::CharCounter::new(text),
            report: Report {
                len: text.len(),
                ..Report::default()
            },
            section: None,
            pending: None,
        }
    }

    fn run(mut self) -> Report {
        for line in lines(self.text) {
            let content = &self.text[line.span];
            if let Some(title) = section_title(content) {
                self.start_section(title, line.span);
            } else if let Some((title, subhead)) = section_title_and_subhead(content) {
                // `港航公安  守护东方大港平安`: the bureau, then its part's headline.
                let at = line.span.start;
                self.start_section(title, Span::new(at, at + title.len()));
                self.pending = Some(Pending {
                    lines: vec![Span::new(at + subhead, line.span.end)],
                    gap: 0,
                    level: None,
                    number: None,
                });
            } else if let Some(numbered) = numbered(self.text, line.span) {
                self.flush();
                self.numbered(numbered, line.gap);
            } else if let Some(bylines) = parse_bylines(content, line.span) {
                self.flush();
                match &mut self.section {
                    Some(s) => s.bylines.extend(bylines),
                    None => self.report.bylines.extend(bylines),
                }
            } else {
                let join = match &self.pending {
                    Some(p) => p
                        .lines
                        .last()
                        .is_some_and(|&last| should_join(&self.text[last], content)),
                    None => false,
                };
                if join {
                    if let Some(p) = &mut self.pending {
                        p.lines.push(line.span);
                    }
                } else {
                    self.flush();
                    self.pending = Some(Pending {
                        lines: vec![line.span],
                        gap: line.gap,
                        level: None,
                        number: None,
                    });
                }
            }
        }
        self.flush();
        if let Some(s) = self.section.take() {
            self.report.sections.push(s);
        }
        self.report
    }

    /// A numbered line of an official document: a level-1 part starts a section; a lower
    /// level is a heading; a heading that runs on into its paragraph is split after its
    /// first sentence.
    fn numbered(&mut self, n: Numbered, gap: usize) {
        if n.level == 1 {
            if let Some(s) = self.section.take() {
                self.report.sections.push(s);
            }
            // A part without a short heading is titled by its first clause.
            let title_span = n.heading.unwrap_or_else(|| {
                let body = n.body.unwrap_or(n.number);
                let t = &self.text[body];
                // Its first clause, past any punctuation it opens with.
                let lead = t.len() - t.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                let end = t[lead..]
                    .find(['，', '。', '；', '：', ','])
                    .map_or(t.len(), |e| lead + e);
                Span::new(body.start + lead, body.start + end)
            });
            let title: String = self.text[title_span]
                .trim_end_matches(['。', '：', ':'])
                .chars()
                .map(crate::text::fold_width)
                .collect();
            let mut text = MappedText::new();
            text.push_original(self.text, title_span);
            self.section = Some(Section {
                title,
                header: Span::new(n.number.start, title_span.end),
                number: Some(n.number),
                heading: n.heading.map(|h| Block {
                    kind: BlockKind::Heading,
                    char_start: self.chars.char_at(text.original_span().start),
                    text,
                    lines: vec![h],
                    level: Some(1),
                    number: Some(n.number),
                }),
                ..Section::default()
            });
        } else if let Some(h) = n.heading {
            let mut text = MappedText::new();
            text.push_original(self.text, h);
            let char_start = self.chars.char_at(text.original_span().start);
            self.push_block(Block {
                kind: BlockKind::Heading,
                char_start,
                text,
                lines: vec![h],
                level: Some(n.level),
                number: Some(n.number),
            });
        }
        if let Some(body) = n.body {
            let numbered_paragraph = n.heading.is_none();
            self.pending = Some(Pending {
                lines: vec![body],
                gap,
                level: numbered_paragraph.then_some(n.level),
                number: numbered_paragraph.then_some(n.number),
            });
        }
    }

    /// Closes the open paragraph and section and opens a section titled `title`.
    fn start_section(&mut self, title: &str, header: Span) {
        self.flush();
        if let Some(s) = self.section.take() {
            self.report.sections.push(s);
        }
        self.section = Some(Section {
            title: title.to_string(),
            header,
            ..Section::default()
        });
    }

    fn push_block(&mut self, block: Block) {
        match &mut self.section {
            Some(s) => s.blocks.push(block),
            None => self.report.lead.push(block),
        }
    }

    fn flush(&mut self) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let mut text = MappedText::new();
        for &l in &p.lines {
            text.push_original(self.text, l);
        }
        let single = p.lines.len() == 1;
        let s = text.as_str();
        let kind = if single && is_heading(s) {
            BlockKind::Heading
        } else if single && p.gap >= CAPTION_MIN_GAP && is_caption(s) {
            BlockKind::Caption
        } else {
            BlockKind::Paragraph
        };
        let kind = if p.number.is_some() {
            BlockKind::Paragraph
        } else {
            kind
        };
        let block = Block {
            kind,
            char_start: self.chars.char_at(text.original_span().start),
            text,
            lines: p.lines,
            level: p.level,
            number: p.number,
        };
        match &mut self.section {
            Some(s) => s.blocks.push(block),
            None => {
                if kind == BlockKind::Heading && self.report.lead.is_empty() {
                    self.report.title.push(Block {
                        kind: BlockKind::Title,
                        ..block
                    });
                } else {
                    self.report.lead.push(block);
                }
            }
        }
    }
}

/// The non-blank lines of `text` with their trimmed spans, after a UTF-8 BOM if any.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut gap = 0;
    while pos <= text.len() {
        let rest = &text[pos..];
        let (line_len, next) = match rest.find('\n') {
            Some(i) => (i, pos + i + 1),
            None => (rest.len(), text.len() + 1),
        };
        let line = &rest[..line_len];
        let trimmed_start = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            gap += 1;
        } else {
            let start = pos + trimmed_start;
            out.push(Line {
                span: Span::new(start, start + trimmed.len()),
                gap,
            });
            gap = 0;
        }
        pos = next;
    }
    out
}

/// Sentence-final punctuation.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '.')
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"' | '\'')
}

fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '（' | '(' | '《')
}

/// Whether the line ends a sentence (`。`, `！”`, `？）`).
fn ends_sentence(s: &str) -> bool {
    let mut it = s.chars().rev().skip_while(|&c| is_closing(c));
    it.next().is_some_and(is_sentence_end)
}

/// Whether quotes or brackets opened in `s` are left open.
fn unbalanced(s: &str) -> bool {
    let mut depth: i32 = 0;
    for c in s.chars() {
        if is_opening(c) {
            depth += 1;
        } else if matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》') {
            depth -= 1;
        }
    }
    depth > 0 || s.chars().filter(|&c| c == '"').count() % 2 == 1
}

/// A numbered line: its number, the heading after it if the line has one, and the body text
/// that follows the heading (or the whole line after the number).
#[derive(Debug, Clone, Copy)]
struct Numbered {
    level: u8,
    number: Span,
    heading: Option<Span>,
    body: Option<Span>,
}

/// The level and byte length of a numbering marker at the start of `s`: `一、` (1), `（一）` (2),
/// `1.` or `1、` (3), `（1）` or `①` (4).
fn number_marker(s: &str) -> Option<(u8, usize)> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if is_cn_digit(first) {
        let end = s.find(|c: char| !is_cn_digit(c))?;
        return (s[end..].starts_with('、') && end <= 9).then_some((1, end + '、'.len_utf8()));
    }
    if matches!(first, '（' | '(') {
        let inner = &s[first.len_utf8()..];
        let n = inner.find(|c: char| !(is_cn_digit(c) || c.is_ascii_digit()))?;
        if n == 0 || n > 9 {
            return None;
        }
        let close = inner[n..].chars().next()?;
        if !matches!(close, '）' | ')') {
            return None;
        }
        let level = if inner[..n].chars().all(is_cn_digit) {
            2
        } else if inner[..n].chars().all(|c| c.is_ascii_digit()) {
            4
        } else {
            return None;
        };
        return Some((level, first.len_utf8() + n + close.len_utf8()));
    }
    if ('①'..='⑳').contains(&first) {
        return Some((4, first.len_utf8()));
    }
    if first.is_ascii_digit() {
        let n = s.find(|c: char| !c.is_ascii_digit())?;
        let sep = s[n..].chars().next()?;
        if n > 2 || !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        // `1.5万` is a number, not a heading.
        let after = s[n + sep.len_utf8()..].chars().next()?;
        return (!after.is_ascii_digit() && !after.is_whitespace())
            .then_some((3, n + sep.len_utf8()));
    }
    None
}

/// Reads a numbered line of an official document (`（一）坚持打防并举，社会治安持续向好。今年以来，…`).
fn numbered(text: &str, line: Span) -> Option<Numbered> {
    let content = &text[line];
    let (level, len) = number_marker(content)?;
    let number = Span::new(line.start, line.start + len);
    let rest = &content[len..];
    let lead = rest.len() - rest.trim_start().len();
    let rest_start = number.end + lead;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return None;
    }
    let at = |a: usize, b: usize| Span::new(rest_start + a, rest_start + b);
    // A heading ends at its first full stop if what comes before is short enough.
    let first_end = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '：' | ':'));
    match first_end {
        Some((i, c)) if i > 0 && rest[..i].chars().count() <= HEADING_MAX_CHARS => {
            let after = i + c.len_utf8();
            let body = rest[after..].trim_start();
            let body_start = rest.len() - body.len();
            Some(Numbered {
                level,
                number,
                heading: Some(at(0, i)),
                body: (!body.is_empty()).then(|| at(body_start, rest.len())),
            })
        }
        Some(_) => Some(Numbered {
            level,
            number,
            heading: None,
            body: Some(at(0, rest.len())),
        }),
        None if is_heading(rest) => Some(Numbered {
            level,
            number,
            heading: Some(at(0, rest.len())),
            body: None,
        }),
        None => Some(Numbered {
            level,
            number,
            heading: None,
            body: Some(at(0, rest.len())),
        }),
    }
}

/// `象山公安：` → `象山公安`: a short line ending in a colon, with no other punctuation.
fn section_title(line: &str) -> Option<&str> {
    let title = line
        .strip_suffix('：')
        .or_else(|| line.strip_suffix(':'))?
        .trim_end();
    let n = title.chars().count();
    if n == 0 || n > SECTION_HEADER_MAX_CHARS {
        return None;
    }
    title
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '·')
        .then_some(title)
}

/// Endings of a police body's name that say its kind, not which it is (港航公安,
/// 北仑区公安分局, 慈溪交警), longest first: what is left is the body's own name.
pub(crate) const BODY_SUFFIXES: &[&str] = &[
    "区公安分局",
    "公安分局",
    "市公安局",
    "县公安局",
    "公安局",
    "公安处",
    "分局",
    "派出所",
    "交警",
    "警方",
    "公安",
];

/// `港航公安  守护东方大港平安` → the title `港航公安` and the byte offset of the headline
/// after it: a police body's short name, a space (or `｜`, `|`), and a line that reads as
/// a heading.
fn section_title_and_subhead(line: &str) -> Option<(&str, usize)> {
    // A header line is short, and its headline ends in no full stop; a paragraph's or a
    // caption's is not looked into.
    if line.len() > 4 * (SECTION_HEADER_MAX_CHARS + 1 + HEADING_MAX_CHARS) || ends_sentence(line) {
        return None;
    }
    let is_gap = |c: char| c.is_whitespace() || c == '｜' || c == '|';
    // The title is at most 16 characters: its end is in the first 68 bytes.
    let head = &line
        [..crate::text::floor_boundary(line, line.len().min(4 * (SECTION_HEADER_MAX_CHARS + 1)))];
    let split = head.find(is_gap)?;
    let title = &line[..split];
    let rest = &line[split..];
    let subhead = rest.trim_start_matches(is_gap);
    let n = title.chars().count();
    // 象山公安, not 全市公安 or 各地公安 (all the bureaus of a place, or every place's).
    let named = BODY_SUFFIXES.iter().any(|e| {
        title.strip_suffix(e).is_some_and(|name| {
            name.chars().count() >= 2 && !name.starts_with(['全', '各', '我', '本'])
        })
    });
    (named
        && n <= SECTION_HEADER_MAX_CHARS
        && title.chars().all(char::is_alphanumeric)
        && !subhead.is_empty()
        && is_heading(subhead))
    .then_some((title, line.len() - subhead.len()))
}

/// Byline roles, longest first.
const ROLES: &[(&str, BylineRole)] = &[
    ("本报记者", BylineRole::Reporter),
    ("见习记者", BylineRole::Reporter),
    ("实习记者", BylineRole::Reporter),
    ("特约记者", BylineRole::Reporter),
    ("记者", BylineRole::Reporter),
    ("通讯员", BylineRole::Correspondent),
    ("实习生", BylineRole::Intern),
    ("摄影", BylineRole::Photographer),
];

/// Credits that may close a byline.
const CREDITS: &[&str] = &[
    "文/摄",
    "文／摄",
    "文/图",
    "文／图",
    "文",
    "摄",
    "图",
    "摄影",
    "报道",
];

/// Longest name of a news outlet before `记者` (`中国宁波网记者`), in characters.
const OUTLET_MAX_CHARS: usize = 10;

/// Longest line, in bytes, that can be a byline: about 100 characters, two or three roles
/// with their names.
const BYLINE_MAX_BYTES: usize = 300;

/// A searcher for `记者`, built once.
static REPORTER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("记者"));

/// How names of news outlets end: 新华社, 中国宁波网, 宁波日报, 宁波电视台, 央视.
const OUTLET_ENDINGS: [char; 6] = ['社', '网', '报', '台', '刊', '视'];

/// `通讯员 章挺伟 柳欣 文/摄` → a byline; `中国宁波网记者 王晓峰 通讯员 奕超超` → two, one per
/// role, each with its part of the line; anything else → `None`.
fn parse_bylines(line: &str, span: Span) -> Option<Vec<Byline>> {
    // Most lines are no byline: they are long, or open neither with a role nor with an
    // outlet's name and 记者.
    if line.len() > BYLINE_MAX_BYTES {
        return None;
    }
    let head = &line.as_bytes()[..line.len().min(4 * (OUTLET_MAX_CHARS + 2))];
    if !ROLES.iter().any(|&(prefix, _)| line.starts_with(prefix)) && REPORTER.find(head).is_none() {
        return None;
    }
    // The line's words, with their byte offsets (`split_whitespace` yields pieces of `line`).
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let mut out: Vec<Byline> = Vec::new();
    for (k, &(at, word)) in words.iter().enumerate() {
        // A role opens a byline, glued to its first name or not (`记者邹鑫`); the first may
        // follow the outlet's name (`新华社记者`).
        let role = ROLES
            .iter()
            .find_map(|&(prefix, role)| word.strip_prefix(prefix).map(|rest| (role, rest)))
            .or_else(|| {
                let (outlet, rest) = word.split_once("记者")?;
                let n = outlet.chars().count();
                (k == 0
                    && (2..=OUTLET_MAX_CHARS).contains(&n)
                    && outlet.chars().all(char::is_alphanumeric)
                    && outlet.ends_with(OUTLET_ENDINGS))
                .then_some((BylineRole::Reporter, rest))
            });
        let end = span.start + at + word.len();
        match (role, out.last_mut()) {
            (Some((role, rest)), _) => {
                out.push(Byline {
                    role,
                    names: Vec::new(),
                    credit: None,
                    span: Span::new(span.start + at, end),
                });
                if !rest.is_empty() {
                    out.last_mut()?.names.push(rest.to_string());
                }
            }
            (None, None) => return None,
            (None, Some(b)) => {
                if b.credit.is_some() {
                    return None;
                }
                if CREDITS.contains(&word) {
                    b.credit = Some(word.to_string());
                } else {
                    b.names.push(word.to_string());
                }
                b.span.end = end;
            }
        }
    }
    let is_name = |w: &String| {
        let n = w.chars().count();
        (1..=5).contains(&n) && w.chars().all(|c| c.is_alphabetic() || c == '·')
    };
    let well_formed =
        |b: &Byline| !b.names.is_empty() && b.names.len() <= 8 && b.names.iter().all(is_name);
    (!out.is_empty() && out.iter().all(well_formed)).then_some(out)
}

fn is_heading(s: &str) -> bool {
    let n = s.chars().count();
    n <= HEADING_MAX_CHARS
        && !ends_sentence(s)
        && !s.ends_with(['，', '、', ',', '：', ':'])
        && !s.contains(['。', '！', '？', '；'])
}

fn is_caption(s: &str) -> bool {
    s.chars().count() <= CAPTION_MAX_CHARS
        && s.ends_with('。')
        && s.chars().filter(|&c| is_sentence_end(c)).count() == 1
}

/// Characters that cannot begin a sentence: a line starting with one continues the line
/// before it.
fn is_bound_initial(c: char) -> bool {
    matches!(
        c,
        '的' | '地'
            | '得'
            | '了'
            | '着'
            | '过'
            | '们'
            | '者'
            | '等'
            | '和'
            | '与'
            | '及'
            | '之'
            | '则'
    )
}

/// Short adverbials that open a paragraph followed by a comma (`今年，` `同时，`).
const OPENERS: &[&str] = &[
    "今年",
    "去年",
    "明年",
    "当前",
    "目前",
    "同时",
    "此外",
    "其中",
    "另外",
    "对此",
    "为此",
    "随后",
    "然而",
    "但是",
    "首先",
    "其次",
    "再次",
    "最后",
    "近年来",
    "近期",
    "今后",
    "下一步",
    "据悉",
    "近日",
    "日前",
    "此前",
    "总之",
    "因此",
    "所以",
    "而且",
    "并且",
    "如今",
    "当下",
    "眼下",
];

/// Prepositions that open a clause which must go on: a line starting with one and with no
/// heading shape is the start of a sentence (`通过热线稳步推进警情⏎⏎分流工作`).
const CLAUSE_OPENERS: &[&str] = &[
    "通过", "作为", "为了", "按照", "根据", "随着", "针对", "对于", "关于", "由于", "经过", "依托",
    "面对", "借助", "依据", "本着",
];

/// Whether a line looks like a complete heading rather than the start of a sentence: it has
/// two parts, a quoted name, or a colon.
fn has_heading_shape(s: &str) -> bool {
    s.contains([' ', '\u{3000}', '，', '“', '‘', '「', '：', '《'])
}

/// Whether a blank line between `prev` and `next` is damage from the extraction rather than
/// a real break: `稳步推进警情⏎⏎分流工作`, `作为全市商业秘密保护创新⏎⏎试点，`.
fn should_join(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) || prev.ends_with(['：', ':']) || number_marker(next).is_some() {
        return false;
    }
    if unbalanced(prev) || prev.ends_with(['，', '、', ',']) {
        return true;
    }
    if prev.chars().count() > HEADING_MAX_CHARS {
        return true;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if is_bound_initial(first) {
        return true;
    }
    if prev.contains('、') || prev.matches('，').count() >= 2 {
        return true;
    }
    if is_opening(first) {
        return false;
    }
    // A short heading-like line: the start of a sentence if what follows opens with a bare
    // fragment (`试点，`) rather than an adverbial (`今年，`) or a full clause.
    let clause_end = next
        .find(['，', '、', '。', '；', '：', '！', '？', ','])
        .unwrap_or(next.len());
    let clause = &next[..clause_end];
    if has_heading_shape(prev) {
        return false;
    }
    CLAUSE_OPENERS.iter().any(|o| prev.starts_with(o))
        || (clause.chars().count() <= 3 && !OPENERS.contains(&clause))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_markers() {
        for (s, level) in [
            ("一、坚持", 1),
            ("十二、", 1),
            ("（一）重拳", 2),
            ("(三)保持", 2),
            ("1.攻坚", 3),
            ("2、打击", 3),
            ("（1）加强", 4),
            ("①强化", 4),
        ] {
            assert_eq!(number_marker(s).map(|m| m.0), Some(level), "{s}");
        }
        for s in [
            "1.5万人次",
            "一是强化",
            "2023年",
            "一个",
            "（注）",
            "十分重要",
        ] {
            assert_eq!(number_marker(s), None, "{s}");
        }
    }

    #[test]
    fn numbered_lines_opening_with_punctuation_have_no_empty_heading() {
        for text in ["一、。甲乙丙", "（一）：正文内容", "1.。abc"] {
            let r = Report::parse(text);
            for b in r.blocks() {
                assert!(!b.text().is_empty(), "{text}: empty block");
                assert_eq!(
                    b.span(),
                    Span::new(b.lines()[0].start, b.lines().last().map_or(0, |l| l.end))
                );
            }
            for s in r.sections() {
                assert!(!s.title().is_empty(), "{text}: empty title");
            }
        }
    }

    #[test]
    fn section_titles_with_their_headline() {
        let line = "港航公安  守护东方大港平安";
        assert_eq!(
            section_title_and_subhead(line),
            Some(("港航公安", "港航公安  ".len()))
        );
        assert_eq!(
            section_title_and_subhead("慈溪交警｜打通交通治理“最后一公里”"),
            Some(("慈溪交警", "慈溪交警｜".len()))
        );
        assert_eq!(
            section_title_and_subhead("北仑公安分局\u{3000}护航复工复产"),
            Some(("北仑公安分局", "北仑公安分局\u{3000}".len()))
        );
        // No police body, no headline, a sentence, or a body without a name: no section.
        assert_eq!(section_title_and_subhead("平安建设 巡礼"), None);
        assert_eq!(section_title_and_subhead("港航公安  "), None);
        assert_eq!(
            section_title_and_subhead("港航公安 全力守护港区平安，成效明显。"),
            None
        );
        assert_eq!(section_title_and_subhead("公安 守护平安"), None);
        assert_eq!(section_title_and_subhead("各地公安机关 守护平安"), None);
        assert_eq!(section_title_and_subhead("全市公安 众志成城"), None);
    }

    #[test]
    fn section_titles() {
        assert_eq!(section_title("象山公安："), Some("象山公安"));
        assert_eq!(section_title("Ningbo:"), Some("Ningbo"));
        assert_eq!(section_title("主要做法如下，包括："), None);
        assert_eq!(section_title("："), None);
        assert_eq!(section_title("象山公安"), None);
    }

    /// The one byline of `line`.
    fn parse_byline(line: &str) -> Option<Byline> {
        let mut all = parse_bylines(line, Span::new(0, line.len()))?;
        assert_eq!(all.len(), 1, "{line}");
        all.pop()
    }

    #[test]
    fn bylines() {
        let b = parse_byline("通讯员 章挺伟 柳欣 文/摄").unwrap();
        assert_eq!(b.role(), BylineRole::Correspondent);
        assert_eq!(b.names(), ["章挺伟", "柳欣"]);
        assert_eq!(b.credit(), Some("文/摄"));
        assert_eq!(b.span(), Span::new(0, "通讯员 章挺伟 柳欣 文/摄".len()));
        let b = parse_byline("记者 邹鑫").unwrap();
        assert_eq!(b.role(), BylineRole::Reporter);
        assert_eq!(b.credit(), None);
        assert_eq!(parse_byline("记者邹鑫").unwrap().names(), ["邹鑫"]);
        assert_eq!(
            parse_byline("新华社记者 王晓峰").unwrap().names(),
            ["王晓峰"]
        );
        assert!(parse_byline("记者节当天，民警走访了企业。").is_none());
        assert!(parse_byline("记者").is_none());
        assert!(parse_bylines("本报讯 记者 邹鑫", Span::default()).is_none());
        assert!(parse_bylines("通讯员 章挺伟 文/摄 柳欣", Span::default()).is_none());
        assert!(parse_bylines("这位记者 王晓峰说", Span::default()).is_none());
    }

    #[test]
    fn several_roles_on_one_line_are_several_bylines() {
        let line = "中国宁波网记者 王晓峰 通讯员 奕超超 郑蒙永 林水军";
        let b = parse_bylines(line, Span::new(100, 100 + line.len())).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].role(), BylineRole::Reporter);
        assert_eq!(b[0].names(), ["王晓峰"]);
        assert_eq!(
            b[0].span(),
            Span::new(100, 100 + "中国宁波网记者 王晓峰".len())
        );
        assert_eq!(b[1].role(), BylineRole::Correspondent);
        assert_eq!(b[1].names(), ["奕超超", "郑蒙永", "林水军"]);
        assert_eq!(
            b[1].span(),
            Span::new(100 + "中国宁波网记者 王晓峰 ".len(), 100 + line.len())
        );
        // A role with nobody after it makes no byline of the line.
        assert!(parse_bylines("记者 王晓峰 通讯员", Span::default()).is_none());
    }

    #[test]
    fn joins() {
        // Long line without final punctuation.
        assert!(should_join(
            "象山县公安局坚持统筹推进护航亚运和社会面整体防控，通过12345热线等平台稳步推进警情",
            "分流工作，全县各派出所有效警情数同比下降12.93%。"
        ));
        // Short first line of a paragraph.
        assert!(should_join(
            "作为全市商业秘密保护创新",
            "试点，象山县公安局探索建立"
        ));
        // Headings stay.
        assert!(!should_join(
            "创新发展，当好助力经济“服务员”",
            "今年，某水产公司"
        ));
        assert!(!should_join(
            "护航亚运，贡献最美“平安蓝”",
            "“从进亚运村开始"
        ));
        assert!(!should_join(
            "四大举措 交出高分平安成绩单",
            "今年以来，慈溪公安承载使命"
        ));
        assert!(!should_join("事虽迩，不行不至。", "象山县公安局"));
        // Open quote.
        assert!(should_join(
            "围绕“交通拥堵全域治理、交通乱象全",
            "面治理”目标"
        ));
        // Particle.
        assert!(should_join("这一年，这样", "的“模范卷”慈溪公安还答了很多"));
    }

    #[test]
    fn lines_handle_bom_crlf_and_gaps() {
        let text = "\u{feff}标题\r\n\r\n\r\n正文。\r\n";
        let ls = lines(text);
        assert_eq!(ls.len(), 2);
        assert_eq!(&text[ls[0].span], "标题");
        assert_eq!(&text[ls[1].span], "正文。");
        assert_eq!(ls[1].gap, 2);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(Report::parse("").sections().is_empty());
        assert_eq!(Report::parse("\n\n  \n").blocks().count(), 0);
    }
}
