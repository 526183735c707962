//! Bylines: `记者 邹鑫`, `通讯员 章挺伟 柳欣 文/摄`, `中国宁波网记者 王晓峰 通讯员 奕超超`.

use super::{Byline, BylineRole};
use crate::text::Span;
use crate::vocab::{RoleName, cues};

/// Longest name of a news outlet before `记者` (`中国宁波网记者`), in characters.
pub(super) const OUTLET_MAX_CHARS: usize = 10;

/// Longest line, in bytes, that can be a byline: about 100 characters, two or three roles
/// with their names.
pub(super) const BYLINE_MAX_BYTES: usize = 300;

/// A searcher for `记者`, built once.
static REPORTER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("记者"));

/// `通讯员 章挺伟 柳欣 文/摄` → a byline; `中国宁波网记者 王晓峰 通讯员 奕超超` → two, one per
/// role, each with its part of the line; anything else → `None`.
///
/// `line` is read with its traditional characters folded; the names are taken from
/// `written`, the line as the text writes it (of the same length).
pub(super) fn parse_bylines(line: &str, written: &str, span: Span) -> Option<Vec<Byline>> {
    let as_written = |piece: &str| {
        let at = piece.as_ptr() as usize - line.as_ptr() as usize;
        written
            .get(at..at + piece.len())
            .unwrap_or(piece)
            .to_string()
    };
    // Most lines are no byline: they are long, or open neither with a role nor with an
    // outlet's name and 记者.
    if line.len() > BYLINE_MAX_BYTES {
        return None;
    }
    let head = &line.as_bytes()[..line.len().min(4 * (OUTLET_MAX_CHARS + 2))];
    let cues = cues();
    if !cues
        .byline_roles
        .iter()
        .any(|&(prefix, _)| line.starts_with(prefix))
        && REPORTER.find(head).is_none()
    {
        return None;
    }
    // The line's words, with their byte offsets (`split_whitespace` yields pieces of `line`).
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
        .collect();
    let mut out: Vec<Byline> = Vec::new();
    for (k, &(at, word)) in words.iter().enumerate() {
        // A role opens a byline, glued to its first name or not (`记者邹鑫`); the first may
        // follow the outlet's name (`新华社记者`).
        let role = cues
            .byline_roles
            .iter()
            .find_map(|&(prefix, role)| word.strip_prefix(prefix).map(|rest| (role_of(role), rest)))
            .or_else(|| {
                let (outlet, rest) = word.split_once("记者")?;
                let n = outlet.chars().count();
                (k == 0
                    && (2..=OUTLET_MAX_CHARS).contains(&n)
                    && outlet.chars().all(|c| c.is_alphanumeric() || c == '·')
                    && outlet.ends_with(cues.outlet_endings.as_slice()))
                .then_some((BylineRole::Reporter, rest))
            });
        let end = span.start + at + word.len();
        match (role, out.last_mut()) {
            (Some((role, rest)), _) => {
                out.push(Byline {
                    role,
                    names: Vec::new(),
                    credit: None,
                    span: Span::new(span.start + at, end),
                });
                let b = out.last_mut()?;
                // A name and its desk after a slash (`李宥漮/社会报导`).
                match rest.split_once('/') {
                    Some((name, desk))
                        if !name.is_empty() && (1..=6).contains(&desk.chars().count()) =>
                    {
                        b.names.push(as_written(name));
                        b.credit = Some(as_written(desk));
                    }
                    _ if !rest.is_empty() => b.names.push(as_written(rest)),
                    _ => {}
                }
            }
            (None, None) => return None,
            (None, Some(b)) => {
                if b.credit.is_some() {
                    return None;
                }
                if cues.byline_credits.contains(&word) {
                    b.credit = Some(as_written(word));
                } else {
                    b.names.push(as_written(word));
                }
                b.span.end = end;
            }
        }
    }
    let is_name = |w: &String| {
        let n = w.chars().count();
        (1..=5).contains(&n) && w.chars().all(|c| c.is_alphabetic() || c == '·')
    };
    let well_formed =
        |b: &Byline| !b.names.is_empty() && b.names.len() <= 8 && b.names.iter().all(is_name);
    (!out.is_empty() && out.iter().all(well_formed)).then_some(out)
}

/// A credit of a name and what the person did, with a slash: `余青/文`, `王浩/摄`,
/// `文/图/郑楚君`; its name and role.
fn credit(word: &str) -> Option<(&str, BylineRole)> {
    let role_of = |r: &str| match r {
        "文" => Some(BylineRole::Reporter),
        "摄" | "图" | "文/摄" | "文/图" => Some(BylineRole::Photographer),
        _ => None,
    };
    let is_name = |n: &str| {
        let k = n.chars().count();
        (2..=4).contains(&k) && n.chars().all(crate::text::is_han)
    };
    // The name first (`余青/文`), or last (`文/图/郑楚君`).
    if let Some((name, role)) = word.split_once('/')
        && is_name(name)
        && let Some(r) = role_of(role)
    {
        return Some((name, r));
    }
    let (role, name) = word.rsplit_once('/')?;
    (is_name(name)).then_some(())?;
    role_of(role).map(|r| (name, r))
}

/// `□余青/文 王浩/摄`, `文/图/郑楚君`: a line of credits alone, one byline each.
pub(super) fn credit_bylines(line: &str, written: &str, span: Span) -> Option<Vec<Byline>> {
    if line.len() > BYLINE_MAX_BYTES || !line.contains('/') {
        return None;
    }
    let body = line.trim_start_matches(CREDIT_MARKS);
    let skipped = line.len() - body.len();
    let mut out = Vec::new();
    for w in body.split_whitespace() {
        let (name, role) = credit(w)?;
        let at = w.as_ptr() as usize - line.as_ptr() as usize;
        let name_at = name.as_ptr() as usize - line.as_ptr() as usize;
        out.push(Byline {
            role,
            names: vec![
                written
                    .get(name_at..name_at + name.len())
                    .unwrap_or(name)
                    .to_string(),
            ],
            credit: Some(
                written
                    .get(at..at + w.len())
                    .unwrap_or(w)
                    .replace(name, "")
                    .trim_matches('/')
                    .to_string(),
            ),
            span: Span::new(span.start + at.max(skipped), span.start + at + w.len()),
        });
    }
    (!out.is_empty()).then_some(out)
}

/// Marks that may open a line of credits (`□余青/文`).
const CREDIT_MARKS: &[char] = &['□', '■', '◇', '◆', ' ', '\u{3000}'];

/// Where the credits that end a line start (`…平安图 □余青/文 王浩/摄`), when the line
/// has something before them.
pub(super) fn trailing_credits(line: &str) -> Option<usize> {
    if !line.contains('/') || line.len() > 2 * BYLINE_MAX_BYTES {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut first = words.len();
    while first > 0 && credit(words[first - 1].trim_start_matches(CREDIT_MARKS)).is_some() {
        first -= 1;
    }
    if first == words.len() || first == 0 {
        return None;
    }
    let w = words[first];
    let at = w.as_ptr() as usize - line.as_ptr() as usize;
    Some(at)
}

/// The byline role a role word of the cue list gives.
fn role_of(role: RoleName) -> BylineRole {
    match role {
        RoleName::Reporter => BylineRole::Reporter,
        RoleName::Correspondent => BylineRole::Correspondent,
        RoleName::Photographer => BylineRole::Photographer,
        RoleName::Intern => BylineRole::Intern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::*;

    fn parse_byline(line: &str) -> Option<Byline> {
        let mut all = parse_bylines(line, line, Span::new(0, line.len()))?;
        assert_eq!(all.len(), 1, "{line}");
        all.pop()
    }

    #[test]
    fn credits_alone_and_at_the_end_of_a_line() {
        let line = "□余青/文 王浩/摄";
        let b = credit_bylines(line, line, Span::new(0, line.len())).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(
            (b[0].names(), b[0].role()),
            (&["余青".to_string()][..], BylineRole::Reporter)
        );
        assert_eq!(
            (b[1].names(), b[1].role()),
            (&["王浩".to_string()][..], BylineRole::Photographer)
        );
        let line = "文/图/郑楚君";
        let b = credit_bylines(line, line, Span::new(0, line.len())).unwrap();
        assert_eq!(b[0].names(), ["郑楚君"]);
        assert!(
            credit_bylines("民警/辅警 共同值守", "民警/辅警 共同值守", Span::default()).is_none()
        );
        let title = "嵊泗公安探索“岸海一体 以岸控海”治理模式 绘制“海陆呈祥”平安图 □余青/文 王浩/摄";
        let at = trailing_credits(title).unwrap();
        assert!(title[..at].trim_end().ends_with("平安图"));
        assert_eq!(trailing_credits("余青/文"), None);
        assert_eq!(trailing_credits("全市 1/3 的派出所"), None);
    }

    #[test]
    fn bylines() {
        let b = parse_byline("通讯员 章挺伟 柳欣 文/摄").unwrap();
        assert_eq!(b.role(), BylineRole::Correspondent);
        assert_eq!(b.names(), ["章挺伟", "柳欣"]);
        assert_eq!(b.credit(), Some("文/摄"));
        assert_eq!(b.span(), Span::new(0, "通讯员 章挺伟 柳欣 文/摄".len()));
        let b = parse_byline("记者 邹鑫").unwrap();
        assert_eq!(b.role(), BylineRole::Reporter);
        assert_eq!(b.credit(), None);
        assert_eq!(parse_byline("记者邹鑫").unwrap().names(), ["邹鑫"]);
        assert_eq!(
            parse_byline("新华社记者 王晓峰").unwrap().names(),
            ["王晓峰"]
        );
        assert!(parse_byline("记者节当天，民警走访了企业。").is_none());
        assert!(parse_byline("记者").is_none());
        assert!(parse_bylines("本报讯 记者 邹鑫", "本报讯 记者 邹鑫", Span::default()).is_none());
        assert!(
            parse_bylines(
                "通讯员 章挺伟 文/摄 柳欣",
                "通讯员 章挺伟 文/摄 柳欣",
                Span::default()
            )
            .is_none()
        );
        assert!(parse_bylines("这位记者 王晓峰说", "这位记者 王晓峰说", Span::default()).is_none());
    }

    #[test]
    fn an_outlet_with_a_middle_dot_and_a_desk_after_a_slash() {
        let b = parse_byline("新甘肃·甘肃法治报记者马志国").unwrap();
        assert_eq!(b.names(), ["马志国"]);
        let b = parse_byline("记者李宥漮/社会报导").unwrap();
        assert_eq!(
            (b.names(), b.credit()),
            (&["李宥漮".to_string()][..], Some("社会报导"))
        );
    }

    #[test]
    fn several_roles_on_one_line_are_several_bylines() {
        let line = "中国宁波网记者 王晓峰 通讯员 奕超超 郑蒙永 林水军";
        let b = parse_bylines(line, line, Span::new(100, 100 + line.len())).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].role(), BylineRole::Reporter);
        assert_eq!(b[0].names(), ["王晓峰"]);
        assert_eq!(
            b[0].span(),
            Span::new(100, 100 + "中国宁波网记者 王晓峰".len())
        );
        assert_eq!(b[1].role(), BylineRole::Correspondent);
        assert_eq!(b[1].names(), ["奕超超", "郑蒙永", "林水军"]);
        assert_eq!(
            b[1].span(),
            Span::new(100 + "中国宁波网记者 王晓峰 ".len(), 100 + line.len())
        );
        // A role with nobody after it makes no byline of the line.
        assert!(
            parse_bylines("记者 王晓峰 通讯员", "记者 王晓峰 通讯员", Span::default()).is_none()
        );
    }
}
