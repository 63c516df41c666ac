//! A guideline in brief: everything the other guidelines' checks (links to its anchors and
//! recommendations, aliases) and the site-wide pages (home, groups, revision, search,
//! pathway, news, feeds, sitemap, API index, offline lists) read of it. A few kilobytes
//! where the model is megabytes, so a build can keep one per guideline and drop the models;
//! serialisable, so a build cache can keep them too.

use std::ops::Range;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Guideline, Marker, Status, Strength};

/// One guideline's summary, made from its model by [`GuidelineSummary::of`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuidelineSummary {
    /// The DMCG folder code, e.g. `dlg`.
    pub(crate) group: String,
    /// The file stem, e.g. `dlbcl`.
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) version: String,
    pub(crate) status: Status,
    /// Every group whose page lists it: its home group first, then its further `groups`.
    pub(crate) groups: Vec<String>,
    /// The phases its front matter lists, by slug.
    pub(crate) phases: Vec<String>,
    pub(crate) planned_revision: Date,
    pub(crate) professional_approval: Option<Date>,
    pub(crate) administrative_approval: Option<Date>,
    pub(crate) published: Option<Date>,
    /// The blake3 hash of the file's text: the offline app's build id covers it.
    pub(crate) text_hash: [u8; 32],
    /// Every anchor of its page but the recommendations' (those are in `recommendations`).
    pub(crate) anchors: Vec<String>,
    /// In document order.
    pub(crate) recommendations: Vec<RecommendationSummary>,
    /// Its `aliases`, as written, with their spans in the file.
    pub(crate) aliases: Vec<AliasSummary>,
    /// The names of the files of its folder it links to or shows, in order of first use,
    /// each once (whether the file is there is the assets' question).
    pub(crate) asset_names: Vec<String>,
}

/// One recommendation, as the listing pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RecommendationSummary {
    pub(crate) id: u32,
    /// `None` when the strength did not parse (already reported).
    pub(crate) strength: Option<Strength>,
    pub(crate) marker: Option<Marker>,
    /// Its text as plain words ([`crate::model::Fragment::plain_text`]).
    pub(crate) text: String,
    /// Its own `{fase=…}` phases; empty when it has its guideline's.
    pub(crate) phases: Vec<String>,
}

impl RecommendationSummary {
    pub(crate) fn anchor(&self) -> String {
        format!("anbefaling-{}", self.id)
    }
}

/// An alias as written in the front matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AliasSummary {
    pub(crate) value: String,
    /// Its span in the file (not in the front matter).
    pub(crate) span: Range<usize>,
}

impl GuidelineSummary {
    /// The summary of `guideline`.
    pub fn of(guideline: &Guideline) -> Self {
        let body = &guideline.body;
        let mut anchors: Vec<String> = Vec::new();
        for section in &body.sections {
            anchors.extend(section.kind.map(|k| k.anchor().to_owned()));
            for topic in &section.topics {
                anchors.push(topic.anchor.clone());
                anchors.extend(topic.subsections.iter().map(|s| s.anchor.clone()));
            }
        }
        anchors.extend(body.headings.iter().map(|h| h.anchor.clone()));
        Self {
            group: guideline.group.clone(),
            slug: guideline.slug.clone(),
            title: guideline.title().to_owned(),
            version: guideline.meta.version.get_ref().clone(),
            status: guideline.status(),
            groups: guideline.all_groups().map(str::to_owned).collect(),
            phases: guideline.phases().map(str::to_owned).collect(),
            planned_revision: guideline.planned_revision(),
            professional_approval: guideline
                .professional_approval()
                .map(|a| a.date.get_ref().0),
            administrative_approval: guideline
                .administrative_approval()
                .map(|a| a.date.get_ref().0),
            published: guideline.published(),
            text_hash: *blake3::hash(guideline.source.text.as_bytes()).as_bytes(),
            anchors,
            recommendations: body
                .recommendations
                .iter()
                .map(|r| RecommendationSummary {
                    id: r.header.id,
                    strength: r.header.strength,
                    marker: r.header.marker,
                    text: r.content.plain_text(),
                    phases: r.header.phases.iter().map(|p| p.slug.clone()).collect(),
                })
                .collect(),
            aliases: guideline
                .meta
                .aliases
                .iter()
                .map(|alias| AliasSummary {
                    value: alias.get_ref().clone(),
                    span: guideline.fm_span(alias.span()),
                })
                .collect(),
            asset_names: asset_names(guideline),
        }
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
        &self.title
    }

    pub(crate) fn status(&self) -> Status {
        self.status
    }

    /// Whether `@/…#anchor` finds a place on its page.
    pub(crate) fn has_anchor(&self, anchor: &str) -> bool {
        if let Some(id) = anchor.strip_prefix("anbefaling-") {
            return id
                .parse::<u32>()
                .is_ok_and(|id| self.recommendations.iter().any(|r| r.id == id));
        }
        self.anchors.iter().any(|a| a == anchor)
    }

    /// The phases of a recommendation: its own `{fase=…}`, or else its guideline's.
    pub(crate) fn phases_of<'a>(
        &'a self,
        recommendation: &'a RecommendationSummary,
    ) -> &'a [String] {
        if recommendation.phases.is_empty() {
            &self.phases
        } else {
            &recommendation.phases
        }
    }

    /// The files of its folder it links to or shows that are there: the ones published
    /// (with their path in the site), as [`crate::assets::published`] finds them.
    pub(crate) fn published_assets<'a>(
        &self,
        assets: &'a crate::assets::Assets,
    ) -> Vec<(String, &'a crate::assets::Asset)> {
        crate::assets::published_named(
            assets,
            &self.group,
            &self.slug,
            self.asset_names.iter().map(String::as_str),
        )
    }

    /// The day it last changed for readers: its approval, or publication if later.
    pub(crate) fn last_changed(&self) -> Date {
        let approved = self.administrative_approval.or(self.professional_approval);
        match (approved, self.published) {
            (Some(a), Some(p)) => a.max(p),
            (a, p) => a.or(p).unwrap_or(self.planned_revision),
        }
    }
}

/// The names of the files of `guideline`'s folder it links to or shows, each once.
fn asset_names(guideline: &Guideline) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in crate::assets::names_in(guideline) {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Site;

    fn example() -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        Site::load(root).unwrap().site
    }

    /// A cross-link check reads the summary where it read the model: every anchor the page
    /// has, and no other, is found the same way.
    #[test]
    fn the_summary_finds_the_anchors_the_model_finds() {
        let site = example();
        assert!(site.guidelines.len() >= 2);
        for guideline in &site.guidelines {
            let summary = GuidelineSummary::of(guideline);
            let mut probes: Vec<String> = summary.anchors.clone();
            probes.extend(
                summary
                    .recommendations
                    .iter()
                    .map(RecommendationSummary::anchor),
            );
            probes.extend(
                ["anbefaling-999", "anbefaling-x", "nowhere", "", "grundlag"].map(str::to_owned),
            );
            assert!(summary.anchors.len() > 5, "{}", guideline.link_key());
            for anchor in &probes {
                assert_eq!(
                    summary.has_anchor(anchor),
                    guideline.has_anchor(anchor),
                    "{} #{anchor}",
                    guideline.link_key()
                );
            }
        }
    }

    /// What the listing pages read: the same values as the model's, and a summary survives
    /// a trip through JSON (a build cache may keep it).
    #[test]
    fn the_summary_keeps_the_listed_facts_and_round_trips() {
        let site = example();
        for guideline in &site.guidelines {
            let summary = GuidelineSummary::of(guideline);
            assert_eq!(summary.link_key(), guideline.link_key());
            assert_eq!(summary.title(), guideline.title());
            assert_eq!(summary.groups, guideline.all_groups().collect::<Vec<_>>());
            assert_eq!(
                summary.recommendations.len(),
                guideline.body.recommendations.len()
            );
            for (brief, full) in summary
                .recommendations
                .iter()
                .zip(&guideline.body.recommendations)
            {
                assert_eq!(brief.text, full.content.plain_text());
                assert_eq!(brief.strength, full.header.strength);
                assert_eq!(
                    summary.phases_of(brief),
                    guideline.phases_of(full).as_slice()
                );
            }
            let published = summary.published_assets(&site.assets);
            let expected = crate::assets::published(&site.assets, guideline);
            assert_eq!(
                published.iter().map(|(p, _)| p).collect::<Vec<_>>(),
                expected.iter().map(|(p, _)| p).collect::<Vec<_>>()
            );
            let json = serde_json::to_string(&summary).unwrap();
            let back: GuidelineSummary = serde_json::from_str(&json).unwrap();
            assert_eq!(back, summary);
        }
    }
}
