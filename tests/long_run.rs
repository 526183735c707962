//! A long run: the same reports ranked over and over, by one corpus after another and by
//! threads that come and go, hold no more memory after the first rounds than during them.
//! (A file of its own: other tests running beside it would move the process's memory.)

mod common;

use jingwu::RankOptions;

/// Resident memory of this process, in kB (`VmRSS` of `/proc/self/status`); `None` where
/// the system has no such file.
fn resident_kb() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Rounds in all, and rounds before memory is expected to have settled (the allocator's
/// arenas, each thread's cache of words, the engine's tables touched).
const ROUNDS: usize = 40;
const WARM_UP: usize = 8;

#[test]
fn memory_stays_flat_over_a_long_run() {
    let Some(_) = resident_kb() else {
        eprintln!("no /proc/self/status: memory not measured");
        return;
    };
    let engine = common::engine();
    let options = RankOptions::default();
    let seed = common::seed();
    // 200 reports of the seed's paragraphs, each twice in a row with its figures changed.
    let paragraphs: Vec<&str> = seed.split("\n\n").filter(|p| p.len() > 60).collect();
    let docs: Vec<String> = (0..200)
        .map(|i| {
            let a = paragraphs[i % paragraphs.len()];
            let b = paragraphs[(i * 5 + 1) % paragraphs.len()];
            format!("象山公安：\n\n{a}\n\n{b}\n\n全年查处案件{i}起。\n")
        })
        .collect();
    let mut resident = Vec::with_capacity(ROUNDS);
    let mut first = None;
    for _ in 0..ROUNDS {
        let mut corpus = engine.corpus();
        corpus.add_all(
            docs.iter()
                .enumerate()
                .map(|(i, d)| (i.to_string(), d.as_str())),
        );
        let json = corpus.rank(&options).to_json();
        // The same ranking every round.
        match &first {
            None => first = Some(json),
            Some(f) => assert!(f == &json, "a round ranks differently"),
        }
        // Threads that rank a share each and end: their caches go with them.
        std::thread::scope(|s| {
            for part in docs.chunks(50) {
                let options = &options;
                s.spawn(move || {
                    for d in part {
                        std::hint::black_box(engine.rank_text(d, options));
                    }
                });
            }
        });
        resident.push(resident_kb().unwrap_or(0));
    }
    let settled = resident[..WARM_UP].iter().copied().max().unwrap_or(0);
    let last = resident[ROUNDS - 8..].iter().copied().max().unwrap_or(0);
    eprintln!("resident memory by round (kB): {resident:?}");
    // A little room for the allocator's own bookkeeping; a leak of a round's documents or
    // rankings (megabytes a round) would pass it within a few rounds.
    assert!(
        last <= settled + settled / 20 + 4096,
        "resident memory grew from {settled} kB over the first {WARM_UP} rounds to {last} kB: {resident:?}"
    );
}
