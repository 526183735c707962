//! The seed saved the ways analysts get reports: GB18030 text, Big5 traditional text,
//! UTF-8 traditional text, UTF-16 without a BOM, a news page with its furniture, a Word
//! file and a PDF with a text layer. Each gives the feature's title, its two sections and
//! their themes, and nothing of the page around it.
#![cfg_attr(
    not(all(feature = "web", feature = "docx", feature = "pdf")),
    allow(unused_imports, dead_code)
)]

mod build;
mod common;

use jingwu::{Decoded, Decoding, Encoding, ErrorKind, Format, RankOptions, ReadOptions, Report};
use std::path::{Path, PathBuf};

const TITLE: &str = "走前列 争一流 踔厉奋发的宁波公安";
const TRADITIONAL: &str = "tests/fixtures/seed_traditional.txt";
const PDF: &str = "tests/fixtures/seed.pdf";

fn traditional() -> String {
    std::fs::read_to_string(TRADITIONAL).expect("the traditional seed is in tests/fixtures/")
}

/// A fresh directory under the system's temporary one.
fn temp_dir(name: &str) -> PathBuf {
    common::fresh_dir(&format!("formats-{name}"))
}

/// The seed's structure and themes in `text`, read from the input `name`.
fn assert_seed(name: &str, text: &str) {
    let report = Report::parse(text);
    assert_eq!(
        common::fold(&report.title()),
        TITLE,
        "{name}: title\n{text}"
    );
    let sections: Vec<String> = report
        .sections()
        .iter()
        .map(|s| common::fold(s.title()))
        .collect();
    assert_eq!(sections, ["象山公安", "慈溪公安"], "{name}: sections");

    let ranking = common::engine().rank_text(text, &RankOptions::default().top(10));
    let top = |k: usize| -> Vec<String> {
        ranking.sections()[k]
            .themes()
            .iter()
            .map(|t| t.normalized().to_string())
            .collect()
    };
    assert!(
        top(0).iter().any(|t| t == "海上枫桥经验"),
        "{name}: 象山公安 {:?}",
        top(0)
    );
    assert!(
        top(1).iter().any(|t| t == "笑气"),
        "{name}: 慈溪公安 {:?}",
        top(1)
    );
    for t in ranking.all_themes() {
        for f in build::FURNITURE {
            assert!(
                !t.text().contains(f),
                "{name}: furniture {f} in theme {}",
                t.text()
            );
        }
    }
}

#[test]
fn gb18030_text() {
    let seed = common::seed();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&seed);
    assert!(!unmappable);
    let d = jingwu::decode_report(&bytes, Decoding::Strict).unwrap();
    assert_eq!(
        (d.encoding(), d.format()),
        (Encoding::Gb18030, Format::Text)
    );
    assert_eq!(d.text(), seed);
    assert_seed("GB18030", d.text());
}

#[test]
fn big5_traditional_text() {
    let text = traditional();
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let dir = temp_dir("big5");
    let path = dir.join("seed-big5.txt");
    std::fs::write(&path, &bytes).unwrap();
    let d = jingwu::read_report(&path, Decoding::Strict).unwrap();
    assert_eq!(d.encoding(), Encoding::Big5);
    assert_eq!(d.text(), text);
    assert!(d.text().contains("海上楓橋經驗") && d.text().contains("笑氣"));
    assert_seed("Big5", d.text());
    // Themes are shown as the text writes them.
    let ranking = common::engine().rank_text(d.text(), &RankOptions::default().top(10));
    assert!(
        ranking.sections()[0]
            .themes()
            .iter()
            .any(|t| t.text() == "海上楓橋經驗")
    );
}

#[test]
fn utf8_traditional_text() {
    let text = traditional();
    let d = jingwu::decode_report(text.as_bytes(), Decoding::Strict).unwrap();
    assert_eq!(d.encoding(), Encoding::Utf8);
    assert_seed("UTF-8 traditional", d.text());
}

#[test]
fn utf16_without_bom() {
    let seed = common::seed();
    let le: Vec<u8> = seed.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let d = jingwu::decode_report(&le, Decoding::Strict).unwrap();
    assert_eq!(d.encoding(), Encoding::Utf16LeNoBom);
    assert_eq!(d.text(), seed);
}

#[test]
fn a_forced_encoding_is_used() {
    let seed = common::seed();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&seed);
    let options = ReadOptions::new().encoding(Encoding::Big5);
    // GB18030 bytes read as Big5 are no text: the error names where.
    let e = jingwu::decode_report(&bytes, &options).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::InvalidText);
    assert!(e.offset().is_some() && e.line().is_some());
    let d = jingwu::decode_report(&bytes, options.decoding(Decoding::Lossy)).unwrap();
    assert_eq!(d.encoding(), Encoding::Big5);
    assert!(d.replaced() > 0);
}

#[cfg(feature = "web")]
#[test]
fn news_page_with_furniture() {
    let seed = common::seed();
    let page = build::seed_page(&seed, "gb2312");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable);
    let dir = temp_dir("html");
    // Read by its content, whatever its name says.
    let path = dir.join("page.txt");
    std::fs::write(&path, &bytes).unwrap();
    let d = jingwu::read_report(&path, Decoding::Strict).unwrap();
    assert_eq!(
        (d.format(), d.encoding()),
        (Format::Html, Encoding::Gb18030)
    );
    let text = d.text();
    assert!(text.starts_with(&format!("{TITLE}\n\n")), "{text}");
    for f in build::FURNITURE {
        assert!(!text.contains(f), "furniture {f} in\n{text}");
    }
    assert!(!text.contains('<') && !text.contains("_hmt"), "{text}");
    assert_seed("HTML", text);
    // Its paragraphs are the seed's, one per line, a blank line between them.
    let body: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let seed_lines: Vec<&str> = seed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(body[1..], seed_lines[2..]);
    // A photo's gap stays a gap: the caption after it is read as one.
    let report = Report::parse(text);
    let captions: Vec<&str> = report
        .blocks()
        .filter(|b| b.kind() == jingwu::BlockKind::Caption)
        .map(|b| b.text())
        .collect();
    assert!(
        captions.contains(&"象山县公安局民警辅警做好颁奖现场秩序维护工作。"),
        "{captions:?}"
    );
}

#[cfg(feature = "web")]
#[test]
fn a_page_in_utf8_without_declared_charset() {
    let page = build::seed_page(&common::seed(), "utf-8").replace(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n",
        "",
    );
    let d = jingwu::extract_report(page.as_bytes(), Decoding::Strict).unwrap();
    assert_eq!((d.format(), d.encoding()), (Format::Html, Encoding::Utf8));
    assert_seed("HTML in UTF-8", d.text());
}

#[cfg(feature = "web")]
#[test]
fn a_government_page_laid_out_in_tables() {
    // An official summary as a disclosure site prints it: tables for the layout, the title in
    // a cell, no `<h1>`, the text in a cell named `content`, print and close links after it.
    let summary = std::fs::read_to_string("seeds/gw_1.txt").unwrap();
    let mut lines = summary.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap();
    let body: String = lines.map(|l| format!("<p>　　{l}</p>\n")).collect();
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>{title} - 平湖市人民政府</title></head>\
         <body><table width=\"1000\"><tr><td class=\"top\"><img src=\"logo.gif\">\
         <a href=\"/\">首页</a> <a href=\"/zwgk\">政务公开</a> <a href=\"/hd\">政民互动</a></td></tr>\
         <tr><td><table><tr><td class=\"position\">您现在的位置：首页 &gt; 政务公开 &gt; 工作总结</td></tr>\
         <tr><td class=\"bt_title\" align=\"center\">{title}</td></tr>\
         <tr><td>发布日期：2024-01-10　来源：市公安局　浏览次数：123</td></tr>\
         <tr><td class=\"bt_content\" id=\"zoom\">{body}</td></tr>\
         <tr><td>【<a href=\"javascript:print()\">打印本页</a>】【<a href=\"javascript:close()\">关闭窗口</a>】</td></tr>\
         </table></td></tr><tr><td class=\"bottom\">主办：平湖市人民政府办公室　浙ICP备12345678号</td></tr>\
         </table></body></html>"
    );
    let d = jingwu::extract_report(page.as_bytes(), Decoding::Strict).unwrap();
    let text = d.text();
    for furniture in [
        "首页",
        "您现在的位置",
        "打印本页",
        "主办",
        "浙ICP备",
        "浏览次数",
    ] {
        assert!(!text.contains(furniture), "{furniture} in\n{text}");
    }
    let from_page = Report::parse(text);
    let from_text = Report::parse(&summary);
    assert_eq!(from_page.title(), title);
    let sections = |r: &Report| -> Vec<String> {
        r.sections().iter().map(|s| s.title().to_string()).collect()
    };
    assert_eq!(sections(&from_page), sections(&from_text));
}

#[cfg(feature = "docx")]
#[test]
fn word_file() {
    let seed = common::seed();
    let docx = build::seed_docx(&seed);
    let d = jingwu::extract_report(&docx, Decoding::Strict).unwrap();
    assert_eq!(d.format(), Format::Docx);
    // The seed's text, blank lines and all (its leading blank lines aside).
    assert_eq!(d.text().trim_end(), seed.trim());
    assert_seed("Word", d.text());
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_with_a_text_layer() {
    let d = jingwu::read_report(PDF, Decoding::Strict).unwrap();
    assert_eq!((d.format(), d.encoding()), (Format::Pdf, Encoding::PdfText));
    assert_seed("PDF", d.text());
    // The page width broke the paragraphs into lines; the report joins them again.
    let report = Report::parse(d.text());
    let paragraph = report
        .blocks()
        .find(|b| b.text().starts_with("今年，某水产公司"))
        .expect("the paragraph");
    assert!(paragraph.is_repaired(), "{}", d.text());
    assert_eq!(
        paragraph.text(),
        "今年，某水产公司鱼料投喂的进口设备出现了问题，急需国外技术专家入境排除故障。\
         象山警方实地走访后，仅用5天时间，就为外国专家办理了签证，为企业解了燃眉之急。"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn a_hand_made_pdf_with_a_to_unicode_map() {
    let pdf = build::text_pdf(&["象山公安：", "严打笑气犯罪。"]);
    let d = jingwu::extract_report(&pdf, Decoding::Strict).unwrap();
    assert_eq!(d.text(), "象山公安：\n严打笑气犯罪。\n");
    // Without the map, through the font's predefined Chinese encoding.
    let pdf = build::text_pdf_in(&["象山公安：", "严打笑气犯罪。"], false);
    let d = jingwu::extract_report(&pdf, Decoding::Strict).unwrap();
    assert_eq!(d.text(), "象山公安：\n严打笑气犯罪。\n");
}

#[cfg(feature = "pdf")]
#[test]
fn lines_of_a_narrow_column_are_joined_into_paragraphs() {
    // An official document's column, 23 characters wide, as a PDF sets it.
    let column = [
        "象山县公安局坚持统筹推进护航亚运和社会面整体防",
        "控，通过12345热线等平台稳步推进警情分流工作，",
        "全县各派出所有效警情数同比下降12.93%。赛事期间",
        "，象山公安用警总量达3.9万人次，确保了105场沙",
        "排比赛、194轮帆船比赛顺利进行。",
        "创新发展，当好助力经济“服务员”",
    ];
    let pdf = build::text_pdf(&column);
    let d = jingwu::extract_report(&pdf, Decoding::Strict).unwrap();
    assert_eq!(d.text(), column.join("\n") + "\n");
    let report = Report::parse(d.text());
    let blocks: Vec<&str> = report.blocks().map(|b| b.text()).collect();
    assert_eq!(
        blocks,
        [
            "象山县公安局坚持统筹推进护航亚运和社会面整体防控，通过12345热线等平台稳步推进警情分流工作，\
             全县各派出所有效警情数同比下降12.93%。赛事期间，象山公安用警总量达3.9万人次，确保了105场沙\
             排比赛、194轮帆船比赛顺利进行。",
            "创新发展，当好助力经济“服务员”",
        ]
    );
}

#[cfg(feature = "pdf")]
#[test]
fn scanned_and_locked_pdfs_are_errors_and_the_other_files_are_ranked() {
    let dir = temp_dir("pdfs");
    std::fs::write(dir.join("a-scan.pdf"), build::scanned_pdf()).unwrap();
    std::fs::write(dir.join("b-locked.pdf"), build::encrypted_pdf()).unwrap();
    std::fs::copy(PDF, dir.join("c-seed.pdf")).unwrap();
    std::fs::write(dir.join("d-seed.txt"), common::seed()).unwrap();
    std::fs::write(dir.join("e-notes.md"), "not a report").unwrap();
    let read = jingwu::read_reports(&[&dir], Decoding::Strict);
    let names = |r: &[(String, Decoded)]| -> Vec<String> {
        r.iter()
            .map(|(p, _)| {
                Path::new(p)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    assert_eq!(names(&read.reports), ["c-seed.pdf", "d-seed.txt"]);
    assert_eq!(read.errors.len(), 2);
    let scan = &read.errors[0];
    assert_eq!(scan.kind(), &ErrorKind::NoText);
    assert!(scan.path().unwrap().ends_with("a-scan.pdf"));
    assert!(scan.to_string().contains("a-scan.pdf"), "{scan}");
    let locked = &read.errors[1];
    assert_eq!(locked.kind(), &ErrorKind::Encrypted, "{locked}");
    assert!(locked.path().unwrap().ends_with("b-locked.pdf"));

    // The `themes` example names the scan, ranks the others and fails at the end (its
    // binary is there when `cargo test` built the examples).
    let exe = std::env::current_exe().unwrap();
    let example = exe.parent().and_then(Path::parent).map(|d| {
        d.join("examples")
            .join(format!("themes{}", std::env::consts::EXE_SUFFIX))
    });
    match example.filter(|e| e.is_file()) {
        Some(example) => {
            let out = std::process::Command::new(example)
                .arg(&dir)
                .arg("--quiet")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{stdout}\n{stderr}");
            assert!(
                stderr.contains("a-scan.pdf") && stderr.contains("b-locked.pdf"),
                "{stderr}"
            );
            assert!(
                stdout.contains("c-seed.pdf") && stdout.contains("d-seed.txt"),
                "{stdout}"
            );
            assert!(
                stdout.contains("海上枫桥经验") && stdout.contains(TITLE),
                "{stdout}"
            );
        }
        None => eprintln!("the themes example is not built: its exit status is not checked"),
    }
}

#[test]
fn directories_take_the_report_formats() {
    let dir = temp_dir("dir");
    for name in [
        "a.txt", "b.HTM", "c.html", "d.docx", "e.pdf", "f.md", "g.doc", "h",
    ] {
        std::fs::write(dir.join(name), "").unwrap();
    }
    let files: Vec<String> = jingwu::report_files(&[&dir])
        .into_iter()
        .map(|f| {
            f.unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(files, ["a.txt", "b.HTM", "c.html", "d.docx", "e.pdf"]);
}
