//! Ranking in passes: counting, then each document against the frozen statistics, then the
//! evidence of the corpus's themes. The passes give the ranking of the corpus held in memory,
//! to the byte, however the documents are grouped, and whatever the number of threads.

mod common;

use jingwu::{Corpus, CorpusTally, CorpusThemes, ErrorKind, RankOptions, Ranker, Ranking};
use std::path::Path;
use std::process::Command;

/// The reports of `dir`, each under its id, as the `themes` example reads them.
fn reports(dir: &str) -> Vec<(String, String)> {
    let read = jingwu::read_reports(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)],
        jingwu::ReadOptions::new(),
    );
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    read.reports
        .into_iter()
        .map(|(id, d)| (id, d.into_text()))
        .collect()
}

/// Every development text: the seeds, the real texts and the official summaries, as one
/// corpus.
fn all_reports() -> Vec<(String, String)> {
    let mut docs = reports("seeds");
    docs.extend(reports("tests/data/real"));
    docs.extend(reports("tests/data/summaries"));
    assert!(docs.len() > 25);
    docs
}

fn in_memory(docs: &[(String, String)], options: &RankOptions) -> (Corpus, Ranking) {
    let mut corpus = common::engine().corpus();
    corpus.add_all(docs.iter().map(|(i, t)| (i.as_str(), t.as_str())));
    let ranking = corpus.rank(options);
    (corpus, ranking)
}

/// The corpus's themes from `tally`, their evidence from `docs`.
fn corpus_themes(ranker: &Ranker, tally: &CorpusTally, docs: &[(String, String)]) -> CorpusThemes {
    let places = tally.evidence_documents();
    assert!(!places.is_empty());
    ranker.corpus_themes(
        tally,
        places.iter().map(|&p| {
            let (id, text) = &docs[p as usize];
            (p, id.as_str(), text.as_str())
        }),
    )
}

fn corpus_json(ranker: &Ranker, tally: &CorpusTally, docs: &[(String, String)]) -> String {
    corpus_themes(ranker, tally, docs).to_json()
}

#[test]
fn two_passes_rank_as_the_corpus_in_memory_does() {
    let docs = all_reports();
    let options = RankOptions::default();
    let (_, ranking) = in_memory(&docs, &options);

    let engine = common::engine();
    let stats = engine.count_all(docs.iter().map(|(i, t)| (i.as_str(), t.as_str())));
    let ranker = engine.ranker(stats, &options);
    let mut tally = ranker.tally();
    let mut lines = Vec::new();
    ranker.rank_all(
        docs.iter().map(|(i, t)| (i.as_str(), t.as_str())),
        &mut tally,
        |d| lines.push(d.to_json()),
    );
    assert_eq!(tally.documents(), docs.len() as u64);
    // The JSON the `themes` example writes as it goes is the JSON of the whole ranking.
    let streamed = format!(
        "{{\"documents\":[{}],\"corpus\":{}}}",
        lines.join(","),
        corpus_json(&ranker, &tally, &docs)
    );
    assert_eq!(streamed, ranking.to_json());
}

#[test]
fn one_document_ranks_against_frozen_statistics_as_inside_the_corpus() {
    let docs = all_reports();
    let options = RankOptions::default().top(5);
    let (corpus, ranking) = in_memory(&docs, &options);
    let ranker = corpus.ranker(&options);
    for (k, (id, text)) in docs.iter().enumerate().step_by(4) {
        assert_eq!(&ranker.rank(id, text), &ranking.documents()[k], "{id}");
    }
    // A document the statistics never counted is ranked as if it were among them.
    let new = ranker.rank("new.txt", &docs[0].1);
    assert_eq!(new.themes(), ranking.documents()[0].themes());
}

#[test]
fn tallies_of_parts_append_to_the_tally_of_the_whole() {
    let docs = all_reports();
    let options = RankOptions::default();
    let (corpus, ranking) = in_memory(&docs, &options);
    let ranker = corpus.ranker(&options);
    let whole = ranking.corpus();

    // Parts of every size, appended left to right, and as a tree; each part's tally sent
    // through bytes as between machines.
    for parts in [1, 2, 3, 7, docs.len()] {
        let size = docs.len().div_ceil(parts);
        let tallies: Vec<CorpusTally> = docs
            .chunks(size)
            .map(|chunk| {
                let mut t = ranker.tally();
                for (id, text) in chunk {
                    ranker.rank_into(id, text, &mut t);
                }
                CorpusTally::from_bytes(&t.to_bytes()).expect("a tally survives bytes")
            })
            .collect();
        let mut left = ranker.tally();
        for t in tallies.clone() {
            left.append(t).expect("parts of one ranking add up");
        }
        let mut level = tallies;
        while level.len() > 1 {
            level = level
                .chunks(2)
                .map(|pair| {
                    let mut a = pair[0].clone();
                    if let Some(b) = pair.get(1) {
                        a.append(b.clone()).expect("parts of one ranking add up");
                    }
                    a
                })
                .collect();
        }
        let tree = level.pop().expect("one tally at the root");
        assert_eq!(left, tree, "{parts} parts");
        assert_eq!(left.documents(), docs.len() as u64);
        let themes = corpus_themes(&ranker, &left, &docs);
        assert_eq!(themes.themes(), whole, "{parts} parts");
    }
}

#[test]
fn the_evidence_needs_only_the_documents_the_tally_names() {
    let docs = all_reports();
    let options = RankOptions::default().max_evidence(2);
    let (corpus, ranking) = in_memory(&docs, &options);
    let ranker = corpus.ranker(&options);
    let mut tally = ranker.tally();
    for (id, text) in &docs {
        ranker.rank_into(id, text, &mut tally);
    }
    let places = tally.evidence_documents();
    // Two pieces of evidence for each of ten themes: at most twenty documents.
    assert!(places.len() <= 20, "{places:?}");
    assert!(places.windows(2).all(|w| w[0] < w[1]));
    // Given every document, or only those, the themes are the same.
    let all = ranker.corpus_themes(
        &tally,
        docs.iter()
            .enumerate()
            .map(|(p, (i, t))| (p as u64, i.as_str(), t.as_str())),
    );
    assert_eq!(all.themes(), ranking.corpus());
    assert_eq!(all.to_json(), corpus_json(&ranker, &tally, &docs));
    // Without its documents, a theme keeps its figures and loses its evidence.
    let none = ranker.corpus_themes(&tally, std::iter::empty::<(u64, &str, &str)>());
    assert_eq!(none.themes().len(), ranking.corpus().len());
    for (a, b) in none.themes().iter().zip(ranking.corpus()) {
        assert_eq!(
            (a.normalized(), a.score(), a.df()),
            (b.normalized(), b.score(), b.df())
        );
        assert!(a.evidence().is_empty());
    }
}

#[test]
fn ranking_in_passes_is_the_same_on_one_thread_and_on_two() {
    let docs = all_reports();
    let options = RankOptions::default();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let engine = common::engine();
            let stats = engine.count_all(docs.iter().map(|(i, t)| (i.as_str(), t.as_str())));
            let ranker = engine.ranker(stats, &options);
            let mut tally = ranker.tally();
            let mut out = String::new();
            ranker.rank_all(
                docs.iter().map(|(i, t)| (i.as_str(), t.as_str())),
                &mut tally,
                |d| out.push_str(&d.to_json()),
            );
            out.push_str(&corpus_json(&ranker, &tally, &docs));
            out
        })
    };
    assert_eq!(run(1), run(2));
}

#[test]
fn damaged_tallies_are_errors() {
    let docs = reports("seeds");
    let ranker = common::engine().ranker(Default::default(), &RankOptions::default());
    let mut tally = ranker.tally();
    for (id, text) in &docs {
        ranker.rank_into(id, text, &mut tally);
    }
    let bytes = tally.to_bytes();
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        let e = CorpusTally::from_bytes(&bytes[..cut]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Model, "cut at {cut}");
    }
    let text = String::from_utf8(bytes.clone()).unwrap();
    let other_version = text.replacen("\"version\":1", "\"version\":99", 1);
    let e = CorpusTally::from_bytes(other_version.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("version 99"), "{e}");
    // More documents named than the tally holds.
    let fewer = text.replacen(
        &format!("\"documents\":{}", docs.len()),
        "\"documents\":0",
        1,
    );
    assert_ne!(fewer, text);
    let e = CorpusTally::from_bytes(fewer.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Model);
    assert!(e.to_string().contains("do not fit"), "{e}");
}

#[test]
fn the_themes_example_writes_the_ranking_as_it_goes() {
    let Some(themes) = common::example("themes") else {
        // `cargo test` builds the examples; `cargo test --test streaming` alone does not.
        assert!(
            std::env::var_os("CI").is_none(),
            "the themes example is not built"
        );
        eprintln!("the themes example is not built: not run");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/data/real");
    let (_, ranking) = in_memory(&reports("tests/data/real"), &RankOptions::default());

    let json = common::stdout_of(Command::new(&themes).args(["--json", "--quiet"]).arg(&dir));
    assert_eq!(json, ranking.to_json() + "\n");

    let text = common::stdout_of(Command::new(&themes).args(["--jsonl", "--quiet"]).arg(&dir));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), ranking.documents().len() + 1);
    for (line, doc) in lines.iter().zip(ranking.documents()) {
        assert_eq!(*line, doc.to_json());
    }
    let corpus: serde_json::Value = serde_json::from_str(lines[lines.len() - 1]).unwrap();
    assert_eq!(
        corpus,
        serde_json::json!({ "corpus": { "themes": ranking.corpus() } })
    );
}

#[test]
fn a_tally_reads_back_whatever_the_options() {
    let docs = reports("seeds");
    let engine = common::engine();
    let stats = engine.count_all(docs.iter().map(|(i, t)| (i.as_str(), t.as_str())));
    for options in [
        RankOptions::default().heading_weight(0.0),
        RankOptions::default().heading_weight(0.1),
        RankOptions::default().heading_weight(0.3).top(0),
        RankOptions::default().max_evidence(0),
        RankOptions::default()
            .quote_boost(f64::INFINITY)
            .top(usize::MAX),
    ] {
        let ranker = engine.ranker(stats.clone(), &options);
        let mut tally = ranker.tally();
        for (id, text) in &docs {
            let d = ranker.rank_into(id, text, &mut tally);
            assert!(
                d.all_themes()
                    .all(|t| t.score() >= 0.0 && t.score().is_finite())
            );
        }
        let back = CorpusTally::from_bytes(&tally.to_bytes()).expect("a tally reads back");
        assert_eq!(back, tally, "{options:?}");
        let themes = ranker.corpus_themes(
            &back,
            docs.iter()
                .enumerate()
                .map(|(p, (i, t))| (p as u64, i.as_str(), t.as_str())),
        );
        assert!(themes.themes().len() <= options.top_n());
        assert!(themes.themes().iter().all(|t| t.score().is_finite()));
    }
}

#[test]
fn tallies_that_do_not_add_up_are_refused() {
    let docs = reports("seeds");
    let engine = common::engine();
    let stats = engine.count_all(docs.iter().map(|(i, t)| (i.as_str(), t.as_str())));
    let tally = |stats: &jingwu::CorpusStats, options: &RankOptions| {
        let ranker = engine.ranker(stats.clone(), options);
        let mut t = ranker.tally();
        ranker.rank_into(&docs[0].0, &docs[0].1, &mut t);
        t
    };
    let base = tally(&stats, &RankOptions::default());
    let mut fewer_docs = stats.clone();
    fewer_docs.merge(&engine.count_all([("x.txt", "甲公安：\n\n巡逻。\n")]));
    for other in [
        tally(&stats, &RankOptions::default().top(3)),
        tally(&stats, &RankOptions::default().max_evidence(1)),
        tally(&fewer_docs, &RankOptions::default()),
    ] {
        let mut whole = base.clone();
        let e = whole.append(other).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Model);
        assert!(e.to_string().contains("do not add up"), "{e}");
        assert_eq!(whole, base, "left as it was");
    }
    let mut whole = base.clone();
    whole.append(base.clone()).unwrap();
    assert_eq!(whole.documents(), 2);
}

#[test]
fn tallies_with_figures_at_their_limits_neither_panic_nor_wrap() {
    let docs = reports("seeds");
    let ranker = common::engine().ranker(Default::default(), &RankOptions::default());
    let mut tally = ranker.tally();
    ranker.rank_into(&docs[0].0, &docs[0].1, &mut tally);
    let text = String::from_utf8(tally.to_bytes()).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Figures a damaged or hostile file may hold: the largest numbers, places out of order.
    let mut huge = json.clone();
    huge["documents"] = serde_json::json!(u64::MAX);
    for e in huge["entries"].as_object_mut().unwrap().values_mut() {
        e["tf"] = serde_json::json!(u64::MAX);
    }
    let mut big = CorpusTally::from_bytes(huge.to_string().as_bytes()).expect("large but whole");
    ranker.rank_into(&docs[1].0, &docs[1].1, &mut big);
    assert_eq!(big.documents(), u64::MAX);
    let mut after = ranker.tally();
    ranker.rank_into(&docs[1].0, &docs[1].1, &mut after);
    big.append(after).unwrap();
    assert_eq!(big.documents(), u64::MAX);
    let mut evidence = json.clone();
    let first = evidence["entries"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .next()
        .unwrap();
    first["evidence"] = serde_json::json!([[0, 1], [0, 1]]);
    let e = CorpusTally::from_bytes(evidence.to_string().as_bytes()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Model);
    let mut evidence = json.clone();
    evidence["max_evidence"] = serde_json::json!(0);
    assert!(CorpusTally::from_bytes(evidence.to_string().as_bytes()).is_err());
}

/// A report that changes between the passes of the `themes` example (a pipe that gives one
/// text, then another) is said on stderr, once, and the run fails; the report is still
/// ranked as it reads the second time.
#[cfg(unix)]
#[test]
fn a_report_that_changes_while_it_is_ranked_is_said() {
    let Some(themes) = common::example("themes") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the themes example is not built"
        );
        return;
    };
    let dir = common::fresh_dir("changing");
    let pipe = dir.join("report.txt");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        assert!(std::env::var_os("CI").is_none(), "mkfifo failed");
        return;
    }
    let before = "慈溪公安：\n\n捣毁“笑气”窝点，查处“笑气”工厂。\n";
    let after = "象山公安：\n\n深化“共富警务”，“共富警务”惠及渔民。\n";
    let writer = pipe.clone();
    // Counted, ranked, its evidence cut: the pipe is read three times. Each write waits for
    // the program to open the pipe; the pause after it lets the program read to the end and
    // close it, so that the next text goes to the next reading and not the same. The thread
    // is left behind if the program reads fewer times.
    std::thread::spawn(move || {
        for text in [before, after, after] {
            if std::fs::write(&writer, text).is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    });
    let mut child = Command::new(&themes)
        .args(["--json", "--quiet"])
        .arg(&pipe)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A program that reads the pipe a fourth time would wait for ever: a minute is enough.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the themes example still waits for the pipe after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert_eq!(
        stderr.matches("changed while it was ranked").count(),
        1,
        "{stderr}"
    );
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("共富警务"), "{json}");
    let _ = std::fs::remove_dir_all(&dir);
}
