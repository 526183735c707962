//! The reports' text, with the evidence of the themes shown marked.

use super::*;

/// One mention to highlight.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) theme: usize,
    pub(super) tooltip: String,
}

/// Non-overlapping marks by start offset.
#[derive(Default)]
pub(super) struct Marks {
    pub(super) by_start: BTreeMap<usize, Mark>,
}

impl Marks {
    /// Adds a mark unless it overlaps one already there (earlier additions win) or its
    /// offsets do not fit `text`.
    pub(super) fn add(&mut self, text: &str, mark: Mark) {
        if mark.start >= mark.end
            || mark.end > text.len()
            || !text.is_char_boundary(mark.start)
            || !text.is_char_boundary(mark.end)
        {
            return;
        }
        let before = self.by_start.range(..=mark.start).next_back();
        if before.is_some_and(|(_, b)| b.end > mark.start) {
            return;
        }
        let after = self.by_start.range(mark.start..).next();
        if after.is_some_and(|(_, a)| a.start < mark.end) {
            return;
        }
        self.by_start.insert(mark.start, mark);
    }

    /// Cuts `span` of `text` into pieces at the marks' edges.
    pub(super) fn cut<'a>(&self, text: &'a str, span: Span) -> Vec<Piece<'a>> {
        let mut out = Vec::new();
        let end = span.end.min(text.len());
        let mut pos = span.start.min(end);
        let first = self
            .by_start
            .range(..span.start)
            .next_back()
            .filter(|(_, m)| m.end > span.start)
            .map(|(k, _)| *k)
            .unwrap_or(span.start);
        for m in self.by_start.range(first..).map(|(_, m)| m) {
            if m.start >= end {
                break;
            }
            let s = m.start.max(pos);
            let e = m.end.min(end);
            if s >= e {
                continue;
            }
            if s > pos {
                push_plain(&mut out, text, pos, s);
            }
            if let Some(marked) = text.get(s..e) {
                out.push(Piece {
                    text: marked,
                    mark: Some(MarkView {
                        theme: m.theme,
                        start: s,
                        end: e,
                        evidence: format!("{}-{}", m.start, m.end),
                        tooltip: m.tooltip.clone(),
                    }),
                });
            }
            pos = e;
        }
        if pos < end {
            push_plain(&mut out, text, pos, end);
        }
        out
    }

    pub(super) fn themes_within(&self, span: Span) -> Vec<usize> {
        let mut ids: Vec<usize> = self
            .by_start
            .range(span.start..)
            .map(|(_, m)| m)
            .take_while(|m| m.start < span.end)
            .map(|m| m.theme)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

pub(super) fn push_plain<'a>(out: &mut Vec<Piece<'a>>, text: &'a str, start: usize, end: usize) {
    if let Some(plain) = text.get(start..end) {
        out.push(Piece {
            text: plain,
            mark: None,
        });
    }
}

pub(super) fn doc_text<'a>(
    index: usize,
    doc: &DocumentThemes,
    ranking: &Ranking,
    text: &'a str,
    reg: &mut Registry,
) -> DocText<'a> {
    // Section themes first, then the report's, then the corpus's mentions in this report.
    let mut marks = Marks::default();
    for s in doc.sections() {
        for t in s.themes() {
            add_marks(
                &mut marks,
                text,
                t,
                reg,
                |_| true,
                section_label(s.title(), doc),
            );
        }
    }
    for t in doc.themes() {
        add_marks(
            &mut marks,
            text,
            t,
            reg,
            |_| true,
            "whole report".to_string(),
        );
    }
    for t in ranking.corpus() {
        add_marks(
            &mut marks,
            text,
            t,
            reg,
            |d| d == Some(doc.path()),
            "corpus".to_string(),
        );
    }

    let report = Report::parse(text);
    let anchors = |prefix: &str, ids: Vec<usize>| -> Vec<Anchor> {
        ids.into_iter()
            .map(|id| Anchor {
                id: format!("{prefix}-t{id}"),
                theme: id,
            })
            .collect()
    };
    let mut doc_ids = marks.themes_within(Span::new(0, text.len()));
    doc_ids.extend(doc.themes().iter().map(|t| reg.id(t.text())));
    doc_ids.extend(
        doc.sections()
            .iter()
            .flat_map(|s| s.themes())
            .map(|t| reg_lookup(reg, t.text())),
    );
    doc_ids.sort_unstable();
    doc_ids.dedup();

    let sections = report
        .sections()
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let prefix = format!("r{index}-s{si}");
            let mut ids = marks.themes_within(s.span());
            // The section's own themes always get an anchor, so that its chart's links land.
            let same_sections = report.sections().len() == doc.sections().len();
            if let Some(st) = doc.sections().get(si).filter(|_| same_sections) {
                ids.extend(st.themes().iter().map(|t| reg_lookup(reg, t.text())));
            }
            ids.sort_unstable();
            ids.dedup();
            let header = s.header_span();
            let title_span = match s.number_span() {
                Some(n) => Span::new(n.end.max(header.start), header.end),
                None => header,
            };
            SectionText {
                anchors: anchors(&prefix, ids),
                anchor: prefix,
                number: s
                    .number_span()
                    .map(|n| marks.cut(text, n))
                    .unwrap_or_default(),
                title: marks.cut(text, trim_colon(text, title_span)),
                bylines: bylines(text, s.bylines()),
                blocks: s.blocks().iter().map(|b| block(text, b, &marks)).collect(),
            }
        })
        .collect();
    // A report without sections is ranked as one unit: its chart links to the whole text.
    let unit =
        (report.sections().is_empty() && doc.sections().len() == 1).then(|| format!("r{index}-s0"));
    let mut all = anchors(&format!("r{index}"), doc_ids.clone());
    if let Some(u) = &unit {
        all.extend(anchors(u, doc_ids));
    }
    DocText {
        anchors: all,
        unit,
        title: report
            .title_blocks()
            .iter()
            .map(|b| block(text, b, &marks))
            .collect(),
        lead: report
            .lead()
            .iter()
            .map(|b| block(text, b, &marks))
            .collect(),
        bylines: bylines(text, report.bylines()),
        sections,
    }
}

pub(super) fn add_marks(
    marks: &mut Marks,
    text: &str,
    theme: &Theme,
    reg: &mut Registry,
    keep: impl Fn(Option<&str>) -> bool,
    place: String,
) {
    let id = reg.id(theme.text());
    let tip = format!("{} — score {:.2} ({place})", theme.text(), theme.score());
    for e in theme.evidence() {
        if keep(e.document.as_deref()) {
            marks.add(
                text,
                Mark {
                    start: e.start,
                    end: e.end,
                    theme: id,
                    tooltip: tip.clone(),
                },
            );
        }
    }
}

/// The span without a trailing colon (`象山公安：` → `象山公安`).
pub(super) fn trim_colon(text: &str, span: Span) -> Span {
    let s = text.get(span.range()).unwrap_or("");
    let trimmed = s.trim_end().trim_end_matches(['：', ':']).trim_end();
    Span::new(span.start, span.start + trimmed.len())
}

pub(super) fn bylines<'a>(text: &'a str, bylines: &[Byline]) -> Vec<BylineView<'a>> {
    bylines
        .iter()
        .filter_map(|b| {
            Some(BylineView {
                role: serde_json::to_value(b.role())
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                text: text.get(b.span().range())?.trim(),
            })
        })
        .collect()
}

pub(super) fn block<'a>(text: &'a str, b: &Block, marks: &Marks) -> BlockView<'a> {
    let kind = match b.kind() {
        BlockKind::Title => "title",
        BlockKind::Heading => "heading",
        BlockKind::Caption => "caption",
        _ => "paragraph",
    };
    let mut pieces = Vec::new();
    for line in b.lines() {
        pieces.extend(marks.cut(text, *line));
    }
    let span = b.span();
    BlockView {
        kind,
        level: b.level(),
        lines: b.lines().len(),
        start: b
            .number_span()
            .map_or(span.start, |n| n.start.min(span.start)),
        end: span.end,
        number: b
            .number_span()
            .map(|n| marks.cut(text, n))
            .unwrap_or_default(),
        pieces,
    }
}
