//! A self-contained HTML page of a ranking that people can look at.
//!
//! [`render_report`] turns a [`Ranking`] and the original texts it was made from into one HTML
//! file that needs nothing else: no network, no external scripts, fonts or style sheets. The
//! page shows
//!
//! - an overview: for each report, its sections (the bureaus of a newspaper feature) side by
//!   side, each with a bar chart of its top themes, the whole report's chart, and a chart of
//!   the corpus;
//! - a theme × section matrix for each report, its cells coloured by score;
//! - each report's text with its structure (title, headings, paragraphs, captions; bylines as
//!   metadata) and every mention of a top theme highlighted, one colour per theme;
//! - for each theme, how its score was computed (tf, df, idf, boost, quoted, category,
//!   source), in tables and in tooltips.
//!
//! Clicking a theme in a chart, the matrix or a table jumps to the text with that theme's
//! mentions picked out; this works with scripts off (it uses `:target`). A small inline script
//! adds highlighting on hover.
//!
//! Every piece of report text is escaped: a report that contains `<script>` shows it as text.
//! Highlights are cut from the original text at the evidence's byte offsets, one line of a
//! block at a time, so a mention that crosses a repaired line break is marked on both lines.
//! Each `<mark>` carries `data-start` and `data-end`, the byte offsets of the text it holds,
//! `data-evidence` (`start-end`), the offsets of the whole mention, and `data-theme`, the
//! theme's number on the page.
//!
//! ```
//! use jingwu::{Engine, RankOptions};
//!
//! let text = "慈溪公安：\n\n四大举措 交出高分平安成绩单\n\n慈溪公安深化“公安大脑”建设，\
//!             推进“公安大脑”应用。一举查处笑气工厂三家，捣毁笑气加工窝点五处。\n";
//! let engine = Engine::new();
//! let mut corpus = engine.corpus();
//! corpus.add("report.txt", text);
//! let ranking = corpus.rank(&RankOptions::default());
//!
//! let page = jingwu::html::render_report(&ranking, &[("report.txt", text)]).unwrap();
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("慈溪公安"));
//! // The first mention of 公安大脑 is highlighted with its offsets.
//! let start = text.find("公安大脑").unwrap();
//! let mark = format!("data-start=\"{start}\" data-end=\"{}\"", start + "公安大脑".len());
//! assert!(page.contains(&mark));
//! assert!(!page.contains("http://") && !page.contains("https://"));
//! ```

use crate::error::{Error, ErrorKind};
use crate::report::{Block, BlockKind, Byline, Report};
use crate::text::Span;
use crate::theme::{DocumentThemes, Ranking, Theme};
use minijinja::Environment;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

mod chart;
mod text;
mod view;

use chart::*;
use text::*;
use view::*;

/// The page's template; its name ends in `.html`, so everything it prints is HTML-escaped.
const TEMPLATE_NAME: &str = "report.html";
const TEMPLATE: &str = include_str!("report.html");

/// Width of a bar chart, in pixels.
const CHART_WIDTH: f64 = 440.0;
/// Height of one bar's row.
const ROW_HEIGHT: f64 = 24.0;
/// Height of a bar.
const BAR_HEIGHT: f64 = 15.0;
/// Font size of a chart's labels.
const LABEL_SIZE: f64 = 13.0;
/// Room for the score printed after a bar.
const SCORE_WIDTH: f64 = 48.0;
/// Longest label, in ems; longer theme texts are cut with an ellipsis (the tooltip has all).
const LABEL_MAX_EMS: f64 = 11.0;

/// Renders a ranking as one self-contained HTML page.
///
/// `sources` gives the original text of each ranked document, by the name it was added
/// under (`(path, text)`): the texts must be the ones that were ranked, since the highlights
/// are cut at the evidence's byte offsets. A document without a source is shown with its
/// charts and tables but without its text; evidence whose offsets do not fit the text given
/// (out of range, or not on a character boundary) is left unmarked rather than trusted.
///
/// The only error is a failure of the template engine, reported as [`ErrorKind::Render`].
///
/// ```
/// use jingwu::{Engine, RankOptions};
///
/// let text = "象山公安：\n\n象山公安积极探索实施“共富警务”，推进“共富警务”落地。\n\n\
///             有人写下 <script>alert(1)</script> 也只是文字。\n";
/// let engine = Engine::new();
/// let mut corpus = engine.corpus();
/// corpus.add("a.txt", text);
/// let ranking = corpus.rank(&RankOptions::default());
/// let page = jingwu::html::render_report(&ranking, &[("a.txt", text)]).unwrap();
/// assert!(page.contains("共富警务"));
/// assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
/// assert!(!page.contains("<script>alert(1)"));
/// ```
pub fn render_report(ranking: &Ranking, sources: &[(&str, &str)]) -> Result<String, Error> {
    let page = build_page(ranking, sources);
    let mut env = Environment::new();
    env.add_template(TEMPLATE_NAME, TEMPLATE)
        .map_err(render_error)?;
    let template = env.get_template(TEMPLATE_NAME).map_err(render_error)?;
    template.render(&page).map_err(render_error)
}

fn render_error(e: minijinja::Error) -> Error {
    Error::new(ErrorKind::Render, format!("rendering the HTML report: {e}"))
}

fn build_page<'a>(ranking: &Ranking, sources: &[(&'a str, &'a str)]) -> Page<'a> {
    let mut reg = Registry::default();
    for t in ranking.corpus() {
        reg.id(t.text());
    }
    for d in ranking.documents() {
        for s in d.sections() {
            for t in s.themes() {
                reg.id(t.text());
            }
        }
        for t in d.themes() {
            reg.id(t.text());
        }
    }

    let docs: Vec<DocView<'a>> = ranking
        .documents()
        .iter()
        .enumerate()
        .map(|(i, d)| build_doc(i, d, ranking, find_source(sources, i, d.path()), &mut reg))
        .collect();

    // A corpus theme links to the text of the first report that mentions it.
    let first_doc = |t: &Theme| -> String {
        let doc = t
            .evidence()
            .iter()
            .find_map(|e| e.document.as_deref())
            .and_then(|p| ranking.documents().iter().position(|d| d.path() == p))
            .or_else(|| {
                ranking
                    .documents()
                    .iter()
                    .position(|d| d.themes().iter().any(|x| x.text() == t.text()))
            });
        match doc {
            Some(i) => format!("#r{i}-t{}", reg_lookup(&reg, t.text())),
            None => "#corpus-table".to_string(),
        }
    };
    let corpus_links: Vec<String> = ranking.corpus().iter().map(first_doc).collect();
    let corpus = chart(
        "Themes of the whole corpus",
        ranking.corpus(),
        &corpus_links,
        max_score(ranking.corpus()),
        &mut reg,
        true,
    );
    let corpus_table = explain_table(
        "Corpus: a theme's score is the sum of its scores in the reports",
        "corpus-table".to_string(),
        ranking.corpus(),
        &corpus_links,
        &mut reg,
        true,
    );
    let sections = ranking.documents().iter().map(|d| d.sections().len()).sum();
    Page {
        title: page_title(ranking),
        documents: ranking.documents().len(),
        sections,
        themes: reg.styles(),
        corpus,
        corpus_table,
        docs,
    }
}

fn reg_lookup(reg: &Registry, text: &str) -> usize {
    reg.ids.get(text).copied().unwrap_or(usize::MAX)
}

fn page_title(ranking: &Ranking) -> String {
    match ranking.documents() {
        [one] if !one.title().is_empty() => format!("{} — policing themes", one.title()),
        _ => "Policing themes".to_string(),
    }
}

/// The source of document `index`: the entry at the same index when its name matches (so
/// documents added twice under one name still get their own text), else the first by name.
fn find_source<'a>(sources: &[(&'a str, &'a str)], index: usize, path: &str) -> Option<&'a str> {
    match sources.get(index) {
        Some((p, text)) if *p == path => Some(*text),
        _ => sources.iter().find(|(p, _)| *p == path).map(|(_, t)| *t),
    }
}

fn max_score(themes: &[Theme]) -> f64 {
    themes.iter().map(|t| t.score()).fold(0.0, f64::max)
}

fn build_doc<'a>(
    index: usize,
    doc: &DocumentThemes,
    ranking: &Ranking,
    source: Option<&'a str>,
    reg: &mut Registry,
) -> DocView<'a> {
    let anchor = format!("r{index}");
    let section_anchor = |s: usize| format!("r{index}-s{s}");
    // One scale for the sections of a report, so that the charts side by side compare.
    let scale = doc
        .sections()
        .iter()
        .map(|s| max_score(s.themes()))
        .fold(0.0, f64::max);
    let cards: Vec<SectionCard> = doc
        .sections()
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let links: Vec<String> = s
                .themes()
                .iter()
                .map(|t| format!("#{}-t{}", section_anchor(si), reg.id(t.text())))
                .collect();
            let title = section_label(s.title(), doc);
            SectionCard {
                chart: chart(&title, s.themes(), &links, scale, reg, false),
                title,
                href: format!("#{}", section_anchor(si)),
            }
        })
        .collect();
    let doc_links: Vec<String> = doc
        .themes()
        .iter()
        .map(|t| format!("#{anchor}-t{}", reg.id(t.text())))
        .collect();
    let whole = (doc.sections().len() > 1).then(|| {
        chart(
            "Whole report",
            doc.themes(),
            &doc_links,
            max_score(doc.themes()),
            reg,
            false,
        )
    });
    let matrix = matrix(index, doc, reg);
    let mut tables: Vec<ExplainTable> = doc
        .sections()
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let links: Vec<String> = s
                .themes()
                .iter()
                .map(|t| format!("#{}-t{}", section_anchor(si), reg.id(t.text())))
                .collect();
            explain_table(
                &section_label(s.title(), doc),
                format!("{}-table", section_anchor(si)),
                s.themes(),
                &links,
                reg,
                false,
            )
        })
        .collect();
    if doc.sections().len() > 1 {
        tables.push(explain_table(
            "Whole report",
            format!("{anchor}-table"),
            doc.themes(),
            &doc_links,
            reg,
            false,
        ));
    }
    let text = source.map(|text| doc_text(index, doc, ranking, text, reg));
    DocView {
        anchor,
        path: doc.path().to_string(),
        title: if doc.title().is_empty() {
            doc.path().to_string()
        } else {
            doc.title().to_string()
        },
        cards,
        whole,
        matrix,
        tables,
        text,
    }
}

/// A section's title, or a name for the one unit of a report without sections.
fn section_label(title: &str, doc: &DocumentThemes) -> String {
    if !title.is_empty() {
        title.to_string()
    } else if doc.sections().len() == 1 {
        "Whole report".to_string()
    } else {
        "(untitled section)".to_string()
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, theme: usize) -> Mark {
        Mark {
            start,
            end,
            theme,
            tooltip: String::new(),
        }
    }

    #[test]
    fn marks_do_not_overlap_and_fit_the_text() {
        let text = "危险化\n\n学品运输";
        let mut m = Marks::default();
        m.add(text, mark(0, 17, 1));
        m.add(text, mark(3, 9, 2)); // overlaps the first
        m.add(text, mark(1, 4, 3)); // not on a char boundary
        m.add(text, mark(17, 99, 4)); // past the end
        m.add(text, mark(17, 23, 5));
        assert_eq!(m.by_start.len(), 2);
        // Cut per line: the mention crossing the break is marked on both lines.
        let a = m.cut(text, Span::new(0, 9));
        let b = m.cut(text, Span::new(11, text.len()));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].text, "危险化");
        let ma = a[0]
            .mark
            .as_ref()
            .map(|m| (m.start, m.end, m.evidence.clone()));
        assert_eq!(ma, Some((0, 9, "0-17".to_string())));
        let texts: Vec<&str> = b.iter().map(|p| p.text).collect();
        assert_eq!(texts, ["学品", "运输"]);
        assert!(b[1].mark.is_some());
    }

    #[test]
    fn labels_are_cut_and_numbers_short() {
        assert_eq!(cut_label("笑气"), "笑气");
        let long = cut_label("一二三四五六七八九十十一十二");
        assert!(long.ends_with('…') && ems(&long) <= LABEL_MAX_EMS);
        assert_eq!(num(2.0), "2");
        assert_eq!(num(2.5), "2.50");
        assert_eq!(num(f64::NAN), "NaN");
    }
}
