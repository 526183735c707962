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

/// Shortest line, in columns (a Han character takes two), that counts towards a text's
/// wrap width.
const WRAP_MIN_COLUMNS: usize = 30;

/// A line's width in columns: two for a character that is not ASCII, one for ASCII.
fn columns(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The width at which the page broke the lines of `lines` (the text of a PDF set in one
/// column): the width of the widest lines, past the widest tenth (a line can run past the
/// margin), when at least three lines and a third of the long ones come within a
/// twentieth of it. `None` for text whose lines are its paragraphs.
pub(super) fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| columns(l))
        .filter(|&w| w >= WRAP_MIN_COLUMNS)
        .collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    let width = *widths.get(widths.len() / 10)?;
    let near = widths
        .iter()
        .filter(|&&w| w * 20 >= width * 19 && w * 20 <= width * 21)
        .count();
    (near >= 3 && near * 3 >= widths.len()).then_some(width)
}

/// Whether `prev`, followed by the next line with no blank line between, was broken there
/// by the page's width `width`: it fills the width and ends no sentence (`推进警情⏎分流工作`
/// in a column of 28 characters).
pub(super) fn broken_by_width(prev: &str, width: usize) -> bool {
    columns(prev) * 100 >= width * 85 && !ends_sentence(prev) && !prev.ends_with(['：', ':'])
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

    #[test]
    fn lines_broken_by_the_page_width() {
        let column = [
            "象山县公安局坚持统筹推进护航亚运和社会面整体防",
            "控，通过12345热线等平台稳步推进警情分流工作，",
            "全县各派出所有效警情数同比下降12.93%。",
            "赛事期间，象山公安用警总量达3.9万人次，确保了",
            "105场沙排比赛顺利进行。",
            "创新发展，当好助力经济“服务员”",
        ];
        let width = wrap_width(&column).expect("a column");
        assert!(broken_by_width(column[0], width));
        assert!(broken_by_width(column[1], width));
        assert!(!broken_by_width(column[2], width), "a sentence ends");
        assert!(!broken_by_width(column[5], width), "short");
        // Lines that are paragraphs of their own have no wrap width.
        let paragraphs = [
            "事虽迩，不行不至。",
            "今年来，象山县公安局坚持以习近平新时代中国特色社会主义思想为指导，严格落实上级决策部署。",
            "象山县公安局民警辅警做好颁奖现场秩序维护工作。",
            "为持续打造一流治安环境，倾力构建平安象山，象山公安扎实推进道路隐患治理、源头风险监管、交通违法打击各项工作，今年以来交通事故发生数同比下降2.6%。",
        ];
        assert_eq!(wrap_width(&paragraphs), None);
        // Nor have the bundled reports, whose lines are paragraphs.
        for seed in [
            include_str!("../../seeds/000_12d651512e7a8b8a.txt"),
            include_str!("../../seeds/gw_1.txt"),
        ] {
            let lines: Vec<&str> = seed.lines().map(str::trim).collect();
            assert_eq!(wrap_width(&lines), None);
        }
    }
}
