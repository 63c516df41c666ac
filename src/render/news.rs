//! News of new and revised guidelines, for clinicians who follow one group or one
//! guideline: an Atom feed per group (`/<group>/feed.xml`) and per guideline
//! (`/<group>/<slug>/feed.xml`, one entry per approved version), and the "Nyt" page
//! (`/nyt/`), the same news by month. Each item lists the version's `ny` and `ændret`
//! recommendations.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde::Serialize;

use crate::history::MarkedRecommendation;
use crate::model::{Marker, Status};
use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::Theme;
use super::archive::{self, Archive};
use super::feeds::xml;
use super::markdown::escape;

/// A feed lists this many of its newest items; the "Nyt" page twice as many.
const FEED_ITEMS: usize = 50;

/// One version of one guideline coming into force.
struct NewsItem<'a> {
    guideline: &'a GuidelineSummary,
    version: &'a str,
    date: Date,
    /// The page of that version, relative to the site root: the current page, or the
    /// archived version's page.
    path: String,
    /// A new guideline: no earlier approved version in the history, and numbered as a
    /// first version (without history a 3.0 is still a revision).
    first: bool,
    /// Its recommendations marked `ny` or `ændret`.
    changes: Vec<Change>,
}

struct Change {
    id: u32,
    marker: Marker,
    anchor: String,
    text: String,
}

fn changes_of(guideline: &GuidelineSummary) -> Vec<Change> {
    guideline
        .recommendations
        .iter()
        .filter_map(|r| {
            r.marker.map(|marker| Change {
                id: r.id,
                marker,
                anchor: r.anchor(),
                text: r.text.clone(),
            })
        })
        .collect()
}

/// An earlier version's marked recommendations, as its facts keep them.
fn marked(recommendations: &[MarkedRecommendation]) -> Vec<Change> {
    recommendations
        .iter()
        .map(|r| Change {
            id: r.id,
            marker: r.marker,
            anchor: r.anchor.clone(),
            text: r.text.clone(),
        })
        .collect()
}

/// The current version of each approved guideline of `guidelines`, and with `past` every
/// earlier approved version too (from the archive), newest first; ties by title, so the
/// order is stable. Only a guideline's own feed lists its earlier versions: elsewhere the
/// site links only the versions in force.
fn items<'a>(
    guidelines: &'a [GuidelineSummary],
    archive: &'a Archive,
    past: bool,
) -> Vec<NewsItem<'a>> {
    let mut items = Vec::new();
    for guideline in guidelines {
        if guideline.status() != Status::Approved {
            continue;
        }
        let earlier = archive.versions_by_key(&guideline.link_key());
        items.push(NewsItem {
            guideline,
            version: &guideline.version,
            date: guideline.last_changed(),
            path: guideline.path(),
            first: earlier.is_empty() && is_first_version(&guideline.version),
            changes: changes_of(guideline),
        });
        if !past {
            continue;
        }
        for (i, version) in earlier.iter().enumerate() {
            items.push(NewsItem {
                guideline,
                version: &version.record.version,
                date: version.from,
                path: archive::version_path_under(&guideline.path(), &version.record.version),
                first: i == 0 && is_first_version(&version.record.version),
                changes: marked(&version.facts.marked),
            });
        }
    }
    items.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.guideline.title().cmp(b.guideline.title()))
            .then_with(|| b.version.cmp(a.version))
    });
    items
}

/// "1", "1.0", "1.0.0": the number of a guideline's first version.
fn is_first_version(version: &str) -> bool {
    let mut parts = version.trim().split('.');
    parts.next() == Some("1")
        && parts.all(|part| !part.is_empty() && part.bytes().all(|b| b == b'0'))
}

/// The feed of group `code`: the current versions of its guidelines.
pub(super) fn group_feed(
    site: &Site,
    theme: &Theme,
    code: &str,
    guidelines: &[GuidelineSummary],
    archive: &Archive,
) -> (String, String) {
    let current = items(guidelines, archive, false);
    let group: Vec<&NewsItem> = current
        .iter()
        .filter(|item| item.guideline.group == code)
        .take(FEED_ITEMS)
        .collect();
    let feed = Feed {
        title: format!(
            "{}: {}",
            site.group_name(code),
            theme.text("feed_title").to_lowercase()
        ),
        path: format!("{code}/feed.xml"),
        page: format!("{code}/"),
    };
    let atom = atom(site, theme, &feed, &group);
    (feed.path, atom)
}

/// The feed of one guideline: each of its approved versions.
pub(super) fn guideline_feed(
    site: &Site,
    theme: &Theme,
    guideline: &GuidelineSummary,
    archive: &Archive,
) -> (String, String) {
    let all = items(std::slice::from_ref(guideline), archive, true);
    let own: Vec<&NewsItem> = all.iter().take(FEED_ITEMS).collect();
    let feed = Feed {
        title: format!("{}: {}", guideline.title(), theme.text("news_versions")),
        path: format!("{}feed.xml", guideline.path()),
        page: guideline.path(),
    };
    let atom = atom(site, theme, &feed, &own);
    (feed.path, atom)
}

/// Where a guideline's own feed is, relative to the site root.
pub(super) fn feed_path(guideline: &crate::model::Guideline) -> String {
    format!("{}feed.xml", guideline.path())
}

struct Feed {
    title: String,
    /// The feed's own path and the page it is the news of, relative to the site root.
    path: String,
    page: String,
}

fn atom(site: &Site, theme: &Theme, feed: &Feed, items: &[&NewsItem]) -> String {
    let base = site.config.base_url_trimmed();
    let absolute = |path: &str| format!("{base}/{}", path.trim_start_matches('/'));
    let updated = items
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |item| item.date.to_string());
    let mut out = String::with_capacity(1024 + 512 * items.len());
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        xml(&site.config.language),
        xml(&feed.title),
        xml(&absolute(&feed.path)),
        xml(&absolute(&feed.path)),
        xml(&absolute(&feed.page)),
    );
    for item in items {
        let url = absolute(&item.path);
        // The entry of a version has the same id in every feed (the site's too), so a
        // reader that follows several shows it once.
        let current = absolute(&item.guideline.path());
        let _ = write!(
            out,
            "  <entry>\n    <title>{} ({} {})</title>\n    <id>{}#version-{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n",
            xml(item.guideline.title()),
            xml(&theme.text("version").to_lowercase()),
            xml(item.version),
            xml(&current),
            xml(item.version),
            xml(&url),
            item.date,
            xml(site.group_name(&item.guideline.group)),
            xml(&summary(theme, item)),
        );
        if !item.changes.is_empty() {
            // The changed recommendations as HTML, escaped once more for the XML.
            let mut html = String::from("<ul>");
            for change in &item.changes {
                let _ = write!(
                    html,
                    "<li><a href=\"{}\">{} {}</a> ({}): {}</li>",
                    escape(&format!("{url}#{}", change.anchor)),
                    escape(theme.text("recommendation")),
                    change.id,
                    escape(&marker_label(theme, change.marker).to_lowercase()),
                    escape(&change.text),
                );
            }
            html.push_str("</ul>");
            let _ = writeln!(out, "    <content type=\"html\">{}</content>", xml(&html));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// "Ny retningslinje, version 1.0" or "Revideret, version 2.1: 2 nye og 1 ændret anbefaling".
fn summary(theme: &Theme, item: &NewsItem) -> String {
    let kind = if item.first {
        theme.text("news_new")
    } else {
        theme.text("news_revised")
    };
    let mut text = format!(
        "{kind}, {} {}",
        theme.text("version").to_lowercase(),
        item.version
    );
    if !item.changes.is_empty() {
        let ids: Vec<String> = item
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    c.id,
                    marker_label(theme, c.marker).to_lowercase()
                )
            })
            .collect();
        let _ = write!(text, ". {}: {}", theme.text("news_changes"), ids.join(", "));
    }
    text
}

fn marker_label(theme: &Theme, marker: Marker) -> &str {
    match marker {
        Marker::New => theme.text("badge_new"),
        Marker::Changed => theme.text("badge_changed"),
    }
}

/// The "Nyt" page's months, newest first.
#[derive(Serialize)]
pub(super) struct Month {
    title: String,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct ItemView {
    title: String,
    url: String,
    group_name: String,
    version: String,
    date: String,
    /// "Ny retningslinje" or "Revideret".
    kind: String,
    first: bool,
    changes: Vec<ChangeView>,
}

#[derive(Serialize)]
struct ChangeView {
    url: String,
    id: u32,
    /// `ny` or `ændret`, for the badge's class.
    marker: &'static str,
    label: String,
    text: String,
}

/// The news of the "Nyt" page, by month.
pub(super) fn months(
    site: &Site,
    theme: &Theme,
    guidelines: &[GuidelineSummary],
    archive: &Archive,
) -> Vec<Month> {
    let root = site.config.root_path();
    let mut months: Vec<Month> = Vec::new();
    for item in items(guidelines, archive, false)
        .into_iter()
        .take(2 * FEED_ITEMS)
    {
        let month = theme
            .months
            .get(item.date.month() as usize - 1)
            .map_or("", String::as_str);
        let title = format!("{month} {}", item.date.year());
        let url = format!("{root}{}", item.path);
        let view = ItemView {
            title: item.guideline.title().to_owned(),
            group_name: site.group_name(&item.guideline.group).to_owned(),
            version: item.version.to_owned(),
            date: theme.long_date(item.date),
            kind: if item.first {
                theme.text("news_new")
            } else {
                theme.text("news_revised")
            }
            .to_owned(),
            first: item.first,
            changes: item
                .changes
                .iter()
                .map(|c| ChangeView {
                    url: format!("{url}#{}", c.anchor),
                    id: c.id,
                    marker: c.marker.as_str(),
                    label: marker_label(theme, c.marker).to_owned(),
                    text: c.text.clone(),
                })
                .collect(),
            url,
        };
        match months.last_mut() {
            Some(last) if last.title == title => last.items.push(view),
            _ => months.push(Month {
                title,
                items: vec![view],
            }),
        }
    }
    months
}
