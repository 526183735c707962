//! The page as a tree of its own, built from html5ever's tokens: elements nested no deeper
//! than [`MAX_DEPTH`], end tags matched within [`END_TAG_REACH`], the elements and names of
//! page furniture.

use super::article::mark_furniture;
use super::{END_TAG_REACH, Kid, Kind, MAX_DEPTH, Mark, Node, Page};
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// Elements whose content is never the article's.
pub(super) const DROPPED: &[&str] = &[
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

/// Reads the page `html` into its tree.
pub(super) fn parse(html: &str) -> Page {
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
