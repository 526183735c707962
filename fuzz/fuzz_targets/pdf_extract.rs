//! Any bytes read as a PDF: as the whole file, or (when the first byte is odd) as the
//! content of the one page of a small PDF whose font maps its codes to Unicode. Reading
//! gives text or a typed error.
#![no_main]

use jingwu::{ErrorKind, Format, ReadOptions, extract_report};
use libfuzzer_sys::fuzz_target;

fn pdf_of(content: &[u8]) -> Vec<u8> {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
        1 begincodespacerange <0000> <FFFF> endcodespacerange \
        1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap end end";
    let stream = |data: &[u8]| {
        let mut s = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    };
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>"
            .to_vec(),
        stream(cmap),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 1 {
        pdf_of(rest)
    } else {
        rest.to_vec()
    };
    match extract_report(&bytes, ReadOptions::new().format(Format::Pdf)) {
        Ok(d) => assert!(!d.text().trim().is_empty(), "a PDF read has text"),
        Err(e) => assert!(
            matches!(
                e.kind(),
                ErrorKind::Malformed
                    | ErrorKind::NoText
                    | ErrorKind::Encrypted
                    | ErrorKind::TooLarge
            ),
            "{e}"
        ),
    }
});
