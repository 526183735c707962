//! Criterion benchmarks of jingwu's pipeline, each group with the jieba-rs baseline for the
//! same work on the same documents, so that the ratio reads off directly.
//!
//! `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 2 [FILTER]`
//!
//! Groups: `parse` (report parsing and repair), `segment`, `rank_one` (one report at a time),
//! `corpus` (a corpus ranked after adding its reports one by one or in parallel), `engine`
//! (construction) and `scaling` (1 to 8 MB, and one giant line without punctuation).
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

/// What every group shares: the documents and both engines.
struct Setup {
    docs: corpus::Docs,
    seed: String,
    engine: Engine,
    jieba: Jieba,
    tfidf: TfIdf,
    options: RankOptions,
}

fn setup() -> Setup {
    let largest = SCALING_MB.iter().max().copied().unwrap_or(1) * MB;
    let docs = corpus::load(largest).unwrap_or_else(|e| panic!("benchmark corpus: {e}"));
    eprintln!(
        "corpus: {}, {:.2} MB",
        docs.origin,
        docs.bytes() as f64 / MB as f64
    );
    let seed = corpus::seed_text().unwrap_or_else(|_| docs.docs.concat());
    Setup {
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
    let docs = s.docs.take_bytes(STAGE_BYTES);
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
    let docs = s.docs.take_bytes(STAGE_BYTES);
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
    let docs = s.docs.take_bytes(STAGE_BYTES);
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
    let probe = Probe::giant_line(s);
    eprintln!("{probe}");
    let mut g = c.benchmark_group("scaling");
    for mb in SCALING_MB {
        let docs = s.docs.take_bytes(mb * MB);
        g.throughput(bytes(&docs));
        let size = format!("{mb}MB");
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
        let line = corpus::giant_line(&s.seed, mb * MB);
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
    g.finish();
}

/// Sizes of the giant lines that [`Probe::giant_line`] ranks.
const PROBE_BYTES: [usize; 2] = [32 * 1024, 64 * 1024];
/// Longest an iteration of the scaling group may be expected to take, in seconds.
const MAX_ITERATION_SECS: f64 = 30.0;
/// Share of the machine's available memory an iteration may be expected to use.
const MAX_MEMORY_SHARE: f64 = 0.5;

/// jingwu's cost on two small giant lines, to extrapolate to the scaling group's sizes before
/// running them: a cost growing faster than the line (each mention's evidence holding its
/// whole sentence, say) would take the larger sizes past the machine's memory.
struct Probe {
    secs: [f64; 2],
    /// Peak memory above the resident memory before, in kB; `None` where it cannot be told.
    kb: Option<[f64; 2]>,
}

impl Probe {
    fn giant_line(s: &Setup) -> Probe {
        let mut secs = [0.0; 2];
        let mut kb = Some([0.0; 2]);
        for (i, &bytes) in PROBE_BYTES.iter().enumerate() {
            let line = corpus::giant_line(&s.seed, bytes);
            let before = corpus::proc_status().rss_kb;
            let reset = corpus::reset_peak();
            let start = std::time::Instant::now();
            black_box(s.engine.rank_text(&line, &s.options));
            secs[i] = start.elapsed().as_secs_f64();
            let peak = corpus::proc_status().hwm_kb;
            match (kb.as_mut(), before, peak, reset) {
                (Some(k), Some(b), Some(p), true) => k[i] = p.saturating_sub(b).max(1024) as f64,
                _ => kb = None,
            }
        }
        Probe { secs, kb }
    }

    /// How fast a cost grows with the line: 1 for linear, 2 for quadratic.
    fn exponent(v: [f64; 2]) -> f64 {
        let ratio = v[1] / v[0].max(f64::MIN_POSITIVE);
        (ratio.log2() / (PROBE_BYTES[1] as f64 / PROBE_BYTES[0] as f64).log2()).max(1.0)
    }

    fn project(v: [f64; 2], bytes: usize) -> f64 {
        v[1] * (bytes as f64 / PROBE_BYTES[1] as f64).powf(Self::exponent(v))
    }

    /// Whether a line of `bytes` fits the time and memory of the machine.
    fn fits(&self, bytes: usize) -> Result<(), String> {
        let secs = Self::project(self.secs, bytes);
        if secs > MAX_ITERATION_SECS {
            return Err(format!(
                "projected {secs:.0} s an iteration (time grows as size^{:.2})",
                Self::exponent(self.secs)
            ));
        }
        if let (Some(kb), Some(avail)) = (self.kb, corpus::mem_available_kb()) {
            let need = Self::project(kb, bytes);
            if need > avail as f64 * MAX_MEMORY_SHARE {
                return Err(format!(
                    "projected {:.1} GB of memory, {:.1} GB available (memory grows as size^{:.2})",
                    need / (1024.0 * 1024.0),
                    avail as f64 / (1024.0 * 1024.0),
                    Self::exponent(kb)
                ));
            }
        }
        Ok(())
    }
}

impl std::fmt::Display for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "giant line probe:")?;
        for (i, bytes) in PROBE_BYTES.iter().enumerate() {
            write!(f, " {} KB in {:.3} s", bytes / 1024, self.secs[i])?;
            if let Some(kb) = self.kb {
                write!(f, " using {:.1} MB", kb[i] / 1024.0)?;
            }
            write!(f, ";")?;
        }
        write!(f, " time grows as size^{:.2}", Self::exponent(self.secs))?;
        if let Some(kb) = self.kb {
            write!(f, ", memory as size^{:.2}", Self::exponent(kb))?;
        }
        Ok(())
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
