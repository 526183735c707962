//! The HTML report of the seed: its structure, highlights that match the evidence offsets,
//! escaping of report text, and no reference to anything outside the page.
#![cfg(feature = "html")]

mod common;

use jingwu::html::render_report;
use jingwu::{RankOptions, Ranking};
use std::collections::BTreeSet;

fn rank(docs: &[(&str, &str)]) -> Ranking {
    let mut corpus = common::engine().corpus();
    for (path, text) in docs {
        corpus.add(path, text);
    }
    corpus.rank(&RankOptions::default())
}

fn render(docs: &[(&str, &str)]) -> (Ranking, String) {
    let ranking = rank(docs);
    let page = render_report(&ranking, docs).expect("the page renders");
    (ranking, page)
}

/// Undoes the HTML escaping of text and attribute values.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(';') else { break };
        let entity = &rest[1..j];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
            }
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in a tag's attribute text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(&tag[i..i + j])
}

fn span_of(s: &str) -> (usize, usize) {
    let (a, b) = s.split_once('-').expect("start-end");
    (a.parse().expect("a number"), b.parse().expect("a number"))
}

/// A highlighted piece of text.
#[derive(Debug)]
struct Mark {
    start: usize,
    end: usize,
    evidence: (usize, usize),
    theme: String,
    inner: String,
}

/// Every `<mark>` of the page (marks hold text only, no other tags).
fn marks(page: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("<mark ") {
        rest = &rest[i..];
        let open_end = rest.find('>').expect("the tag closes");
        let tag = &rest[..open_end];
        let close = rest.find("</mark>").expect("the mark closes");
        let inner = &rest[open_end + 1..close];
        assert!(!inner.contains('<'), "a mark holds text only: {inner}");
        let num = |name: &str| -> usize {
            attr(tag, name)
                .unwrap_or_else(|| panic!("{name} in {tag}"))
                .parse()
                .expect("a number")
        };
        out.push(Mark {
            start: num("data-start"),
            end: num("data-end"),
            evidence: span_of(attr(tag, "data-evidence").expect("data-evidence")),
            theme: attr(tag, "data-theme").expect("data-theme").to_string(),
            inner: unescape(inner),
        });
        rest = &rest[close..];
    }
    out
}

/// Every evidence span of the ranking for the document `path`, by byte offsets.
fn evidence_spans(r: &Ranking, path: &str) -> BTreeSet<(usize, usize)> {
    let mut spans = BTreeSet::new();
    for d in r.documents().iter().filter(|d| d.path() == path) {
        let themes = d.all_themes();
        for t in themes {
            spans.extend(t.evidence().iter().map(|e| (e.start, e.end)));
        }
    }
    for t in r.corpus() {
        let mine = t
            .evidence()
            .iter()
            .filter(|e| e.document.as_deref() == Some(path));
        spans.extend(mine.map(|e| (e.start, e.end)));
    }
    spans
}

#[test]
fn seed_page_shows_both_sections_and_their_top_themes() {
    let text = common::seed();
    let (r, page) = render(&[(common::SEED, &text)]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    let doc = &r.documents()[0];
    assert_eq!(doc.sections().len(), 2);
    for (i, title) in ["象山公安", "慈溪公安"].iter().enumerate() {
        // A chart card, a column of the matrix and the section of the text.
        assert!(page.contains(&format!("<a href=\"#r0-s{i}\">{title}</a>")));
        assert!(page.contains(&format!("<section class=\"sec-text\" id=\"r0-s{i}\">")));
        assert!(page.contains(&format!("aria-label=\"{title}\"")));
    }
    assert!(page.contains("<table class=\"matrix\">"));
    assert!(page.contains("<table class=\"explain\""));
    // The title and the bylines, as metadata.
    assert!(page.contains("走前列 争一流"));
    assert!(page.contains("<li data-role=\"reporter\">记者 邹鑫</li>"));
    // The top themes of each section are in its chart, the matrix and the text.
    let marked: BTreeSet<String> = marks(&page).iter().map(|m| m.inner.clone()).collect();
    for s in doc.sections() {
        assert!(!s.themes().is_empty());
        for t in s.themes().iter().take(5) {
            assert!(
                page.contains(&format!(">{}</text>", t.text())),
                "{} has a bar",
                t.text()
            );
            assert!(page.contains(&format!("<span class=\"swatch\"></span>{}</a>", t.text())));
            assert!(
                t.evidence()
                    .iter()
                    .any(|e| marked.contains(&text[e.span()])),
                "{} is highlighted",
                t.text()
            );
        }
    }
    for wanted in ["公安大脑", "笑气", "共富警务"] {
        assert!(marked.contains(wanted), "{wanted} is highlighted");
    }
    // Scores are explained: the formula and the flags.
    let cixi = &doc.sections()[1].themes()[0];
    assert!(page.contains(&format!("{:.2} = (1 + ln ", cixi.score())));
    assert!(page.contains(&format!(") × idf {:.2} × boost ", cixi.idf())));
}

#[test]
fn highlights_match_the_evidence_offsets() {
    let text = common::seed();
    let (r, page) = render(&[(common::SEED, &text)]);
    let spans = evidence_spans(&r, common::SEED);
    let found = marks(&page);
    assert!(found.len() >= 20, "{} marks", found.len());
    let mut marked = BTreeSet::new();
    for m in &found {
        // The mark holds exactly the original text at its offsets ...
        assert_eq!(m.inner, &text[m.start..m.end], "{m:?}");
        // ... which is a mention the ranking found, or a line's part of one.
        assert!(spans.contains(&m.evidence), "{m:?} is evidence");
        assert!(m.evidence.0 <= m.start && m.end <= m.evidence.1, "{m:?}");
        if !text[m.evidence.0..m.evidence.1].contains('\n') {
            assert_eq!(
                (m.start, m.end),
                m.evidence,
                "an unbroken mention is one mark"
            );
        }
        marked.insert(m.evidence);
    }
    // Every mention of a section's theme is marked, all in one colour, one per theme.
    for s in r.documents()[0].sections() {
        let mut colours = BTreeSet::new();
        for t in s.themes() {
            let mut theirs = BTreeSet::new();
            for e in t.evidence() {
                assert!(
                    marked.contains(&(e.start, e.end)),
                    "{} at {}",
                    t.text(),
                    e.start
                );
                let m = found.iter().filter(|m| m.evidence == (e.start, e.end));
                theirs.extend(m.map(|m| m.theme.clone()));
            }
            assert_eq!(theirs.len(), 1, "{}: {theirs:?}", t.text());
            colours.extend(theirs);
        }
        assert_eq!(colours.len(), s.themes().len(), "{}", s.title());
    }
    // Marks are in text order and never overlap.
    for w in found.windows(2) {
        assert!(w[0].end <= w[1].start, "{:?} then {:?}", w[0], w[1]);
    }
}

#[test]
fn a_mention_across_a_repaired_line_break_is_marked_on_both_lines() {
    let text = "慈溪公安：\n\n今年以来，慈溪公安深化“公安大脑”建设，一举查处笑气工厂三家，\
                捣毁笑气加工窝点五处，全力推进公安大\n\n脑应用。\n";
    let (r, page) = render(&[("broken.txt", text)]);
    let crossing: Vec<(usize, usize)> = evidence_spans(&r, "broken.txt")
        .into_iter()
        .filter(|(s, e)| text[*s..*e].contains('\n'))
        .collect();
    assert!(
        !crossing.is_empty(),
        "the ranking reads 公安大⏎⏎脑 as one mention"
    );
    let found = marks(&page);
    for ev in crossing {
        let parts: Vec<&Mark> = found.iter().filter(|m| m.evidence == ev).collect();
        assert_eq!(parts.len(), 2, "{parts:?}");
        let joined: String = parts.iter().map(|m| m.inner.as_str()).collect();
        assert_eq!(joined, "公安大脑");
        for m in parts {
            assert_eq!(m.inner, &text[m.start..m.end]);
            assert!(!m.inner.contains('\n'));
        }
    }
}

#[test]
fn report_text_is_escaped() {
    let text = "慈溪公安：\n\n慈溪公安深化“公安大脑”建设，推进“公安大脑”应用。\
                有人在留言里写下<script>alert(1)</script>，也只是文字。\n\n\
                <b onmouseover=\"x()\">“公安大脑”</b> & <img src=x onerror=alert(2)>\n";
    let path = "<script>alert(3)</script>.txt";
    let (_, page) = render(&[(path, text)]);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(page.contains("&lt;script&gt;alert(3)"));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b "));
    // The page's own small script is its only one.
    assert_eq!(page.matches("<script").count(), 1);
    // Marks still hold the original text, unescaped.
    for m in marks(&page) {
        assert_eq!(m.inner, &text[m.start..m.end]);
    }
}

/// Asserts that every link of the page stays on it and lands on an element that is there;
/// returns the number of links.
fn links_land(page: &str) -> usize {
    let mut rest = page;
    let mut links = 0;
    while let Some(i) = rest.find(" href=\"") {
        rest = &rest[i + 7..];
        let target = &rest[..rest.find('"').expect("the attribute closes")];
        let id = target
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{target} is on the page"));
        assert!(page.contains(&format!(" id=\"{id}\"")), "#{id} exists");
        links += 1;
    }
    links
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let seed = common::seed();
    let gw = jingwu::read_report_file("seeds/gw_1.txt").expect("the second seed");
    let (_, page) = render(&[(common::SEED, &seed), ("seeds/gw_1.txt", &gw)]);
    let lower = page.to_lowercase();
    assert!(!lower.contains("http://") && !lower.contains("https://"));
    assert!(!lower.contains("<link") && !lower.contains("@import") && !lower.contains("url("));
    assert!(!lower.contains(" src="), "no external resource");
    let links = links_land(&page);
    assert!(links > 50, "{links} links");
}

#[test]
fn a_report_without_sections_is_one_unit() {
    let text = "今年以来，全市公安机关深化“公安大脑”建设，推进“公安大脑”应用，\
                一举查处笑气工厂三家，捣毁笑气加工窝点五处。\n";
    let (r, page) = render(&[("plain.txt", text)]);
    assert_eq!(r.documents()[0].sections().len(), 1);
    assert!(page.contains("<div class=\"front\" id=\"r0-s0\">"));
    assert!(links_land(&page) > 5);
    let found = marks(&page);
    assert!(found.iter().any(|m| m.inner == "公安大脑"));
    for m in found {
        assert_eq!(m.inner, &text[m.start..m.end]);
    }
}

#[test]
fn missing_or_wrong_sources_do_not_break_the_page() {
    let text = common::seed();
    let ranking = rank(&[(common::SEED, &text)]);
    let page = render_report(&ranking, &[]).expect("renders without sources");
    assert!(page.contains("The text of this report was not given."));
    assert!(page.contains("象山公安"));
    assert!(marks(&page).is_empty());
    // A text that is not the one ranked: offsets that do not fit it are not trusted.
    let short = "象山公安：\n\n短。\n";
    let page = render_report(&ranking, &[(common::SEED, short)]).expect("renders");
    for m in marks(&page) {
        assert_eq!(m.inner, &short[m.start..m.end]);
    }
}
