//! The vocabulary the stages share: parts of speech, the policing lexicon with its theme
//! categories, and the embedded word lists.

mod cues;
mod lexicon;
mod lists;
mod pos;

pub(crate) use cues::{RoleName, cues};
pub use lexicon::{Category, Entry, Lexicon, MAX_WORD_CHARS};
pub(crate) use lists::{generic_words, rhetoric_words, stop_words};
pub use pos::Pos;
