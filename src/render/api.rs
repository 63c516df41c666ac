//! The site's API for other systems (docs/api.md): `api/guidelines.json`, an index of every
//! published guideline in pages of [`INDEX_PAGE`] (`api/guidelines-2.json`, … each naming the
//! next), and `api/guidelines/<group>/<slug>.json`, one guideline's metadata and
//! recommendations. No file grows with the number of guidelines past a page.

use jiff::civil::Date;
use serde::Serialize;

use crate::link_safety;
use crate::model::{Guideline, Ipdas, Marker};
use crate::site::Site;
use crate::status;
use crate::summary::GuidelineSummary;

/// Guidelines on one page of the index: about 300 bytes each, well under 2 MB a file.
const INDEX_PAGE: usize = 2_000;

/// Where `guideline`'s own API file is, relative to the site root.
pub(super) fn guideline_path(guideline: &Guideline) -> String {
    format!("api/guidelines/{}/{}.json", guideline.group, guideline.slug)
}

/// `guideline`'s own API file: its path and its JSON.
pub(super) fn guideline_file(
    site: &Site,
    guideline: &Guideline,
    today: Date,
) -> Result<(String, Vec<u8>), serde_json::Error> {
    let root = site.config.root_path();
    let json = serde_json::to_vec_pretty(&api_guideline(site, guideline, &root, today))?;
    Ok((guideline_path(guideline), json))
}

/// The index's file of page `number` (1-based).
fn index_path(number: usize) -> String {
    if number <= 1 {
        "api/guidelines.json".to_owned()
    } else {
        format!("api/guidelines-{number}.json")
    }
}

/// The pages of the index of `guidelines`, each with its path.
pub(super) fn index(
    site: &Site,
    guidelines: &[GuidelineSummary],
    today: Date,
) -> Result<Vec<(String, Vec<u8>)>, serde_json::Error> {
    let root = site.config.root_path();
    let entries: Vec<IndexEntry> = guidelines
        .iter()
        .map(|g| IndexEntry {
            about: About::of_summary(g, &root),
            planned_revision: g.planned_revision.to_string(),
            revision_status: status::revision(
                g.planned_revision,
                today,
                site.config.revision_warning_days,
            )
            .status,
            api: format!("{root}api/guidelines/{}/{}.json", g.group, g.slug),
        })
        .collect();
    index_pages(&entries, INDEX_PAGE, &root, today)
}

/// `entries` in pages of at most `per_page` (at least one page), each naming the next.
fn index_pages(
    entries: &[IndexEntry],
    per_page: usize,
    root: &str,
    today: Date,
) -> Result<Vec<(String, Vec<u8>)>, serde_json::Error> {
    let pages: Vec<&[IndexEntry]> = if entries.is_empty() {
        vec![entries]
    } else {
        entries.chunks(per_page.max(1)).collect()
    };
    let count = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let number = i + 1;
            let index = Index {
                generated: today.to_string(),
                guidelines: chunk,
                next: (number < count).then(|| format!("{root}{}", index_path(number + 1))),
            };
            Ok((index_path(number), serde_json::to_vec_pretty(&index)?))
        })
        .collect()
}

/// `api/guidelines.json` and its further pages: one line per guideline, and where the rest is.
#[derive(Serialize)]
struct Index<'a> {
    generated: String,
    guidelines: &'a [IndexEntry],
    /// The next page of the index; `null` on the last.
    next: Option<String>,
}

/// The fields that lead both a guideline's line in the index and its own file.
#[derive(Serialize)]
struct About {
    url: String,
    group: String,
    slug: String,
    title: String,
    version: String,
    status: crate::model::Status,
}

impl About {
    fn of(guideline: &Guideline, root: &str) -> Self {
        Self {
            url: format!("{root}{}", guideline.path()),
            group: guideline.group.clone(),
            slug: guideline.slug.clone(),
            title: guideline.title().to_owned(),
            version: guideline.meta.version.get_ref().clone(),
            status: guideline.status(),
        }
    }

    fn of_summary(guideline: &GuidelineSummary, root: &str) -> Self {
        Self {
            url: format!("{root}{}", guideline.path()),
            group: guideline.group.clone(),
            slug: guideline.slug.clone(),
            title: guideline.title().to_owned(),
            version: guideline.version.clone(),
            status: guideline.status(),
        }
    }
}

#[derive(Serialize)]
struct IndexEntry {
    #[serde(flatten)]
    about: About,
    planned_revision: String,
    revision_status: status::RevisionStatus,
    /// The guideline's own file: its metadata and recommendations.
    api: String,
}

#[derive(Serialize)]
pub(super) struct ApiGuideline {
    #[serde(flatten)]
    about: About,
    grading: crate::model::Grading,
    professional_approval: Option<String>,
    administrative_approval: Option<String>,
    published: Option<String>,
    planned_revision: String,
    revision_status: status::RevisionStatus,
    keywords: Vec<String>,
    /// The pathway phases it covers (slugs of `[pathway]` in `retning.toml`).
    phases: Vec<String>,
    /// Every group it serves: its home group (`group`) first, then its further `groups`.
    groups: Vec<String>,
    recommendations: Vec<ApiRecommendation>,
}

#[derive(Serialize)]
struct ApiRecommendation {
    id: u32,
    url: String,
    strength: Option<String>,
    marker: Option<Marker>,
    text: String,
    decision_aids: Vec<ApiDecisionAid>,
    /// Its phases: its own `fase=`, or else its guideline's.
    phases: Vec<String>,
    monitoring: Option<crate::model::Monitoring>,
}

#[derive(Serialize)]
struct ApiDecisionAid {
    title: String,
    url: String,
    ipdas: Ipdas,
}

pub(super) fn api_guideline(
    site: &Site,
    guideline: &Guideline,
    root: &str,
    today: Date,
) -> ApiGuideline {
    let url = format!("{root}{}", guideline.path());
    ApiGuideline {
        recommendations: guideline
            .body
            .recommendations
            .iter()
            .map(|r| ApiRecommendation {
                id: r.header.id,
                url: format!("{url}#{}", r.anchor()),
                strength: r.header.strength.map(|s| s.format_text()),
                marker: r.header.marker,
                text: r.content.plain_text(),
                decision_aids: guideline
                    .decision_aids_for(r.header.id)
                    .map(|aid| ApiDecisionAid {
                        title: aid.title.clone(),
                        // Empty when the scheme could run script: `check` reports it, and no page links to it.
                        url: link_safety::publishable(aid.url.get_ref())
                            .unwrap_or_default()
                            .to_owned(),
                        ipdas: *aid.ipdas.get_ref(),
                    })
                    .collect(),
                phases: guideline
                    .phases_of(r)
                    .into_iter()
                    .map(str::to_owned)
                    .collect(),
                monitoring: r.header.monitoring.clone(),
            })
            .collect(),
        about: About::of(guideline, root),
        grading: guideline.grading(),
        professional_approval: guideline
            .professional_approval()
            .map(|a| a.date.get_ref().to_string()),
        administrative_approval: guideline
            .administrative_approval()
            .map(|a| a.date.get_ref().to_string()),
        published: guideline.published().map(|d| d.to_string()),
        planned_revision: guideline.planned_revision().to_string(),
        revision_status: status::guideline_revision(guideline, &site.config, today).status,
        keywords: guideline.meta.keywords.clone(),
        phases: guideline.phases().map(str::to_owned).collect(),
        groups: guideline.all_groups().map(str::to_owned).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> IndexEntry {
        IndexEntry {
            about: About {
                url: format!("/g/s{i}/"),
                group: "g".to_owned(),
                slug: format!("s{i}"),
                title: format!("Retningslinje {i}"),
                version: "1.0".to_owned(),
                status: crate::model::Status::Approved,
            },
            planned_revision: "2027-01-01".to_owned(),
            revision_status: status::RevisionStatus::Current,
            api: format!("/api/guidelines/g/s{i}.json"),
        }
    }

    #[test]
    fn the_index_goes_on_over_pages_each_naming_the_next() {
        let today = jiff::civil::date(2026, 11, 24);
        let entries: Vec<IndexEntry> = (0..5).map(entry).collect();
        let pages = index_pages(&entries, 2, "/", today).unwrap();
        let paths: Vec<&str> = pages.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "api/guidelines.json",
                "api/guidelines-2.json",
                "api/guidelines-3.json"
            ]
        );
        let json: Vec<serde_json::Value> = pages
            .iter()
            .map(|(_, bytes)| serde_json::from_slice(bytes).unwrap())
            .collect();
        assert_eq!(json[0]["next"], "/api/guidelines-2.json");
        assert_eq!(json[1]["next"], "/api/guidelines-3.json");
        assert_eq!(json[2]["next"], serde_json::Value::Null);
        let listed: Vec<usize> = json
            .iter()
            .map(|page| page["guidelines"].as_array().unwrap().len())
            .collect();
        assert_eq!(listed, [2, 2, 1]);
        assert_eq!(json[2]["guidelines"][0]["slug"], "s4");
        // No guidelines: one page, empty.
        let none = index_pages(&[], 2, "/", today).unwrap();
        assert_eq!(none.len(), 1);
    }
}
