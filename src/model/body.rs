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
    pub(crate) sections: Vec<Section>,
    /// In document order; each knows its topic.
    pub(crate) recommendations: Vec<Recommendation>,
    /// In order of first citation: the citation number is the index + 1.
    pub(crate) cited_keys: Vec<String>,
    pub(crate) citations: Vec<Citation>,
    pub(crate) definitions: Vec<RefDefinition>,
    pub links: Vec<LinkRef>,
    pub(crate) images: Vec<ImageRef>,
    /// Every heading in the sections' text, in document order.
    pub(crate) headings: Vec<Heading>,
}

/// A `#` section of the body.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// `None` for a heading that is not a template title (already reported).
    pub(crate) kind: Option<SectionKind>,
    /// The heading is not `kind`'s exact title but a near miss of it ("Referencerne"). It is
    /// reported once, and read as `kind` so its topics and references are not reported too.
    pub(crate) misspelt: bool,
    pub(crate) title: String,
    pub(crate) heading_span: Range<usize>,
    /// Content before the first topic (for *Grundlag*) or all content (other sections).
    pub(crate) content: Fragment,
    /// `##` topics; only *3. Grundlag* has them.
    pub(crate) topics: Vec<Topic>,
}

impl Section {
    pub(crate) fn is_empty(&self) -> bool {
        self.content.is_empty() && self.topics.is_empty()
    }
}

/// A `##` topic of *3. Grundlag*.
#[derive(Debug, Clone)]
pub(crate) struct Topic {
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) heading_span: Range<usize>,
    /// What stands before the first `###`: text and the recommendations, in order.
    pub(crate) lead: Vec<LeadBlock>,
    pub(crate) subsections: Vec<SubSection>,
}

impl Topic {
    pub(crate) fn recommendation_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.lead.iter().filter_map(|block| match block {
            LeadBlock::Recommendation(index) => Some(*index),
            LeadBlock::Markdown(_) => None,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) enum LeadBlock {
    Markdown(Fragment),
    /// An index into `Guideline::recommendations`.
    Recommendation(usize),
}

/// A `###` sub-section of a topic.
#[derive(Debug, Clone)]
pub(crate) struct SubSection {
    /// `None` for a heading that is not one of the four evidence sub-sections.
    pub(crate) kind: Option<SubSectionKind>,
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) heading_span: Range<usize>,
    pub(crate) content: Fragment,
}

/// An image in the text, as written: `![alt](destination "title")`.
#[derive(Debug, Clone)]
pub(crate) struct ImageRef {
    pub(crate) destination: String,
    /// The alt text's words (empty when the author wrote none).
    pub(crate) alt: String,
    pub(crate) span: Range<usize>,
}

/// A heading in a section's text (not a template section, topic or evidence sub-section):
/// it gets an id of its own, is listed in the page's "on this page" navigation, and can be
/// the target of a `@/…#id` link.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// 1–6, as written (`##` is 2).
    pub(crate) level: u8,
    pub(crate) title: String,
    pub(crate) anchor: String,
    /// Index into `Guideline::sections`.
    pub(crate) section: usize,
    /// Index into the section's topics, when it stands in a topic of *3. Grundlag*.
    pub(crate) topic: Option<usize>,
    /// Index into the topic's sub-sections, when it stands in one (in its `<details>`).
    pub(crate) subsection: Option<usize>,
    /// Inside a recommendation: the Quick guide repeats that text, so it is not listed in
    /// the navigation (the Grundlag copy has the id).
    pub(crate) in_recommendation: bool,
}

/// A `[^key]` citation in the text.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    pub(crate) key: String,
    pub(crate) span: Range<usize>,
    pub(crate) level: Option<EvidenceLevel>,
}

/// A `[^key]: …` definition.
#[derive(Debug, Clone)]
pub(crate) struct RefDefinition {
    pub(crate) key: String,
    pub(crate) span: Range<usize>,
    /// The section it stands in; only *4. Referencer* is allowed.
    pub(crate) section: Option<SectionKind>,
    pub(crate) content: Fragment,
}

/// A link in the text, as written.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub(crate) destination: String,
    pub(crate) span: Range<usize>,
}
