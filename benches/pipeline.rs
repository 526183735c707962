//! Criterion benchmarks of jingwu's pipeline, each group with the jieba-rs baseline for the
//! same work on the same documents, so that the ratio reads off directly.
//!
//! `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 2 [FILTER]`
//!
//! Groups: `parse` (report parsing and repair), `segment`, `rank_one` (one report at a time),
//! `corpus` (a corpus ranked after adding its reports one by one or in parallel), `engine`
//! (construction) and `scaling` (corpora of 1 to 8 MB, one giant line without punctuation, and
//! one document of 1 to 32 MB with sentences: a yearbook or an archive saved as one file).
//!
//! The documents are built from `seeds/` (see `benches/corpus.rs`); set `JINGWU_BENCH_CORPUS`
//! to a file with one document per blank-line block to measure on a real corpus instead.

mod corpus;

use corpus::{MB, total_bytes};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jieba_rs::{Jieba, TfIdf};
use jingwu::{Engine, RankOptions, Report};
use rayon::prelude::*;
use std::hint::black_box;

/// Size of the documents of the per-stage groups.
const STAGE_BYTES: usize = 256 * 1024;
/// Number of reports of the `rank_one` group.
const ONE_REPORTS: usize = 16;
/// Sizes of the `scaling` group, in MB.
const SCALING_MB: [usize; 4] = [1, 2, 4, 8];
/// Sizes of the one document with sentences of the `scaling` group, in MB: 24 MB should take
/// at most 4.6 times as long as 6 MB.
const DOCUMENT_MB: [usize; 5] = [1, 6, 12, 24, 32];
/// What a megabyte and the per-stage size shrink to when the benchmarks run once each as tests
/// (`cargo test --benches`, in a debug build), rather than measured by `cargo bench`.
const TEST_MB: usize = 16 * 1024;

/// What every group shares: the documents and both engines.
struct Setup {
    /// Bytes of a "megabyte" of the scaling group, and of each per-stage group.
    mb: usize,
    stage_bytes: usize,
    docs: corpus::Docs,
    seed: String,
    engine: Engine,
    jieba: Jieba,
    tfidf: TfIdf,
    options: RankOptions,
}

fn setup() -> Setup {
    // `cargo bench` passes `--bench`; without it each benchmark runs once, as a test.
    let measured = std::env::args().any(|a| a == "--bench");
    let (mb, stage_bytes) = if measured {
        (MB, STAGE_BYTES)
    } else {
        (TEST_MB, TEST_MB)
    };
    let largest = SCALING_MB.iter().max().copied().unwrap_or(1) * mb;
    let docs = corpus::load(largest).unwrap_or_else(|e| panic!("benchmark corpus: {e}"));
    eprintln!(
        "corpus: {}, {} documents, {:.2} MB",
        docs.origin,
        docs.docs.len(),
        docs.bytes() as f64 / MB as f64
    );
    let seed = corpus::seed_text().unwrap_or_else(|_| docs.docs.concat());
    Setup {
        mb,
        stage_bytes,
        docs,
        seed,
        engine: Engine::new(),
        jieba: Jieba::new(),
        tfidf: corpus::jieba_tfidf(),
        options: RankOptions::default(),
    }
}

fn bytes(docs: &[String]) -> Throughput {
    Throughput::Bytes(total_bytes(docs) as u64)
}

fn parse(c: &mut Criterion, s: &Setup) {
    let docs = s.docs.take_bytes(s.stage_bytes);
    let mut g = c.benchmark_group("parse");
    g.throughput(bytes(&docs));
    g.bench_function("jingwu/Report::parse", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(Report::parse(d));
            }
        })
    });
    // jieba-rs does not parse reports; its cut of the same text shows what parsing adds to
    // the segmentation that follows it.
    g.bench_function("jieba/cut_hmm", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(corpus::jieba_cut(&s.jieba, d));
            }
        })
    });
    g.finish();
}

fn segment(c: &mut Criterion, s: &Setup) {
    let docs = s.docs.take_bytes(s.stage_bytes);
    let seg = s.engine.segmenter();
    let mut g = c.benchmark_group("segment");
    g.throughput(bytes(&docs));
    g.bench_function("jingwu/Segmenter::segment", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(seg.segment(d).tokens().len());
            }
        })
    });
    g.bench_function("jingwu/report_blocks", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(corpus::segment_report(seg, d));
            }
        })
    });
    g.bench_function("jieba/cut_hmm", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(corpus::jieba_cut(&s.jieba, d));
            }
        })
    });
    // jingwu tags parts of speech as it segments: jieba-rs's tagging is the like-for-like cost.
    g.bench_function("jieba/tag_hmm", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(s.jieba.tag(d, true).len());
            }
        })
    });
    g.finish();
}

fn rank_one(c: &mut Criterion, s: &Setup) {
    let docs: Vec<String> = s.docs.docs.iter().take(ONE_REPORTS).cloned().collect();
    let mut g = c.benchmark_group("rank_one");
    g.throughput(bytes(&docs));
    g.bench_function("jingwu/Engine::rank_text", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(s.engine.rank_text(d, &s.options));
            }
        })
    });
    g.bench_function("jieba/tfidf_top20", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(corpus::jieba_keywords(&s.jieba, &s.tfidf, d));
            }
        })
    });
    g.finish();
}

fn corpus_rank(c: &mut Criterion, s: &Setup) {
    let docs = s.docs.take_bytes(s.stage_bytes);
    let mut g = c.benchmark_group("corpus");
    g.throughput(bytes(&docs));
    g.bench_function("jingwu/add_then_rank", |b| {
        b.iter(|| black_box(corpus::rank_corpus(&s.engine, &docs, &s.options, false)))
    });
    g.bench_function("jingwu/add_all_then_rank", |b| {
        b.iter(|| black_box(corpus::rank_corpus(&s.engine, &docs, &s.options, true)))
    });
    g.bench_function("jieba/tfidf_top20", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(corpus::jieba_keywords(&s.jieba, &s.tfidf, d));
            }
        })
    });
    g.bench_function("jieba/tfidf_top20_parallel", |b| {
        b.iter(|| {
            docs.par_iter()
                .map(|d| corpus::jieba_keywords(&s.jieba, &s.tfidf, d))
                .sum::<usize>()
        })
    });
    g.finish();
}

fn engine(c: &mut Criterion) {
    let mut g = c.benchmark_group("engine");
    g.bench_function("jingwu/Engine::new", |b| b.iter(Engine::new));
    g.bench_function("jieba/Jieba::new+TfIdf::default", |b| {
        b.iter(|| (Jieba::new(), TfIdf::default()))
    });
    g.finish();
}

fn scaling(c: &mut Criterion, s: &Setup) {
    let largest = SCALING_MB.iter().max().copied().unwrap_or(1) * s.mb;
    let probe = Probe::run(s, largest, |bytes| corpus::giant_line(&s.seed, bytes));
    eprintln!("giant line {probe}");
    let mut g = c.benchmark_group("scaling");
    for mb in SCALING_MB {
        let docs = s.docs.take_bytes(mb * s.mb);
        g.throughput(bytes(&docs));
        let size = size_name(s, mb);
        g.bench_with_input(BenchmarkId::new("jingwu/rank", &size), &docs, |b, docs| {
            b.iter(|| black_box(corpus::rank_corpus(&s.engine, docs, &s.options, true)))
        });
        g.bench_with_input(
            BenchmarkId::new("jieba/tfidf_top20", &size),
            &docs,
            |b, docs| {
                b.iter(|| {
                    docs.par_iter()
                        .map(|d| corpus::jieba_keywords(&s.jieba, &s.tfidf, d))
                        .sum::<usize>()
                })
            },
        );
        let line = corpus::giant_line(&s.seed, mb * s.mb);
        g.throughput(Throughput::Bytes(line.len() as u64));
        match probe.fits(line.len()) {
            Ok(()) => {
                g.bench_with_input(
                    BenchmarkId::new("jingwu/rank_giant_line", &size),
                    &line,
                    |b, line| b.iter(|| black_box(s.engine.rank_text(line, &s.options))),
                );
            }
            Err(why) => eprintln!("scaling/jingwu/rank_giant_line/{size}: skipped: {why}"),
        }
        g.bench_with_input(
            BenchmarkId::new("jieba/tfidf_giant_line", &size),
            &line,
            |b, line| b.iter(|| corpus::jieba_keywords(&s.jieba, &s.tfidf, line)),
        );
    }
    // One document with sentences, sections and paragraphs, of growing size: the time of a
    // size over that of the one before, against the ratio of their sizes, says whether it
    // grows linearly.
    let largest = DOCUMENT_MB.iter().max().copied().unwrap_or(1) * s.mb;
    let probe = Probe::run(s, largest, |bytes| document(s, bytes));
    eprintln!("one document {probe}");
    for mb in DOCUMENT_MB {
        let size = size_name(s, mb);
        let doc = document(s, mb * s.mb);
        g.throughput(Throughput::Bytes(doc.len() as u64));
        match probe.fits(doc.len()) {
            Ok(()) => {
                g.bench_with_input(
                    BenchmarkId::new("jingwu/rank_one_document", &size),
                    &doc,
                    |b, doc| b.iter(|| black_box(s.engine.rank_text(doc, &s.options))),
                );
            }
            Err(why) => eprintln!("scaling/jingwu/rank_one_document/{size}: skipped: {why}"),
        }
        g.bench_with_input(
            BenchmarkId::new("jieba/tfidf_one_document", &size),
            &doc,
            |b, doc| b.iter(|| corpus::jieba_keywords(&s.jieba, &s.tfidf, doc)),
        );
    }
    g.finish();
}

/// The name of a size of the scaling group: in MB when measured, in KB when run as a test.
fn size_name(s: &Setup, mb: usize) -> String {
    if s.mb == MB {
        format!("{mb}MB")
    } else {
        format!("{}KB", mb * s.mb / 1024)
    }
}

/// One document of about `bytes` bytes: the benchmark corpus's documents (varied
/// seeds, each a bureau's section, unless a corpus file is given), one after another.
fn document(s: &Setup, bytes: usize) -> String {
    let docs = match std::env::var_os(corpus::CORPUS_ENV) {
        Some(p) if !p.is_empty() => s.docs.take_bytes(bytes),
        _ => corpus::synthetic(&s.seed, bytes),
    };
    docs.join("\n\n")
}

/// Sizes of the texts that [`Probe::run`] may rank, smallest first.
const PROBE_BYTES: [usize; 6] = [
    32 * 1024,
    64 * 1024,
    128 * 1024,
    256 * 1024,
    512 * 1024,
    1024 * 1024,
];
/// Longest a probe may be expected to take, in seconds.
const PROBE_SECS: f64 = 5.0;
/// Share of the machine's available memory a probe may be expected to use.
const PROBE_MEMORY_SHARE: f64 = 0.1;
/// Longest an iteration of the scaling group may be expected to take, in seconds.
const MAX_ITERATION_SECS: f64 = 30.0;
/// Share of the machine's available memory an iteration may be expected to use (the machine
/// may be shared).
const MAX_MEMORY_SHARE: f64 = 0.25;

/// jingwu's cost on one text of the scaling group.
#[derive(Debug, Clone, Copy)]
struct Point {
    bytes: usize,
    secs: f64,
    /// Peak memory allocated on the heap while ranking it, in kB; `None` where it cannot be
    /// told.
    kb: Option<f64>,
}

/// jingwu's cost on texts of growing size (giant lines, documents), to extrapolate to the
/// scaling group's sizes before running them: a cost that grows faster than the text, or a
/// large one per byte (each mention's evidence holding its whole sentence, say), would take
/// the larger sizes past the machine's memory. The probe climbs [`PROBE_BYTES`] while the next size is expected to stay
/// within [`PROBE_SECS`] and [`PROBE_MEMORY_SHARE`], and extrapolates from its last two sizes.
struct Probe {
    points: Vec<Point>,
}

impl Probe {
    /// Ranks the texts `make` builds of the sizes of [`PROBE_BYTES`], up to `largest`.
    fn run(s: &Setup, largest: usize, make: impl Fn(usize) -> String) -> Probe {
        let mut probe = Probe { points: Vec::new() };
        for &bytes in PROBE_BYTES
            .iter()
            .filter(|&&b| b <= largest.max(PROBE_BYTES[0]))
        {
            if probe.check(bytes, PROBE_SECS, PROBE_MEMORY_SHARE).is_err() {
                break;
            }
            let text = make(bytes);
            let start = std::time::Instant::now();
            let ((), peak) = heap::peak_of(|| {
                black_box(s.engine.rank_text(&text, &s.options));
            });
            let secs = start.elapsed().as_secs_f64();
            let kb = Some((peak as f64 / 1024.0).max(1.0));
            probe.points.push(Point { bytes, secs, kb });
        }
        probe
    }

    /// A cost at `bytes` extrapolated from the last two probes (linearly from one), and how
    /// fast it grows with the text (1 for linear, 2 for quadratic; never less than 1).
    fn project(&self, bytes: usize, cost: impl Fn(&Point) -> Option<f64>) -> Option<(f64, f64)> {
        let (last, rest) = self.points.split_last()?;
        let v = cost(last)?;
        let exponent = match rest.last() {
            Some(prev) => {
                let u = cost(prev)?.max(f64::MIN_POSITIVE);
                ((v / u).ln() / (last.bytes as f64 / prev.bytes as f64).ln()).max(1.0)
            }
            None => 1.0,
        };
        Some((
            v * (bytes as f64 / last.bytes as f64).powf(exponent),
            exponent,
        ))
    }

    /// Whether a text of `bytes` is expected to take at most `max_secs` and `memory_share` of
    /// the available memory.
    fn check(&self, bytes: usize, max_secs: f64, memory_share: f64) -> Result<(), String> {
        let need = self.project(bytes, |p| p.kb);
        if let (Some((kb, e)), Some(avail)) = (need, corpus::mem_available_kb())
            && kb > avail as f64 * memory_share
        {
            return Err(format!(
                "projected {:.1} GB of memory, {:.1} GB available (memory grows as size^{e:.2})",
                kb / (1024.0 * 1024.0),
                avail as f64 / (1024.0 * 1024.0),
            ));
        }
        if let Some((secs, e)) = self.project(bytes, |p| Some(p.secs))
            && secs > max_secs
        {
            return Err(format!(
                "projected {secs:.0} s an iteration (time grows as size^{e:.2})"
            ));
        }
        Ok(())
    }

    /// Whether a text of `bytes` fits the time and memory of the machine.
    fn fits(&self, bytes: usize) -> Result<(), String> {
        self.check(bytes, MAX_ITERATION_SECS, MAX_MEMORY_SHARE)
    }
}

impl std::fmt::Display for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "probe:")?;
        for p in &self.points {
            write!(f, " {} KB in {:.3} s", p.bytes / 1024, p.secs)?;
            if let Some(kb) = p.kb {
                write!(f, " using {:.1} MB", kb / 1024.0)?;
            }
            write!(f, ";")?;
        }
        let next = self.points.last().map_or(0, |p| 2 * p.bytes);
        if let Some((_, e)) = self.project(next, |p| Some(p.secs)) {
            write!(f, " time grows as size^{e:.2}")?;
        }
        if let Some((_, e)) = self.project(next, |p| p.kb) {
            write!(f, ", memory as size^{e:.2}")?;
        }
        Ok(())
    }
}

/// Heap memory allocated, counted while a probe runs: resident memory would not do, since
/// what the allocator keeps from one run serves the next.
mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

    struct Counting;

    static ON: AtomicBool = AtomicBool::new(false);
    static NOW: AtomicIsize = AtomicIsize::new(0);
    static PEAK: AtomicIsize = AtomicIsize::new(0);

    fn add(bytes: isize) {
        if ON.load(Ordering::Relaxed) {
            let now = NOW.fetch_add(bytes, Ordering::Relaxed) + bytes;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
    }

    // SAFETY: every call goes to the system allocator as it came; only counts are added.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            add(layout.size() as isize);
            // SAFETY: the caller's guarantees are passed on.
            unsafe { System.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            add(layout.size() as isize);
            // SAFETY: the caller's guarantees are passed on.
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            add(-(layout.size() as isize));
            // SAFETY: the caller's guarantees are passed on.
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            add(new_size as isize - layout.size() as isize);
            // SAFETY: the caller's guarantees are passed on.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;

    /// What `f` returns, and the most bytes it held on the heap at once beyond what was
    /// held before (counted only while it runs, so the other benchmarks pay one load).
    pub fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        NOW.store(0, Ordering::Relaxed);
        PEAK.store(0, Ordering::Relaxed);
        ON.store(true, Ordering::Relaxed);
        let out = f();
        ON.store(false, Ordering::Relaxed);
        (out, PEAK.load(Ordering::Relaxed).max(0) as usize)
    }
}

fn benches(c: &mut Criterion) {
    let s = setup();
    parse(c, &s);
    segment(c, &s);
    rank_one(c, &s);
    corpus_rank(c, &s);
    engine(c);
    scaling(c, &s);
}

criterion_group! {
    name = pipeline;
    // Each iteration reads hundreds of kilobytes to megabytes: ten samples are enough.
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(pipeline);
