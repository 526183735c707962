//! Ranks the policing themes of reports: per section, per report, and across all of them.
//!
//! `cargo run --release --example themes -- [--json] [--rejections] [--top N] [--explain WORD] [--quiet] [PATH ...]`
//!
//! `--explain WORD` prints, for each section and document, WORD's rank, score and figures,
//! the theme that hides it, or the rule that kept it out. `--rejections` adds to the JSON,
//! for each section and document, every word kept out and the rule that kept it out.
//!
//! PATHs are report files or folders (every `.txt`, `.htm`, `.html`, `.docx` and `.pdf`
//! inside and in their subfolders, sorted; hidden ones left out; each file once): text in
//! UTF-8, UTF-16, GB18030 or Big5, web pages, Word files and PDFs with a text layer. A report
//! found in a folder is named by its path inside it (`2024/a.txt`). The default is `seeds/`.
//! A file that cannot be read (a scanned PDF, a damaged file) is reported on stderr, the
//! others are still ranked, and the program exits with a failure status at the end; finding
//! no report at all is an error naming what was searched. What the folders held that is no
//! report (other files, hidden ones, ...) is counted on one line of stderr.
//!
//! A long run shows a progress bar on stderr when stderr is a terminal; `--quiet` hides it.

mod common;

use jingwu::{DocumentThemes, Engine, Explain, MappedText, RankOptions, Ranking, Rejection, Theme};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str =
    "usage: themes [--json] [--rejections] [--top N] [--explain WORD] [--quiet] [PATH ...]";

/// What the program prints.
enum Output {
    Table,
    Json,
    /// Why a word ranks where it does, or not at all.
    Explain(String),
}

/// The shared arguments, and what to print.
fn parse_args() -> Result<(common::Args, Output, Explain), String> {
    let mut output = Output::Table;
    let mut explain = Explain::Nothing;
    let args = common::parse_args(USAGE, |a, rest| match a {
        "--json" => {
            output = Output::Json;
            Ok(true)
        }
        "--rejections" => {
            explain = Explain::Rejections;
            Ok(true)
        }
        "--explain" => {
            let word = rest.next().ok_or("--explain needs a word")?;
            output = Output::Explain(word);
            Ok(true)
        }
        _ => Ok(false),
    })?;
    Ok((args, output, explain))
}

/// One line on `word` in a unit's ranking: its rank and figures, the theme that hides it,
/// or the rule that kept it out.
fn explain_line(word: &str, themes: &[Theme], rejections: &[Rejection]) -> String {
    let folded = MappedText::from_original(word);
    let is_word =
        |text: &str| text == word || MappedText::from_original(text).as_str() == folded.as_str();
    if let Some((i, t)) = themes
        .iter()
        .enumerate()
        .find(|(_, t)| is_word(t.text()) || is_word(t.normalized()))
    {
        return format!(
            "rank {}: score {:.2} = (1 + ln {:.1}) x idf {:.2} x boost {:.2}; tf {}, df {}, source {:?}{}",
            i + 1,
            t.score(),
            t.weighted_tf(),
            t.idf(),
            t.boost(),
            t.tf(),
            t.df(),
            t.source(),
            t.category()
                .map(|c| format!(", category {}", c.name()))
                .unwrap_or_default()
        );
    }
    if let Some(t) = themes
        .iter()
        .find(|t| t.subsumes().iter().any(|s| is_word(s)))
    {
        return format!(
            "hidden inside `{}`: its mentions count for that theme",
            t.text()
        );
    }
    let rules: Vec<String> = rejections
        .iter()
        .filter(|r| is_word(r.text()))
        .map(|r| {
            format!(
                "{} ({}; {} mention{})",
                r.rule(),
                r.rule().description(),
                r.mentions(),
                if r.mentions() == 1 { "" } else { "s" }
            )
        })
        .collect();
    if !rules.is_empty() {
        return format!("kept out: {}", rules.join("; "));
    }
    "not a candidate: not mentioned as a word or run of words here".to_string()
}

fn print_explanation(out: &mut String, word: &str, docs: &[DocumentThemes]) {
    for d in docs {
        let _ = writeln!(out, "== {} — {}", d.path(), d.title());
        for s in d.sections() {
            if !s.title().is_empty() {
                let _ = writeln!(
                    out,
                    "  -- section {}: {}",
                    s.title(),
                    explain_line(word, s.themes(), s.rejections())
                );
            }
        }
        let _ = writeln!(
            out,
            "  -- whole report: {}",
            explain_line(word, d.themes(), d.rejections())
        );
    }
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
    let (args, output, explain) = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut progress = common::Progress::new(args.quiet);
    let (docs, failed) = common::read(&args.paths, &mut progress);
    if docs.is_empty() {
        // Why was said on stderr: no report found, or none readable.
        progress.finish();
        return ExitCode::FAILURE;
    }
    let engine = Engine::new();
    let mut corpus = engine.corpus();
    common::add_all(&mut corpus, &docs, &mut progress);
    let mut options = RankOptions::default().top(args.top).explain(explain);
    if let Output::Explain(_) = output {
        // Every candidate ranked, so that a word far down the list has its rank.
        options = options
            .top(usize::MAX)
            .max_evidence(1)
            .explain(Explain::Rejections);
    }
    let ranking = corpus.rank(&options);
    progress.finish();
    let mut out = String::new();
    match &output {
        Output::Json => {
            out = ranking.to_json();
            out.push('\n');
        }
        Output::Table => print_ranking(&mut out, &ranking),
        Output::Explain(word) => print_explanation(&mut out, word, ranking.documents()),
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
