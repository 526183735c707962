//! Page furniture: what a web page prints around a report (breadcrumbs, the page's
//! metadata, menus, separators), kept apart from the report's text.

use crate::vocab::cues;

/// Longest line, in characters, that a menu of short lines is made of.
const MENU_ITEM_MAX_CHARS: usize = 10;
/// Fewest short lines in a row that make a menu.
const MENU_MIN_LINES: usize = 4;
/// Longest line, in characters, that can be furniture of one line.
const LINE_MAX_CHARS: usize = 120;

/// Why a line is page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Furniture {
    /// `首页 > 新闻中心 > 警务动态`: where the page stands in its site.
    Breadcrumb,
    /// `来源：新甘肃·甘肃法治报`, `发布时间:2024-11-25 来源:…`: the page's record of itself.
    Metadata,
    /// `[序言] [行动] [人事及训练]`, or a run of short lines: links to other pages.
    Menu,
    /// A line without a Han character and short (`|`, `NEWS`, `2026/03/17`, a lone `1`).
    Stray,
    /// The site speaking of itself (`欢迎访问…`, `…主办`, `报料热线：…`, `友善列印`).
    Site,
}

/// Whether the line `line` (read with traditional characters folded) is furniture on its
/// own, and which.
pub(super) fn furniture(line: &str) -> Option<Furniture> {
    // At most four bytes a character: a long line is ruled out by its length.
    if line.len() > 4 * LINE_MAX_CHARS {
        return None;
    }
    let n = line.chars().count();
    if n > LINE_MAX_CHARS {
        return None;
    }
    if !line.chars().any(crate::text::is_han) && n <= 2 * MENU_ITEM_MAX_CHARS {
        return Some(Furniture::Stray);
    }
    let cues = cues();
    let bare = line.trim_start_matches(['•', '·', '|', ' ', '\u{3000}']);
    if is_breadcrumb(line) || cues.location_labels.iter().any(|l| bare.starts_with(l)) {
        return Some(Furniture::Breadcrumb);
    }
    if is_metadata(line) || is_edition(line) || cues.page_fields.contains(&bare) {
        return Some(Furniture::Metadata);
    }
    if is_bracketed_menu(line) || is_separated_menu(line) {
        return Some(Furniture::Menu);
    }
    if n <= SITE_LINE_MAX_CHARS
        && !line.contains(['。', '！', '？', '；'])
        && cues.page_phrases.iter().any(|p| line.contains(p))
    {
        return Some(Furniture::Site);
    }
    None
}

/// Longest line, in characters, that the site's own words make furniture of.
const SITE_LINE_MAX_CHARS: usize = 40;

/// `《 舟山日报 》( 2025年03月27日 第 04 版 )`: a newspaper's name and the date and page of
/// the edition.
fn is_edition(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('《')
        && t.chars().count() <= SITE_LINE_MAX_CHARS
        && t.chars().filter(char::is_ascii_digit).count() >= 4
        && !t.contains(['。', '，'])
}

/// `社长致辞 | 出版社简介 | 帮助中心`, `首页 • 新闻 • 警务公开`: three or more short items
/// between bars or bullets, none a sentence.
fn is_separated_menu(line: &str) -> bool {
    if line.contains(['。', '，', '！', '？', '；']) {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['|', '｜', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| p.chars().count() <= 2 * MENU_ITEM_MAX_CHARS)
}

/// `首页 > 新闻`, `您当前的位置 : 中国甘肃网 >> 法治甘肃 >> 本网关注`: two or more arrows
/// between short parts, none of them a sentence or markup.
fn is_breadcrumb(line: &str) -> bool {
    if line.contains(['<', '。', '！', '？', '，', '；']) {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['>', '＞', '›', '»', '→'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| p.chars().count() <= 2 * MENU_ITEM_MAX_CHARS)
}

/// Whether the line opens with a label of the page's metadata and a colon (来源：…,
/// 原标题：…), or holds two such labels ([作者:… 发布时间:… 来源:…]).
fn is_metadata(line: &str) -> bool {
    let fields = &cues().page_fields;
    let body = line.trim_start_matches(['[', '【', '(', '（', ' ', '\u{3000}']);
    // A date or time first (2025-07-11 14:44 来源:…) is the page's too.
    let body = body.trim_start_matches(|c: char| c.is_ascii_digit() || "-/:： .年月日".contains(c));
    let labelled = |s: &str| {
        fields.iter().any(|f| {
            s.strip_prefix(f)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
        })
    };
    if labelled(body) {
        return true;
    }
    // Labels further on: two of them, each before a colon.
    let mut labels = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, ':' | '：') {
            let before = line[..i].trim_end();
            if fields.iter().any(|f| before.ends_with(f)) {
                labels += 1;
            }
        }
    }
    labels >= 2
}

/// `[抱负、目标、价值观] [序言] [行动]`: three or more bracketed items and nothing else.
fn is_bracketed_menu(line: &str) -> bool {
    let mut items = 0;
    let mut rest = line.trim();
    while let Some(open) = rest.strip_prefix(['[', '【']) {
        let Some(close) = open.find([']', '】']) else {
            return false;
        };
        items += 1;
        let after = &open[close..];
        let width = after.chars().next().map_or(1, char::len_utf8);
        rest = after[width..].trim_start();
    }
    items >= 3 && rest.is_empty()
}

/// Whether a line could be an item of a menu of short lines: short, without sentence
/// punctuation.
pub(super) fn is_menu_item(line: &str) -> bool {
    line.len() <= 4 * MENU_ITEM_MAX_CHARS
        && line.chars().count() <= MENU_ITEM_MAX_CHARS
        && !line.contains(['。', '，', '！', '？', '；', '：', ',', ':'])
}

/// The lines that stand in a menu of short lines: `MENU_MIN_LINES` or more in a row for
/// which `item` holds.
pub(super) fn menu_runs(items: &[bool]) -> Vec<bool> {
    let mut out = vec![false; items.len()];
    let mut start = 0;
    while start < items.len() {
        if !items[start] {
            start += 1;
            continue;
        }
        let end = items[start..]
            .iter()
            .position(|&i| !i)
            .map_or(items.len(), |k| start + k);
        if end - start >= MENU_MIN_LINES {
            out[start..end].iter_mut().for_each(|o| *o = true);
        }
        start = end;
    }
    out
}

/// Whether a line is a date alone (`2026/03/17`, `2023-12-13 10:05`).
fn is_date(line: &str) -> bool {
    // `2023-12-13 10:05:30`, `2026年03月17日`: a date alone is short.
    if line.len() > 32 {
        return false;
    }
    let digits = line.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || "-/.: 年月日".contains(c))
}

/// The lines that stand in a list of dated links: two or more dates in a row, each followed
/// by one line (a headline), as a page lists its other articles.
pub(super) fn dated_lists(lines: &[&str]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let pair = |k: usize| is_date(lines[k]) && lines.get(k + 1).is_some_and(|l| !is_date(l));
    let mut k = 0;
    while k < lines.len() {
        let mut end = k;
        while end < lines.len() && pair(end) {
            end += 2;
        }
        if end - k >= 4 {
            out[k..end].iter_mut().for_each(|o| *o = true);
            k = end;
        } else {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_furniture() {
        for (line, kind) in [
            (
                "您当前的位置 : 中国甘肃网 >> 法治甘肃 >> 本网关注",
                Some(Furniture::Breadcrumb),
            ),
            ("首页 > 新闻中心 > 警务动态", Some(Furniture::Breadcrumb)),
            (
                "2025-07-11 14:44 来源:新甘肃·甘肃法治报",
                Some(Furniture::Metadata),
            ),
            (
                "发布时间:2024-11-25 03:34:32 来源: sp20241125",
                Some(Furniture::Metadata),
            ),
            ("原标题:筑牢“反诈墙”守护“钱袋子”", Some(Furniture::Metadata)),
            (
                "[作者:张三 发布时间:2023-05-01 来源:市公安局]",
                Some(Furniture::Metadata),
            ),
            ("单位:警政署", Some(Furniture::Metadata)),
            ("责任编辑：李四", Some(Furniture::Metadata)),
            (
                "[抱负、目标、价值观] [序言] [行动] [人事及训练]",
                Some(Furniture::Menu),
            ),
            ("|", Some(Furniture::Stray)),
            ("NEWS", Some(Furniture::Stray)),
            ("1", Some(Furniture::Stray)),
            ("象山公安：", None),
            ("时间印刻梦想的足迹，历史记录奋斗的华章。", None),
            ("来源于群众的线索，是破案的关键。", None),
            ("一、坚持打防并举", None),
            ("平安建设巡礼", None),
            ("有人写下 <script>alert(1)</script> 也只是文字。", None),
            ("数量由5>3变为8>6，再到10>9。", None),
            (
                "当前位置：首页 > 办公文档 > 全区公安机关打击治理电信网络新型违法犯罪工作总结",
                Some(Furniture::Breadcrumb),
            ),
            ("您的位置 首页 资讯", Some(Furniture::Breadcrumb)),
            (
                "《 舟山日报 》( 2025年03月27日 第 04 版 )",
                Some(Furniture::Metadata),
            ),
            ("字数", Some(Furniture::Metadata)),
            (
                "收藏中国人民公安大学出版社 社长致辞 | 出版社简介 | 帮助中心",
                Some(Furniture::Menu),
            ),
            ("您好，欢迎访问三七文档", Some(Furniture::Site)),
            ("长城新媒体集团  主办", Some(Furniture::Site)),
            ("报料热线：81850000", Some(Furniture::Site)),
            ("按Enter到主内容区", Some(Furniture::Site)),
            ("“净网2020”专项行动由市公安局主办。", None),
            ("《反电信网络诈骗法》施行一周年，全市发案下降。", None),
            ("严打·严防·严管", None),
        ] {
            assert_eq!(furniture(line), kind, "{line}");
        }
    }

    #[test]
    fn dated_links_in_a_row_are_a_list() {
        let lines = [
            "快讯",
            "2026/03/17",
            "竹市消防危险加给每月最高增领3,880元",
            "2026/03/17",
            "长青桌球锦标赛3月21日澎湖登场",
            "最新消息",
            "2023/12/13",
            "『讯』雷出击 刑事局阻诈行动不间断",
            "近期，诈骗集团利用人头门号发送诈骗简讯。",
        ];
        let list = dated_lists(&lines);
        assert_eq!(
            list,
            [false, true, true, true, true, false, false, false, false]
        );
    }

    #[test]
    fn a_run_of_short_lines_is_a_menu() {
        let items = [true, true, false, true, true, true, true, false, true];
        assert_eq!(
            menu_runs(&items),
            [false, false, false, true, true, true, true, false, false]
        );
        assert!(is_menu_item("地方新闻") && !is_menu_item("象山公安："));
    }
}
