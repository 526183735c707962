//! The benchmark corpus, shared by `benches/pipeline.rs` and `examples/throughput.rs`.
//!
//! Without network access the corpus is built from the reports in `seeds/`: their blank-line
//! blocks (headings, paragraphs, captions, bylines, with the breaks the extraction left in
//! them) are regrouped into documents of about [`DOC_BYTES`], and every pass over the seeds
//! varies them (place names, figures, sentence order) with a fixed pseudo-random sequence, so
//! the same corpus is built on every machine.
//!
//! For real-world runs, [`CORPUS_ENV`] names a corpus file holding one document per
//! blank-line block.
//!
//! This file is not a benchmark of its own: `Cargo.toml` declares it with `bench = false`.
#![allow(dead_code)]

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};
use jingwu::{Engine, RankOptions, Ranking, Report, Segmenter};
use std::path::{Path, PathBuf};

/// Environment variable naming a corpus file (one document per blank-line block).
pub const CORPUS_ENV: &str = "JINGWU_BENCH_CORPUS";

/// Size, in bytes, of a synthetic document.
pub const DOC_BYTES: usize = 2048;

/// One mebibyte.
pub const MB: usize = 1 << 20;

/// Documents and where they came from.
#[derive(Debug, Clone)]
pub struct Docs {
    /// The documents, in order.
    pub docs: Vec<String>,
    /// A description of their origin, for printing.
    pub origin: String,
}

impl Docs {
    /// Total size in bytes.
    pub fn bytes(&self) -> usize {
        total_bytes(&self.docs)
    }

    /// Documents adding up to at least `target` bytes: a prefix of these, or these repeated
    /// when they are fewer.
    pub fn take_bytes(&self, target: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut size = 0;
        if self.docs.iter().all(String::is_empty) {
            return out;
        }
        for d in self.docs.iter().cycle() {
            if size >= target {
                break;
            }
            size += d.len();
            out.push(d.clone());
        }
        out
    }
}

/// Total size in bytes of `docs`.
pub fn total_bytes<S: AsRef<str>>(docs: &[S]) -> usize {
    docs.iter().map(|d| d.as_ref().len()).sum()
}

/// The `seeds/` folder of the crate, or `seeds/` under the working directory when the crate's
/// folder has moved since the build.
pub fn seeds_dir() -> PathBuf {
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    if built.is_dir() {
        built
    } else {
        PathBuf::from("seeds")
    }
}

/// Every `*.txt` report of `seeds/`, sorted by name, one after another.
pub fn seed_text() -> Result<String, String> {
    let dir = seeds_dir();
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in &files {
        let t = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        text.push_str(t.trim_start_matches('\u{feff}'));
        text.push_str("\n\n");
    }
    if text.trim().is_empty() {
        return Err(format!("no report text in {}", dir.display()));
    }
    Ok(text)
}

/// A block of text set apart by blank lines, with the number of blank lines before it.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    /// Blank lines before the block (0 for the first).
    pub gap: usize,
    /// The block's lines, trimmed at both ends, joined by line feeds.
    pub text: &'a str,
}

/// The blank-line blocks of `text`.
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut gap = 0;
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let at = pos;
        pos += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Block {
                    gap,
                    text: text[s..end].trim(),
                });
                gap = 0;
            }
            gap += 1;
        } else {
            start.get_or_insert(at);
            end = pos;
        }
    }
    if let Some(s) = start {
        out.push(Block {
            gap,
            text: text[s..end].trim(),
        });
    }
    if let Some(first) = out.first_mut() {
        first.gap = 0;
    }
    out
}

/// The documents of a corpus file: one per blank-line block.
pub fn documents_of(text: &str) -> Vec<String> {
    blocks(text.trim_start_matches('\u{feff}'))
        .into_iter()
        .map(|b| b.text.to_string())
        .collect()
}

/// Reads a corpus file (see [`documents_of`]).
pub fn read_corpus_file(path: &Path) -> Result<Docs, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let docs = documents_of(&text);
    if docs.is_empty() {
        return Err(format!("{}: no documents", path.display()));
    }
    Ok(Docs {
        origin: path.display().to_string(),
        docs,
    })
}

/// The corpus named by [`CORPUS_ENV`] if set, else [`synthetic`] documents of at least
/// `target` bytes built from the seeds.
pub fn load(target: usize) -> Result<Docs, String> {
    match std::env::var_os(CORPUS_ENV) {
        Some(p) if !p.is_empty() => read_corpus_file(Path::new(&p)),
        _ => {
            let seed = seed_text()?;
            let docs = synthetic(&seed, target);
            Ok(Docs {
                origin: format!(
                    "synthetic from {} (documents of ~{DOC_BYTES} B)",
                    seeds_dir().display()
                ),
                docs,
            })
        }
    }
}

/// SplitMix64: a small, fixed pseudo-random sequence.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A sequence starting from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Place names the seeds use, replaced in each variant.
const SEED_PLACES: &[&str] = &["象山", "慈溪", "宁波"];

/// Place names put in their stead.
const PLACES: &[&str] = &[
    "镇海", "北仑", "鄞州", "奉化", "余姚", "宁海", "海曙", "江北", "萧山", "余杭", "富阳", "桐庐",
    "淳安", "建德", "瑞安", "乐清", "永嘉", "平阳", "苍南", "诸暨", "嵊州", "新昌", "上虞", "柯桥",
    "德清", "长兴", "安吉", "海宁", "桐乡", "象山", "慈溪", "宁波",
];

/// A variant of a block: place names swapped, ASCII digits redrawn, and the sentences of a
/// paragraph sometimes rotated.
fn vary(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        for p in SEED_PLACES {
            if let Some(after) = rest.strip_prefix(p) {
                out.push_str(PLACES[rng.below(PLACES.len())]);
                rest = after;
                continue 'outer;
            }
        }
        if c.is_ascii_digit() {
            out.push(char::from(b'0' + rng.below(10) as u8));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    if out.ends_with('。') && rng.below(2) == 0 {
        let sentences: Vec<&str> = out.split_inclusive('。').collect();
        if sentences.len() > 1 && !out.contains('\n') {
            let k = 1 + rng.below(sentences.len() - 1);
            return sentences[k..].concat() + &sentences[..k].concat();
        }
    }
    out
}

/// Documents of about [`DOC_BYTES`] adding up to at least `target` bytes, built from the
/// blank-line blocks of `seed`.
///
/// Each document opens with a bureau's section header and takes the next blocks of the seed
/// (cycling), varied, with the blank lines that set them apart (two or more before a photo
/// caption, one inside a paragraph the extraction broke).
pub fn synthetic(seed: &str, target: usize) -> Vec<String> {
    let blocks = blocks(seed);
    let mut docs = Vec::new();
    if blocks.is_empty() {
        return docs;
    }
    let mut rng = Rng::new(0x6A69_6E67_7775);
    let mut next = 0usize;
    let mut size = 0usize;
    while size < target {
        let mut doc = String::with_capacity(DOC_BYTES + 512);
        doc.push_str(PLACES[rng.below(PLACES.len())]);
        doc.push_str("公安：\n");
        while doc.len() < DOC_BYTES {
            let b = blocks[next % blocks.len()];
            next += 1;
            for _ in 0..=b.gap.max(1) {
                doc.push('\n');
            }
            doc.push_str(&vary(b.text, &mut rng));
        }
        doc.push('\n');
        size += doc.len();
        docs.push(doc);
    }
    docs
}

/// One line of `bytes` bytes (at most; whole characters) with no punctuation and no
/// whitespace: the Han characters of `seed`, over and over.
pub fn giant_line(seed: &str, bytes: usize) -> String {
    let han: String = seed.chars().filter(|&c| is_han(c)).collect();
    let mut out = String::with_capacity(bytes);
    if han.is_empty() {
        return out;
    }
    'fill: loop {
        for c in han.chars() {
            if out.len() + c.len_utf8() > bytes {
                break 'fill;
            }
            out.push(c);
        }
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Keywords the jieba-rs baseline extracts per document.
pub const TOP_K: usize = 20;

/// jieba-rs's TF-IDF extractor with its default stop words and IDF table, set to use the HMM
/// for unknown words as jingwu's default segmenter does.
pub fn jieba_tfidf() -> TfIdf {
    let mut tfidf = TfIdf::default();
    *tfidf.config_mut() = KeywordExtractConfig::builder().use_hmm(true).build();
    tfidf
}

/// The baseline of ranking: jieba-rs's top [`TOP_K`] TF-IDF keywords of `doc`.
pub fn jieba_keywords(jieba: &Jieba, tfidf: &TfIdf, doc: &str) -> usize {
    tfidf.extract_keywords(jieba, doc, TOP_K, Vec::new()).len()
}

/// The baseline of segmentation: jieba-rs's cut of `doc`, with the HMM.
pub fn jieba_cut(jieba: &Jieba, doc: &str) -> usize {
    jieba.cut(doc, true).len()
}

/// jingwu's segmentation through its pipeline: the report parsed and repaired, then each
/// block segmented. Returns the number of tokens.
pub fn segment_report(segmenter: &Segmenter, doc: &str) -> usize {
    let report = Report::parse(doc);
    report
        .blocks()
        .map(|b| segmenter.segment_block(doc, b).tokens().len())
        .sum()
}

/// The name of the `i`-th document of a corpus.
pub fn doc_id(i: usize) -> String {
    format!("doc{i:06}")
}

/// jingwu's whole pipeline over `docs` as one corpus: each report parsed, repaired,
/// segmented and counted (one after another with [`jingwu::Corpus::add`], or in parallel
/// with [`jingwu::Corpus::add_all`]), then ranked.
pub fn rank_corpus<S: AsRef<str> + Sync>(
    engine: &Engine,
    docs: &[S],
    options: &RankOptions,
    parallel: bool,
) -> Ranking {
    let mut corpus = engine.corpus();
    if parallel {
        corpus.add_all(
            docs.iter()
                .enumerate()
                .map(|(i, d)| (doc_id(i), d.as_ref())),
        );
    } else {
        for (i, d) in docs.iter().enumerate() {
            corpus.add(&doc_id(i), d.as_ref());
        }
    }
    corpus.rank(options)
}

/// Resident memory figures of this process, in kB, from `/proc/self/status`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Status {
    /// Resident now (`VmRSS`).
    pub rss_kb: Option<u64>,
    /// Peak resident (`VmHWM`), since the start or the last [`reset_peak`].
    pub hwm_kb: Option<u64>,
}

/// The memory figures of this process (none where `/proc` has no such file).
pub fn proc_status() -> Status {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Status {
        rss_kb: field("VmRSS:"),
        hwm_kb: field("VmHWM:"),
    }
}

/// Resets the peak resident memory of this process to its current resident memory;
/// false where the system does not allow it.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Memory the system can still give, in kB (`MemAvailable` of `/proc/meminfo`).
pub fn mem_available_kb() -> Option<u64> {
    std::fs::read_to_string("/proc/meminfo")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("MemAvailable:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Megabytes per second of `bytes` done in `secs`.
pub fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / MB as f64 / secs.max(f64::MIN_POSITIVE)
}
