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

/// Text derived from the original input, with a map back to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    runs: Vec<Run>,
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

    /// Appends `original[span]`, width-folded.
    ///
    /// `span` must lie on character boundaries of `original`; a span that does not is
    /// clamped to the nearest boundaries inside it.
    pub fn push_original(&mut self, original: &str, span: Span) {
        let start = floor_boundary(original, span.start.min(original.len()));
        let end = floor_boundary(original, span.end.min(original.len())).max(start);
        let piece = &original[start..end];
        let mut copy_from = 0;
        for (i, c) in piece.char_indices() {
            let folded = fold_width(c);
            if folded != c {
                self.push_copy(&piece[copy_from..i], start + copy_from);
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
        self.push_copy(&piece[copy_from..], start + copy_from);
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
