//! The reference list: cited references in order of first citation, each with its evidence
//! levels and a link back to every citation.

use rustc_hash::FxHashMap;

use crate::model::{Guideline, SectionKind};

use super::super::markdown::{Citations, MarkdownRenderer, anchor_safe};
use super::super::partials::Partial;
use super::super::theme::Theme;

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
    /// The list item, as `references_html` holds it: the theme's reference partial with
    /// the reference, its evidence levels and the links back.
    pub(super) fn write_item(&self, theme: &Theme, out: &mut String) {
        out.push_str("\n      ");
        let flags = [self.number.is_some(), !self.levels_text.is_empty()];
        let values = [
            self.id.as_str(),
            &self.html,
            &self.levels_text,
            &self.backlinks_html,
        ];
        theme.write_partial(Partial::Reference, &flags, &values, out);
        out.push_str("\n      ");
    }
}

/// Cited references in order of first citation, then any never cited.
pub(super) fn reference_views(
    theme: &Theme,
    guideline: &Guideline,
    markdown: &MarkdownRenderer<'_>,
    citations: &mut Citations,
) -> Vec<ReferenceView> {
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
                backlinks_html.push(' ');
                let n = n.to_string();
                theme.write_partial(Partial::Backlink, &[], &[&id, &n], &mut backlinks_html);
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
