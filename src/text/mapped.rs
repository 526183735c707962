//! Width folding, and the offset map that ties derived text back to the original input.
//!
//! Everything jingwu analyses is a [`MappedText`]: a string built from pieces of the user's
//! input (a line, or several lines of a paragraph that the extraction broke apart), with
//! full-width ASCII letters and digits folded to ASCII so that the dictionary can match them.
//! Each byte range of the derived text maps back to a byte range of the original.

use crate::Span;

/// Folds a full-width ASCII letter or digit (`Ａ`, `ｚ`, `０`) to its ASCII form.
///
/// Other characters, Chinese punctuation included (`，` `：` `（`), are left alone.
///
/// ```
/// assert_eq!(jingwu::fold_width('１'), '1');
/// assert_eq!(jingwu::fold_width('Ａ'), 'A');
/// assert_eq!(jingwu::fold_width('，'), '，');
/// assert_eq!(jingwu::fold_width('警'), '警');
/// ```
pub fn fold_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// A character as the derived text has it: full-width letters and digits folded to ASCII,
/// and the ASCII punctuation of Chinese text to its full-width form. ASCII punctuation
/// counts as Chinese text's when a Han character or a full-width mark stands next to it (a
/// space between them aside, it is looked at only one character away) and it is not
/// between two digits (`1,000`, `14:44`).
fn fold_in_context(prev: Option<char>, c: char, next: Option<char>) -> char {
    let folded = fold_width(c);
    if folded != c || !matches!(c, ',' | ';' | ':' | '?' | '!' | '(' | ')') {
        return folded;
    }
    let chinese = |n: Option<char>| {
        n.is_some_and(|n| {
            super::is_han(n)
                || ('\u{3000}'..='\u{303F}').contains(&n)
                || ('\u{FF00}'..='\u{FF60}').contains(&n)
                || matches!(n, '“' | '”' | '‘' | '’' | '…' | '—')
        })
    };
    let digit = |n: Option<char>| n.is_some_and(|n| n.is_ascii_digit());
    if !(chinese(prev) || chinese(next)) || (digit(prev) && digit(next)) {
        return c;
    }
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        _ => '）',
    }
}

/// One stretch of the derived text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// Start in the derived text.
    norm: usize,
    /// Start in the original.
    orig: usize,
    /// Length in the derived text.
    norm_len: usize,
    /// Length in the original.
    orig_len: usize,
}

impl Run {
    /// A copied run maps byte for byte; a folded run is one character whose original
    /// encoding has another length.
    fn is_copy(&self) -> bool {
        self.norm_len == self.orig_len
    }
}

/// What a text's script can be, as far as its caller knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// Simplified characters only: nothing to fold.
    Simplified,
    /// Traditional characters, simplified ones or both.
    Either,
}

/// Text derived from the original input, with a map back to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    runs: Vec<Run>,
    /// Whether some traditional character was folded to a simplified one.
    script_folded: bool,
}

impl MappedText {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// The whole of `original`, width-folded.
    ///
    /// ```
    /// use jingwu::{MappedText, Span};
    ///
    /// let original = "拨打１２３４５热线";
    /// let text = MappedText::from_original(original);
    /// assert_eq!(text.as_str(), "拨打12345热线");
    /// // "12345" in the derived text is "１２３４５" in the original.
    /// let span = text.to_original(Span::new(6, 11));
    /// assert_eq!(&original[span], "１２３４５");
    /// ```
    pub fn from_original(original: &str) -> Self {
        let mut t = MappedText::new();
        t.push_original(original, Span::new(0, original.len()));
        t
    }

    /// Appends `original[span]`, folded: traditional characters to simplified ones, full-width
    /// letters and digits to ASCII, and the ASCII punctuation of Chinese text (`,` `;` `:`
    /// `?` `!` `(` `)` next to a Han character) to its full-width form.
    ///
    /// `span` must lie on character boundaries of `original`; a span that does not is
    /// clamped to the nearest boundaries inside it.
    ///
    /// ```
    /// use jingwu::{MappedText, Span};
    ///
    /// let original = "海上楓橋經驗,打造ＡＰＰ(試點)";
    /// let text = MappedText::from_original(original);
    /// assert_eq!(text.as_str(), "海上枫桥经验，打造APP（试点）");
    /// // A folded character keeps its place: 楓 is 枫, at the same bytes.
    /// assert_eq!(&original[text.to_original(Span::new(6, 9))], "楓");
    /// assert_eq!(text.unfolded_script(original), "海上楓橋經驗，打造APP（試點）");
    /// ```
    pub fn push_original(&mut self, original: &str, span: Span) {
        self.push_original_in(original, span, Script::Either);
    }

    /// [`MappedText::push_original`], told whether `original` can hold traditional
    /// characters at all: a caller that has looked at the whole text once spares each piece
    /// the look.
    pub(crate) fn push_original_in(&mut self, original: &str, span: Span, script: Script) {
        let start = floor_boundary(original, span.start.min(original.len()));
        let end = floor_boundary(original, span.end.min(original.len())).max(start);
        let piece = &original[start..end];
        // Folding the script keeps every character's length: the folded piece maps to the
        // original byte for byte.
        let simplified = match script {
            Script::Either => super::script::to_simplified(piece),
            Script::Simplified => None,
        };
        self.script_folded |= simplified.is_some();
        let source = simplified.as_deref().unwrap_or(piece);
        let mut copy_from = 0;
        let mut prev: Option<char> = None;
        let mut chars = source.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let folded = fold_in_context(prev, c, next);
            prev = Some(c);
            if folded != c {
                self.push_copy(&source[copy_from..i], start + copy_from);
                let norm = self.text.len();
                self.text.push(folded);
                self.runs.push(Run {
                    norm,
                    orig: start + i,
                    norm_len: folded.len_utf8(),
                    orig_len: c.len_utf8(),
                });
                copy_from = i + c.len_utf8();
            }
        }
        self.push_copy(&source[copy_from..], start + copy_from);
    }

    /// Whether some traditional character was folded to a simplified one.
    pub fn is_script_folded(&self) -> bool {
        self.script_folded
    }

    /// The derived text in the script of `original`, the text it was derived from: each
    /// character the derived text copied is shown as the original writes it (海上楓橋經驗),
    /// width-folded characters and punctuation as folded. It has the derived text's length,
    /// so the derived text's offsets apply to it.
    pub fn unfolded_script(&self, original: &str) -> String {
        if !self.script_folded {
            return self.text.clone();
        }
        let mut out = String::with_capacity(self.text.len());
        for r in &self.runs {
            let derived = self
                .text
                .get(r.norm..r.norm + r.norm_len)
                .unwrap_or_default();
            let shown = if r.is_copy() {
                original.get(r.orig..r.orig + r.orig_len).unwrap_or(derived)
            } else {
                derived
            };
            out.push_str(shown);
        }
        out
    }

    fn push_copy(&mut self, piece: &str, orig: usize) {
        if piece.is_empty() {
            return;
        }
        let norm = self.text.len();
        self.text.push_str(piece);
        if let Some(last) = self.runs.last_mut()
            && last.is_copy()
            && last.norm + last.norm_len == norm
            && last.orig + last.orig_len == orig
        {
            last.norm_len += piece.len();
            last.orig_len += piece.len();
            return;
        }
        self.runs.push(Run {
            norm,
            orig,
            norm_len: piece.len(),
            orig_len: piece.len(),
        });
    }

    /// The derived text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the derived text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the derived text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Maps a byte offset of the derived text, taken as the start of something, to the
    /// original.
    pub fn start_to_original(&self, pos: usize) -> usize {
        let i = self.runs.partition_point(|r| r.norm + r.norm_len <= pos);
        match self.runs.get(i) {
            Some(r) if r.is_copy() => r.orig + pos.saturating_sub(r.norm),
            Some(r) => r.orig,
            None => self.runs.last().map_or(0, |r| r.orig + r.orig_len),
        }
    }

    /// Maps a byte offset of the derived text, taken as the end of something, to the
    /// original.
    pub fn end_to_original(&self, pos: usize) -> usize {
        let i = self.runs.partition_point(|r| r.norm + r.norm_len < pos);
        match self.runs.get(i) {
            Some(r) if r.norm >= pos => r.orig,
            Some(r) if r.is_copy() => r.orig + (pos - r.norm),
            Some(r) => r.orig + r.orig_len,
            None => self.runs.last().map_or(0, |r| r.orig + r.orig_len),
        }
    }

    /// Maps a span of the derived text to the span of the original it came from.
    ///
    /// A span that crosses a repaired line break maps to a span that includes the break.
    pub fn to_original(&self, span: Span) -> Span {
        // Most text is one copied run.
        if let [r] = self.runs.as_slice()
            && r.is_copy()
            && r.norm == 0
            && span.end <= r.norm_len
        {
            return Span::new(r.orig + span.start, r.orig + span.end.max(span.start));
        }
        let start = self.start_to_original(span.start);
        let end = self.end_to_original(span.end).max(start);
        Span::new(start, end)
    }

    /// The span of the original that the whole text came from.
    pub fn original_span(&self) -> Span {
        match (self.runs.first(), self.runs.last()) {
            (Some(a), Some(b)) => Span::new(a.orig, b.orig + b.orig_len),
            _ => Span::default(),
        }
    }
}

/// Largest char boundary of `s` at or below `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters_and_digits_only() {
        let t = MappedText::from_original("ＡＰＰ，１２３（ｘ）");
        assert_eq!(t.as_str(), "APP，123（x）");
    }

    #[test]
    fn maps_every_token_back() {
        let original = "下载ＡＰＰ后拨打１２３";
        let t = MappedText::from_original(original);
        let s = t.as_str();
        let app = s.find("APP").unwrap();
        let span = t.to_original(Span::new(app, app + 3));
        assert_eq!(&original[span], "ＡＰＰ");
        let hou = s.find('后').unwrap();
        assert_eq!(&original[t.to_original(Span::new(hou, hou + 3))], "后");
        let whole = t.to_original(Span::new(0, s.len()));
        assert_eq!(whole, Span::new(0, original.len()));
        let n = s.find("23").unwrap();
        assert_eq!(&original[t.to_original(Span::new(n, n + 2))], "２３");
    }

    #[test]
    fn joined_pieces_map_across_the_break() {
        let original = "推进警情\n\n分流工作";
        let mut t = MappedText::new();
        t.push_original(original, Span::new(0, 12));
        t.push_original(original, Span::new(14, original.len()));
        assert_eq!(t.as_str(), "推进警情分流工作");
        let s = t.as_str();
        let i = s.find("情分").unwrap();
        let span = t.to_original(Span::new(i, i + 6));
        assert_eq!(&original[span], "情\n\n分");
        let j = s.find("分流").unwrap();
        assert_eq!(&original[t.to_original(Span::new(j, j + 6))], "分流");
        assert_eq!(&original[t.to_original(Span::new(0, 12))], "推进警情");
    }

    #[test]
    fn empty_text_maps_to_zero() {
        let t = MappedText::new();
        assert_eq!(t.to_original(Span::new(0, 0)), Span::new(0, 0));
        assert_eq!(t.original_span(), Span::default());
    }
}
