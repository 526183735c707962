//! Theme ranking on the seed: what an analyst expects, evidence that points at the text,
//! determinism, JSON, and corpus statistics.

mod common;

use jingwu::{CorpusStats, RankOptions, Ranking, Theme};
use proptest::prelude::*;

fn rank_seed() -> (String, Ranking) {
    let text = common::seed();
    let mut corpus = common::engine().corpus();
    corpus.add(common::SEED, &text);
    (text, corpus.rank(&RankOptions::default()))
}

fn texts(themes: &[Theme]) -> Vec<&str> {
    themes.iter().map(|t| t.text()).collect()
}

fn has_any(themes: &[&str], wanted: &[&str]) -> bool {
    wanted.iter().any(|w| themes.contains(w))
}

#[test]
fn seed_sections_surface_their_themes() {
    let (_, r) = rank_seed();
    let doc = &r.documents()[0];
    assert_eq!(doc.sections().len(), 2);
    let xiangshan = texts(doc.sections()[0].themes());
    let cixi = texts(doc.sections()[1].themes());
    assert_eq!(doc.sections()[0].title(), "象山公安");
    for wanted in [
        &["海上枫桥经验", "枫桥经验"][..],
        &["共富警务"],
        &["护航亚运", "亚运安保", "亚运"],
        &["商业秘密保护", "商业秘密"],
        &["矛盾纠纷化解", "矛盾纠纷"],
    ] {
        assert!(
            has_any(&xiangshan, wanted),
            "象山公安 lacks {wanted:?}: {xiangshan:?}"
        );
    }
    for wanted in [
        &["公安大脑"][..],
        &["笑气"],
        &["电信网络诈骗", "电诈"],
        &["道路交通安全", "交通安全", "道路交通"],
    ] {
        assert!(
            has_any(&cixi, wanted),
            "慈溪公安 lacks {wanted:?}: {cixi:?}"
        );
    }
}

#[test]
fn seed_themes_are_not_boilerplate_names_or_places() {
    let (_, r) = rank_seed();
    let doc = &r.documents()[0];
    let bad = [
        "象山",
        "慈溪",
        "公安",
        "工作",
        "倍加",
        "推进",
        "今年",
        "今年以来",
        "同比",
        "象山县",
        "公安局",
        "一流",
        "时代",
        "邹鑫",
        "章挺伟",
        "柳欣",
        "黄祎祎",
        "阮佳丽",
        "象山公安",
        "慈溪公安",
    ];
    let lists = doc
        .sections()
        .iter()
        .map(|s| s.themes())
        .chain([doc.themes(), r.corpus()]);
    for themes in lists {
        for t in themes {
            assert!(!bad.contains(&t.text()), "bad theme {}", t.text());
        }
    }
}

#[test]
fn evidence_points_at_the_theme_in_the_original() {
    let (text, r) = rank_seed();
    let doc = &r.documents()[0];
    for t in doc.all_themes() {
        assert!(t.tf() as usize >= t.evidence().len());
        assert!(!t.evidence().is_empty(), "{} has no evidence", t.text());
        for e in t.evidence() {
            if let Some(problem) = common::evidence_problem(&text, t, e) {
                panic!("{problem}");
            }
            let original: String = text[e.span()].split_whitespace().collect();
            let found = common::fold(&original);
            assert!(e.sentence_span.contains(e.span()));
            let chars: usize = text[..e.start].chars().count();
            assert_eq!(chars, e.char_start);
            assert_eq!(e.char_end - e.char_start, text[e.span()].chars().count());
            assert!(e.sentence.contains(&found), "sentence of `{found}`");
        }
    }
}

#[test]
fn scores_are_explained_and_ordered() {
    let (_, r) = rank_seed();
    for s in r.documents()[0].sections() {
        let themes = s.themes();
        assert!(themes.len() <= 10);
        for w in themes.windows(2) {
            assert!(
                w[0].score() > w[1].score()
                    || (w[0].score() == w[1].score() && w[0].text() < w[1].text())
            );
        }
        for t in themes {
            let expected = (1.0 + t.weighted_tf().ln()) * t.idf() * t.boost();
            assert!((t.score() - expected).abs() < 1e-9, "{}", t.text());
            assert!(t.df() >= 1 && t.idf() > 0.0);
        }
    }
}

#[test]
fn subsumed_fragments_are_hidden() {
    let (_, r) = rank_seed();
    let doc = &r.documents()[0];
    let xiangshan = &doc.sections()[0];
    let all = texts(xiangshan.themes());
    assert!(all.contains(&"海上枫桥经验"));
    for fragment in ["枫桥经验", "枫桥", "经验", "海上"] {
        assert!(
            !all.contains(&fragment),
            "{fragment} shown beside 海上枫桥经验"
        );
    }
}

#[test]
fn ranking_is_deterministic_whatever_the_threads() {
    let text = common::seed();
    let docs: Vec<(String, String)> = (0..6)
        .map(|i| (format!("d{i}"), text.repeat(i % 3 + 1)))
        .collect();
    let engine = common::engine();
    let sequential = {
        let mut c = engine.corpus();
        for (id, t) in &docs {
            c.add(id, t);
        }
        c.rank(&RankOptions::default())
    };
    for threads in [1, 2, 4] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let parallel = pool.install(|| {
            let mut c = engine.corpus();
            c.add_all(docs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
            c.rank(&RankOptions::default())
        });
        assert_eq!(
            sequential.to_json(),
            parallel.to_json(),
            "{threads} threads"
        );
    }
}

#[test]
fn adding_many_reports_at_once_equals_adding_them_one_by_one() {
    // More reports than one batch of `add_all`, so that one batch is counted while the next
    // is analysed.
    let seed = common::seed();
    let paragraphs: Vec<&str> = seed
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.chars().count() > 20)
        .collect();
    assert!(paragraphs.len() > 10);
    let docs: Vec<(String, String)> = (0..150)
        .map(|i| {
            let a = paragraphs[i % paragraphs.len()];
            let b = paragraphs[(i * 7 + 3) % paragraphs.len()];
            (format!("r{i:03}"), format!("象山公安：\n{a}\n\n{b}\n"))
        })
        .collect();
    let engine = common::engine();
    let mut one_by_one = engine.corpus();
    for (id, t) in &docs {
        one_by_one.add(id, t);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let at_once = pool.install(|| {
        let mut c = engine.corpus();
        c.add_all(docs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        c
    });
    assert_eq!(at_once.len(), docs.len());
    assert_eq!(one_by_one.stats().to_json(), at_once.stats().to_json());
    let options = RankOptions::default();
    let (a, b) = (one_by_one.rank(&options), at_once.rank(&options));
    let paths: Vec<&str> = b.documents().iter().map(|d| d.path()).collect();
    let ids: Vec<&str> = docs.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(paths, ids, "documents keep the order they were given in");
    assert_eq!(a.to_json(), b.to_json());
}

#[test]
fn json_has_the_documented_shape_and_round_trips() {
    let (_, r) = rank_seed();
    let json = r.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["path"], common::SEED);
    assert!(doc["title"].as_str().unwrap().contains("宁波公安"));
    assert_eq!(doc["sections"][0]["title"], "象山公安");
    let theme = &doc["sections"][0]["themes"][0];
    for field in ["text", "score", "tf", "df", "idf", "quoted", "evidence"] {
        assert!(!theme[field].is_null(), "missing {field}");
    }
    let ev = &theme["evidence"][0];
    assert!(ev["start"].is_u64() && ev["end"].is_u64() && ev["sentence"].is_string());
    assert!(v["corpus"]["themes"].is_array());
    let back: Ranking = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn corpus_evidence_comes_from_the_documents_in_order() {
    // Three reports mention the same crime once each; the corpus theme draws its evidence
    // from them in the order they were added, each piece naming its report and slicing it.
    let docs = [
        ("a", "慈溪公安：\n\n慈溪公安查处笑气工厂三家。\n"),
        ("b", "余姚公安：\n\n余姚公安捣毁笑气窝点一处。\n"),
        ("c", "象山公安：\n\n象山公安破获笑气案件两起。\n"),
    ];
    let mut c = common::engine().corpus();
    c.add_all(docs);
    for n in [1, 2, 3, 5] {
        let r = c.rank(&RankOptions::default().max_evidence(n));
        let t = r
            .corpus()
            .iter()
            .find(|t| t.text() == "笑气")
            .expect("corpus theme");
        assert_eq!(t.df(), 3);
        assert_eq!(t.tf(), 3);
        let named: Vec<&str> = t
            .evidence()
            .iter()
            .map(|e| e.document.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(named, ["a", "b", "c"][..n.min(3)], "max_evidence {n}");
        for e in t.evidence() {
            let text = docs
                .iter()
                .find(|d| Some(d.0) == e.document.as_deref())
                .unwrap()
                .1;
            assert_eq!(&text[e.span().range()], "笑气");
            assert_eq!(text[..e.start].chars().count(), e.char_start);
            assert!(e.sentence.contains("笑气"));
        }
        // A document's own themes name no document.
        for d in r.documents() {
            assert!(
                d.all_themes()
                    .flat_map(|t| t.evidence())
                    .all(|e| e.document.is_none())
            );
        }
    }
}

#[test]
fn corpus_themes_do_not_depend_on_the_order_of_the_documents() {
    // 沙排 is said once in one report (boost 0.7 × 0.8 there) and twice in the other (0.8):
    // the corpus theme takes the larger.
    let a = (
        "a",
        "象山公安：\n\n民警观赛时发现沙排场地积水，及时处置。\n",
    );
    let b = (
        "b",
        "象山公安：\n\n沙排赛事期间民警全程值守。沙排赛场秩序井然。\n",
    );
    let rank = |docs: [(&str, &str); 2]| {
        let mut c = common::engine().corpus();
        c.add_all(docs);
        let r = c.rank(&RankOptions::default().top(30));
        let t = r.corpus().iter().find(|t| t.text() == "沙排").cloned();
        t.expect("corpus theme")
    };
    let (ab, ba) = (rank([a, b]), rank([b, a]));
    assert!((ab.boost() - 0.8).abs() < 1e-9, "{}", ab.boost());
    assert_eq!(ab.boost(), ba.boost());
    assert_eq!(ab.score(), ba.score());
    assert_eq!((ab.tf(), ab.df()), (ba.tf(), ba.df()));
}

#[test]
fn corpus_statistics_save_and_load() {
    let text = common::seed();
    let mut c = common::engine().corpus();
    c.add("a", &text);
    let stats = c.stats().clone();
    let path = std::env::temp_dir().join(format!("jingwu-stats-{}.json", std::process::id()));
    stats.save(&path).unwrap();
    let loaded = CorpusStats::load(&path).unwrap();
    assert_eq!(loaded, stats);
    assert_eq!(loaded.documents(), 1);
    assert_eq!(loaded.sections(), 2);
    std::fs::remove_file(&path).ok();
}

#[test]
fn prior_statistics_change_document_frequencies() {
    let text = common::seed();
    let engine = common::engine();
    let mut last_year = engine.corpus();
    last_year.add("last", &text);
    let prior = last_year.own_stats();
    let mut this_year = engine.corpus_with_stats(prior.clone());
    this_year.add("this", &text);
    assert_eq!(this_year.stats().documents(), 2);
    assert_eq!(
        this_year.own_stats(),
        prior,
        "own statistics leave the prior out"
    );
    let r = this_year.rank(&RankOptions::default());
    let t = r.documents()[0]
        .themes()
        .iter()
        .find(|t| t.text() == "笑气")
        .unwrap();
    assert_eq!(t.df(), 2, "笑气 was in last year's report too");
}

#[test]
fn own_statistics_are_those_of_the_reports_added() {
    // A prior from other reports: what is left once it is taken out is exactly what a
    // corpus of this year's reports alone counts.
    let engine = common::engine();
    let seed = common::seed();
    let summary = jingwu::read_report_file("seeds/gw_1.txt").expect("the summary is in seeds/");
    let mut last_year = engine.corpus();
    last_year.add("last", &summary);
    let mut this_year = engine.corpus_with_stats(last_year.own_stats());
    let mut alone = engine.corpus();
    for (id, text) in [("a", &seed), ("b", &summary)] {
        this_year.add(id, text);
        alone.add(id, text);
    }
    assert_eq!(this_year.stats().documents(), 3);
    assert_eq!(this_year.own_stats(), *alone.stats());
}

/// The seed's paragraphs, as small documents.
fn paragraphs() -> Vec<String> {
    common::seed()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| p.chars().count() > 10)
        .map(str::to_string)
        .collect()
}

fn stats_of(docs: &[String]) -> CorpusStats {
    let mut c = common::engine().corpus();
    for (i, d) in docs.iter().enumerate() {
        c.add(&i.to_string(), d);
    }
    c.stats().clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn merged_shards_equal_the_union(picks in proptest::collection::vec(0usize..1000, 1..8), cut in 0usize..8) {
        let pool = paragraphs();
        let docs: Vec<String> = picks.iter().map(|i| pool[i % pool.len()].clone()).collect();
        let cut = cut.min(docs.len());
        let (a, b) = docs.split_at(cut);
        let union = stats_of(&docs);
        let mut ab = stats_of(a);
        ab.merge(&stats_of(b));
        let mut ba = stats_of(b);
        ba.merge(&stats_of(a));
        prop_assert_eq!(&ab, &union);
        prop_assert_eq!(&ba, &union);
    }
}

#[test]
fn a_plain_word_in_a_newspaper_heading_counts_once_and_a_name_twice() {
    let text = "宁波公安：\n\n严打电信网络诈骗 守护市民钱包\n\n今年以来，宁波公安严打电信网络诈骗，守护了市民的钱包。\n";
    let themes = common::engine().rank_text(text, &RankOptions::default().top(50));
    let find = |w: &str| {
        themes
            .themes()
            .iter()
            .find(|t| t.text() == w)
            .unwrap_or_else(|| panic!("{w} is not a theme"))
    };
    // The name (the lexicon word, or the collocation built on it that absorbs it): once in
    // the heading, at twice the weight, and once in the body.
    let name = themes
        .themes()
        .iter()
        .find(|t| t.text().contains("电信网络诈骗"))
        .expect("a theme names 电信网络诈骗");
    assert_eq!(name.tf(), 2);
    assert_eq!(name.weighted_tf(), 3.0);
    // The plain word: a slogan's word counts as a mention, no more.
    assert_eq!(find("钱包").tf(), 2);
    assert_eq!(find("钱包").weighted_tf(), 2.0);
}

#[test]
fn a_plain_word_in_a_numbered_heading_counts_twice() {
    let text = "临江县公安局2023年工作总结\n\n一、严打犯罪\n\n（一）深化源头治理。全年开展源头治理行动12次，源头治理成效明显。\n";
    let themes = common::engine().rank_text(text, &RankOptions::default().top(50));
    let t = themes
        .themes()
        .iter()
        .find(|t| t.text() == "源头治理")
        .expect("源头治理 is a theme");
    assert!(
        t.weighted_tf() > t.tf() as f64,
        "{} of {}",
        t.weighted_tf(),
        t.tf()
    );
}

#[test]
fn a_report_in_either_script_ranks_the_same_themes_shown_as_written() {
    let simplified =
        "台中公安：\n\n警方严查酒驾，全天候拦检酒驾。推动“第三方警政”，酒驾肇事大幅下降。\n";
    let traditional =
        "台中公安：\n\n警方嚴查酒駕，全天候攔檢酒駕。推動「第三方警政」，酒駕肇事大幅下降。\n";
    let options = RankOptions::default();
    let a = common::engine().rank_text(simplified, &options);
    let b = common::engine().rank_text(traditional, &options);
    let figures = |d: &jingwu::DocumentThemes| -> Vec<(String, u64, u32)> {
        d.themes()
            .iter()
            .map(|t| (t.normalized().to_string(), (t.score() * 1e6) as u64, t.tf()))
            .collect()
    };
    assert_eq!(figures(&a), figures(&b));
    // Each shown as its text writes it: a lexicon word's canonical form too.
    let drink = |d: &jingwu::DocumentThemes| {
        d.themes()
            .iter()
            .find(|t| t.normalized() == "酒驾醉驾")
            .map(|t| t.text().to_string())
    };
    assert_eq!(drink(&a).as_deref(), Some("酒驾醉驾"));
    assert_eq!(drink(&b).as_deref(), Some("酒駕"));
    assert!(b.themes().iter().any(|t| t.text() == "第三方警政"));
}

#[test]
fn words_kept_out_are_listed_only_when_asked() {
    let read = jingwu::read_reports(
        &[std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        jingwu::ReadOptions::new(),
    );
    let mut corpus = common::engine().corpus();
    corpus.add_all(read.reports.iter().map(|(id, d)| (id.as_str(), d.text())));
    let listed = |options: &RankOptions| {
        let ranking = corpus.rank(options);
        ranking
            .documents()
            .iter()
            .flat_map(|d| {
                d.sections()
                    .iter()
                    .flat_map(|s| s.rejections())
                    .chain(d.rejections())
            })
            .map(|r| r.rule())
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(&RankOptions::default()), []);
    let asked = listed(&RankOptions::default().explain(jingwu::Explain::Rejections));
    // Words said only in headings are among them, as every other rule.
    assert!(asked.contains(&jingwu::Reject::HeadingOnly), "{asked:?}");
    assert!(asked.contains(&jingwu::Reject::StopWord), "{asked:?}");
}
