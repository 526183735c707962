//! Builds the inputs of the format tests in code: a Word file, a web page with its
//! furniture, small PDFs by hand.
#![allow(dead_code)]

use std::io::Write;

/// The seed's blocks (separated by blank lines) with the number of blank lines before each.
pub fn blocks(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut gap = 0;
    let mut block: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !block.is_empty() {
                out.push((gap, block.join("\n")));
                block.clear();
                gap = 0;
            }
            gap += 1;
        } else {
            block.push(line);
        }
    }
    if !block.is_empty() {
        out.push((gap, block.join("\n")));
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A zip archive of `files` (name, content), deflated.
pub fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            z.start_file(*name, options).unwrap();
            z.write_all(content).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// `word/document.xml` of `paragraphs`: each a `w:p`, its lines parted by `w:br`; an empty
/// one an empty paragraph.
pub fn document_xml(paragraphs: &[String]) -> String {
    let mut body = String::new();
    for p in paragraphs {
        if p.is_empty() {
            body.push_str("<w:p/>");
            continue;
        }
        body.push_str("<w:p>");
        for (k, line) in p.split('\n').enumerate() {
            if k > 0 {
                body.push_str("<w:r><w:br/></w:r>");
            }
            body.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_escape(line)
            ));
        }
        body.push_str("</w:p>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    )
}

/// A Word file whose document part is `xml`.
pub fn docx_of_xml(xml: &[u8]) -> Vec<u8> {
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" \
        ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" \
        Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
        Target=\"word/document.xml\"/></Relationships>";
    zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", xml),
    ])
}

/// The seed as a Word file: a paragraph per block, its lines parted by line breaks, an
/// empty paragraph for each blank line past the first between two blocks (the gap of a
/// photo). `tests/fixtures/seed.pdf` was made from the same document.
pub fn seed_docx(seed: &str) -> Vec<u8> {
    let mut paragraphs = Vec::new();
    for (k, (gap, block)) in blocks(seed).into_iter().enumerate() {
        if k > 0 {
            paragraphs.extend((1..gap).map(|_| String::new()));
        }
        paragraphs.push(block);
    }
    docx_of_xml(document_xml(&paragraphs).as_bytes())
}

/// Words of the page furniture of [`seed_page`]: none of them is the article's.
pub const FURNITURE: &[&str] = &[
    "首页",
    "新闻中心",
    "网站地图",
    "当前位置",
    "热点排行",
    "网友评论",
    "版权所有",
    "浙ICP备",
    "统计代码",
    "违法和不良信息",
    "宁波日报报业集团",
    "扫一扫",
    "甬派客户端",
    "相关阅读",
];

/// The seed as a news page: the feature's title in `<title>` (with the site's names) and
/// `<h1>`, the article's blocks as paragraphs (a block after a photo's gap after an
/// image), and around them navigation, breadcrumbs, a sidebar of other headlines, a script,
/// a style, related links and a footer with the copyright.
pub fn seed_page(seed: &str, charset: &str) -> String {
    let blocks = blocks(seed);
    // The first two blocks are the title's lines.
    let title = format!("{} {}", blocks[0].1, blocks[1].1);
    let mut article = String::new();
    for (gap, block) in &blocks[2..] {
        if *gap >= 3 {
            article.push_str("<p style=\"text-align:center\"><img src=\"photo.jpg\"></p>\n");
        }
        let lines: Vec<String> = block.lines().map(xml_escape).collect();
        article.push_str(&format!("<p>　　{}</p>\n", lines.join("<br>\n")));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
         <title>{title}_宁波日报_中国宁波网</title>\n\
         <style>.nav li {{ float: left; }} body {{ font-size: 14px; }}</style>\n\
         <script>var _hmt = []; /* 统计代码 */ document.write('<p>统计代码</p>');</script>\n\
         </head>\n<body>\n\
         <div class=\"header\"><div class=\"logo\"><a href=\"/\"><img alt=\"中国宁波网\" src=\"logo.png\"></a></div>\n\
         <ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/news\">新闻中心</a></li>\
         <li><a href=\"/police\">平安宁波</a></li><li><a href=\"/map\">网站地图</a></li></ul></div>\n\
         <div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻中心</a> &gt; 宁波新闻</div>\n\
         <div class=\"wrap\">\n<div class=\"left\">\n\
         <h1>{}<br>\n{}</h1>\n\
         <div class=\"info\">来源：宁波日报　　2023-11-20 08:30　　作者：邹鑫</div>\n\
         <div class=\"article-body\">\n{article}</div>\n\
         <div class=\"related\"><h3>相关阅读</h3><ul>\
         <li><a href=\"/1\">宁波公安全力护航杭州亚运会圆满落幕</a></li>\
         <li><a href=\"/2\">慈溪警方捣毁一特大非法经营笑气窝点</a></li></ul></div>\n\
         <div id=\"comment\">网友评论：请文明发言，共建和谐网络。</div>\n\
         </div>\n\
         <div class=\"sidebar\"><h3>热点排行</h3><ol>\
         <li><a href=\"/3\">宁波地铁新线开通运营</a></li><li><a href=\"/4\">甬江两岸灯光秀今晚上演</a></li>\
         <li><a href=\"/5\">浙江省公安厅发布冬季交通安全提示</a></li></ol>\
         <div class=\"ewm\">扫一扫 下载甬派客户端</div></div>\n\
         </div>\n\
         <div class=\"footer\"><p>违法和不良信息举报电话：0574-12345678</p>\
         <p>Copyright &copy; 2023 宁波日报报业集团 版权所有 浙ICP备12345678号</p></div>\n\
         </body>\n</html>\n",
        xml_escape(&blocks[0].1),
        xml_escape(&blocks[1].1),
    )
}

/// A PDF made of `objects` (each the body of `N 0 obj … endobj`, numbered from 1) with
/// object 1 its catalogue and `trailer_extra` in its trailer: offsets and the
/// cross-reference table worked out.
pub fn pdf(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A one-page PDF whose page is an image and no text: what a scanner makes.
pub fn scanned_pdf() -> Vec<u8> {
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
              /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
            stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            stream(
                "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
                 /BitsPerComponent 8",
                &[0, 255, 255, 0],
            ),
        ],
        "",
    )
}

/// A one-page PDF that shows `lines` in a font whose codes are the characters' UTF-16
/// code units, mapped to Unicode by its `ToUnicode` map, one line every 20 points.
pub fn text_pdf(lines: &[&str]) -> Vec<u8> {
    text_pdf_in(lines, true)
}

/// [`text_pdf`] with or without the `ToUnicode` map: without it, the font's encoding is
/// the predefined `UniGB-UCS2-H` (codes are UCS-2), as some Chinese PDF makers write.
pub fn text_pdf_in(lines: &[&str], to_unicode: bool) -> Vec<u8> {
    let mut content = Vec::new();
    content.extend_from_slice(b"BT /F1 12 Tf 14 TL 50 800 Td\n");
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            content.extend_from_slice(b"0 -20 Td\n");
        }
        content.push(b'<');
        for u in line.encode_utf16() {
            content.extend_from_slice(format!("{u:04X}").as_bytes());
        }
        content.extend_from_slice(b"> Tj\n");
    }
    content.extend_from_slice(b"ET");
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
                /CMapName /Identity-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange \
                1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap \
                CMapName currentdict /CMap defineresource pop end end";
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
              /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
                .to_vec(),
            stream("", &content),
            if to_unicode {
                b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H \
                  /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
                    .to_vec()
            } else {
                b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H \
                  /DescendantFonts [6 0 R] >>"
                    .to_vec()
            },
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
              /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
                .to_vec(),
            stream("", cmap.as_bytes()),
        ],
        "",
    )
}

/// A PDF locked by a password: its trailer names an encryption whose key no empty
/// password opens.
pub fn encrypted_pdf() -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("", b"\x8a\x13\xf0\x55\x01\x99\xc4\x2e"),
    ];
    let o = "<".to_string() + &"4A".repeat(32) + ">";
    let u = "<".to_string() + &"7B".repeat(32) + ">";
    objects.push(
        format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O {o} /U {u} >>")
            .into_bytes(),
    );
    pdf(
        &objects,
        "/Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    )
}
