//! Segmentation: lexicon words come out whole, tokens point into the original, and ordinary
//! text is cut as plain jieba cuts it.

mod common;

use jingwu::{Report, Segmenter, Span, TokenKind};
use proptest::prelude::*;
use std::sync::OnceLock;

fn seed_words() -> Vec<String> {
    let text = common::seed();
    let report = Report::parse(&text);
    let mut words = Vec::new();
    for b in report.blocks() {
        let seg = common::segmenter().segment_block(&text, b);
        words.extend(seg.tokens().map(|t| t.text().to_string()));
    }
    words
}

#[test]
fn policing_terms_are_single_tokens_in_the_seed() {
    let words = seed_words();
    for w in [
        "海上枫桥经验",
        "共富警务",
        "公安大脑",
        "电信网络诈骗",
        "笑气",
        "矛盾纠纷",
    ] {
        assert!(words.iter().any(|x| x == w), "{w} is not one token");
    }
    assert!(!words.iter().any(|x| x == "笑"), "笑气 is cut");
}

#[test]
fn every_lexicon_word_comes_out_whole_with_its_category() {
    // Alone, and between the words reports put around a theme (开展…工作, 深化…, …成效): no
    // token boundary falls inside the word (a longer word of jieba's dictionary may hold
    // it: 信访工作), and a token that is the word carries its category.
    let seg = common::segmenter();
    let mut split = Vec::new();
    for e in jingwu::Lexicon::policing().iter() {
        let w = e.word();
        let alone = seg.segment(w);
        let tokens: Vec<_> = alone.tokens().collect();
        assert!(
            matches!(tokens.as_slice(), [t] if t.category() == e.category()),
            "{w} alone: {:?}",
            tokens.iter().map(|t| t.text()).collect::<Vec<_>>()
        );
        for text in [format!("开展{w}工作"), format!("深化{w}，{w}成效明显。")] {
            let s = seg.segment(&text);
            let bounds: Vec<usize> = s.tokens().map(|t| t.span().start).collect();
            for (at, _) in text.match_indices(w) {
                if bounds.iter().any(|&b| b > at && b < at + w.len()) {
                    split.push(format!("{w} in {text}"));
                }
            }
            for t in s.tokens().filter(|t| t.text() == w) {
                assert_eq!(t.category(), e.category(), "{w} in {text}");
            }
        }
    }
    assert!(split.is_empty(), "cut apart: {split:?}");
}

#[test]
fn tokens_carry_kinds_and_categories() {
    let text = "慈溪公安严打电信网络诈骗，今年以来破获12起，下载ＡＰＰ。";
    let seg = common::segmenter().segment(text);
    let find = |w: &str| {
        seg.tokens()
            .find(|t| t.text() == w)
            .unwrap_or_else(|| panic!("no token {w}"))
    };
    assert_eq!(find("电信网络诈骗").kind(), TokenKind::Word);
    assert_eq!(
        find("电信网络诈骗").category(),
        Some(jingwu::Category::Crime)
    );
    assert_eq!(find("今年以来").kind(), TokenKind::StopWord);
    assert_eq!(find("12").kind(), TokenKind::Number);
    assert_eq!(find("，").kind(), TokenKind::Punctuation);
    let app = find("APP");
    assert_eq!(app.kind(), TokenKind::Latin);
    assert_eq!(&text[app.span()], "ＡＰＰ");
    assert_eq!(app.char_span(), Span::new(25, 28));
}

#[test]
fn spans_in_a_report_point_into_the_original() {
    let text = common::seed();
    let report = Report::parse(&text);
    for b in report.blocks() {
        let seg = common::segmenter().segment_block(&text, b);
        let mut chars_before = 0;
        for t in seg.tokens().filter(|t| t.kind() != TokenKind::Whitespace) {
            // A token across a repaired break covers the break in the original.
            let original: String = text[t.span()].split_whitespace().collect();
            assert_eq!(common::fold(&original), t.text());
            let cs = t.char_span();
            assert_eq!(
                text.chars()
                    .take(cs.start)
                    .map(char::len_utf8)
                    .sum::<usize>(),
                t.span().start
            );
            assert!(cs.start >= chars_before);
            chars_before = cs.end;
        }
    }
}

/// Ordinary news sentences, with no policing vocabulary in particular.
const GENERAL: &[&str] = &[
    "我来到北京清华大学读书。",
    "今天的天气很好，适合出去散步。",
    "这家公司去年的营业收入增长了百分之十二。",
    "小明硕士毕业于中国科学院计算所，后在日本京都大学深造。",
    "他不断卡住自己的位置，直到比赛结束。",
    "市场监管部门表示将加强对食品价格的监测。",
    "春节期间，铁路部门计划加开临时列车。",
    "研究人员发现这种植物能够适应干旱的环境。",
    "两卡车的货物已经运到了仓库。",
    "学校组织学生参观了博物馆和科技馆。",
    "他在会上介绍了新产品的设计思路和市场前景。",
    "全市新增绿地面积三百公顷，建成口袋公园二十个。",
    "这部电影讲述了一个家庭三代人的故事。",
    "农民们正在田里收割成熟的稻谷。",
    "银行下调了部分存款产品的利率。",
    "图书馆延长了周末的开放时间，方便读者借阅。",
    "运动员在比赛中打破了全国纪录。",
    "医院开设了夜间门诊，缓解白天看病难的问题。",
    "城市地铁新线路将于明年年底通车。",
    "志愿者们为社区老人送去了生活用品。",
];

fn plain() -> &'static Segmenter {
    static PLAIN: OnceLock<Segmenter> = OnceLock::new();
    PLAIN.get_or_init(|| Segmenter::builder().without_policing_lexicon().build())
}

#[test]
fn general_text_is_cut_as_plain_jieba_cuts_it() {
    for s in GENERAL {
        let ours: Vec<(Span, bool)> = common::segmenter()
            .segment(s)
            .tokens()
            .map(|t| (t.span(), t.category().is_some()))
            .collect();
        let theirs: Vec<Span> = plain().segment(s).tokens().map(|t| t.span()).collect();
        if ours.iter().map(|t| t.0).eq(theirs.iter().copied()) {
            continue;
        }
        // Where the cuts differ, a lexicon word must be the reason.
        for &(span, lexicon) in &ours {
            if !theirs.contains(&span) {
                assert!(
                    lexicon,
                    "`{s}`: `{}` differs from plain jieba without a lexicon word",
                    &s[span]
                );
            }
        }
    }
}

/// What a segmentation says of each token.
fn described(seg: &Segmenter, text: &str) -> Vec<(Span, String, TokenKind, jingwu::Pos)> {
    seg.segment(text)
        .tokens()
        .map(|t| (t.span(), t.text().to_string(), t.kind(), t.pos()))
        .collect()
}

#[test]
fn parts_of_speech_are_jiebas_in_context() {
    // Words are tagged from what the thread has met; the result must be what jieba's tagger
    // says of the same words in their sentences.
    let jieba = jieba_rs::Jieba::new();
    let text = common::fold(&common::seed());
    let mut compared = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let tags: std::collections::HashMap<usize, &str> = jieba
            .tag(line, true)
            .into_iter()
            .map(|t| (t.byte_start, t.tag))
            .collect();
        for t in plain().segment(line).tokens() {
            let long_name = t.pos() == jingwu::Pos::Noun && t.text().chars().count() >= 4;
            if t.kind() != TokenKind::Word || long_name {
                continue;
            }
            if let Some(tag) = tags.get(&t.span().start) {
                assert_eq!(
                    t.pos(),
                    jingwu::Pos::from_tag(tag),
                    "`{}` in `{line}`",
                    t.text()
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 500, "only {compared} words compared");
}

#[test]
fn what_a_thread_has_met_changes_no_segmentation() {
    let seed = common::seed();
    let texts: Vec<&str> = seed.lines().filter(|l| l.chars().count() > 10).collect();
    let cold: Vec<_> = texts
        .iter()
        .map(|t| std::thread::scope(|s| s.spawn(|| described(common::segmenter(), t)).join()))
        .map(|r| r.expect("a segmentation thread finished"))
        .collect();
    // Warm: one thread, every text in reverse order, with another segmenter in between.
    let warm = std::thread::scope(|s| {
        s.spawn(|| {
            let mut out: Vec<_> = texts
                .iter()
                .rev()
                .map(|t| {
                    let _ = plain().segment(t);
                    described(common::segmenter(), t)
                })
                .collect();
            out.reverse();
            out
        })
        .join()
    })
    .expect("the warm thread finished");
    assert_eq!(cold, warm);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tokens_tile_the_input(text in "(\\PC|[\\n\\t ])*") {
        let seg = common::segmenter().segment(&text);
        let mut at = 0;
        let mut chars = 0;
        for t in seg.tokens() {
            let span = t.span();
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert_eq!(span.start, at, "tokens are ordered and leave nothing out");
            prop_assert!(span.end > span.start);
            prop_assert!(common::folds_to(&text[span], t.text()), "{:?} is not {:?} folded", t.text(), &text[span]);
            prop_assert_eq!(t.char_span().start, chars);
            chars += text[span].chars().count();
            prop_assert_eq!(t.char_span().end, chars);
            at = span.end;
        }
        prop_assert_eq!(at, text.len());
        let joined: String = seg.sentences().map(|s| s.text()).collect();
        prop_assert!(common::folds_to(&text, &joined));
        for s in seg.sentences() {
            let toks: String = s.tokens().map(|t| t.text()).collect();
            prop_assert_eq!(toks, s.text());
        }
    }

    #[test]
    fn chinese_like_text_tiles(words in proptest::collection::vec(
        prop_oneof!["[\\u4e00-\\u9fa5]{1,6}", "[，。、“”！？；：]", "[0-9ＡＢ１２a-z]{1,4}", " "], 0..60)) {
        let text: String = words.concat();
        let seg = common::segmenter().segment(&text);
        let joined: String = seg.tokens().map(|t| t.text()).collect();
        prop_assert!(common::folds_to(&text, &joined));
    }

    #[test]
    fn reports_parse_and_map_back(lines in proptest::collection::vec(
        prop_oneof!["[\\u4e00-\\u9fa5，。“”]{0,30}", Just(String::new()), "[\\u4e00-\\u9fa5]{2,6}：", "记者 [\\u4e00-\\u9fa5]{2,3}"], 0..20)) {
        let text = lines.join("\n");
        let report = Report::parse(&text);
        for b in report.blocks() {
            let from_lines: String = b.lines().iter().map(|&l| common::fold(&text[l])).collect();
            prop_assert_eq!(b.text(), from_lines);
            prop_assert_eq!(b.char_start(), text[..b.span().start].chars().count());
            let seg = common::segmenter().segment_block(&text, b);
            for t in seg.tokens().filter(|t| t.kind() != TokenKind::Whitespace) {
                let original: String = text[t.span()].split_whitespace().collect();
                prop_assert_eq!(common::fold(&original), t.text());
            }
        }
    }
}
