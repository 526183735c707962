//! What the examples share: the default reports and reading them.

use jingwu::Decoding;
use std::path::PathBuf;

/// `seeds/` of the working directory, or of the crate when run from elsewhere.
pub fn default_paths() -> Vec<PathBuf> {
    let here = PathBuf::from("seeds");
    let crate_seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"));
    vec![if here.is_dir() { here } else { crate_seeds }]
}

/// Reads the reports named by `paths` (files, or directories' `*.txt`), naming each that
/// cannot be read on stderr. Returns the reports and whether any failed.
pub fn read(paths: &[PathBuf]) -> (Vec<(String, String)>, bool) {
    let read = jingwu::read_reports(paths, Decoding::Strict);
    for e in &read.errors {
        eprintln!("error: {e}");
    }
    let docs = read
        .reports
        .into_iter()
        .map(|(path, d)| (path, d.into_text()))
        .collect();
    (docs, !read.errors.is_empty())
}
