//! Charts, the theme × section matrix and the tables that explain each score.

use super::*;

/// Formats a number with two decimals, or none when it is whole.
pub(super) fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

pub(super) fn source_name(t: &Theme) -> String {
    serde_json::to_value(t.source())
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How a theme's score came about, in one line (the right-hand side of `score = …`).
pub(super) fn formula(t: &Theme, corpus: bool) -> String {
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
pub(super) fn tooltip(t: &Theme, corpus: bool) -> String {
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
pub(super) fn ems(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 0.55 } else { 1.0 })
        .sum()
}

/// A label no wider than [`LABEL_MAX_EMS`].
pub(super) fn cut_label(s: &str) -> String {
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

pub(super) fn chart(
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

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(super) fn explain_table(
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
pub(super) fn matrix(index: usize, doc: &DocumentThemes, reg: &mut Registry) -> Matrix {
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

pub(super) fn cell(t: Option<&Theme>, scale: f64, section: &str, whole: bool) -> Cell {
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
