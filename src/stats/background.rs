//! The background: how rare a word is in general Chinese text, from jieba's IDF table.

use crate::error::{Error, ErrorKind};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::path::Path;

/// jieba's IDF table (MIT licence; see `src/data/README.md`).
const JIEBA_IDF: &str = include_str!("../data/idf.txt");

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
    /// The IDF below which a word is among the [`EVERYDAY_SHARE`] most common of the table.
    everyday: f64,
}

/// The share of a table's words, the most common, that are words of everyday language
/// ([`BackgroundIdf::everyday_below`]).
pub(crate) const EVERYDAY_SHARE: f64 = 0.01;

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
            everyday: 0.0,
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
        let low = ((values.len() as f64 * EVERYDAY_SHARE) as usize).min(values.len() - 1);
        let everyday = f64::from(*values.select_nth_unstable_by(low, f32::total_cmp).1);
        Ok(BackgroundIdf {
            idf,
            median,
            max,
            everyday,
        })
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

    /// The IDF below which a word of the table is among its most common (the 1 % of its
    /// words with the lowest IDF): a word of everyday language (机构, 业务, 整理), which names no theme
    /// on its own.
    ///
    /// ```
    /// use jingwu::BackgroundIdf;
    ///
    /// let t = BackgroundIdf::jieba();
    /// assert!(t.get("机构").unwrap() < t.everyday_below());
    /// assert!(t.get("笑气").unwrap() > t.everyday_below());
    /// ```
    pub fn everyday_below(&self) -> f64 {
        self.everyday
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
}
