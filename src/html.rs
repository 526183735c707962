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

/// The page's template; its name ends in `.html`, so everything it prints is HTML-escaped.
const TEMPLATE_NAME: &str = "report.html";
const TEMPLATE: &str = include_str!("html/report.html");

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

// ---------------------------------------------------------------------------------------------
// The page's model: everything the template prints, computed here.

#[derive(Serialize)]
struct Page<'a> {
    title: String,
    documents: usize,
    sections: usize,
    themes: Vec<ThemeStyle>,
    corpus: Chart,
    corpus_table: ExplainTable,
    docs: Vec<DocView<'a>>,
}

/// A theme's number on the page and its hue.
#[derive(Serialize)]
struct ThemeStyle {
    id: usize,
    hue: u32,
}

#[derive(Serialize)]
struct Chart {
    label: String,
    width: f64,
    height: f64,
    label_x: f64,
    bar_x: f64,
    bar_height: f64,
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Bar {
    theme: usize,
    label: String,
    href: String,
    tooltip: String,
    y: f64,
    text_y: f64,
    track_width: f64,
    width: f64,
    score_x: f64,
    score: String,
}

#[derive(Serialize)]
struct DocView<'a> {
    anchor: String,
    path: String,
    title: String,
    cards: Vec<SectionCard>,
    whole: Option<Chart>,
    matrix: Matrix,
    tables: Vec<ExplainTable>,
    text: Option<DocText<'a>>,
}

#[derive(Serialize)]
struct SectionCard {
    title: String,
    href: String,
    chart: Chart,
}

#[derive(Serialize)]
struct Matrix {
    columns: Vec<Column>,
    rows: Vec<MatrixRow>,
}

#[derive(Serialize)]
struct Column {
    title: String,
    href: String,
    whole: bool,
}

#[derive(Serialize)]
struct MatrixRow {
    theme: usize,
    text: String,
    href: String,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Cell {
    score: String,
    style: String,
    tooltip: String,
    whole: bool,
}

#[derive(Serialize)]
struct ExplainTable {
    caption: String,
    anchor: String,
    corpus: bool,
    rows: Vec<ExplainRow>,
}

#[derive(Serialize)]
struct ExplainRow {
    rank: usize,
    theme: usize,
    text: String,
    href: String,
    score: String,
    formula: String,
    tf: u32,
    weighted_tf: String,
    df: u64,
    idf: String,
    boost: String,
    quoted: bool,
    category: String,
    source: String,
    subsumes: String,
    mentions: usize,
    tooltip: String,
}

#[derive(Serialize)]
struct DocText<'a> {
    anchors: Vec<Anchor>,
    /// For a report without sections, the id of its one ranked unit (`r0-s0`).
    unit: Option<String>,
    title: Vec<BlockView<'a>>,
    lead: Vec<BlockView<'a>>,
    bylines: Vec<BylineView<'a>>,
    sections: Vec<SectionText<'a>>,
}

/// An empty element whose id a link targets, so that CSS can pick out one theme's marks.
#[derive(Serialize)]
struct Anchor {
    id: String,
    theme: usize,
}

#[derive(Serialize)]
struct SectionText<'a> {
    anchor: String,
    anchors: Vec<Anchor>,
    number: Vec<Piece<'a>>,
    title: Vec<Piece<'a>>,
    bylines: Vec<BylineView<'a>>,
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
struct BylineView<'a> {
    role: String,
    text: &'a str,
}

#[derive(Serialize)]
struct BlockView<'a> {
    kind: &'static str,
    level: Option<u8>,
    lines: usize,
    start: usize,
    end: usize,
    number: Vec<Piece<'a>>,
    pieces: Vec<Piece<'a>>,
}

/// A run of original text, highlighted or not.
#[derive(Serialize)]
struct Piece<'a> {
    text: &'a str,
    mark: Option<MarkView>,
}

#[derive(Serialize)]
struct MarkView {
    theme: usize,
    start: usize,
    end: usize,
    evidence: String,
    tooltip: String,
}

// ---------------------------------------------------------------------------------------------
// Building the model.

/// Numbers the distinct theme texts of the page in the order they are first met.
#[derive(Default)]
struct Registry {
    ids: HashMap<String, usize>,
}

impl Registry {
    fn id(&mut self, text: &str) -> usize {
        let next = self.ids.len();
        *self.ids.entry(text.to_string()).or_insert(next)
    }

    fn styles(&self) -> Vec<ThemeStyle> {
        let mut ids: Vec<usize> = self.ids.values().copied().collect();
        ids.sort_unstable();
        ids.into_iter()
            .map(|id| ThemeStyle { id, hue: hue(id) })
            .collect()
    }
}

/// Hues a golden angle apart, so that neighbouring numbers get far-apart colours.
fn hue(id: usize) -> u32 {
    ((id as f64 * 137.508 + 12.0) % 360.0).round() as u32
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

/// Formats a number with two decimals, or none when it is whole.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn source_name(t: &Theme) -> String {
    serde_json::to_value(t.source())
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How a theme's score came about, in one line (the right-hand side of `score = …`).
fn formula(t: &Theme, corpus: bool) -> String {
    if corpus {
        let n = t.df();
        format!(
            "sum of its scores in {n} report{}",
            if n == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "(1 + ln {}) × idf {:.2} × boost {:.2}",
            num(t.weighted_tf()),
            t.idf(),
            t.boost()
        )
    }
}

/// The tooltip of a theme: its score explained.
fn tooltip(t: &Theme, corpus: bool) -> String {
    let tf = if t.weighted_tf() == f64::from(t.tf()) {
        format!("tf {}", t.tf())
    } else {
        format!("tf {} (weighted {})", t.tf(), num(t.weighted_tf()))
    };
    let mut flags = vec![tf, format!("df {}", t.df())];
    if t.quoted() {
        flags.push("quoted".to_string());
    }
    if let Some(c) = t.category() {
        flags.push(format!("category {}", c.name()));
    }
    flags.push(format!("source {}", source_name(t)));
    let mut s = format!(
        "{}\nscore {:.2} = {}\n{}",
        t.text(),
        t.score(),
        formula(t, corpus),
        flags.join(" · ")
    );
    if !t.subsumes().is_empty() {
        s.push_str("\nhides ");
        s.push_str(&t.subsumes().join(", "));
    }
    s
}

/// The width of a label in ems: CJK and other wide characters take one, the rest about half.
fn ems(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 0.55 } else { 1.0 })
        .sum()
}

/// A label no wider than [`LABEL_MAX_EMS`].
fn cut_label(s: &str) -> String {
    if ems(s) <= LABEL_MAX_EMS {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        w += ems(c.encode_utf8(&mut [0; 4]));
        if w > LABEL_MAX_EMS - 1.0 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn chart(
    label: &str,
    themes: &[Theme],
    links: &[String],
    scale: f64,
    reg: &mut Registry,
    corpus: bool,
) -> Chart {
    let labels: Vec<String> = themes.iter().map(|t| cut_label(t.text())).collect();
    let label_w = labels
        .iter()
        .map(|l| ems(l))
        .fold(2.0, f64::max)
        .min(LABEL_MAX_EMS)
        * LABEL_SIZE
        + 10.0;
    let bar_x = label_w + 4.0;
    let track = (CHART_WIDTH - bar_x - SCORE_WIDTH).max(40.0);
    let bars = themes
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, (t, label))| {
            let y = 4.0 + i as f64 * ROW_HEIGHT;
            let frac = if scale > 0.0 && t.score().is_finite() {
                (t.score() / scale).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let width = round1((track * frac).max(1.0));
            Bar {
                theme: reg.id(t.text()),
                label,
                href: links.get(i).cloned().unwrap_or_default(),
                tooltip: tooltip(t, corpus),
                y,
                text_y: y + BAR_HEIGHT - 3.0,
                track_width: round1(track),
                width,
                score_x: round1(bar_x + width + 5.0),
                score: format!("{:.1}", t.score()),
            }
        })
        .collect();
    Chart {
        label: label.to_string(),
        width: CHART_WIDTH,
        height: (themes.len() as f64 * ROW_HEIGHT + 8.0).max(ROW_HEIGHT),
        label_x: label_w,
        bar_x,
        bar_height: BAR_HEIGHT,
        bars,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn explain_table(
    caption: &str,
    anchor: String,
    themes: &[Theme],
    links: &[String],
    reg: &mut Registry,
    corpus: bool,
) -> ExplainTable {
    let rows = themes
        .iter()
        .enumerate()
        .map(|(i, t)| ExplainRow {
            rank: i + 1,
            theme: reg.id(t.text()),
            text: t.text().to_string(),
            href: links.get(i).cloned().unwrap_or_default(),
            score: format!("{:.2}", t.score()),
            formula: formula(t, corpus),
            tf: t.tf(),
            weighted_tf: num(t.weighted_tf()),
            df: t.df(),
            idf: format!("{:.2}", t.idf()),
            boost: format!("{:.2}", t.boost()),
            quoted: t.quoted(),
            category: t
                .category()
                .map(|c| c.name().to_string())
                .unwrap_or_default(),
            source: source_name(t),
            subsumes: t.subsumes().join("、"),
            mentions: t.evidence().len(),
            tooltip: tooltip(t, corpus),
        })
        .collect();
    ExplainTable {
        caption: caption.to_string(),
        anchor,
        corpus,
        rows,
    }
}

/// The theme × section matrix of a report: rows are the themes of its sections, best first.
fn matrix(index: usize, doc: &DocumentThemes, reg: &mut Registry) -> Matrix {
    let mut best: BTreeMap<&str, f64> = BTreeMap::new();
    for s in doc.sections() {
        for t in s.themes() {
            let e = best.entry(t.text()).or_insert(f64::MIN);
            *e = e.max(t.score());
        }
    }
    let mut order: Vec<(&str, f64)> = best.into_iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let scale = order.first().map(|x| x.1).unwrap_or(0.0);
    let whole = doc.sections().len() > 1;
    let mut columns: Vec<Column> = doc
        .sections()
        .iter()
        .enumerate()
        .map(|(si, s)| Column {
            title: section_label(s.title(), doc),
            href: format!("#r{index}-s{si}"),
            whole: false,
        })
        .collect();
    if whole {
        columns.push(Column {
            title: "Whole report".to_string(),
            href: format!("#r{index}-text"),
            whole: true,
        });
    }
    let doc_scale = max_score(doc.themes());
    let rows = order
        .iter()
        .map(|(text, _)| {
            let id = reg.id(text);
            let mut cells: Vec<Cell> = doc
                .sections()
                .iter()
                .map(|s| {
                    let t = s.themes().iter().find(|t| t.text() == *text);
                    cell(t, scale, &section_label(s.title(), doc), false)
                })
                .collect();
            if whole {
                let t = doc.themes().iter().find(|t| t.text() == *text);
                cells.push(cell(t, doc_scale, "whole report", true));
            }
            MatrixRow {
                theme: id,
                text: text.to_string(),
                href: format!("#r{index}-t{id}"),
                cells,
            }
        })
        .collect();
    Matrix { columns, rows }
}

fn cell(t: Option<&Theme>, scale: f64, section: &str, whole: bool) -> Cell {
    match t {
        Some(t) => {
            let v = t.score() / scale;
            let v = if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let lightness = 96.0 - 54.0 * v;
            let ink = if lightness < 62.0 { "#fff" } else { "#222" };
            Cell {
                score: format!("{:.1}", t.score()),
                style: format!("background:hsl(18,82%,{lightness:.0}%);color:{ink}"),
                tooltip: format!("{section}: {}", tooltip(t, false)),
                whole,
            }
        }
        None => Cell {
            score: String::new(),
            style: String::new(),
            tooltip: format!("{section}: not among the top themes"),
            whole,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The text, with the evidence marked.

/// One mention to highlight.
#[derive(Debug, Clone)]
struct Mark {
    start: usize,
    end: usize,
    theme: usize,
    tooltip: String,
}

/// Non-overlapping marks by start offset.
#[derive(Default)]
struct Marks {
    by_start: BTreeMap<usize, Mark>,
}

impl Marks {
    /// Adds a mark unless it overlaps one already there (earlier additions win) or its
    /// offsets do not fit `text`.
    fn add(&mut self, text: &str, mark: Mark) {
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
    fn cut<'a>(&self, text: &'a str, span: Span) -> Vec<Piece<'a>> {
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

    fn themes_within(&self, span: Span) -> Vec<usize> {
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

fn push_plain<'a>(out: &mut Vec<Piece<'a>>, text: &'a str, start: usize, end: usize) {
    if let Some(plain) = text.get(start..end) {
        out.push(Piece {
            text: plain,
            mark: None,
        });
    }
}

fn doc_text<'a>(
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

fn add_marks(
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
fn trim_colon(text: &str, span: Span) -> Span {
    let s = text.get(span.range()).unwrap_or("");
    let trimmed = s.trim_end().trim_end_matches(['：', ':']).trim_end();
    Span::new(span.start, span.start + trimmed.len())
}

fn bylines<'a>(text: &'a str, bylines: &[Byline]) -> Vec<BylineView<'a>> {
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

fn block<'a>(text: &'a str, b: &Block, marks: &Marks) -> BlockView<'a> {
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
