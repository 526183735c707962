//! Writes one self-contained HTML page of the themes of reports: charts per section, a theme ×
//! section matrix, score explanations, and each report's text with its themes highlighted.
//!
//! `cargo run --release --example report -- [--top N] [--quiet] [PATH ...] [-o report.html]`
//!
//! PATHs are report files or folders (every `.txt`, `.htm`, `.html`, `.docx` and `.pdf`
//! inside and in their subfolders, sorted; hidden ones left out; each file once), each
//! report named by its path inside the folder given; the default is `seeds/`. The text of a
//! web page, Word file or PDF is the text extracted from it, which the page shows and its
//! highlights point into. The page goes to `target/jingwu-report.html` unless `-o` says
//! otherwise, written whole or not at all (a failed write leaves the page there before); it
//! needs no network and opens offline. A file that cannot be read is reported on stderr, the
//! others are still ranked, and the program exits with a failure status at the end; finding
//! no report is an error naming what was searched. What the folders held that is no report
//! is counted on one line of stderr. A long run shows a progress bar on stderr when stderr is
//! a terminal; `--quiet` hides it.

mod common;

use jingwu::{Engine, RankOptions, Ranking};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: report [--top N] [--quiet] [PATH ...] [-o report.html]";

/// The shared arguments, and the file the page goes to.
fn parse_args() -> Result<(common::Args, PathBuf), String> {
    let mut out = PathBuf::from("target/jingwu-report.html");
    let args = common::parse_args(USAGE, |a, rest| match a {
        "-o" | "--output" => {
            out = PathBuf::from(rest.next().ok_or("-o needs a file name")?);
            Ok(true)
        }
        _ => Ok(false),
    })?;
    Ok((args, out))
}

fn main() -> ExitCode {
    let (args, out) = match parse_args() {
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
    let ranking = corpus.rank(&RankOptions::default().top(args.top));
    progress.finish();
    let sources: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let page = match render(&ranking, &sources) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };

    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    // Whole or not at all: a failed write leaves the page written before.
    if let Err(e) = jingwu::write_atomically(&out, page.as_bytes()) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let sections: usize = ranking.documents().iter().map(|d| d.sections().len()).sum();
    println!(
        "wrote {} ({} report{}, {} section{}, {} bytes)",
        out.display(),
        docs.len(),
        if docs.len() == 1 { "" } else { "s" },
        sections,
        if sections == 1 { "" } else { "s" },
        page.len()
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(feature = "html")]
fn render(ranking: &Ranking, sources: &[(&str, &str)]) -> Result<String, String> {
    jingwu::html::render_report(ranking, sources).map_err(|e| e.to_string())
}

#[cfg(not(feature = "html"))]
fn render(_: &Ranking, _: &[(&str, &str)]) -> Result<String, String> {
    Err("the report needs jingwu's `html` feature (on by default)".to_string())
}
