//! Measures jingwu's throughput stage by stage against jieba-rs on the same documents.
//!
//! `cargo run --release --example throughput -- [CORPUS_FILE]`
//!
//! Without an argument the corpus is about 10 MB of documents built from `seeds/` (see
//! `benches/corpus.rs`); with one, the file's blank-line blocks are the documents, ranked as
//! one corpus. Each stage prints jingwu's MB/s, the jieba-rs baseline's MB/s on the same
//! documents and their ratio; then come engine construction (time and resident memory, each
//! measured in a fresh process), the parallel speed-up of ranking on 2 threads against 1, and
//! a last line for machines:
//!
//! `rank_mb_s=… segment_mb_s=… ratio_rank_vs_jieba_tfidf=… ratio_segment_vs_jieba_cut=… parallel_speedup=…`
//!
//! The MB/s of that line are single-threaded. The program fails if ranking on 2 threads
//! gives another result than on 1.

#[path = "../benches/corpus.rs"]
mod corpus;

use corpus::{Docs, MB, mb_per_s, proc_status, total_bytes};
use jieba_rs::{Jieba, TfIdf};
use jingwu::{Engine, RankOptions, Report};
use std::hint::black_box;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Size of the corpus built from the seeds.
const DEFAULT_BYTES: usize = 10 * MB;
/// Size of the share of the corpus that the per-report ranking stage reads.
const RANK_ONE_BYTES: usize = 2 * MB;
/// Above this size a corpus is measured once per stage rather than best of a few.
const LARGE_BYTES: usize = 32 * MB;
/// The hidden argument that runs one engine construction in a child process.
const CONSTRUCT_ARG: &str = "--construct";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, what] = args.as_slice() {
        if flag == CONSTRUCT_ARG {
            return construct_child(what);
        }
    }
    if args.iter().any(|a| a == "-h" || a == "--help") || args.len() > 1 {
        eprintln!("usage: throughput [CORPUS_FILE]");
        return ExitCode::from(2);
    }
    let loaded = match args.first() {
        Some(path) => corpus::read_corpus_file(Path::new(path)),
        None => corpus::seed_text().map(|seed| Docs {
            docs: corpus::synthetic(&seed, DEFAULT_BYTES),
            origin: format!("synthetic from {}", corpus::seeds_dir().display()),
        }),
    };
    let docs = match loaded {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    run(&docs)
}

/// What one stage measured.
struct Stage {
    name: &'static str,
    bytes: usize,
    jingwu: Duration,
    jieba: Option<(&'static str, Duration)>,
}

impl Stage {
    fn jingwu_mb_s(&self) -> f64 {
        mb_per_s(self.bytes, self.jingwu.as_secs_f64())
    }

    fn jieba_mb_s(&self) -> Option<f64> {
        self.jieba
            .map(|(_, t)| mb_per_s(self.bytes, t.as_secs_f64()))
    }

    fn ratio(&self) -> Option<f64> {
        self.jieba_mb_s().map(|j| self.jingwu_mb_s() / j)
    }

    fn print(&self) {
        let head = format!(
            "stage {:<10} {:>7.2} MB  jingwu {:>7.2} MB/s ({:>7.2} s)",
            self.name,
            self.bytes as f64 / MB as f64,
            self.jingwu_mb_s(),
            self.jingwu.as_secs_f64()
        );
        match (self.jieba, self.jieba_mb_s(), self.ratio()) {
            (Some((what, t)), Some(mb_s), Some(ratio)) => println!(
                "{head}  jieba-rs {what} {mb_s:>7.2} MB/s ({:>7.2} s)  ratio {ratio:.2}",
                t.as_secs_f64()
            ),
            _ => println!("{head}  (jieba-rs has no counterpart)"),
        }
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Runs `f` `reps` times (at least once): the last result and the shortest time.
fn best<T>(reps: usize, mut f: impl FnMut() -> T) -> (T, Duration) {
    let (mut out, mut shortest) = time(&mut f);
    for _ in 1..reps {
        drop(out);
        let (o, t) = time(&mut f);
        out = o;
        shortest = shortest.min(t);
    }
    (out, shortest)
}

fn pool(threads: usize) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| eprintln!("warning: no rayon pool of {threads} threads: {e}"))
        .ok()
}

/// Runs `f` on a rayon pool of `threads` threads (in the global pool when none can be built).
fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    match pool(threads) {
        Some(p) => p.install(f),
        None => f(),
    }
}

fn run(docs: &Docs) -> ExitCode {
    let all = &docs.docs;
    let bytes = docs.bytes();
    println!(
        "corpus: {} — {} documents, {:.2} MB",
        docs.origin,
        all.len(),
        bytes as f64 / MB as f64
    );
    println!(
        "machine: {} hardware threads; measured stages run on 1 thread",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    let construction = construction();
    let engine = Engine::new();
    let jieba = Jieba::new();
    let tfidf = corpus::jieba_tfidf();
    let options = RankOptions::default();

    // Warm up code and allocator on a few documents.
    let warm = &all[..all.len().min(8)];
    for d in warm {
        black_box(corpus::segment_report(engine.segmenter(), d));
        black_box(corpus::jieba_keywords(&jieba, &tfidf, d));
    }

    let stages = on_threads(1, || stages(all, &engine, &jieba, &tfidf, &options));
    for s in &stages.list {
        s.print();
    }

    // Ranking the whole corpus on 1 and on 2 threads.
    let (two, t2) = on_threads(2, || {
        best(stages.reps, || {
            corpus::rank_corpus(&engine, all, &options, true)
        })
    });
    let speedup = stages.rank_1_thread.as_secs_f64() / t2.as_secs_f64().max(f64::MIN_POSITIVE);
    let identical = two == stages.ranking;
    println!(
        "parallel rank {:.2} MB: 1 thread {:.2} s, 2 threads {:.2} s ({:.2} MB/s), speed-up {speedup:.2}, results identical: {}",
        bytes as f64 / MB as f64,
        stages.rank_1_thread.as_secs_f64(),
        t2.as_secs_f64(),
        mb_per_s(bytes, t2.as_secs_f64()),
        if identical { "yes" } else { "NO" }
    );
    drop(two);

    for line in construction.lines() {
        println!("{line}");
    }
    let status = proc_status();
    println!(
        "memory of this run: peak resident (VmHWM) {}, resident now (VmRSS) {}",
        show_kb(status.hwm_kb),
        show_kb(status.rss_kb)
    );

    let rank = stages.find("rank");
    let segment = stages.find("segment");
    println!(
        "rank_mb_s={:.2} segment_mb_s={:.2} ratio_rank_vs_jieba_tfidf={:.2} ratio_segment_vs_jieba_cut={:.2} parallel_speedup={speedup:.2}",
        rank.map_or(0.0, Stage::jingwu_mb_s),
        segment.map_or(0.0, Stage::jingwu_mb_s),
        rank.and_then(Stage::ratio).unwrap_or(0.0),
        segment.and_then(Stage::ratio).unwrap_or(0.0),
    );
    if identical {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: ranking on 2 threads differs from ranking on 1");
        ExitCode::FAILURE
    }
}

struct Stages {
    list: Vec<Stage>,
    /// The ranking of the whole corpus on 1 thread, to compare with 2.
    ranking: jingwu::Ranking,
    rank_1_thread: Duration,
    /// Repetitions of the corpus ranking.
    reps: usize,
}

impl Stages {
    fn find(&self, name: &str) -> Option<&Stage> {
        self.list.iter().find(|s| s.name == name)
    }
}

fn stages(
    all: &[String],
    engine: &Engine,
    jieba: &Jieba,
    tfidf: &TfIdf,
    options: &RankOptions,
) -> Stages {
    let bytes = total_bytes(all);
    // Repetitions of each measurement, the best kept: fewer for a large corpus file.
    let (fast, slow) = if bytes > LARGE_BYTES { (1, 1) } else { (3, 2) };
    let mut list = Vec::new();

    // Parsing and repair.
    let (reports, t) = best(fast, || {
        all.iter().map(|d| Report::parse(d)).collect::<Vec<_>>()
    });
    list.push(Stage {
        name: "parse",
        bytes,
        jingwu: t,
        jieba: None,
    });

    // Segmentation of the parsed blocks alone: what the pipeline's figure below adds parsing to.
    let (_, t) = best(fast, || {
        for (d, r) in all.iter().zip(&reports) {
            for b in r.blocks() {
                black_box(engine.segmenter().segment_block(d, b).tokens().len());
            }
        }
    });
    drop(reports);
    let (_, cut) = best(fast, || {
        for d in all {
            black_box(corpus::jieba_cut(jieba, d));
        }
    });
    list.push(Stage {
        name: "blocks",
        bytes,
        jingwu: t,
        jieba: Some(("cut", cut)),
    });

    // Segmentation through the pipeline: parse, repair, segment each block.
    let (_, t) = best(fast, || {
        for d in all {
            black_box(corpus::segment_report(engine.segmenter(), d));
        }
    });
    list.push(Stage {
        name: "segment",
        bytes,
        jingwu: t,
        jieba: Some(("cut", cut)),
    });

    // Candidates and ranking of one report at a time.
    let some = take_prefix(all, RANK_ONE_BYTES);
    let (_, t) = best(fast, || {
        for d in some {
            black_box(engine.rank_text(d, options));
        }
    });
    let (_, kw) = best(fast, || {
        for d in some {
            black_box(corpus::jieba_keywords(jieba, tfidf, d));
        }
    });
    list.push(Stage {
        name: "rank_one",
        bytes: total_bytes(some),
        jingwu: t,
        jieba: Some(("tfidf", kw)),
    });

    // The whole pipeline over the corpus.
    let (ranking, rank_1_thread) = best(slow, || corpus::rank_corpus(engine, all, options, true));
    let (_, kw) = best(fast, || {
        for d in all {
            black_box(corpus::jieba_keywords(jieba, tfidf, d));
        }
    });
    list.push(Stage {
        name: "rank",
        bytes,
        jingwu: rank_1_thread,
        jieba: Some(("tfidf", kw)),
    });
    Stages {
        list,
        ranking,
        rank_1_thread,
        reps: slow,
    }
}

/// The first documents of `all` adding up to at least `bytes` (all of them if fewer).
fn take_prefix(all: &[String], bytes: usize) -> &[String] {
    let mut size = 0;
    for (i, d) in all.iter().enumerate() {
        if size >= bytes {
            return &all[..i];
        }
        size += d.len();
    }
    all
}

fn show_kb(kb: Option<u64>) -> String {
    kb.map_or_else(
        || "n/a".to_string(),
        |k| format!("{:.1} MB", k as f64 / 1024.0),
    )
}

/// Constructions timed in the child; the first one's instance stays alive for the memory
/// figure.
const CONSTRUCTIONS: usize = 3;

/// Child process: builds one engine (`jingwu`, `jieba`, or `none` for an empty process) and
/// prints `ms=… rss_kb=… hwm_kb=…`.
fn construct_child(what: &str) -> ExitCode {
    let build = || -> Box<dyn std::any::Any> {
        match what {
            "jingwu" => Box::new(Engine::new()),
            "jieba" => Box::new((Jieba::new(), TfIdf::default())),
            _ => Box::new(()),
        }
    };
    let (kept, first) = time(build);
    let status = proc_status();
    let mut best = first;
    for _ in 1..CONSTRUCTIONS {
        let (e, t) = time(build);
        drop(black_box(e));
        best = best.min(t);
    }
    drop(kept);
    println!(
        "ms={:.1} rss_kb={} hwm_kb={}",
        best.as_secs_f64() * 1000.0,
        status.rss_kb.unwrap_or(0),
        status.hwm_kb.unwrap_or(0)
    );
    ExitCode::SUCCESS
}

/// One engine construction measured in a child process.
#[derive(Debug, Clone, Copy, Default)]
struct Built {
    ms: f64,
    rss_kb: u64,
}

fn construct_in_child(what: &str) -> Result<Built, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args([CONSTRUCT_ARG, what])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("child exited with {}", out.status));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut built = Built::default();
    for kv in text.split_whitespace() {
        match kv.split_once('=') {
            Some(("ms", v)) => built.ms = v.parse().map_err(|_| text.to_string())?,
            Some(("rss_kb", v)) => built.rss_kb = v.parse().map_err(|_| text.to_string())?,
            _ => {}
        }
    }
    Ok(built)
}

/// Engine construction, jingwu against jieba-rs: time (best of a few) and resident memory
/// after construction, each in a fresh process so that neither inherits the other's heap.
fn construction() -> String {
    let measured = (|| -> Result<[Built; 3], String> {
        Ok([
            construct_in_child("none")?,
            construct_in_child("jingwu")?,
            construct_in_child("jieba")?,
        ])
    })();
    let mb = |kb: u64| kb as f64 / 1024.0;
    match measured {
        Ok([none, ours, theirs]) => {
            let mut s = format!(
                "construct jingwu Engine::new(): {:.1} ms, resident after {:.1} MB (+{:.1} MB over an empty process)\n",
                ours.ms,
                mb(ours.rss_kb),
                mb(ours.rss_kb.saturating_sub(none.rss_kb))
            );
            s += &format!(
                "construct jieba-rs Jieba::new()+TfIdf::default(): {:.1} ms, resident after {:.1} MB (+{:.1} MB over an empty process)\n",
                theirs.ms,
                mb(theirs.rss_kb),
                mb(theirs.rss_kb.saturating_sub(none.rss_kb))
            );
            s += &format!(
                "construct ratio jingwu/jieba-rs: time {:.2}, resident memory {:.2}",
                ours.ms / theirs.ms.max(f64::MIN_POSITIVE),
                ours.rss_kb as f64 / theirs.rss_kb.max(1) as f64
            );
            s
        }
        Err(e) => {
            // No child process: time both here; memory then cannot be told apart.
            let (e1, ours) = time(Engine::new);
            drop(e1);
            let (e2, theirs) = time(|| (Jieba::new(), TfIdf::default()));
            drop(e2);
            format!(
                "construct (in process, child failed: {e}) jingwu {:.1} ms, jieba-rs {:.1} ms, ratio {:.2}; resident memory n/a",
                ours.as_secs_f64() * 1000.0,
                theirs.as_secs_f64() * 1000.0,
                ours.as_secs_f64() / theirs.as_secs_f64().max(f64::MIN_POSITIVE)
            )
        }
    }
}
