//! Statistics: the background IDF of general Chinese, and what a corpus of reports says of
//! its own words, which save, load and merge.

mod background;
mod corpus_stats;

pub use background::BackgroundIdf;
pub(crate) use background::WordIdfs;
pub(crate) use corpus_stats::NGRAM_SEP;
#[cfg(test)]
pub(crate) use corpus_stats::ngram_key;
pub use corpus_stats::{CorpusStats, Level, STATS_FORMAT_VERSION, TermCounts};
