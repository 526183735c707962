//! # jingwu
//!
//! Segments Chinese police work reports and ranks the policing themes they talk about — per
//! section, per report and across a corpus — with TF-IDF scores that can be explained and
//! evidence that points back into the original text.
//!
//! The modules follow the pipeline:
//!
//! 1. [`Report::parse`] reads the structure (title, sections, headings, paragraphs, captions,
//!    bylines) and repairs paragraphs broken by the extraction; each [`Block`] maps back to
//!    the original bytes through a [`MappedText`].
//! 2. [`Segmenter`] cuts text with jieba-rs, taught the policing [`Lexicon`] and Chinese stop
//!    words, into [`Token`]s with a [`TokenKind`], a [`Pos`], a lexicon [`Category`] and spans.
//! 3. Candidates (single terms, quoted names, lexicon words, collocations) are counted into
//!    [`CorpusStats`], which save, load and merge.
//! 4. A [`Corpus`] ranks them with TF-IDF blended with a [`BackgroundIdf`], hides fragments of
//!    longer themes, and returns a [`Ranking`] of [`Theme`]s with their [`Evidence`].
//!
//! ```
//! use jingwu::{Engine, RankOptions};
//!
//! let engine = Engine::new(); // loads jieba's dictionary: build once, share
//! let report = "象山公安：\n\n象山公安积极探索实施“共富警务”，提升服务群众本领。\n\n\
//!               象山公安还创新发展新时代“海上枫桥经验”，滚动排查化解矛盾纠纷1245起。\n";
//! let themes = engine.rank_text(report, &RankOptions::default());
//! let section = &themes.sections()[0];
//! assert_eq!(section.title(), "象山公安");
//! let top: Vec<&str> = section.themes().iter().map(|t| t.text()).collect();
//! assert!(top.contains(&"共富警务"));
//! assert!(top.contains(&"海上枫桥经验"));
//! assert!(!top.contains(&"枫桥经验"), "hidden by the longer theme");
//! let t = &section.themes()[0];
//! assert!(&report[t.evidence()[0].span()].contains(t.text()));
//! ```
//!
//! Offsets are byte offsets into the text the caller passed in, on UTF-8 boundaries, with
//! character offsets beside them. Output is deterministic: the same input gives the same
//! ranking, whatever the number of threads.
#![deny(missing_docs)]

mod candidates;
mod document;
mod error;
mod io;
mod rank;
mod report;
mod segment;
mod stats;
mod text;
mod theme;
mod vocab;

#[cfg(feature = "html")]
pub mod html;

pub use candidates::Reject;
pub use error::{Error, ErrorKind};
pub use io::{
    DEFAULT_DECOMPRESSED_LIMIT, DEFAULT_MAX_DEPTH, Decoded, Decoding, Encoding, Format,
    FoundReports, REPORT_EXTENSIONS, ReadOptions, ReadReports, ReportFile, Skipped, decode_report,
    extract_report, find_reports, read_report, read_report_file, read_reports, report_files,
    write_atomically,
};
pub use rank::{Corpus, CorpusTally, DocId, Engine, Explain, RankOptions, Ranker};
pub use report::{Block, BlockKind, Byline, BylineRole, Report, Section};
pub use segment::{
    MAX_PIECE_BYTES, NewWords, Segmented, Segmenter, SegmenterBuilder, Sentence, Token, TokenKind,
};
pub use stats::{BackgroundIdf, CorpusStats, Level, STATS_FORMAT_VERSION, TermCounts};
pub use text::{MappedText, Span, fold_width};
pub use theme::{
    CorpusThemes, DocumentThemes, Evidence, Ranking, Rejection, SectionThemes, Source, Theme,
};
pub use vocab::{Category, Entry, Lexicon, MAX_WORD_CHARS, Pos};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
