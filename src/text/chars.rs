//! Character classes of Chinese text.

/// Whether `c` is a Han character (CJK Unified Ideographs and their extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether `c` is a Chinese numeral character of any kind (一, 两, 十, 万, 〇 ...): what
/// counts as a number inside a sentence (两地, 三万).
pub(crate) fn is_cn_numeral(c: char) -> bool {
    is_cn_digit(c) || matches!(c, '两' | '千' | '万' | '亿')
}

/// Whether `c` is one of the Chinese numerals that number the parts of a document (`一、`,
/// `十二、`, `（三）`): digits, 十, 百 and the zeros; not 两, 千, 万 or 亿, which open words
/// (两地, 万众) more often than they number anything.
pub(crate) fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
    )
}

/// Whether `c` is one of the characters of plain Chinese text that never join others in a
/// grapheme cluster: ASCII, Han, CJK and full-width punctuation, quotes and dashes.
pub(crate) fn is_plain_char(c: char) -> bool {
    c.is_ascii()
        || is_han(c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether `bytes` (of a `str`) start with a Han character of U+4000..=U+9FFF, told by
/// its first two bytes: lead bytes E4 (but for the Yijing hexagrams U+4DC0..=U+4DFF, E4 B7)
/// to E9. Such a character takes three bytes.
pub(crate) fn starts_common_han(bytes: &[u8]) -> bool {
    match bytes {
        [0xE5..=0xE9, ..] => true,
        [0xE4, second, ..] => *second != 0xB7,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_of_a_sentence_include_those_that_number_parts() {
        for c in "〇零一二三四五六七八九十百".chars() {
            assert!(is_cn_digit(c) && is_cn_numeral(c), "{c}");
        }
        for c in "两千万亿".chars() {
            assert!(is_cn_numeral(c) && !is_cn_digit(c), "{c}");
        }
        assert!(!is_cn_numeral('警'));
    }

    #[test]
    fn common_han_by_bytes_agrees_with_is_han() {
        for c in ('\u{4000}'..='\u{9FFF}')
            .step_by(13)
            .chain(['\u{4DC0}', '\u{4DFF}'])
        {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(starts_common_han(bytes), is_han(c), "U+{:04X}", c as u32);
        }
    }
}
