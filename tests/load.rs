//! Load: one engine shared by many threads ranks as one thread does, and one document of
//! any shape costs time in proportion to its size.

mod common;

use jingwu::{DocumentThemes, RankOptions};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The tests of this file one at a time: each keeps the machine's cores busy, and one
/// measures time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The seed's paragraphs: its blank-line blocks.
fn paragraphs() -> Vec<String> {
    common::seed()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.chars().count() > 20)
        .map(String::from)
        .collect()
}

/// `s` with its ASCII digits drawn anew from `n`, so that documents differ.
fn vary(s: &str, n: usize) -> String {
    let mut k = n.wrapping_mul(2_654_435_761);
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                k = k.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                char::from(b'0' + (k >> 33) as u8 % 10)
            } else {
                c
            }
        })
        .collect()
}

const PLACES: [&str; 8] = [
    "象山", "慈溪", "镇海", "北仑", "鄞州", "奉化", "余姚", "宁海",
];

/// `n` short reports: a bureau's section with two of the seed's paragraphs, varied.
fn reports(n: usize) -> Vec<String> {
    let p = paragraphs();
    (0..n)
        .map(|i| {
            let place = PLACES[i % PLACES.len()];
            let a = &p[i % p.len()];
            let b = &p[(i * 7 + 3) % p.len()];
            vary(&format!("{place}公安：\n\n{a}\n\n{b}\n"), i)
        })
        .collect()
}

#[test]
fn one_engine_shared_by_8_threads_ranks_10000_reports_as_one_thread_does() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let engine = common::engine();
    let options = RankOptions::default();
    let docs = reports(10_000);
    let alone: Vec<DocumentThemes> = docs.iter().map(|d| engine.rank_text(d, &options)).collect();
    let threads = 8;
    let shared: Vec<(usize, DocumentThemes)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (docs, options) = (&docs, &options);
                // Interleaved, so that the threads rank at the same time what their
                // neighbours rank.
                s.spawn(move || {
                    (t..docs.len())
                        .step_by(threads)
                        .map(|i| (i, engine.rank_text(&docs[i], options)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(shared.len(), docs.len());
    for (i, themes) in &shared {
        assert_eq!(themes, &alone[*i], "report {i}");
    }

    // And as corpora: each thread ranks its share as one corpus, as one thread would.
    let corpus_of = |part: &[String]| {
        let mut c = engine.corpus();
        c.add_all(
            part.iter()
                .enumerate()
                .map(|(i, d)| (i.to_string(), d.as_str())),
        );
        c.rank(&options).to_json()
    };
    let parts: Vec<&[String]> = docs.chunks(docs.len() / threads).collect();
    let alone: Vec<String> = parts.iter().map(|p| corpus_of(p)).collect();
    let shared: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = parts.iter().map(|p| s.spawn(|| corpus_of(p))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(
        shared == alone,
        "a corpus ranked beside others ranks as alone"
    );
}

/// What makes the `i`-th piece of a document of one shape.
type Piece<'a> = Box<dyn Fn(usize) -> String + 'a>;

/// One document of about `bytes` bytes, of the shape `make` gives its `i`-th piece.
fn document(bytes: usize, make: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(bytes + 1024);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&make(i));
        i += 1;
    }
    out
}

/// The least of three times taken to rank `text` (less of what other work on the machine
/// adds).
fn time_to_rank(text: &str, options: &RankOptions) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(common::engine().rank_text(text, options));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Documents of every shape that once took time growing with the square of their size, each
/// at 512 KB and 2 MB: the larger must take at most twice the share of its size (8 times the
/// time, where quadratic work takes 16).
#[test]
fn one_document_of_any_shape_takes_time_in_proportion_to_its_size() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let p = paragraphs();
    let shapes: Vec<(&str, Piece, RankOptions)> = vec![
        (
            "sentences and sections",
            Box::new(|i| {
                let place = PLACES[i % PLACES.len()];
                vary(&format!("{place}公安：\n\n{}\n\n", p[i % p.len()]), i)
            }),
            RankOptions::default(),
        ),
        (
            "sections, with the words kept out",
            Box::new(|i| {
                let place = PLACES[i % PLACES.len()];
                format!(
                    "{place}公安：\n\n{place}公安深化“公安大脑{}”建设，查处笑气工厂{i}家。\n\n",
                    i % 50
                )
            }),
            RankOptions::default().explain(jingwu::Explain::Rejections),
        ),
        (
            "headings, each with a line of credits",
            Box::new(|i| {
                format!(
                    "民警在第{i}号路口开展整治活动 □余青/文 王浩{}/摄\n\n",
                    i % 7
                )
            }),
            RankOptions::default(),
        ),
        (
            "one sentence of quotes",
            Box::new(|i| format!("推进“智慧警务{}”和“雪亮工程”建设，", i % 1000)),
            RankOptions::default(),
        ),
        (
            "one line without punctuation",
            Box::new(|i| vary("电信网络诈骗打击治理公安大脑建设1", i)),
            RankOptions::default(),
        ),
    ];
    for (shape, make, options) in &shapes {
        let small = document(512 << 10, make);
        let large = document(2 << 20, make);
        let (a, b) = (time_to_rank(&small, options), time_to_rank(&large, options));
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-3);
        eprintln!("{shape}: 512 KB {a:?}, 2 MB {b:?}, ratio {ratio:.2}");
        assert!(
            ratio <= 8.0,
            "{shape}: 512 KB in {a:?}, 2 MB in {b:?}: {ratio:.1} times"
        );
    }
}
