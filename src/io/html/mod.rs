//! Web pages: the article's text without the page around it.
//!
//! The page is tokenized by html5ever's tokenizer into a tree of its own (nested no deeper
//! than [`MAX_DEPTH`], so a hostile page costs linear time and memory). Navigation,
//! breadcrumbs, sidebars, scripts, styles, footers and copyright lines are page furniture:
//! known by their elements (`nav`, `aside`, `footer`, …), their `role`, or the words of
//! their `class` and `id`. The article is the deepest element that holds most of the page's
//! text outside furniture and links. Its headings, paragraphs, list items and table cells
//! become paragraphs (a blank line between them), a `<br>` ends a line, and the title (the
//! page's `<h1>` that its `<title>` names, else its first `<h1>`, else its `<title>` without
//! the site's name) comes first.

mod article;
mod tree;

use super::decode::{Decoding, Text, decode_text};
use super::detect::declared_charset;
use crate::error::{Error, ErrorKind};

/// Deepest nesting of elements kept as such; deeper elements are read as part of the
/// element at this depth.
const MAX_DEPTH: usize = 256;
/// How far down the stack of open elements an end tag looks for its start tag.
const END_TAG_REACH: usize = 64;

/// Decodes the page (its declared charset first, unless one is forced) and extracts the
/// article's text.
pub(crate) fn extract(
    bytes: &[u8],
    decoding: Decoding,
    forced: Option<crate::Encoding>,
) -> Result<Text, Error> {
    let decoded = match (forced, declared_charset(bytes)) {
        (Some(e), _) => decode_text(bytes, decoding, Some(e))?,
        // A page that is not in the charset it declares is read as detected.
        (None, Some(e)) => match decode_text(bytes, Decoding::Strict, Some(e)) {
            Ok(t) => t,
            Err(_) => decode_text(bytes, decoding, None)?,
        },
        (None, None) => decode_text(bytes, decoding, None)?,
    };
    if u32::try_from(decoded.text.len()).is_err() {
        return Err(Error::new(
            ErrorKind::TooLarge,
            "a web page of 4 GiB or more",
        ));
    }
    let text = article_text(&decoded.text);
    Ok(Text { text, ..decoded })
}

/// The article's text of the page `html`.
pub(crate) fn article_text(html: &str) -> String {
    let page = tree::parse(html);
    article::render(&page)
}

/// What an element is to the extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Starts and ends a paragraph.
    Block,
    /// A heading `h1`–`h6`, with its level.
    Heading(u8),
    /// Text that runs on in its paragraph.
    Inline,
    /// A link: its text is counted apart.
    Link,
}

#[derive(Debug)]
enum Kid {
    Node(usize),
    Text(String),
    Break,
    /// A paragraph's end, where an element deeper than [`MAX_DEPTH`] started one.
    Paragraph,
    /// An image: the gap of a photo, after which a lone short sentence is its caption.
    Image,
}

/// Why an element is page furniture on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// It is not.
    None,
    /// By its element (`nav`, `script`, `footer`): always.
    Element,
    /// By its `class`, `id`, `role` or style: unless it holds most of the page's text (a
    /// wrapper named `top` around everything).
    Names,
}

#[derive(Debug)]
struct Node {
    name: String,
    kind: Kind,
    parent: usize,
    /// What marks the element itself as furniture.
    mark: Mark,
    /// Furniture itself or inside furniture (worked out once the page is read).
    furniture: bool,
    /// Inside a link.
    link: bool,
    kids: Vec<Kid>,
}

/// A page as read: its elements in document order (a parent before its children), the
/// text of its `<title>`.
#[derive(Debug)]
struct Page {
    nodes: Vec<Node>,
    title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_without_furniture() {
        let page = "<!doctype html><html><head><title>打好反诈攻坚战_市公安局_平安网</title>\
            <style>p{color:red}</style><script>var a = '<p>脚本</p>';</script></head><body>\
            <div class=\"top-nav\"><a href=/>首页</a><a href=/n>新闻中心</a></div>\
            <div class=\"crumbs\">首页 &gt; 新闻中心 &gt; 警务动态</div>\
            <div class=\"main\"><h1>打好反诈攻坚战</h1><div class=\"info\">来源：市公安局</div>\
            <div class=\"article-content\"><p>全市公安机关严打电信网络诈骗，\n守护群众钱袋子。</p>\
            <p>一是强化宣传；<br>二是精准打击。</p><h2>慈溪公安：</h2><p>深化“公安大脑”建设，推进警务转型。</p>\
            <table><tr><td>破获案件</td><td>53起</td></tr></table></div></div>\
            <div id=\"sidebar\"><h3>热点新闻</h3><ul><li><a href=/1>一则新闻标题很长很长</a></li></ul></div>\
            <div class=\"footer\">Copyright © 2023 平安网 版权所有</div></body></html>";
        let text = article_text(page);
        assert_eq!(
            text,
            "打好反诈攻坚战\n\n来源：市公安局\n\n全市公安机关严打电信网络诈骗，守护群众钱袋子。\n\n\
             一是强化宣传；\n二是精准打击。\n\n慈溪公安：\n\n深化“公安大脑”建设，推进警务转型。\n\n\
             破获案件\n\n53起\n"
        );
    }

    #[test]
    fn title_from_the_title_element_without_the_site() {
        let page = "<title>走前列 争一流 踔厉奋发的宁波公安_宁波日报</title><body><p>今年来，象山县公安局坚持统筹推进。</p>";
        let text = article_text(page);
        assert_eq!(
            text,
            "走前列 争一流 踔厉奋发的宁波公安\n\n今年来，象山县公安局坚持统筹推进。\n"
        );
    }

    #[test]
    fn deep_nesting_and_unclosed_tags_are_read() {
        let mut page = "<div>".repeat(10_000);
        page.push_str("<p>深层的段落。<p>又一段");
        let text = article_text(&page);
        assert_eq!(text, "深层的段落。\n\n又一段\n");
        assert_eq!(article_text(""), "");
        // A wrapper named like furniture around the whole page is not furniture.
        let page = "<div id=top><div class=nav><a href=/>首页</a></div>\
                    <p>全市公安机关严打电信网络诈骗，守护群众钱袋子。</p></div>";
        assert_eq!(
            article_text(page),
            "全市公安机关严打电信网络诈骗，守护群众钱袋子。\n"
        );
        assert_eq!(article_text("<script>"), "");
    }
}
