//! A recommendation: what its opening line says, and the text it holds.

use std::ops::Range;

use super::fragment::Fragment;
use super::strength::Strength;
use super::{Monitoring, PhaseRef};

/// `ny` / `ændret`: what is new in this version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Marker {
    New,
    Changed,
}

impl Marker {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "ny",
            Self::Changed => "ændret",
        }
    }
}

/// What a recommendation's opening line says:
/// `::: anbefaling N (STRENGTH) [ny|ændret] [{fase=… monitorering="…"}]`, with the span of
/// each part in the file.
#[derive(Debug, Clone)]
pub struct RecommendationHeader {
    pub id: u32,
    pub id_span: Range<usize>,
    /// `None` when the strength did not parse (already reported).
    pub strength: Option<Strength>,
    pub strength_span: Range<usize>,
    pub marker: Option<Marker>,
    /// `{fase=…}`: the phases it narrows its guideline's phases to (empty: all of them).
    pub phases: Vec<PhaseRef>,
    /// `{monitorering="DATABASE INDIKATOR"}`.
    pub monitoring: Option<Monitoring>,
}

/// A `::: anbefaling …` container: its opening line and its text.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub header: RecommendationHeader,
    /// The whole `::: anbefaling …` line.
    pub header_span: Range<usize>,
    pub content: Fragment,
    /// Index into the Grundlag section's topics.
    pub topic: usize,
}

impl Recommendation {
    pub fn anchor(&self) -> String {
        format!("anbefaling-{}", self.header.id)
    }
}
