//! The typed front matter. Every author-written value that a rule may point at keeps its span
//! (`toml::Spanned`, relative to the front matter text).

use serde::Deserialize;
use toml::Spanned;

use super::date::IsoDate;
use super::strength::Grading;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Approved,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Spanned<String>,
    pub version: Spanned<String>,
    pub status: Spanned<Status>,
    pub template_version: Spanned<String>,
    pub grading: Spanned<Grading>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Old URLs (site paths) that must redirect here.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// The day the guideline went live, for the publication-lag check.
    #[serde(default)]
    pub published: Option<Spanned<IsoDate>>,
    /// Marks bundled example content: the page carries a "not clinical advice" banner.
    #[serde(default)]
    pub example: bool,
    /// The pathway phases (slugs from `retning.toml`) the guideline covers.
    #[serde(default)]
    pub phases: Vec<Spanned<String>>,
    /// Further DMCG groups the guideline serves; its home is still its folder's group.
    #[serde(default)]
    pub groups: Vec<Spanned<String>>,
    #[serde(default)]
    pub approval: Approval,
    pub revision: PlannedRevision,
    #[serde(default)]
    pub authors: Vec<Author>,
    #[serde(default)]
    pub decision_aids: Vec<DecisionAid>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// "Faglig godkendelse" by the DMCG.
    pub professional: Option<Spanned<ApprovalEntry>>,
    /// "Administrativ godkendelse" by the guideline secretariat.
    pub administrative: Option<Spanned<ApprovalEntry>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalEntry {
    pub date: Spanned<IsoDate>,
    pub by: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedRevision {
    pub planned: Spanned<IsoDate>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub conflicts: Option<String>,
}

/// How the aid is meant to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AidFormat {
    /// Used by patient and clinician together in the consultation.
    Encounter,
    /// Used by the patient alone, before the consultation.
    Preparation,
}

/// Assessment against the International Patient Decision Aid Standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ipdas {
    NotAssessed,
    Qualifying,
    Certified,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionAid {
    pub title: String,
    pub url: Spanned<String>,
    pub decision: String,
    #[serde(default)]
    pub recommendations: Vec<Spanned<u32>>,
    pub publisher: String,
    pub format: AidFormat,
    pub ipdas: Spanned<Ipdas>,
    #[serde(default)]
    pub ipdas_assessed: Option<Spanned<IsoDate>>,
    #[serde(default)]
    pub last_updated: Option<Spanned<IsoDate>>,
}

impl DecisionAid {
    pub fn supports(&self, recommendation: u32) -> bool {
        self.recommendations
            .iter()
            .any(|id| *id.get_ref() == recommendation)
    }
}
