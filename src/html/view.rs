//! The page's model: everything the template prints, computed by the other modules.

use super::*;

#[derive(Serialize)]
pub(super) struct Page<'a> {
    pub(super) title: String,
    pub(super) documents: usize,
    pub(super) sections: usize,
    pub(super) themes: Vec<ThemeStyle>,
    pub(super) corpus: Chart,
    pub(super) corpus_table: ExplainTable,
    pub(super) docs: Vec<DocView<'a>>,
}

/// A theme's number on the page and its hue.
#[derive(Serialize)]
pub(super) struct ThemeStyle {
    pub(super) id: usize,
    pub(super) hue: u32,
}

#[derive(Serialize)]
pub(super) struct Chart {
    pub(super) label: String,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) label_x: f64,
    pub(super) bar_x: f64,
    pub(super) bar_height: f64,
    pub(super) bars: Vec<Bar>,
}

#[derive(Serialize)]
pub(super) struct Bar {
    pub(super) theme: usize,
    pub(super) label: String,
    pub(super) href: String,
    pub(super) tooltip: String,
    pub(super) y: f64,
    pub(super) text_y: f64,
    pub(super) track_width: f64,
    pub(super) width: f64,
    pub(super) score_x: f64,
    pub(super) score: String,
}

#[derive(Serialize)]
pub(super) struct DocView<'a> {
    pub(super) anchor: String,
    pub(super) path: String,
    pub(super) title: String,
    pub(super) cards: Vec<SectionCard>,
    pub(super) whole: Option<Chart>,
    pub(super) matrix: Matrix,
    pub(super) tables: Vec<ExplainTable>,
    pub(super) text: Option<DocText<'a>>,
}

#[derive(Serialize)]
pub(super) struct SectionCard {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) chart: Chart,
}

#[derive(Serialize)]
pub(super) struct Matrix {
    pub(super) columns: Vec<Column>,
    pub(super) rows: Vec<MatrixRow>,
}

#[derive(Serialize)]
pub(super) struct Column {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) whole: bool,
}

#[derive(Serialize)]
pub(super) struct MatrixRow {
    pub(super) theme: usize,
    pub(super) text: String,
    pub(super) href: String,
    pub(super) cells: Vec<Cell>,
}

#[derive(Serialize)]
pub(super) struct Cell {
    pub(super) score: String,
    pub(super) style: String,
    pub(super) tooltip: String,
    pub(super) whole: bool,
}

#[derive(Serialize)]
pub(super) struct ExplainTable {
    pub(super) caption: String,
    pub(super) anchor: String,
    pub(super) corpus: bool,
    pub(super) rows: Vec<ExplainRow>,
}

#[derive(Serialize)]
pub(super) struct ExplainRow {
    pub(super) rank: usize,
    pub(super) theme: usize,
    pub(super) text: String,
    pub(super) href: String,
    pub(super) score: String,
    pub(super) formula: String,
    pub(super) tf: u32,
    pub(super) weighted_tf: String,
    pub(super) df: u64,
    pub(super) idf: String,
    pub(super) boost: String,
    pub(super) quoted: bool,
    pub(super) category: String,
    pub(super) source: String,
    pub(super) subsumes: String,
    pub(super) mentions: usize,
    pub(super) tooltip: String,
}

#[derive(Serialize)]
pub(super) struct DocText<'a> {
    pub(super) anchors: Vec<Anchor>,
    /// For a report without sections, the id of its one ranked unit (`r0-s0`).
    pub(super) unit: Option<String>,
    pub(super) title: Vec<BlockView<'a>>,
    pub(super) lead: Vec<BlockView<'a>>,
    pub(super) bylines: Vec<BylineView<'a>>,
    pub(super) sections: Vec<SectionText<'a>>,
}

/// An empty element whose id a link targets, so that CSS can pick out one theme's marks.
#[derive(Serialize)]
pub(super) struct Anchor {
    pub(super) id: String,
    pub(super) theme: usize,
}

#[derive(Serialize)]
pub(super) struct SectionText<'a> {
    pub(super) anchor: String,
    pub(super) anchors: Vec<Anchor>,
    pub(super) number: Vec<Piece<'a>>,
    pub(super) title: Vec<Piece<'a>>,
    pub(super) bylines: Vec<BylineView<'a>>,
    pub(super) blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
pub(super) struct BylineView<'a> {
    pub(super) role: String,
    pub(super) text: &'a str,
}

#[derive(Serialize)]
pub(super) struct BlockView<'a> {
    pub(super) kind: &'static str,
    pub(super) level: Option<u8>,
    pub(super) lines: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) number: Vec<Piece<'a>>,
    pub(super) pieces: Vec<Piece<'a>>,
}

/// A run of original text, highlighted or not.
#[derive(Serialize)]
pub(super) struct Piece<'a> {
    pub(super) text: &'a str,
    pub(super) mark: Option<MarkView>,
}

#[derive(Serialize)]
pub(super) struct MarkView {
    pub(super) theme: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) evidence: String,
    pub(super) tooltip: String,
}

// ---------------------------------------------------------------------------------------------
// Building the model.

/// Numbers the distinct theme texts of the page in the order they are first met.
#[derive(Default)]
pub(super) struct Registry {
    pub(super) ids: HashMap<String, usize>,
}

impl Registry {
    pub(super) fn id(&mut self, text: &str) -> usize {
        let next = self.ids.len();
        *self.ids.entry(text.to_string()).or_insert(next)
    }

    pub(super) fn styles(&self) -> Vec<ThemeStyle> {
        let mut ids: Vec<usize> = self.ids.values().copied().collect();
        ids.sort_unstable();
        ids.into_iter()
            .map(|id| ThemeStyle { id, hue: hue(id) })
            .collect()
    }
}

/// Hues a golden angle apart, so that neighbouring numbers get far-apart colours.
pub(super) fn hue(id: usize) -> u32 {
    ((id as f64 * 137.508 + 12.0) % 360.0).round() as u32
}
