//! Corpus statistics: in how many documents and sections each candidate and each run of
//! words occurs, blended with the background into an IDF.

use crate::error::{Error, ErrorKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Counts of one candidate across a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCounts {
    /// Occurrences.
    pub count: u64,
    /// Documents that mention it.
    pub documents: u64,
    /// Sections that mention it (a document without sections is one section).
    pub sections: u64,
}

impl TermCounts {
    fn add(&mut self, other: &TermCounts) {
        self.count = self.count.saturating_add(other.count);
        self.documents = self.documents.saturating_add(other.documents);
        self.sections = self.sections.saturating_add(other.sections);
    }

    /// Frequency at the given level.
    pub fn df(&self, level: Level) -> u64 {
        match level {
            Level::Document => self.documents,
            Level::Section => self.sections,
        }
    }
}

/// The unit document frequencies count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Whole documents.
    Document,
    /// Sections (bureau parts of a feature, level-1 parts of a work summary).
    Section,
}

/// The format version of saved [`CorpusStats`].
pub const STATS_FORMAT_VERSION: u32 = 1;

/// Statistics of a corpus: how many documents and sections it has, and in how many of them
/// each candidate theme and each run of words occurs.
///
/// Statistics are plain data: they serialise with serde, save to and load from JSON, and
/// merge: the statistics of two shards merged equal the statistics of their union, in any
/// order.
///
/// ```
/// use jingwu::{CorpusStats, Engine, Level};
///
/// let engine = Engine::new();
/// let stats_of = |text: &str| {
///     let mut c = engine.corpus();
///     c.add("report", text);
///     c.stats().clone()
/// };
/// let mut a = stats_of("慈溪公安：\n\n一举查处笑气工厂三家，捣毁笑气窝点。\n");
/// let b = stats_of("北仑公安：\n\n打掉笑气犯罪团伙。\n\n镇海公安：\n\n严打电信网络诈骗。\n");
/// a.merge(&b);
/// assert_eq!(a.documents(), 2);
/// assert_eq!(a.sections(), 3);
/// assert_eq!(a.term("笑气").map(|t| t.df(Level::Document)), Some(2));
/// assert_eq!(a.term("笑气").map(|t| t.count), Some(3));
///
/// let saved = a.to_json();
/// assert_eq!(CorpusStats::from_json(&saved)?, a);
/// # Ok::<(), jingwu::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    version: u32,
    documents: u64,
    sections: u64,
    #[serde(serialize_with = "sorted")]
    terms: FxHashMap<Box<str>, TermCounts>,
    #[serde(serialize_with = "sorted")]
    ngrams: FxHashMap<Box<str>, TermCounts>,
}

/// Serialises a map with its keys in order, so saved statistics never depend on hashing.
fn sorted<S: serde::Serializer>(
    map: &FxHashMap<Box<str>, TermCounts>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let ordered: BTreeMap<&str, &TermCounts> = map.iter().map(|(k, v)| (&**k, v)).collect();
    ordered.serialize(serializer)
}

/// Separator between the words of a run in [`CorpusStats`] keys.
pub(crate) const NGRAM_SEP: char = ' ';

impl CorpusStats {
    /// Empty statistics.
    pub fn new() -> CorpusStats {
        CorpusStats {
            version: STATS_FORMAT_VERSION,
            ..CorpusStats::default()
        }
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Number of sections counted.
    pub fn sections(&self) -> u64 {
        self.sections
    }

    /// Units at a level.
    pub fn units(&self, level: Level) -> u64 {
        match level {
            Level::Document => self.documents,
            Level::Section => self.sections,
        }
    }

    /// Counts of a candidate theme.
    pub fn term(&self, text: &str) -> Option<&TermCounts> {
        self.terms.get(text)
    }

    /// Counts of a run of words, given as its words.
    pub fn ngram<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Option<&TermCounts> {
        self.ngrams.get(ngram_key(words).as_str())
    }

    /// Counts of a run of words, given as its key (its words joined by the separator).
    pub(crate) fn ngram_by_key(&self, key: &str) -> Option<&TermCounts> {
        self.ngrams.get(key)
    }

    /// Number of words counted: the occurrences of every candidate word and quoted name.
    pub fn words(&self) -> u64 {
        self.terms
            .values()
            .fold(0u64, |n, t| n.saturating_add(t.count))
    }

    /// Number of distinct candidate themes and runs of words held.
    pub fn vocabulary_len(&self) -> usize {
        self.terms.len() + self.ngrams.len()
    }

    /// Closes a document of `sections` sections.
    pub(crate) fn end_document(&mut self, sections: u64) {
        self.documents += 1;
        self.sections += sections.max(1);
    }

    pub(crate) fn add_counts(&mut self, text: &str, counts: TermCounts, ngram: bool) {
        let map = if ngram {
            &mut self.ngrams
        } else {
            &mut self.terms
        };
        match map.get_mut(text) {
            Some(e) => e.add(&counts),
            None => {
                map.insert(text.into(), counts);
            }
        }
    }

    /// Every run of words with its counts, in no particular order.
    pub(crate) fn ngram_counts(&self) -> impl Iterator<Item = (&str, &TermCounts)> {
        self.ngrams.iter().map(|(k, v)| (&**k, v))
    }

    /// Adds another corpus's statistics to these.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.documents = self.documents.saturating_add(other.documents);
        self.sections = self.sections.saturating_add(other.sections);
        for (k, v) in &other.terms {
            self.add_counts(k, *v, false);
        }
        for (k, v) in &other.ngrams {
            self.add_counts(k, *v, true);
        }
    }

    /// Takes `other` out again after it was merged in: what is left is what the rest added.
    /// Entries left with no count at all are dropped.
    pub(crate) fn subtract(&mut self, other: &CorpusStats) {
        self.documents = self.documents.saturating_sub(other.documents);
        self.sections = self.sections.saturating_sub(other.sections);
        for (map, theirs) in [
            (&mut self.terms, &other.terms),
            (&mut self.ngrams, &other.ngrams),
        ] {
            for (k, v) in theirs {
                let Some(e) = map.get_mut(k) else { continue };
                e.count = e.count.saturating_sub(v.count);
                e.documents = e.documents.saturating_sub(v.documents);
                e.sections = e.sections.saturating_sub(v.sections);
                if *e == TermCounts::default() {
                    map.remove(k);
                }
            }
        }
    }

    /// Drops every candidate and run seen fewer than `min_count` times, keeping the
    /// statistics of a large corpus within a budget. Rare entries matter least: they rank
    /// through the background table instead.
    pub fn prune(&mut self, min_count: u64) {
        self.terms.retain(|_, v| v.count >= min_count);
        self.ngrams.retain(|_, v| v.count >= min_count);
    }

    /// The IDF of a candidate at `level`, blending the corpus with the background:
    ///
    /// `idf = (k · idf_bg + N · idf_corpus) / (k + N)`, where `N` is the number of units at
    /// that level, `idf_corpus = ln((1 + N) / (1 + df)) + 1`, `idf_bg` is the background
    /// table's value and `k` is `prior_units`, the weight of the background counted in units.
    /// With no corpus the background decides; as the corpus grows its own frequencies take over.
    pub fn idf(&self, df: u64, idf_bg: f64, level: Level, prior_units: f64) -> f64 {
        let n = self.units(level) as f64;
        let df = (df as f64).min(n);
        let corpus = ((1.0 + n) / (1.0 + df)).ln() + 1.0;
        (prior_units * idf_bg + n * corpus) / (prior_units + n).max(f64::MIN_POSITIVE)
    }

    /// Serialises the statistics as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Loads statistics saved with [`CorpusStats::to_json`]. Statistics of another format
    /// version, or a corrupted file, are an error.
    pub fn from_json(json: &str) -> Result<CorpusStats, Error> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let v: Version = serde_json::from_str(json).map_err(|e| model_error(&e))?;
        if v.version != STATS_FORMAT_VERSION {
            return Err(Error::new(
                ErrorKind::Model,
                format!(
                    "corpus statistics have format version {}, this build reads version {STATS_FORMAT_VERSION}",
                    v.version
                ),
            ));
        }
        let stats: CorpusStats = serde_json::from_str(json).map_err(|e| model_error(&e))?;
        stats.validate()?;
        Ok(stats)
    }

    fn validate(&self) -> Result<(), Error> {
        for (k, v) in self.terms.iter().chain(self.ngrams.iter()) {
            if v.documents > self.documents
                || v.sections > self.sections
                || v.documents > v.count.max(v.documents)
            {
                return Err(Error::new(
                    ErrorKind::Model,
                    format!(
                        "counts of `{k}` exceed the corpus ({} documents, {} sections)",
                        self.documents, self.sections
                    ),
                ));
            }
            if k.is_empty() {
                return Err(Error::new(
                    ErrorKind::Model,
                    "empty term in corpus statistics",
                ));
            }
        }
        Ok(())
    }

    /// Saves the statistics to a JSON file, atomically (see [`crate::write_atomically`]):
    /// a save that fails midway (a full disk, a crash) leaves the statistics saved before as
    /// they were, and is an error of kind [`ErrorKind::Write`] naming the file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        crate::io::write_with(path.as_ref(), |w| {
            serde_json::to_writer(w, self).map_err(std::io::Error::from)
        })
    }

    /// Loads statistics from a JSON file.
    pub fn load(path: impl AsRef<Path>) -> Result<CorpusStats, Error> {
        let path = path.as_ref();
        let text = crate::read_report_file(path)?;
        CorpusStats::from_json(&text).map_err(|e| e.with_path(path))
    }
}

fn model_error(e: &serde_json::Error) -> Error {
    Error::new(
        ErrorKind::Model,
        format!("corrupted corpus statistics: {e}"),
    )
    .with_line(e.line())
}

/// The key of a run of words: its words joined by [`NGRAM_SEP`].
pub(crate) fn ngram_key<'w>(words: impl IntoIterator<Item = &'w str>) -> String {
    let mut key = String::new();
    for w in words {
        if !key.is_empty() {
            key.push(NGRAM_SEP);
        }
        key.push_str(w);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_blend_moves_from_background_to_corpus() {
        let mut s = CorpusStats::new();
        // No corpus: the background decides.
        assert!((s.idf(0, 9.0, Level::Document, 8.0) - 9.0).abs() < 1e-9);
        for _ in 0..1000 {
            s.end_document(1);
        }
        // A large corpus: its own frequencies decide.
        let common = s.idf(1000, 12.0, Level::Document, 8.0);
        let rare = s.idf(1, 3.0, Level::Document, 8.0);
        assert!(rare > common, "{rare} vs {common}");
    }

    #[test]
    fn version_and_corruption_are_errors() {
        let mut s = CorpusStats::new();
        s.end_document(1);
        let json = s.to_json().replace("\"version\":1", "\"version\":99");
        let e = CorpusStats::from_json(&json).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Model);
        assert!(e.to_string().contains("99"));
        assert!(CorpusStats::from_json("{\"version\":1,").is_err());
        assert!(CorpusStats::from_json("").is_err());
        let bad = r#"{"version":1,"documents":1,"sections":1,"terms":{"x":{"count":1,"documents":5,"sections":1}},"ngrams":{}}"#;
        assert!(CorpusStats::from_json(bad).is_err());
    }

    #[test]
    fn prune_keeps_frequent_entries() {
        let mut s = CorpusStats::new();
        let once = |count| TermCounts {
            count,
            documents: 1,
            sections: 1,
        };
        s.add_counts("常见", once(5), false);
        s.add_counts("罕见", once(1), false);
        s.end_document(1);
        s.prune(2);
        assert!(s.term("常见").is_some());
        assert!(s.term("罕见").is_none());
    }

    #[test]
    fn a_save_that_fails_midway_leaves_last_years_statistics() {
        let dir = std::env::temp_dir().join(format!("jingwu-stats-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("stats.json");
        let mut last_year = CorpusStats::new();
        last_year.add_counts(
            "笑气",
            TermCounts {
                count: 3,
                documents: 1,
                sections: 1,
            },
            false,
        );
        last_year.end_document(1);
        last_year.save(&path).unwrap();
        let saved = std::fs::read(&path).unwrap();
        assert_eq!(saved, last_year.to_json().as_bytes());

        let mut this_year = last_year.clone();
        for k in 0..5000 {
            let once = TermCounts {
                count: 1,
                documents: 1,
                sections: 1,
            };
            this_year.add_counts(&format!("词{k}"), once, false);
        }
        this_year.end_document(1);
        // The disk fills up after 1000 bytes of the new statistics.
        let e = crate::io::failing_after(1000, || this_year.save(&path)).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::Write);
        assert_eq!(e.path(), Some(path.as_path()));
        assert_eq!(std::fs::read(&path).unwrap(), saved);
        let back = CorpusStats::load(&path).unwrap();
        assert_eq!(back.documents(), 1);
        assert!(back.term("词0").is_none());
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
