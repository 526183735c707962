//! The table cases of the ranking's rules (`tests/cases/rules.toml`): each case names its
//! rule, and says what must rank, what must not, and which rule keeps what out.

mod common;

use jingwu::{Explain, RankOptions, Reject, Source};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    rule: String,
    text: String,
    section: Option<String>,
    #[serde(default)]
    themes: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    rejected: BTreeMap<String, String>,
}

/// The ways a theme is found, which cases of what ranks name as their rule.
const FOUND_BY: [&str; 4] = ["quoted_name", "lexicon", "collocation", "term"];

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string("tests/cases/rules.toml").expect("tests/cases/rules.toml");
    let cases: Cases = toml::from_str(&text).expect("rules.toml parses");
    cases.case
}

/// Runs one case; returns what went wrong, if anything.
fn run(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let options = RankOptions::default().explain(Explain::Rejections);
    let doc = common::engine().rank_text(&case.text, &options);
    let (themes, rejections) = match &case.section {
        Some(title) => match doc.sections().iter().find(|s| s.title() == title) {
            Some(s) => (s.themes(), s.rejections()),
            None => return vec![format!("no section titled {title}")],
        },
        None => (doc.themes(), doc.rejections()),
    };
    let shown: Vec<&str> = themes.iter().map(|t| t.text()).collect();
    for t in &case.themes {
        if !shown.contains(&t.as_str()) {
            problems.push(format!("`{t}` is not among the themes {shown:?}"));
        }
    }
    for t in &case.absent {
        if shown.contains(&t.as_str()) {
            problems.push(format!("`{t}` is a theme, and should not be"));
        }
    }
    for (word, rule) in &case.rejected {
        let Some(want) = Reject::from_name(rule) else {
            problems.push(format!("no rule named `{rule}`"));
            continue;
        };
        let got: Vec<Reject> = rejections
            .iter()
            .filter(|r| r.text() == word)
            .map(|r| r.rule())
            .collect();
        if !got.contains(&want) {
            problems.push(format!(
                "`{word}` was not kept out by {want} (kept out by {got:?})"
            ));
        }
    }
    // A case of a way of finding a theme checks that its first theme was found that way.
    let source = match case.rule.as_str() {
        "quoted_name" => Some(Source::Quoted),
        "lexicon" => Some(Source::Lexicon),
        "collocation" => Some(Source::Collocation),
        "term" => Some(Source::Term),
        _ => None,
    };
    if let (Some(source), Some(first)) = (source, case.themes.first()) {
        match themes.iter().find(|t| t.text() == first) {
            Some(t) if t.source() != source => problems.push(format!(
                "`{first}` was found as {:?}, not as {source:?}",
                t.source()
            )),
            _ => {}
        }
    }
    problems
}

#[test]
fn every_case_holds() {
    let mut failed = Vec::new();
    for case in cases() {
        let problems = run(&case);
        if !problems.is_empty() {
            failed.push(format!(
                "case `{}` (rule {}):\n  {}\n  help: if the rule changed on purpose, change this case in tests/cases/rules.toml",
                case.name,
                case.rule,
                problems.join("\n  ")
            ));
        }
    }
    assert!(failed.is_empty(), "\n{}", failed.join("\n"));
}

#[test]
fn cases_name_known_rules_and_are_distinct() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "two cases share a name");
    for c in &cases {
        assert!(
            Reject::from_name(&c.rule).is_some() || FOUND_BY.contains(&c.rule.as_str()),
            "case `{}` names no known rule: {}",
            c.name,
            c.rule
        );
        assert!(
            !c.themes.is_empty() || !c.absent.is_empty() || !c.rejected.is_empty(),
            "case `{}` checks nothing",
            c.name
        );
    }
}

#[test]
fn every_rule_has_a_case() {
    let cases = cases();
    let missing: Vec<&str> = Reject::ALL
        .iter()
        .map(|r| r.name())
        .chain(FOUND_BY)
        .filter(|r| !cases.iter().any(|c| c.rule == *r))
        .collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
}

#[test]
fn the_readme_lists_every_rule_in_order() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let header = "| rule | what it keeps out |\n| --- | --- |\n";
    let at = readme.find(header).expect("the README's table of rules") + header.len();
    let rows: Vec<(String, String)> = readme[at..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells[0].trim_matches('`').to_string(), cells[1].to_string())
        })
        .collect();
    let want: Vec<(String, String)> = Reject::ALL
        .iter()
        .map(|r| (r.name().to_string(), r.description().to_string()))
        .collect();
    assert_eq!(
        rows, want,
        "help: the README's table of rules must list Reject::ALL in order, with each description"
    );
}
