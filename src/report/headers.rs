//! Section headers: a bureau's name ending in a colon (`象山公安：`), or a police body's
//! name followed by its part's headline (`港航公安  守护东方大港平安`).

use super::shape::{ends_sentence, is_heading};
use super::{HEADING_MAX_CHARS, SECTION_HEADER_MAX_CHARS};
use crate::vocab::cues;

/// `象山公安：` → `象山公安`: a short line ending in a colon, with no other punctuation.
pub(super) fn section_title(line: &str) -> Option<&str> {
    let title = line
        .strip_suffix('：')
        .or_else(|| line.strip_suffix(':'))?
        .trim_end();
    let n = title.chars().count();
    if n == 0 || n > SECTION_HEADER_MAX_CHARS {
        return None;
    }
    title
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '·')
        .then_some(title)
}

/// `港航公安  守护东方大港平安` → the title `港航公安` and the byte offset of the headline
/// after it: a police body's short name, a space (or `｜`, `|`), and a line that reads as
/// a heading.
pub(super) fn section_title_and_subhead(line: &str) -> Option<(&str, usize)> {
    // A header line is short, and its headline ends in no full stop; a paragraph's or a
    // caption's is not looked into.
    if line.len() > 4 * (SECTION_HEADER_MAX_CHARS + 1 + HEADING_MAX_CHARS) || ends_sentence(line) {
        return None;
    }
    let is_gap = |c: char| c.is_whitespace() || c == '｜' || c == '|';
    // The title is at most 16 characters: its end is in the first 68 bytes.
    let head = &line
        [..crate::text::floor_boundary(line, line.len().min(4 * (SECTION_HEADER_MAX_CHARS + 1)))];
    let split = head.find(is_gap)?;
    let title = &line[..split];
    let rest = &line[split..];
    let subhead = rest.trim_start_matches(is_gap);
    let n = title.chars().count();
    // 象山公安, not 全市公安 or 各地公安 (all the bureaus of a place, or every place's).
    let named = cues().body_suffixes.iter().any(|e| {
        title.strip_suffix(e).is_some_and(|name| {
            name.chars().count() >= 2 && !name.starts_with(['全', '各', '我', '本'])
        })
    });
    (named
        && n <= SECTION_HEADER_MAX_CHARS
        && title.chars().all(char::is_alphanumeric)
        && !subhead.is_empty()
        && is_heading(subhead))
    .then_some((title, line.len() - subhead.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_titles_with_their_headline() {
        let line = "港航公安  守护东方大港平安";
        assert_eq!(
            section_title_and_subhead(line),
            Some(("港航公安", "港航公安  ".len()))
        );
        assert_eq!(
            section_title_and_subhead("慈溪交警｜打通交通治理“最后一公里”"),
            Some(("慈溪交警", "慈溪交警｜".len()))
        );
        assert_eq!(
            section_title_and_subhead("北仑公安分局\u{3000}护航复工复产"),
            Some(("北仑公安分局", "北仑公安分局\u{3000}".len()))
        );
        // No police body, no headline, a sentence, or a body without a name: no section.
        assert_eq!(section_title_and_subhead("平安建设 巡礼"), None);
        assert_eq!(section_title_and_subhead("港航公安  "), None);
        assert_eq!(
            section_title_and_subhead("港航公安 全力守护港区平安，成效明显。"),
            None
        );
        assert_eq!(section_title_and_subhead("公安 守护平安"), None);
        assert_eq!(section_title_and_subhead("各地公安机关 守护平安"), None);
        assert_eq!(section_title_and_subhead("全市公安 众志成城"), None);
    }

    #[test]
    fn section_titles() {
        assert_eq!(section_title("象山公安："), Some("象山公安"));
        assert_eq!(section_title("Ningbo:"), Some("Ningbo"));
        assert_eq!(section_title("主要做法如下，包括："), None);
        assert_eq!(section_title("："), None);
        assert_eq!(section_title("象山公安"), None);
    }
}
