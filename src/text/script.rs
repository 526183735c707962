//! Traditional characters folded to simplified ones, so that the lexicon, the stop words,
//! jieba's dictionary and the IDF table, which are simplified, apply to text in either script.
//!
//! The table is fast2s's (MIT), character for character, less every character that
//! simplified Chinese itself writes: a character of GB2312, the simplified character set,
//! is never folded (捍 of 捍卫 stays, though fast2s folds it to 扞). Each character folds to
//! one of the same UTF-8 length, so the derived text keeps the original's byte offsets.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The traditional characters and what each folds to.
struct Table {
    /// One bit for each character of the Basic Multilingual Plane that folds.
    bits: Vec<u64>,
    to: FxHashMap<char, char>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut table = Table {
        bits: vec![0u64; 0x10000 / 64],
        to: FxHashMap::default(),
    };
    // Each candidate character between spaces, so that none is read in a context.
    let chars = ('\u{3400}'..='\u{9FFF}').chain('\u{F900}'..='\u{FAFF}');
    let mut probe = String::with_capacity(4 * 0x7000);
    for c in chars.clone() {
        probe.push(c);
        probe.push(' ');
    }
    let folded = fast2s::convert(&probe);
    for (c, f) in chars.zip(folded.chars().step_by(2)) {
        if c != f && c.len_utf8() == f.len_utf8() && !is_gb2312_hanzi(c) {
            table.bits[c as usize / 64] |= 1 << (c as usize % 64);
            table.to.insert(c, f);
        }
    }
    table
});

/// Whether `c` is one of the 6,763 Han characters of GB2312, the character set of simplified
/// Chinese: in GBK, two bytes, the first of rows B0 to F7, the second A1 to FE.
fn is_gb2312_hanzi(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && matches!(*bytes, [0xB0..=0xF7, 0xA1..=0xFE])
}

/// Whether `c` is a traditional character that folds to a simplified one.
pub(crate) fn is_traditional(c: char) -> bool {
    let i = c as usize;
    i < 0x10000 && TABLE.bits[i / 64] & (1 << (i % 64)) != 0
}

/// The simplified character `c` folds to (`c` itself when it folds to none).
pub(crate) fn fold_script(c: char) -> char {
    if is_traditional(c) {
        TABLE.to.get(&c).copied().unwrap_or(c)
    } else {
        c
    }
}

/// `text` with its traditional characters folded, when it has any; each character of the
/// result has the byte length of the character it folds, so offsets carry over. `None`
/// when there is nothing to fold.
pub(crate) fn to_simplified(text: &str) -> Option<String> {
    if !text.chars().any(is_traditional) {
        return None;
    }
    Some(text.chars().map(fold_script).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_folds_in_place() {
        let t = "象山公安創新發展新時代「海上楓橋經驗」，嚴打電信網絡詐騙，捍衛平安";
        let s = to_simplified(t).unwrap();
        assert_eq!(
            s,
            "象山公安创新发展新时代「海上枫桥经验」，严打电信网络诈骗，捍卫平安"
        );
        assert_eq!(s.len(), t.len());
    }

    #[test]
    fn simplified_text_is_left_alone() {
        for t in [
            "象山公安创新发展新时代“海上枫桥经验”",
            "著名的乾隆年间，人类尊严的捍卫者",
            "abc 123",
            "",
        ] {
            assert_eq!(to_simplified(t), None, "{t}");
        }
        assert!(is_traditional('楓') && is_traditional('騙') && is_traditional('國'));
        for c in ['枫', '公', 'a', '捍', '著', '乾', '干'] {
            assert!(!is_traditional(c), "{c}");
        }
    }

    #[test]
    fn every_simplified_character_of_gb2312_is_kept() {
        assert!(is_gb2312_hanzi('啊') && is_gb2312_hanzi('齄') && is_gb2312_hanzi('捍'));
        assert!(!is_gb2312_hanzi('國') && !is_gb2312_hanzi('a') && !is_gb2312_hanzi('，'));
        let folding = TABLE.to.len();
        assert!(folding > 2000, "{folding} characters fold");
    }
}
