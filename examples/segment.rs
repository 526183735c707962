//! Segments a report and prints its tokens with their spans, one sentence per line.
//!
//! `cargo run --release --example segment -- [FILE]` (default: the seed report in `seeds/`).
//! Lexicon words are marked `[word:category]`; stop words are dimmed to `(word)`.

use jingwu::{BlockKind, Report, Segmenter, TokenKind};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

const DEFAULT: &str = "seeds/000_12d651512e7a8b8a.txt";

fn main() -> ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        // The seed of the working directory, or of the crate when run from elsewhere.
        if std::path::Path::new(DEFAULT).is_file() {
            DEFAULT.to_string()
        } else {
            format!("{}/{DEFAULT}", env!("CARGO_MANIFEST_DIR"))
        }
    });
    let text = match jingwu::read_report_file(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let segmenter = Segmenter::new();
    let report = Report::parse(&text);
    let mut out = BufWriter::new(std::io::stdout().lock());
    // A closed pipe (`| head`) ends the listing quietly.
    match print(&mut out, &segmenter, &report, &text).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print(
    out: &mut impl Write,
    segmenter: &Segmenter,
    report: &Report,
    text: &str,
) -> std::io::Result<()> {
    writeln!(out, "# title: {}", report.title())?;
    let blocks = report
        .title_blocks()
        .iter()
        .chain(report.lead())
        .map(|b| ("", b))
        .chain(
            report
                .sections()
                .iter()
                .flat_map(|s| s.blocks().iter().map(move |b| (s.title(), b))),
        );
    let mut section = "";
    for (title, block) in blocks {
        if title != section {
            writeln!(out, "\n## section: {title}")?;
            section = title;
        }
        let kind = match block.kind() {
            BlockKind::Title => "title",
            BlockKind::Heading => "heading",
            BlockKind::Caption => "caption",
            _ => "paragraph",
        };
        let repaired = if block.is_repaired() {
            " (repaired)"
        } else {
            ""
        };
        writeln!(
            out,
            "[{kind}{repaired}] {}..{}",
            block.span().start,
            block.span().end
        )?;
        let seg = segmenter.segment_block(text, block);
        for sentence in seg.sentences() {
            let mut line = String::new();
            for t in sentence.tokens() {
                let s = t.span();
                match (t.kind(), t.category()) {
                    (TokenKind::Whitespace, _) => continue,
                    (_, Some(c)) => line.push_str(&format!("[{}:{}]", t.text(), c.name())),
                    (TokenKind::StopWord, _) => line.push_str(&format!("({})", t.text())),
                    _ => line.push_str(t.text()),
                }
                line.push_str(&format!("@{}-{} ", s.start, s.end));
            }
            writeln!(out, "  {}", line.trim_end())?;
        }
    }
    for b in report.all_bylines() {
        writeln!(out, "# byline {:?}: {}", b.role(), b.names().join(" "))?;
    }
    Ok(())
}
