//! Corpus statistics: document frequencies learned from the reports, blended with a
//! background IDF table so that a single report already ranks well.

use crate::error::{Error, ErrorKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// jieba's IDF table (MIT licence; see `src/data/README.md`).
const JIEBA_IDF: &str = include_str!("data/idf.txt");

/// Background inverse document frequencies: how rare a word is in general Chinese text.
///
/// The default table is jieba's (about 270,000 words). A word the table lacks is given the
/// table's median, like jieba does; a phrase the table lacks is given an IDF derived from its
/// parts (see [`BackgroundIdf::phrase_idf`]).
#[derive(Debug, Clone)]
pub struct BackgroundIdf {
    /// The words of the embedded table are borrowed from it; those of a table read at run
    /// time are owned.
    idf: FxHashMap<Cow<'static, str>, f32>,
    median: f64,
    max: f64,
}

impl Default for BackgroundIdf {
    fn default() -> Self {
        BackgroundIdf::jieba()
    }
}

impl BackgroundIdf {
    /// jieba's IDF table, embedded in the crate.
    pub fn jieba() -> BackgroundIdf {
        // The embedded table is checked by the crate's tests; it is well formed.
        Self::parse_with(JIEBA_IDF, Cow::Borrowed).unwrap_or_else(|_| BackgroundIdf::empty())
    }

    /// A table with no words: every word gets the same IDF.
    pub fn empty() -> BackgroundIdf {
        BackgroundIdf {
            idf: FxHashMap::default(),
            median: 10.0,
            max: 10.0,
        }
    }

    /// Parses a table of `word idf` lines (whitespace-separated, as jieba's `idf.txt`).
    ///
    /// Errors name the line: a missing or non-numeric IDF, a NaN, infinite or negative
    /// value, or a table with no entries.
    ///
    /// ```
    /// use jingwu::BackgroundIdf;
    ///
    /// let t = BackgroundIdf::parse("公安 8.3\n笑气 12.3\n")?;
    /// assert_eq!(t.get("笑气"), Some(12.300000190734863));
    /// assert!(BackgroundIdf::parse("公安 NaN\n").is_err());
    /// assert!(BackgroundIdf::parse("\n\n").is_err());
    /// # Ok::<(), jingwu::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<BackgroundIdf, Error> {
        Self::parse_with(text, |w| Cow::Owned(w.to_string()))
    }

    /// Parses a table, making each word a key with `key`.
    fn parse_with<'t>(
        text: &'t str,
        key: impl Fn(&'t str) -> Cow<'static, str>,
    ) -> Result<BackgroundIdf, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut idf = FxHashMap::default();
        idf.reserve(text.len() / 20);
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |m: &str| {
                Error::new(ErrorKind::IdfTable, format!("{m}: `{line}`")).with_line(i + 1)
            };
            let (word, value) = line
                .rsplit_once(char::is_whitespace)
                .ok_or_else(|| bad("expected `word idf`"))?;
            let v: f32 = value.parse().map_err(|_| bad("IDF is not a number"))?;
            if !v.is_finite() || v < 0.0 {
                return Err(bad("IDF must be a finite, non-negative number"));
            }
            idf.insert(key(word.trim()), v);
        }
        if idf.is_empty() {
            return Err(Error::new(
                ErrorKind::IdfTable,
                "the IDF table has no entries",
            ));
        }
        let mut values: Vec<f32> = idf.values().copied().collect();
        let max = f64::from(values.iter().copied().fold(f32::MIN, f32::max));
        let mid = values.len() / 2;
        let median = f64::from(*values.select_nth_unstable_by(mid, f32::total_cmp).1);
        Ok(BackgroundIdf { idf, median, max })
    }

    /// Reads and parses a table file (see [`BackgroundIdf::parse`]).
    pub fn from_path(path: impl AsRef<Path>) -> Result<BackgroundIdf, Error> {
        let path = path.as_ref();
        let text = crate::read_report_file(path)?;
        BackgroundIdf::parse(&text).map_err(|e| e.with_path(path))
    }

    /// The IDF of `word`, if the table has it.
    pub fn get(&self, word: &str) -> Option<f64> {
        self.idf.get(word).map(|&v| f64::from(v))
    }

    /// The IDF of a single word: the table's; for a word it lacks that splits into words it
    /// has (a lexicon phrase such as 商业秘密保护), the phrase IDF of those parts; otherwise
    /// the table's median.
    ///
    /// ```
    /// use jingwu::BackgroundIdf;
    ///
    /// let t = BackgroundIdf::parse("商业秘密 10.9\n保护 5.0\n公安 8.3\n绝无仅有 13.9\n")?;
    /// assert_eq!(t.word_idf("公安"), 8.300000190734863);
    /// let derived = t.word_idf("商业秘密保护");
    /// assert!((derived - (10.9 + 2f64.ln())).abs() < 1e-5);
    /// # Ok::<(), jingwu::Error>(())
    /// ```
    pub fn word_idf(&self, word: &str) -> f64 {
        if let Some(v) = self.get(word) {
            return v;
        }
        let parts = self.split_known(word);
        if parts.len() >= 2 {
            self.phrase_idf(word, parts.iter().copied())
        } else {
            self.median
        }
    }

    /// Splits `word` into the longest words the table knows, left to right; empty when some
    /// stretch of two or more characters matches nothing.
    fn split_known<'w>(&self, word: &'w str) -> Vec<&'w str> {
        const LONGEST: usize = 8;
        let bounds: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let n = bounds.len() - 1;
        let mut parts = Vec::new();
        let mut i = 0;
        while i < n {
            let found = (i + 2..=(i + LONGEST).min(n))
                .rev()
                .find(|&j| self.idf.contains_key(&word[bounds[i]..bounds[j]]));
            match found {
                Some(j) => {
                    parts.push(&word[bounds[i]..bounds[j]]);
                    i = j;
                }
                None if i + 1 == n || parts.is_empty() && i + 1 < n => {
                    // A lone character: part of the phrase, with the table's value if any.
                    parts.push(&word[bounds[i]..bounds[i + 1]]);
                    i += 1;
                }
                None => {
                    parts.push(&word[bounds[i]..bounds[i + 1]]);
                    i += 1;
                }
            }
        }
        if parts.iter().all(|p| !self.idf.contains_key(*p)) {
            parts.clear();
        }
        parts
    }

    /// The IDF of a phrase made of `parts`: the table's own value if it has the whole
    /// phrase; otherwise `max(idf(part)) + ln(number of parts)`, at most the table's largest
    /// value. A phrase is at least as rare as its rarest part, and each further part makes it
    /// rarer still.
    ///
    /// ```
    /// use jingwu::BackgroundIdf;
    ///
    /// let t = BackgroundIdf::parse("电信 8.0\n网络 6.2\n诈骗 9.2\n绝无仅有 13.9\n")?;
    /// let idf = t.phrase_idf("电信网络诈骗", ["电信", "网络", "诈骗"]);
    /// assert!((idf - (9.2 + 3f64.ln())).abs() < 1e-5);
    /// # Ok::<(), jingwu::Error>(())
    /// ```
    pub fn phrase_idf<'p>(&self, phrase: &str, parts: impl IntoIterator<Item = &'p str>) -> f64 {
        self.phrase_idf_with(phrase, parts, |p| self.word_idf(p))
    }

    /// [`BackgroundIdf::phrase_idf`], with the parts' IDF from `word_idf`.
    fn phrase_idf_with<'p>(
        &self,
        phrase: &str,
        parts: impl IntoIterator<Item = &'p str>,
        mut word_idf: impl FnMut(&'p str) -> f64,
    ) -> f64 {
        if let Some(v) = self.get(phrase) {
            return v;
        }
        let mut n = 0usize;
        let mut best = f64::MIN;
        for p in parts {
            n += 1;
            best = best.max(word_idf(p));
        }
        if n <= 1 {
            return self.median;
        }
        (best + (n as f64).ln()).min(self.max)
    }

    /// The table's median IDF.
    pub fn median(&self) -> f64 {
        self.median
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }
}

/// The background IDF of the words a ranking meets, those the table lacks worked out once:
/// such a word is split into the words the table has, which costs many look-ups, and a
/// corpus of reports meets the same names and phrases in document after document.
pub(crate) struct WordIdfs<'a> {
    table: &'a BackgroundIdf,
    derived: FxHashMap<&'a str, f64>,
}

impl<'a> WordIdfs<'a> {
    pub(crate) fn new(table: &'a BackgroundIdf) -> WordIdfs<'a> {
        WordIdfs {
            table,
            derived: FxHashMap::default(),
        }
    }

    /// The table.
    pub(crate) fn table(&self) -> &'a BackgroundIdf {
        self.table
    }

    /// [`BackgroundIdf::word_idf`].
    pub(crate) fn word(&mut self, word: &'a str) -> f64 {
        // A word of the table costs one look-up; only the others are remembered.
        if let Some(v) = self.table.get(word) {
            return v;
        }
        if let Some(&v) = self.derived.get(word) {
            return v;
        }
        let v = self.table.word_idf(word);
        self.derived.insert(word, v);
        v
    }

    /// [`BackgroundIdf::phrase_idf`].
    pub(crate) fn phrase(&mut self, phrase: &str, parts: impl IntoIterator<Item = &'a str>) -> f64 {
        let table = self.table;
        table.phrase_idf_with(phrase, parts, |p| self.word(p))
    }
}

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

    /// Saves the statistics to a JSON file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        std::fs::write(path, self.to_json()).map_err(|e| Error::io(path, e))
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
    fn embedded_table_parses() {
        let t = BackgroundIdf::parse(JIEBA_IDF).unwrap();
        assert!(t.len() > 200_000);
        assert!(t.get("笑气").unwrap() > t.get("工作").unwrap());
        assert!(t.median() > 5.0);
    }

    #[test]
    fn embedded_table_borrowed_equals_parsed() {
        let borrowed = BackgroundIdf::jieba();
        let parsed = BackgroundIdf::parse(JIEBA_IDF).unwrap();
        assert_eq!(borrowed.len(), parsed.len());
        assert_eq!(borrowed.median(), parsed.median());
        assert_eq!(borrowed.max, parsed.max);
        for w in ["笑气", "公安", "电信", "工作"] {
            assert_eq!(borrowed.get(w), parsed.get(w), "{w}");
        }
    }

    #[test]
    fn median_and_max_of_a_table() {
        // Seven values: the median is the fourth smallest whatever the order of the lines.
        let t = BackgroundIdf::parse("a 5\nb 1\nc 7\nd 3\ne 2\nf 6\ng 4\n").unwrap();
        assert_eq!(t.median(), 4.0);
        assert_eq!(t.max, 7.0);
        let t = BackgroundIdf::parse("a 2\nb 9\n").unwrap();
        assert_eq!(t.median(), 9.0);
        assert_eq!(t.max, 9.0);
    }

    #[test]
    fn idf_table_errors() {
        for (text, line) in [
            ("a 1\nb x\n", 2),
            ("a inf\n", 1),
            ("a -1\n", 1),
            ("lonely\n", 1),
        ] {
            let e = BackgroundIdf::parse(text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text}");
            assert_eq!(e.kind(), &ErrorKind::IdfTable);
        }
    }

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
}
