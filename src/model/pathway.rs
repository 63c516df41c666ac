//! A recommendation's place in the patient pathway: the phases it belongs to and the clinical
//! quality database that monitors it. Both are written in the recommendation's header, as
//! `{fase=behandling monitorering="DLCR 3a"}`.

use std::ops::Range;

/// A phase named in a recommendation's header, by its slug (checked against `retning.toml`
/// by the validation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhaseRef {
    pub(crate) slug: String,
    pub(crate) span: Range<usize>,
}

/// `monitorering="DLCR 3a"`: the database (`DLCR`) and its indicator (`3a`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Monitoring {
    pub(crate) database: String,
    pub(crate) indicator: String,
}
