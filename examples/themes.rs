//! Ranks the policing themes of reports: per section, per report, and across all of them.
//!
//! `cargo run --release --example themes -- [--json] [--top N] [PATH ...]`
//!
//! PATHs are report files or directories (every `*.txt` inside, sorted); the default is
//! `seeds/`. A file that cannot be read is reported on stderr, the others are still ranked,
//! and the program exits with a failure status at the end.

mod common;

use jingwu::{Engine, RankOptions, Ranking, Theme};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: themes [--json] [--top N] [PATH ...]";

/// The shared arguments, and whether to print JSON.
fn parse_args() -> Result<(common::Args, bool), String> {
    let mut json = false;
    let args = common::parse_args(USAGE, |a, _| match a {
        "--json" => {
            json = true;
            Ok(true)
        }
        _ => Ok(false),
    })?;
    Ok((args, json))
}

/// Up to `max` characters of `sentence` around the first mention of `theme`.
fn snippet(sentence: &str, theme: &str, max: usize) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let at = sentence
        .find(theme)
        .map_or(0, |b| sentence[..b].chars().count());
    let start = at
        .saturating_sub(max / 3)
        .min(chars.len().saturating_sub(max));
    let end = (start + max).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// `s` padded with spaces to `width` terminal columns (a Han character takes two).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn print_table(out: &mut String, themes: &[Theme]) {
    if themes.is_empty() {
        out.push_str("    (no themes)\n");
        return;
    }
    for (i, t) in themes.iter().enumerate() {
        let mut flags = Vec::new();
        if t.quoted() {
            flags.push("quoted".to_string());
        }
        if let Some(c) = t.category() {
            flags.push(c.name().to_string());
        }
        let evidence = t
            .evidence()
            .first()
            .map(|e| snippet(&e.sentence, t.text(), 30))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:>2}. {} score {:>6.2}  tf {:>2}  df {:>2}  idf {:>5.2}  {:<20} {}",
            i + 1,
            pad(t.text(), 18),
            t.score(),
            t.tf(),
            t.df(),
            t.idf(),
            flags.join(","),
            evidence
        );
    }
}

fn print_ranking(out: &mut String, r: &Ranking) {
    for d in r.documents() {
        let _ = writeln!(out, "== {} — {}", d.path(), d.title());
        for s in d.sections() {
            if !s.title().is_empty() {
                let _ = writeln!(out, "  -- section {}", s.title());
            }
            print_table(out, s.themes());
        }
        if d.sections().len() > 1 {
            out.push_str("  -- whole report\n");
            print_table(out, d.themes());
        }
        out.push('\n');
    }
    if r.documents().len() > 1 {
        out.push_str("== corpus\n");
        print_table(out, r.corpus());
    }
}

fn main() -> ExitCode {
    let (args, json) = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (docs, failed) = common::read(&args.paths);
    let engine = Engine::new();
    let mut corpus = engine.corpus();
    corpus.add_all(docs);
    let ranking = corpus.rank(&RankOptions::default().top(args.top));
    let mut out = String::new();
    if json {
        out = ranking.to_json();
        out.push('\n');
    } else {
        print_ranking(&mut out, &ranking);
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
