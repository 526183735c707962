//! Any bytes read as a Word file: as the whole file, or (when the first byte is odd) as its
//! `word/document.xml` in a stored zip archive. Reading gives text or a typed error, never
//! more text than the part holds, and respects the decompression limit.
#![no_main]

use jingwu::{ErrorKind, Format, ReadOptions, extract_report};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fn docx_of(xml: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("word/document.xml", options).unwrap();
    z.write_all(xml).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (bytes, part_len) = if mode % 2 == 1 {
        (docx_of(rest), Some(rest.len()))
    } else {
        (rest.to_vec(), None)
    };
    let options = ReadOptions::new().format(Format::Docx);
    match extract_report(&bytes, &options) {
        Ok(d) => {
            if let Some(n) = part_len {
                // Each byte of markup gives at most a few bytes of text (`<w:p/>` a line).
                assert!(
                    d.text().len() <= 2 * n + 1,
                    "{} bytes of text from {n}",
                    d.text().len()
                );
            }
        }
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::Malformed | ErrorKind::Encrypted | ErrorKind::TooLarge
            ),
            "{e}"
        ),
    }
    if let Some(n) = part_len.filter(|&n| n > 16) {
        let small = options.decompressed_limit(n / 2);
        let e = extract_report(&bytes, &small).expect_err("over the limit");
        assert_eq!(e.kind(), &ErrorKind::TooLarge, "{e}");
    }
});
