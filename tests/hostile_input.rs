//! Hostile input: typed errors, no panics, nothing lost, bounded work. One test per known trap
//! of jieba-rs 0.11, and property tests over arbitrary input for every entry point.

mod common;

use jingwu::{
    BackgroundIdf, CorpusStats, Decoding, ErrorKind, Lexicon, RankOptions, Report, Segmenter,
    TokenKind, decode_report,
};
use proptest::prelude::*;
use std::path::PathBuf;

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jingwu-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn words(seg: &Segmenter, text: &str) -> Vec<String> {
    seg.segment(text)
        .tokens()
        .map(|t| t.text().to_string())
        .collect()
}

// Trap 1: IDF tables that are empty, blank, not UTF-8, or hold NaN or infinite values.
#[test]
fn bad_idf_tables_are_errors_naming_the_place() {
    for text in ["", "\n \n\t\n"] {
        let e = BackgroundIdf::parse(text).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::IdfTable);
    }
    for (text, line) in [("好 1.0\n坏 NaN\n", 2), ("坏 inf\n", 1), ("坏 -inf\n", 1)] {
        let e = BackgroundIdf::parse(text).unwrap_err();
        assert_eq!(e.line(), Some(line), "{text}");
    }
    let p = temp("idf.txt", b"\xe5\xa5\xbd 1.0\n\xff 2.0\n");
    let e = BackgroundIdf::from_path(&p).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::InvalidUtf8);
    assert_eq!(e.path(), Some(p.as_path()));
    assert_eq!((e.offset(), e.line()), (Some(8), Some(2)));
}

// Trap 2: a failed dictionary load leaves a half-loaded, broken dictionary.
#[test]
fn a_bad_user_lexicon_changes_nothing() {
    let p = temp("user.txt", "护链先锋队 10 nz\n湖警通 x y z\n".as_bytes());
    let e = Segmenter::with_user_lexicon(&p).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Lexicon);
    assert_eq!(e.line(), Some(2));
    assert_eq!(e.path(), Some(p.as_path()));
    assert_eq!(
        words(common::segmenter(), "我来到北京清华大学"),
        ["我", "来到", "北京", "清华大学"]
    );
}

// Trap 3: long ASCII runs joined by `-`, `.`, `_` are quadratic in jieba's search mode.
#[test]
fn long_joined_ascii_runs_segment_and_tile() {
    for sep in ["-", ".", "_"] {
        let text = format!("ab{sep}").repeat(100_000);
        let seg = common::segmenter().segment(&text);
        let joined: String = seg.tokens().map(|t| t.text()).collect();
        assert_eq!(joined, text);
    }
}

// Trap 4: very long or nested user words make segmentation slow and memory-hungry.
#[test]
fn user_words_are_capped() {
    let long = "的".repeat(10_000);
    let e = Lexicon::parse_user(&format!("{long} 10 n\n")).unwrap_err();
    assert!(e.to_string().contains("limit"));
    let at_limit = "警".repeat(jingwu::MAX_WORD_CHARS);
    assert!(Lexicon::parse_user(&at_limit).is_ok());
    let too_long = "警".repeat(jingwu::MAX_WORD_CHARS + 1);
    assert!(Lexicon::parse_user(&too_long).is_err());
}

// Trap 5: one token per whitespace character turns 1 MiB of spaces into 64 MiB.
#[test]
fn whitespace_runs_are_single_tokens() {
    let text = " ".repeat(1 << 20);
    let seg = common::segmenter().segment(&text);
    let n = seg.tokens().len();
    assert!(n <= (1 << 20) / 1000, "{n} tokens for 1 MiB of spaces");
    assert!(seg.tokens().all(|t| t.kind() == TokenKind::Whitespace));
    let covered: usize = seg.tokens().map(|t| t.span().len()).sum();
    assert_eq!(covered, text.len());
}

// Trap 6: frequencies near usize::MAX overflow.
#[test]
fn huge_frequencies_are_capped_or_rejected() {
    let lex = Lexicon::parse_user("巨频词 18446744073709551615 n\n").unwrap();
    assert!(lex.get("巨频词").unwrap().freq().unwrap() <= 1 << 40);
    assert!(Lexicon::parse_user("巨频词 99999999999999999999999 n\n").is_err());
    let seg = Segmenter::builder().lexicon(&lex).build();
    assert_eq!(
        words(&seg, "我来到北京清华大学"),
        ["我", "来到", "北京", "清华大学"]
    );
}

// Trap 7: lines Python jieba accepts; words that could never be produced.
#[test]
fn user_lexicon_lines_python_jieba_accepts() {
    let lex = Lexicon::parse_user("\u{feff}台中\n凱特琳 nz\nＡＰＰ通 n\n").unwrap();
    assert!(lex.get("台中").is_some() && lex.get("凯特琳").is_some());
    assert!(
        lex.get("凱特琳").is_none(),
        "traditional characters are folded like the text"
    );
    assert!(
        lex.get("APP通").is_some(),
        "full-width words are folded like the text"
    );
    let seg = Segmenter::builder().lexicon(&lex).build();
    assert!(words(&seg, "下载ＡＰＰ通查询").contains(&"APP通".to_string()));
    let e = Lexicon::parse_user("两个 词 n\n").unwrap_err();
    assert!(e.to_string().contains("spaces"), "{e}");
}

// Trap 8: characters missing from the dictionary are dropped.
#[test]
fn rare_characters_are_never_dropped() {
    let text = "我爱龘䶵𠀀国";
    let joined: String = common::segmenter()
        .segment(text)
        .tokens()
        .map(|t| t.text())
        .collect();
    assert_eq!(joined, text);
}

// Trap 9: control characters and ANSI escapes become keywords; grapheme clusters split.
#[test]
fn control_characters_are_never_themes_and_graphemes_stay_whole() {
    let text = "慈溪公安：\n\n\u{1b}[31m严打电信网络诈骗\u{1b}[0m，\r\n捣毁笑气窝点。严打电信网络诈骗。\u{7}\n";
    let d = common::engine().rank_text(text, &RankOptions::default().top(50));
    for t in d.all_themes() {
        assert!(t.text().chars().all(|c| !c.is_control()), "{:?}", t.text());
        assert!(!["31m", "0m", "m"].contains(&t.text()));
    }
    for cluster in ["👨\u{200d}👩\u{200d}👧", "e\u{301}", "🇨🇳"] {
        let s = format!("警情{cluster}分流");
        let seg = common::segmenter().segment(&s);
        assert!(
            seg.tokens().any(|t| t.text().contains(cluster)),
            "{cluster} split"
        );
    }
}

#[test]
fn invalid_utf8_reports_are_errors_or_counted_in_lossy_mode() {
    let bytes = "象山公安：\n\n严打笑气犯罪。\n"
        .as_bytes()
        .iter()
        .copied()
        .chain([0xff, 0xfe, b'\n'])
        .collect::<Vec<u8>>();
    let p = temp("report.txt", &bytes);
    let e = jingwu::read_report(&p, Decoding::Strict).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::InvalidUtf8);
    assert_eq!(e.path(), Some(p.as_path()));
    assert_eq!(e.offset(), Some(bytes.len() - 3));
    let d = jingwu::read_report(&p, Decoding::Lossy).unwrap();
    assert_eq!(d.replaced(), 2, "two invalid bytes, each its own sequence");
    assert!(d.text().contains("笑气"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = common::fresh_dir("mixed");
    std::fs::write(dir.join("a.txt"), "象山公安：\n\n严打笑气犯罪。\n").unwrap();
    std::fs::write(dir.join("b.txt"), b"\xff\xfe\xfd").unwrap();
    std::fs::write(dir.join("c.txt"), "慈溪公安：\n\n深化“公安大脑”建设。\n").unwrap();
    let read = jingwu::read_reports(&[&dir], Decoding::Strict);
    assert_eq!(read.reports.len(), 2);
    assert_eq!(read.errors.len(), 1);
    assert!(read.errors[0].path().unwrap().ends_with("b.txt"));
}

#[test]
fn saved_statistics_from_another_version_or_corrupted_are_errors() {
    let mut c = common::engine().corpus();
    c.add("a", &common::seed());
    let json = c.stats().to_json();
    let other = json.replacen("\"version\":1", "\"version\":2", 1);
    assert_eq!(
        CorpusStats::from_json(&other).unwrap_err().kind(),
        &ErrorKind::Model
    );
    let half = (0..=json.len() / 2)
        .rev()
        .find(|&i| json.is_char_boundary(i))
        .unwrap_or(0);
    let cut = &json[..half];
    assert_eq!(
        CorpusStats::from_json(cut).unwrap_err().kind(),
        &ErrorKind::Model
    );
    let p = temp("stats.json", b"\x00\x01garbage");
    let e = CorpusStats::load(&p).unwrap_err();
    assert_eq!(e.path(), Some(p.as_path()));
}

#[test]
fn one_engine_shared_by_threads_gives_the_same_results() {
    let text = common::seed();
    let engine = common::engine();
    let alone = engine.rank_text(&text, &RankOptions::default());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| engine.rank_text(&text, &RankOptions::default())))
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), alone);
        }
    });
}

#[test]
fn huge_documents_rank() {
    // One giant line with no punctuation, and a report many times the seed's size.
    let giant = "电信网络诈骗打击治理".repeat(20_000);
    let d = common::engine().rank_text(&giant, &RankOptions::default());
    assert!(d.themes().iter().any(|t| t.text().contains("电信网络诈骗")));
    for t in d.themes() {
        for e in t.evidence() {
            // A giant sentence is quoted around the mention, not whole.
            let bound = 302 + t.text().chars().count();
            assert!(
                e.sentence.chars().count() <= bound,
                "{} chars",
                e.sentence.chars().count()
            );
            assert!(e.sentence.contains(t.text()));
            assert!(e.sentence_span.len() > 100_000);
        }
    }
    let big = common::seed().repeat(50);
    let d = common::engine().rank_text(&big, &RankOptions::default());
    assert_eq!(d.sections().len(), 100);
}

fn check_ranking(text: &str) -> Result<(), TestCaseError> {
    let opts = RankOptions::default();
    let a = common::engine().rank_text(text, &opts);
    let b = common::engine().rank_text(text, &opts);
    prop_assert_eq!(&a, &b, "ranking is deterministic");
    for t in a.all_themes() {
        for e in t.evidence() {
            let problem = common::evidence_problem(text, t, e);
            prop_assert!(problem.is_none(), "{}", problem.unwrap_or_default());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let strict = decode_report(&bytes, Decoding::Strict);
        let lossy = decode_report(&bytes, Decoding::Lossy).unwrap();
        if let Ok(s) = strict {
            prop_assert_eq!(s.text(), lossy.text());
        }
        let report = Report::parse(lossy.text());
        for b in report.blocks() {
            prop_assert!(lossy.text().get(b.span().range()).is_some());
        }
        check_ranking(lossy.text())?;
    }

    #[test]
    fn arbitrary_report_like_text_ranks(lines in proptest::collection::vec(prop_oneof![
        "[\\u4e00-\\u9fa5，。“”、；]{0,40}", Just(String::new()), "[\\u4e00-\\u9fa5]{2,4}公安：",
        "[一二三]、[\\u4e00-\\u9fa5]{2,10}", "（[一二]）[\\u4e00-\\u9fa5]{2,8}。[\\u4e00-\\u9fa5]{0,10}",
        "“[\\u4e00-\\u9fa5]{2,6}”[\\u4e00-\\u9fa5]{0,6}"], 0..24)) {
        check_ranking(&lines.join("\n"))?;
    }

    #[test]
    fn arbitrary_lexicons_tables_and_models_never_panic(text in "\\PC{0,200}") {
        let _ = Lexicon::parse_user(&text);
        let _ = BackgroundIdf::parse(&text);
        let _ = CorpusStats::from_json(&text);
    }
}
