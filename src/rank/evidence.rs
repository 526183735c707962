//! The themes shown and their evidence: the leading candidates' figures and first
//! mentions, each quoted in its sentence.

use super::score::Scores;
use crate::candidates::{DocCandidates, Mention};
use crate::document::Document;
use crate::theme::{Evidence, Source, Theme};
use crate::vocab::Category;

/// Longest sentence, in characters, an evidence entry quotes whole; of a longer one (a giant
/// line without punctuation) it quotes this much around the mention, marked with `…`.
const MAX_EVIDENCE_SENTENCE_CHARS: usize = 300;

/// The sentence `s` as evidence of the mention at byte `at` (of `len` bytes) inside it.
fn sentence_window(s: &str, at: usize, len: usize) -> String {
    let trimmed = s.trim();
    if trimmed.len() <= MAX_EVIDENCE_SENTENCE_CHARS
        || trimmed.chars().nth(MAX_EVIDENCE_SENTENCE_CHARS).is_none()
    {
        return trimmed.to_string();
    }
    let half = MAX_EVIDENCE_SENTENCE_CHARS / 2;
    // `half` characters before the mention, and `half` after it.
    let start = s[..at.min(s.len())]
        .char_indices()
        .rev()
        .nth(half - 1)
        .map_or(0, |(i, _)| i);
    let end_from = (at + len).min(s.len());
    let end = s[end_from..]
        .char_indices()
        .nth(half)
        .map_or(s.len(), |(i, _)| end_from + i);
    let (start, end) = (
        crate::text::floor_boundary(s, start),
        crate::text::floor_boundary(s, end),
    );
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(s[start..end].trim());
    if end < s.len() {
        out.push('…');
    }
    out
}

/// Scored candidates, best first, with what showing them as themes needs: their figures,
/// and the first of their mentions, as many as evidence may show. A document keeps these of
/// its leading candidates until the corpus's themes are added up, not its whole list of
/// candidates.
pub(super) struct Shares<'a> {
    pub(super) list: Vec<Share<'a>>,
    /// The variants each share absorbed, one share's after another.
    subsumes: Vec<&'a str>,
    /// The first mentions of each share, one share's after another.
    mentions: Vec<Mention>,
}

/// One scored candidate of [`Shares`].
pub(super) struct Share<'a> {
    pub(super) text: &'a str,
    pub(super) quoted: bool,
    pub(super) source: Source,
    pub(super) category: Option<Category>,
    pub(super) tf: u32,
    pub(super) weighted_tf: f64,
    pub(super) df: u64,
    pub(super) idf: f64,
    pub(super) boost: f64,
    pub(super) score: f64,
    /// A range of [`Shares::subsumes`].
    pub(super) subsumes: std::ops::Range<usize>,
    /// A range of [`Shares::mentions`].
    pub(super) mentions: std::ops::Range<usize>,
}

impl<'a> Shares<'a> {
    /// The scored candidates of `scores`, each with its first `max_evidence` mentions.
    pub(super) fn of(cands: &DocCandidates<'a>, scores: &Scores, max_evidence: usize) -> Self {
        let mut out = Shares {
            list: Vec::with_capacity(scores.list.len()),
            subsumes: Vec::new(),
            mentions: Vec::new(),
        };
        for sc in &scores.list {
            let c = &cands[sc.candidate];
            let (s0, m0) = (out.subsumes.len(), out.mentions.len());
            out.subsumes
                .extend(sc.subsumes.iter().map(|&k| cands[k].text));
            out.mentions.extend(
                scores.mentions[sc.mentions.clone()]
                    .iter()
                    .take(max_evidence)
                    .map(|&i| cands.mentions[i]),
            );
            out.list.push(Share {
                text: c.text,
                quoted: c.quoted,
                source: c.source,
                category: sc.category,
                tf: sc.mentions.len() as u32,
                weighted_tf: sc.weighted_tf,
                df: sc.df,
                idf: sc.idf,
                boost: sc.boost,
                score: sc.score,
                subsumes: s0..out.subsumes.len(),
                mentions: m0..out.mentions.len(),
            });
        }
        out
    }

    /// The first `n` shares as themes, with up to `max_evidence` pieces of evidence each.
    pub(super) fn themes(&self, doc: &Document, n: usize, max_evidence: usize) -> Vec<Theme> {
        (0..n.min(self.list.len()))
            .map(|k| self.theme(k, doc, max_evidence, false))
            .collect()
    }

    /// Share `k` as a theme, with up to `max_evidence` pieces of evidence (naming the
    /// document for corpus themes).
    pub(super) fn theme(
        &self,
        k: usize,
        doc: &Document,
        max_evidence: usize,
        name_document: bool,
    ) -> Theme {
        let sh = &self.list[k];
        let mut shown = doc.shown_of(sh.text);
        // A lexicon word's canonical form (酒驾醉驾) in a text that writes its mentions in
        // traditional characters (酒駕) is shown as the text writes its first mention.
        if std::ptr::eq(shown, sh.text)
            && let Some(m) = self.mentions.get(sh.mentions.start)
            && doc.shown(m.norm) != doc.text(m.norm)
        {
            shown = doc.shown(m.norm);
        }
        Theme {
            text: shown.to_string(),
            normalized: (shown != sh.text).then(|| sh.text.to_string()),
            score: sh.score,
            tf: sh.tf,
            weighted_tf: sh.weighted_tf,
            df: sh.df,
            idf: sh.idf,
            boost: sh.boost,
            quoted: sh.quoted,
            category: sh.category,
            source: sh.source,
            subsumes: self.subsumes[sh.subsumes.clone()]
                .iter()
                .map(|s| doc.shown_of(s).to_string())
                .collect(),
            evidence: self.evidence(k, doc, max_evidence, name_document).collect(),
        }
    }

    /// Up to `n` pieces of evidence of share `k`: its first mentions, each in its sentence.
    pub(super) fn evidence<'s>(
        &'s self,
        k: usize,
        doc: &'s Document,
        n: usize,
        name_document: bool,
    ) -> impl Iterator<Item = Evidence> + 's {
        self.mentions[self.list[k].mentions.clone()]
            .iter()
            .take(n)
            .map(move |m| {
                let s = &doc.sentences[m.sentence.index()];
                Evidence {
                    start: m.orig.start,
                    end: m.orig.end,
                    char_start: m.chars.start,
                    char_end: m.chars.end,
                    sentence: sentence_window(
                        doc.shown(s.norm),
                        m.norm.start - s.norm.start,
                        m.norm.len(),
                    ),
                    sentence_span: s.orig,
                    sentence_char_span: s.chars,
                    document: name_document.then(|| doc.id.clone()),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_is_quoted_around_the_mention() {
        let half = MAX_EVIDENCE_SENTENCE_CHARS / 2;
        let before = "甲".repeat(400);
        let after = "乙".repeat(400);
        let s = format!("{before}笑气{after}");
        let w = sentence_window(&s, before.len(), "笑气".len());
        assert_eq!(
            w,
            format!("…{}笑气{}…", "甲".repeat(half), "乙".repeat(half))
        );
        // Near an end, the window stops there, unmarked.
        let s = format!("甲甲笑气{after}");
        let w = sentence_window(&s, "甲甲".len(), "笑气".len());
        assert_eq!(w, format!("甲甲笑气{}…", "乙".repeat(half)));
        // A sentence of the longest length a quote takes whole is quoted whole.
        let s = "丙".repeat(MAX_EVIDENCE_SENTENCE_CHARS);
        assert_eq!(sentence_window(&s, 3, 3), s);
    }
}
