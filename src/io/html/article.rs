//! The article of a page read: which elements are furniture, where the article is, its
//! title, and its text as lines.

use super::tree::DROPPED;
use super::{Kid, Kind, MAX_DEPTH, Mark, Node, Page};

/// Share of its parent's article text, in per cent, that a child must hold for the article
/// to be looked for inside it.
const ARTICLE_SHARE_PERCENT: usize = 85;

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
pub(super) fn mark_furniture(page: &mut Page) {
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

/// The page's text: the title, a blank line, then the article's paragraphs.
pub(super) fn render(page: &Page) -> String {
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
