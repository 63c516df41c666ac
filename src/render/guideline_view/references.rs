//! The reference list: cited references in order of first citation, each with its evidence
//! levels and a link back to every citation.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::model::{Guideline, SectionKind};

use super::super::markdown::{Citations, MarkdownRenderer, anchor_safe, escape};

/// One reference on its way into `references_html` (the template sees only the finished list).
pub(super) struct ReferenceView {
    /// `anchor_safe`: written into the page as it is.
    id: String,
    number: Option<usize>,
    html: String,
    /// The evidence levels it is cited with, as the page shows them: "1b, 2a".
    levels_text: String,
    /// A link back to each citation.
    backlinks_html: String,
}

impl ReferenceView {
    /// The list item, as `references_html` holds it: the reference, its evidence levels
    /// (`evidence_level` is the theme's label, HTML-escaped) and the links back.
    pub(super) fn write_item(&self, out: &mut String, evidence_level: &str) {
        out.push_str("\n      <li id=\"ref-");
        out.push_str(&self.id);
        out.push('"');
        if self.number.is_none() {
            out.push_str(" class=\"uncited\"");
        }
        out.push('>');
        out.push_str(&self.html);
        if !self.levels_text.is_empty() {
            out.push_str(" <span class=\"evidence-level\">");
            out.push_str(evidence_level);
            out.push(' ');
            out.push_str(&escape(&self.levels_text));
            out.push_str("</span>");
        }
        out.push_str(&self.backlinks_html);
        out.push_str("</li>\n      ");
    }
}

/// Cited references in order of first citation, then any never cited.
pub(super) fn reference_views(
    guideline: &Guideline,
    markdown: &MarkdownRenderer<'_>,
    citations: &mut Citations,
    back_to_citation: &str,
) -> Vec<ReferenceView> {
    let back_to_citation = escape(back_to_citation);
    let mut definitions: Vec<_> = guideline
        .body
        .definitions
        .iter()
        .filter(|d| d.section == Some(SectionKind::References))
        .collect();
    let number = |key: &str| markdown.numbers.get(key).copied();
    definitions.sort_by_cached_key(|d| number(&d.key).unwrap_or(usize::MAX));
    // Every key's evidence levels, in one pass over the citations.
    let mut levels_by_key: FxHashMap<&str, Vec<&'static str>> = FxHashMap::default();
    for citation in &guideline.body.citations {
        if let Some(level) = citation.level {
            levels_by_key
                .entry(citation.key.as_str())
                .or_default()
                .push(level.as_str());
        }
    }
    definitions
        .into_iter()
        .map(|definition| {
            let id = anchor_safe(&definition.key);
            let html = markdown.render(&definition.content, Some(citations));
            let count = citations
                .occurrences
                .get(&definition.key)
                .copied()
                .unwrap_or(0);
            let mut levels = levels_by_key
                .get(definition.key.as_str())
                .cloned()
                .unwrap_or_default();
            levels.sort_unstable();
            levels.dedup();
            let mut backlinks_html = String::new();
            for n in 1..=count {
                // Writing to a String cannot fail.
                let _ = write!(
                    backlinks_html,
                    r##" <a class="backlink" href="#cite-{id}-{n}" aria-label="{back_to_citation} {n}">↩</a>"##,
                );
            }
            ReferenceView {
                number: number(&definition.key),
                levels_text: levels.join(", "),
                backlinks_html,
                id,
                html,
            }
        })
        .collect()
}
