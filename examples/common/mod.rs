//! What the examples share: their common arguments, the default reports and reading them.

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

/// The arguments the examples share.
pub struct Args {
    /// How many themes to show.
    pub top: usize,
    /// The reports: files or directories.
    pub paths: Vec<PathBuf>,
}

/// Reads the arguments: `--top N`, `-h`/`--help` and the report paths (by default `seeds/`).
/// `own` is offered every other option with the arguments after it and says whether it took
/// it; `usage` is the text for `--help` and for an unknown option.
pub fn parse_args(
    usage: &str,
    mut own: impl FnMut(&str, &mut dyn Iterator<Item = String>) -> Result<bool, String>,
) -> Result<Args, String> {
    let mut args = Args {
        top: 10,
        paths: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--top" => {
                let n = it.next().ok_or("--top needs a number")?;
                args.top = n
                    .parse()
                    .map_err(|_| format!("--top: `{n}` is not a number"))?;
            }
            "-h" | "--help" => return Err(usage.to_string()),
            _ if a.starts_with('-') && a.len() > 1 => {
                if !own(&a, &mut it)? {
                    return Err(format!("unknown option `{a}`\n{usage}"));
                }
            }
            _ => args.paths.push(PathBuf::from(a)),
        }
    }
    if args.paths.is_empty() {
        args.paths = default_paths();
    }
    Ok(args)
}
