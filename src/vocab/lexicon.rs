//! The policing lexicon and user lexicons.
//!
//! The embedded data files live in `src/data/`; each names its source in its header.

use super::Pos;
use crate::error::{Error, ErrorKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The policing lexicon: established vocabulary of Chinese public security.
const POLICING_LEXICON: &str = include_str!("../data/lexicon.txt");

/// Longest word, in characters, a lexicon may hold (the default dictionary's longest
/// word has 16). Longer words would make segmentation slow without matching anything real.
pub const MAX_WORD_CHARS: usize = 16;

/// The theme category of a lexicon word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Named programmes, methods, campaigns and models (枫桥经验, 雪亮工程).
    Initiative,
    /// Crime types and their enforcement (电信网络诈骗, 扫黑除恶).
    Crime,
    /// Social governance, disputes, grassroots work (矛盾纠纷化解).
    Governance,
    /// Road traffic (道路交通安全, 交通违法).
    Traffic,
    /// Public safety and event security (亚运安保, 消防安全).
    Safety,
    /// Services to the public and to business (营商环境, 政务服务).
    Service,
    /// Technology and data (公安大脑, 数字化改革).
    Technology,
    /// The force itself: discipline, training, conduct (从严治警).
    Force,
    /// Police operations and their reform (警情, 警务改革).
    Operations,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 9] = [
        Category::Initiative,
        Category::Crime,
        Category::Governance,
        Category::Traffic,
        Category::Safety,
        Category::Service,
        Category::Technology,
        Category::Force,
        Category::Operations,
    ];

    /// The category's name as written in lexicon files (`crime`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Initiative => "initiative",
            Category::Crime => "crime",
            Category::Governance => "governance",
            Category::Traffic => "traffic",
            Category::Safety => "safety",
            Category::Service => "service",
            Category::Technology => "technology",
            Category::Force => "force",
            Category::Operations => "operations",
        }
    }

    /// The category named `name`, if any.
    ///
    /// ```
    /// use jingwu::Category;
    /// assert_eq!(Category::from_name("crime"), Some(Category::Crime));
    /// assert_eq!(Category::from_name("nz"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One lexicon word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    word: Box<str>,
    freq: Option<u64>,
    pos: Pos,
    category: Option<Category>,
    canonical: Option<Box<str>>,
}

impl Entry {
    /// The word.
    pub fn word(&self) -> &str {
        &self.word
    }

    /// Its dictionary frequency, when the lexicon gives one.
    pub fn freq(&self) -> Option<u64> {
        self.freq
    }

    /// Its part of speech.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Its theme category, if it has one.
    pub fn category(&self) -> Option<Category> {
        self.category
    }

    /// The form its mentions count toward, for an abbreviation or variant (电诈 → 电信网络诈骗).
    pub fn canonical(&self) -> Option<&str> {
        self.canonical.as_deref()
    }
}

/// A set of words to teach the segmenter, each with a part of speech and perhaps a category.
///
/// ```
/// use jingwu::{Category, Lexicon};
///
/// let policing = Lexicon::policing();
/// let e = policing.get("电信网络诈骗").expect("in the lexicon");
/// assert_eq!(e.category(), Some(Category::Crime));
///
/// let user = Lexicon::parse_user("渔船e码通 nz\n护链先锋队 1000 nz initiative\n")?;
/// assert_eq!(user.len(), 2);
/// assert_eq!(user.get("护链先锋队").and_then(|e| e.category()), Some(Category::Initiative));
/// # Ok::<(), jingwu::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    entries: Vec<Entry>,
    index: FxHashMap<Box<str>, usize>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// The embedded policing lexicon.
    pub fn policing() -> Lexicon {
        // The embedded file is checked by the crate's tests; a line it could not read would
        // be left out rather than stop the program.
        parse_embedded(POLICING_LEXICON)
    }

    /// Parses a user lexicon in jieba's format, one word per line: `word [freq] [tag]`,
    /// optionally followed by a category name (`initiative`, `crime`, ...). Frequency, tag and
    /// category are optional; a missing frequency is computed so the word is kept whole.
    /// A UTF-8 BOM, CRLF line ends, blank lines and `#` comments are accepted.
    ///
    /// Errors name the line and what is wrong with it; nothing is returned unless every
    /// line is valid.
    pub fn parse_user(text: &str) -> Result<Lexicon, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lex = Lexicon::new();
        for (i, raw) in text.split('\n').enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_user_line(line).map_err(|m| {
                Error::new(ErrorKind::Lexicon, format!("{m}: `{line}`")).with_line(i + 1)
            })?;
            lex.insert(entry);
        }
        Ok(lex)
    }

    /// Reads and parses a user lexicon file (see [`Lexicon::parse_user`]).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Lexicon, Error> {
        let path = path.as_ref();
        let text = crate::read_report_file(path)?;
        Lexicon::parse_user(&text).map_err(|e| e.with_path(path))
    }

    /// Adds or replaces an entry.
    fn insert(&mut self, entry: Entry) {
        match self.index.get(&entry.word) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.index.insert(entry.word.clone(), self.entries.len());
                self.entries.push(entry);
            }
        }
    }

    /// Adds every entry of `other`, replacing entries with the same word.
    pub fn extend(&mut self, other: &Lexicon) {
        for e in &other.entries {
            self.insert(e.clone());
        }
    }

    /// The entry for `word`.
    pub fn get(&self, word: &str) -> Option<&Entry> {
        self.index.get(word).map(|&i| &self.entries[i])
    }

    /// The entry at `i` of [`Lexicon::iter`].
    pub(crate) fn entry(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }
}

fn check_word(word: &str) -> Result<(), String> {
    let n = word.chars().count();
    if n > MAX_WORD_CHARS {
        return Err(format!(
            "word has {n} characters, more than the limit of {MAX_WORD_CHARS}"
        ));
    }
    if word.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return Err("word contains a control character".to_string());
    }
    if word
        .chars()
        .any(|c| !c.is_alphanumeric() && !matches!(c, '·' | '-' | '_' | '+' | '.'))
    {
        return Err("word contains punctuation, which the segmenter never joins".to_string());
    }
    Ok(())
}

fn parse_user_line(line: &str) -> Result<Entry, String> {
    let mut fields = line.split_whitespace();
    // Reports are folded before segmentation (ＡＰＰ → APP, 詐騙 → 诈骗), so their words must
    // be too.
    let word = crate::text::MappedText::from_original(fields.next().ok_or("empty line")?);
    let word = word.as_str();
    check_word(word)?;
    let mut freq = None;
    let mut tag = None;
    let mut category = None;
    for f in fields {
        if freq.is_none()
            && tag.is_none()
            && category.is_none()
            && f.bytes().all(|b| b.is_ascii_digit())
        {
            let v: u64 = f
                .parse()
                .map_err(|_| format!("frequency `{f}` is too large"))?;
            if v == 0 {
                return Err("frequency must be positive".into());
            }
            // Keep frequencies far from overflow when the segmenter adds them up.
            freq = Some(v.min(1 << 40));
        } else if let Some(c) = Category::from_name(f) {
            if category.is_some() {
                return Err(format!("more than one category (`{f}`)"));
            }
            category = Some(c);
        } else if tag.is_none()
            && category.is_none()
            && f.chars().all(|c| c.is_ascii_alphabetic())
            && f.len() <= 8
        {
            tag = Some(f);
        } else if f
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            return Err(format!(
                "`{f}` is not a valid frequency (a positive whole number)"
            ));
        } else {
            return Err(format!(
                "unexpected field `{f}` (expected: word [freq] [tag] [category]; a word cannot contain spaces)"
            ));
        }
    }
    Ok(Entry {
        word: word.into(),
        freq,
        pos: tag.map_or(Pos::ProperNoun, Pos::from_tag),
        category,
        canonical: None,
    })
}

/// Parses the embedded TAB-separated format: `word`, `pos`, `category` and an optional
/// `canonical`, separated by TABs.
fn parse_embedded(text: &str) -> Lexicon {
    let mut lex = Lexicon::new();
    for line in text.lines() {
        if let Some(e) = parse_embedded_line(line) {
            lex.insert(e);
        }
    }
    lex
}

fn parse_embedded_line(line: &str) -> Option<Entry> {
    let line = line.trim_end();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let mut f = line.split('\t');
    let word = f.next()?.trim();
    let pos = Pos::from_tag(f.next()?.trim());
    let category = Category::from_name(f.next()?.trim())?;
    let canonical = f.next().map(|c| c.trim().into());
    check_word(word).ok()?;
    Some(Entry {
        word: word.into(),
        freq: None,
        pos,
        category: Some(category),
        canonical,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_lines(text: &str) -> impl Iterator<Item = &str> {
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    }

    #[test]
    fn embedded_lexicon_is_well_formed() {
        let mut n = 0;
        for line in data_lines(POLICING_LEXICON) {
            n += 1;
            let e =
                parse_embedded_line(line).unwrap_or_else(|| panic!("bad lexicon line `{line}`"));
            if let Some(c) = e.canonical() {
                let lex = Lexicon::policing();
                let target = lex
                    .get(c)
                    .unwrap_or_else(|| panic!("canonical `{c}` of `{}` missing", e.word()));
                assert_eq!(target.category(), e.category(), "{}", e.word());
                assert!(target.canonical().is_none(), "{c} is itself an alias");
            }
        }
        assert!(n >= 200, "lexicon has only {n} entries");
        assert_eq!(Lexicon::policing().len(), n, "duplicate words in lexicon");
    }

    #[test]
    fn user_lines() {
        let lex =
            Lexicon::parse_user("\u{feff}台中\r\n凱特琳 nz\r\n# comment\n\n云鉴 20 n\n").unwrap();
        assert_eq!(lex.len(), 3);
        assert_eq!(lex.get("凯特琳").unwrap().pos(), Pos::ProperNoun);
        assert_eq!(lex.get("云鉴").unwrap().freq(), Some(20));
        assert_eq!(lex.get("台中").unwrap().freq(), None);
    }

    #[test]
    fn user_errors_name_the_line() {
        for (text, line, what) in [
            ("好词\n坏 词 1 n x y\n", 2, "unexpected"),
            ("词 -5\n", 1, "frequency"),
            ("词 0\n", 1, "positive"),
            ("词 99999999999999999999999\n", 1, "too large"),
            ("的的的的的的的的的的的的的的的的的的\n", 1, "limit"),
            ("a，b\n", 1, "punctuation"),
            ("词 n crime safety\n", 1, "category"),
        ] {
            let e = Lexicon::parse_user(text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text}");
            assert!(e.to_string().contains(what), "{text}: {e}");
        }
    }

    #[test]
    fn user_file_errors_name_the_file() {
        let dir = std::env::temp_dir().join(format!("jingwu-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.txt");
        std::fs::write(&bad, b"\xe5\x85\xac\xe5\xae\x89\n\xff\xfe\n").unwrap();
        let e = Lexicon::from_path(&bad).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidUtf8);
        assert_eq!(e.path(), Some(bad.as_path()));
        assert_eq!(e.offset(), Some(7));
        assert_eq!(e.line(), Some(2));
        let missing = Lexicon::from_path(dir.join("missing.txt")).unwrap_err();
        assert_eq!(missing.kind(), &ErrorKind::Io);
    }
}
