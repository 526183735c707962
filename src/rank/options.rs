//! The settings of a ranking.

use crate::candidates::Cohesion;

/// Settings of a ranking.
///
/// ```
/// use jingwu::RankOptions;
/// let o = RankOptions::default().top(5).heading_weight(1.0);
/// assert_eq!(o.top_n(), 5);
/// // Weights and boosts are at least 0; one that is not a finite number is ignored.
/// assert_eq!(RankOptions::default().quote_boost(f64::INFINITY), RankOptions::default());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RankOptions {
    pub(crate) top: usize,
    pub(crate) heading_weight: f64,
    pub(crate) quote_boost: f64,
    pub(crate) lexicon_boost: f64,
    pub(crate) single_mention_boost: f64,
    pub(crate) plain_word_boost: f64,
    pub(crate) prior_units: f64,
    pub(crate) min_collocation_count: u64,
    pub(crate) min_dominance: f64,
    pub(crate) min_association: f64,
    pub(crate) max_evidence: usize,
    pub(crate) explain: Explain,
}

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            top: 10,
            heading_weight: 2.0,
            quote_boost: 2.5,
            lexicon_boost: 1.25,
            single_mention_boost: 0.7,
            plain_word_boost: 0.8,
            prior_units: 8.0,
            min_collocation_count: 2,
            min_dominance: 0.5,
            min_association: 0.5,
            max_evidence: 50,
            explain: Explain::Nothing,
        }
    }
}

impl RankOptions {
    /// How many themes to keep per section, document and corpus (default 10).
    pub fn top(mut self, n: usize) -> Self {
        self.top = n;
        self
    }

    /// The number of themes kept.
    pub fn top_n(&self) -> usize {
        self.top
    }

    /// How much a mention in a heading counts, against 1 for body text (default 2). A plain
    /// word (not a lexicon word, quoted name or collocation) in a newspaper's heading, which
    /// is a slogan, counts as body text; in a numbered heading of an official document it
    /// counts this much too.
    pub fn heading_weight(mut self, w: f64) -> Self {
        self.heading_weight = finite(self.heading_weight, w);
        self
    }

    /// The boost of a name the report marks with quotation marks (default 2.5).
    pub fn quote_boost(mut self, b: f64) -> Self {
        self.quote_boost = finite(self.quote_boost, b);
        self
    }

    /// The boost of a lexicon word (default 1.25).
    pub fn lexicon_boost(mut self, b: f64) -> Self {
        self.lexicon_boost = finite(self.lexicon_boost, b);
        self
    }

    /// The boost of a plain word (not a lexicon word, quoted name or collocation) that a
    /// section or document mentions once, its mentions inside longer themes aside, other
    /// than in a numbered heading of an official document (default 0.7), on top of the
    /// boost of plain words ([`RankOptions::plain_word_boost`]). A report marks its
    /// themes or comes back to them; a rare word said once in passing (观赛, 进口设备) is
    /// weaker evidence of a theme than its rarity alone makes it.
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions, Source};
    ///
    /// let engine = Engine::new();
    /// let text = "象山公安：\n\n民警做好沙排赛事安保，观众观赛秩序井然。沙排赛场内外全程值守。";
    /// let boost_of = |options: &RankOptions, word: &str| {
    ///     let doc = engine.rank_text(text, options);
    ///     let t = doc.themes().iter().find(|t| t.text() == word).cloned();
    ///     t.map(|t| (t.source(), t.tf(), t.boost()))
    /// };
    /// let options = RankOptions::default().top(30).plain_word_boost(1.0);
    /// assert_eq!(boost_of(&options, "观赛"), Some((Source::Term, 1, 0.7)));
    /// assert_eq!(boost_of(&options, "沙排"), Some((Source::Term, 2, 1.0)));
    /// let options = options.single_mention_boost(1.0);
    /// assert_eq!(boost_of(&options, "观赛"), Some((Source::Term, 1, 1.0)));
    /// ```
    pub fn single_mention_boost(mut self, b: f64) -> Self {
        self.single_mention_boost = finite(self.single_mention_boost, b);
        self
    }

    /// The boost of a plain word: a single word that is no lexicon word, quoted name or
    /// collocation (default 0.8). A report names its themes; a plain noun it repeats is
    /// weaker evidence of one than a name, and ranks below a name of the same figures.
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions, Source};
    ///
    /// let engine = Engine::new();
    /// let text = "象山公安：\n\n民警做好沙排赛事安保，沙排赛场内外全程值守。";
    /// let boost = |options: &RankOptions| {
    ///     let doc = engine.rank_text(text, options);
    ///     doc.themes().iter().find(|t| t.text() == "沙排").map(|t| (t.source(), t.boost()))
    /// };
    /// assert_eq!(boost(&RankOptions::default()), Some((Source::Term, 0.8)));
    /// assert_eq!(boost(&RankOptions::default().plain_word_boost(1.0)), Some((Source::Term, 1.0)));
    /// ```
    pub fn plain_word_boost(mut self, b: f64) -> Self {
        self.plain_word_boost = finite(self.plain_word_boost, b);
        self
    }

    /// The weight of the background IDF, counted in units of the corpus (default 8): with
    /// this many sections (or documents) the corpus and the background weigh the same.
    pub fn prior_units(mut self, k: f64) -> Self {
        self.prior_units = finite(self.prior_units, k);
        self
    }

    /// How often a run of words must recur in the corpus to be a collocation (default 2).
    pub fn min_collocation_count(mut self, n: u64) -> Self {
        self.min_collocation_count = n.max(1);
        self
    }

    /// The share of its rarest word's mentions a run of words must hold to be a collocation
    /// by dominance (default 0.5): its words are seldom said without it. A run that holds
    /// less can still be a collocation by association ([`RankOptions::min_association`]).
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions, Source};
    ///
    /// let engine = Engine::new();
    /// let text = "普陀公安：\n\n普陀公安整治旅游市场秩序，守护游客平安。\
    ///             全年查处扰乱旅游市场秩序违法行为280余起。\n";
    /// let found = |options: &RankOptions| {
    ///     let doc = engine.rank_text(text, options);
    ///     doc.themes().iter().any(|t| t.text() == "旅游市场秩序" && t.source() == Source::Collocation)
    /// };
    /// // The run holds every mention of its words.
    /// assert!(found(&RankOptions::default()));
    /// // Neither test can pass: no collocation.
    /// assert!(!found(&RankOptions::default().min_dominance(1.0).min_association(1.0).min_collocation_count(3)));
    /// ```
    pub fn min_dominance(mut self, share: f64) -> Self {
        self.min_dominance = share.clamp(0.0, 1.0);
        self
    }

    /// How strongly the words of a collocation by association must stand together
    /// (default 0.5): the
    /// least normalised pointwise mutual information, from −1 (never together) through 0
    /// (as chance has it) to 1 (never apart), of the weakest place where the run could be
    /// cut in two. The two parts must also stand together more often than chance explains
    /// (a log-likelihood ratio of at least 3.84, the 5 % level).
    ///
    /// ```
    /// use jingwu::{Engine, RankOptions, Source};
    ///
    /// let engine = Engine::new();
    /// // 工地 is said ten times and 消防安全 five, 工地消防安全 three times.
    /// let text = "萧山公安：\n\n萧山公安全面加强工地管理。工地出入登记率达百分之百，\
    ///             工地消防安全形势稳定。民警走进工地检查证件，工地工人签订承诺书。\
    ///             工地消防安全责任落实到人，工地消防安全宣传进宿舍。全年检查工地三百余处，\
    ///             查处工地违规行为。宿舍消防安全检查全覆盖，\
    ///             商铺消防安全隐患清零。\n\n民警深入社区走访群众，宣传反诈知识，发放宣传资料\
    ///             两千余份，调解邻里纠纷十余起，排查出租房屋八十余间，整改治安隐患三十余处。\
    ///             派出所开展夜间巡逻，护送学生放学，帮助老人找回走失的孙子，为企业办理证照，\
    ///             受理户籍业务四百余件，群众满意度持续提升。交警中队整治酒驾醉驾，查处超载货车\
    ///             六十余辆，劝导电动自行车骑行人佩戴头盔，校园周边道路交通秩序井然。网安大队清理\
    ///             网络谣言，打掉电信诈骗窝点两个，追回被骗资金一百余万元。\n";
    /// let found = |options: &RankOptions| {
    ///     let doc = engine.rank_text(text, options);
    ///     doc.themes().iter().any(|t| t.text() == "工地消防安全" && t.source() == Source::Collocation)
    /// };
    /// // Three of five is dominance at the default share of one half, not at 0.7; then the
    /// // association of 工地 and 消防安全 decides.
    /// assert!(found(&RankOptions::default()));
    /// let no_dominance = RankOptions::default().min_dominance(0.7);
    /// assert!(found(&no_dominance));
    /// assert!(!found(&no_dominance.min_association(1.0)));
    /// ```
    pub fn min_association(mut self, npmi: f64) -> Self {
        self.min_association = npmi.clamp(-1.0, 1.0);
        self
    }

    /// Most evidence entries kept per theme (default 50).
    pub fn max_evidence(mut self, n: usize) -> Self {
        self.max_evidence = n;
        self
    }

    /// Whether the ranking records why words were kept out (default: it does not).
    ///
    /// ```
    /// use jingwu::{Engine, Explain, RankOptions, Reject};
    ///
    /// let engine = Engine::new();
    /// let options = RankOptions::default().explain(Explain::Rejections);
    /// let doc = engine.rank_text("慈溪公安：\n\n慈溪公安一举查处笑气工厂，推进平安建设。\n", &options);
    /// let section = &doc.sections()[0];
    /// assert!(section.rejections().iter().any(|r| r.text() == "慈溪" && r.rule() == Reject::OwnName));
    /// assert!(section.rejections().iter().any(|r| r.text() == "推进" && r.rule() == Reject::StopWord));
    /// ```
    pub fn explain(mut self, explain: Explain) -> Self {
        self.explain = explain;
        self
    }

    /// What the ranking records of the words kept out.
    pub fn explains(&self) -> Explain {
        self.explain
    }

    /// How many themes each document hands to the corpus's ranking: its leading themes,
    /// [`CORPUS_SHARE`] or five times the themes shown if that is more.
    pub(crate) fn corpus_share(&self) -> usize {
        CORPUS_SHARE.max(self.top.saturating_mul(5))
    }

    pub(crate) fn cohesion(&self) -> Cohesion {
        Cohesion {
            min_count: self.min_collocation_count,
            min_share: self.min_dominance,
            min_npmi: self.min_association,
        }
    }
}

/// How many of each document's themes count toward the corpus's (at least; five times the
/// themes shown if that is more).
const CORPUS_SHARE: usize = 50;

/// What a ranking records beyond the themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Explain {
    /// Only the themes (the default).
    #[default]
    Nothing,
    /// Also, for each section and document, the words kept out and the rule that kept each
    /// out ([`crate::SectionThemes::rejections`]).
    Rejections,
}

/// `value` as a weight: at least 0, and the weight it replaces (`was`) when `value` is not a
/// finite number, so that no score becomes infinite or NaN.
fn finite(was: f64, value: f64) -> f64 {
    if value.is_finite() {
        value.max(0.0)
    } else {
        was
    }
}
