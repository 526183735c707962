//! Sentence boundaries of Chinese text, read by their bytes.

use super::Span;

/// Sentence spans of `s`: cut after `。！？!?…` and any closing quotes that follow, after
/// `；` (the units of an enumeration `一是…；二是…`), and at line breaks.
pub(crate) fn sentences_of(s: &str) -> impl Iterator<Item = Span> + '_ {
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
#[cfg(test)]
mod tests {
    use super::*;

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
}
