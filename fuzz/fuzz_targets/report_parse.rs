//! Any bytes, decoded lossily and parsed as a report: every block, line, number, header and
//! byline span slices the input on character boundaries, and each block's text is its lines
//! width-folded and joined.
#![no_main]

use jingwu::{Decoding, MappedText, Report, Span, decode_report};
mod common;

use common::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = decode_report(data, Decoding::Lossy).expect("lossy decoding never fails");
    let text = decoded.text();
    let report = Report::parse(text);
    assert_eq!(report.source_len(), text.len());

    for block in report.blocks() {
        let span = block.span();
        check_span(text, span, "block span");
        assert!(!block.lines().is_empty(), "block without lines");
        let mut folded = String::new();
        let mut prev_end = 0;
        for &line in block.lines() {
            check_span(text, line, "line");
            assert!(
                line.start >= prev_end,
                "lines out of order: {:?}",
                block.lines()
            );
            prev_end = line.end;
            folded.push_str(MappedText::from_original(&text[line]).as_str());
        }
        assert_eq!(block.text(), folded, "block text is not its folded lines");
        if !block.text().is_empty() {
            let lines = block.lines();
            let envelope = Span::new(lines[0].start, lines[lines.len() - 1].end);
            assert_eq!(span, envelope, "block span is not the span of its lines");
            let whole = block.mapped().to_original(Span::new(0, block.text().len()));
            assert_eq!(whole, span, "the whole text does not map to the block span");
        }
        if let Some(n) = block.number_span() {
            check_span(text, n, "block number");
            assert!(
                n.end <= span.start || span.is_empty(),
                "number after its block"
            );
        }
    }

    for section in report.sections() {
        check_span(text, section.header_span(), "section header");
        check_span(text, section.span(), "section span");
        if let Some(n) = section.number_span() {
            check_span(text, n, "section number");
        }
        if let Some(h) = section.heading() {
            check_span(text, h.span(), "section heading");
        }
    }

    for byline in report.all_bylines() {
        check_span(text, byline.span(), "byline");
    }
});
