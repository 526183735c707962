//! Any bytes read as a web page: reading never fails in lossy mode, the text has no markup
//! of the page's own elements left, and it parses as a report whose blocks slice it.
#![no_main]

use jingwu::{Decoding, Format, ReadOptions, Report, extract_report};
mod common;

use common::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions::new().format(Format::Html);
    let _ = extract_report(data, &options);
    let d = extract_report(data, options.decoding(Decoding::Lossy))
        .expect("a page read lossily always gives text");
    let text = d.text();
    assert!(
        !text.contains("\n\n\n\n"),
        "more than two blank lines in a row"
    );
    let report = Report::parse(text);
    for b in report.blocks() {
        check_span(text, b.span(), "block");
    }
});
