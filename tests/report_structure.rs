//! The structure of the seed report: title, sections, headings, captions, bylines, and every
//! paragraph the extraction broke.

mod common;

use jingwu::{BlockKind, BylineRole, Report};

fn seed_report() -> (String, Report) {
    let text = common::seed();
    let report = Report::parse(&text);
    (text, report)
}

#[test]
fn title_and_section_titles() {
    let (_, r) = seed_report();
    assert_eq!(r.title(), "走前列 争一流 踔厉奋发的宁波公安");
    let titles: Vec<&str> = r.sections().iter().map(|s| s.title()).collect();
    assert_eq!(titles, ["象山公安", "慈溪公安"]);
    assert!(
        r.lead().is_empty(),
        "nothing stands between the title and the first section"
    );
}

#[test]
fn section_header_spans_point_at_the_header_lines() {
    let (text, r) = seed_report();
    for s in r.sections() {
        assert_eq!(&text[s.header_span()], format!("{}：", s.title()));
    }
}

/// Every place in the seed where the extraction broke a paragraph with a blank line.
const BREAKS: &[(&str, &str)] = &[
    ("稳步推进警情", "分流工作"),
    ("商业秘密保护创新", "试点"),
    ("这一年，这样", "的“模范卷”"),
    ("交通乱象全", "面治理”目标"),
    ("“一件事”工作", "机制等25个"),
];

#[test]
fn every_broken_paragraph_is_repaired() {
    let (text, r) = seed_report();
    let repaired: Vec<_> = r.blocks().filter(|b| b.is_repaired()).collect();
    assert_eq!(repaired.len(), BREAKS.len(), "one repaired block per break");
    for (before, after) in BREAKS {
        let joined = format!("{before}{after}");
        let block = repaired
            .iter()
            .find(|b| b.text().contains(&joined))
            .unwrap_or_else(|| panic!("`{before}⏎⏎{after}` is not read as one paragraph"));
        assert_eq!(block.kind(), BlockKind::Paragraph);
        assert_eq!(block.lines().len(), 2);
        // The break really is in the original, between the block's two lines.
        let gap = &text[block.lines()[0].end..block.lines()[1].start];
        assert!(gap.chars().all(char::is_whitespace) && gap.contains("\n\n"));
        assert!(text[block.lines()[0]].ends_with(before));
        assert!(text[block.lines()[1]].starts_with(after));
    }
}

#[test]
fn every_heading_is_kept() {
    let (_, r) = seed_report();
    let headings: Vec<&str> = r
        .sections()
        .iter()
        .flat_map(|s| s.blocks())
        .filter(|b| b.kind() == BlockKind::Heading)
        .map(|b| b.text())
        .collect();
    assert_eq!(
        headings,
        [
            "以护航亚运为牵引 绘制新时代“万象山海”图",
            "护航亚运，贡献最美“平安蓝”",
            "创新发展，当好助力经济“服务员”",
            "细耕责任，勾勒平安“同心圆”",
            "四大举措 交出高分平安成绩单",
            "牢固树立人民满意“新标杆”",
            "精准握住社会稳定“方向盘”",
            "稳稳描绘交通安全“生命线”",
            "持续推进警务转型“新热潮”",
        ]
    );
}

#[test]
fn photo_captions() {
    let (_, r) = seed_report();
    let captions: Vec<&str> = r
        .blocks()
        .filter(|b| b.kind() == BlockKind::Caption)
        .map(|b| b.text())
        .collect();
    assert_eq!(
        captions,
        [
            "象山县公安局民警辅警做好颁奖现场秩序维护工作。",
            "慈溪交警大队开展122全国交通安全日活动。",
        ]
    );
}

#[test]
fn bylines_are_metadata_not_body_text() {
    let (text, r) = seed_report();
    for s in r.sections() {
        let roles: Vec<BylineRole> = s.bylines().iter().map(|b| b.role()).collect();
        assert_eq!(roles, [BylineRole::Reporter, BylineRole::Correspondent]);
        assert_eq!(s.bylines()[0].names(), ["邹鑫"]);
        assert_eq!(s.bylines()[1].credit(), Some("文/摄"));
        for b in s.bylines() {
            assert!(text[b.span()].starts_with("记者") || text[b.span()].starts_with("通讯员"));
        }
    }
    assert_eq!(r.sections()[0].bylines()[1].names(), ["章挺伟", "柳欣"]);
    assert_eq!(r.sections()[1].bylines()[1].names(), ["黄祎祎", "阮佳丽"]);
    for name in ["邹鑫", "章挺伟", "柳欣", "黄祎祎", "阮佳丽", "通讯员"] {
        assert!(
            r.blocks().all(|b| !b.text().contains(name)),
            "{name} leaked into body text"
        );
    }
}

#[test]
fn blocks_map_back_to_the_original() {
    let (text, r) = seed_report();
    for b in r.blocks() {
        let from_lines: String = b.lines().iter().map(|&l| common::fold(&text[l])).collect();
        assert_eq!(b.text(), from_lines);
        let span = b.span();
        assert_eq!(span.start, b.lines()[0].start);
        assert_eq!(span.end, b.lines().last().unwrap().end);
    }
}

#[test]
fn a_short_first_line_is_not_always_a_heading() {
    // Length alone does not decide: a heading has a heading's shape, a sentence start goes on.
    let text = "象山公安：\n\n作为全市试点\n\n单位，象山县公安局探索建立制度。\n\n创新发展，当好“服务员”\n\n今年，某公司急需专家。\n";
    let r = Report::parse(text);
    let kinds: Vec<BlockKind> = r.sections()[0].blocks().iter().map(|b| b.kind()).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Paragraph
        ]
    );
    assert_eq!(
        r.sections()[0].blocks()[0].text(),
        "作为全市试点单位，象山县公安局探索建立制度。"
    );
}

#[test]
fn width_folding_keeps_offsets() {
    let text = "慈溪公安：\n\n下载ＡＰＰ，拨打１２３４５热线。\n";
    let r = Report::parse(text);
    let b = &r.sections()[0].blocks()[0];
    assert_eq!(b.text(), "下载APP，拨打12345热线。");
    let at = b.text().find("12345").unwrap();
    let span = b.mapped().to_original(jingwu::Span::new(at, at + 5));
    assert_eq!(&text[span], "１２３４５");
}

#[test]
fn crlf_and_bom_reports_parse_the_same() {
    let text = common::seed();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let a = Report::parse(&text);
    let b = Report::parse(&crlf);
    let ta: Vec<&str> = a.blocks().map(|x| x.text()).collect();
    let tb: Vec<&str> = b.blocks().map(|x| x.text()).collect();
    assert_eq!(ta, tb);
    for blk in b.blocks() {
        assert!(!crlf[blk.lines()[0]].contains('\r'));
    }
}

#[test]
fn a_bureau_and_its_headline_on_one_line_open_a_section() {
    let text = "助力复工复产 宁波公安交出答卷\n\n过去的一年，宁波公安多措并举助力复工复产。\n\n\
                港航公安  守护东方大港平安\n\n港航公安分局民警早早来到码头值守。\n\n\
                北仑公安｜护航企业复工达产\n\n北仑公安分局民警走访企业。\n";
    let r = Report::parse(text);
    let titles: Vec<&str> = r.sections().iter().map(|s| s.title()).collect();
    assert_eq!(titles, ["港航公安", "北仑公安"]);
    assert_eq!(r.lead().len(), 1);
    for (s, headline) in r
        .sections()
        .iter()
        .zip(["守护东方大港平安", "护航企业复工达产"])
    {
        assert_eq!(&text[s.header_span()], s.title());
        let first = &s.blocks()[0];
        assert_eq!(first.kind(), BlockKind::Heading);
        assert_eq!(first.text(), headline);
        assert_eq!(&text[first.span()], headline);
        assert_eq!(s.blocks().len(), 2);
    }
    // The bureaus' names are never their themes.
    let d = common::engine().rank_text(text, &jingwu::RankOptions::default());
    for s in d.sections() {
        for t in s.themes() {
            assert!(
                !t.text().starts_with("港航") && !t.text().starts_with("北仑"),
                "{}",
                t.text()
            );
        }
    }
}

#[test]
fn an_outlet_byline_crediting_two_roles_stays_out_of_the_title() {
    let text = "夜巡、找娃、严管烟花 这群人坚守岗位护平安\n\n\
                中国宁波网记者 王晓峰 通讯员 奕超超 郑蒙永\n\n\
                春节假期，宁波公安坚守岗位护平安。\n";
    let r = Report::parse(text);
    assert_eq!(r.title(), "夜巡、找娃、严管烟花 这群人坚守岗位护平安");
    let roles: Vec<BylineRole> = r.bylines().iter().map(|b| b.role()).collect();
    assert_eq!(roles, [BylineRole::Reporter, BylineRole::Correspondent]);
    assert_eq!(r.bylines()[0].names(), ["王晓峰"]);
    assert_eq!(r.bylines()[1].names(), ["奕超超", "郑蒙永"]);
    assert_eq!(&text[r.bylines()[1].span()], "通讯员 奕超超 郑蒙永");
    for name in ["中国宁波网", "王晓峰", "奕超超", "郑蒙永"] {
        assert!(
            r.blocks().all(|b| !b.text().contains(name)),
            "{name} leaked into body text"
        );
    }
}
