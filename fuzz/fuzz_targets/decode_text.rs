//! Any bytes decoded as plain text, detected and forced in each encoding: a strict read that
//! succeeds reads as the lossy one does; a strict error names an offset inside the input;
//! a lossy read never fails.
#![no_main]

use jingwu::{Decoding, Encoding, ReadOptions, decode_report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lossy = decode_report(data, Decoding::Lossy).expect("lossy decoding never fails");
    match decode_report(data, Decoding::Strict) {
        Ok(strict) => {
            assert_eq!(strict.text(), lossy.text());
            assert_eq!(strict.encoding(), lossy.encoding());
            assert_eq!(strict.replaced(), 0);
        }
        Err(e) => {
            let at = e.offset().expect("a decoding error names its offset");
            assert!(at <= data.len(), "offset {at} past {}", data.len());
            assert!(
                lossy.replaced() > 0,
                "strict failed, lossy replaced nothing"
            );
        }
    }
    for encoding in [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16BeNoBom,
        Encoding::Gb18030,
        Encoding::Big5,
    ] {
        let forced = ReadOptions::new().encoding(encoding);
        let strict = decode_report(data, &forced);
        let lossy = decode_report(data, forced.decoding(Decoding::Lossy))
            .expect("lossy decoding never fails");
        if let Ok(s) = strict {
            assert_eq!(s.text(), lossy.text());
        }
    }
});
