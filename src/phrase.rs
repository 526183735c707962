//! Theme candidates: single terms, quoted names, lexicon words and collocations.
//!
//! Candidates are found in two passes. The first counts, for each document, the words and
//! runs of words that could be themes ([`count_document`]); the corpus adds the counts up.
//! The second, knowing which runs recur and stick together across the corpus
//! ([`Collocations`]), lists every mention of every candidate in a document
//! ([`find_mentions`]).

use crate::document::{DocSentence, DocToken, Document};
use crate::segment::{Segmenter, TokenKind};
use crate::stats::{BackgroundIdf, CorpusStats, TermCounts, WordIdfs};
use crate::text::Span;
use crate::text::{is_cn_numeral, is_han};
use crate::theme::Source;
use crate::vocab::Category;
use crate::vocab::Pos;
use rustc_hash::{FxHashMap, FxHashSet};

/// Longest run of words a collocation may have.
pub(crate) const MAX_NGRAM: usize = 4;
/// Longest collocation, in characters.
const MAX_NGRAM_CHARS: usize = 12;
/// Shortest quoted name, in characters, that one mention with a naming verb makes a theme:
/// shorter quotes said once are mostly turns of phrase (“实战式”, “一本账”).
const MIN_SINGLE_NAME_CHARS: usize = 4;
/// Shortest and longest quoted name, in characters.
const QUOTE_CHARS: std::ops::RangeInclusive<usize> = 2..=12;

/// Whether a token can be part of a run of words that names a theme.
pub(crate) fn is_phrase_token(t: &DocToken) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    if t.category.is_some() {
        return true;
    }
    matches!(
        t.pos,
        Pos::Noun
            | Pos::ProperNoun
            | Pos::VerbalNoun
            | Pos::Abbreviation
            | Pos::Verb
            | Pos::Adjective
            | Pos::Locative
            | Pos::PlaceName
            | Pos::Organization
            | Pos::Other
    )
}

/// Whether a token names a thing (the head of a theme).
fn is_nominal(t: &DocToken) -> bool {
    t.category.is_some() || t.pos.is_nominal()
}

/// Whether the token `toks[i]` of a sentence is a theme candidate on its own.
fn is_term(doc: &Document, background: &BackgroundIdf, toks: &[DocToken], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    let text = doc.text(t.norm);
    // 1200余场: a measure after a number, not a thing.
    let after_number = i > 0 && toks[i - 1].kind == TokenKind::Number;
    if t.kind != TokenKind::Word || (after_number && text.starts_with('余')) {
        return false;
    }
    if t.category.is_some() {
        return true;
    }
    // 常态化, 实体化: a word made a manner by the suffix 化 says how, not what, be 化 a
    // token of its own or the end of the word.
    if toks.get(i + 1).is_some_and(|n| doc.text(n.norm) == "化") || is_manner_word(background, text)
    {
        return false;
    }
    // 全面推行, 深入开展: how work is done, though jieba may tag it a noun.
    if ends_in_putting_to_work(text) {
        return false;
    }
    let mut chars = text.chars();
    let first = chars.next();
    let n = 1 + chars.count();
    // 一船, 两地: a numeral and a noun make a quantity, not a thing.
    let quantity = n <= 2 && first.is_some_and(is_cn_numeral);
    t.pos.is_nominal() && n >= 2 && !quantity && !t.generic
}

/// Per-document counts of candidate words, quoted names and runs of words, keyed by pieces
/// of the document's text. Each entry keeps the last unit it was seen in, so distinct units
/// are counted in one pass.
#[derive(Debug, Default)]
pub(crate) struct DocCounts<'d> {
    pub(crate) terms: FxHashMap<&'d str, (TermCounts, u32)>,
    pub(crate) ngrams: FxHashMap<RunKey<'d>, (TermCounts, u32)>,
}

/// A run of words: its text (its words are adjacent) and where its words meet, in bytes
/// from its start (a run has at most [`MAX_NGRAM_CHARS`] characters, so they fit a byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RunKey<'d> {
    text: &'d str,
    cuts: [u8; MAX_NGRAM - 1],
}

impl RunKey<'_> {
    /// Writes the run's key in the corpus statistics (its words joined by the separator)
    /// into `key`.
    pub(crate) fn write_key(&self, key: &mut String) {
        key.clear();
        let mut at = 0;
        for &cut in self.cuts.iter().take_while(|&&c| c != 0) {
            let cut = usize::from(cut);
            key.push_str(self.text.get(at..cut).unwrap_or_default());
            key.push(crate::stats::NGRAM_SEP);
            at = cut;
        }
        key.push_str(self.text.get(at..).unwrap_or_default());
    }
}

/// The unit of text outside every section (a sectioned report's title and lead).
const OUTSIDE_SECTIONS: u32 = u32::MAX;
/// No unit seen yet.
const NO_UNIT: u32 = u32::MAX - 1;

/// Adds one occurrence in `unit` to `map`, counting distinct units.
fn bump<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, (TermCounts, u32)>, key: K, unit: u32) {
    let (e, last) = map.entry(key).or_insert((TermCounts::default(), NO_UNIT));
    e.count += 1;
    e.documents = 1;
    if unit != OUTSIDE_SECTIONS && *last != unit {
        *last = unit;
        e.sections += 1;
    }
}

/// Whether a run of tokens has the shape of a theme: it ends in a noun, has a content noun
/// that is not general vocabulary, and is not a known word with a general word glued on
/// (电信网络诈骗 + 案件).
fn ngram_shape(seg: &Segmenter, doc: &Document, run: &[DocToken]) -> bool {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return false;
    };
    // A theme is a noun phrase (护航亚运, 旅游市场秩序), or a noun phrase with the work done
    // on it (港区治安联防, 矛盾纠纷化解).
    let verb_final = matches!(last.pos, Pos::Verb | Pos::VerbalNoun) && is_nominal(first);
    if !is_nominal(last) && !verb_final {
        return false;
    }
    // Verbs and a theme the lexicon knows, with at most general words after it
    // (打击治理电信网络诈骗, 打防治理电信网络诈骗犯罪, 整治笑气), are the work done on that
    // theme, which stays the theme; a verb before another word can make a name (护航亚运).
    let verbs = run
        .iter()
        .take_while(|t| t.pos == Pos::Verb && t.category.is_none())
        .count();
    if verbs > 0
        && run[verbs..]
            .split_first()
            .is_some_and(|(known, rest)| known.category.is_some() && rest.iter().all(|t| t.generic))
    {
        return false;
    }
    // The tokens of a run are adjacent, so its text is one slice of the document's text.
    let joined = doc.text(Span::new(first.norm.start, last.norm.end));
    // At most four bytes a character: most runs are ruled in or out by their length.
    if joined.len() < 3 || joined.len() > 4 * MAX_NGRAM_CHARS {
        return false;
    }
    let chars = joined.chars().count();
    if !(3..=MAX_NGRAM_CHARS).contains(&chars) {
        return false;
    }
    if seg.is_generic_or_stop(joined) {
        return false;
    }
    let n = run.len();
    let mut generic = [false; MAX_NGRAM];
    for (g, t) in generic.iter_mut().zip(run) {
        *g = t.generic;
    }
    if !run.iter().zip(generic).any(|(t, g)| is_nominal(t) && !g) {
        return false;
    }
    if 2 * generic.iter().filter(|&&g| g).count() > n {
        return false;
    }
    let known = |t: &DocToken| t.category.is_some();
    if n == 2 && ((generic[0] && known(&run[1])) || (known(&run[0]) && generic[1])) {
        return false;
    }
    true
}

/// Counts a document's candidate words, quoted names and runs of words.
pub(crate) fn count_document<'d>(seg: &Segmenter, doc: &'d Document) -> DocCounts<'d> {
    // About one distinct word and one run for every four tokens.
    let guess = doc.tokens.len() / 4;
    let mut counts = DocCounts {
        terms: FxHashMap::with_capacity_and_hasher(guess, Default::default()),
        ngrams: FxHashMap::with_capacity_and_hasher(guess, Default::default()),
    };
    // A sentence a section prints again word for word (a caption repeating a line of the
    // body) is no second sighting of its words and runs: a run must recur in other
    // sentences to be a collocation, and its words' counts, against which its cohesion is
    // measured, leave the repeat out too. Two sections saying the same are two sightings.
    let mut said: FxHashSet<(u32, &str)> = FxHashSet::default();
    for s in &doc.sentences {
        let unit = s.unit.unwrap_or(OUTSIDE_SECTIONS);
        if !said.insert((unit, doc.text(s.norm).trim())) {
            continue;
        }
        let toks = doc.sentence_tokens(s);
        for t in toks.iter().filter(|t| is_phrase_token(t)) {
            bump(&mut counts.terms, doc.text(t.norm), unit);
        }
        for q in quotes(doc, s) {
            let text = doc.text(q.content);
            if doc.text(q.content).chars().count() > 0 && !is_single_token(toks, q.content) {
                bump(&mut counts.terms, text, unit);
            }
        }
        for (offset, run) in phrase_runs(toks) {
            for i in 0..run.len() {
                for n in 2..=MAX_NGRAM.min(run.len() - i) {
                    let g = &run[i..i + n];
                    if !ngram_shape(seg, doc, g) || takes_an_object(g, toks.get(offset + i + n)) {
                        continue;
                    }
                    let start = g[0].norm.start;
                    let mut cuts = [0u8; MAX_NGRAM - 1];
                    for (c, t) in cuts.iter_mut().zip(&g[1..]) {
                        // A run of a shape to count has at most MAX_NGRAM_CHARS characters.
                        *c = u8::try_from(t.norm.start - start).unwrap_or(u8::MAX);
                    }
                    let key = RunKey {
                        text: doc.text(Span::new(start, g[n - 1].norm.end)),
                        cuts,
                    };
                    bump(&mut counts.ngrams, key, unit);
                }
            }
        }
    }
    counts
}

/// Whether the run `g`, followed by `next`, ends in a verb at work on what follows it
/// (增长极创造 of 增长极创造良好环境) rather than in the work done on the run's noun
/// (矛盾纠纷化解, 信访积案化解专班): an adjective or a set phrase after a verb opens its
/// object (创造良好条件, 创造良好环境/l). A number after it may count what was done
/// (矛盾纠纷化解1200起), so it does not.
fn takes_an_object(g: &[DocToken], next: Option<&DocToken>) -> bool {
    g.last().is_some_and(|t| t.pos == Pos::Verb)
        && next.is_some_and(|t| matches!(t.pos, Pos::Adjective | Pos::Idiom))
}

/// Whether `span` is exactly one token of `toks`.
fn is_single_token(toks: &[DocToken], span: Span) -> bool {
    toks.iter().any(|t| t.norm == span)
}

/// Maximal runs of adjacent phrase tokens, each with the index of its first token.
fn phrase_runs(toks: &[DocToken]) -> impl Iterator<Item = (usize, &[DocToken])> {
    // Each token that is no phrase token separates two runs (either may be empty).
    let mut at = 0;
    toks.split(|t| !is_phrase_token(t))
        .map(move |run| {
            let first = at;
            at += run.len() + 1;
            (first, run)
        })
        .filter(|(_, run)| run.len() >= 2)
}

/// A quoted span in a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quote {
    /// The text between the marks, in the document's derived text.
    pub(crate) content: Span,
}

/// Quoted spans of a sentence whose content reads as a name: a few characters, letters and
/// digits only, at least one Han character.
pub(crate) fn quotes<'d>(
    doc: &'d Document,
    s: &'d DocSentence,
) -> impl Iterator<Item = Quote> + 'd {
    let text = doc.text(s.norm);
    let base = s.norm.start;
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, c) in text.char_indices() {
        let close = match c {
            '“' | '‘' | '「' | '『' => {
                open = Some((c, i + c.len_utf8()));
                continue;
            }
            '"' if open.is_none() => {
                open = Some((c, i + 1));
                continue;
            }
            '”' => '“',
            '’' => '‘',
            '」' => '「',
            '』' => '『',
            '"' => '"',
            _ => continue,
        };
        if let Some((o, start)) = open.take()
            && o == close
        {
            let content = &text[start..i];
            let n = content.chars().count();
            if QUOTE_CHARS.contains(&n)
                && content.chars().all(|c| c.is_alphanumeric() || c == '·')
                && content.chars().any(is_han)
            {
                out.push(Quote {
                    content: Span::new(base + start, base + i),
                });
            }
        }
    }
    out.into_iter()
}

/// The runs of words accepted as collocations across a corpus.
#[derive(Debug, Default, Clone)]
pub(crate) struct Collocations {
    /// Accepted runs, as their words joined by the separator.
    accepted: FxHashSet<String>,
    /// Every shorter run an accepted run starts with (its first word, its first two...), so
    /// that a search stops at the first word that starts none.
    prefixes: FxHashSet<String>,
}

impl Collocations {
    /// Accepts every run seen at least `min_count` times whose rarest word occurs inside the
    /// run at least `min_cohesion` of the time.
    pub(crate) fn find(stats: &CorpusStats, min_count: u64, min_cohesion: f64) -> Collocations {
        let mut out = Collocations::default();
        for (key, c) in stats.ngram_counts() {
            if c.count < min_count {
                continue;
            }
            let rarest = key
                .split(crate::stats::NGRAM_SEP)
                .map(|w| stats.term(w).map_or(c.count, |t| t.count))
                .min()
                .unwrap_or(c.count)
                .max(1);
            if c.count as f64 / rarest as f64 >= min_cohesion {
                out.accepted.insert(key.to_string());
                for (i, _) in key.match_indices(crate::stats::NGRAM_SEP) {
                    out.prefixes.insert(key[..i].to_string());
                }
            }
        }
        out
    }

    fn contains(&self, key: &str) -> bool {
        self.accepted.contains(key)
    }

    /// Whether some accepted run is longer than `key` and starts with it.
    fn extends(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    pub(crate) fn len(&self) -> usize {
        self.accepted.len()
    }
}

/// A candidate theme of one document.
#[derive(Debug, Clone)]
pub(crate) struct Candidate<'a> {
    /// The theme's text (the canonical form for an abbreviation): a piece of the document's
    /// text or of the lexicon.
    pub(crate) text: &'a str,
    /// Its length in characters.
    pub(crate) chars: u32,
    /// Its counts in the corpus statistics.
    pub(crate) counts: Option<TermCounts>,
    pub(crate) source: Source,
    pub(crate) category: Option<Category>,
    /// Whether the report marks it as a name with quotation marks.
    pub(crate) quoted: bool,
    /// Its inverse document frequency in general Chinese (the background table).
    pub(crate) idf_bg: f64,
}

/// One mention of a candidate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub(crate) candidate: u32,
    pub(crate) norm: Span,
    pub(crate) orig: Span,
    pub(crate) chars: Span,
    pub(crate) sentence: u32,
}

/// The candidates of one document and their mentions.
#[derive(Debug, Default)]
pub(crate) struct DocCandidates<'a> {
    pub(crate) candidates: Vec<Candidate<'a>>,
    pub(crate) mentions: Vec<Mention>,
    index: FxHashMap<&'a str, u32>,
}

impl<'a> DocCandidates<'a> {
    /// The candidate `text`, when it is known already from a source at least as strong as
    /// `source` (so that adding it again would change nothing).
    fn known(&self, text: &str, source: Source) -> Option<u32> {
        let &i = self.index.get(text)?;
        (self.candidates[i as usize].source <= source).then_some(i)
    }

    /// The candidate whose text is `text`.
    pub(crate) fn by_text(&self, text: &str) -> Option<u32> {
        self.index.get(text).copied()
    }

    fn candidate(&mut self, c: Candidate<'a>) -> u32 {
        if let Some(&i) = self.index.get(c.text) {
            let e = &mut self.candidates[i as usize];
            if c.source < e.source {
                e.source = c.source;
                e.counts = c.counts;
                e.idf_bg = c.idf_bg;
            }
            e.quoted |= c.quoted;
            e.category = e.category.or(c.category);
            return i;
        }
        let i = self.candidates.len() as u32;
        self.index.insert(c.text, i);
        self.candidates.push(c);
        i
    }
}

/// Words that, right after a quoted name, say it names a practice or a thing built
/// (机制, 平台, 建设) are nouns; verbs right before it (实施, 推出, 打造) say it is put to work.
fn is_naming_cue_before(doc: &Document, t: &DocToken) -> bool {
    if !matches!(t.kind, TokenKind::Word | TokenKind::StopWord) {
        return false;
    }
    let text = doc.text(t.norm);
    if matches!(t.pos, Pos::Verb | Pos::VerbalNoun) {
        return !COPULAS.contains(&text);
    }
    // jieba keeps some manners of doing whole (深入开展/i, 全面推行/n): the verb ends them.
    ends_in_putting_to_work(text)
}

/// Whether `word` is a verb that puts a practice to work with a manner before it (深入开展,
/// 全面推行).
fn ends_in_putting_to_work(word: &str) -> bool {
    word.char_indices()
        .nth_back(1)
        .is_some_and(|(i, _)| i > 0 && PUT_TO_WORK.contains(&&word[i..]))
}

/// Verbs that put a practice to work, for words that end in one (深入开展, 全面推行).
const PUT_TO_WORK: &[&str] = &[
    "开展", "推行", "推进", "实施", "推出", "推广", "打造", "启动", "部署", "建立",
];

/// Verbs that link a subject to a description rather than put a name to work.
const COPULAS: &[&str] = &[
    "是", "为", "有", "成为", "作为", "当", "当好", "做", "叫", "称", "像",
];

fn is_naming_cue_after(t: &DocToken) -> bool {
    t.kind == TokenKind::Word && matches!(t.pos, Pos::Noun | Pos::VerbalNoun | Pos::ProperNoun)
}

/// Evidence that a quoted text names something rather than decorates a heading or quotes
/// speech.
#[derive(Debug, Default, Clone, Copy)]
struct QuoteEvidence {
    /// Mentions in body text (paragraphs, captions), quoted or not.
    body: u32,
    /// Mentions in titles and headings, quoted or not.
    framed: u32,
    /// Quoted mentions with a naming verb before or a noun after.
    cued: u32,
    /// Quoted mentions right after 的 (a metaphor: 的“组合拳”).
    after_de: u32,
}

/// Lists every mention of every candidate in `doc`.
pub(crate) fn find_mentions<'a>(
    seg: &'a Segmenter,
    idfs: &mut WordIdfs<'a>,
    stats: &CorpusStats,
    doc: &'a Document,
    colloc: &Collocations,
) -> DocCandidates<'a> {
    let background = idfs.table();
    // Room for the candidates and mentions of a typical report (about one of each for every
    // three or four tokens), so that the lists seldom grow; a long document's lists grow as
    // needed, since what it holds may be far from typical (a run of digits).
    let n = doc.tokens.len().min(1 << 14);
    let mut out = DocCandidates {
        candidates: Vec::with_capacity(n / 4),
        mentions: Vec::with_capacity(n / 3),
        index: FxHashMap::with_capacity_and_hasher(n / 4, Default::default()),
    };
    // The reporting body's own names, and names built on them (象山县公安局), are not themes.
    // The first characters of those names rule out most words at once.
    let mut own_first: Vec<Option<char>> = doc.own_names.iter().map(|n| n.chars().next()).collect();
    own_first.sort_unstable();
    own_first.dedup();
    let own = |text: &str| {
        let first = text.chars().next();
        (own_first.contains(&first) || own_first.contains(&None))
            && doc.own_names.iter().any(|n| text.starts_with(n.as_str()))
    };

    // Quoted names first: gather every quoted text and the evidence that it is a name.
    let mut quoted: FxHashMap<&str, QuoteEvidence> = FxHashMap::default();
    let mut quote_spans: FxHashMap<&str, Vec<Span>> = FxHashMap::default();
    for s in &doc.sentences {
        let toks = doc.sentence_tokens(s);
        for q in quotes(doc, s) {
            let text = doc.text(q.content);
            quote_spans.entry(text).or_default().push(q.content);
            let e = quoted.entry(text).or_default();
            if !s.is_body() {
                continue;
            }
            let i = toks.partition_point(|t| t.norm.end <= q.content.start);
            // Skip the opening mark itself.
            let before = i.checked_sub(2).and_then(|j| toks.get(j));
            let j = toks.partition_point(|t| t.norm.start < q.content.end);
            let after = toks.get(j + 1);
            let de = before.is_some_and(|t| doc.text(t.norm) == "的");
            if de {
                e.after_de += 1;
            } else if before.is_some_and(|t| is_naming_cue_before(doc, t))
                || after.is_some_and(is_naming_cue_after)
            {
                e.cued += 1;
            }
        }
    }
    let mut names: Vec<(&str, QuoteEvidence)> = quoted
        .into_iter()
        .filter(|(name, _)| !(own(name) || seg.is_never_a_name(name)))
        .collect();
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    // Every occurrence of every quoted text, quoted or not, in one pass over the document.
    let occurrences = occurrences(doc, names.iter().map(|n| n.0));
    for &(name, sentence, _) in &occurrences {
        if doc.sentences[sentence].is_body() {
            names[name].1.body += 1;
        } else {
            names[name].1.framed += 1;
        }
    }
    // Quotes that are not names (slogans, metaphors): a word that only ever stands in them is
    // a figure of speech, not a theme.
    let mut figurative: FxHashSet<Span> = FxHashSet::default();
    let mut ids: Vec<Option<u32>> = vec![None; names.len()];
    for (k, (name, e)) in names.iter().enumerate() {
        let first = occurrences.iter().find(|o| o.0 == k).map(|o| (o.1, o.2));
        let parts = first
            .map(|(si, span)| span_parts(doc, si, span))
            .unwrap_or_default();
        if parts.iter().any(|&p| own(p)) {
            continue;
        }
        let known = seg.lexicon().get(name);
        let contains_known = contains_lexicon_word(seg, name);
        // A name is repeated in the body, or put to work once (实施“共富警务”) if it is long
        // enough to be more than a turn of phrase, or built on a lexicon word.
        let long = name.chars().count() >= MIN_SINGLE_NAME_CHARS;
        // A word of general Chinese (the background table knows it) quoted once is a set
        // phrase or a political formula (“四个意识”), not a name the report gives its work.
        let common = known.is_none() && background.get(name).is_some();
        // “四个意识”, “两个维护”: a count of principles is a formula, however often quoted.
        let formula = known.is_none() && is_counted_formula(name);
        // A short name put to work in the body (推行“家警务”模式) that a title or heading
        // names too is the report's name for its work, not a turn of phrase.
        let headlined = e.body >= 1 && e.framed >= 1;
        let is_name = !formula
            && (e.body >= 2
                || ((long || headlined) && e.cued > 0 && e.after_de == 0 && !common)
                || (contains_known && e.body >= 1));
        if !is_name {
            figurative.extend(quote_spans.get(name).into_iter().flatten().copied());
            continue;
        }
        let text = known.and_then(|k| k.canonical()).unwrap_or(name);
        ids[k] = Some(out.candidate(Candidate {
            text,
            chars: text.chars().count() as u32,
            counts: stats.term(name).copied(),
            source: Source::Quoted,
            category: known.and_then(|k| k.category()),
            quoted: true,
            idf_bg: if parts.len() > 1 {
                idfs.phrase(text, parts.iter().copied())
            } else {
                idfs.word(text)
            },
        }));
    }
    for &(name, sentence, span) in &occurrences {
        if let Some(id) = ids[name] {
            push_mention(&mut out, doc, sentence, id, span);
        }
    }

    let mut key = String::new();
    let mut places = Places::default();
    for (si, s) in doc.sentences.iter().enumerate() {
        let toks = doc.sentence_tokens(s);
        // Single terms and lexicon words.
        for (i, t) in toks.iter().enumerate() {
            let text = doc.text(t.norm);
            if !is_term(doc, background, toks, i)
                || own(text)
                || (!figurative.is_empty() && figurative.contains(&t.norm))
            {
                continue;
            }
            let entry = seg.lexicon().get(text);
            let canonical = entry.and_then(|e| e.canonical()).unwrap_or(text);
            let source = if t.category.is_some() {
                Source::Lexicon
            } else {
                Source::Term
            };
            let id = match out.known(canonical, source) {
                Some(id) => id,
                None => out.candidate(Candidate {
                    text: canonical,
                    chars: canonical.chars().count() as u32,
                    counts: stats.term(canonical).copied(),
                    source,
                    category: t.category,
                    quoted: false,
                    idf_bg: idfs.word(canonical),
                }),
            };
            push_token_mention(&mut out, si, id, t, t);
            places.note(id, said_as_place(doc, toks, i, i + 1));
        }
        // Collocations.
        if colloc.len() == 0 {
            continue;
        }
        for (offset, run) in phrase_runs(toks) {
            for i in 0..run.len() {
                let first = doc.text(run[i].norm);
                if !colloc.extends(first) {
                    continue;
                }
                key.clear();
                key.push_str(first);
                for n in 2..=MAX_NGRAM.min(run.len() - i) {
                    let g = &run[i..i + n];
                    key.push(crate::stats::NGRAM_SEP);
                    key.push_str(doc.text(g[n - 1].norm));
                    if !colloc.contains(&key) {
                        if colloc.extends(&key) {
                            continue;
                        }
                        break;
                    }
                    if g.iter().any(|t| own(doc.text(t.norm)))
                        || takes_an_object(g, toks.get(offset + i + n))
                    {
                        continue;
                    }
                    // The words of a run are adjacent: its text is one piece of the
                    // document's.
                    let norm = Span::new(g[0].norm.start, g[n - 1].norm.end);
                    let text = doc.text(norm);
                    if own(text) {
                        continue;
                    }
                    let id = match out.known(text, Source::Collocation) {
                        Some(id) => id,
                        None => out.candidate(Candidate {
                            text,
                            chars: text.chars().count() as u32,
                            counts: stats.ngram_by_key(&key).copied(),
                            source: Source::Collocation,
                            // A run is a kind of its head, the last word (海上走私 is 走私).
                            category: g[n - 1].category,
                            quoted: false,
                            idf_bg: idfs.phrase(text, g.iter().map(|t| doc.text(t.norm))),
                        }),
                    };
                    push_token_mention(&mut out, si, id, &g[0], &g[n - 1]);
                    let at = offset + i;
                    places.note(id, said_as_place(doc, toks, at, at + n));
                }
            }
        }
    }
    places.drop_mentions(&mut out);
    out.mentions
        .sort_by_key(|m| (m.norm.start, std::cmp::Reverse(m.norm.end), m.candidate));
    out.mentions.dedup_by_key(|m| (m.norm, m.candidate));
    out
}

/// The words of the text at `span` of sentence `si`, as the segmenter cut them there.
fn span_parts(doc: &Document, si: usize, span: Span) -> Vec<&str> {
    let toks = doc.sentence_tokens(&doc.sentences[si]);
    let i = toks.partition_point(|t| t.norm.start < span.start);
    toks[i..]
        .iter()
        .take_while(|t| t.norm.end <= span.end)
        .map(|t| doc.text(t.norm))
        .collect()
}

/// Every occurrence of each of `names` in the document's sentences, as `(name index,
/// sentence, span)`, in the order of the text (by start, then by name).
fn occurrences<'n>(
    doc: &Document,
    names: impl Iterator<Item = &'n str>,
) -> Vec<(usize, usize, Span)> {
    let names: Vec<&str> = names.collect();
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    // The whole text is searched at once; an occurrence belongs to the sentence it starts
    // in, and one that runs past that sentence's end is none.
    let text = doc.norm.as_str();
    let sentence_of = |span: Span| {
        let si = doc.sentences.partition_point(|s| s.norm.end <= span.start);
        doc.sentences
            .get(si)
            .filter(|s| s.norm.start <= span.start && span.end <= s.norm.end)
            .map(|_| si)
    };
    // Name by name while that reads little text (a vectorised search is fast, building an
    // automaton is not); beyond, one automaton for them all.
    if names.len().saturating_mul(text.len()) <= NAME_BY_NAME_BYTES {
        for (k, name) in names.iter().enumerate() {
            let step = name.chars().next().map_or(1, char::len_utf8);
            let finder = memchr::memmem::Finder::new(name);
            let mut from = 0;
            while let Some(at) = text
                .get(from..)
                .and_then(|rest| finder.find(rest.as_bytes()))
            {
                let span = Span::new(from + at, from + at + name.len());
                if let Some(si) = sentence_of(span) {
                    out.push((k, si, span));
                }
                from = span.start + step;
            }
        }
        out.sort_unstable_by_key(|&(k, _, span)| (span.start, k));
        return out;
    }
    // A contiguous NFA builds fast and searches fast enough for one document.
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(&names)
    else {
        return out;
    };
    for m in ac.find_overlapping_iter(text) {
        let span = Span::new(m.start(), m.end());
        if let Some(si) = sentence_of(span) {
            out.push((m.pattern().as_usize(), si, span));
        }
    }
    out.sort_unstable_by_key(|&(k, _, span)| (span.start, k));
    out
}

/// Up to this many bytes read in all (names times the document's length), a document is
/// searched name by name.
const NAME_BY_NAME_BYTES: usize = 1 << 20;

/// Whether a word ends in the suffix 化 that makes a manner of what comes before (实体化,
/// 规范化), rather than in a word of its own that ends in 化 (校园文化, 形势变化): the last
/// two characters are no word of general Chinese.
fn is_manner_word(background: &BackgroundIdf, word: &str) -> bool {
    let Some(stem) = word.strip_suffix('化') else {
        return false;
    };
    let Some((last, _)) = stem.char_indices().next_back() else {
        return false;
    };
    last > 0 && background.get(&word[last..]).is_none()
}

/// Whether `name` counts principles the way political formulas do: one numeral, 个, and
/// what they are in two characters (四个意识, 两个维护, 十个坚持). A longer goal a report
/// sets itself (“三个不发生”) may still be its name.
fn is_counted_formula(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(
        (chars.next(), chars.next(), chars.next(), chars.next(), chars.next()),
        (Some(n), Some('个'), Some(_), Some(_), None) if is_cn_numeral(n)
    )
}

/// Whether `name` contains a categorised lexicon word of two characters or more.
fn contains_lexicon_word(seg: &Segmenter, name: &str) -> bool {
    let bounds: Vec<usize> = name
        .char_indices()
        .map(|(i, _)| i)
        .chain([name.len()])
        .collect();
    (0..bounds.len()).any(|i| {
        (i + 2..bounds.len()).any(|j| {
            seg.lexicon()
                .get(&name[bounds[i]..bounds[j]])
                .is_some_and(|e| e.category().is_some())
        })
    })
}

/// Adds a mention of `candidate` that runs from token `first` to token `last`.
fn push_token_mention(
    out: &mut DocCandidates<'_>,
    sentence: usize,
    candidate: u32,
    first: &DocToken,
    last: &DocToken,
) {
    out.mentions.push(Mention {
        candidate,
        norm: Span::new(first.norm.start, last.norm.end),
        orig: Span::new(first.orig.start, last.orig.end),
        chars: Span::new(first.chars.start, last.chars.end),
        sentence: sentence as u32,
    });
}

/// Words before a place that say the work is done there (在老外滩…, 走进园区).
const PLACE_BEFORE: &[&str] = &[
    "在", "于", "赴", "前往", "走进", "来到", "深入", "位于", "途经",
];
/// Words after a place that say the work is done around it (园区周边, 江岸一带).
const PLACE_AFTER: &[&str] = &["周边", "一带", "附近", "沿线", "周围", "境内", "沿岸"];
/// Words that close 在… into the frame of an activity or a time, not of a place
/// (在矛盾纠纷化解中, 在交通安全方面, 在护学岗的基础上).
const FRAME_AFTER: &[&str] = &[
    "中", "之中", "当中", "方面", "上", "下", "期间", "过程", "之际", "领域", "背景", "基础",
    "前提",
];
/// How many words after the candidate a frame word may come and still close its 在….
const FRAME_REACH: usize = 8;

/// Whether the words around `toks[a..b]` say it as a place where work is done: before 周边,
/// or after 在 when no frame word closes the 在… before the clause ends (在…中 is the frame
/// of an activity).
fn said_as_place(doc: &Document, toks: &[DocToken], a: usize, b: usize) -> bool {
    let word = |t: &DocToken| doc.text(t.norm);
    let after = toks.get(b..).unwrap_or_default();
    if after
        .first()
        .is_some_and(|t| PLACE_AFTER.contains(&word(t)))
    {
        return true;
    }
    let before = a.checked_sub(1).and_then(|i| toks.get(i));
    if !before.is_some_and(|t| PLACE_BEFORE.contains(&word(t))) {
        return false;
    }
    let framed = after
        .iter()
        .take_while(|t| t.kind != TokenKind::Punctuation)
        .take(FRAME_REACH)
        .any(|t| FRAME_AFTER.contains(&word(t)));
    !framed
}

/// How many times a candidate must be said as a place, and more often than not, to be
/// taken for one.
const MIN_PLACE_MENTIONS: u32 = 2;

/// How often each plain candidate (a word or a run of words, unmarked) is said as a place.
#[derive(Default)]
struct Places {
    /// `(mentions, mentions said as a place)` by candidate.
    said: Vec<(u32, u32)>,
}

impl Places {
    fn note(&mut self, candidate: u32, as_place: bool) {
        let c = candidate as usize;
        if self.said.len() <= c {
            self.said.resize(c + 1, (0, 0));
        }
        self.said[c].0 += 1;
        self.said[c].1 += u32::from(as_place);
    }

    /// Takes out the mentions of the plain candidates said mostly as places (老外滩, 园区:
    /// where the work is done, not what it is), and of the plain candidates inside them
    /// (外滩 of 老外滩).
    fn drop_mentions(&self, out: &mut DocCandidates<'_>) {
        let plain = |c: &Candidate<'_>| {
            c.category.is_none()
                && !c.quoted
                && matches!(c.source, Source::Term | Source::Collocation)
        };
        let place: Vec<bool> = out
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (n, p) = self.said.get(i).copied().unwrap_or_default();
                plain(c) && p >= MIN_PLACE_MENTIONS && 2 * p > n
            })
            .collect();
        if !place.contains(&true) {
            return;
        }
        // The places' spans by start, each with the furthest end of those up to it: a span
        // lies inside one of them when the furthest end before its start reaches its end.
        let mut spans: Vec<Span> = out
            .mentions
            .iter()
            .filter(|m| place[m.candidate as usize])
            .map(|m| m.norm)
            .collect();
        spans.sort_unstable_by_key(|s| s.start);
        let reach: Vec<usize> = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        let inside = |span: Span| {
            let k = spans.partition_point(|s| s.start <= span.start);
            k > 0 && reach[k - 1] >= span.end
        };
        let candidates = &out.candidates;
        out.mentions.retain(|m| {
            let c = m.candidate as usize;
            !(place[c] || (plain(&candidates[c]) && inside(m.norm)))
        });
    }
}

/// Adds a mention of `candidate` at `norm`, which may start or end inside a token.
fn push_mention(
    out: &mut DocCandidates,
    doc: &Document,
    sentence: usize,
    candidate: u32,
    norm: Span,
) {
    let s = &doc.sentences[sentence];
    let toks = doc.sentence_tokens(s);
    // The token holding the start and the token holding the end give the original offsets.
    let a = toks.partition_point(|t| t.norm.end <= norm.start);
    let b = toks.partition_point(|t| t.norm.end < norm.end);
    let (Some(a), Some(b)) = (toks.get(a), toks.get(b)) else {
        return;
    };
    let (orig, chars) = if a.norm.start == norm.start && b.norm.end == norm.end {
        (
            Span::new(a.orig.start, b.orig.end),
            Span::new(a.chars.start, b.chars.end),
        )
    } else {
        // Inside tokens: offsets within a token whose text equals its original are exact.
        match (offset_in(doc, a, norm.start), offset_in(doc, b, norm.end)) {
            (Some(s0), Some(e0)) => (Span::new(s0.0, e0.0), Span::new(s0.1, e0.1)),
            _ => (
                Span::new(a.orig.start, b.orig.end),
                Span::new(a.chars.start, b.chars.end),
            ),
        }
    };
    out.mentions.push(Mention {
        candidate,
        norm,
        orig,
        chars,
        sentence: sentence as u32,
    });
}

/// The original byte and char offset of derived offset `pos` inside token `t`, when the
/// token's derived text has the same length as its original (no folding, no repaired break).
fn offset_in(doc: &Document, t: &DocToken, pos: usize) -> Option<(usize, usize)> {
    if t.norm.len() != t.orig.len() {
        return if pos == t.norm.start {
            Some((t.orig.start, t.chars.start))
        } else if pos == t.norm.end {
            Some((t.orig.end, t.chars.end))
        } else {
            None
        };
    }
    let d = pos.checked_sub(t.norm.start)?;
    let text = doc.text(t.norm);
    let chars = text.get(..d)?.chars().count();
    Some((t.orig.start + d, t.chars.start + chars))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::ngram_key;

    #[test]
    fn phrase_runs_know_where_they_start() {
        let seg = Segmenter::new();
        let doc = Document::analyze(
            &seg,
            "t",
            "甲公安：\n\n严打电信网络诈骗犯罪，守护群众钱包。推进港区治安联防，在老外滩巡逻。\n",
        );
        let mut runs = 0;
        for s in &doc.sentences {
            let toks = doc.sentence_tokens(s);
            for (first, run) in phrase_runs(toks) {
                assert!(std::ptr::eq(run, &toks[first..first + run.len()]));
                runs += 1;
            }
        }
        assert!(runs >= 2, "{runs} runs");
    }

    #[test]
    fn counted_formulas() {
        for f in ["四个意识", "两个维护", "十个坚持"] {
            assert!(is_counted_formula(f), "{f}");
        }
        for n in [
            "一村一辅警",
            "个人极端",
            "四个",
            "最多跑一次",
            "三治融合",
            "三个不发生",
            "百个警务室",
        ] {
            assert!(!is_counted_formula(n), "{n}");
        }
    }

    #[test]
    fn a_run_key_is_its_words_joined() {
        let text = "电信网络诈骗案件";
        // 电信 | 网络 | 诈骗 | 案件
        let key = RunKey {
            text,
            cuts: [6, 12, 18],
        };
        let mut out = String::new();
        key.write_key(&mut out);
        assert_eq!(out, ngram_key(["电信", "网络", "诈骗", "案件"]));
        let two = RunKey {
            text: &text[..12],
            cuts: [6, 0, 0],
        };
        two.write_key(&mut out);
        assert_eq!(out, ngram_key(["电信", "网络"]));
    }
}
