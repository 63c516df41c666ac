//! The guideline model: what parsing produces and every later stage reads. Nothing here is
//! filled in after parsing.

mod body;
mod date;
mod fragment;
mod front_matter;
mod html_text;
mod pathway;
mod recommendation;
mod section_kind;
mod strength;
mod table_caption;

pub(crate) use body::{
    Body, Citation, Heading, ImageRef, LeadBlock, LinkRef, RefDefinition, Section, SubSection,
    Topic,
};
pub(crate) use date::{DATE_HINT, DateProblem, IsoDate, date_problem};
pub(crate) use fragment::Fragment;
pub(crate) use front_matter::{
    AidFormat, ApprovalEntry, Author, DecisionAid, FrontMatter, Ipdas, Status,
};
pub(crate) use pathway::{Monitoring, PhaseRef};
pub(crate) use recommendation::{Marker, Recommendation, RecommendationHeader};
pub(crate) use section_kind::{SectionKind, SubSectionKind, closest_title};
pub use strength::Grading;
pub(crate) use strength::{
    Certainty, EvidenceLevel, GOOD_PRACTICE_KEY, GradeDirection, OxfordLetter, Strength,
    StrengthError,
};
pub(crate) use table_caption::table_number;

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use crate::source::SourceFile;

/// One parsed guideline file.
#[derive(Debug)]
pub struct Guideline {
    /// The file's text, which every span in the guideline points into.
    pub source: Arc<SourceFile>,
    /// The DMCG folder code, e.g. `dlg`.
    pub group: String,
    /// The file stem, e.g. `dlbcl`; the page lives at `/<group>/<slug>/`.
    pub slug: String,
    /// The TOML front matter between the `+++` lines.
    pub meta: FrontMatter,
    /// Offset of the front matter text in the file, to turn its spans into file spans.
    pub(crate) front_matter_offset: usize,
    /// The Markdown after the front matter: sections, recommendations, citations, links.
    pub body: Body,
}

impl Guideline {
    /// A span from the front matter (`toml::Spanned`) as a span in the file.
    pub(crate) fn fm_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_matter_offset..span.end + self.front_matter_offset
    }

    /// The site path of the page, e.g. `dlg/dlbcl/` (no leading slash).
    pub(crate) fn path(&self) -> String {
        format!("{}/{}/", self.group, self.slug)
    }

    /// The source path used in `@/` links, e.g. `dlg/dlbcl.md`.
    pub(crate) fn link_key(&self) -> String {
        format!("{}/{}.md", self.group, self.slug)
    }

    pub(crate) fn title(&self) -> &str {
        self.meta.title.get_ref()
    }

    pub(crate) fn status(&self) -> Status {
        *self.meta.status.get_ref()
    }

    /// The scheme its recommendations' strengths are written in.
    pub fn grading(&self) -> Grading {
        *self.meta.grading.get_ref()
    }

    pub(crate) fn planned_revision(&self) -> Date {
        self.meta.revision.planned.get_ref().0
    }

    pub(crate) fn professional_approval(&self) -> Option<&ApprovalEntry> {
        self.meta
            .approval
            .professional
            .as_ref()
            .map(|a| a.get_ref())
    }

    pub(crate) fn administrative_approval(&self) -> Option<&ApprovalEntry> {
        self.meta
            .approval
            .administrative
            .as_ref()
            .map(|a| a.get_ref())
    }

    pub(crate) fn published(&self) -> Option<Date> {
        self.meta.published.as_ref().map(|p| p.get_ref().0)
    }

    pub(crate) fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.body.sections.iter().find(|s| s.kind == Some(kind))
    }

    pub(crate) fn recommendation(&self, id: u32) -> Option<&Recommendation> {
        self.body.recommendations.iter().find(|r| r.header.id == id)
    }

    /// The topics of *3. Grundlag*, in order.
    pub(crate) fn topics(&self) -> &[Topic] {
        self.section(SectionKind::Grundlag)
            .map_or(&[], |s| s.topics.as_slice())
    }

    /// Every anchor id the page has, for checking `@/…#anchor` links.
    pub(crate) fn has_anchor(&self, anchor: &str) -> bool {
        if let Some(id) = anchor.strip_prefix("anbefaling-") {
            return id
                .parse::<u32>()
                .is_ok_and(|id| self.recommendation(id).is_some());
        }
        if self.body.headings.iter().any(|h| h.anchor == anchor) {
            return true;
        }
        self.body.sections.iter().any(|s| {
            s.kind.is_some_and(|k| k.anchor() == anchor)
                || s.topics.iter().any(|t| {
                    t.anchor == anchor || t.subsections.iter().any(|sub| sub.anchor == anchor)
                })
        })
    }

    /// The phases the guideline covers, by slug, as its front matter lists them.
    pub(crate) fn phases(&self) -> impl Iterator<Item = &str> {
        self.meta.phases.iter().map(|p| p.get_ref().as_str())
    }

    /// The phases of a recommendation: its own `{fase=…}`, or else its guideline's.
    pub(crate) fn phases_of<'a>(&'a self, recommendation: &'a Recommendation) -> Vec<&'a str> {
        if recommendation.header.phases.is_empty() {
            self.phases().collect()
        } else {
            recommendation
                .header
                .phases
                .iter()
                .map(|p| p.slug.as_str())
                .collect()
        }
    }

    /// Every group whose page lists the guideline: its home group first, then `groups`.
    pub(crate) fn all_groups(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.group.as_str()).chain(
            self.meta
                .groups
                .iter()
                .map(|g| g.get_ref().as_str())
                .filter(move |g| *g != self.group),
        )
    }

    /// Whether the guideline belongs to `group`, at home or as a further group.
    pub(crate) fn serves_group(&self, group: &str) -> bool {
        self.all_groups().any(|g| g == group)
    }

    pub(crate) fn decision_aids_for(
        &self,
        recommendation: u32,
    ) -> impl Iterator<Item = &DecisionAid> {
        self.meta
            .decision_aids
            .iter()
            .filter(move |aid| aid.supports(recommendation))
    }
}
