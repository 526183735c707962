//! What ranking returns: themes with their scores and evidence.

use crate::candidates::Reject;
use crate::text::Span;
use crate::vocab::Category;
use serde::{Deserialize, Serialize};

/// Where a theme was found: the span of one mention in the original input and the sentence
/// around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of the mention in the original input.
    pub start: usize,
    /// Byte offset one past the mention.
    pub end: usize,
    /// Character offset of the mention.
    pub char_start: usize,
    /// Character offset one past the mention.
    pub char_end: usize,
    /// The sentence around the mention (repaired and width-folded); of a sentence longer
    /// than 300 characters, the 150 characters each side of the mention, marked with `…`.
    pub sentence: String,
    /// Byte span of the sentence in the original input.
    pub sentence_span: Span,
    /// Character span of the sentence in the original input.
    pub sentence_char_span: Span,
    /// The document the mention is in, for corpus-wide themes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

impl Evidence {
    /// Byte span of the mention in the original input.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Character span of the mention in the original input.
    pub fn char_span(&self) -> Span {
        Span::new(self.char_start, self.char_end)
    }
}

/// How a theme was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// A word of the policing lexicon or a user lexicon.
    Lexicon,
    /// A name the report marks with quotation marks (“共富警务”).
    Quoted,
    /// A run of words that recurs and sticks together (矛盾纠纷化解).
    Collocation,
    /// A single word from segmentation.
    Term,
}

/// A ranked theme.
///
/// `score = max(0, 1 + ln tf) × idf × boost`, where `tf` ([`Theme::weighted_tf`]) weighs each
/// mention by where it stands (a heading counts [`crate::RankOptions::heading_weight`] times,
/// but for a plain word in a newspaper's heading), `idf` blends the corpus's own document
/// frequency with the background table (see [`crate::CorpusStats::idf`]), and `boost` is
/// [`crate::RankOptions::quote_boost`] for a quoted name,
/// [`crate::RankOptions::lexicon_boost`] for a lexicon word,
/// [`crate::RankOptions::single_mention_boost`] for a plain word mentioned once in its unit,
/// and 1 otherwise.
///
/// ```
/// use jingwu::{Engine, RankOptions};
///
/// let doc = Engine::new().rank_text(
///     "慈溪公安：\n\n严打笑气犯罪，捣毁笑气窝点。深化“公安大脑”建设，“公安大脑”上线。",
///     &RankOptions::default(),
/// );
/// for t in doc.all_themes() {
///     let score = (1.0 + t.weighted_tf().ln()) * t.idf() * t.boost();
///     assert!((t.score() - score).abs() < 1e-9, "{}", t.text());
/// }
/// assert!(doc.all_themes().any(|t| t.text() == "笑气"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub(crate) text: String,
    /// The text as the statistics know it, when it differs from how the report writes it
    /// (traditional characters folded to simplified ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) normalized: Option<String>,
    pub(crate) score: f64,
    pub(crate) tf: u32,
    pub(crate) weighted_tf: f64,
    pub(crate) df: u64,
    pub(crate) idf: f64,
    pub(crate) boost: f64,
    pub(crate) quoted: bool,
    pub(crate) category: Option<Category>,
    pub(crate) source: Source,
    /// Fragments and variants this theme hides (枫桥经验 under 海上枫桥经验).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) subsumes: Vec<String>,
    pub(crate) evidence: Vec<Evidence>,
}

impl Theme {
    /// The theme's text, as the report writes it (海上楓橋經驗 in a text in traditional
    /// characters), or the canonical form of an abbreviation (电信网络诈骗 for 电诈).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The theme's text as the statistics and the lexicon know it: traditional characters
    /// folded to simplified ones. A theme written both ways across a corpus is one theme,
    /// under this text.
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions};
    ///
    /// let engine = Engine::new();
    /// let doc = engine.rank_text("象山公安：\n\n創新發展新時代“海上楓橋經驗”，“海上楓橋經驗”見成效。\n", &RankOptions::default());
    /// let t = doc.sections()[0].themes().iter().find(|t| t.normalized() == "海上枫桥经验").unwrap();
    /// assert_eq!(t.text(), "海上楓橋經驗");
    /// ```
    pub fn normalized(&self) -> &str {
        self.normalized.as_deref().unwrap_or(&self.text)
    }

    /// Its score; higher ranks first.
    pub fn score(&self) -> f64 {
        self.score
    }

    /// Number of mentions in the ranked unit (its own, and those of fragments it hides).
    pub fn tf(&self) -> u32 {
        self.tf
    }

    /// Mentions weighed by where they stand, as used in the score.
    pub fn weighted_tf(&self) -> f64 {
        self.weighted_tf
    }

    /// Number of units of the corpus (sections or documents) that mention it.
    pub fn df(&self) -> u64 {
        self.df
    }

    /// The inverse document frequency used in the score.
    pub fn idf(&self) -> f64 {
        self.idf
    }

    /// The boost used in the score.
    pub fn boost(&self) -> f64 {
        self.boost
    }

    /// Whether the report marks it as a name with quotation marks.
    pub fn quoted(&self) -> bool {
        self.quoted
    }

    /// Its lexicon category, if it is a lexicon word.
    pub fn category(&self) -> Option<Category> {
        self.category
    }

    /// How it was found.
    pub fn source(&self) -> Source {
        self.source
    }

    /// Fragments and variants it hides.
    pub fn subsumes(&self) -> &[String] {
        &self.subsumes
    }

    /// Each mention, in order.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
}

/// A word kept out of the themes, and the rule that kept it out, recorded when the ranking
/// is asked to explain ([`crate::RankOptions::explain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub(crate) text: String,
    pub(crate) rule: Reject,
    pub(crate) mentions: u32,
    pub(crate) span: Span,
}

impl Rejection {
    /// The word, quoted text or run of words, as the report writes it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The rule that kept it out.
    pub fn rule(&self) -> Reject {
        self.rule
    }

    /// How many of its mentions the rule kept out in the unit.
    pub fn mentions(&self) -> u32 {
        self.mentions
    }

    /// The byte span of its first mention in the original input.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// The themes of one section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionThemes {
    pub(crate) title: String,
    pub(crate) span: Span,
    pub(crate) themes: Vec<Theme>,
    /// Words kept out, when asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) rejections: Vec<Rejection>,
}

impl SectionThemes {
    /// The section's title (`象山公安`); empty for a report without sections.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The section's span in the original input.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Its themes, best first.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The words kept out of its themes and why, in the order of their first mention;
    /// empty unless the ranking was asked to explain ([`crate::Explain::Rejections`]).
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }
}

/// The themes of one document: of each section and of the whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentThemes {
    pub(crate) path: String,
    pub(crate) title: String,
    pub(crate) sections: Vec<SectionThemes>,
    pub(crate) themes: Vec<Theme>,
    /// Words kept out, when asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) rejections: Vec<Rejection>,
}

impl DocumentThemes {
    /// The name the document was added under (its path, for files).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The report's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The themes of each section, in order.
    pub fn sections(&self) -> &[SectionThemes] {
        &self.sections
    }

    /// The themes of the whole document, best first.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The words kept out of the whole document's themes and why, in the order of their
    /// first mention; empty unless the ranking was asked to explain.
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// Every theme shown for the document: each section's, in order, then the whole
    /// document's. A theme ranked in several places comes once for each.
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions};
    ///
    /// let engine = Engine::new();
    /// let doc = engine.rank_text("象山公安：\n深化“共富警务”，“共富警务”惠及渔民。", &RankOptions::default());
    /// let shown = doc.sections().iter().map(|s| s.themes().len()).sum::<usize>() + doc.themes().len();
    /// assert_eq!(doc.all_themes().count(), shown);
    /// assert!(doc.all_themes().any(|t| t.text() == "共富警务"));
    /// ```
    pub fn all_themes(&self) -> impl Iterator<Item = &Theme> + Clone + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.themes.iter())
            .chain(&self.themes)
    }

    /// The document's themes as JSON: one member of the `documents` of
    /// [`Ranking::to_json`], and one line of the `themes` example's `--jsonl`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Themes across the whole corpus: a theme's score is the sum of its scores in the documents
/// that have it among their 50 leading themes (or five times the themes shown, if more), its
/// `df` the number of those documents, its `tf` and `weighted_tf` the sums of theirs, its
/// `boost` the largest it has in one of them; its `idf` is the first document's, and its
/// evidence comes from them in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusThemes {
    pub(crate) themes: Vec<Theme>,
}

impl CorpusThemes {
    /// The corpus's themes, best first.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The corpus's themes as JSON: the `corpus` member of [`Ranking::to_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The result of ranking a corpus: per document (and section) and corpus-wide themes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub(crate) documents: Vec<DocumentThemes>,
    pub(crate) corpus: CorpusThemes,
}

impl Ranking {
    /// A ranking of `documents`, in order, whose corpus's themes are `corpus` (from a
    /// [`crate::CorpusTally`]). Its JSON is the documents' JSON and the corpus's, put
    /// together:
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions, Ranking};
    ///
    /// let mut corpus = Engine::new().corpus();
    /// corpus.add("a.txt", "慈溪公安：\n\n捣毁“笑气”窝点，查处“笑气”工厂。\n");
    /// let whole = corpus.rank(&RankOptions::default());
    /// let docs: Vec<String> = whole.documents().iter().map(|d| d.to_json()).collect();
    /// let parts = Ranking::from_parts(whole.documents().to_vec(), whole.corpus_themes().clone());
    /// assert_eq!(parts, whole);
    /// assert_eq!(
    ///     whole.to_json(),
    ///     format!("{{\"documents\":[{}],\"corpus\":{}}}", docs.join(","), whole.corpus_themes().to_json())
    /// );
    /// ```
    pub fn from_parts(documents: Vec<DocumentThemes>, corpus: CorpusThemes) -> Ranking {
        Ranking { documents, corpus }
    }

    /// Each document's themes, in the order the documents were added.
    pub fn documents(&self) -> &[DocumentThemes] {
        &self.documents
    }

    /// The corpus-wide themes.
    pub fn corpus(&self) -> &[Theme] {
        &self.corpus.themes
    }

    /// The corpus-wide themes, as [`CorpusThemes`] (whose JSON is the ranking's `corpus`).
    pub fn corpus_themes(&self) -> &CorpusThemes {
        &self.corpus
    }

    /// The ranking as JSON (the shape the `themes` example prints).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The ranking as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
