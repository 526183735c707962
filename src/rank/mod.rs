//! Ranking: TF-IDF over the candidates of each section, each document and the corpus, with
//! subsumption of fragments and evidence for every theme.

mod aggregate;
mod document;
mod engine;
mod evidence;
mod explain;
mod gather;
mod options;
mod ranker;
mod score;
mod tally;

pub use engine::{Corpus, DocId, Engine};
pub use options::{Explain, RankOptions};
pub use ranker::Ranker;
pub use tally::CorpusTally;
