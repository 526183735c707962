//! Numbered lines of official documents: `一、` `（一）` `1.` `（1）` `①`.

use super::HEADING_MAX_CHARS;
use super::shape::is_heading;
use crate::text::{Span, is_cn_digit};

/// A numbered line: its number, the heading after it if the line has one, and the body text
/// that follows the heading (or the whole line after the number).
#[derive(Debug, Clone, Copy)]
pub(super) struct Numbered {
    pub(super) level: u8,
    pub(super) number: Span,
    pub(super) heading: Option<Span>,
    pub(super) body: Option<Span>,
}

/// The level and byte length of a numbering marker at the start of `s`: `一、` (1), `（一）` (2),
/// `1.` or `1、` (3), `（1）` or `①` (4).
pub(super) fn number_marker(s: &str) -> Option<(u8, usize)> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if is_cn_digit(first) {
        let end = s.find(|c: char| !is_cn_digit(c))?;
        return (s[end..].starts_with('、') && end <= 9).then_some((1, end + '、'.len_utf8()));
    }
    if matches!(first, '（' | '(') {
        let inner = &s[first.len_utf8()..];
        let n = inner.find(|c: char| !(is_cn_digit(c) || c.is_ascii_digit()))?;
        if n == 0 || n > 9 {
            return None;
        }
        let close = inner[n..].chars().next()?;
        if !matches!(close, '）' | ')') {
            return None;
        }
        let level = if inner[..n].chars().all(is_cn_digit) {
            2
        } else if inner[..n].chars().all(|c| c.is_ascii_digit()) {
            4
        } else {
            return None;
        };
        return Some((level, first.len_utf8() + n + close.len_utf8()));
    }
    if ('①'..='⑳').contains(&first) {
        return Some((4, first.len_utf8()));
    }
    if first.is_ascii_digit() {
        let n = s.find(|c: char| !c.is_ascii_digit())?;
        let sep = s[n..].chars().next()?;
        if n > 2 || !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        // `1.5万` is a number, not a heading.
        let after = s[n + sep.len_utf8()..].chars().next()?;
        return (!after.is_ascii_digit() && !after.is_whitespace())
            .then_some((3, n + sep.len_utf8()));
    }
    None
}

/// Reads a numbered line of an official document (`（一）坚持打防并举，社会治安持续向好。今年以来，…`).
pub(super) fn numbered(text: &str, line: Span) -> Option<Numbered> {
    let content = &text[line];
    let (level, len) = number_marker(content)?;
    let number = Span::new(line.start, line.start + len);
    let rest = &content[len..];
    let lead = rest.len() - rest.trim_start().len();
    let rest_start = number.end + lead;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return None;
    }
    let at = |a: usize, b: usize| Span::new(rest_start + a, rest_start + b);
    // A heading ends at its first full stop if what comes before is short enough.
    let first_end = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '：' | ':'));
    match first_end {
        Some((i, c)) if i > 0 && rest[..i].chars().count() <= HEADING_MAX_CHARS => {
            let after = i + c.len_utf8();
            let body = rest[after..].trim_start();
            let body_start = rest.len() - body.len();
            Some(Numbered {
                level,
                number,
                heading: Some(at(0, i)),
                body: (!body.is_empty()).then(|| at(body_start, rest.len())),
            })
        }
        Some(_) => Some(Numbered {
            level,
            number,
            heading: None,
            body: Some(at(0, rest.len())),
        }),
        None if is_heading(rest) => Some(Numbered {
            level,
            number,
            heading: Some(at(0, rest.len())),
            body: None,
        }),
        None => Some(Numbered {
            level,
            number,
            heading: None,
            body: Some(at(0, rest.len())),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::*;

    #[test]
    fn number_markers() {
        for (s, level) in [
            ("一、坚持", 1),
            ("十二、", 1),
            ("（一）重拳", 2),
            ("(三)保持", 2),
            ("1.攻坚", 3),
            ("2、打击", 3),
            ("（1）加强", 4),
            ("①强化", 4),
        ] {
            assert_eq!(number_marker(s).map(|m| m.0), Some(level), "{s}");
        }
        for s in [
            "1.5万人次",
            "一是强化",
            "2023年",
            "一个",
            "（注）",
            "十分重要",
        ] {
            assert_eq!(number_marker(s), None, "{s}");
        }
    }

    #[test]
    fn numbered_lines_opening_with_punctuation_have_no_empty_heading() {
        for text in ["一、。甲乙丙", "（一）：正文内容", "1.。abc"] {
            let r = Report::parse(text);
            for b in r.blocks() {
                assert!(!b.text().is_empty(), "{text}: empty block");
                assert_eq!(
                    b.span(),
                    Span::new(b.lines()[0].start, b.lines().last().map_or(0, |l| l.end))
                );
            }
            for s in r.sections() {
                assert!(!s.title().is_empty(), "{text}: empty title");
            }
        }
    }
}
