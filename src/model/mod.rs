//! The guideline model: what parsing produces and every later stage reads. Nothing here is
//! filled in after parsing.

mod body;
mod date;
mod front_matter;
mod html_text;
mod strength;
mod table_caption;

pub use body::{
    Citation, Fragment, Heading, ImageRef, LeadBlock, LinkRef, Marker, Recommendation,
    RefDefinition, Section, SectionKind, SubSection, SubSectionKind, Topic, closest_title,
    normalize_title,
};
pub use date::{DATE_HINT, IsoDate};
pub use front_matter::{
    AidFormat, Approval, ApprovalEntry, Author, DecisionAid, FrontMatter, Ipdas, Revision, Status,
};
pub use strength::{
    Certainty, EvidenceLevel, GradeDirection, Grading, OxfordLetter, Strength, StrengthError,
};
pub use table_caption::table_number;

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use crate::source::SourceFile;

/// One parsed guideline file.
#[derive(Debug)]
pub struct Guideline {
    pub source: Arc<SourceFile>,
    /// The DMCG folder code, e.g. `dlg`.
    pub group: String,
    /// The file stem, e.g. `dlbcl`; the page lives at `/<group>/<slug>/`.
    pub slug: String,
    pub meta: FrontMatter,
    /// Offset of the front matter text in the file, to turn its spans into file spans.
    pub front_matter_offset: usize,
    pub sections: Vec<Section>,
    /// In document order; each knows its topic.
    pub recommendations: Vec<Recommendation>,
    /// In order of first citation: the citation number is the index + 1.
    pub cited_keys: Vec<String>,
    pub citations: Vec<Citation>,
    pub definitions: Vec<RefDefinition>,
    pub links: Vec<LinkRef>,
    pub images: Vec<ImageRef>,
    /// Every heading in the sections' text, in document order.
    pub headings: Vec<Heading>,
}

impl Guideline {
    /// A span from the front matter (`toml::Spanned`) as a span in the file.
    pub fn fm_span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.front_matter_offset..span.end + self.front_matter_offset
    }

    /// The site path of the page, e.g. `dlg/dlbcl/` (no leading slash).
    pub fn path(&self) -> String {
        format!("{}/{}/", self.group, self.slug)
    }

    /// The source path used in `@/` links, e.g. `dlg/dlbcl.md`.
    pub fn link_key(&self) -> String {
        format!("{}/{}.md", self.group, self.slug)
    }

    pub fn title(&self) -> &str {
        self.meta.title.get_ref()
    }

    pub fn status(&self) -> Status {
        *self.meta.status.get_ref()
    }

    pub fn grading(&self) -> Grading {
        *self.meta.grading.get_ref()
    }

    pub fn planned_revision(&self) -> Date {
        self.meta.revision.planned.get_ref().0
    }

    pub fn professional_approval(&self) -> Option<&ApprovalEntry> {
        self.meta
            .approval
            .professional
            .as_ref()
            .map(|a| a.get_ref())
    }

    pub fn administrative_approval(&self) -> Option<&ApprovalEntry> {
        self.meta
            .approval
            .administrative
            .as_ref()
            .map(|a| a.get_ref())
    }

    pub fn published(&self) -> Option<Date> {
        self.meta.published.as_ref().map(|p| p.get_ref().0)
    }

    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == Some(kind))
    }

    pub fn recommendation(&self, id: u32) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }

    /// The topics of *3. Grundlag*, in order.
    pub fn topics(&self) -> &[Topic] {
        self.section(SectionKind::Grundlag)
            .map_or(&[], |s| s.topics.as_slice())
    }

    /// The 1-based number of a cited reference.
    pub fn citation_number(&self, key: &str) -> Option<usize> {
        self.cited_keys.iter().position(|k| k == key).map(|i| i + 1)
    }

    /// Every anchor id the page has, for checking `@/…#anchor` links.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        if let Some(id) = anchor.strip_prefix("anbefaling-") {
            return id
                .parse::<u32>()
                .is_ok_and(|id| self.recommendation(id).is_some());
        }
        if self.headings.iter().any(|h| h.anchor == anchor) {
            return true;
        }
        self.sections.iter().any(|s| {
            s.kind.is_some_and(|k| k.anchor() == anchor)
                || s.topics.iter().any(|t| {
                    t.anchor == anchor || t.subsections.iter().any(|sub| sub.anchor == anchor)
                })
        })
    }

    pub fn decision_aids_for(&self, recommendation: u32) -> impl Iterator<Item = &DecisionAid> {
        self.meta
            .decision_aids
            .iter()
            .filter(move |aid| aid.supports(recommendation))
    }
}
