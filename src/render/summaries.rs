//! The small per-guideline records the listing pages are made from: a guideline's summary
//! (home, group and revision pages), the groups with their summaries, and the search page's
//! entries (every recommendation, for the page that works without JavaScript).

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::site::Site;
use crate::status;
use crate::summary::GuidelineSummary;

use super::partials::Partial;
use super::{Theme, guideline_view};

/// One line per guideline in lists (home, group pages, revision overview, search).
#[derive(Serialize, Clone)]
pub(crate) struct Summary {
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) group: String,
    pub(crate) group_name: String,
    /// Every group whose page lists it: its home group, then its further `groups`.
    pub(crate) groups: Vec<String>,
    pub(crate) version: String,
    pub(crate) draft: bool,
    pub(crate) revision: guideline_view::RevisionView,
}

#[derive(Serialize)]
pub(super) struct GroupView {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) url: String,
    /// The guidelines whose home is this group.
    pub(super) guidelines: Vec<Summary>,
    /// Guidelines of other groups that also serve this one (their `groups`): on the group's
    /// page, not again on the home page.
    pub(super) shared: Vec<Summary>,
}

/// Every configured group with the summaries of its guidelines (home and group pages).
pub(super) fn group_views(site: &Site, summaries: &[Summary], root: &str) -> Vec<GroupView> {
    site.config
        .groups
        .iter()
        .map(|(code, name)| GroupView {
            code: code.clone(),
            name: name.clone(),
            url: format!("{root}{code}/"),
            guidelines: summaries
                .iter()
                .filter(|s| &s.group == code)
                .cloned()
                .collect(),
            shared: summaries
                .iter()
                .filter(|s| &s.group != code && s.groups.contains(code))
                .cloned()
                .collect(),
        })
        .collect()
}

pub(crate) fn summary(
    site: &Site,
    theme: &Theme,
    guideline: &GuidelineSummary,
    today: Date,
) -> Summary {
    Summary {
        url: format!("{}{}", site.config.root_path(), guideline.path()),
        title: guideline.title().to_owned(),
        group: guideline.group.clone(),
        group_name: site.group_name(&guideline.group).to_owned(),
        groups: guideline.groups.clone(),
        version: guideline.version.clone(),
        draft: guideline.status() == crate::model::Status::Draft,
        revision: guideline_view::revision_view(
            theme,
            status::revision(
                guideline.planned_revision,
                today,
                site.config.revision_warning_days,
            ),
        ),
    }
}

#[derive(Serialize)]
pub(super) struct SearchEntry {
    title: String,
    url: String,
    /// The guideline's home group's code: the page without JavaScript lists by group.
    #[serde(skip)]
    pub(super) group: String,
    group_name: String,
    /// The list items (`<li>`) of the guideline's recommendations, made here rather than in
    /// a template loop: the page lists every recommendation of the site (25,000 at 1,000
    /// guidelines), and each `{{ }}` in a tera loop costs thousands of instructions.
    pub(super) recommendations_html: String,
}

/// The search page without JavaScript lists every recommendation, to find with the browser.
/// Each is named by the theme's word for one ("Anbefaling") and its strength's label.
pub(super) fn search_entries(
    site: &Site,
    theme: &Theme,
    guidelines: &[GuidelineSummary],
    root: &str,
) -> Vec<SearchEntry> {
    let label = theme.text("recommendation");
    // Every recommendation's plain text: on every core.
    guidelines
        .par_iter()
        .filter(|g| !g.recommendations.is_empty())
        .map(|g| {
            let page = format!("{root}{}", g.path());
            let mut items = String::new();
            for r in &g.recommendations {
                let strength = r.strength.map(|s| theme.strength.label(&s));
                let href = format!("{page}#{}", r.anchor());
                let id = r.id.to_string();
                let values = [
                    href.as_str(),
                    label,
                    id.as_str(),
                    strength.as_deref().unwrap_or(""),
                    &r.text,
                ];
                theme.write_partial(
                    Partial::SearchItem,
                    &[strength.is_some()],
                    &values,
                    &mut items,
                );
            }
            SearchEntry {
                title: g.title().to_owned(),
                url: page,
                group: g.group.clone(),
                group_name: site.group_name(&g.group).to_owned(),
                recommendations_html: items,
            }
        })
        .collect()
}
