//! The typed front matter. Every author-written value that a rule may point at keeps its span
//! (`toml::Spanned`, relative to the front matter text).

use serde::Deserialize;
use toml::Spanned;

use super::date::IsoDate;
use super::strength::Grading;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    Draft,
    Approved,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub(crate) title: Spanned<String>,
    pub(crate) version: Spanned<String>,
    pub(crate) status: Spanned<Status>,
    pub(crate) template_version: Spanned<String>,
    pub(crate) grading: Spanned<Grading>,
    #[serde(default)]
    pub(crate) keywords: Vec<String>,
    /// Old URLs (site paths) that must redirect here.
    #[serde(default)]
    pub(crate) aliases: Vec<Spanned<String>>,
    /// The day the guideline went live, for the publication-lag check.
    #[serde(default)]
    pub(crate) published: Option<Spanned<IsoDate>>,
    /// Marks bundled example content: the page carries a "not clinical advice" banner.
    #[serde(default)]
    pub(crate) example: bool,
    /// The pathway phases (slugs from `retning.toml`) the guideline covers.
    #[serde(default)]
    pub(crate) phases: Vec<Spanned<String>>,
    /// Further DMCG groups the guideline serves; its home is still its folder's group.
    #[serde(default)]
    pub(crate) groups: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) approval: Approval,
    pub(crate) revision: PlannedRevision,
    #[serde(default)]
    pub(crate) authors: Vec<Author>,
    #[serde(default)]
    pub decision_aids: Vec<DecisionAid>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Approval {
    /// "Faglig godkendelse" by the DMCG.
    pub(crate) professional: Option<Spanned<ApprovalEntry>>,
    /// "Administrativ godkendelse" by the guideline secretariat.
    pub(crate) administrative: Option<Spanned<ApprovalEntry>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApprovalEntry {
    pub(crate) date: Spanned<IsoDate>,
    pub(crate) by: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlannedRevision {
    pub(crate) planned: Spanned<IsoDate>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Author {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) title: Option<String>,
    #[serde(default)]
    pub(crate) affiliation: Option<String>,
    #[serde(default)]
    pub(crate) conflicts: Option<String>,
}

/// How the aid is meant to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AidFormat {
    /// Used by patient and clinician together in the consultation.
    Encounter,
    /// Used by the patient alone, before the consultation.
    Preparation,
}

/// Assessment against the International Patient Decision Aid Standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Ipdas {
    NotAssessed,
    Qualifying,
    Certified,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionAid {
    pub(crate) title: String,
    pub(crate) url: Spanned<String>,
    pub(crate) decision: String,
    #[serde(default)]
    pub(crate) recommendations: Vec<Spanned<u32>>,
    pub(crate) publisher: String,
    pub(crate) format: AidFormat,
    pub(crate) ipdas: Spanned<Ipdas>,
    #[serde(default)]
    pub(crate) ipdas_assessed: Option<Spanned<IsoDate>>,
    #[serde(default)]
    pub(crate) last_updated: Option<Spanned<IsoDate>>,
}

impl DecisionAid {
    pub(crate) fn supports(&self, recommendation: u32) -> bool {
        self.recommendations
            .iter()
            .any(|id| *id.get_ref() == recommendation)
    }
}
