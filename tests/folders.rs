//! Reports kept in folders: searched through their subfolders in the order of their names,
//! hidden files and folders left out, links followed with each file read once, no deeper
//! than a limit, each report named by its path inside the folder given; a search that finds
//! nothing is an error naming what was searched, in the library and in the examples.

mod common;

use jingwu::{Decoding, ErrorKind, RankOptions, ReadOptions, find_reports, read_reports};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh folder for one test.
fn fresh(name: &str) -> PathBuf {
    common::fresh_dir(&format!("folders-{name}"))
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const A: &str = "象山公安：\n\n象山公安深化“共富警务”，严打走私犯罪。\n";
const B: &str = "慈溪公安：\n\n慈溪公安捣毁笑气窝点，深化“公安大脑”建设。\n";

/// The report folder of a bureau: years in subfolders, notes and drafts beside them.
fn bureau(name: &str) -> PathBuf {
    let d = fresh(name);
    write(&d, "2024/q2/b.txt", B);
    write(&d, "2024/a.txt", A);
    write(&d, "2023/z.txt", A);
    write(&d, "2023/notes.md", "not a report");
    write(&d, "2023/scan.jpg", "not a report");
    write(&d, ".git/x.txt", A);
    write(&d, "2024/.draft.txt", B);
    write(&d, "top.txt", B);
    d
}

fn ids(found: &jingwu::FoundReports) -> Vec<&str> {
    found.files.iter().map(|f| f.id()).collect()
}

#[test]
fn subfolders_are_searched_in_order_and_reports_named_by_their_path_inside() {
    let d = bureau("nested");
    let found = find_reports(&[&d], ReadOptions::new());
    assert_eq!(
        ids(&found),
        ["2023/z.txt", "2024/a.txt", "2024/q2/b.txt", "top.txt"]
    );
    assert!(found.errors.is_empty(), "{:?}", found.errors);
    assert_eq!(found.skipped.other_files, 2);
    assert_eq!(found.skipped.hidden, 2, "the .git folder and the draft");
    assert!(found.files[2].path().ends_with("2024/q2/b.txt"));
    assert!(found.files[2].path().starts_with(&d));

    // Read and ranked, under the same names, the same on every run.
    let read = read_reports(&[&d], Decoding::Strict);
    let names: Vec<&str> = read.reports.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(names, ids(&found));
    let rank = || {
        let mut corpus = common::engine().corpus();
        corpus.add_all(read.reports.iter().map(|(id, d)| (id.as_str(), d.text())));
        corpus.rank(&RankOptions::default()).to_json()
    };
    let ranking = rank();
    assert!(ranking.contains("\"path\":\"2024/q2/b.txt\""));
    assert_eq!(ranking, rank());
}

#[test]
fn a_file_given_is_read_as_given_and_each_file_once() {
    let d = bureau("given");
    let file = d.join("2024/a.txt");
    // The folder, and a file in it named again: read once.
    let found = find_reports(&[d.as_path(), file.as_path()], ReadOptions::new());
    assert_eq!(found.files.len(), 4);
    assert_eq!(found.skipped.repeated, 1);
    // A file given alone keeps the path given as its name, whatever its extension.
    let notes = d.join("2023/notes.md");
    let found = find_reports(&[&notes], ReadOptions::new());
    assert_eq!(ids(&found), [notes.to_string_lossy()]);
}

#[test]
fn folders_deeper_than_the_limit_are_left_out_and_counted() {
    let d = fresh("deep");
    let mut rel = String::new();
    for level in 0..20 {
        write(&d, &format!("{rel}r{level}.txt"), A);
        rel.push_str(&format!("d{level}/"));
    }
    let found = find_reports(&[&d], ReadOptions::new());
    assert_eq!(found.files.len(), jingwu::DEFAULT_MAX_DEPTH);
    assert_eq!(
        found.skipped.too_deep, 2,
        "the file and the folder one level below"
    );
    let found = find_reports(&[&d], ReadOptions::new().max_depth(2));
    assert_eq!(ids(&found), ["d0/r1.txt", "r0.txt"]);
}

#[cfg(unix)]
#[test]
fn links_are_followed_each_file_once_and_loops_are_not_followed_around() {
    use std::os::unix::fs::symlink;
    let d = bureau("links");
    // A link back to the folder itself, one to a sibling folder, one to a file, and one
    // that leads nowhere.
    symlink(&d, d.join("2024/loop")).unwrap();
    symlink(d.join("2023"), d.join("2024/last-year")).unwrap();
    symlink(d.join("top.txt"), d.join("zz-top-again.txt")).unwrap();
    let outside = fresh("links-outside");
    write(&outside, "shared.txt", A);
    symlink(&outside, d.join("shared")).unwrap();
    let found = find_reports(&[&d], ReadOptions::new());
    assert_eq!(
        ids(&found),
        [
            "2023/z.txt",
            "2024/a.txt",
            "2024/q2/b.txt",
            "shared/shared.txt",
            "top.txt"
        ]
    );
    // The loop, the second way to 2023's report, and the second way to top.txt.
    assert!(found.skipped.repeated >= 3, "{:?}", found.skipped);
    assert!(found.errors.is_empty(), "{:?}", found.errors);

    symlink(d.join("gone.txt"), d.join("broken.txt")).unwrap();
    let found = find_reports(&[&d], ReadOptions::new());
    assert_eq!(found.files.len(), 5);
    assert_eq!(found.errors.len(), 1, "a link that leads nowhere is named");
    assert!(found.errors[0].to_string().contains("broken.txt"));
}

#[test]
fn a_search_that_finds_no_report_is_an_error_naming_what_was_searched() {
    let empty = fresh("empty");
    let found = find_reports(&[&empty], ReadOptions::new());
    assert!(found.files.is_empty());
    assert_eq!(found.errors.len(), 1);
    let e = &found.errors[0];
    assert_eq!(e.kind(), &ErrorKind::NoReports);
    assert!(e.to_string().contains(&*empty.to_string_lossy()), "{e}");

    // Files of other kinds only: what was left out is said too.
    write(&empty, "notes.md", "x");
    write(&empty, ".hidden.txt", "x");
    let read = read_reports(&[&empty], Decoding::Strict);
    assert!(read.reports.is_empty());
    let e = &read.errors[0];
    assert_eq!(e.kind(), &ErrorKind::NoReports);
    assert!(
        e.to_string().contains("1 file of another type") && e.to_string().contains("1 hidden"),
        "{e}"
    );
}

/// The binary of example `name`, when `cargo test` built the examples.
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?.join("examples");
    Some(dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))).filter(|p| p.is_file())
}

fn run(name: &str, args: &[&std::ffi::OsStr]) -> Option<Output> {
    let Some(exe) = example(name) else {
        eprintln!("the {name} example is not built: not run");
        return None;
    };
    Some(Command::new(exe).args(args).output().unwrap())
}

#[test]
fn the_examples_fail_on_a_folder_without_reports_and_count_what_they_left_out() {
    let empty = fresh("examples-empty");
    write(&empty, "notes.md", "x");
    let out_file = empty.join("report.html");
    for (name, args) in [
        ("themes", vec![empty.as_os_str(), "--quiet".as_ref()]),
        (
            "report",
            vec![empty.as_os_str(), "-o".as_ref(), out_file.as_os_str()],
        ),
    ] {
        let Some(out) = run(name, &args) else {
            continue;
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(
            stderr.contains("no report files") && stderr.contains(&*empty.to_string_lossy()),
            "{name}: {stderr}"
        );
        assert!(
            stderr.contains("1 file of another type"),
            "{name}: {stderr}"
        );
        assert!(!out_file.exists(), "{name}");
    }

    // A folder of reports in subfolders: ranked, named by their paths inside, with the
    // files left out counted on one line of stderr.
    let d = bureau("examples-nested");
    if let Some(out) = run("themes", &[d.as_os_str(), "--quiet".as_ref()]) {
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        for id in ["2023/z.txt", "2024/a.txt", "2024/q2/b.txt", "top.txt"] {
            assert!(stdout.contains(&format!("== {id} — ")), "{id}: {stdout}");
        }
        assert_eq!(
            stderr.trim(),
            "skipped: 2 files of other types, 2 hidden files or folders"
        );
    }
}
