//! Text primitives every stage shares: spans into the original input, derived text with its
//! map back to the original, character classes and sentence boundaries. Nothing here knows
//! about reports, words or themes.

mod chars;
mod mapped;
mod script;
mod sentences;
mod span;

pub(crate) use chars::{is_cn_digit, is_cn_numeral, is_han, is_plain_char, starts_common_han};
pub use mapped::{MappedText, fold_width};
pub(crate) use mapped::{Script, floor_boundary};
pub(crate) use script::to_simplified;
pub(crate) use sentences::sentences_of;
pub(crate) use span::CharCounter;
pub use span::Span;
