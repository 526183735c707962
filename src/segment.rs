//! Segmentation: jieba-rs taught the policing lexicon, with token kinds, parts of speech and
//! spans into the original input.

use crate::error::Error;
use crate::lexicon::{self, Category, Lexicon};
use crate::normalize::{MappedText, floor_boundary};
use crate::span::{CharCounter, Span};
use jieba_rs::Jieba;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Longest piece of text, in bytes, handed to jieba at once. Longer sentences are cut at a
/// comma or space, or failing that at a grapheme boundary, so time and memory stay linear.
pub const MAX_PIECE_BYTES: usize = 1536;

/// Most words whose part of speech a thread keeps (about 30 MB); past that it starts again.
const POS_CACHE_WORDS: usize = 1 << 19;

/// The words a thread has met, for the segmenter `owner`: jieba's part of speech and the
/// segmenter's classification of each.
struct PosCache {
    owner: u64,
    map: FxHashMap<Box<str>, (Pos, Class)>,
}

/// A piece of text cut by jieba: its span, jieba's part of speech, and what the segmenter
/// makes of it when that is known already.
type Cut = (usize, usize, Pos, Option<Class>);

/// What the segmenter makes of a word.
#[derive(Debug, Clone, Copy)]
struct Class {
    kind: TokenKind,
    pos: Pos,
    category: Option<Category>,
    /// General policing vocabulary, or rhetoric: never a theme as a plain word.
    generic: bool,
}

impl Class {
    fn new(kind: TokenKind, pos: Pos, category: Option<Category>, generic: bool) -> Class {
        Class {
            kind,
            pos,
            category,
            generic,
        }
    }
}

thread_local! {
    static POS_CACHE: std::cell::RefCell<PosCache> = std::cell::RefCell::new(PosCache {
        owner: u64::MAX,
        map: FxHashMap::default(),
    });
}

/// Identities of segmenters, for the part-of-speech caches.
static NEXT_SEGMENTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many times the frequency that just keeps a lexicon word whole it is given.
const LEXICON_FREQ_FACTOR: usize = 20;

/// A part of speech, from jieba's tag set (ICTCLAS-style tags such as `n`, `nz`, `vn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Pos {
    /// `n`: common noun.
    Noun,
    /// `nr`: person name.
    PersonName,
    /// `ns`: place name.
    PlaceName,
    /// `nt`: organisation name.
    Organization,
    /// `nz`: other proper noun (names of programmes, products, events).
    ProperNoun,
    /// `vn`: verb used as a noun.
    VerbalNoun,
    /// `j`: abbreviation.
    Abbreviation,
    /// `v`: verb.
    Verb,
    /// `a`: adjective.
    Adjective,
    /// `d`: adverb.
    Adverb,
    /// `t`: time word.
    Time,
    /// `s`, `f`: place or direction word.
    Locative,
    /// `m`: numeral.
    Numeral,
    /// `q`: measure word.
    Measure,
    /// `r`: pronoun.
    Pronoun,
    /// `p`: preposition.
    Preposition,
    /// `c`: conjunction.
    Conjunction,
    /// `u`: particle.
    Particle,
    /// `i`, `l`: idiom or fixed expression.
    Idiom,
    /// `eng`: Latin-script word.
    Latin,
    /// `x`: punctuation, symbols and whitespace.
    Symbol,
    /// Any other tag.
    Other,
}

impl Pos {
    /// The part of speech of a jieba tag; unknown tags give [`Pos::Other`].
    ///
    /// ```
    /// use jingwu::Pos;
    /// assert_eq!(Pos::from_tag("nz"), Pos::ProperNoun);
    /// assert_eq!(Pos::from_tag("nrt"), Pos::PersonName);
    /// assert_eq!(Pos::from_tag("zz"), Pos::Other);
    /// ```
    pub fn from_tag(tag: &str) -> Pos {
        let b = tag.as_bytes();
        match b {
            b"eng" => Pos::Latin,
            b"vn" => Pos::VerbalNoun,
            b"nz" => Pos::ProperNoun,
            b"x" | b"w" => Pos::Symbol,
            [b'n', b'r', ..] => Pos::PersonName,
            [b'n', b's', ..] => Pos::PlaceName,
            [b'n', b't', ..] => Pos::Organization,
            [b'n', ..] | b"an" => Pos::Noun,
            [b'v', ..] => Pos::Verb,
            [b'a', ..] => Pos::Adjective,
            [b'd', ..] => Pos::Adverb,
            [b't', ..] => Pos::Time,
            b"s" | b"f" => Pos::Locative,
            [b'm', ..] => Pos::Numeral,
            [b'q', ..] => Pos::Measure,
            [b'r', ..] => Pos::Pronoun,
            [b'p', ..] => Pos::Preposition,
            [b'c', ..] => Pos::Conjunction,
            [b'u', ..] => Pos::Particle,
            b"i" | b"l" => Pos::Idiom,
            b"j" => Pos::Abbreviation,
            _ => Pos::Other,
        }
    }

    /// The jieba tag for this part of speech (`n`, `nz`, ...).
    pub fn tag(self) -> &'static str {
        match self {
            Pos::Noun => "n",
            Pos::PersonName => "nr",
            Pos::PlaceName => "ns",
            Pos::Organization => "nt",
            Pos::ProperNoun => "nz",
            Pos::VerbalNoun => "vn",
            Pos::Abbreviation => "j",
            Pos::Verb => "v",
            Pos::Adjective => "a",
            Pos::Adverb => "d",
            Pos::Time => "t",
            Pos::Locative => "s",
            Pos::Numeral => "m",
            Pos::Measure => "q",
            Pos::Pronoun => "r",
            Pos::Preposition => "p",
            Pos::Conjunction => "c",
            Pos::Particle => "u",
            Pos::Idiom => "l",
            Pos::Latin => "eng",
            Pos::Symbol => "x",
            Pos::Other => "un",
        }
    }

    /// Whether the part of speech names a thing: nouns, verbal nouns, proper nouns and
    /// abbreviations (not person, place or organisation names).
    pub fn is_nominal(self) -> bool {
        matches!(
            self,
            Pos::Noun | Pos::ProperNoun | Pos::VerbalNoun | Pos::Abbreviation
        )
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenKind {
    /// A word that carries content.
    Word,
    /// A stop word: a function word or report boilerplate (的, 工作, 今年以来).
    StopWord,
    /// A number (`12.93%`, `3.9`, `三`).
    Number,
    /// Punctuation, symbols and control characters.
    Punctuation,
    /// A word in Latin or another non-Han script (`CCTV2`, `APP`).
    Latin,
    /// Whitespace.
    Whitespace,
}

/// How to treat character sequences the dictionary does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NewWords {
    /// Let jieba's hidden Markov model join unknown characters into new words (jieba's default).
    #[default]
    Hmm,
    /// Cut unknown sequences into single characters.
    DictionaryOnly,
}

/// Builds a [`Segmenter`].
#[derive(Debug, Clone, Default)]
pub struct SegmenterBuilder {
    user: Lexicon,
    without_policing: bool,
    new_words: NewWords,
}

impl SegmenterBuilder {
    /// Adds the words of a user lexicon (they win over the policing lexicon).
    pub fn lexicon(mut self, lexicon: &Lexicon) -> Self {
        self.user.extend(lexicon);
        self
    }

    /// Leaves out the embedded policing lexicon.
    pub fn without_policing_lexicon(mut self) -> Self {
        self.without_policing = true;
        self
    }

    /// Sets how unknown character sequences are treated.
    pub fn new_words(mut self, new_words: NewWords) -> Self {
        self.new_words = new_words;
        self
    }

    /// Loads jieba's dictionary and teaches it the lexicons.
    pub fn build(self) -> Segmenter {
        let mut lexicon = if self.without_policing {
            Lexicon::new()
        } else {
            Lexicon::policing()
        };
        lexicon.extend(&self.user);
        let mut jieba = Jieba::new();
        for e in lexicon.iter() {
            let freq = match e.freq() {
                Some(f) => usize::try_from(f).unwrap_or(usize::MAX >> 24),
                // Enough to win over the dictionary's overlapping words in most contexts
                // (交通安全 in 交通安全形势), not so much as to swallow neighbouring words.
                None => jieba
                    .suggest_freq(e.word())
                    .saturating_mul(LEXICON_FREQ_FACTOR),
            };
            jieba.add_word(e.word(), Some(freq), Some(e.pos().tag()));
        }
        let mut words: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
        for w in lexicon::stop_words() {
            words.entry(w).or_default().stop = true;
        }
        for w in lexicon::generic_words() {
            words.entry(w).or_default().generic = true;
        }
        for w in lexicon::rhetoric_words() {
            words.entry(w).or_default().rhetoric = true;
        }
        for (i, e) in lexicon.iter().enumerate() {
            words.entry(e.word().into()).or_default().lexicon = Some(i as u32);
        }
        Segmenter {
            id: NEXT_SEGMENTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            jieba,
            lexicon,
            words,
            hmm: self.new_words == NewWords::Hmm,
        }
    }
}

/// The segmenter: jieba-rs with the policing lexicon and Chinese stop words.
///
/// Building one loads jieba's 350,000-word dictionary, which takes a fraction of a second:
/// build it once and share it (`&Segmenter` or `Arc<Segmenter>`; it is `Send + Sync`).
///
/// Each thread that segments keeps what it learnt of the words it met (jieba's part of
/// speech and the token's kind), up to about 500,000 words, so that a word is tagged once
/// rather than every time; that changes no result. A thread that switches between two
/// segmenters starts that memory afresh at each switch.
///
/// ```
/// use jingwu::{Segmenter, TokenKind};
///
/// let segmenter = Segmenter::new();
/// let text = "创新发展新时代“海上枫桥经验”，严打电信网络诈骗";
/// let seg = segmenter.segment(text);
/// let words: Vec<&str> = seg.tokens().filter(|t| t.kind() == TokenKind::Word).map(|t| t.text()).collect();
/// assert!(words.contains(&"枫桥经验") || words.contains(&"海上枫桥经验"));
/// assert!(words.contains(&"电信网络诈骗"));
/// for t in seg.tokens() {
///     assert_eq!(&text[t.span()], t.text());
/// }
/// ```
#[derive(Clone)]
pub struct Segmenter {
    /// Which segmenter this is (a clone is the same one): whose parts of speech a thread's
    /// cache holds.
    id: u64,
    jieba: Jieba,
    lexicon: Lexicon,
    /// What the segmenter knows of a word beyond jieba's dictionary: one look-up per token.
    words: FxHashMap<Box<str>, WordInfo>,
    hmm: bool,
}

/// What the segmenter knows of a word.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    /// Its entry in the lexicon.
    lexicon: Option<u32>,
    /// A stop word.
    stop: bool,
    /// General policing vocabulary.
    generic: bool,
    /// A word of official and news rhetoric.
    rhetoric: bool,
}

impl WordInfo {
    /// Whether a token of the word is no theme as a plain word: general vocabulary or
    /// rhetoric.
    fn plain_never_theme(self) -> bool {
        self.generic || self.rhetoric
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("lexicon_words", &self.lexicon.len())
            .field("known_words", &self.words.len())
            .field("hmm", &self.hmm)
            .finish()
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with the policing lexicon and jieba's HMM for new words.
    pub fn new() -> Segmenter {
        SegmenterBuilder::default().build()
    }

    /// A builder for other settings.
    pub fn builder() -> SegmenterBuilder {
        SegmenterBuilder::default()
    }

    /// A segmenter with the policing lexicon and a user lexicon read from `path`.
    pub fn with_user_lexicon(path: impl AsRef<std::path::Path>) -> Result<Segmenter, Error> {
        let user = Lexicon::from_path(path)?;
        Ok(Segmenter::builder().lexicon(&user).build())
    }

    /// The lexicon the segmenter was taught (policing and user words).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Whether `word` is a stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.words.get(word).is_some_and(|w| w.stop)
    }

    /// Whether `word` is general policing vocabulary, rhetoric or a stop word, in one
    /// look-up: no theme as a plain word or run.
    pub(crate) fn is_generic_or_stop(&self, word: &str) -> bool {
        self.words
            .get(word)
            .is_some_and(|w| w.plain_never_theme() || w.stop)
    }

    /// Whether `word` can be no name a report gives its work, quoted or not: general
    /// policing vocabulary or a stop word (rhetoric can: “连心桥”).
    pub(crate) fn is_never_a_name(&self, word: &str) -> bool {
        self.words.get(word).is_some_and(|w| w.generic || w.stop)
    }

    /// Whether `word` is general policing vocabulary, never a theme on its own (民警, 案件).
    pub fn is_generic(&self, word: &str) -> bool {
        self.words.get(word).is_some_and(|w| w.generic)
    }

    /// Segments plain text (width-folded; no report structure).
    pub fn segment<'t>(&self, text: &'t str) -> Segmented<'t> {
        let mapped = MappedText::from_original(text);
        let mut chars = CharCounter::new(text);
        self.segment_mapped(Cow::Owned(mapped), &mut chars)
    }

    /// Segments text derived from `original` (a report block), keeping spans into `original`.
    pub fn segment_block<'a>(&self, original: &str, block: &'a crate::Block) -> Segmented<'a> {
        let mut chars = CharCounter::at(original, block.span().start, block.char_start());
        self.segment_mapped(Cow::Borrowed(block.mapped()), &mut chars)
    }

    pub(crate) fn segment_mapped<'a>(
        &self,
        text: Cow<'a, MappedText>,
        chars: &mut CharCounter<'_>,
    ) -> Segmented<'a> {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        self.segment_into(&text, 0, chars, &mut tokens, &mut sentences);
        Segmented {
            text,
            tokens,
            sentences,
        }
    }

    /// Segments `text`, appending its tokens and sentences to `tokens` and `sentences`, with
    /// spans in the derived text shifted by `base` (its place in a longer text).
    pub(crate) fn segment_into(
        &self,
        text: &MappedText,
        base: usize,
        chars: &mut CharCounter<'_>,
        tokens: &mut Vec<RawToken>,
        sentences: &mut Vec<RawSentence>,
    ) {
        let s = text.as_str();
        let spans: Vec<Span> = sentences_of(s).collect();
        // Most text needs neither grapheme clusters nor whitespace looked at: found out once.
        let Scan { graphemes, spaces } = scan(s, Want::Both);
        // jieba is handed a few sentences at once: it cuts them as it would one by one, since
        // every sentence ends in a character it never joins to a word (`。`, `；`, a line
        // break, a closing quote). Only a sentence longer than a piece is cut further.
        let mut raw: Vec<Cut> = Vec::with_capacity(s.len() / 3);
        let mut scratch = Vec::new();
        let mut k = 0;
        while k < spans.len() {
            let start = spans[k].start;
            let mut j = k + 1;
            while j < spans.len() && spans[j].end - start <= MAX_PIECE_BYTES {
                j += 1;
            }
            // Joined grapheme clusters must not join across sentences: such text goes one
            // sentence at a time.
            if graphemes && j > k + 1 && needs_grapheme_check(&s[start..spans[j - 1].end]) {
                j = k + 1;
            }
            for piece in pieces(s, Span::new(start, spans[j - 1].end)) {
                let text = &s[piece.range()];
                if spaces || graphemes {
                    scratch.clear();
                    self.cut_piece(text, &mut scratch);
                    raw.extend(
                        scratch
                            .iter()
                            .map(|&(a, b, p, c)| (piece.start + a, piece.start + b, p, c)),
                    );
                } else {
                    self.cut_words(text, piece.start, &mut raw);
                }
            }
            k = j;
        }
        // The tokens tile the text, and so do the sentences; a token that crossed a sentence's
        // end would be cut there.
        let mut t = 0;
        tokens.reserve(raw.len());
        sentences.reserve(spans.len());
        for &sentence in &spans {
            let first = tokens.len() as u32;
            // The sentence's character span is read as the counter passes its ends, before
            // and after its tokens, rather than by counting back over it.
            let sentence_orig = text.to_original(sentence);
            let first_char = chars.char_at(sentence_orig.start);
            while let Some(&(a, b, pos_tag, class)) = raw.get(t)
                && a < sentence.end
            {
                let end = b.min(sentence.end);
                if end < b {
                    raw[t].0 = end;
                } else {
                    t += 1;
                }
                let norm = Span::new(a, end);
                let Class {
                    kind,
                    pos,
                    category,
                    generic,
                } = match class {
                    Some(c) if end == b => c,
                    _ => self.classify(&s[norm.range()], pos_tag),
                };
                let orig = text.to_original(norm);
                tokens.push(RawToken {
                    norm: Span::new(base + a, base + end),
                    orig,
                    chars: chars.span(orig),
                    kind,
                    pos,
                    category,
                    generic,
                });
            }
            sentences.push(RawSentence {
                norm: Span::new(base + sentence.start, base + sentence.end),
                orig: sentence_orig,
                chars: Span::new(first_char, chars.char_at(sentence_orig.end)),
                tokens: first..tokens.len() as u32,
            });
        }
    }

    /// Cuts one piece into `(start, end, pos)` triples that tile it: a run of whitespace is
    /// one token (jieba would make one per character), the rest goes to jieba.
    fn cut_piece(&self, piece: &str, out: &mut Vec<Cut>) {
        let mut at = 0;
        while at < piece.len() {
            let rest = &piece[at..];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                out.push((at, at + ws, Pos::Symbol, None));
                at += ws;
                continue;
            }
            let end = rest
                .find(char::is_whitespace)
                .map_or(piece.len(), |i| at + i);
            self.cut_words(&piece[at..end], at, out);
            at = end;
        }
        if needs_grapheme_check(piece) {
            merge_split_graphemes(piece, out);
        }
    }

    /// Cuts text without whitespace with jieba, offsetting spans by `base`.
    ///
    /// jieba's part of speech of a word depends on the word alone (its dictionary entry, or
    /// for a word the dictionary lacks, the guess of jieba's tagging model), so the text is
    /// cut, and each word's part of speech looked up among the words this thread has met.
    /// A word not met yet is tagged on its own; the rare word that jieba would cut otherwise
    /// on its own sends the whole text through jieba's tagger.
    fn cut_words(&self, text: &str, base: usize, out: &mut Vec<Cut>) {
        let first = out.len();
        let tokens = self.jieba.cut(text, self.hmm);
        let complete = POS_CACHE.with(|cache| {
            let Ok(mut cache) = cache.try_borrow_mut() else {
                return false;
            };
            if cache.owner != self.id {
                cache.owner = self.id;
                cache.map.clear();
            }
            let spans = tokens.iter().map(|t| (t.byte_start, t.byte_end, ()));
            tile(text, base, spans, out, |word, ()| {
                if let Some(&known) = cache.map.get(word) {
                    return Some((known.0, Some(known.1)));
                }
                match self.jieba.tag(word, self.hmm).as_slice() {
                    [one] if one.word == word => {
                        let pos = Pos::from_tag(one.tag);
                        let known = (pos, self.classify(word, pos));
                        if cache.map.len() >= POS_CACHE_WORDS {
                            cache.map.clear();
                        }
                        cache.map.insert(word.into(), known);
                        Some((pos, Some(known.1)))
                    }
                    _ => None,
                }
            })
        });
        if complete {
            return;
        }
        out.truncate(first);
        let tags = self.jieba.tag(text, self.hmm);
        let spans = tags.iter().map(|t| (t.byte_start, t.byte_end, t.tag));
        tile(text, base, spans, out, |_, tag| {
            Some((Pos::from_tag(tag), None))
        });
    }

    /// What a token is: its kind, part of speech, lexicon category, and whether it is
    /// general policing vocabulary.
    fn classify(&self, word: &str, pos: Pos) -> Class {
        // One pass over the characters, or none for the common case of Han characters.
        let (mut space, mut han, mut alnum, mut chars) = (true, false, false, 0usize);
        let bytes = word.as_bytes();
        if !bytes.is_empty()
            && bytes.len().is_multiple_of(3)
            && bytes.chunks_exact(3).all(starts_common_han)
        {
            (space, han, alnum, chars) = (false, true, true, bytes.len() / 3);
        } else {
            for c in word.chars() {
                chars += 1;
                let h = is_han(c);
                han |= h;
                alnum |= h || c.is_alphanumeric();
                space &= c.is_whitespace();
            }
        }
        if space {
            return Class::new(TokenKind::Whitespace, Pos::Symbol, None, false);
        }
        if !alnum {
            return Class::new(TokenKind::Punctuation, Pos::Symbol, None, false);
        }
        let info = self.words.get(word).copied().unwrap_or_default();
        if let Some(e) = info.lexicon.and_then(|i| self.lexicon.entry(i as usize)) {
            return Class::new(
                TokenKind::Word,
                e.pos(),
                e.category(),
                info.plain_never_theme(),
            );
        }
        if is_number(word) {
            return Class::new(TokenKind::Number, Pos::Numeral, None, false);
        }
        if info.stop {
            return Class::new(TokenKind::StopWord, pos, None, info.plain_never_theme());
        }
        if !han {
            return Class::new(TokenKind::Latin, Pos::Latin, None, info.plain_never_theme());
        }
        // jieba's dictionary tags some common words as person names (市场秩序/nr); Chinese
        // names have two or three characters.
        if pos == Pos::PersonName && chars >= 4 {
            return Class::new(TokenKind::Word, Pos::Noun, None, info.plain_never_theme());
        }
        Class::new(TokenKind::Word, pos, None, info.plain_never_theme())
    }
}

/// Whether `c` is a Han character (CJK Unified Ideographs and their extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether `c` is a Chinese numeral character (一, 两, 十, 万, 〇 ...).
pub(crate) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
    )
}

fn is_number(word: &str) -> bool {
    let mut digit = false;
    for c in word.chars() {
        match c {
            '0'..='9' => digit = true,
            c if is_cn_numeral(c) => digit = true,
            '.' | '%' | '‰' | ',' | '/' | ':' | '-' | '+' => {}
            _ => return false,
        }
    }
    digit
}

/// Whether `c` is one of the characters of plain Chinese text that never join others in a
/// grapheme cluster: ASCII, Han, CJK and full-width punctuation, quotes and dashes.
fn is_plain_char(c: char) -> bool {
    c.is_ascii()
        || is_han(c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether `bytes` (of a `str`) start with a Han character of U+4000..=U+9FFF, told by
/// its first two bytes: lead bytes E4 (but for the Yijing hexagrams U+4DC0..=U+4DFF, E4 B7)
/// to E9. Such a character takes three bytes.
fn starts_common_han(bytes: &[u8]) -> bool {
    match bytes {
        [0xE5..=0xE9, ..] => true,
        [0xE4, second, ..] => *second != 0xB7,
        _ => false,
    }
}

/// Whether a piece holds characters that may form multi-character grapheme clusters.
fn needs_grapheme_check(piece: &str) -> bool {
    scan(piece, Want::Graphemes).graphemes
}

/// What a scan of a text looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Characters that may form multi-character grapheme clusters.
    Graphemes,
    /// Those, and whitespace.
    Both,
}

/// What a text holds that segmenting it must mind.
struct Scan {
    /// Characters that may form multi-character grapheme clusters.
    graphemes: bool,
    /// Whitespace (left `false` unless asked for).
    spaces: bool,
}

/// Scans `text` once for what `want` asks, stopping as soon as it is all found. ASCII and
/// the common Han characters are told by their bytes; anything else is decoded.
fn scan(text: &str, want: Want) -> Scan {
    let mut found = Scan {
        graphemes: false,
        spaces: false,
    };
    let spaces = want == Want::Both;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            // The ASCII whitespace of `char::is_whitespace`: tab to carriage return, space.
            found.spaces |= spaces && matches!(b, b'\t'..=b'\r' | b' ');
            i += 1;
        } else if starts_common_han(&bytes[i..]) {
            i += 3;
            continue;
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            found.graphemes |= !is_plain_char(c);
            found.spaces |= spaces && c.is_whitespace();
            i += c.len_utf8();
        }
        if found.graphemes && (found.spaces || !spaces) {
            break;
        }
    }
    found
}

/// Appends the words jieba cut from `text` (spans of `text`, each with what `what` makes
/// of it), offset by `base`, so that they tile `text`: a span out of order is skipped, and
/// what jieba left out between spans becomes a token of its own rather than being lost.
/// Stops and returns false when `what` gives up on a word.
fn tile<T>(
    text: &str,
    base: usize,
    spans: impl Iterator<Item = (usize, usize, T)>,
    out: &mut Vec<Cut>,
    mut what: impl FnMut(&str, T) -> Option<(Pos, Option<Class>)>,
) -> bool {
    let mut at = 0;
    for (start, end, item) in spans {
        if start < at || end > text.len() || start >= end {
            continue;
        }
        if start > at {
            out.push((base + at, base + start, Pos::Other, None));
        }
        let Some((pos, class)) = what(&text[start..end], item) else {
            return false;
        };
        out.push((base + start, base + end, pos, class));
        at = end;
    }
    if at < text.len() {
        out.push((base + at, base + text.len(), Pos::Other, None));
    }
    true
}

/// Joins tokens that jieba cut inside a grapheme cluster (emoji sequences, combining marks).
fn merge_split_graphemes(piece: &str, tokens: &mut Vec<Cut>) {
    let bounds: FxHashSet<usize> = piece.grapheme_indices(true).map(|(i, _)| i).collect();
    let mut merged: Vec<Cut> = Vec::with_capacity(tokens.len());
    for &(s, e, p, _) in tokens.iter() {
        match merged.last_mut() {
            Some(last) if !bounds.contains(&s) => {
                last.1 = e;
                last.3 = None;
            }
            _ => merged.push((s, e, p, None)),
        }
    }
    *tokens = merged;
}

/// Sentence spans of `s`: cut after `。！？!?…` and any closing quotes that follow, after
/// `；` (the units of an enumeration `一是…；二是…`), and at line breaks.
fn sentences_of(s: &str) -> impl Iterator<Item = Span> + '_ {
    // The marks are read by their bytes: a byte below 0x80 is an ASCII character, and E2,
    // E3 and EF only ever lead a three-byte character, so stepping a byte at a time past
    // anything else never lands on a false mark (and past a character led by E4 to E9,
    // three bytes at a time).
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&b) = bytes.get(i) {
            // Most characters are Han characters of U+4000..=U+9FFF, led by E4 to E9 and
            // three bytes long, none a mark.
            if (0xE4..=0xE9).contains(&b) {
                i += 3;
                continue;
            }
            let Some((mark, n)) = mark_at(bytes, i) else {
                i += 1;
                continue;
            };
            i += n;
            if mark == Mark::Final {
                // Take the rest of a run of terminators and closing quotes.
                while let Some((Mark::Final | Mark::Closing, n)) = mark_at(bytes, i) {
                    i += n;
                }
            }
            if mark != Mark::Closing {
                let span = Span::new(start, i);
                start = i;
                return Some(span);
            }
        }
        if start < s.len() {
            let span = Span::new(start, s.len());
            start = s.len();
            return Some(span);
        }
        None
    })
}

/// A mark that ends or closes a sentence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// A line break or semicolon: the sentence ends after it.
    Break,
    /// `。！？!?…`: the sentence ends after it and the closing marks that follow.
    Final,
    /// A closing quote or bracket, part of the sentence a final mark ends.
    Closing,
}

/// The mark that starts at byte `i` of `bytes` (a `str`'s), and its length.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Mark, usize)> {
    let mark = match bytes.get(i..)? {
        [b'\n' | b'\r' | b';', ..] => (Mark::Break, 1),
        [b'!' | b'?', ..] => (Mark::Final, 1),
        [b')' | b'"', ..] => (Mark::Closing, 1),
        // ；！？）
        [0xEF, 0xBC, 0x9B, ..] => (Mark::Break, 3),
        [0xEF, 0xBC, 0x81 | 0x9F, ..] => (Mark::Final, 3),
        [0xEF, 0xBC, 0x89, ..] => (Mark::Closing, 3),
        // 。」』
        [0xE3, 0x80, 0x82, ..] => (Mark::Final, 3),
        [0xE3, 0x80, 0x8D | 0x8F, ..] => (Mark::Closing, 3),
        // …”’
        [0xE2, 0x80, 0xA6, ..] => (Mark::Final, 3),
        [0xE2, 0x80, 0x9D | 0x99, ..] => (Mark::Closing, 3),
        _ => return None,
    };
    Some(mark)
}

/// Pieces of at most [`MAX_PIECE_BYTES`] covering `span` of `s`, cut at a comma or space where
/// possible and always on a grapheme boundary.
fn pieces(s: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let mut start = span.start;
    let end = span.end;
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        if end - start <= MAX_PIECE_BYTES {
            let p = Span::new(start, end);
            start = end;
            return Some(p);
        }
        let limit = floor_boundary(s, start + MAX_PIECE_BYTES);
        let window = &s[start..limit];
        let cut = window
            .rfind(['，', '、', '；', ',', ' ', '\t', '：'])
            .map(|i| start + i + window[i..].chars().next().map_or(1, char::len_utf8))
            .filter(|&c| c > start + MAX_PIECE_BYTES / 4)
            .unwrap_or_else(|| grapheme_floor(s, start, limit));
        let cut = if cut <= start {
            limit.max(start + 1)
        } else {
            cut
        };
        let cut =
            floor_boundary(s, cut).max(start + s[start..].chars().next().map_or(1, char::len_utf8));
        let p = Span::new(start, cut);
        start = cut;
        Some(p)
    })
}

/// The last grapheme boundary of `s` in `start..=limit` after `start`, or `limit`.
fn grapheme_floor(s: &str, start: usize, limit: usize) -> usize {
    // Look back a little: clusters are short, except pathological ones.
    let from = floor_boundary(s, limit.saturating_sub(64).max(start));
    let mut best = limit;
    for (i, _) in s[from..].grapheme_indices(true) {
        let at = from + i;
        if at > limit {
            break;
        }
        if at > start {
            best = at;
        }
    }
    best
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct RawToken {
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) kind: TokenKind,
    pub(crate) pos: Pos,
    pub(crate) category: Option<Category>,
    /// General policing vocabulary ([`Segmenter::is_generic`]) or rhetoric: no theme as a
    /// plain word.
    pub(crate) generic: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RawSentence {
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) tokens: Range<u32>,
}

/// The result of segmenting a text: its tokens, grouped in sentences.
#[derive(Debug, Clone)]
pub struct Segmented<'a> {
    text: Cow<'a, MappedText>,
    pub(crate) tokens: Vec<RawToken>,
    pub(crate) sentences: Vec<RawSentence>,
}

impl<'a> Segmented<'a> {
    /// The text that was segmented, after width folding and repair.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// Every token, in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'_>> + Clone + '_ {
        self.tokens.iter().map(move |r| self.token(r))
    }

    /// The sentences, in order.
    pub fn sentences(&self) -> impl ExactSizeIterator<Item = Sentence<'_>> + Clone + '_ {
        self.sentences
            .iter()
            .map(move |raw| Sentence { seg: self, raw })
    }

    pub(crate) fn token(&self, r: &RawToken) -> Token<'_> {
        Token {
            text: &self.text.as_str()[r.norm.range()],
            kind: r.kind,
            pos: r.pos,
            span: r.orig,
            char_span: r.chars,
            category: r.category,
        }
    }
}

/// A sentence of a [`Segmented`] text.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'s> {
    seg: &'s Segmented<'s>,
    raw: &'s RawSentence,
}

impl<'s> Sentence<'s> {
    /// The sentence's text (after width folding and repair).
    pub fn text(&self) -> &'s str {
        &self.seg.text.as_str()[self.raw.norm.range()]
    }

    /// Byte span of the sentence in the original input.
    pub fn span(&self) -> Span {
        self.raw.orig
    }

    /// Character span of the sentence in the original input.
    pub fn char_span(&self) -> Span {
        self.raw.chars
    }

    /// The sentence's tokens.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'s>> + Clone + 's {
        let seg = self.seg;
        let r = self.raw.tokens.start as usize..self.raw.tokens.end as usize;
        seg.tokens[r].iter().map(move |t| seg.token(t))
    }
}

/// A token: a word, stop word, number, punctuation mark, Latin word or whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    text: &'a str,
    kind: TokenKind,
    pos: Pos,
    span: Span,
    char_span: Span,
    category: Option<Category>,
}

impl<'a> Token<'a> {
    /// The token's text, width-folded (`ＡＰＰ` reads `APP`).
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// What the token is.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// Its part of speech.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Byte span in the original input. For a token whose characters were width-folded, or
    /// that spans a repaired line break, the original text differs from [`Token::text`].
    pub fn span(&self) -> Span {
        self.span
    }

    /// Character span in the original input.
    pub fn char_span(&self) -> Span {
        self.char_span
    }

    /// The lexicon category, for a word of the policing or a user lexicon that has one.
    pub fn category(&self) -> Option<Category> {
        self.category
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_sync() {
        assert_send_sync::<Segmenter>();
        assert_send_sync::<Segmented<'static>>();
    }

    #[test]
    fn sentence_spans() {
        let s = "第一句。“第二句！”第三句\n第四";
        let got: Vec<&str> = sentences_of(s).map(|sp| &s[sp.range()]).collect();
        assert_eq!(got, ["第一句。", "“第二句！”", "第三句\n", "第四"]);
        assert_eq!(sentences_of("").count(), 0);
    }

    /// The sentences as read character by character: what the byte-wise reading must give.
    fn sentences_by_chars(s: &str) -> Vec<Span> {
        const FINAL: &[char] = &['。', '！', '？', '!', '?', '…'];
        const CLOSING: &[char] = &['”', '’', '」', '』', '）', ')', '"'];
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut out = Vec::new();
        let (mut start, mut k) = (0, 0);
        while let Some(&(_, c)) = chars.get(k) {
            k += 1;
            let ends = matches!(c, '\n' | '\r' | '；' | ';') || FINAL.contains(&c);
            if FINAL.contains(&c) {
                while chars
                    .get(k)
                    .is_some_and(|&(_, n)| FINAL.contains(&n) || CLOSING.contains(&n))
                {
                    k += 1;
                }
            }
            if ends {
                let end = chars.get(k).map_or(s.len(), |&(i, _)| i);
                out.push(Span::new(start, end));
                start = end;
            }
        }
        if start < s.len() {
            out.push(Span::new(start, s.len()));
        }
        out
    }

    #[test]
    fn sentences_read_by_bytes_as_by_characters() {
        let marks = [
            "。",
            "！",
            "？",
            "!",
            "?",
            "…",
            "”",
            "’",
            "」",
            "』",
            "）",
            ")",
            "\"",
            "；",
            ";",
            "\n",
            "\r",
            "“",
            "—",
            "、",
            "，",
            "《",
            "警",
            "a",
            "👮",
            "\u{2026}\u{2026}",
        ];
        // Every string of up to four marks, and longer mixes.
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| marks.iter().map(move |m| format!("{t}{m}")))
                .collect();
            texts.extend(longer.into_iter().filter(|t| t.chars().count() <= 4));
            texts.sort();
            texts.dedup();
        }
        texts.push("第一句。“第二句！”第三句\n第四；一是…二是？！”）".repeat(3));
        for t in &texts {
            let bytes: Vec<Span> = sentences_of(t).collect();
            let chars = sentences_by_chars(t);
            assert_eq!(bytes, chars, "{t:?}");
        }
    }

    #[test]
    fn pieces_are_bounded_and_tile() {
        let s = "警".repeat(3000) + "，" + &"情".repeat(10);
        let ps: Vec<Span> = pieces(&s, Span::new(0, s.len())).collect();
        assert!(ps.iter().all(|p| p.len() <= MAX_PIECE_BYTES));
        assert_eq!(ps[0].start, 0);
        assert_eq!(ps.last().unwrap().end, s.len());
        for w in ps.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
    }

    #[test]
    fn grapheme_check_reads_bytes_as_it_would_characters() {
        let samples = (0u32..0x11000)
            .step_by(7)
            .chain(0x4DB0..0x4E10)
            .chain(0x9FF0..0xA010)
            .filter_map(char::from_u32);
        for c in samples {
            let text = format!("警{c}务");
            assert_eq!(
                needs_grapheme_check(&text),
                !is_plain_char(c),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(!needs_grapheme_check("象山公安，“海上枫桥经验”……"));
        assert!(needs_grapheme_check("民警👮\u{200d}♀️"));
    }

    #[test]
    fn scan_finds_whitespace_as_char_is_whitespace_does() {
        let samples = (0u32..0x11000)
            .step_by(5)
            .chain(0..0x100)
            .chain(0x2000..0x2060)
            .chain([0x1680, 0x3000])
            .filter_map(char::from_u32);
        for c in samples {
            for text in [format!("警{c}务"), format!("{c}"), format!("👮{c}")] {
                let found = scan(&text, Want::Both);
                assert_eq!(found.spaces, c.is_whitespace(), "U+{:04X}", c as u32);
                assert_eq!(
                    found.graphemes,
                    text.chars().any(|c| !is_plain_char(c)),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn rhetoric_words_are_single_words_of_jieba() {
        // A rhetoric entry acts on tokens: one that jieba cuts in pieces would act on none.
        let seg = Segmenter::new();
        for w in lexicon::rhetoric_words() {
            let s = seg.segment(&w);
            assert_eq!(s.tokens().len(), 1, "{w} is cut");
            assert!(
                seg.is_generic_or_stop(&w) && !seg.is_never_a_name(&w),
                "{w}"
            );
        }
    }

    #[test]
    fn numbers() {
        for w in ["12.93%", "3.9", "三", "105", "1,000"] {
            assert!(is_number(w), "{w}");
        }
        for w in ["十分", "CCTV2", "三治", "%"] {
            assert!(!is_number(w), "{w}");
        }
    }

    #[test]
    fn pos_tags_round_trip() {
        for p in [
            Pos::Noun,
            Pos::ProperNoun,
            Pos::VerbalNoun,
            Pos::PersonName,
            Pos::Idiom,
        ] {
            assert_eq!(Pos::from_tag(p.tag()), p);
        }
    }
}
