//! Ranks the policing themes of reports: per section, per report, and across all of them.
//!
//! `cargo run --release --example themes -- [--json | --jsonl] [--rejections] [--top N] [--explain WORD] [--quiet] [PATH ...]`
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
//! Reports are read once to count the corpus's statistics, once to rank each and write its
//! themes as they come, and the few that hold the evidence of the corpus's themes a third
//! time: memory stays flat however many there are. `--jsonl` writes one JSON object per
//! report, a line each, then one line `{"corpus":…}`. A file that changes between two
//! readings is named on stderr, and the program exits with a failure status.
//!
//! A long run shows a progress bar on stderr when stderr is a terminal; `--quiet` hides it.

mod common;

use jingwu::{
    CorpusThemes, DocumentThemes, Engine, Explain, MappedText, RankOptions, Rejection, ReportFile,
    Theme,
};
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

const USAGE: &str = "usage: themes [--json | --jsonl] [--rejections] [--top N] [--explain WORD] [--quiet] [PATH ...]";

/// What the program prints.
enum Output {
    Table,
    Json,
    /// One JSON object per document, one per line, then one of the corpus's themes.
    Jsonl,
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
        "--jsonl" => {
            output = Output::Jsonl;
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

fn print_explanation(out: &mut String, word: &str, d: &DocumentThemes) {
    {
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

/// Where the output goes, as each document is ranked: a table, JSON, JSON lines or an
/// explanation, written to stdout as it comes.
struct Sink {
    output: Output,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    documents: usize,
    /// The reader went away (`| head`): nothing more is written, and that is no error.
    closed: bool,
}

impl Sink {
    fn new(output: Output) -> Sink {
        let mut sink = Sink {
            output,
            out: std::io::BufWriter::new(std::io::stdout().lock()),
            documents: 0,
            closed: false,
        };
        if let Output::Json = sink.output {
            sink.write("{\"documents\":[");
        }
        sink
    }

    fn write(&mut self, s: &str) {
        if !self.closed && self.out.write_all(s.as_bytes()).is_err() {
            self.closed = true;
        }
    }

    fn document(&mut self, d: &DocumentThemes) {
        let mut out = String::new();
        match &self.output {
            Output::Json => {
                if self.documents > 0 {
                    out.push(',');
                }
                out.push_str(&d.to_json());
            }
            Output::Jsonl => {
                out.push_str(&d.to_json());
                out.push('\n');
            }
            Output::Table => {
                let _ = writeln!(out, "== {} — {}", d.path(), d.title());
                for s in d.sections() {
                    if !s.title().is_empty() {
                        let _ = writeln!(out, "  -- section {}", s.title());
                    }
                    print_table(&mut out, s.themes());
                }
                if d.sections().len() > 1 {
                    out.push_str("  -- whole report\n");
                    print_table(&mut out, d.themes());
                }
                out.push('\n');
            }
            Output::Explain(word) => print_explanation(&mut out, word, d),
        }
        self.documents += 1;
        self.write(&out);
    }

    fn finish(mut self, corpus: &CorpusThemes) {
        let mut out = String::new();
        match &self.output {
            Output::Json => {
                out.push_str("],\"corpus\":");
                out.push_str(&corpus.to_json());
                out.push_str("}\n");
            }
            Output::Jsonl => {
                out.push_str("{\"corpus\":");
                out.push_str(&corpus.to_json());
                out.push_str("}\n");
            }
            Output::Table => {
                if self.documents > 1 {
                    out.push_str("== corpus\n");
                    print_table(&mut out, corpus.themes());
                }
            }
            Output::Explain(_) => {}
        }
        self.write(&out);
        if !self.closed {
            let _ = self.out.flush();
        }
    }
}

/// A fingerprint of a report's text, to tell whether a file changed between two readings.
fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Whether the text read again from `file` (fingerprint `now`) is the text read before
/// (`seen`); if not, says on stderr that the file changed.
fn same_text(file: &ReportFile, seen: u64, now: u64, progress: &common::Progress) -> bool {
    let same = now == seen;
    if !same {
        progress.suspend(|| {
            eprintln!(
                "error: {}: changed while it was ranked; its themes may be of another text than its statistics or its evidence",
                file.path().display()
            )
        });
    }
    same
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
    let (files, mut failed) = common::find(&args.paths, &mut progress);
    if files.is_empty() {
        // Why was said on stderr.
        progress.finish();
        return ExitCode::FAILURE;
    }
    let engine = Engine::new();

    // The first pass counts the statistics; only a batch of reports is held at a time.
    progress.stage("counting", files.len());
    // Each file counted, by a fingerprint of its text: a file that changes before it is
    // read again is said on stderr.
    let mut counted: Vec<Option<u64>> = vec![None; files.len()];
    let stats = engine.count_all(files.iter().zip(&mut counted).filter_map(|(f, seen)| {
        let text = common::read_file(f, &progress);
        progress.inc(1);
        *seen = text.as_deref().map(fingerprint);
        text.map(|t| (f.id(), t))
    }));
    let read = counted.iter().flatten().count();
    failed |= read < files.len();
    if read == 0 {
        common::none_readable(files.len(), &progress);
        progress.finish();
        return ExitCode::FAILURE;
    }

    let mut options = RankOptions::default().top(args.top).explain(explain);
    if let Output::Explain(_) = output {
        // Every candidate ranked, so that a word far down the list has its rank.
        options = options
            .top(usize::MAX)
            .max_evidence(1)
            .explain(Explain::Rejections);
    }
    // The second pass reads each report again and ranks it against the statistics, and
    // its themes are written as they come.
    let ranker = engine.ranker(stats, &options);
    let mut tally = ranker.tally();
    let mut sink = Sink::new(output);
    progress.stage("ranking", read);
    let mut lost = false;
    // The files ranked, in order, with the fingerprints of the texts ranked: a document's
    // place in the corpus is its index here.
    let mut ranked: Vec<(&ReportFile, u64)> = Vec::with_capacity(read);
    ranker.rank_all(
        files
            .iter()
            .zip(&counted)
            .filter_map(|(f, seen)| Some((f, (*seen)?)))
            .filter_map(|(f, seen)| {
                // Read a moment ago; a file removed or changed since is said on stderr.
                let text = common::read_file(f, &progress);
                progress.inc(1);
                lost |= text.is_none();
                let text = text?;
                let now = fingerprint(&text);
                lost |= !same_text(f, seen, now, &progress);
                ranked.push((f, now));
                Some((f.id(), text))
            }),
        &mut tally,
        |d| sink.document(&d),
    );
    // A third, short pass: the evidence of the corpus's leading themes, from the few
    // reports that the tally names. An explanation shows no corpus themes.
    let wanted = match sink.output {
        Output::Explain(_) => Vec::new(),
        _ => tally.evidence_documents(),
    };
    let corpus = ranker.corpus_themes(
        &tally,
        wanted.into_iter().filter_map(|place| {
            let &(f, seen) = ranked.get(usize::try_from(place).ok()?)?;
            let text = common::read_file(f, &progress);
            lost |= text.is_none();
            let text = text?;
            lost |= !same_text(f, seen, fingerprint(&text), &progress);
            Some((place, f.id(), text))
        }),
    );
    progress.finish();
    sink.finish(&corpus);
    if failed || lost {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
