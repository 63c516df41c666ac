//! A recommendation: what its opening line says, and the text it holds.

use std::ops::Range;

use super::fragment::Fragment;
use super::strength::Strength;
use super::{Monitoring, PhaseRef};

/// `ny` / `ændret`: what is new in this version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Marker {
    New,
    Changed,
}

impl Marker {
    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) struct RecommendationHeader {
    pub(crate) id: u32,
    pub(crate) id_span: Range<usize>,
    /// `None` when the strength did not parse (already reported).
    pub(crate) strength: Option<Strength>,
    pub(crate) marker: Option<Marker>,
    /// `{fase=…}`: the phases it narrows its guideline's phases to (empty: all of them).
    pub(crate) phases: Vec<PhaseRef>,
    /// `{monitorering="DATABASE INDIKATOR"}`.
    pub(crate) monitoring: Option<Monitoring>,
}

/// A `::: anbefaling …` container: its opening line and its text.
#[derive(Debug, Clone)]
pub(crate) struct Recommendation {
    pub(crate) header: RecommendationHeader,
    /// The whole `::: anbefaling …` line.
    pub(crate) header_span: Range<usize>,
    pub(crate) content: Fragment,
    /// Index into the Grundlag section's topics.
    pub(crate) topic: usize,
}

impl Recommendation {
    pub(crate) fn anchor(&self) -> String {
        format!("anbefaling-{}", self.header.id)
    }
}
