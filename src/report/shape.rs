//! The shapes of lines: where sentences end, what a heading and a caption look like.

use super::{CAPTION_MAX_CHARS, HEADING_MAX_CHARS};

/// Sentence-final punctuation.
pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '.')
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
pub(super) fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》' | '"' | '\'')
}

pub(super) fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '（' | '(' | '《')
}

/// Whether the line ends a sentence (`。`, `！”`, `？）`).
pub(super) fn ends_sentence(s: &str) -> bool {
    let mut it = s.chars().rev().skip_while(|&c| is_closing(c));
    it.next().is_some_and(is_sentence_end)
}

/// Whether quotes or brackets opened in `s` are left open.
pub(super) fn unbalanced(s: &str) -> bool {
    let mut depth: i32 = 0;
    for c in s.chars() {
        if is_opening(c) {
            depth += 1;
        } else if matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '》') {
            depth -= 1;
        }
    }
    depth > 0 || s.chars().filter(|&c| c == '"').count() % 2 == 1
}

pub(super) fn is_heading(s: &str) -> bool {
    let n = s.chars().count();
    n <= HEADING_MAX_CHARS
        && !ends_sentence(s)
        && !s.ends_with(['，', '、', ',', '：', ':'])
        && !s.contains(['。', '！', '？', '；'])
}

/// Whether a line can be a report's headline: a heading, or a short line that exclaims or
/// asks inside or at its end (`拒绝非法寄递烟花爆竹！冰城公安…拧紧“安全弦”`), as news
/// headlines do, but holds no statement (`。`, `；`).
pub(super) fn is_headline(s: &str) -> bool {
    is_heading(s)
        || (s.chars().count() <= HEADING_MAX_CHARS
            && !s.contains(['。', '；', ';'])
            && !s.ends_with(['，', '、', ',', '：', ':']))
}

pub(super) fn is_caption(s: &str) -> bool {
    s.chars().count() <= CAPTION_MAX_CHARS
        && s.ends_with('。')
        && s.chars().filter(|&c| is_sentence_end(c)).count() == 1
}
