//! The body of a guideline: the template's sections, the topics of *Grundlag*, and what the
//! text cites and links to.

use std::ops::Range;

use super::fragment::Fragment;
use super::recommendation::Recommendation;
use super::section_kind::{SectionKind, SubSectionKind};
use super::strength::EvidenceLevel;

/// Everything a guideline's body holds, as the parser's one walk over it found it.
#[derive(Debug, Default)]
pub struct Body {
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

/// A `#` section of the body.
#[derive(Debug, Clone)]
pub struct Section {
    /// `None` for a heading that is not a template title (already reported).
    pub kind: Option<SectionKind>,
    /// The heading is not `kind`'s exact title but a near miss of it ("Referencerne"). It is
    /// reported once, and read as `kind` so its topics and references are not reported too.
    pub misspelt: bool,
    pub title: String,
    pub heading_span: Range<usize>,
    /// Content before the first topic (for *Grundlag*) or all content (other sections).
    pub content: Fragment,
    /// `##` topics; only *3. Grundlag* has them.
    pub topics: Vec<Topic>,
}

impl Section {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.topics.is_empty()
    }
}

/// A `##` topic of *3. Grundlag*.
#[derive(Debug, Clone)]
pub struct Topic {
    pub title: String,
    pub anchor: String,
    pub heading_span: Range<usize>,
    /// What stands before the first `###`: text and the recommendations, in order.
    pub lead: Vec<LeadBlock>,
    pub subsections: Vec<SubSection>,
}

impl Topic {
    pub fn recommendation_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.lead.iter().filter_map(|block| match block {
            LeadBlock::Recommendation(index) => Some(*index),
            LeadBlock::Markdown(_) => None,
        })
    }
}

#[derive(Debug, Clone)]
pub enum LeadBlock {
    Markdown(Fragment),
    /// An index into `Guideline::recommendations`.
    Recommendation(usize),
}

/// A `###` sub-section of a topic.
#[derive(Debug, Clone)]
pub struct SubSection {
    /// `None` for a heading that is not one of the four evidence sub-sections.
    pub kind: Option<SubSectionKind>,
    pub title: String,
    pub anchor: String,
    pub heading_span: Range<usize>,
    pub content: Fragment,
}

/// An image in the text, as written: `![alt](destination "title")`.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub destination: String,
    pub title: String,
    /// The alt text's words (empty when the author wrote none).
    pub alt: String,
    pub span: Range<usize>,
}

/// A heading in a section's text (not a template section, topic or evidence sub-section):
/// it gets an id of its own, is listed in the page's "on this page" navigation, and can be
/// the target of a `@/…#id` link.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1–6, as written (`##` is 2).
    pub level: u8,
    pub title: String,
    pub anchor: String,
    pub span: Range<usize>,
    /// Index into `Guideline::sections`.
    pub section: usize,
    /// Index into the section's topics, when it stands in a topic of *3. Grundlag*.
    pub topic: Option<usize>,
    /// Index into the topic's sub-sections, when it stands in one (in its `<details>`).
    pub subsection: Option<usize>,
    /// Inside a recommendation: the Quick guide repeats that text, so it is not listed in
    /// the navigation (the Grundlag copy has the id).
    pub in_recommendation: bool,
}

/// A `[^key]` citation in the text.
#[derive(Debug, Clone)]
pub struct Citation {
    pub key: String,
    pub span: Range<usize>,
    pub level: Option<EvidenceLevel>,
}

/// A `[^key]: …` definition.
#[derive(Debug, Clone)]
pub struct RefDefinition {
    pub key: String,
    pub span: Range<usize>,
    /// The section it stands in; only *4. Referencer* is allowed.
    pub section: Option<SectionKind>,
    pub content: Fragment,
}

/// A link in the text, as written.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub destination: String,
    pub span: Range<usize>,
}
