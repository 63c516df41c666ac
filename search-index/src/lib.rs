//! Search for retning: one Danish analyzer, a tantivy index (for `retning search` and the
//! preview server), and a static index the browser reads without a server.
//!
//! The input is a plain [`IndexDoc`], never retning's guideline model, so the search code
//! cannot depend on how guidelines are parsed. `FORMAT.md` documents the static format and the
//! query semantics both indexes share.

pub mod analyzer;
mod engine;
pub mod static_index;
mod term_stats;
mod tokenizers;

pub use engine::{Engine, EngineError, Hit};
pub use term_stats::TermStats;

use serde::{Deserialize, Serialize};

/// A search unit: a recommendation or a section of a guideline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexDoc {
    /// Where the unit lives: the page URL with its anchor.
    pub url: String,
    pub guideline: String,
    pub guideline_url: String,
    /// The DMCG group's code.
    pub group: String,
    pub kind: DocKind,
    /// "Anbefaling 2", or the section or topic title.
    pub title: String,
    pub strength: Option<String>,
    /// The strength badge's CSS class (`strength-a`, `strength-for`, …), so a reader need not
    /// read the (translatable) label.
    #[serde(default)]
    pub strength_class: Option<String>,
    pub text: String,
}

impl IndexDoc {
    /// What the title field indexes: the guideline's title and the unit's.
    pub fn title_field(&self) -> String {
        format!("{} {}", self.guideline, self.title)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Recommendation,
    Section,
}

impl DocKind {
    /// Recommendations rank above body text (FORMAT.md, "Weights").
    pub fn boost(self) -> f32 {
        match self {
            Self::Recommendation => 1.5,
            Self::Section => 1.0,
        }
    }
}

/// The title field counts this many times the text field.
pub const TITLE_BOOST: f32 = 3.0;
/// A prefix match counts this much of an exact match.
pub const PREFIX_FACTOR: f32 = 0.5;
/// A query word expands to at most this many longer terms.
pub const MAX_PREFIX_TERMS: usize = 50;

/// A group's docs are the ids `first..end` (docs are ordered by group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRange {
    pub code: String,
    pub name: String,
    pub first: u32,
    pub end: u32,
}

/// Orders docs by group (keeping each group's docs in their given order) and returns the
/// group ranges: the order every index uses for doc ids.
pub fn order_by_group(
    docs: Vec<IndexDoc>,
    group_names: &[(String, String)],
) -> (Vec<IndexDoc>, Vec<GroupRange>) {
    let mut ordered = Vec::with_capacity(docs.len());
    let mut ranges = Vec::new();
    let mut docs = docs;
    for (code, name) in group_names {
        let first = ordered.len() as u32;
        let (mine, rest): (Vec<IndexDoc>, Vec<IndexDoc>) =
            docs.into_iter().partition(|d| &d.group == code);
        docs = rest;
        ordered.extend(mine);
        ranges.push(GroupRange {
            code: code.clone(),
            name: name.clone(),
            first,
            end: ordered.len() as u32,
        });
    }
    // Docs of unlisted groups go last, in no group's range.
    ordered.extend(docs);
    (ordered, ranges)
}

/// The query words: analyzed, duplicates removed, order kept.
pub fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for term in analyzer::analyze(query) {
        if !words.contains(&term) {
            words.push(term);
        }
    }
    words
}
