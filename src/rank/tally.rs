//! The corpus's themes, added up document by document: in one pass, in parts that merge, and
//! with sums that do not depend on how the documents were grouped.

use super::evidence::Shares;
use super::options::RankOptions;
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::theme::{CorpusThemes, Theme};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The version of the format [`CorpusTally::to_bytes`] writes.
const TALLY_FORMAT_VERSION: u32 = 1;

/// Fractional bits of a [`Fixed`] sum.
const FIXED_BITS: i32 = 60;

/// A sum of scores in fixed point (2⁻⁶⁰ units in an `i128`): integer additions are exact and
/// associative, so the sum is the same whatever the order and grouping of its terms (one
/// pass, or partitions merged in any tree), and it is rounded to `f64` once, at the end. A
/// score of one document up to 10¹⁸ fits, summed over more documents than a corpus has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fixed(i128);

impl Fixed {
    fn of(x: f64) -> Fixed {
        // `as` saturates and takes NaN to 0: no score is either, but neither can wrap.
        Fixed((x * 2f64.powi(FIXED_BITS)) as i128)
    }

    fn to_f64(self) -> f64 {
        self.0 as f64 * 2f64.powi(-FIXED_BITS)
    }

    fn add(&mut self, other: Fixed) {
        self.0 = self.0.saturating_add(other.0);
    }
}

// As a decimal string: JSON numbers are read as `f64` by most readers, which would round an
// `i128`.
impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fixed, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<i128>()
            .map(Fixed)
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a fixed-point sum")))
    }
}

/// What the corpus knows of one theme so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    score: Fixed,
    weighted_tf: Fixed,
    tf: u64,
    df: u64,
    /// The largest boost it has in a document.
    boost: f64,
    /// The theme as its first document shows it, with the evidence of its first documents
    /// (up to the most evidence shown); its figures are replaced by the sums when shown.
    theme: Theme,
}

/// The corpus's themes being added up from each document's leading themes (its 50 best, or
/// five times the themes shown if more): a theme's score is the sum of its scores in the
/// documents that have it there, its `df` the number of those documents, its `tf` and
/// `weighted_tf` the sums of theirs, its `boost` the largest; its `idf` and the way it is
/// written come from the first document that has it, and its evidence from the first
/// documents in order.
///
/// A tally is filled by [`crate::Ranker::rank_into`], one document after another, in the
/// corpus's order. Tallies of consecutive parts of a corpus (partitions ranked on different
/// machines, say) [`append`](CorpusTally::append) into the tally of the whole, and give the
/// same themes, to the bit, as one pass over every document: sums are kept in fixed point,
/// so their grouping does not matter.
///
/// ```
/// use jingwu::{Engine, RankOptions};
///
/// let engine = Engine::new();
/// let docs = [
///     ("a.txt", "慈溪公安：\n\n捣毁“笑气”窝点，查处“笑气”工厂。\n"),
///     ("b.txt", "象山公安：\n\n深化“共富警务”，严打“笑气”犯罪。\n"),
///     ("c.txt", "北仑公安：\n\n推进“共富警务”，“共富警务”惠及港区。\n"),
/// ];
/// let mut corpus = engine.corpus();
/// corpus.add_all(docs);
/// let options = RankOptions::default();
/// let ranker = corpus.ranker(&options);
///
/// // The first document in one part, the others in another, appended in order.
/// let mut first = ranker.tally();
/// ranker.rank_into(docs[0].0, docs[0].1, &mut first);
/// let mut rest = ranker.tally();
/// for (id, text) in &docs[1..] {
///     ranker.rank_into(id, text, &mut rest);
/// }
/// first.append(rest);
/// assert_eq!(first.documents(), 3);
/// assert_eq!(first.themes().themes(), corpus.rank(&options).corpus());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusTally {
    version: u32,
    /// Themes shown.
    top: usize,
    /// Evidence shown of each theme.
    max_evidence: usize,
    documents: u64,
    entries: BTreeMap<String, Entry>,
}

impl CorpusTally {
    /// An empty tally, for the themes `options` shows.
    pub(crate) fn new(options: &RankOptions) -> CorpusTally {
        CorpusTally {
            version: TALLY_FORMAT_VERSION,
            top: options.top,
            max_evidence: options.max_evidence,
            documents: 0,
            entries: BTreeMap::new(),
        }
    }

    /// Number of documents added up.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Number of distinct themes added up so far (each document's leading ones).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no theme was added up (no document, or none with a theme).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds the leading themes of one more document, `doc`, scored in `shares`.
    pub(super) fn add_shares(&mut self, shares: &Shares<'_>, doc: &Document) {
        self.documents += 1;
        for (k, sh) in shares.list.iter().enumerate() {
            if let Some(e) = self.entries.get_mut(sh.text) {
                e.score.add(Fixed::of(sh.score));
                e.weighted_tf.add(Fixed::of(sh.weighted_tf));
                e.tf += u64::from(sh.tf);
                e.df += 1;
                e.boost = e.boost.max(sh.boost);
                e.theme.quoted |= sh.quoted;
                e.theme.category = e.theme.category.or(sh.category);
                let room = self.max_evidence.saturating_sub(e.theme.evidence.len());
                if room > 0 {
                    e.theme.evidence.extend(shares.evidence(k, doc, room, true));
                }
            } else {
                self.entries.insert(
                    sh.text.to_string(),
                    Entry {
                        score: Fixed::of(sh.score),
                        weighted_tf: Fixed::of(sh.weighted_tf),
                        tf: u64::from(sh.tf),
                        df: 1,
                        boost: sh.boost,
                        theme: shares.theme(k, doc, self.max_evidence, true),
                    },
                );
            }
        }
    }

    /// Adds up the documents of `later`, which come after this tally's in the corpus: the
    /// tally of a partition appended to the tally of the partitions before it. The themes
    /// shown and their evidence are this tally's settings.
    pub fn append(&mut self, later: CorpusTally) {
        self.documents += later.documents;
        for (text, le) in later.entries {
            match self.entries.get_mut(&text) {
                Some(e) => {
                    e.score.add(le.score);
                    e.weighted_tf.add(le.weighted_tf);
                    e.tf = e.tf.saturating_add(le.tf);
                    e.df = e.df.saturating_add(le.df);
                    e.boost = e.boost.max(le.boost);
                    e.theme.quoted |= le.theme.quoted;
                    e.theme.category = e.theme.category.or(le.theme.category);
                    let room = self.max_evidence.saturating_sub(e.theme.evidence.len());
                    e.theme
                        .evidence
                        .extend(le.theme.evidence.into_iter().take(room));
                }
                None => {
                    let mut le = le;
                    le.theme.evidence.truncate(self.max_evidence);
                    self.entries.insert(text, le);
                }
            }
        }
    }

    /// The corpus's leading themes so far, best first (by score, then text).
    pub fn themes(&self) -> CorpusThemes {
        let mut order: Vec<(&String, &Entry)> = self.entries.iter().collect();
        let score = |e: &Entry| e.score.to_f64();
        order.sort_by(|a, b| {
            score(b.1)
                .total_cmp(&score(a.1))
                .then_with(|| b.1.score.0.cmp(&a.1.score.0))
                .then_with(|| a.0.cmp(b.0))
        });
        order.truncate(self.top);
        let themes = order
            .into_iter()
            .map(|(_, e)| {
                let mut theme = e.theme.clone();
                theme.score = e.score.to_f64();
                theme.weighted_tf = e.weighted_tf.to_f64();
                theme.tf = u32::try_from(e.tf).unwrap_or(u32::MAX);
                theme.df = e.df;
                theme.boost = e.boost;
                theme
            })
            .collect();
        CorpusThemes { themes }
    }

    /// The tally as bytes (JSON), to send to another process or machine.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// A tally from [`CorpusTally::to_bytes`]. Bytes that are no tally of this format
    /// version are an error of kind [`ErrorKind::Model`], naming the line.
    ///
    /// ```
    /// use jingwu::{CorpusTally, Engine, ErrorKind, RankOptions};
    ///
    /// let ranker = Engine::new().ranker(Default::default(), &RankOptions::default());
    /// let mut tally = ranker.tally();
    /// ranker.rank_into("a.txt", "慈溪公安：\n\n捣毁“笑气”窝点。\n", &mut tally);
    /// let back = CorpusTally::from_bytes(&tally.to_bytes()).unwrap();
    /// assert_eq!(back, tally);
    /// let err = CorpusTally::from_bytes(b"{\"version\": 1,").unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::Model);
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<CorpusTally, Error> {
        let fail = |e: serde_json::Error| {
            Error::new(ErrorKind::Model, format!("corrupted corpus tally: {e}")).with_line(e.line())
        };
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let v: Version = serde_json::from_slice(bytes).map_err(fail)?;
        if v.version != TALLY_FORMAT_VERSION {
            return Err(Error::new(
                ErrorKind::Model,
                format!(
                    "a corpus tally of format version {}, this build reads version {TALLY_FORMAT_VERSION}",
                    v.version
                ),
            ));
        }
        let tally: CorpusTally = serde_json::from_slice(bytes).map_err(fail)?;
        tally.validate()?;
        Ok(tally)
    }

    fn validate(&self) -> Result<(), Error> {
        for (text, e) in &self.entries {
            if text.is_empty() || e.df == 0 || e.df > self.documents || e.score.0 < 0 {
                return Err(Error::new(
                    ErrorKind::Model,
                    format!(
                        "corrupted corpus tally: the figures of `{text}` do not fit a tally of {} documents",
                        self.documents
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_sums_do_not_depend_on_grouping() {
        let xs = [0.1, 35.27, 1e-3, 7.123456789, 1e6, 0.2, 3.3];
        let mut one = Fixed::default();
        for &x in &xs {
            one.add(Fixed::of(x));
        }
        let (mut a, mut b) = (Fixed::default(), Fixed::default());
        for &x in &xs[..3] {
            a.add(Fixed::of(x));
        }
        for &x in xs[3..].iter().rev() {
            b.add(Fixed::of(x));
        }
        a.add(b);
        assert_eq!(one, a);
        // Floats summed in the two orders differ; the fixed sum is within a rounding of both.
        let sum: f64 = xs.iter().sum();
        assert!((one.to_f64() - sum).abs() < 1e-9);
        // One score comes back as it went in.
        assert_eq!(Fixed::of(35.27).to_f64(), 35.27);
    }

    #[test]
    fn fixed_survives_json() {
        let f = Fixed::of(12.5);
        let s = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Fixed>(&s).unwrap(), f);
        assert!(serde_json::from_str::<Fixed>("\"12.5\"").is_err());
    }
}
