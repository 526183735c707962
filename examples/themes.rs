//! Ranks the policing themes of reports: per section, per report, and across all of them.
//!
//! `cargo run --release --example themes -- [--json] [--top N] [PATH ...]`
//!
//! PATHs are report files or directories (every `*.txt` inside, sorted); the default is
//! `seeds/`. A file that cannot be read is reported on stderr, the others are still ranked,
//! and the program exits with a failure status at the end.

use jingwu::{Decoding, Engine, RankOptions, Ranking, Theme};
use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    json: bool,
    top: usize,
    paths: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        json: false,
        top: 10,
        paths: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => args.json = true,
            "--top" => {
                let n = it.next().ok_or("--top needs a number")?;
                args.top = n
                    .parse()
                    .map_err(|_| format!("--top: `{n}` is not a number"))?;
            }
            "-h" | "--help" => {
                return Err("usage: themes [--json] [--top N] [PATH ...]".to_string());
            }
            _ if a.starts_with("--") => return Err(format!("unknown option `{a}`")),
            _ => args.paths.push(PathBuf::from(a)),
        }
    }
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("seeds"));
    }
    Ok(args)
}

fn snippet(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

fn print_table(themes: &[Theme]) {
    if themes.is_empty() {
        println!("    (no themes)");
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
            .map(|e| snippet(&e.sentence, 36))
            .unwrap_or_default();
        println!(
            "  {:>2}. {:<14} score {:>6.2}  tf {:>2}  df {:>2}  idf {:>5.2}  {:<20} {}",
            i + 1,
            t.text(),
            t.score(),
            t.tf(),
            t.df(),
            t.idf(),
            flags.join(","),
            evidence
        );
    }
}

fn print_ranking(r: &Ranking) {
    for d in r.documents() {
        println!("== {} — {}", d.path(), d.title());
        for s in d.sections() {
            if !s.title().is_empty() {
                println!("  -- section {}", s.title());
            }
            print_table(s.themes());
        }
        if d.sections().len() > 1 {
            println!("  -- whole report");
            print_table(d.themes());
        }
        println!();
    }
    if r.documents().len() > 1 {
        println!("== corpus");
        print_table(r.corpus());
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let read = jingwu::read_reports(&args.paths, Decoding::Strict);
    for e in &read.errors {
        eprintln!("error: {e}");
    }
    let failed = !read.errors.is_empty();
    let docs: Vec<(String, String)> = read
        .reports
        .into_iter()
        .map(|(path, d)| (path, d.into_text()))
        .collect();
    let engine = Engine::new();
    let mut corpus = engine.corpus();
    corpus.add_all(docs);
    let ranking = corpus.rank(&RankOptions::default().top(args.top));
    if args.json {
        println!("{}", ranking.to_json());
    } else {
        print_ranking(&ranking);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
