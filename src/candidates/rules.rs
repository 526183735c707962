//! The rules that keep a word out: each is a named [`Reject`] reason, checked in an ordered
//! table, so that a ranking can say why a word is no theme.

use serde::{Deserialize, Serialize};

/// Why a word, a quoted text or a run of words is no theme: the rule that kept it out.
///
/// Every rule that keeps a candidate out has one reason; [`crate::RankOptions::explain`]
/// records them, and the `themes` example's `--explain WORD` prints them.
///
/// ```
/// use jingwu::Reject;
///
/// assert_eq!(Reject::StopWord.name(), "stop_word");
/// assert_eq!(Reject::from_name("own_name"), Some(Reject::OwnName));
/// assert!(Reject::ALL.iter().all(|r| !r.description().is_empty()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reject {
    /// A function word or the boilerplate of reports (的, 推进, 今年以来).
    StopWord,
    /// A number, a punctuation mark, a Latin-script word or whitespace.
    NotAWord,
    /// A measure after a number (余 of 1200余场).
    AfterNumber,
    /// A word the suffix 化 makes a manner of doing (常态化, 实体化).
    Manner,
    /// A manner of doing that ends in a verb putting work in hand (全面推行, 深入开展).
    PutToWork,
    /// A numeral and a noun: a quantity (一船, 两地).
    Quantity,
    /// The name of a person, place or organisation (what jieba tags `nr`, `ns`, `nt`, and a
    /// place by its ending: 菜园镇, 利洋村).
    ProperName,
    /// A single word that names no thing: a verb, an adjective, an adverb.
    NotANoun,
    /// A single character.
    SingleCharacter,
    /// General policing vocabulary, found in every report (民警, 案件, 安全).
    Generic,
    /// A word of everyday language, among the most common of the background table (机构,
    /// 业务, 整理; see [`crate::BackgroundIdf::everyday_below`]): it names no theme alone,
    /// though it may stand in one (政务公开目录).
    Everyday,
    /// The reporting body's own name or place, or a place police bodies are named by
    /// (象山 of 象山公安, 泰顺 of 泰顺县公安局).
    OwnName,
    /// The name of a body that does the work, or of its officer: the actor rather than the
    /// theme (刑事局, 警政署, 综合执法局, 全国公安, 副区长).
    Body,
    /// The name of an event or an honour (新闻发布会, 成立75周年, 全国巾帼文明岗).
    EventOrHonour,
    /// Said mostly as a place where the work is done (在老外滩…, 园区周边).
    Place,
    /// A word that only ever stands inside a quote that is no name.
    InFigurativeQuote,
    /// A quoted count of principles, a political formula (“四个意识”).
    CountedFormula,
    /// A quoted text that is no name: a metaphor (的“组合拳”), a slogan, a turn of phrase said
    /// once without being put to work.
    Figurative,
    /// A quoted text that is general vocabulary or a stop word (“安全”).
    NeverAName,
    /// A quoted phrase whose words a conjunction or a plus joins (“良好或非常良好”,
    /// “线上+线下”): a phrase, not a name.
    Phrase,
    /// A run of words without the shape of a theme: no noun at its head, too short or too
    /// long, or mostly general words.
    RunShape,
    /// A verb before a run's last word: the run is the work done, and what it is done on
    /// stays the theme (打击治理电信网络诈骗, 查获走私案件).
    WorkOnATheme,
    /// A run ending in a verb at work on the object after it (增长极创造 of
    /// 增长极创造良好环境).
    TakesAnObject,
    /// A run of words said once in the whole corpus.
    NotRepeated,
    /// A run whose words stand together by neither dominance (it holds half its rarest word's
    /// mentions) nor association (its parts are said together more than chance explains):
    /// no unit of its own.
    NotCohesive,
    /// Mentioned only in headings or titles, never in the body text; a name (lexicon word,
    /// quoted name, collocation) the title gives counts from the title alone.
    HeadingOnly,
}

impl Reject {
    /// Every reason, in the order the rules are checked.
    pub const ALL: [Reject; 26] = [
        Reject::StopWord,
        Reject::NotAWord,
        Reject::OwnName,
        Reject::AfterNumber,
        Reject::Manner,
        Reject::PutToWork,
        Reject::Quantity,
        Reject::ProperName,
        Reject::NotANoun,
        Reject::SingleCharacter,
        Reject::Generic,
        Reject::Everyday,
        Reject::Body,
        Reject::EventOrHonour,
        Reject::Place,
        Reject::InFigurativeQuote,
        Reject::CountedFormula,
        Reject::Figurative,
        Reject::NeverAName,
        Reject::Phrase,
        Reject::RunShape,
        Reject::WorkOnATheme,
        Reject::TakesAnObject,
        Reject::NotRepeated,
        Reject::NotCohesive,
        Reject::HeadingOnly,
    ];

    /// The reason's name, as JSON writes it (`stop_word`).
    pub fn name(self) -> &'static str {
        match self {
            Reject::StopWord => "stop_word",
            Reject::NotAWord => "not_a_word",
            Reject::AfterNumber => "after_number",
            Reject::Manner => "manner",
            Reject::PutToWork => "put_to_work",
            Reject::Quantity => "quantity",
            Reject::ProperName => "proper_name",
            Reject::NotANoun => "not_a_noun",
            Reject::SingleCharacter => "single_character",
            Reject::Generic => "generic",
            Reject::Everyday => "everyday",
            Reject::OwnName => "own_name",
            Reject::Body => "body",
            Reject::EventOrHonour => "event_or_honour",
            Reject::Place => "place",
            Reject::InFigurativeQuote => "in_figurative_quote",
            Reject::CountedFormula => "counted_formula",
            Reject::Figurative => "figurative",
            Reject::NeverAName => "never_a_name",
            Reject::Phrase => "phrase",
            Reject::RunShape => "run_shape",
            Reject::WorkOnATheme => "work_on_a_theme",
            Reject::TakesAnObject => "takes_an_object",
            Reject::NotRepeated => "not_repeated",
            Reject::NotCohesive => "not_cohesive",
            Reject::HeadingOnly => "heading_only",
        }
    }

    /// The reason named `name`, if any.
    pub fn from_name(name: &str) -> Option<Reject> {
        Reject::ALL.into_iter().find(|r| r.name() == name)
    }

    /// What the rule says, in a line.
    pub fn description(self) -> &'static str {
        match self {
            Reject::StopWord => "a function word or report boilerplate",
            Reject::NotAWord => "a number, punctuation, Latin-script word or whitespace",
            Reject::AfterNumber => "a measure after a number (1200余场)",
            Reject::Manner => "made a manner of doing by 化 (常态化)",
            Reject::PutToWork => "a manner of doing ending in a verb of putting to work (全面推行)",
            Reject::Quantity => "a numeral and a noun (一船, 两地)",
            Reject::ProperName => "the name of a person, place (菜园镇) or organisation",
            Reject::NotANoun => "a single word that names no thing (a verb, an adjective)",
            Reject::SingleCharacter => "a single character",
            Reject::Generic => "general policing vocabulary, or rhetoric, in every report",
            Reject::Everyday => "a word of everyday language, among the most common 1 %",
            Reject::OwnName => "the reporting body's own name or place",
            Reject::Body => {
                "the name of a body that does the work, or its officer (刑事局, 副区长)"
            }
            Reject::EventOrHonour => "the name of an event or an honour (新闻发布会, 文明岗)",
            Reject::Place => "said mostly as a place where the work is done (在…, …周边)",
            Reject::InFigurativeQuote => "stands only inside a quote that is no name",
            Reject::CountedFormula => "a quoted count of principles (“四个意识”)",
            Reject::Figurative => "a quote that is no name: a metaphor, slogan or turn of phrase",
            Reject::NeverAName => "a quote of general vocabulary or a stop word",
            Reject::Phrase => "a quoted phrase whose words a conjunction or a plus joins",
            Reject::RunShape => "a run of words without the shape of a theme",
            Reject::WorkOnATheme => "a verb before a run's last word: the work done (查获走私案件)",
            Reject::TakesAnObject => "a run ending in a verb at work on the object after it",
            Reject::NotRepeated => "a run of words said once in the corpus",
            Reject::NotCohesive => {
                "a run whose words stand together by neither dominance nor association"
            }
            Reject::HeadingOnly => {
                "mentioned only in headings or titles (a name: only in headings)"
            }
        }
    }
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a name names when it is no theme: a body (its ending is a body's, and it has three
/// characters or more, or it is such an ending of two: 支队; or it ends in the kind of body
/// police bodies are named by: 全国公安, 上海边防派出所), an officer of a body or a place
/// (局长, 副区长), a body's short name (市局, 县府), or an event or an honour.
pub(crate) fn name_kind(text: &str) -> Option<Reject> {
    // Most words end in no character a name of a body, an office or an event ends in.
    if !ends_in_one_of(text, &NAME_LAST_CHARS) {
        return None;
    }
    let cues = crate::vocab::cues();
    let long = text.chars().nth(2).is_some();
    if (long && cues.body_endings.iter().any(|e| text.ends_with(e)))
        || (text.chars().nth(1).is_some() && cues.body_endings.contains(&text))
        || (long && cues.body_suffixes.iter().any(|e| text.ends_with(e)))
        || is_office(text)
        || is_short_body(text)
    {
        return Some(Reject::Body);
    }
    cues.event_endings
        .iter()
        .any(|e| text.ends_with(e))
        .then_some(Reject::EventOrHonour)
}

/// The last characters of the names [`name_kind`] knows, in order.
static NAME_LAST_CHARS: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let cues = crate::vocab::cues();
    let mut words: Vec<&str> = [&cues.body_endings, &cues.body_suffixes, &cues.event_endings]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    words.push("长");
    let mut last = last_chars(&words);
    last.extend(SHORT_BODY_KINDS.chars());
    last.sort_unstable();
    last.dedup();
    last
});

/// The last characters of `words`, in order.
fn last_chars(words: &[&str]) -> Vec<char> {
    let mut last: Vec<char> = words.iter().filter_map(|w| w.chars().next_back()).collect();
    last.sort_unstable();
    last.dedup();
    last
}

/// Whether `text` ends in one of `last`, characters in order: a test that rules most words
/// out of a list of endings at once.
fn ends_in_one_of(text: &str, last: &[char]) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| last.binary_search(&c).is_ok())
}

/// The kinds of body a body's short name ends in (市局, 县府).
const SHORT_BODY_KINDS: &str = "局署厅部院委府";

/// Whether `text` is a body's short name: a kind of place and a kind of body (市局, 县局,
/// 省厅, 市府), as a report calls its own bureau.
fn is_short_body(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(place), Some(body), None)
            if "省市县区州镇乡".contains(place) && SHORT_BODY_KINDS.contains(body)
    )
}

/// Whether `text` names an office: the head (长) of a kind of body or place, deputy or not
/// (局长, 所长, 副区长, 县长).
fn is_office(text: &str) -> bool {
    let mut chars = text.strip_prefix('副').unwrap_or(text).chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(kind), Some('长'), None) if "局所区县市镇乡村厅部处科队站院".contains(kind)
    )
}

/// Whether `text` is the name of a place by its ending (菜园镇, 利洋村, 梅县区, 梅南林场):
/// a kind of place after a name of two characters or more, where the kind's last
/// characters make no word of general Chinese with what comes before them (经济区 of
/// 海港经济区 and 乡村 of 美丽乡村 are kinds of place, not names), or after a name that
/// ends in a kind itself and that general Chinese knows (梅县 of 梅县区).
pub(crate) fn is_place_name(background: &crate::stats::BackgroundIdf, text: &str) -> bool {
    static LAST: std::sync::LazyLock<Vec<char>> =
        std::sync::LazyLock::new(|| last_chars(&crate::vocab::cues().place_kinds));
    if !ends_in_one_of(text, &LAST) {
        return false;
    }
    let cues = crate::vocab::cues();
    let Some(kind) = cues.place_kinds.iter().find(|k| text.ends_with(*k)) else {
        return false;
    };
    let stem = &text[..text.len() - kind.len()];
    // Where the stem's characters start, last first.
    let starts: Vec<usize> = stem.char_indices().rev().map(|(i, _)| i).take(2).collect();
    if starts.len() < 2 {
        return false;
    }
    if cues.place_kinds.iter().any(|k| stem.ends_with(k)) && background.get(stem).is_some() {
        return true;
    }
    if kind.chars().nth(1).is_some() {
        // A kind of two characters or more after a name general Chinese does not know.
        return background.get(stem).is_none();
    }
    // The kind with one or two characters before it, as one word, is a kind of place.
    !starts[..2]
        .iter()
        .any(|&at| background.get(&text[at..]).is_some())
}

/// One rule of an ordered table: the reason it gives, and its test `T` (a function of what
/// the rules of the table read) that says whether it applies.
pub(crate) struct Rule<T> {
    pub(crate) reject: Reject,
    pub(crate) applies: T,
}

/// The first rule of `rules` whose test `applies` says applies: the reason a candidate is
/// kept out.
pub(crate) fn first_rejecting<T>(
    rules: &[Rule<T>],
    applies: impl Fn(&T) -> bool,
) -> Option<Reject> {
    rules.iter().find(|r| applies(&r.applies)).map(|r| r.reject)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        let mut names: Vec<&str> = Reject::ALL.iter().map(|r| r.name()).collect();
        for r in Reject::ALL {
            assert_eq!(Reject::from_name(r.name()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.name()));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Reject::ALL.len());
    }

    #[test]
    fn bodies_events_and_honours_by_their_endings() {
        for (text, kind) in [
            ("刑事局", Some(Reject::Body)),
            ("综合执法局", Some(Reject::Body)),
            ("警察机关", Some(Reject::Body)),
            ("格局", None),
            ("大局", None),
            ("新闻发布会", Some(Reject::EventOrHonour)),
            ("新中国成立75周年", Some(Reject::EventOrHonour)),
            ("全国巾帼文明岗", Some(Reject::EventOrHonour)),
            ("发布会", Some(Reject::EventOrHonour)),
            ("反诈中心", None),
            ("三合会", None),
            ("支队", Some(Reject::Body)),
            ("全国公安", Some(Reject::Body)),
            ("副区长", Some(Reject::Body)),
            ("所长", Some(Reject::Body)),
            ("市局", Some(Reject::Body)),
            ("县府", Some(Reject::Body)),
            ("市场", None),
            ("区委会", None),
            ("公安", None),
            ("长期", None),
            ("校长", None),
        ] {
            assert_eq!(name_kind(text), kind, "{text}");
        }
    }

    #[test]
    fn place_names_by_their_endings() {
        let bg = crate::stats::BackgroundIdf::jieba();
        for (text, place) in [
            ("菜园镇", true),
            ("利洋村", true),
            ("梅县区", true),
            ("梅南林场", true),
            ("海港经济区", false),
            ("美丽乡村", false),
            ("新农村", false),
            ("城区", false),
            ("社区", false),
            ("林场", false),
            ("渔船安全", false),
        ] {
            assert_eq!(is_place_name(&bg, text), place, "{text}");
        }
    }

    #[test]
    fn the_first_rule_that_applies_decides() {
        type Test = fn(u32) -> bool;
        let rules: [Rule<Test>; 2] = [
            Rule {
                reject: Reject::Quantity,
                applies: |n| n > 10,
            },
            Rule {
                reject: Reject::SingleCharacter,
                applies: |n| n > 5,
            },
        ];
        assert_eq!(first_rejecting(&rules, |f| f(20)), Some(Reject::Quantity));
        assert_eq!(
            first_rejecting(&rules, |f| f(7)),
            Some(Reject::SingleCharacter)
        );
        assert_eq!(first_rejecting(&rules, |f| f(1)), None);
    }
}
