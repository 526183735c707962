//! Repair: whether a blank line between two lines is damage from the extraction (a
//! paragraph cut in the middle of a word) rather than a real break.

use super::HEADING_MAX_CHARS;
use super::numbered::number_marker;
use super::shape::{ends_sentence, is_opening, unbalanced};
use crate::vocab::cues;

/// Whether a line looks like a complete heading rather than the start of a sentence: it has
/// two parts, a quoted name, or a colon.
pub(super) fn has_heading_shape(s: &str) -> bool {
    s.contains([' ', '\u{3000}', '，', '“', '‘', '「', '：', '《'])
}

/// Whether a blank line between `prev` and `next` is damage from the extraction rather than
/// a real break: `稳步推进警情⏎⏎分流工作`, `作为全市商业秘密保护创新⏎⏎试点，`.
pub(super) fn should_join(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) || prev.ends_with(['：', ':']) || number_marker(next).is_some() {
        return false;
    }
    if unbalanced(prev) || prev.ends_with(['，', '、', ',']) {
        return true;
    }
    if prev.chars().count() > HEADING_MAX_CHARS {
        return true;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    let cues = cues();
    if cues.bound_initials.contains(&first) {
        return true;
    }
    if prev.contains('、') || prev.matches('，').count() >= 2 {
        return true;
    }
    if is_opening(first) {
        return false;
    }
    // A short heading-like line: the start of a sentence if what follows opens with a bare
    // fragment (`试点，`) rather than an adverbial (`今年，`) or a full clause.
    let clause_end = next
        .find(['，', '、', '。', '；', '：', '！', '？', ','])
        .unwrap_or(next.len());
    let clause = &next[..clause_end];
    if has_heading_shape(prev) {
        return false;
    }
    cues.clause_openers.iter().any(|o| prev.starts_with(o))
        || (clause.chars().count() <= 3 && !cues.openers.contains(&clause))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        // Long line without final punctuation.
        assert!(should_join(
            "象山县公安局坚持统筹推进护航亚运和社会面整体防控，通过12345热线等平台稳步推进警情",
            "分流工作，全县各派出所有效警情数同比下降12.93%。"
        ));
        // Short first line of a paragraph.
        assert!(should_join(
            "作为全市商业秘密保护创新",
            "试点，象山县公安局探索建立"
        ));
        // Headings stay.
        assert!(!should_join(
            "创新发展，当好助力经济“服务员”",
            "今年，某水产公司"
        ));
        assert!(!should_join(
            "护航亚运，贡献最美“平安蓝”",
            "“从进亚运村开始"
        ));
        assert!(!should_join(
            "四大举措 交出高分平安成绩单",
            "今年以来，慈溪公安承载使命"
        ));
        assert!(!should_join("事虽迩，不行不至。", "象山县公安局"));
        // Open quote.
        assert!(should_join(
            "围绕“交通拥堵全域治理、交通乱象全",
            "面治理”目标"
        ));
        // Particle.
        assert!(should_join("这一年，这样", "的“模范卷”慈溪公安还答了很多"));
    }
}
