//! The guidelines as search units, and both search indexes built from them: tantivy (for
//! `retning search` and the preview server) and the static index the site's browser reader
//! uses. The search crate sees only `IndexDoc`s, never the guideline model.

use std::path::Path;

use search_index::static_index::{self, StaticFiles};
use search_index::{DocKind, Engine, EngineError, GroupRange, IndexDoc, order_by_group};

use crate::model::{Guideline, LeadBlock, SectionKind};
use crate::site::Site;

/// Where `retning build` writes the tantivy index, outside the deployable site.
pub const INDEX_DIR: &str = ".retning/search-index";

pub struct SiteSearch {
    pub engine: Engine,
    pub static_files: StaticFiles,
}

/// Indexes the guidelines that go on the site, in memory or in `dir`.
/// `recommendation_label` names a recommendation unit ("Anbefaling"), from the theme.
pub fn build(
    site: &Site,
    drafts: bool,
    recommendation_label: &str,
    dir: Option<&Path>,
) -> Result<SiteSearch, EngineError> {
    let (docs, ranges) = ordered_units(site, drafts, recommendation_label);
    let engine = Engine::build(&docs, ranges.clone(), dir)?;
    let weights = engine.weights(&docs)?;
    let static_files = static_index::encode(&docs, &ranges, &weights);
    Ok(SiteSearch {
        engine,
        static_files,
    })
}

/// The search units of the guidelines that go on the site, in doc-id order (by group), and
/// each group's id range: what both indexes are built from.
pub fn ordered_units(
    site: &Site,
    drafts: bool,
    recommendation_label: &str,
) -> (Vec<IndexDoc>, Vec<GroupRange>) {
    let root = site.config.root_path();
    let docs: Vec<IndexDoc> = site
        .published(drafts)
        .flat_map(|g| units(g, &root, recommendation_label))
        .collect();
    let groups: Vec<(String, String)> = site
        .config
        .groups
        .iter()
        .map(|(code, name)| (code.clone(), name.clone()))
        .collect();
    order_by_group(docs, &groups)
}

/// A guideline's search units: each recommendation, each evidence sub-section and topic
/// lead of *Grundlag*, and each other section with text.
pub fn units(guideline: &Guideline, root: &str, recommendation_label: &str) -> Vec<IndexDoc> {
    let page = format!("{root}{}", guideline.path());
    let unit =
        |kind, anchor: &str, title: String, strength: Option<String>, text: String| IndexDoc {
            url: format!("{page}#{anchor}"),
            guideline: guideline.title().to_owned(),
            guideline_url: page.clone(),
            group: guideline.group.clone(),
            kind,
            title,
            strength,
            text,
        };
    let mut docs = Vec::new();
    for section in &guideline.sections {
        let Some(kind) = section.kind else { continue };
        if matches!(kind, SectionKind::QuickGuide | SectionKind::References) {
            continue;
        }
        let text = section.content.plain_text();
        if !text.is_empty() {
            docs.push(unit(
                DocKind::Section,
                kind.anchor(),
                kind.title().to_owned(),
                None,
                text,
            ));
        }
        for topic in &section.topics {
            let lead: Vec<String> = topic
                .lead
                .iter()
                .filter_map(|block| match block {
                    LeadBlock::Markdown(fragment) => Some(fragment.plain_text()),
                    LeadBlock::Recommendation(_) => None,
                })
                .filter(|t| !t.is_empty())
                .collect();
            if !lead.is_empty() {
                docs.push(unit(
                    DocKind::Section,
                    &topic.anchor,
                    topic.title.clone(),
                    None,
                    lead.join(" "),
                ));
            }
            for index in topic.recommendation_indices() {
                let r = &guideline.recommendations[index];
                let title = format!("{recommendation_label} {} · {}", r.id, topic.title);
                docs.push(unit(
                    DocKind::Recommendation,
                    &r.anchor(),
                    title,
                    r.strength.map(|s| s.label()),
                    r.content.plain_text(),
                ));
            }
            for sub in &topic.subsections {
                let text = sub.content.plain_text();
                if !text.is_empty() {
                    docs.push(unit(
                        DocKind::Section,
                        &sub.anchor,
                        format!("{} · {}", topic.title, sub.title),
                        None,
                        text,
                    ));
                }
            }
        }
    }
    docs
}
