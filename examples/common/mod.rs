//! What the examples share: their common arguments, the default reports, reading them and
//! a progress bar. Each example uses part of it.
#![allow(dead_code)]

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jingwu::{Decoding, ReadOptions, ReportFile};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// `seeds/` of the working directory, or of the crate when run from elsewhere.
pub fn default_paths() -> Vec<PathBuf> {
    let here = PathBuf::from("seeds");
    let crate_seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    vec![if here.is_dir() { here } else { crate_seeds }]
}

/// How long a run goes before it shows a progress bar.
const PROGRESS_AFTER: Duration = Duration::from_millis(500);

/// A progress bar on stderr, shown once a run has taken [`PROGRESS_AFTER`], and only when
/// stderr is a terminal and `--quiet` was not given: nothing else of it reaches stderr.
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    enabled: bool,
    shown: bool,
}

impl Progress {
    /// A bar for a run, hidden until it has gone on for a while.
    pub fn new(quiet: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        Progress {
            bar,
            started: Instant::now(),
            enabled: !quiet && std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// Starts a stage of `len` steps.
    pub fn stage(&mut self, name: &'static str, len: usize) {
        self.bar.set_position(0);
        self.bar.set_length(len as u64);
        self.bar.set_message(name);
        self.show_if_long();
    }

    /// `n` more steps done.
    pub fn inc(&mut self, n: usize) {
        self.bar.inc(n as u64);
        self.show_if_long();
    }

    fn show_if_long(&mut self) {
        if self.enabled && !self.shown && self.started.elapsed() >= PROGRESS_AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
            self.shown = true;
        }
    }

    /// Runs `f` (which writes to stderr) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Finds the report files named by `paths` (files, or the report files of folders and their
/// subfolders: `.txt`, `.htm`, `.html`, `.docx`, `.pdf`), naming each path that cannot be
/// searched on stderr, and what the folders held that was left out on one line. Returns the
/// files, each with its id (a folder's files by their paths inside it), and whether any path
/// failed; finding no report file at all is a failure (`jingwu::ErrorKind::NoReports`, which
/// names the paths searched).
pub fn find(paths: &[PathBuf], progress: &mut Progress) -> (Vec<ReportFile>, bool) {
    let found = jingwu::find_reports(paths, ReadOptions::new());
    let mut failed = false;
    for e in &found.errors {
        progress.bar.suspend(|| eprintln!("error: {e}"));
        failed = true;
    }
    if found.skipped.total() > 0 {
        let skipped = found.skipped;
        progress.bar.suspend(|| eprintln!("skipped: {skipped}"));
    }
    (found.files, failed)
}

/// The text of `file`, or `None` after naming on stderr why it cannot be read.
pub fn read_file(file: &ReportFile, progress: &Progress) -> Option<String> {
    match jingwu::read_report(file.path(), Decoding::Strict) {
        Ok(d) => Some(d.into_text()),
        Err(e) => {
            progress.bar.suspend(|| eprintln!("error: {e}"));
            None
        }
    }
}

/// Says on stderr that none of `files` could be read, when there were some.
pub fn none_readable(files: usize, progress: &Progress) {
    if files > 0 {
        progress
            .bar
            .suspend(|| eprintln!("error: none of the {files} report files could be read"));
    }
}

/// Reads the reports named by `paths` (see [`find`]), naming each that cannot be read on
/// stderr. Returns the reports, each under its id, and whether any failed.
pub fn read(paths: &[PathBuf], progress: &mut Progress) -> (Vec<(String, String)>, bool) {
    let (files, mut failed) = find(paths, progress);
    progress.stage("reading", files.len());
    let mut docs = Vec::new();
    for file in &files {
        match read_file(file, progress) {
            Some(text) => docs.push((file.id().to_string(), text)),
            None => failed = true,
        }
        progress.inc(1);
    }
    if docs.is_empty() {
        none_readable(files.len(), progress);
    }
    (docs, failed)
}

/// Documents added to the corpus at a time, between two steps of the progress bar.
const BATCH: usize = 64;

/// Adds `docs` to `corpus`, a batch at a time, with progress.
pub fn add_all(corpus: &mut jingwu::Corpus, docs: &[(String, String)], progress: &mut Progress) {
    progress.stage("analysing", docs.len());
    for batch in docs.chunks(BATCH) {
        corpus.add_all(batch.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        progress.inc(batch.len());
    }
    progress.stage("ranking", 1);
}

/// The arguments the examples share.
pub struct Args {
    /// How many themes to show.
    pub top: usize,
    /// The reports: files or directories.
    pub paths: Vec<PathBuf>,
    /// No progress bar.
    pub quiet: bool,
}

/// Reads the arguments: `--top N`, `-q`/`--quiet`, `-h`/`--help` and the report paths (by
/// default `seeds/`).
/// `own` is offered every other option with the arguments after it and says whether it took
/// it; `usage` is the text for `--help` and for an unknown option.
pub fn parse_args(
    usage: &str,
    mut own: impl FnMut(&str, &mut dyn Iterator<Item = String>) -> Result<bool, String>,
) -> Result<Args, String> {
    let mut args = Args {
        top: 10,
        paths: Vec::new(),
        quiet: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--top" => {
                let n = it.next().ok_or("--top needs a number")?;
                args.top = n
                    .parse()
                    .map_err(|_| format!("--top: `{n}` is not a number"))?;
            }
            "-q" | "--quiet" => args.quiet = true,
            "-h" | "--help" => return Err(usage.to_string()),
            _ if a.starts_with('-') && a.len() > 1 => {
                if !own(&a, &mut it)? {
                    return Err(format!("unknown option `{a}`\n{usage}"));
                }
            }
            _ => args.paths.push(PathBuf::from(a)),
        }
    }
    if args.paths.is_empty() {
        args.paths = default_paths();
    }
    Ok(args)
}
