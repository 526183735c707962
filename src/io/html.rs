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

use super::decode::{Decoding, Text, decode_text};
use super::detect::declared_charset;
use crate::error::{Error, ErrorKind};
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Deepest nesting of elements kept as such; deeper elements are read as part of the
/// element at this depth.
const MAX_DEPTH: usize = 256;
/// How far down the stack of open elements an end tag looks for its start tag.
const END_TAG_REACH: usize = 64;
/// Share of its parent's article text, in per cent, that a child must hold for the article
/// to be looked for inside it.
const ARTICLE_SHARE_PERCENT: usize = 85;

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
    let page = parse(html);
    render(&page)
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

/// Elements whose content is never the article's.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "textarea", "select", "option", "button", "head", "nav", "aside", "footer", "header",
    "menu", "dialog", "map", "audio", "video", "xmp", "noembed", "noframes",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "pre",
    "center",
    "figure",
    "figcaption",
    "address",
    "hr",
    "fieldset",
    "legend",
    "details",
    "summary",
    "form",
    "body",
    "html",
];

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Words of a `class` or `id` that name page furniture, matched as whole words
/// (`nav` of `top-nav`, `side_bar`).
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navi",
    "menu",
    "menus",
    "ad",
    "ads",
    "side",
    "sidebar",
    "foot",
    "footer",
    "header",
    "top",
    "bottom",
    "share",
    "tags",
    "tag",
    "crumb",
    "crumbs",
    "breadcrumb",
    "breadcrumbs",
    "location",
    "position",
    "login",
    "search",
    "print",
    "links",
    "hot",
    "rank",
    "banner",
    "copyright",
    "comment",
    "comments",
    "related",
    "recommend",
    "toolbar",
    "pager",
    "pagination",
    "weizhi",
    "daohang",
    "dibu",
    "banquan",
    "gotop",
    "qrcode",
    "ewm",
];

/// Parts of a `class` or `id` that name page furniture wherever they stand (`topnav`,
/// `leftmenu`, `footerwrap`).
const FURNITURE_PARTS: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "sidebar",
    "footer",
    "copyright",
    "banner",
    "comment",
    "related",
    "recommend",
    "advert",
    "daohang",
    "weizhi",
    "dibu",
    "banquan",
];

/// Parts of a `class` or `id` that name the article (`article-header`, `news_content`):
/// such an element is no furniture whatever else its names say.
const ARTICLE_PARTS: &[&str] = &["article", "content", "zhengwen", "detail", "main_text"];

/// `role` values of furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
];

/// Whether the element's attributes make it page furniture.
fn furniture_attrs(attrs: &[html5ever::Attribute]) -> bool {
    let mut names = String::new();
    for a in attrs {
        let value = a.value.to_ascii_lowercase();
        match &*a.name.local {
            "class" | "id" => {
                names.push(' ');
                names.push_str(&value);
            }
            "role" if FURNITURE_ROLES.contains(&value.trim()) => return true,
            "hidden" | "aria-hidden" if value != "false" => return true,
            "style" => {
                let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                if v.contains("display:none") || v.contains("visibility:hidden") {
                    return true;
                }
            }
            _ => {}
        }
    }
    if names.is_empty() || ARTICLE_PARTS.iter().any(|p| names.contains(p)) {
        return false;
    }
    names
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| FURNITURE_WORDS.contains(&w))
        || FURNITURE_PARTS.iter().any(|p| names.contains(p))
}

/// Builds the tree from the tokenizer's tokens.
struct Builder {
    nodes: Vec<Node>,
    /// Open elements, the root at the bottom.
    stack: Vec<usize>,
    /// Inside raw text (a script, a style, the title): what it is for.
    raw: Option<Raw>,
    title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    Title,
    Dropped,
}

impl Builder {
    fn top(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn text(&mut self, s: &str) {
        match self.raw {
            Some(Raw::Title) => self.title.push_str(s),
            Some(Raw::Dropped) => {}
            None => {
                let top = self.top();
                if let Some(Kid::Text(t)) = self.nodes[top].kids.last_mut() {
                    t.push_str(s);
                } else {
                    self.nodes[top].kids.push(Kid::Text(s.to_string()));
                }
            }
        }
    }

    /// Closes the open element named `name` if it is among the top `reach` of the stack,
    /// with every element above it, unless one named in `barrier` stands in between.
    fn close(&mut self, name: &str, reach: usize, barrier: &[&str]) -> bool {
        let n = self.stack.len();
        for k in (n.saturating_sub(reach).max(1)..n).rev() {
            let node = &self.nodes[self.stack[k]];
            if node.name == name {
                self.stack.truncate(k);
                return true;
            }
            if barrier.contains(&node.name.as_str()) {
                return false;
            }
        }
        false
    }

    fn start(&mut self, tag: &html5ever::tokenizer::Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let raw_kind = match name {
            "title" => Some((Raw::Title, RawKind::Rcdata)),
            "script" => Some((Raw::Dropped, RawKind::ScriptData)),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                Some((Raw::Dropped, RawKind::Rawtext))
            }
            "textarea" => Some((Raw::Dropped, RawKind::Rcdata)),
            "plaintext" => {
                self.raw = Some(Raw::Dropped);
                return TokenSinkResult::Plaintext;
            }
            _ => None,
        };
        if let Some((raw, kind)) = raw_kind {
            if !tag.self_closing {
                self.raw = Some(raw);
                return TokenSinkResult::RawData(kind);
            }
            return TokenSinkResult::Continue;
        }
        if name == "br" || name == "img" {
            let top = self.top();
            let kid = if name == "br" { Kid::Break } else { Kid::Image };
            self.nodes[top].kids.push(kid);
            return TokenSinkResult::Continue;
        }
        let kind = heading_level(name).map_or_else(
            || {
                if BLOCKS.contains(&name) {
                    Kind::Block
                } else if name == "a" {
                    Kind::Link
                } else {
                    Kind::Inline
                }
            },
            Kind::Heading,
        );
        // Elements a new one closes: an open paragraph, list item or cell.
        if kind != Kind::Inline && kind != Kind::Link {
            self.close("p", 8, &["div", "td", "th", "li", "table"]);
        }
        match name {
            "li" => {
                self.close("li", 8, &["ul", "ol"]);
            }
            "td" | "th" => {
                let _ =
                    self.close("td", 8, &["tr", "table"]) || self.close("th", 8, &["tr", "table"]);
            }
            "tr" => {
                self.close("tr", 8, &["table"]);
            }
            "dt" | "dd" => {
                let _ = self.close("dt", 8, &["dl"]) || self.close("dd", 8, &["dl"]);
            }
            _ => {}
        }
        if VOID.contains(&name) {
            return TokenSinkResult::Continue;
        }
        if self.stack.len() >= MAX_DEPTH {
            if matches!(kind, Kind::Block | Kind::Heading(_)) {
                let top = self.top();
                self.nodes[top].kids.push(Kid::Paragraph);
            }
            return TokenSinkResult::Continue;
        }
        let parent = self.top();
        let mark = if DROPPED.contains(&name) {
            Mark::Element
        } else if furniture_attrs(&tag.attrs) {
            Mark::Names
        } else {
            Mark::None
        };
        let link = self.nodes[parent].link || kind == Kind::Link;
        let id = self.nodes.len();
        self.nodes.push(Node {
            name: name.to_string(),
            kind,
            parent,
            mark,
            furniture: false,
            link,
            kids: Vec::new(),
        });
        self.nodes[parent].kids.push(Kid::Node(id));
        if !tag.self_closing {
            self.stack.push(id);
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &str) {
        if self.raw.is_some() {
            self.raw = None;
            return;
        }
        if name == "br" {
            let top = self.top();
            self.nodes[top].kids.push(Kid::Break);
            return;
        }
        self.close(name, END_TAG_REACH, &[]);
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return b.start(&tag),
                TagKind::EndTag => b.end(&tag.name),
            },
            Token::CharacterTokens(t) => b.text(&t),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

fn parse(html: &str) -> Page {
    let root = Node {
        name: String::new(),
        kind: Kind::Block,
        parent: 0,
        mark: Mark::None,
        furniture: false,
        link: false,
        kids: Vec::new(),
    };
    let sink = Sink(RefCell::new(Builder {
        nodes: vec![root],
        stack: vec![0],
        raw: None,
        title: String::new(),
    }));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let b = tokenizer.sink.0.into_inner();
    let mut page = Page {
        nodes: b.nodes,
        title: b.title,
    };
    mark_furniture(&mut page);
    page
}

/// Text outside furniture and links, and text of links, in each element and its
/// descendants.
struct Counts {
    text: Vec<usize>,
    links: Vec<usize>,
}

/// Adds up the text of each element: children come after their parents, so one pass from
/// the end does it. `skip` says which elements' own text is left out.
fn counts(page: &Page, skip: impl Fn(&Node) -> bool) -> Counts {
    let mut text = vec![0usize; page.nodes.len()];
    let mut links = vec![0usize; page.nodes.len()];
    for (i, n) in page.nodes.iter().enumerate().rev() {
        if !skip(n) {
            let own: usize = n
                .kids
                .iter()
                .map(|k| match k {
                    Kid::Text(t) => visible(t),
                    _ => 0,
                })
                .sum();
            if n.link {
                links[i] += own;
            } else {
                text[i] += own;
            }
        }
        if i > 0 {
            text[n.parent] += text[i];
            links[n.parent] += links[i];
        }
    }
    Counts { text, links }
}

/// Works out which elements are furniture: those marked by their element, those marked by
/// their names that hold no more than half of the page's text, and everything inside them.
fn mark_furniture(page: &mut Page) {
    let all = counts(page, |_| false);
    let total = all.text[0];
    for i in 1..page.nodes.len() {
        let n = &page.nodes[i];
        let own = match n.mark {
            Mark::Element => true,
            Mark::Names => all.text[i] * 2 <= total,
            Mark::None => false,
        };
        let inherited = page.nodes[n.parent].furniture;
        page.nodes[i].furniture = own || inherited;
    }
}

/// Characters of `s` that are not white space.
fn visible(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The text of node `id` and its descendants, furniture left out.
fn text_of(page: &Page, id: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![(id, 0)];
    while let Some((n, k)) = stack.pop() {
        let Some(kid) = page.nodes[n].kids.get(k) else {
            continue;
        };
        stack.push((n, k + 1));
        match kid {
            Kid::Text(t) => out.push_str(t),
            // A break that no line break of the source around it can join away.
            Kid::Break | Kid::Paragraph => out.push('\u{1}'),
            Kid::Image => {}
            Kid::Node(c) if !page.nodes[*c].furniture => stack.push((*c, 0)),
            Kid::Node(_) => {}
        }
    }
    collapse(&collapse(&out).replace('\u{1}', " "))
        .trim()
        .to_string()
}

/// The title: the page's `<h1>` (or `<h2>`, `<h3>`) that its `<title>` names, else its first
/// `<h1>`, else its `<title>` without the site's name. Returns the title and the heading
/// it was read from.
fn title(page: &Page) -> (String, Option<usize>) {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let page_title = collapse(&page.title).trim().to_string();
    let named = squeeze(&page_title);
    let headings: Vec<(usize, u8, String)> = page
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| match n.kind {
            Kind::Heading(level) if level <= 3 && !in_dropped(page, i) => {
                let t = text_of(page, i);
                (!t.is_empty()).then_some((i, level, t))
            }
            _ => None,
        })
        .collect();
    let found = headings
        .iter()
        .find(|(_, l, t)| *l == 1 && named.contains(&squeeze(t)))
        .or_else(|| {
            headings
                .iter()
                .find(|(_, _, t)| named.contains(&squeeze(t)))
        })
        .or_else(|| headings.iter().find(|(_, l, _)| *l == 1));
    if let Some((i, _, t)) = found {
        return (t.clone(), Some(*i));
    }
    // `走前列 争一流_宁波日报_中国宁波网`: the part before the site's names.
    let first = page_title
        .split(['_', '|', '｜', '–', '—'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("")
        .trim();
    (first.to_string(), None)
}

/// Whether node `i` is inside an element whose content is never text (a script, a menu):
/// a heading in a page's `<header>` can still name it.
fn in_dropped(page: &Page, mut i: usize) -> bool {
    let mut steps = 0;
    while i != 0 && steps <= MAX_DEPTH {
        let n = &page.nodes[i];
        if DROPPED.contains(&n.name.as_str()) && n.name != "header" {
            return true;
        }
        i = n.parent;
        steps += 1;
    }
    false
}

/// The article: from the page down, into the child that holds most of its parent's text
/// outside furniture and links, while there is one.
fn article(page: &Page, counts: &Counts) -> usize {
    let text = &counts.text;
    let mut at = 0;
    loop {
        let best = page.nodes[at]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Node(c) => Some(*c),
                _ => None,
            })
            .max_by_key(|&c| (text[c], std::cmp::Reverse(c)));
        match best {
            Some(c) if text[c] * 100 >= text[at] * ARTICLE_SHARE_PERCENT && text[c] > 0 => at = c,
            _ => return at,
        }
    }
}

/// Runs of ASCII white space as one space; a run with a line break between two characters
/// that are not ASCII (the source's line breaks inside Chinese text) as nothing.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run: Option<bool> = None; // Some(had a line break) inside a run of white space
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            let newline = c == '\n' || c == '\r';
            run = Some(run.unwrap_or(false) || newline);
            continue;
        }
        if let Some(newline) = run.take() {
            let wide = |c: char| !c.is_ascii();
            let joins = newline && out.chars().next_back().is_some_and(wide) && wide(c);
            if !joins {
                out.push(' ');
            }
        }
        out.push(c);
    }
    if run.is_some() {
        out.push(' ');
    }
    out
}

/// The page's text as lines: the title, a blank line, then the article's paragraphs.
struct Lines {
    out: String,
    /// The text of the line being written, not yet collapsed.
    line: String,
}

impl Lines {
    fn end_line(&mut self) {
        let l = collapse(&self.line);
        let l = l.trim_matches(|c: char| c.is_ascii_whitespace());
        if !l.is_empty() {
            self.out.push_str(l);
        }
        self.line.clear();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn end_paragraph(&mut self) {
        let had_text = !self.line.trim().is_empty();
        self.end_line();
        if had_text && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }
}

fn render(page: &Page) -> String {
    let (title, title_node) = title(page);
    let counts = counts(page, |n| n.furniture);
    let root = article(page, &counts);
    let mut lines = Lines {
        out: String::new(),
        line: String::new(),
    };
    if !title.is_empty() {
        lines.line.push_str(&title);
        lines.end_paragraph();
    }
    // Each open element with the index of its next kid.
    let mut stack = vec![(root, 0)];
    while let Some((n, k)) = stack.pop() {
        let node = &page.nodes[n];
        let Some(kid) = node.kids.get(k) else {
            if matches!(node.kind, Kind::Block | Kind::Heading(_)) {
                lines.end_paragraph();
            }
            continue;
        };
        stack.push((n, k + 1));
        match kid {
            Kid::Text(t) => lines.line.push_str(t),
            Kid::Break => lines.end_line(),
            Kid::Paragraph => lines.end_paragraph(),
            Kid::Image => {
                lines.end_paragraph();
                if !lines.out.is_empty() && !lines.out.ends_with("\n\n\n") {
                    lines.out.push('\n');
                }
            }
            Kid::Node(c) => {
                let child = &page.nodes[*c];
                if child.furniture || Some(*c) == title_node {
                    continue;
                }
                if matches!(child.kind, Kind::Block | Kind::Heading(_)) {
                    if link_list(&counts, *c) {
                        continue;
                    }
                    lines.end_paragraph();
                }
                stack.push((*c, 0));
            }
        }
    }
    lines.end_paragraph();
    let text = lines.out.trim_end().to_string();
    // The title line once, when the article opens with it too.
    match text.split_once('\n') {
        Some((first, rest)) if !title.is_empty() && rest.trim_start().starts_with(first) => {
            let rest = rest.trim_start();
            if rest.lines().next() == Some(first) {
                return format!("{rest}\n");
            }
            format!("{text}\n")
        }
        _ if text.is_empty() => text,
        _ => format!("{text}\n"),
    }
}

/// Whether the block `id` is mostly links: a list of other pages inside the article.
fn link_list(counts: &Counts, id: usize) -> bool {
    let (text, links) = (counts.text[id], counts.links[id]);
    links >= 4 && links > 2 * text
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
