//! Official work summaries (公文): numbered parts as sections, numbered headings by level,
//! headings that run on into their paragraphs, and enumerations as sentence-level units.

mod common;

use jingwu::{BlockKind, RankOptions, Report};

const GW: &str = "seeds/gw_1.txt";

fn gw() -> (String, Report) {
    let text = jingwu::read_report_file(GW).unwrap();
    let r = Report::parse(&text);
    (text, r)
}

#[test]
fn level_one_parts_are_the_sections() {
    let (text, r) = gw();
    assert_eq!(r.title(), "平湖市公安局2023年工作总结和2024年工作思路");
    let titles: Vec<&str> = r.sections().iter().map(|s| s.title()).collect();
    assert_eq!(
        titles,
        [
            "坚持打防并举，全力维护社会治安持续稳定",
            "坚持源头治理，夯实基层社会治理根基",
            "坚持安全与服务并重，全力护航高质量发展",
            "坚持从严治警，锻造忠诚干净担当公安铁军",
            "二〇二四年工作思路",
        ]
    );
    let numbers: Vec<&str> = r
        .sections()
        .iter()
        .map(|s| &text[s.number_span().unwrap()])
        .collect();
    assert_eq!(numbers, ["一、", "二、", "三、", "四、", "五、"]);
    // The opening paragraph belongs to the report itself.
    assert_eq!(r.lead().len(), 1);
    assert!(r.lead()[0].text().starts_with("2023年，平湖市公安局"));
}

#[test]
fn numbered_headings_keep_their_level_and_leave_the_number_out() {
    let (text, r) = gw();
    let first = &r.sections()[0];
    let headings: Vec<(u8, &str, &str)> = first
        .blocks()
        .iter()
        .filter(|b| b.kind() == BlockKind::Heading)
        .map(|b| {
            (
                b.level().unwrap(),
                &text[b.number_span().unwrap()],
                b.text(),
            )
        })
        .collect();
    assert_eq!(
        headings,
        [
            (2, "（一）", "重拳打击电信网络诈骗犯罪"),
            (2, "（二）", "深化长三角警务协作"),
            (2, "（三）", "保持严打高压态势"),
            (3, "1.", "攻坚重大案件"),
            (3, "2.", "打击侵财犯罪"),
            (3, "3.", "整治治安乱点"),
        ]
    );
    for b in r.blocks() {
        assert!(
            !b.text().starts_with("（一）") && !b.text().starts_with("1."),
            "number in body: {}",
            b.text()
        );
    }
}

#[test]
fn a_heading_running_into_its_paragraph_is_split_after_the_heading_clause() {
    let (_, r) = gw();
    let blocks = r.sections()[0].blocks();
    let i = blocks
        .iter()
        .position(|b| b.text() == "重拳打击电信网络诈骗犯罪")
        .unwrap();
    assert_eq!(blocks[i + 1].kind(), BlockKind::Paragraph);
    assert!(
        blocks[i + 1]
            .text()
            .starts_with("把打击治理电信网络诈骗作为全局性")
    );
}

#[test]
fn broken_paragraphs_of_official_text_are_repaired() {
    let (_, r) = gw();
    let texts: Vec<&str> = r.blocks().map(|b| b.text()).collect();
    for joined in ["全面推行社区民警专职化", "严格危险化学品道路运输通行管理"]
    {
        assert!(
            texts.iter().any(|t| t.contains(joined)),
            "{joined} not repaired"
        );
    }
}

#[test]
fn enumerations_are_sentence_level_units() {
    let (text, r) = gw();
    let block = r
        .blocks()
        .find(|b| b.text().contains("一是强化精准预警"))
        .unwrap();
    let seg = common::segmenter().segment_block(&text, block);
    let units: Vec<&str> = seg.sentences().map(|s| s.text()).collect();
    assert!(
        units
            .iter()
            .any(|u| u.starts_with("一是强化精准预警") && u.ends_with('；'))
    );
    assert!(units.iter().any(|u| u.starts_with("二是强化源头治理")));
    assert!(units.iter().any(|u| u.starts_with("四是强化行业治理")));
}

#[test]
fn each_numbering_style() {
    let text = "某县公安局工作总结\n\n一、强化打击\n（一）严打电诈犯罪。全年破获案件100起。\n\
                (二)整治治安乱点\n1.开展夜查行动。查处案件20起。\n2、加强巡逻\n（1）屯警街面\n\
                ①设立巡防点\n二、夯实基层。推进社区警务，民警进村入户。\n";
    let r = Report::parse(text);
    let titles: Vec<&str> = r.sections().iter().map(|s| s.title()).collect();
    assert_eq!(titles, ["强化打击", "夯实基层"]);
    let levels: Vec<(Option<u8>, BlockKind, &str)> = r.sections()[0]
        .blocks()
        .iter()
        .map(|b| (b.level(), b.kind(), b.text()))
        .collect();
    assert_eq!(
        levels,
        [
            (Some(2), BlockKind::Heading, "严打电诈犯罪"),
            (None, BlockKind::Paragraph, "全年破获案件100起。"),
            (Some(2), BlockKind::Heading, "整治治安乱点"),
            (Some(3), BlockKind::Heading, "开展夜查行动"),
            (None, BlockKind::Paragraph, "查处案件20起。"),
            (Some(3), BlockKind::Heading, "加强巡逻"),
            (Some(4), BlockKind::Heading, "屯警街面"),
            (Some(4), BlockKind::Heading, "设立巡防点"),
        ]
    );
    // The level-1 heading ran on into its paragraph.
    assert_eq!(
        r.sections()[1].blocks()[0].text(),
        "推进社区警务，民警进村入户。"
    );
}

#[test]
fn numbers_inside_sentences_are_not_headings() {
    let text = "象山公安：\n\n1.5万人次参与活动。\n\n2023年全年破获案件。\n";
    let r = Report::parse(text);
    assert_eq!(r.sections().len(), 1);
    assert!(r.blocks().all(|b| b.level().is_none()));
}

#[test]
fn the_official_document_ranks_its_themes() {
    let (text, _) = gw();
    let d = common::engine().rank_text(&text, &RankOptions::default());
    let top: Vec<&str> = d.themes().iter().map(|t| t.text()).collect();
    for wanted in ["电信网络诈骗", "枫桥式公安派出所", "港区安澜联盟"] {
        assert!(top.contains(&wanted), "{wanted} not in {top:?}");
    }
    for boilerplate in [
        "坚持",
        "落实",
        "加强",
        "全面",
        "深入",
        "进一步",
        "两个确立",
        "平湖",
        "平湖市公安局",
    ] {
        assert!(!top.contains(&boilerplate), "{boilerplate} ranked");
    }
    assert_eq!(d.sections().len(), 5);
}
