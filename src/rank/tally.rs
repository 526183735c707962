//! The corpus's themes, added up document by document: in one pass, in parts that merge, and
//! with sums that do not depend on how the documents were grouped.

use super::evidence::Shares;
use super::options::RankOptions;
use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::stats::CorpusStats;
use crate::theme::{CorpusThemes, Source, Theme};
use crate::vocab::Category;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The version of the format [`CorpusTally::to_bytes`] writes.
const TALLY_FORMAT_VERSION: u32 = 1;

/// Fractional bits of a [`Fixed`] sum.
const FIXED_BITS: i32 = 60;

/// A sum of scores in fixed point (2⁻⁶⁰ units in an `i128`): integer additions are exact and
/// associative, so the sum is the same whatever the order and grouping of its terms (one
/// pass, or partitions merged in any tree), and it is rounded to `f64` once, at the end. Sums
/// up to about 1.4 × 10²⁰ fit (a billion documents scoring up to 10¹¹ each); past that a
/// sum stays at its largest value rather than wrapping.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fixed(i128);

impl Fixed {
    fn of(x: f64) -> Fixed {
        // `as` saturates and takes NaN to 0: a score out of range cannot wrap.
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
    /// Whether a document quotes it.
    quoted: bool,
    /// Its lexicon category, as the first document that gives one has it.
    category: Option<Category>,
    /// As the first document has them, for a theme shown without that document.
    idf: f64,
    source: Source,
    /// The documents whose mentions its evidence shows, by their place in the corpus, with
    /// how many mentions each gives: the first documents that have it, the very first always
    /// (the theme is written as it writes it).
    evidence: Vec<(u64, u32)>,
}

impl Entry {
    fn shown(&self) -> usize {
        self.evidence.iter().map(|&(_, n)| n as usize).sum()
    }
}

/// The corpus's themes being added up from each document's leading themes (its 50 best, or
/// five times the themes shown if more): a theme's score is the sum of its scores in the
/// documents that have it there, its `df` the number of those documents, its `tf` and
/// `weighted_tf` the sums of theirs, its `boost` the largest; its `idf` and the way it is
/// written come from the first document that has it, and its evidence from the first
/// documents in order.
///
/// A tally is filled by [`crate::Ranker::rank_into`] or [`crate::Ranker::rank_all`], one
/// document after another, in the corpus's order. Tallies of consecutive parts of a corpus
/// (partitions ranked on different machines, say) [`append`](CorpusTally::append) into the
/// tally of the whole, and give the same themes, to the bit, as one pass over every
/// document: sums are kept in fixed point, so their grouping does not matter.
///
/// A tally keeps figures, not text: a few dozen bytes for each theme of the corpus. The
/// evidence of the leading themes is cut at the end, from the few documents that
/// [`evidence_documents`](CorpusTally::evidence_documents) names, by
/// [`crate::Ranker::corpus_themes`].
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
/// first.append(rest)?;
/// assert_eq!(first.documents(), 3);
///
/// // The evidence comes from the documents the tally names.
/// let wanted = first.evidence_documents();
/// let themes = ranker.corpus_themes(&first, wanted.iter().map(|&i| (i, docs[i as usize].0, docs[i as usize].1)));
/// assert_eq!(themes.themes(), corpus.rank(&options).corpus());
/// # Ok::<(), jingwu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusTally {
    version: u32,
    /// Themes shown.
    top: usize,
    /// Evidence shown of each theme.
    max_evidence: usize,
    /// What the documents were ranked against: the documents, sections and words of the
    /// statistics. Tallies of parts ranked against other statistics do not add up.
    against: [u64; 3],
    documents: u64,
    /// Written in the order of the themes' texts, so that equal tallies give equal bytes.
    #[serde(serialize_with = "in_order")]
    entries: FxHashMap<String, Entry>,
}

fn in_order<S: Serializer>(entries: &FxHashMap<String, Entry>, s: S) -> Result<S::Ok, S::Error> {
    let sorted: BTreeMap<&str, &Entry> = entries.iter().map(|(k, v)| (k.as_str(), v)).collect();
    sorted.serialize(s)
}

impl CorpusTally {
    /// An empty tally, for the themes `options` shows, of documents ranked against `stats`.
    pub(crate) fn new(options: &RankOptions, stats: &CorpusStats) -> CorpusTally {
        CorpusTally {
            version: TALLY_FORMAT_VERSION,
            top: options.top,
            max_evidence: options.max_evidence,
            against: [stats.documents(), stats.sections(), stats.words()],
            documents: 0,
            entries: FxHashMap::default(),
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

    /// Adds the leading themes of one more document, scored in `shares`.
    pub(super) fn add_shares(&mut self, shares: &Shares<'_>) {
        let place = self.documents;
        self.documents = self.documents.saturating_add(1);
        for sh in &shares.list {
            let mentions = u32::try_from(sh.mentions.len()).unwrap_or(u32::MAX);
            if let Some(e) = self.entries.get_mut(sh.text) {
                e.score.add(Fixed::of(sh.score));
                e.weighted_tf.add(Fixed::of(sh.weighted_tf));
                e.tf = e.tf.saturating_add(u64::from(sh.tf));
                e.df = e.df.saturating_add(1);
                e.boost = e.boost.max(sh.boost);
                e.quoted |= sh.quoted;
                e.category = e.category.or(sh.category);
                let room = self.max_evidence.saturating_sub(e.shown());
                if room > 0 && mentions > 0 {
                    let n = mentions.min(u32::try_from(room).unwrap_or(u32::MAX));
                    e.evidence.push((place, n));
                }
            } else {
                let n = mentions.min(u32::try_from(self.max_evidence).unwrap_or(u32::MAX));
                self.entries.insert(
                    sh.text.to_string(),
                    Entry {
                        score: Fixed::of(sh.score),
                        weighted_tf: Fixed::of(sh.weighted_tf),
                        tf: u64::from(sh.tf),
                        df: 1,
                        boost: sh.boost,
                        quoted: sh.quoted,
                        category: sh.category,
                        idf: sh.idf,
                        source: sh.source,
                        evidence: vec![(place, n)],
                    },
                );
            }
        }
    }

    /// Adds up the documents of `later`, which come after this tally's in the corpus: the
    /// tally of a partition appended to the tally of the partitions before it.
    ///
    /// Both must come from rankers with the same options and the same statistics; tallies
    /// that show other numbers of themes or of evidence, or whose documents were ranked
    /// against other statistics, do not add up, and appending one is an error of kind
    /// [`ErrorKind::Model`] that leaves this tally as it was.
    ///
    /// ```
    /// use jingwu::{Engine, ErrorKind, RankOptions};
    ///
    /// let engine = Engine::new();
    /// let stats = engine.count_all([("a.txt", "慈溪公安：\n\n捣毁“笑气”窝点。\n")]);
    /// let ten = engine.ranker(stats.clone(), &RankOptions::default()).tally();
    /// let three = engine.ranker(stats, &RankOptions::default().top(3)).tally();
    /// let mut whole = ten.clone();
    /// assert!(whole.append(ten).is_ok());
    /// assert_eq!(whole.append(three).unwrap_err().kind(), &ErrorKind::Model);
    /// ```
    pub fn append(&mut self, later: CorpusTally) -> Result<(), Error> {
        if (later.top, later.max_evidence, later.against)
            != (self.top, self.max_evidence, self.against)
        {
            return Err(Error::new(
                ErrorKind::Model,
                format!(
                    "corpus tallies that do not add up: one shows {} themes with {} pieces of evidence, ranked against statistics of {} documents, {} sections and {} words; the other {} themes with {} pieces of evidence, against {} documents, {} sections and {} words",
                    self.top,
                    self.max_evidence,
                    self.against[0],
                    self.against[1],
                    self.against[2],
                    later.top,
                    later.max_evidence,
                    later.against[0],
                    later.against[1],
                    later.against[2],
                ),
            ));
        }
        let offset = self.documents;
        self.documents = self.documents.saturating_add(later.documents);
        for (text, mut le) in later.entries {
            for (place, _) in &mut le.evidence {
                *place = place.saturating_add(offset);
            }
            match self.entries.get_mut(&text) {
                Some(e) => {
                    e.score.add(le.score);
                    e.weighted_tf.add(le.weighted_tf);
                    e.tf = e.tf.saturating_add(le.tf);
                    e.df = e.df.saturating_add(le.df);
                    e.boost = e.boost.max(le.boost);
                    e.quoted |= le.quoted;
                    e.category = e.category.or(le.category);
                    let mut room = self.max_evidence.saturating_sub(e.shown());
                    for (place, n) in le.evidence {
                        if room == 0 {
                            break;
                        }
                        if n == 0 {
                            continue;
                        }
                        let n = (n as usize).min(room);
                        room -= n;
                        e.evidence
                            .push((place, u32::try_from(n).unwrap_or(u32::MAX)));
                    }
                }
                None => {
                    // Its first document always stays: the theme is written as it writes it.
                    let mut room = self.max_evidence;
                    let mut kept = Vec::with_capacity(le.evidence.len());
                    for (i, (place, n)) in le.evidence.into_iter().enumerate() {
                        let take = (n as usize).min(room);
                        room -= take;
                        if i == 0 || take > 0 {
                            kept.push((place, u32::try_from(take).unwrap_or(u32::MAX)));
                        }
                    }
                    le.evidence = kept;
                    self.entries.insert(text, le);
                }
            }
        }
        Ok(())
    }

    /// The corpus's leading themes, best first (by score, then text), and what is known of
    /// them.
    fn leading(&self) -> Vec<(&str, &Entry)> {
        let mut order: Vec<(&str, &Entry)> =
            self.entries.iter().map(|(t, e)| (t.as_str(), e)).collect();
        order.sort_by(|a, b| b.1.score.0.cmp(&a.1.score.0).then_with(|| a.0.cmp(b.0)));
        order.truncate(self.top);
        order
    }

    /// The documents, by their place in the corpus (0 for the first added), whose mentions
    /// are the evidence of the corpus's leading themes, in order: the documents to give
    /// [`crate::Ranker::corpus_themes`].
    pub fn evidence_documents(&self) -> Vec<u64> {
        self.shown().places()
    }

    /// The corpus's leading themes, to be shown with their evidence: the documents
    /// [`CorpusTally::evidence_documents`] names are handed to [`Shown::fill`] in order.
    pub(super) fn shown(&self) -> Shown<'_> {
        let leading = self.leading();
        let mut at: FxHashMap<u64, Vec<(usize, u32)>> = FxHashMap::default();
        for (k, (_, e)) in leading.iter().enumerate() {
            for &(place, n) in &e.evidence {
                at.entry(place).or_default().push((k, n));
            }
        }
        Shown {
            themes: vec![None; leading.len()],
            leading,
            at,
        }
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
            let shown: u64 = e.evidence.iter().map(|&(_, n)| u64::from(n)).sum();
            if text.is_empty()
                || e.df == 0
                || e.df > self.documents
                || e.tf < e.df
                || e.score.0 < 0
                || e.weighted_tf.0 < 0
                || !e.boost.is_finite()
                || !e.idf.is_finite()
                || e.evidence.is_empty()
                || e.evidence.windows(2).any(|w| w[0].0 >= w[1].0)
                || e.evidence.iter().any(|&(p, _)| p >= self.documents)
                || usize::try_from(shown).map_or(true, |n| n > self.max_evidence)
            {
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

/// The corpus's leading themes being shown: their evidence cut from the documents that hold
/// it, one document after another in the corpus's order.
pub(super) struct Shown<'t> {
    leading: Vec<(&'t str, &'t Entry)>,
    /// For each document by place, the leading themes whose evidence it holds and how many
    /// mentions each.
    at: FxHashMap<u64, Vec<(usize, u32)>>,
    themes: Vec<Option<Theme>>,
}

impl Shown<'_> {
    /// The places of the documents that hold the evidence, in order.
    pub(super) fn places(&self) -> Vec<u64> {
        let mut places: Vec<u64> = self.at.keys().copied().collect();
        places.sort_unstable();
        places
    }

    /// Cuts the evidence the document at `place`, ranked in `shares`, holds. Documents come
    /// in the corpus's order.
    pub(super) fn fill(&mut self, place: u64, shares: &Shares<'_>, doc: &Document) {
        let Some(wanted) = self.at.get(&place) else {
            return;
        };
        for &(k, n) in wanted {
            let text = self.leading[k].0;
            let Some(i) = shares.list.iter().position(|sh| sh.text == text) else {
                continue;
            };
            match &mut self.themes[k] {
                None => self.themes[k] = Some(shares.theme(i, doc, n as usize, true)),
                Some(t) => t.evidence.extend(shares.evidence(i, doc, n as usize, true)),
            }
        }
    }

    /// The themes, best first, with the figures of the whole corpus; a theme whose
    /// documents were not given is shown as the statistics know it, with less evidence or
    /// none.
    pub(super) fn finish(self) -> CorpusThemes {
        let themes = self
            .leading
            .into_iter()
            .zip(self.themes)
            .map(|((text, e), theme)| {
                let mut theme = theme.unwrap_or_else(|| Theme {
                    text: text.to_string(),
                    normalized: None,
                    score: 0.0,
                    tf: 0,
                    weighted_tf: 0.0,
                    df: 0,
                    idf: e.idf,
                    boost: 0.0,
                    quoted: false,
                    category: None,
                    source: e.source,
                    subsumes: Vec::new(),
                    evidence: Vec::new(),
                });
                theme.score = e.score.to_f64();
                theme.weighted_tf = e.weighted_tf.to_f64();
                theme.tf = u32::try_from(e.tf).unwrap_or(u32::MAX);
                theme.df = e.df;
                theme.boost = e.boost;
                theme.quoted = e.quoted;
                theme.category = e.category;
                theme
            })
            .collect();
        CorpusThemes { themes }
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
