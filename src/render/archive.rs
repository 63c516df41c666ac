//! Earlier approved versions of the guidelines as pages of their own, at
//! `/<group>/<slug>/version/<X.Y>/`, and the list of them on each current page. The pages
//! are for the record: search engines are told not to index them, and neither the site's
//! search nor its sitemap lists them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::changes::Changes;
use crate::diagnostics::{Message, message};
use crate::history::{CurrentText, PastVersion, PastVersions, SiteHistory, short};
use crate::model::{Guideline, Status};
use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::archive_cache::PageCache;
use super::markdown::PastAssets;
use super::theme::Theme;

/// The earlier approved versions of each published guideline, by its `link_key`. Empty
/// without history (`--no-history`, no git): then every page renders as it always has.
#[derive(Default)]
pub struct Archive {
    by_key: HashMap<String, Archived>,
    /// Where the versions' texts are read and parsed, when a page needs them.
    history: Option<Arc<SiteHistory>>,
    /// The pages kept from earlier builds (`build`, not the preview).
    cache: Option<Arc<PageCache>>,
}

/// What a build that renders one guideline at a time makes each guideline's [`Archive`]
/// from: the history, and the earlier versions' pages kept between builds, shared by all.
pub(crate) struct HistoryPages {
    history: Arc<SiteHistory>,
    kept: Option<Arc<PageCache>>,
}

impl HistoryPages {
    /// The pages are kept under `root`'s `.retning/archive/`.
    pub(crate) fn new(history: Arc<SiteHistory>, root: &Path) -> Self {
        Self {
            history,
            kept: PageCache::at(root).map(Arc::new),
        }
    }

    pub(crate) fn history(&self) -> &Arc<SiteHistory> {
        &self.history
    }

    /// `guideline`'s earlier versions alone (none for a draft), as [`Archive::of`] has
    /// them: what its own pages read.
    pub(crate) fn archive_of(&self, site: &Site, guideline: &Guideline) -> Archive {
        let by_key = archived(site, &self.history, guideline)
            .map(|archived| (guideline.link_key(), archived))
            .into_iter()
            .collect();
        Archive {
            by_key,
            history: Some(Arc::clone(&self.history)),
            cache: self.kept.clone(),
        }
    }

    /// Removes the kept pages this build did not use. Only for a build that rendered every
    /// guideline: a guideline whose pages were reused did not read its kept ones, which
    /// still hold.
    pub(crate) fn tidy(&self) {
        if let Some(kept) = &self.kept {
            kept.remove_unused();
        }
    }
}

/// One guideline's earlier versions as the history made them (shared with the badge
/// checks), and which of them get a page.
struct Archived {
    past: Arc<PastVersions>,
    /// The versions whose number is a safe folder name.
    shown: Vec<Shown>,
}

struct Shown {
    /// Into `past.versions`.
    index: usize,
    /// The files it used, as they were then.
    assets: PastAssets,
    /// For the last version, what changed to the current text: the current page's "Hvad er
    /// ændret" (shared with the badge checks, kept between builds). The others' are made
    /// only when their page of changes is rendered.
    changes: Option<Arc<Changes>>,
}

/// An earlier version and what changed when the next version replaced it.
pub(crate) struct VersionPair<'a> {
    pub(crate) old: &'a PastVersion,
    /// The files the old version used, as they were then.
    pub(crate) assets: &'a PastAssets,
    /// What changed when it was replaced, when already known (the last pair's);
    /// [`Archive::pair_changes`] makes the others'.
    pub(crate) changes: Option<&'a Changes>,
    /// The version that replaced it, or `None` when the current text did.
    pub(crate) newer: Option<&'a PastVersion>,
    /// The site path of the newer version's page (the current page for the last pair);
    /// `None` when that version has no page (its number is not a safe folder name).
    pub(crate) newer_path: Option<String>,
}

impl Archive {
    /// The past versions of every approved guideline `site` publishes. A draft's page has
    /// none: the version in force is not the one it replaces yet.
    pub fn of(site: &Site, history: &Arc<SiteHistory>, drafts: bool) -> Self {
        // Each guideline's versions are made here (or were, by the badge checks), before any
        // page renders: on every core. Their texts are parsed only where nothing is kept.
        let published: Vec<&Guideline> = site.published(drafts).collect();
        let by_key = published
            .into_par_iter()
            .filter_map(|g| Some((g.link_key(), archived(site, history, g)?)))
            .collect();
        Self {
            by_key,
            history: Some(Arc::clone(history)),
            cache: None,
        }
    }

    /// Which earlier versions every guideline of `summaries` has (the approved ones'), not
    /// their files nor what changed: what the pages about the whole site read (the news),
    /// made from the summaries.
    pub(crate) fn listed(history: &Arc<SiteHistory>, summaries: &[GuidelineSummary]) -> Self {
        let by_key = summaries
            .par_iter()
            .filter(|summary| summary.status() == Status::Approved)
            .filter_map(|summary| {
                let past = history.past_versions_of(&CurrentText::of_summary(summary));
                let shown: Vec<Shown> = shown_indices(&past)
                    .map(|index| Shown {
                        index,
                        assets: PastAssets::default(),
                        changes: None,
                    })
                    .collect();
                (!shown.is_empty()).then(|| (summary.link_key(), Archived { past, shown }))
            })
            .collect();
        Self {
            by_key,
            history: Some(Arc::clone(history)),
            cache: None,
        }
    }

    /// Whether the pages show the history: with it, every current page lists its earlier
    /// versions (none, for some); without, the context stays as it always was.
    pub(crate) fn has_history(&self) -> bool {
        self.history.is_some()
    }

    /// `version`'s text as a guideline, parsed the first time a page needs it, or why not.
    pub(super) fn parsed<'v>(&self, version: &'v PastVersion) -> Result<&'v Guideline, Message> {
        match &self.history {
            Some(history) => history
                .parsed_or_unreadable(version)
                .map_err(|why| why.message()),
            None => Err(message!("history-not-read")),
        }
    }

    /// What changed when `pair`'s old version was replaced: known for the last pair, else
    /// made from both versions' texts.
    pub(super) fn pair_changes<'p>(
        &self,
        current: &Guideline,
        pair: &VersionPair<'p>,
    ) -> Result<Cow<'p, Changes>, Message> {
        if let Some(changes) = pair.changes {
            return Ok(Cow::Borrowed(changes));
        }
        let old = self.parsed(pair.old)?;
        let newer = match pair.newer {
            Some(newer) => self.parsed(newer)?,
            None => current,
        };
        Ok(Cow::Owned(Changes::between(old, newer)))
    }

    pub(super) fn page_cache(&self) -> Option<&PageCache> {
        self.cache.as_deref()
    }

    /// Brings `guideline`'s entry up to date after its file changed (the preview's fast
    /// path): the history is the same, the current text and what it replaced may not be.
    pub(crate) fn refresh(
        &mut self,
        site: &Site,
        history: &Arc<SiteHistory>,
        guideline: &Guideline,
    ) {
        self.history = Some(Arc::clone(history));
        match archived(site, history, guideline) {
            Some(entry) => self.by_key.insert(guideline.link_key(), entry),
            None => self.by_key.remove(&guideline.link_key()),
        };
    }

    /// No earlier version of any guideline to publish.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The files `current`'s earlier versions had that differ from today's: each published
    /// in its version's folder, by its path in the site.
    pub(crate) fn files_of(&self, current: &Guideline) -> Vec<(String, Vec<u8>)> {
        let Some(archived) = self.by_key.get(&current.link_key()) else {
            return Vec::new();
        };
        archived
            .shown
            .iter()
            .flat_map(|shown| {
                let folder =
                    version_path(current, &archived.past.versions[shown.index].record.version);
                shown
                    .assets
                    .files
                    .iter()
                    .filter(move |(_, path)| path.starts_with(&folder))
                    .map(|(asset, path)| (path.clone(), asset.bytes.to_vec()))
            })
            .collect()
    }

    /// Every path `current`'s earlier versions publish: each version's page, its page of
    /// changes and its figures. The preview removes them when the guideline goes.
    pub(crate) fn paths_of(&self, current: &Guideline) -> Vec<String> {
        let pages = self.pairs_of(current).into_iter().flat_map(|pair| {
            let version = &pair.old.record.version;
            [
                format!("{}index.html", version_path(current, version)),
                format!("{}index.html", changes_path(current, version)),
            ]
        });
        let files = self.files_of(current).into_iter().map(|(path, _)| path);
        pages.chain(files).collect()
    }

    /// `guideline`'s earlier versions, oldest first.
    pub fn versions_of(&self, guideline: &Guideline) -> Vec<&PastVersion> {
        self.versions_by_key(&guideline.link_key())
    }

    /// The earlier versions, oldest first, of the guideline `link_key` (`dlg/dlbcl.md`) names.
    pub(crate) fn versions_by_key(&self, link_key: &str) -> Vec<&PastVersion> {
        self.by_key
            .get(link_key)
            .map(|archived| {
                archived
                    .shown
                    .iter()
                    .map(|shown| &archived.past.versions[shown.index])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Each of `current`'s earlier versions with what changed when it was replaced,
    /// oldest first.
    pub(crate) fn pairs_of(&self, current: &Guideline) -> Vec<VersionPair<'_>> {
        let Some(archived) = self.by_key.get(&current.link_key()) else {
            return Vec::new();
        };
        let versions = &archived.past.versions;
        archived
            .shown
            .iter()
            .map(|shown| VersionPair {
                old: &versions[shown.index],
                assets: &shown.assets,
                changes: shown.changes.as_deref(),
                newer: versions.get(shown.index + 1),
                newer_path: match versions.get(shown.index + 1) {
                    None => Some(current.path()),
                    Some(newer) => folder_name(&newer.record.version)
                        .map(|_| version_path(current, &newer.record.version)),
                },
            })
            .collect()
    }
}

/// `g`'s earlier versions with a page, and what changed at each, if it has any. A draft's
/// page has none: the version in force is not the one it replaces yet.
fn archived(site: &Site, history: &SiteHistory, g: &Guideline) -> Option<Archived> {
    if g.status() != Status::Approved {
        return None;
    }
    let past = history.past_versions(g);
    let versions = &past.versions;
    let shown: Vec<Shown> = shown_indices(&past)
        .map(|index| Shown {
            index,
            assets: past_assets(site, history, g, &versions[index]),
            // A text that can no longer be read leaves the current page without "Hvad er
            // ændret"; the version's page of changes then fails to render, saying why.
            changes: (index + 1 == versions.len())
                .then(|| history.changes_since_previous(g).and_then(Result::ok))
                .flatten(),
        })
        .collect();
    (!shown.is_empty()).then_some(Archived { past, shown })
}

/// The places in `past` of the versions that get a page: those whose number is a folder name.
fn shown_indices(past: &PastVersions) -> impl Iterator<Item = usize> + '_ {
    let versions = past.versions.iter().enumerate();
    versions
        .filter(|(_, v)| folder_name(&v.record.version).is_some())
        .map(|(index, _)| index)
}

/// The files `version` of `current` used, read from git as they were in that version. One
/// unchanged since, and still on the current page, is the current file; any other is
/// published in the version's folder.
fn past_assets(
    site: &Site,
    history: &SiteHistory,
    current: &Guideline,
    version: &PastVersion,
) -> PastAssets {
    let record = &version.record;
    // The guideline's folder then: `guidelines/dlg/storcellet` for a file since renamed.
    let folder = record.path.strip_suffix(".md").unwrap_or(&record.path);
    let slug = folder.rsplit('/').next().unwrap_or_default().to_owned();
    let names = &version.facts.asset_names;
    let now = crate::assets::published(&site.assets, current);
    let files = names
        .iter()
        .map(String::as_str)
        .filter_map(|name| {
            let bytes = history.file_beside(record, &format!("{folder}/{name}"))?;
            let path = match now
                .iter()
                .find(|(_, asset)| asset.name == name && *asset.bytes == bytes)
            {
                Some((path, _)) => path.clone(),
                None => format!("{}{name}", version_path(current, &record.version)),
            };
            let shown = format!("{folder}/{name}@{}", short(&record.commit.to_string()));
            Some((crate::assets::from_stored(name, shown, bytes)?, path))
        })
        .collect();
    PastAssets { slug, files }
}

/// The folder of a version's page under its guideline's, or `None` for a version number
/// that is not a safe path segment (it is then left out of the archive).
fn folder_name(version: &str) -> Option<&str> {
    let version = version.trim();
    let safe = !version.is_empty()
        && !version.starts_with('.')
        && !version.ends_with('.')
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    safe.then_some(version)
}

/// The path of a past version's page, relative to the site root.
pub(crate) fn version_path(guideline: &Guideline, version: &str) -> String {
    version_path_under(&guideline.path(), version)
}

/// [`version_path`] of the guideline whose page is at `page` (`dlg/dlbcl/`).
pub(crate) fn version_path_under(page: &str, version: &str) -> String {
    format!("{page}version/{}/", folder_name(version).unwrap_or(""))
}

/// The path of the page saying what changed when `version` was replaced, relative to the
/// site root: under the old version's folder, since each version has one successor.
pub(crate) fn changes_path(guideline: &Guideline, version: &str) -> String {
    format!("{}{CHANGES_FOLDER}/", version_path(guideline, version))
}

/// The folder of a version's page of changes ("ændringer", in URL-safe letters).
pub(crate) const CHANGES_FOLDER: &str = "aendringer";

/// One line of "Tidligere versioner" on the current page.
#[derive(Serialize)]
pub(crate) struct PastVersionLink {
    pub(crate) version: String,
    pub(crate) url: String,
    pub(crate) from: String,
    pub(crate) until: Option<String>,
    /// The version that replaced it, and the page of what changed then.
    pub(crate) replaced_by: String,
    pub(crate) changes_url: String,
}

/// The current page's list of its earlier versions, newest first.
pub(crate) fn links(
    theme: &Theme,
    root: &str,
    current: &Guideline,
    past: &[&PastVersion],
) -> Vec<PastVersionLink> {
    past.iter()
        .rev()
        .map(|v| PastVersionLink {
            version: v.record.version.clone(),
            url: format!("{root}{}", version_path(current, &v.record.version)),
            from: theme.long_date(v.from),
            until: v.until.map(|d| theme.long_date(d)),
            replaced_by: v.replaced_by.clone(),
            changes_url: format!("{root}{}", changes_path(current, &v.record.version)),
        })
        .collect()
}

/// What an archived page shows above the guideline: which version replaced it, when, and
/// where the current one is.
#[derive(Serialize)]
pub(crate) struct ArchivedView {
    pub(crate) version: String,
    pub(crate) replaced_by: String,
    pub(crate) current_url: String,
    /// The page of what changed when it was replaced.
    pub(crate) changes_url: String,
    pub(crate) from: String,
    pub(crate) until: Option<String>,
}

pub(crate) fn archived_view(
    theme: &Theme,
    root: &str,
    current: &Guideline,
    version: &PastVersion,
) -> ArchivedView {
    ArchivedView {
        version: version.record.version.clone(),
        replaced_by: version.replaced_by.clone(),
        current_url: format!("{root}{}", current.path()),
        changes_url: format!("{root}{}", changes_path(current, &version.record.version)),
        from: theme.long_date(version.from),
        until: version.until.map(|d| theme.long_date(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_version_numbers_become_folders() {
        assert_eq!(folder_name(" 2.0 "), Some("2.0"));
        assert_eq!(folder_name("1.0-rc1"), Some("1.0-rc1"));
        assert_eq!(folder_name(".."), None);
        assert_eq!(folder_name("1/2"), None);
        assert_eq!(folder_name(""), None);
        assert_eq!(folder_name("2.0."), None);
    }
}
