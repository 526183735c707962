//! Shared fixtures: one engine per test binary, and the seed report.
#![allow(dead_code)]

use jingwu::{Engine, Segmenter};
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

/// Width folding of a whole string, as the library applies it.
pub fn fold(s: &str) -> String {
    s.chars().map(jingwu::fold_width).collect()
}
