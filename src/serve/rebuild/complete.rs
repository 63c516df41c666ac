//! The complete step: finds the guideline files again, reads those that are new or changed,
//! checks the whole site (links between guidelines, aliases, …) and renders every guideline
//! whose page is not what is shown, and the pages that list guidelines when they may differ.
//! It runs for changes a save alone cannot cover (files added, removed or renamed), and after
//! saves, off the fast path, to catch up with what they left ([`Preview::catch_up`]).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets::Assets;
use crate::diagnostics::{self, Diagnostic};
use crate::history::SiteHistory;
use crate::model::Guideline;
use crate::render::{Archive, PageRenderer, RenderError, RenderOptions, Theme};
use crate::site::{Candidate, GUIDELINES_DIR, Site, discover};
use crate::validate::validate;

use super::super::overlay::problems_of;
use super::super::search_hook;
use super::files::{Read, read_one, rendered_entry, substitutes, with_site_to_render};
use super::{Behind, Built, OnDisk, Preview, Rebuilt, Rendered, Update};
use super::{no_site, render_failed};

/// Asked now and then during the step: `true` stops it (a newer save waits).
pub(crate) type Cancelled<'a> = &'a (dyn Fn() -> bool + Sync);

impl Preview {
    /// The complete step for the guideline files (or folders) `changed`, with what earlier
    /// saves left. `Ok(None)` when `cancelled` stopped it: what it had left stays left.
    pub(super) fn complete(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        cancelled: Cancelled<'_>,
    ) -> Result<Option<Rebuilt>, Box<Diagnostic>> {
        let mut built = self.built.take().ok_or_else(no_site)?;
        let (findings, substitutes) = self.update_site(&mut built, changed, false);
        let behind = self.behind.take().unwrap_or_default();
        let options = RenderOptions {
            drafts: true,
            today: built.today,
        };
        let rendered = &self.rendered;
        let history = self
            .history
            .as_ref()
            .map(|history| (history, &mut self.archive));
        let result = if cancelled() {
            Ok(None)
        } else {
            with_site_to_render(&mut built.site, substitutes, |site| {
                let pages = (&built.theme, options, rendered);
                render_changes(site, pages, &behind, history, cancelled)
            })
        };
        self.built = Some(built);
        let (problems, warnings) = problems_of(&findings);
        let update = match result {
            Ok(Some(update)) if !cancelled() => update,
            Ok(_) => {
                self.behind = Some(behind);
                return Ok(None);
            }
            Err(err) => {
                // The pages stay as they were; the next save tries again.
                self.checked = findings;
                self.rechecked.clear();
                let mut problems = problems;
                problems.push(render_failed(&err));
                return Ok(Some(Rebuilt {
                    problems,
                    warnings,
                    ..Rebuilt::default()
                }));
            }
        };
        self.checked = findings;
        self.rechecked.clear();
        let pages = update.files.len();
        let files_changed = self.apply(update);
        Ok(Some(Rebuilt {
            files_changed,
            rendered: pages,
            full: false,
            problems,
            warnings,
        }))
    }

    /// Reads what changed on disk into `built.site` (everything when `all`) and checks the
    /// whole site. Returns every finding (sorted, as `retning check` reports them) and, for
    /// the files with errors, the last good version to put on the site instead.
    pub(super) fn update_site(
        &mut self,
        built: &mut Built,
        changed: &BTreeSet<PathBuf>,
        all: bool,
    ) -> (Vec<Diagnostic>, Vec<Guideline>) {
        let root = self.root.clone();
        let mut findings = Vec::new();
        let candidates = discover(&root, &built.site.config, &mut findings);
        let found: HashSet<&PathBuf> = candidates.iter().map(|c| &c.path).collect();
        let to_read: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                all || changed.iter().any(|p| c.path.starts_with(p))
                    || !self.files_on_disk.contains_key(&c.path)
            })
            .collect();
        let read: Vec<(PathBuf, Option<Read>)> = to_read
            .par_iter()
            .map(|candidate| {
                let known = self.files_on_disk.get(&candidate.path).map(|f| f.hash);
                (candidate.path.clone(), read_one(&root, candidate, known))
            })
            .collect();
        let gone: HashSet<PathBuf> = self
            .files_on_disk
            .keys()
            .filter(|path| !found.contains(path))
            .cloned()
            .collect();
        for path in &gone {
            self.files_on_disk.remove(path);
            self.last_good.remove(path);
        }
        // Files whose text is new: out with the old guideline, in with the new.
        let mut replaced: HashSet<PathBuf> = gone;
        let mut fresh = Vec::new();
        for (path, read) in read {
            let Some(read) = read else { continue };
            replaced.insert(path.clone());
            self.files_on_disk.insert(
                path,
                OnDisk {
                    hash: read.hash,
                    findings: read.findings,
                },
            );
            fresh.extend(read.guideline);
        }
        let mut guidelines = std::mem::take(&mut built.site.guidelines);
        guidelines.retain(|g| !replaced.contains(&g.source.path));
        guidelines.extend(fresh);
        // A change of an asset rebuilds everything (`classify`); the folders are read again on
        // every rebuild all the same, so a file added with its guideline is seen with it.
        let assets = Assets::load(&root, &root.join(GUIDELINES_DIR), &mut findings);
        built.site =
            Site::new(root.clone(), built.site.config.clone(), guidelines).with_assets(assets);

        for on_disk in self.files_on_disk.values() {
            findings.extend(on_disk.findings.iter().cloned());
        }
        findings.extend(validate(&built.site, built.today));
        diagnostics::sort(&mut findings);

        let substitutes = substitutes(
            &root,
            &built.site,
            &candidates,
            &findings,
            &mut self.last_good,
            &self.rendered,
        );
        self.candidates = candidates;
        (findings, substitutes)
    }
}

/// Renders the guidelines of `site` that differ from what `rendered` says is shown, and the
/// pages that list them when any differs or `behind` says they may. `None` when `cancelled`.
fn render_changes(
    site: &Site,
    (theme, options, rendered): (&Theme, RenderOptions, &HashMap<PathBuf, Rendered>),
    behind: &Behind,
    history: Option<(&Arc<SiteHistory>, &mut Archive)>,
    cancelled: Cancelled<'_>,
) -> Result<Option<Update>, RenderError> {
    let (changed, removed) = changes(site, rendered);
    if changed.is_empty() && removed.is_empty() && !behind.listings {
        return Ok(Some(Update {
            files: Vec::new(),
            entries: Vec::new(),
            removed,
        }));
    }
    let groups = groups_to_list(&changed, &removed, behind, rendered);
    let mut pages = PageRenderer::new(site, theme, options, Some(&search_hook::stable_meta()))?;
    let archive = history.map(|(history, archive)| {
        for guideline in &changed {
            archive.refresh(site, history, guideline);
        }
        &*archive
    });
    if let Some(archive) = archive {
        pages = pages.with_archive(archive);
    }
    let (per_guideline, listings) = rayon::join(
        || {
            changed
                .par_iter()
                .map(|g| pages.guideline(g))
                .collect::<Result<Vec<_>, _>>()
        },
        || pages.listings_until(&groups, cancelled),
    );
    let Some(listings) = listings? else {
        return Ok(None);
    };
    let mut files: Vec<(String, Vec<u8>)> = per_guideline?.into_iter().flatten().collect();
    files.extend(listings);
    Ok(Some(Update {
        files,
        entries: changed
            .iter()
            .map(|g| {
                (
                    g.source.path.clone(),
                    rendered_entry(&site.assets, archive, g, None),
                )
            })
            .collect(),
        removed,
    }))
}

/// The guidelines of `site` whose text or group differs from what `rendered` says is shown,
/// and the files shown that are no longer on the site.
fn changes<'s>(
    site: &'s Site,
    rendered: &HashMap<PathBuf, Rendered>,
) -> (Vec<&'s Guideline>, Vec<PathBuf>) {
    let on_site: HashSet<&PathBuf> = site.guidelines.iter().map(|g| &g.source.path).collect();
    let removed: Vec<PathBuf> = rendered
        .keys()
        .filter(|path| !on_site.contains(path))
        .cloned()
        .collect();
    let changed: Vec<&Guideline> = site
        .guidelines
        .iter()
        .filter(|g| {
            rendered.get(&g.source.path).is_none_or(|r| {
                r.hash != blake3::hash(g.source.text.as_bytes()) || r.group != g.group
            })
        })
        .collect();
    (changed, removed)
}

/// The groups whose pages list a changed or removed guideline, now or as shown, and those
/// `behind` says earlier steps left.
fn groups_to_list(
    changed: &[&Guideline],
    removed: &[PathBuf],
    behind: &Behind,
    rendered: &HashMap<PathBuf, Rendered>,
) -> BTreeSet<String> {
    // A cross-group guideline is listed on each of its groups' pages.
    let mut groups: BTreeSet<String> = changed
        .iter()
        .flat_map(|g| g.all_groups())
        .map(str::to_owned)
        .collect();
    groups.extend(behind.groups.iter().cloned());
    groups.extend(
        removed
            .iter()
            .chain(changed.iter().map(|g| &g.source.path))
            .filter_map(|path| rendered.get(path))
            .map(|r| r.group.clone()),
    );
    groups
}
