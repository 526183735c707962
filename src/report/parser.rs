//! The parser: lines read one after another into title, lead, sections and their blocks.

use super::bylines::{credit_bylines, parse_bylines, trailing_credits};
use super::furniture::{dated_lists, furniture, is_menu_item, menu_runs};
use super::headers::{section_title, section_title_and_subhead};
use super::numbered::{Numbered, number_marker, numbered};
use super::repair::{broken_by_width, should_join, wrap_width};
use super::shape::{is_caption, is_heading, is_headline};
use super::{Block, BlockKind, CAPTION_MIN_GAP, Report, Section};
use crate::text::{CharCounter, MappedText, Script, Span, to_simplified};
use rustc_hash::FxHashSet;
use std::borrow::Cow;

/// A non-blank line: its trimmed content and the blank lines before it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    span: Span,
    gap: usize,
}

/// A paragraph being gathered from lines.
#[derive(Debug)]
pub(super) struct Pending {
    lines: Vec<Span>,
    gap: usize,
    level: Option<u8>,
    number: Option<Span>,
}

pub(super) struct Parser<'a> {
    text: &'a str,
    /// The text with its traditional characters folded to simplified ones, byte for byte
    /// where the text has them: what the shapes of lines are read on.
    probe: Cow<'a, str>,
    /// Whether the text holds traditional characters, looked at once for all its blocks.
    script: Script,
    /// Character offsets of the blocks, counted once over the input as they come.
    chars: CharCounter<'a>,
    report: Report,
    section: Option<Section>,
    pending: Option<Pending>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let probe = to_simplified(text).map_or(Cow::Borrowed(text), Cow::Owned);
        Parser {
            text,
            script: match probe {
                Cow::Borrowed(_) => Script::Simplified,
                Cow::Owned(_) => Script::Either,
            },
            probe,
            chars: CharCounter::new(text),
            report: Report {
                len: text.len(),
                ..Report::default()
            },
            section: None,
            pending: None,
        }
    }

    pub(super) fn run(mut self) -> Report {
        let probe = std::mem::take(&mut self.probe);
        let text = self.text;
        // The piece of the original text that `piece`, a piece of the probe, reads.
        let original = |piece: &str| {
            let at = piece.as_ptr() as usize - probe.as_ptr() as usize;
            &text[at..at + piece.len()]
        };
        // A line that ends in credits (`…平安图 □余青/文 王浩/摄`) is two: what comes
        // before, and the credits, a byline. (A new list, not insertions into the old one,
        // which would take time in proportion to the lines after each.)
        let lines: Vec<Line> = lines(text)
            .into_iter()
            .flat_map(|line| {
                let span = line.span;
                match trailing_credits(&probe[span]) {
                    Some(at) => {
                        let head = probe[span.start..span.start + at].trim_end();
                        let credits = Line {
                            span: Span::new(span.start + at, span.end),
                            gap: 0,
                        };
                        let head = Line {
                            span: Span::new(span.start, span.start + head.len()),
                            gap: line.gap,
                        };
                        [Some(head), Some(credits)]
                    }
                    None => [Some(line), None],
                }
            })
            .flatten()
            .collect();
        // Runs of short lines are menus; a section header or numbered line is none.
        let items: Vec<bool> = lines
            .iter()
            .map(|l| {
                let c = &probe[l.span];
                is_menu_item(c) && section_title(c).is_none() && number_marker(c).is_none()
            })
            .collect();
        let contents: Vec<&str> = lines.iter().map(|l| &probe[l.span]).collect();
        // The width a PDF's page broke its lines at, if it did.
        let wrap = wrap_width(&contents);
        let menu: Vec<bool> = menu_runs(&items)
            .into_iter()
            .zip(dated_lists(&contents))
            .map(|(a, b)| a || b)
            .collect();
        // The lines put in a paragraph while the report has neither lead nor section, by
        // their words: those of the title, and of the paragraph pending.
        let mut opening_lines: FxHashSet<String> = FxHashSet::default();
        for (k, line) in lines.into_iter().enumerate() {
            let content = &probe[line.span];
            // A page may print its headline again (in its header, then above the article):
            // the title is said once. The lines of the title and of the paragraph pending
            // are the lines put in a paragraph before the lead: looked up by their words,
            // in constant time, however many headings a long document opens with.
            let opening = self.section.is_none() && self.report.lead.is_empty();
            let repeats_title = opening && opening_lines.contains(&words_of(content));
            if menu[k] || repeats_title {
                self.push_furniture(line.span);
            } else if let Some(title) = section_title(content) {
                self.start_section(original(title), line.span);
            } else if let Some((title, subhead)) = section_title_and_subhead(content) {
                // `港航公安  守护东方大港平安`: the bureau, then its part's headline.
                let at = line.span.start;
                self.start_section(original(title), Span::new(at, at + title.len()));
                self.pending = Some(Pending {
                    lines: vec![Span::new(at + subhead, line.span.end)],
                    gap: 0,
                    level: None,
                    number: None,
                });
            } else if let Some(numbered) = numbered(&probe, line.span) {
                self.flush();
                self.numbered(numbered, line.gap);
            } else if furniture(content).is_some() {
                self.push_furniture(line.span);
            } else if let Some(bylines) = parse_bylines(content, &text[line.span], line.span)
                .or_else(|| credit_bylines(content, &text[line.span], line.span))
            {
                self.flush();
                match &mut self.section {
                    Some(s) => s.bylines.extend(bylines),
                    None => self.report.bylines.extend(bylines),
                }
            } else {
                let join = match &self.pending {
                    Some(p) => p.lines.last().is_some_and(|&last| {
                        should_join(&probe[last], content)
                            || (line.gap == 0
                                && wrap.is_some_and(|w| broken_by_width(&probe[last], w)))
                    }),
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
            if opening
                && let Some(&last) = self.pending.as_ref().and_then(|p| p.lines.last())
                && line.span.contains(last)
            {
                opening_lines.insert(words_of(&probe[last]));
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
            text.push_original_in(self.text, title_span, self.script);
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
            text.push_original_in(self.text, h, self.script);
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

    /// Closes the open paragraph and keeps the line at `span` as page furniture.
    fn push_furniture(&mut self, span: Span) {
        self.flush();
        let mut text = MappedText::new();
        text.push_original_in(self.text, span, self.script);
        let char_start = self.chars.char_at(span.start);
        self.report.furniture.push(Block {
            kind: BlockKind::Furniture,
            char_start,
            text,
            lines: vec![span],
            level: None,
            number: None,
        });
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
            text.push_original_in(self.text, l, self.script);
        }
        let single = p.lines.len() == 1;
        let s = text.as_str();
        // Before anything else, a line that can be a headline is the title.
        let opening = self.section.is_none() && self.report.lead.is_empty();
        let kind = if single && (is_heading(s) || (opening && is_headline(s))) {
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

/// The words of `line`, one space between them: two lines that differ only in their
/// whitespace have the same words.
fn words_of(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for w in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The non-blank lines of `text` with their trimmed spans, after a UTF-8 BOM if any.
pub(super) fn lines(text: &str) -> Vec<Line> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::*;

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
    fn a_headline_printed_again_is_the_title_once() {
        let text =
            "嚴查酒駕!全天候攔檢\n\n嚴查酒駕!全天候攔檢\n嚴查酒駕!全天候攔檢  \n\n警方嚴查酒駕。\n";
        let r = Report::parse(text);
        assert_eq!(r.title(), "严查酒驾！全天候拦检");
        assert_eq!(r.furniture().len(), 2);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(Report::parse("").sections().is_empty());
        assert_eq!(Report::parse("\n\n  \n").blocks().count(), 0);
    }
}
