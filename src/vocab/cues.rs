//! The cue words the rules read: short lists of the words that mark a structure (a
//! byline's role, the end of a police body's name) or a use (a verb that puts a practice
//! to work, a word that says a noun is a place). Each list is a file of `src/data/cues/`
//! whose header says what it holds and where it comes from; they are read once.

use std::sync::LazyLock;

/// The role a byline word gives its names, as its list writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoleName {
    Reporter,
    Correspondent,
    Photographer,
    Intern,
}

/// Every cue list.
pub(crate) struct Cues {
    /// Endings of a police body's name, longest first (港航公安, 北仑区公安分局).
    pub(crate) body_suffixes: Vec<&'static str>,
    /// Words for a police body after the place it is named by (公安局, 警方).
    pub(crate) body_words: Vec<&'static str>,
    /// Words for a police body after a place name only (分局, 公安).
    pub(crate) body_words_after_places: Vec<&'static str>,
    /// Byline roles, longest first.
    pub(crate) byline_roles: Vec<(&'static str, RoleName)>,
    /// What a byline may credit (文/摄).
    pub(crate) byline_credits: Vec<&'static str>,
    /// Characters that end a news outlet's name (社, 网, 报).
    pub(crate) outlet_endings: Vec<char>,
    /// Characters that cannot begin a sentence (的, 和).
    pub(crate) bound_initials: Vec<char>,
    /// Adverbials that open a paragraph (今年, 同时).
    pub(crate) openers: Vec<&'static str>,
    /// Prepositions that open a clause which must go on (通过, 针对).
    pub(crate) clause_openers: Vec<&'static str>,
    /// Verbs that put a practice to work (开展, 推行).
    pub(crate) put_to_work: Vec<&'static str>,
    /// Linking verbs (是, 成为).
    pub(crate) copulas: Vec<&'static str>,
    /// Words before a place (在, 走进).
    pub(crate) place_before: Vec<&'static str>,
    /// Words after a place (周边, 一带).
    pub(crate) place_after: Vec<&'static str>,
    /// Words that close 在… into a frame (中, 方面).
    pub(crate) frame_after: Vec<&'static str>,
    /// Endings of the name of a body (局, 署, 机关).
    pub(crate) body_endings: Vec<&'static str>,
    /// Endings of the name of an event or an honour (大会, 周年, 文明岗).
    pub(crate) event_endings: Vec<&'static str>,
    /// Labels of a web page's metadata (来源, 发布时间, 责任编辑), longest first.
    pub(crate) page_fields: Vec<&'static str>,
    /// What only a web page's furniture says (欢迎访问, 主办, 报料热线).
    pub(crate) page_phrases: Vec<&'static str>,
    /// Labels of a web page's breadcrumb (当前位置, 您的位置).
    pub(crate) location_labels: Vec<&'static str>,
    /// Kinds of place that end a place's name (镇, 村, 林场), longest first.
    pub(crate) place_kinds: Vec<&'static str>,
}

/// The cue lists, read on first use.
pub(crate) fn cues() -> &'static Cues {
    static CUES: LazyLock<Cues> = LazyLock::new(Cues::read);
    &CUES
}

/// The entries of a list file: its lines without comments and blank lines, trimmed.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn words(text: &'static str) -> Vec<&'static str> {
    entries(text).collect()
}

/// Words tried longest first, so that the first that matches is the longest.
fn longest_first(text: &'static str) -> Vec<&'static str> {
    let mut w = words(text);
    w.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    w
}

fn chars(text: &'static str) -> Vec<char> {
    entries(text).filter_map(|e| e.chars().next()).collect()
}

impl Cues {
    fn read() -> Cues {
        let mut roles: Vec<(&'static str, RoleName)> =
            entries(include_str!("../data/cues/byline_roles.txt"))
                .filter_map(|line| {
                    let (word, role) = line.split_once('\t')?;
                    let role = match role.trim() {
                        "reporter" => RoleName::Reporter,
                        "correspondent" => RoleName::Correspondent,
                        "photographer" => RoleName::Photographer,
                        "intern" => RoleName::Intern,
                        _ => return None,
                    };
                    Some((word.trim(), role))
                })
                .collect();
        roles.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        Cues {
            body_suffixes: longest_first(include_str!("../data/cues/body_suffixes.txt")),
            body_words: words(include_str!("../data/cues/body_words.txt")),
            body_words_after_places: words(include_str!(
                "../data/cues/body_words_after_places.txt"
            )),
            byline_roles: roles,
            byline_credits: words(include_str!("../data/cues/byline_credits.txt")),
            outlet_endings: chars(include_str!("../data/cues/outlet_endings.txt")),
            bound_initials: chars(include_str!("../data/cues/bound_initials.txt")),
            openers: words(include_str!("../data/cues/openers.txt")),
            clause_openers: words(include_str!("../data/cues/clause_openers.txt")),
            put_to_work: words(include_str!("../data/cues/put_to_work.txt")),
            copulas: words(include_str!("../data/cues/copulas.txt")),
            place_before: words(include_str!("../data/cues/place_before.txt")),
            place_after: words(include_str!("../data/cues/place_after.txt")),
            frame_after: words(include_str!("../data/cues/frame_after.txt")),
            body_endings: words(include_str!("../data/cues/body_endings.txt")),
            event_endings: words(include_str!("../data/cues/event_endings.txt")),
            page_fields: longest_first(include_str!("../data/cues/page_fields.txt")),
            place_kinds: longest_first(include_str!("../data/cues/place_kinds.txt")),
            page_phrases: words(include_str!("../data/cues/page_phrases.txt")),
            location_labels: longest_first(include_str!("../data/cues/location_labels.txt")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of every list is read: a line the loader skipped would be a cue lost.
    #[test]
    fn every_entry_is_read() {
        let c = cues();
        let count = |text: &str| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .count()
        };
        assert_eq!(
            c.byline_roles.len(),
            count(include_str!("../data/cues/byline_roles.txt"))
        );
        assert_eq!(
            c.outlet_endings.len(),
            count(include_str!("../data/cues/outlet_endings.txt"))
        );
        assert_eq!(
            c.bound_initials.len(),
            count(include_str!("../data/cues/bound_initials.txt"))
        );
        for list in [
            &c.body_suffixes,
            &c.body_words,
            &c.body_words_after_places,
            &c.byline_credits,
            &c.openers,
            &c.clause_openers,
            &c.put_to_work,
            &c.copulas,
            &c.place_before,
            &c.place_after,
            &c.frame_after,
            &c.body_endings,
            &c.event_endings,
            &c.page_fields,
            &c.place_kinds,
            &c.page_phrases,
            &c.location_labels,
        ] {
            assert!(!list.is_empty());
            let mut sorted = list.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "a word listed twice in {list:?}");
            assert!(list.iter().all(|w| !w.contains(char::is_whitespace)));
        }
        for chars in [&c.outlet_endings, &c.bound_initials] {
            assert!(!chars.is_empty());
        }
    }

    #[test]
    fn longer_endings_are_tried_first() {
        let c = cues();
        let at = |w: &str| c.body_suffixes.iter().position(|s| *s == w);
        assert!(at("区公安分局") < at("公安分局") && at("公安分局") < at("公安"));
        let role = |w: &str| c.byline_roles.iter().position(|(s, _)| *s == w);
        assert!(role("本报记者") < role("记者"));
    }

    #[test]
    fn lists_that_must_not_share_words_do_not() {
        let c = cues();
        for w in &c.place_before {
            assert!(
                !c.place_after.contains(w) && !c.frame_after.contains(w),
                "{w}"
            );
        }
        for w in &c.put_to_work {
            assert!(!c.copulas.contains(w), "{w}");
        }
        for w in &c.openers {
            assert!(!c.clause_openers.contains(w), "{w}");
        }
    }
}
