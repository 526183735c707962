//! Quoted names (“共富警务”): the quotes of a report, the evidence that a quoted text names
//! the report's work rather than decorates a heading or quotes speech, and the verdict.

use super::occurrences::occurrences;
use super::rules::{Reject, Rule, first_rejecting, name_kind};
use super::{Candidate, CandidateId, Finder};
use crate::document::{DocSentence, DocToken, Document};
use crate::report::BlockKind;
use crate::segment::{Segmenter, TokenKind};
use crate::text::{Span, is_cn_numeral, is_han};
use crate::theme::Source;
use crate::vocab::{Pos, cues};
use rustc_hash::{FxHashMap, FxHashSet};

/// Shortest quoted name, in characters, that one mention with a naming verb makes a theme:
/// shorter quotes said once are mostly turns of phrase (“实战式”, “一本账”).
const MIN_SINGLE_NAME_CHARS: usize = 4;
/// Shortest and longest quoted name, in characters.
const QUOTE_CHARS: std::ops::RangeInclusive<usize> = 2..=12;

/// A quoted span in a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Quote {
    /// The text between the marks, in the document's derived text.
    pub(crate) content: Span,
}

/// Marks a quoted name may hold beside letters and digits (新甘肃·法治, 警+N, 一网-通办).
const NAME_MARKS: &[char] = &['·', '+', '＋', '-'];

/// Quoted spans of a sentence whose content reads as a name: a few characters, letters,
/// digits and the marks of names only, at least one Han character; a space parts names.
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
            // Names a space parts (“岸海一体 以岸控海”) are several.
            let whole = &text[start..i];
            for content in whole.split(char::is_whitespace).filter(|p| !p.is_empty()) {
                let at = start + (content.as_ptr() as usize - whole.as_ptr() as usize);
                let n = content.chars().count();
                if QUOTE_CHARS.contains(&n)
                    && content
                        .chars()
                        .all(|c| c.is_alphanumeric() || NAME_MARKS.contains(&c))
                    && content.chars().any(is_han)
                {
                    out.push(Quote {
                        content: Span::new(base + at, base + at + content.len()),
                    });
                }
            }
        }
    }
    out.into_iter()
}

/// Words that, right after a quoted name, say it names a practice or a thing built
/// (机制, 平台, 建设) are nouns; verbs right before it (实施, 推出, 打造) say it is put to work.
fn is_naming_cue_before(doc: &Document, t: &DocToken) -> bool {
    if !matches!(t.kind, TokenKind::Word | TokenKind::StopWord) {
        return false;
    }
    let text = doc.text(t.norm);
    if matches!(t.pos, Pos::Verb | Pos::VerbalNoun) {
        return !cues().copulas.contains(&text);
    }
    // jieba keeps some manners of doing whole (深入开展/i, 全面推行/n): the verb ends them.
    ends_in_putting_to_work(text)
}

/// Whether `word` is a verb that puts a practice to work with a manner before it (深入开展,
/// 全面推行).
pub(crate) fn ends_in_putting_to_work(word: &str) -> bool {
    word.char_indices()
        .nth_back(1)
        .is_some_and(|(i, _)| i > 0 && cues().put_to_work.contains(&&word[i..]))
}

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
    /// Mentions in the report's title, quoted or not.
    titled: u32,
    /// Quoted mentions with a naming verb before or a noun after.
    cued: u32,
    /// Quoted mentions right after 的 (a metaphor: 的“组合拳”).
    after_de: u32,
}

/// What the verdict on a quoted text reads: its evidence and what the vocabulary says of it.
struct Quoted<'q> {
    name: &'q str,
    e: QuoteEvidence,
    /// The lexicon has it.
    known: bool,
    /// It holds a categorised lexicon word.
    contains_known: bool,
    /// General Chinese has it (the background table knows it).
    common: bool,
    /// Its words join others with a conjunction (“良好或非常良好”): a phrase, not a name.
    joined: bool,
}

/// The rules a quoted text must pass to be a name, in order.
/// A rule's test on a quoted text.
type QuoteTest = for<'w, 'q> fn(&'w Quoted<'q>) -> bool;

const QUOTE_RULES: &[Rule<QuoteTest>] = &[
    Rule {
        reject: Reject::Phrase,
        applies: |q| !q.known && q.joined,
    },
    Rule {
        reject: Reject::Body,
        applies: |q| !q.known && name_kind(q.name) == Some(Reject::Body),
    },
    Rule {
        reject: Reject::EventOrHonour,
        applies: |q| !q.known && name_kind(q.name) == Some(Reject::EventOrHonour),
    },
    // “四个意识”, “两个维护”: a count of principles is a formula, however often quoted.
    Rule {
        reject: Reject::CountedFormula,
        applies: |q| !q.known && is_counted_formula(q.name),
    },
    Rule {
        reject: Reject::Figurative,
        applies: |q| !is_name(q),
    },
];

/// Whether the evidence makes a quoted text a name: it is repeated in the body, or put to
/// work once (实施“共富警务”) if it is long enough to be more than a turn of phrase or a
/// heading names it too, and is no set phrase of general Chinese, or it is built on a
/// lexicon word.
fn is_name(q: &Quoted<'_>) -> bool {
    let e = q.e;
    let long = q.name.chars().count() >= MIN_SINGLE_NAME_CHARS;
    // A short name put to work in the body (推行“家警务”模式) that a title or heading names
    // too is the report's name for its work, not a turn of phrase.
    let headlined = e.body >= 1 && e.framed >= 1;
    // The report's title names what it is about: a long name it puts to work there is the
    // report's name for its work (探索“岸海一体”治理模式), even where the body, cut short,
    // never comes back to it.
    let titled = e.titled >= 1 && long;
    // A word of general Chinese quoted once is a set phrase or a political formula, not a
    // name the report gives its work.
    e.body >= 2
        || ((long || headlined || titled) && e.cued > 0 && e.after_de == 0 && !q.common)
        || (q.contains_known && e.body >= 1)
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

impl<'a> Finder<'a, '_> {
    /// Finds the quoted names of the document and every mention of them, quoted or not.
    /// Returns the spans of the quotes that are no names (slogans, metaphors): a word that
    /// only ever stands in them is a figure of speech, not a theme.
    pub(super) fn quoted_names(&mut self) -> FxHashSet<Span> {
        let (seg, doc) = (self.cx.seg, self.cx.doc);
        let background = self.idfs.table();
        // Every quoted text and the evidence that it is a name.
        let mut quoted: FxHashMap<&'a str, QuoteEvidence> = FxHashMap::default();
        let mut quote_spans: FxHashMap<&'a str, Vec<(usize, Span)>> = FxHashMap::default();
        for (si, s) in doc.sentences.iter().enumerate() {
            let toks = doc.sentence_tokens(s);
            for q in quotes(doc, s) {
                let text = doc.text(q.content);
                quote_spans.entry(text).or_default().push((si, q.content));
                let e = quoted.entry(text).or_default();
                // Cues in the body and in the title count; a heading's quotes are slogans.
                if !s.is_body() && s.block != BlockKind::Title {
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
        let mut names: Vec<(&'a str, QuoteEvidence)> = Vec::with_capacity(quoted.len());
        for (name, e) in quoted {
            let reject = if self.own.names_itself(name) {
                Some(Reject::OwnName)
            } else if seg.is_never_a_name(name) {
                Some(Reject::NeverAName)
            } else {
                None
            };
            match reject {
                Some(r) => self.reject_quote(&quote_spans, name, r),
                None => names.push((name, e)),
            }
        }
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        // Every occurrence of every quoted text, quoted or not, in one pass over the document.
        let occurrences = occurrences(doc, names.iter().map(|n| n.0));
        for &(name, sentence, _) in &occurrences {
            if doc.sentences[sentence].is_body() {
                names[name].1.body += 1;
            } else {
                names[name].1.framed += 1;
                if doc.sentences[sentence].block == BlockKind::Title {
                    names[name].1.titled += 1;
                }
            }
        }
        let mut figurative: FxHashSet<Span> = FxHashSet::default();
        let mut ids: Vec<Option<CandidateId>> = vec![None; names.len()];
        // Each name's first occurrence, found in one pass (a long document has thousands of
        // names and hundreds of thousands of occurrences).
        let mut firsts: Vec<Option<(usize, Span)>> = vec![None; names.len()];
        for &(name, sentence, span) in &occurrences {
            firsts[name].get_or_insert((sentence, span));
        }
        for (k, &(name, e)) in names.iter().enumerate() {
            let first = firsts[k];
            let parts = first
                .map(|(si, span)| span_parts(doc, si, span))
                .unwrap_or_default();
            let known = seg.lexicon().get(name);
            // A plus between words of general Chinese (“线上+线下”) joins them as a conjunction
            // does; beside a letter or a digit it makes a name (“警+N”).
            let plus_joined = name.contains(['+', '＋'])
                && name
                    .split(['+', '＋'])
                    .all(|p| p.chars().nth(1).is_some() && background.get(p).is_some());
            let joined = plus_joined
                || first.is_some_and(|(si, span)| {
                    // The tokens inside the quote, found by their starts: a sentence may
                    // be megabytes long.
                    let toks = doc.sentence_tokens(&doc.sentences[si]);
                    let i = toks.partition_point(|t| t.norm.start < span.start);
                    toks[i..]
                        .iter()
                        .take_while(|t| t.norm.end <= span.end)
                        .any(|t| t.pos == Pos::Conjunction)
                });
            let facts = Quoted {
                name,
                e,
                known: known.is_some(),
                contains_known: contains_lexicon_word(seg, name),
                common: known.is_none() && background.get(name).is_some(),
                joined,
            };
            if let Some(r) = first_rejecting(QUOTE_RULES, |f| f(&facts)) {
                figurative.extend(quote_spans.get(name).into_iter().flatten().map(|q| q.1));
                self.reject_quote(&quote_spans, name, r);
                continue;
            }
            let text = known.and_then(|k| k.canonical()).unwrap_or(name);
            let idf_bg = if parts.len() > 1 {
                self.idfs.phrase(text, parts.iter().copied())
            } else {
                self.idfs.word(text)
            };
            ids[k] = Some(self.out.candidate(Candidate {
                text,
                chars: text.chars().count() as u32,
                counts: self.cx.stats.term(name).copied(),
                source: Source::Quoted,
                category: known.and_then(|k| k.category()),
                quoted: true,
                idf_bg,
            }));
        }
        for &(name, sentence, span) in &occurrences {
            if let Some(id) = ids[name] {
                self.out.push_mention(doc, sentence, id, span);
            }
        }
        figurative
    }

    /// Records that each quote of `name` is kept out by `reject`.
    fn reject_quote(
        &mut self,
        spans: &FxHashMap<&str, Vec<(usize, Span)>>,
        name: &str,
        reject: Reject,
    ) {
        if self.rec.is_none() {
            return;
        }
        for &(si, span) in spans.get(name).into_iter().flatten() {
            self.reject(si, span, reject);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn facts(name: &str, body: u32, framed: u32, cued: u32, after_de: u32) -> Quoted<'_> {
        Quoted {
            name,
            e: QuoteEvidence {
                body,
                framed,
                titled: 0,
                cued,
                after_de,
            },
            known: false,
            contains_known: false,
            common: false,
            joined: false,
        }
    }

    /// Each clause of the verdict, one row each: (name, body, framed, cued, after 的, verdict).
    #[test]
    fn the_verdict_on_a_quote_clause_by_clause() {
        let rows = [
            ("炼卫先锋队", 2, 0, 0, 0, None),
            ("共富警务", 1, 0, 1, 0, None),
            ("家警务", 1, 1, 1, 0, None),
            ("实战式", 1, 0, 1, 0, Some(Reject::Figurative)),
            ("组合拳", 1, 0, 0, 1, Some(Reject::Figurative)),
            ("反走私场景", 1, 0, 0, 0, Some(Reject::Figurative)),
            ("四个意识", 3, 0, 3, 0, Some(Reject::CountedFormula)),
        ];
        for (name, body, framed, cued, de, verdict) in rows {
            let q = facts(name, body, framed, cued, de);
            assert_eq!(first_rejecting(QUOTE_RULES, |f| f(&q)), verdict, "{name}");
        }
        let mut common = facts("安居乐业", 1, 0, 1, 0);
        common.common = true;
        assert_eq!(
            first_rejecting(QUOTE_RULES, |f| f(&common)),
            Some(Reject::Figurative)
        );
        let mut joined = facts("良好或非常良好", 2, 0, 0, 0);
        joined.joined = true;
        assert_eq!(
            first_rejecting(QUOTE_RULES, |f| f(&joined)),
            Some(Reject::Phrase)
        );
        let mut built = facts("反诈", 1, 0, 0, 0);
        built.contains_known = true;
        assert_eq!(first_rejecting(QUOTE_RULES, |f| f(&built)), None);
    }
}
