//! Measures jingwu's throughput stage by stage against jieba-rs on the same documents.
//!
//! `cargo run --release --example throughput -- [CORPUS_FILE]`
//!
//! Without an argument the corpus is about 10 MB of documents built from `seeds/` (see
//! `benches/corpus.rs`); with one, the file's blank-line blocks are the documents, ranked as
//! one corpus (`benches/people_daily.sh` builds such a file from the People's Daily of
//! January 1998). Each stage prints jingwu's MB/s, the jieba-rs baseline's MB/s on the same
//! documents and their ratio; then come engine construction (time and resident memory, the
//! best of five fresh processes each), the parallel speed-up of ranking on 2 threads against 1, and
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
    if let [flag, what] = args.as_slice()
        && flag == CONSTRUCT_ARG
    {
        return construct_child(what);
    }
    if args.iter().any(|a| a == "-h" || a == "--help") || args.len() > 1 {
        eprintln!("usage: throughput [CORPUS_FILE]");
        return ExitCode::from(2);
    }
    let loaded = match args.first() {
        Some(path) => corpus::read_corpus_file(Path::new(path)),
        None => corpus::seed_text().map(|seed| Docs {
            docs: corpus::synthetic(&seed, DEFAULT_BYTES),
            origin: format!(
                "synthetic from {} (documents of ~{} B)",
                corpus::seeds_dir().display(),
                corpus::DOC_BYTES
            ),
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

/// Rayon pools of 1 and 2 threads, kept for the whole run.
struct Pools {
    one: Option<rayon::ThreadPool>,
    two: Option<rayon::ThreadPool>,
}

impl Pools {
    fn new() -> Pools {
        Pools {
            one: pool(1),
            two: pool(2),
        }
    }

    /// Runs `f` on the pool of `threads` (1 or 2) threads, or in the global pool when that one
    /// could not be built.
    fn run<T: Send>(&self, threads: usize, f: impl FnOnce() -> T + Send) -> T {
        let p = if threads == 1 { &self.one } else { &self.two };
        match p {
            Some(p) => p.install(f),
            None => f(),
        }
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

    let ticks_start = cpu_ticks();
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

    let pools = Pools::new();
    let mut stages = pools.run(1, || stages(all, &engine, &jieba, &tfidf, &options));

    // The whole pipeline over the corpus, on 1 and on 2 threads, taken in turn so that other
    // work on the machine weighs on both alike; the best time of each.
    let mut one = Duration::MAX;
    let mut two = Duration::MAX;
    let mut identical = true;
    for _ in 0..stages.reps {
        let (a, t) = pools.run(1, || {
            time(|| corpus::rank_corpus(&engine, all, &options, true))
        });
        one = one.min(t);
        let (b, t) = pools.run(2, || {
            time(|| corpus::rank_corpus(&engine, all, &options, true))
        });
        two = two.min(t);
        identical &= a == b;
    }
    stages.list.push(Stage {
        name: "rank",
        bytes,
        jingwu: one,
        jieba: Some(("tfidf", stages.tfidf_all)),
    });
    for s in &stages.list {
        s.print();
    }
    let speedup = one.as_secs_f64() / two.as_secs_f64().max(f64::MIN_POSITIVE);
    println!(
        "parallel rank {:.2} MB: 1 thread {:.2} s, 2 threads {:.2} s ({:.2} MB/s), speed-up {speedup:.2}, results identical: {}",
        bytes as f64 / MB as f64,
        one.as_secs_f64(),
        two.as_secs_f64(),
        mb_per_s(bytes, two.as_secs_f64()),
        if identical { "yes" } else { "NO" }
    );

    for line in construction.lines() {
        println!("{line}");
    }
    let status = proc_status();
    println!(
        "memory of this run: peak resident (VmHWM) {}, resident now (VmRSS) {}",
        show_kb(status.hwm_kb),
        show_kb(status.rss_kb)
    );

    if let Some((others, stolen)) = contention(ticks_start, cpu_ticks()) {
        println!(
            "other load during the run: other processes {:.1}%, hypervisor steal {:.1}% of the machine's CPU time (above a few per cent the figures, the speed-up most, are unreliable)",
            others * 100.0,
            stolen * 100.0
        );
    }

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
    /// jieba-rs's keywords of every document of the corpus.
    tfidf_all: Duration,
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

    // The baseline of the whole pipeline over the corpus (measured by the caller).
    let (_, tfidf_all) = best(fast, || {
        for d in all {
            black_box(corpus::jieba_keywords(jieba, tfidf, d));
        }
    });
    Stages {
        list,
        tfidf_all,
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

/// CPU time in clock ticks: the whole machine's from `/proc/stat`, this process's and its
/// waited-for children's from `/proc/self/stat`.
#[derive(Debug, Clone, Copy)]
struct Ticks {
    total: u64,
    busy: u64,
    steal: u64,
    own: u64,
}

fn cpu_ticks() -> Option<Ticks> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let v: Vec<u64> = line
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal (guest time is counted in user).
    let (idle, iowait, steal) = (*v.get(3)?, *v.get(4)?, *v.get(7)?);
    let total: u64 = v.iter().take(8).sum();
    let own_stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name: state is field 3, utime..cstime are fields 14..=17.
    let after = own_stat.rsplit_once(')')?.1;
    let own: u64 = after
        .split_whitespace()
        .skip(11)
        .take(4)
        .filter_map(|x| x.parse::<u64>().ok())
        .sum();
    Some(Ticks {
        total,
        busy: total - idle - iowait - steal,
        steal,
        own,
    })
}

/// The shares of the machine's CPU time that other processes used and the hypervisor stole
/// between two readings of [`cpu_ticks`].
fn contention(before: Option<Ticks>, after: Option<Ticks>) -> Option<(f64, f64)> {
    let (a, b) = (before?, after?);
    let total = b.total.checked_sub(a.total).filter(|&t| t > 0)? as f64;
    let busy = b.busy.saturating_sub(a.busy);
    let own = b.own.saturating_sub(a.own);
    Some((
        busy.saturating_sub(own) as f64 / total,
        b.steal.saturating_sub(a.steal) as f64 / total,
    ))
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
    // The first report ranked after construction also pays for what is loaded on first
    // use: jieba's part-of-speech model (loaded when a word jieba's dictionary lacks is
    // tagged) and the table of traditional characters.
    let (_, first_use) = time(|| {
        if let Some(engine) = kept.downcast_ref::<Engine>() {
            engine.rank_text(FIRST_USE_TEXT, &RankOptions::default());
        } else if let Some((jieba, tfidf)) = kept.downcast_ref::<(Jieba, TfIdf)>() {
            corpus::jieba_keywords(jieba, tfidf, FIRST_USE_TEXT);
        }
    });
    let after_first_use = proc_status();
    let mut best = first;
    for _ in 1..CONSTRUCTIONS {
        let (e, t) = time(build);
        drop(black_box(e));
        best = best.min(t);
    }
    drop(kept);
    println!(
        "ms={:.1} rss_kb={} hwm_kb={} first_use_ms={:.1} first_use_rss_kb={}",
        best.as_secs_f64() * 1000.0,
        status.rss_kb.unwrap_or(0),
        status.hwm_kb.unwrap_or(0),
        first_use.as_secs_f64() * 1000.0,
        after_first_use.rss_kb.unwrap_or(0)
    );
    ExitCode::SUCCESS
}

/// A short report with a word jieba's dictionary lacks, ranked once after construction.
const FIRST_USE_TEXT: &str =
    "慈溪公安：\n\n慈溪公安深化“公安大脑”建设，捣毁笑气窝点，嫌疑人骉羴猋、犇淼焱落网。\n";

/// One engine construction measured in a child process.
#[derive(Debug, Clone, Copy, Default)]
struct Built {
    ms: f64,
    rss_kb: u64,
    /// The first report ranked after construction.
    first_use_ms: f64,
    /// Resident memory after it.
    first_use_rss_kb: u64,
}

impl Built {
    /// The shorter time and the smaller resident memory of two runs.
    fn best(self, other: Built) -> Built {
        Built {
            ms: self.ms.min(other.ms),
            rss_kb: self.rss_kb.min(other.rss_kb),
            first_use_ms: self.first_use_ms.min(other.first_use_ms),
            first_use_rss_kb: self.first_use_rss_kb.min(other.first_use_rss_kb),
        }
    }
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
            Some(("first_use_ms", v)) => {
                built.first_use_ms = v.parse().map_err(|_| text.to_string())?
            }
            Some(("first_use_rss_kb", v)) => {
                built.first_use_rss_kb = v.parse().map_err(|_| text.to_string())?
            }
            _ => {}
        }
    }
    Ok(built)
}

/// Fresh processes that build each engine, taken in turn; the fastest of each counts.
const CONSTRUCT_REPS: usize = 5;

/// Engine construction, jingwu against jieba-rs: time and resident memory after
/// construction, the best of [`CONSTRUCT_REPS`] fresh processes each, so that neither
/// inherits the other's heap.
fn construction() -> String {
    let measured = (|| -> Result<[Built; 3], String> {
        let none = construct_in_child("none")?;
        let mut ours = construct_in_child("jingwu")?;
        let mut theirs = construct_in_child("jieba")?;
        for _ in 1..CONSTRUCT_REPS {
            ours = ours.best(construct_in_child("jingwu")?);
            theirs = theirs.best(construct_in_child("jieba")?);
        }
        Ok([none, ours, theirs])
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
                "first report after construction (loads what is loaded on first use): jingwu {:.1} ms, resident after it {:.1} MB; jieba-rs {:.1} ms, {:.1} MB\n",
                ours.first_use_ms,
                mb(ours.first_use_rss_kb),
                theirs.first_use_ms,
                mb(theirs.first_use_rss_kb)
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
