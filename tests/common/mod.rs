//! Shared fixtures: one engine per test binary, and the seed report.
#![allow(dead_code)]

use jingwu::{Engine, Segmenter};
use std::path::PathBuf;
use std::sync::OnceLock;

pub const SEED: &str = "seeds/000_12d651512e7a8b8a.txt";

pub fn seed() -> String {
    jingwu::read_report_file(SEED).expect("the seed report is in seeds/")
}

pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

pub fn segmenter() -> &'static Segmenter {
    engine().segmenter()
}

/// Folding of a whole string as the library applies it: traditional characters to
/// simplified ones, full-width letters and digits to ASCII, ASCII punctuation of Chinese
/// text to full width.
pub fn fold(s: &str) -> String {
    jingwu::MappedText::from_original(s).as_str().to_string()
}

/// Whether `derived` is `original` folded, character by character: as the library folds each
/// on its own, or, for the ASCII punctuation that the library folds next to Chinese text, in
/// its full-width form.
pub fn folds_to(original: &str, derived: &str) -> bool {
    let full = |c: char| match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        c => c,
    };
    original.chars().count() == derived.chars().count()
        && original
            .chars()
            .zip(derived.chars())
            .all(|(o, d)| fold(&o.to_string()) == d.to_string() || full(o) == d)
}

/// What is wrong with a piece of evidence of `theme` in `text`, if anything: it must slice
/// the text on character boundaries and, without whitespace and width-folded, read as the
/// theme, a text the theme subsumes, or an abbreviation whose canonical form is the theme.
pub fn evidence_problem(text: &str, theme: &jingwu::Theme, e: &jingwu::Evidence) -> Option<String> {
    let slices = e.start < e.end
        && e.end <= text.len()
        && text.is_char_boundary(e.start)
        && text.is_char_boundary(e.end);
    if !slices {
        return Some(format!("span {:?} does not slice the text", e.span()));
    }
    let found = fold(
        &text[e.span()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>(),
    );
    let alias_of = segmenter()
        .lexicon()
        .get(&found)
        .and_then(|x| x.canonical());
    let subsumes: Vec<String> = theme.subsumes().iter().map(|s| fold(s)).collect();
    let reads = found == theme.normalized()
        || subsumes.contains(&found)
        || alias_of == Some(theme.normalized());
    (!reads).then(|| {
        format!(
            "evidence `{found}` {:?} for theme `{}` (subsumes {:?})",
            e.span(),
            theme.text(),
            theme.subsumes()
        )
    })
}

/// The binary of example `name`, when `cargo test` built the examples (`cargo test --test X`
/// alone does not).
pub fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?.join("examples");
    Some(dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))).filter(|p| p.is_file())
}

/// Runs `command` and returns what it wrote to stdout, failing the test with its stderr if
/// it fails.
pub fn stdout_of(command: &mut std::process::Command) -> String {
    let out = command.output().expect("the command starts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A fresh, empty folder for one test, named after the test binary's `name` and this
/// process.
pub fn fresh_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jingwu-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a temporary folder");
    d
}
