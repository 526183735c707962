//! Each source of theme candidates, the IDF blend and subsumption, on small reports.

mod common;

use jingwu::{DocumentThemes, RankOptions, Source, Theme};

fn rank(text: &str) -> DocumentThemes {
    common::engine().rank_text(text, &RankOptions::default().top(30))
}

fn section_themes(d: &DocumentThemes, i: usize) -> &[Theme] {
    d.sections()[i].themes()
}

fn find<'a>(themes: &'a [Theme], text: &str) -> Option<&'a Theme> {
    themes.iter().find(|t| t.text() == text)
}

/// Whether `word` is among the themes of the first section of `text`.
fn ranks(text: &str, word: &str) -> bool {
    find(section_themes(&rank(text), 0), word).is_some()
}

#[test]
fn repeated_quoted_names_are_themes() {
    let d = rank(
        "镇海公安：\n\n镇海公安组建“炼卫先锋队”，实行24小时错时巡逻。\n\n\
         “炼卫先锋队”成立以来，累计开展联合巡查3800余次。\n",
    );
    let t = find(section_themes(&d, 0), "炼卫先锋队").expect("quoted name ranked");
    assert!(t.quoted());
    assert_eq!(t.source(), Source::Quoted);
    assert_eq!(t.tf(), 2);
}

#[test]
fn a_name_put_to_work_once_is_a_theme() {
    let d =
        rank("象山公安：\n\n象山公安还创新推出“反走私综合治理场景”工作方法，成功打掉走私团伙。\n");
    assert!(find(section_themes(&d, 0), "反走私综合治理场景").is_some());
    // jieba keeps 深入开展 and 全面推行 whole; the verb that ends them puts the name to work.
    let d = rank(
        "禁毒大队：\n\n禁毒大队深入开展“集群打零”，清剿吸贩毒团伙。\n\n\
         禁毒大队全面推行“网格禁毒”，织密防控网络。\n",
    );
    let texts: Vec<&str> = section_themes(&d, 0).iter().map(|t| t.text()).collect();
    for name in ["集群打零", "网格禁毒"] {
        let t = find(section_themes(&d, 0), name).unwrap_or_else(|| panic!("{name}: {texts:?}"));
        assert!(t.quoted());
    }
    // How the work is done is no theme of its own.
    for manner in ["深入开展", "全面推行"] {
        assert!(!texts.contains(&manner), "{manner}: {texts:?}");
    }
}

#[test]
fn a_short_name_in_a_heading_and_put_to_work_in_the_body_is_a_theme() {
    let d = rank(
        "招宝山派出所：\n\n推行“家警务”，当好“护卫者”\n\n\
         招宝山派出所创新推行“家警务”模式，与辖区群众心连心。\n",
    );
    let themes = section_themes(&d, 0);
    let texts: Vec<&str> = themes.iter().map(|t| t.text()).collect();
    let t = find(themes, "家警务").unwrap_or_else(|| panic!("{texts:?}"));
    assert!(t.quoted());
    // 当好 links to a description: “护卫者” is a figure of speech.
    assert!(!texts.contains(&"护卫者"), "{texts:?}");
    // A metaphor after 的 in the body is one, whatever the heading says.
    let d = rank("慈溪公安：\n\n打出“组合拳”\n\n慈溪公安打出了一套护航亚运的“组合拳”。\n");
    let texts: Vec<&str> = section_themes(&d, 0).iter().map(|t| t.text()).collect();
    assert!(!texts.contains(&"组合拳"), "{texts:?}");
}

#[test]
fn slogans_metaphors_and_speech_are_not_themes() {
    let d = rank(
        "慈溪公安：\n\n创新发展，当好助力经济“服务员”\n\n\
         慈溪公安打出了一套护航亚运的“组合拳”，为亚运提供了良好氛围。\n\n\
         “我知道！之前交警同志来宣传过。”市民刘先生说。\n",
    );
    let themes = section_themes(&d, 0);
    for not_a_theme in ["服务员", "组合拳", "我知道", "之前交警同志来宣传过"] {
        assert!(find(themes, not_a_theme).is_none(), "{not_a_theme} ranked");
    }
}

#[test]
fn collocations_come_out_whole() {
    let d = rank(
        "普陀公安：\n\n普陀公安聚焦旅游市场秩序，开展专项整治。\n\n\
         全年查处扰乱旅游市场秩序违法行为280余起。\n\n旅游市场秩序持续向好。\n",
    );
    let t = find(section_themes(&d, 0), "旅游市场秩序").expect("collocation ranked");
    assert_eq!(t.source(), Source::Collocation);
    assert_eq!(t.tf(), 3);
    assert!(t.subsumes().is_empty() || !t.subsumes().contains(&"旅游市场秩序".to_string()));
    assert!(
        find(section_themes(&d, 0), "旅游市场").is_none(),
        "fragment hidden"
    );
}

#[test]
fn a_sentence_printed_twice_makes_no_collocation() {
    // The same words in two sentences are a collocation (above); one sentence printed twice,
    // as a caption repeats a line, is one sighting.
    let line = "普陀公安聚焦旅游市场秩序，开展专项整治。";
    let d = rank(&format!("普陀公安：\n\n{line}\n\n{line}\n"));
    let themes = section_themes(&d, 0);
    assert!(
        themes.iter().all(|t| t.source() != Source::Collocation),
        "{:?}",
        themes.iter().map(|t| t.text()).collect::<Vec<_>>()
    );
    let d = rank(&format!(
        "普陀公安：\n\n{line}\n\n全年查处扰乱旅游市场秩序违法行为280余起。\n"
    ));
    let t = find(section_themes(&d, 0), "旅游市场秩序").expect("collocation ranked");
    assert_eq!(t.source(), Source::Collocation);
    // Two bureaus' sections saying the same sentence are two sightings.
    let d = rank(&format!(
        "宁波公安工作简报\n\n慈溪公安：\n\n{line}\n\n余姚公安：\n\n{line}\n"
    ));
    assert_eq!(d.sections().len(), 2);
    for i in 0..2 {
        let t = find(section_themes(&d, i), "旅游市场秩序").expect("collocation ranked");
        assert_eq!(t.source(), Source::Collocation);
    }
    // A repeat is left out of its words' counts too, so that it cannot lower the cohesion
    // of a run that does recur: here the run holds 2 of its words' 4 sightings each (the
    // least accepted), not 2 of 5.
    let d = rank(&format!(
        "普陀公安：\n\n{line}\n\n{line}\n\n全年查处扰乱旅游市场秩序违法行为280余起。\n\n\
         旅游旺季游客增多。旅游团队秩序井然。民警维护市场秩序。商户自觉维护市场秩序。\n"
    ));
    let t = find(section_themes(&d, 0), "旅游市场秩序").expect("collocation ranked");
    assert_eq!(t.source(), Source::Collocation);
}

#[test]
fn work_done_on_a_lexicon_theme_is_that_theme() {
    // Verbs before a word the lexicon knows, and general words after it (犯罪), are the
    // work done on it: the word stays the theme, with every mention, however often the
    // verbs come with it.
    let d = rank(
        "临海公安：\n\n临海公安持续打击治理电信网络诈骗，守护群众钱包。\n\n\
         全年打击治理电信网络诈骗犯罪团伙12个。\n\n\
         打击治理电信网络诈骗联席会议每月召开。\n\n\
         全区构建打防治理电信网络诈骗犯罪体系。\n\n\
         县局部署打防治理电信网络诈骗犯罪。\n\n\
         临海公安护航亚运，亚运期间全市平安。\n\n\
         民警全力护航亚运，圆满完成任务。\n",
    );
    let themes = section_themes(&d, 0);
    let texts: Vec<&str> = themes.iter().map(|t| t.text()).collect();
    assert!(
        themes
            .iter()
            .all(|t| t.text() == "电信网络诈骗" || !t.text().contains("电信网络诈骗")),
        "{texts:?}"
    );
    let t = find(themes, "电信网络诈骗").expect("lexicon theme ranked");
    assert_eq!(t.tf(), 5, "{texts:?}");
    // So is a verb before a word the lexicon does not know: the work is done on 亚运.
    assert!(find(themes, "护航亚运").is_none(), "{texts:?}");
    let t = find(themes, "亚运").expect("the object of the work ranked");
    assert_eq!(t.tf(), 3, "{texts:?}");
}

#[test]
fn a_verb_with_its_object_after_it_ends_no_collocation() {
    // 创造 takes 良好环境 as its object both times: 港区发展创造 is no theme.
    let d = rank(
        "临海公安：\n\n临海公安为港区发展创造良好环境。\n\n\
         民警为港区发展创造良好条件。\n",
    );
    let texts: Vec<&str> = section_themes(&d, 0).iter().map(|t| t.text()).collect();
    assert!(texts.iter().all(|t| !t.ends_with("创造")), "{texts:?}");
    assert!(texts.contains(&"港区发展"), "{texts:?}");
}

#[test]
fn places_that_name_police_bodies_are_no_themes() {
    // A report without sections whose title names no place: the body names the bureau by
    // its county (泰顺县公安局; jieba knows 泰顺 only as a proper noun, in 泰顺公安机关).
    let text = "全社会反诈守护群众钱袋子\n\n\
                泰顺县公安局反诈中心统计发现，电信网络诈骗发案数同比下降。\n\n\
                泰顺公安机关以案例分析的形式向群众解读诈骗套路，泰顺公安机关还走村入户宣传。\n\n\
                泰顺县公安局推出“全社会反诈”活动。\n";
    let d = rank(text);
    let texts: Vec<&str> = d.themes().iter().map(|t| t.text()).collect();
    assert!(texts.contains(&"电信网络诈骗"), "{texts:?}");
    assert!(texts.iter().all(|t| !t.starts_with("泰顺")), "{texts:?}");
    // A word before 公安 that is no place can name a programme.
    let d = rank(
        "临海公安：\n\n临海公安建设智慧公安，智慧警务应用全面铺开。\n\n\
         智慧警务平台上线运行，智慧安防小区建成120个。\n",
    );
    let texts: Vec<&str> = section_themes(&d, 0).iter().map(|t| t.text()).collect();
    assert!(texts.iter().any(|t| t.starts_with("智慧")), "{texts:?}");
}

#[test]
fn a_plain_word_said_once_weighs_less() {
    let text = "象山公安：\n\n象山公安做好沙排赛事安保，观众观赛秩序井然。\n\n\
                沙排赛场内外，民警全程值守。\n";
    let d = rank(text);
    let plain: Vec<&Theme> = section_themes(&d, 0)
        .iter()
        .filter(|t| t.source() == Source::Term && t.category().is_none() && !t.quoted())
        .collect();
    let once = plain
        .iter()
        .find(|t| t.tf() == 1)
        .expect("a word said once");
    let twice = plain
        .iter()
        .find(|t| t.tf() >= 2)
        .expect("a word said twice");
    // A plain word's boost (0.8), and for a word said once 0.7 of that.
    let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(
        near(once.boost(), 0.7 * 0.8),
        "{} {}",
        once.text(),
        once.boost()
    );
    assert!(
        near(twice.boost(), 0.8),
        "{} {}",
        twice.text(),
        twice.boost()
    );
    for t in &plain {
        let want = if t.tf() == 1 { 0.7 * 0.8 } else { 0.8 };
        assert!(near(t.boost(), want), "{} {}", t.text(), t.boost());
    }
    // The option sets it; at 1 a word said once is not held back.
    let d = common::engine().rank_text(
        text,
        &RankOptions::default().top(30).single_mention_boost(1.0),
    );
    let t = find(section_themes(&d, 0), once.text()).expect("still ranked");
    assert!(near(t.boost(), 0.8), "{}", t.boost());
    assert!(t.score() > once.score());
    // A numbered heading of an official document states the work: a word it names once is
    // not a word in passing.
    let d = rank(
        "象山县公安局2023年工作总结\n\n一、深化沙排赛事安保\n\n\
         全年完成各类安保任务120余次，现场秩序良好。\n",
    );
    let t = d
        .all_themes()
        .find(|t| t.text() == "沙排")
        .expect("沙排 ranked");
    assert_eq!((t.tf(), t.weighted_tf()), (1, 2.0));
    assert!(near(t.boost(), 0.8), "{}", t.boost());
}

#[test]
fn lexicon_abbreviations_count_for_their_canonical_form() {
    let d = rank(
        "慈溪公安：\n\n慈溪公安严打电信网络诈骗。打处电诈类犯罪嫌疑人705人，电诈发案同比下降21.4%。\n",
    );
    let t = find(section_themes(&d, 0), "电信网络诈骗").expect("lexicon word ranked");
    assert_eq!(t.source(), Source::Lexicon);
    assert_eq!(t.category(), Some(jingwu::Category::Crime));
    assert_eq!(t.tf(), 3, "电诈 counts toward 电信网络诈骗");
    assert!(find(section_themes(&d, 0), "电诈").is_none());
    // Drink- and drunk-driving, however written, are one theme of traffic work.
    let d = rank(
        "宁德公安：\n\n宁德公安严查酒驾醉驾。查处酒驾56起、醉驾21起。\n\n\
         民警在路口查处酒后驾驶和醉酒驾驶违法行为。\n",
    );
    let themes = section_themes(&d, 0);
    let t = find(themes, "酒驾醉驾").expect("lexicon word ranked");
    assert_eq!(
        t.tf(),
        5,
        "{:?}",
        themes.iter().map(|t| t.text()).collect::<Vec<_>>()
    );
    for variant in ["酒驾", "醉驾", "酒后驾驶", "醉酒驾驶"] {
        assert!(find(themes, variant).is_none(), "{variant} ranked");
    }
}

#[test]
fn a_theme_hides_its_fragments_and_takes_their_mentions() {
    let d = rank(
        "象山公安：\n\n象山公安创新发展新时代“海上枫桥经验”，化解矛盾纠纷。\n\n\
         依托枫桥经验，渔民纠纷就地化解。\n",
    );
    let themes = section_themes(&d, 0);
    let t = find(themes, "海上枫桥经验").expect("ranked");
    assert_eq!(t.tf(), 2, "the standalone 枫桥经验 is the same theme");
    assert!(t.subsumes().contains(&"枫桥经验".to_string()));
    for f in ["枫桥经验", "枫桥", "经验"] {
        assert!(find(themes, f).is_none(), "{f} shown");
    }
    assert_eq!(t.category(), Some(jingwu::Category::Initiative));
}

#[test]
fn bureau_names_places_people_and_generic_words_are_not_themes() {
    let d = rank(
        "镇海公安：\n\n镇海公安民警走访群众和游客，游客安全感提升，镇海区公安分局辖区案件下降。镇海公安民警张伟说，\
         镇海将持续深化危化品运输安全治理。\n\n镇海公安深化危化品运输安全治理。\n",
    );
    let themes = section_themes(&d, 0);
    for bad in [
        "镇海",
        "镇海公安",
        "民警",
        "群众",
        "案件",
        "张伟",
        "辖区",
        "镇海区公安分局",
        "游客",
    ] {
        assert!(find(themes, bad).is_none(), "{bad} ranked");
    }
    assert!(!themes.is_empty());
}

#[test]
fn praise_scope_and_manner_words_are_not_themes() {
    // A report that praises its work and says how widely it is done, over and over: the
    // figures of speech (成绩单, 重拳), the words of scope (全域, 闭环) and a word made a
    // manner by 化 (常态化) are not what the work is about; the work (笑气, 交通拥堵) is.
    let text = "慈溪公安：\n\n慈溪公安常态化开展全域治理，重拳严打笑气犯罪，跨省追捕在逃人员，\
                反诈专班实体化运作，闭环处置交通拥堵问题，交出高分成绩单。\n\n\
                民警全域巡查笑气窝点，常态化联勤，重拳出击，打掉跨省团伙，实体化专班闭环管理\
                交通拥堵路段，答卷满分，成绩单亮眼。\n";
    let d = rank(text);
    let themes = section_themes(&d, 0);
    for bad in ["成绩单", "全域", "闭环", "常态", "重拳", "跨省", "实体化"] {
        assert!(find(themes, bad).is_none(), "{bad} ranked");
    }
    assert!(find(themes, "笑气").is_some());
    assert!(find(themes, "交通拥堵").is_some());
}

#[test]
fn a_word_before_the_suffix_hua_is_no_mention() {
    // 网格 of 网格化 is no mention of 网格; 网格 before another word is.
    let tf = |first: &str| {
        let text = format!("甲公安：\n\n{first}。甲地加强网格治理，推进网格共享，做好网格研判。\n");
        find(section_themes(&rank(&text), 0), "网格").map(Theme::tf)
    };
    let base = tf("甲地实现警务转型").expect("网格 ranked");
    assert_eq!(tf("甲地实现警务网格化"), Some(base));
    assert_eq!(tf("甲地实现警务网格划分"), Some(base + 1));
}

#[test]
fn a_word_said_as_a_place_is_not_a_theme() {
    // 老外滩 (a run of 老 and 外滩) and 园区 are where the patrols go, said after 在 or
    // before 周边; 笑气 is what they fight. Neither the place nor a word inside it ranks.
    let d = rank(
        "江北公安：\n\n骑巡队在老外滩沿江巡逻，严查笑气。民警在老外滩、湾头等区域巡查笑气。\n\n\
         骑巡队在园区巡逻，园区周边严查笑气。\n",
    );
    let themes = section_themes(&d, 0);
    for place in ["老外滩", "外滩", "园区"] {
        assert!(find(themes, place).is_none(), "{place} ranked");
    }
    assert!(find(themes, "笑气").is_some());
}

#[test]
fn a_word_in_the_frame_of_an_activity_is_still_a_theme() {
    // 在…中, 在…方面 and 在…的基础上 frame an activity, not a place: 网格, said only so,
    // stays.
    for frame in ["中", "方面", "的基础上"] {
        let text = format!("甲公安：\n\n民警在网格{frame}发现隐患，在网格{frame}化解纠纷。\n");
        let d = rank(&text);
        assert!(
            find(section_themes(&d, 0), "网格").is_some(),
            "在网格{frame}"
        );
    }
    // Said once as a place, it stays too; said mostly as a place, it goes.
    assert!(ranks("甲公安：\n\n民警在网格巡逻，排查隐患。\n", "网格"));
    assert!(!ranks(
        "甲公安：\n\n民警在网格巡逻，在网格走访，推进网格巡查。\n",
        "网格"
    ));
}

#[test]
fn a_quoted_figure_of_speech_can_name_the_work() {
    // 连心桥 is rhetoric as a plain word; quoted and repeated, it names a brand of work.
    assert!(ranks(
        "甲公安：\n\n甲地打造“连心桥”警务品牌，组建“连心桥”服务队，架起警民连心桥。\n",
        "连心桥"
    ));
    assert!(!ranks(
        "甲公安：\n\n甲地民警当好群众的连心桥，架起连心桥。\n",
        "连心桥"
    ));
}

#[test]
fn a_word_that_ends_in_a_word_with_hua_is_still_a_theme() {
    // 校园文化 ends in the word 文化; 实体化 ends in the suffix 化 that makes a manner.
    let d = rank(
        "甲公安：\n\n甲地推进校园文化建设，校园文化进警营。反诈专班实体化运作，实体化办公。\n",
    );
    let themes = section_themes(&d, 0);
    assert!(find(themes, "校园文化").is_some());
    assert!(find(themes, "实体化").is_none());
}

#[test]
fn political_formulas_are_not_themes() {
    // Counted principles (“四个意识”), quoted and repeated, and the words of the formulas
    // that open an official report, frame the work; the quoted name “红袖标” is the work.
    let d = rank(
        "一、坚持政治建警\n\n全局坚持以习近平新时代中国特色社会主义思想为指导，牢记总书记重要指示，\
         增强“四个意识”、做到“两个维护”。全局民警树牢“四个意识”，组建“红袖标”巡防队。\n\n\
         “红袖标”巡防队开展巡逻防控。\n",
    );
    let themes = d.themes();
    for bad in ["四个意识", "两个维护", "社会主义", "总书记", "全局"] {
        assert!(find(themes, bad).is_none(), "{bad} ranked");
    }
    assert!(find(themes, "红袖标").is_some());
}

#[test]
fn verbs_that_jieba_tags_as_nouns_are_not_themes() {
    // jieba's dictionary has 办理 and 绘制 as nouns; they say what is done, not to what.
    let d = rank(
        "甲公安：\n\n民警上门办理户籍业务，办理居住证，绘制治安地图，绘制巡逻路线。\
         户籍窗口延时办理。\n",
    );
    let themes = section_themes(&d, 0);
    for verb in ["办理", "绘制"] {
        assert!(find(themes, verb).is_none(), "{verb} ranked");
    }
    assert!(find(themes, "户籍").is_some());
}

#[test]
fn section_contrast_lowers_what_every_section_says() {
    // 交通安全 is in every section; 笑气 in one. With contrast, 笑气 gets the higher idf.
    let d = rank(
        "甲公安：\n\n甲地严打笑气犯罪，捣毁笑气窝点。甲地交通安全形势平稳。\n\n\
         乙公安：\n\n乙地交通安全宣传进校园。\n\n丙公安：\n\n丙地开展交通安全宣传。\n",
    );
    let laughing = find(section_themes(&d, 0), "笑气").unwrap();
    let traffic = find(section_themes(&d, 0), "交通安全").unwrap();
    assert_eq!(traffic.df(), 3);
    assert_eq!(laughing.df(), 1);
    assert!(laughing.idf() > traffic.idf());
}

#[test]
fn an_empty_or_structureless_report_ranks_without_failing() {
    assert!(rank("").themes().is_empty());
    let d = rank("电信网络诈骗电信网络诈骗");
    assert_eq!(d.sections().len(), 1);
    assert_eq!(d.sections()[0].title(), "");
}

#[test]
fn fragments_of_an_absorbed_variant_stay_hidden() {
    let d = rank(
        "海曙公安：\n\n海曙公安推进信访积案化解。全年化解信访积案33件。\n\n\
         信访积案化解工作经验被推广。成立信访积案化解专班，化解信访积案。\n",
    );
    let themes = section_themes(&d, 0);
    let t = find(themes, "信访积案化解").expect("the longer theme ranks");
    assert_eq!(t.tf(), 5, "its variant 信访积案 counts for it");
    for fragment in ["信访积案", "信访", "积案", "海曙", "海曙公安"] {
        assert!(find(themes, fragment).is_none(), "{fragment} shown");
    }
}
