//! Files written whole or not at all: saved statistics and the HTML report go to a temporary
//! file beside the target, synced, then renamed over it. A write that fails leaves the old
//! file as it was and no temporary file behind. (A write that fails midway, as on a full
//! disk, is tried in the library's own tests, which can make the disk fill up.)

mod common;

use jingwu::{CorpusStats, ErrorKind, write_atomically};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fresh(name: &str) -> PathBuf {
    common::fresh_dir(&format!("atomic-{name}"))
}

/// The names of the entries of `d`, sorted.
fn names(d: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn stats_of(text: &str) -> CorpusStats {
    let mut corpus = common::engine().corpus();
    corpus.add("a", text);
    corpus.own_stats()
}

#[test]
fn statistics_are_replaced_whole_and_leave_no_temporary_file() {
    let d = fresh("stats");
    let path = d.join("stats.json");
    let last_year = stats_of("慈溪公安：\n\n捣毁笑气窝点。\n");
    last_year.save(&path).unwrap();
    let this_year = stats_of(&common::seed());
    this_year.save(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), this_year.to_json());
    assert_eq!(
        CorpusStats::load(&path).unwrap().vocabulary_len(),
        this_year.vocabulary_len()
    );
    assert_eq!(names(&d), ["stats.json"]);
}

#[test]
fn a_save_that_cannot_be_done_is_a_typed_error_and_changes_nothing() {
    let d = fresh("fails");
    let stats = stats_of(&common::seed());
    // Into a folder that does not exist.
    let missing = d.join("no/such/folder/stats.json");
    let e = stats.save(&missing).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Write);
    assert_eq!(e.path(), Some(missing.as_path()));
    assert!(e.to_string().contains("stats.json"), "{e}");
    // Over a folder: the folder stays, and no temporary file is left beside it.
    std::fs::create_dir_all(d.join("stats.json/kept")).unwrap();
    let e = stats.save(d.join("stats.json")).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Write);
    assert!(d.join("stats.json/kept").is_dir());
    assert_eq!(names(&d), ["stats.json"]);
    // The same goes for any file written through the crate.
    let e = write_atomically(d.join("stats.json"), b"{}").unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Write);
    assert_eq!(names(&d), ["stats.json"]);
}

#[test]
fn concurrent_saves_leave_one_whole_file() {
    let d = fresh("concurrent");
    let path = d.join("stats.json");
    let a = stats_of("慈溪公安：\n\n捣毁笑气窝点。\n");
    let b = stats_of(&common::seed());
    std::thread::scope(|s| {
        for k in 0..8 {
            let (stats, path) = (if k % 2 == 0 { &a } else { &b }, &path);
            s.spawn(move || {
                for _ in 0..10 {
                    stats.save(path).unwrap();
                }
            });
        }
    });
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved == a.to_json() || saved == b.to_json());
    assert_eq!(names(&d), ["stats.json"]);
}

#[test]
fn the_html_report_is_written_whole_or_not_at_all() {
    let Some(report) = common::example("report") else {
        eprintln!("the report example is not built: not run");
        return;
    };
    let d = fresh("report");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let page = d.join("report.html");
    std::fs::write(&page, "last week's page").unwrap();
    common::stdout_of(Command::new(&report).arg(&seeds).arg("-o").arg(&page));
    let written = std::fs::read_to_string(&page).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>") && written.trim_end().ends_with("</html>"));
    assert_eq!(names(&d), ["report.html"]);

    // Where the page cannot go (a folder stands there), the program fails, names the file
    // and leaves what was there.
    std::fs::create_dir_all(d.join("taken.html/kept")).unwrap();
    let out = Command::new(&report)
        .arg(&seeds)
        .arg("-o")
        .arg(d.join("taken.html"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("taken.html"), "{stderr}");
    assert!(d.join("taken.html/kept").is_dir());
    assert_eq!(names(&d), ["report.html", "taken.html"]);
}
