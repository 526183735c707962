//! Real police texts from public web pages, ranked as one corpus per set and scored against
//! the themes an analyst wrote for them before any ranking was run: the scores must stay at
//! or above their floors. `tests/data/real/` holds texts of many shapes, simplified and
//! traditional; `tests/data/summaries/` official work summaries, ranked as whole documents.
//! Each set's SOURCES.md says where its texts come from.

mod common;

use jingwu::RankOptions;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Gold {
    sections: Vec<GoldSection>,
    #[serde(default)]
    bad: Vec<String>,
}

#[derive(Deserialize)]
struct GoldSection {
    title: String,
    must: Vec<Vec<String>>,
    #[serde(default)]
    ok: Vec<Vec<String>>,
}

/// Whether a ranked theme matches one of the forms of a gold theme: equal, or one contains
/// the other and the shorter has at least 60 % of the longer's characters.
fn matches(theme: &str, forms: &[String]) -> bool {
    forms.iter().any(|f| {
        let (a, b) = (theme.chars().count(), f.chars().count());
        let (short, long) = if a <= b {
            (theme, f.as_str())
        } else {
            (f.as_str(), theme)
        };
        theme == f
            || (long.contains(short) && 10 * short.chars().count() >= 6 * long.chars().count())
    })
}

/// Recall of the must themes, mean precision in the top 10, and the bad terms ranked.
struct Score {
    recall: f64,
    precision: f64,
    bad: Vec<String>,
    missed: Vec<String>,
}

fn score(dir: &str) -> Score {
    let gold: BTreeMap<String, Gold> = serde_json::from_str(
        &std::fs::read_to_string(format!("{dir}/gold.json")).expect("gold.json"),
    )
    .expect("gold.json parses");
    let mut corpus = common::engine().corpus();
    for name in gold.keys() {
        let text = jingwu::read_report_file(format!("{dir}/{name}")).expect("a real text");
        corpus.add(name, &text);
    }
    let ranking = corpus.rank(&RankOptions::default().top(10));
    let (mut must, mut hit, mut precision, mut units) = (0, 0, 0.0, 0);
    let (mut bad, mut missed) = (Vec::new(), Vec::new());
    for (doc, (name, g)) in ranking.documents().iter().zip(&gold) {
        assert_eq!(doc.path(), name);
        for s in &g.sections {
            let themes = if s.title == "*" {
                doc.themes()
            } else {
                doc.sections()
                    .iter()
                    .find(|x| x.title().contains(&s.title))
                    .map_or(&[][..], |x| x.themes())
            };
            let shown: Vec<&str> = themes.iter().take(10).map(|t| t.text()).collect();
            units += 1;
            must += s.must.len();
            for m in &s.must {
                if shown.iter().any(|t| matches(t, m)) {
                    hit += 1;
                } else {
                    missed.push(format!("{name}: {}", m[0]));
                }
            }
            let good = shown
                .iter()
                .filter(|t| s.must.iter().chain(&s.ok).any(|m| matches(t, m)))
                .count();
            precision += good as f64 / 10.0;
            bad.extend(
                shown
                    .iter()
                    .filter(|t| g.bad.iter().any(|b| b == *t))
                    .map(|t| format!("{name}: {t}")),
            );
        }
    }
    Score {
        recall: hit as f64 / must.max(1) as f64,
        precision: precision / units.max(1) as f64,
        bad,
        missed,
    }
}

#[test]
fn the_matching_is_the_scorers() {
    let forms = ["海上枫桥经验".to_string()];
    assert!(matches("海上枫桥经验", &forms));
    assert!(matches("枫桥经验", &forms)); // 4 of 6 characters
    assert!(!matches("新时代枫桥经验", &forms)); // neither holds the other
    assert!(!matches("枫桥", &forms)); // 2 of 6
    assert!(!matches("公安", &forms));
}

/// Asserts that the set in `dir` scores at or above the floors.
fn at_or_above(dir: &str, recall: f64, precision: f64, bad: usize) {
    let s = score(dir);
    let report = format!(
        "{dir}: recall {:.3}, precision@10 {:.3}, bad {:?}\nmissed: {:#?}",
        s.recall, s.precision, s.bad, s.missed
    );
    eprintln!("{report}");
    assert!(s.recall >= recall, "{report}");
    assert!(s.precision >= precision, "{report}");
    assert!(s.bad.len() <= bad, "{report}");
}

// The floors are the scores of the ranking as it stands, less a little.

#[test]
fn real_texts_of_many_shapes_rank_at_or_above_their_floors() {
    at_or_above("tests/data/real", 0.68, 0.64, 2);
}

#[test]
fn official_summaries_rank_at_or_above_their_floors() {
    at_or_above("tests/data/summaries", 0.61, 0.60, 2);
}
