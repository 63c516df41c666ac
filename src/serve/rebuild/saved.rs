//! The fast step: a save of guideline files the site already has. Only those files are read,
//! parsed and checked on their own, and only their pages rendered, so the page a person saved
//! is served at once; the checks across guidelines and the pages that list guidelines are left
//! for [`Preview::catch_up`], and the listing pages only when the listing fingerprint of a
//! saved guideline changed.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::render::{PageRenderer, RenderError, RenderOptions};
use crate::source::display_path;
use crate::validate::validate_guideline;

use super::super::overlay::problems_of;
use super::super::search_hook;
use super::files::{Read, read_one, rendered_entry, substitutes, with_site_to_render};
use super::{OnDisk, Preview, Rebuilt, Update};
use super::{no_site, render_failed};
use crate::diagnostics::Diagnostic;

impl Preview {
    /// Handles a save of `paths` alone, or `None` when it is not a save of files the site has
    /// (a file added, removed or replaced by a symlink, a folder, a file that no longer
    /// parses): that is for the complete step.
    pub(super) fn saved(
        &mut self,
        paths: &BTreeSet<PathBuf>,
    ) -> Option<Result<Rebuilt, Box<Diagnostic>>> {
        let built = self.built.as_ref()?;
        let mut reads: Vec<(PathBuf, Read)> = Vec::new();
        for path in paths {
            let candidate = self.candidates.iter().find(|c| &c.path == path)?;
            let known = self.files_on_disk.get(path)?.hash;
            // A symlink is for `discover` to judge (it may lead out of the site).
            if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file()) {
                return None;
            }
            if let Some(read) = read_one(&self.root, candidate, Some(known)) {
                let on_site = built.site.guidelines.iter().any(|g| &g.source.path == path);
                if read.guideline.is_none() || !on_site {
                    return None;
                }
                reads.push((path.clone(), read));
            }
        }
        Some(self.apply_saved(reads))
    }

    fn apply_saved(&mut self, reads: Vec<(PathBuf, Read)>) -> Result<Rebuilt, Box<Diagnostic>> {
        if reads.is_empty() {
            let (problems, warnings) = problems_of(&self.current_findings());
            return Ok(Rebuilt {
                problems,
                warnings,
                ..Rebuilt::default()
            });
        }
        let mut built = self.built.take().ok_or_else(no_site)?;
        let options = RenderOptions {
            drafts: true,
            today: built.today,
        };
        let saved: Vec<PathBuf> = reads.iter().map(|(path, _)| path.clone()).collect();
        let before = self.listings_before(&built, options, &saved);
        self.take_in(&mut built, reads);
        let findings = self.current_findings();
        let (problems, warnings) = problems_of(&findings);
        let substitutes = substitutes(
            &self.root,
            &built.site,
            &self.candidates,
            &findings,
            &mut self.last_good,
            &self.rendered,
        );
        let rendered = &self.rendered;
        let history = self.history.as_ref();
        let archive = &mut self.archive;
        let result = with_site_to_render(&mut built.site, substitutes, |site| {
            // The earlier versions' pages compare with the text being edited: refreshed too.
            if let Some(history) = history {
                for guideline in site
                    .guidelines
                    .iter()
                    .filter(|g| saved.contains(&g.source.path))
                {
                    archive.refresh(site, history, guideline);
                }
            }
            let mut pages = PageRenderer::new(
                site,
                &built.theme,
                options,
                Some(&search_hook::stable_meta()),
            )?;
            if history.is_some() {
                pages = pages.with_archive(archive);
            }
            render_saved(site, &pages, &saved, rendered, &before)
        });
        let behind = self.behind.get_or_insert_default();
        behind.groups.extend(
            built
                .site
                .guidelines
                .iter()
                .filter(|g| saved.contains(&g.source.path))
                .flat_map(|g| g.all_groups())
                .map(str::to_owned),
        );
        self.built = Some(built);
        let (update, listings_changed) = result.map_err(|err| Box::new(render_failed(&err)))?;
        let behind = self.behind.get_or_insert_default();
        behind.listings |= listings_changed;
        let pages = update.files.len();
        let files_changed = self.apply(update);
        Ok(Rebuilt {
            files_changed,
            rendered: pages,
            full: false,
            problems,
            warnings,
        })
    }

    /// Puts each saved file's new text on the site in place of the old, and checks it alone.
    fn take_in(&mut self, built: &mut super::Built, reads: Vec<(PathBuf, Read)>) {
        for (path, read) in reads {
            self.files_on_disk.insert(
                path.clone(),
                OnDisk {
                    hash: read.hash,
                    findings: read.findings.clone(),
                },
            );
            let Some(new) = read.guideline else { continue };
            if let Some(slot) = built
                .site
                .guidelines
                .iter_mut()
                .find(|g| g.source.path == path)
            {
                // Same path, same group and slug: the site's index of link keys still holds.
                *slot = new;
            }
            let Some(guideline) = built.site.guidelines.iter().find(|g| g.source.path == path)
            else {
                continue;
            };
            let mut findings = read.findings;
            findings.extend(validate_guideline(&built.site, guideline, built.today));
            self.rechecked
                .insert(display_path(&self.root, &path), findings);
        }
    }

    /// The listing fingerprint of what is shown now for each of `paths`, where known: kept
    /// from the save that rendered it, or made from the site when it shows the file's text.
    fn listings_before(
        &self,
        built: &super::Built,
        options: RenderOptions,
        paths: &[PathBuf],
    ) -> HashMap<PathBuf, Option<blake3::Hash>> {
        let mut before = HashMap::new();
        let mut pages = None;
        for path in paths {
            let Some(shown) = self.rendered.get(path) else {
                continue;
            };
            if shown.listing.is_some() {
                before.insert(path.clone(), shown.listing);
                continue;
            }
            let Some(guideline) = built.site.guidelines.iter().find(|g| {
                &g.source.path == path && blake3::hash(g.source.text.as_bytes()) == shown.hash
            }) else {
                continue;
            };
            if pages.is_none() {
                pages = PageRenderer::new(
                    &built.site,
                    &built.theme,
                    options,
                    Some(&search_hook::stable_meta()),
                )
                .ok();
            }
            if let Some(pages) = &pages {
                before.insert(path.clone(), pages.listing_fingerprint(guideline));
            }
        }
        before
    }
}

/// The pages of the saved guidelines (`saved`) whose shown text is not what `rendered` has,
/// and whether the line of any of them in the listing pages changed since `before`.
fn render_saved(
    site: &crate::site::Site,
    pages: &PageRenderer<'_>,
    saved: &[PathBuf],
    rendered: &HashMap<PathBuf, super::Rendered>,
    before: &HashMap<PathBuf, Option<blake3::Hash>>,
) -> Result<(Update, bool), RenderError> {
    let mut update = Update::default();
    let mut listings_changed = false;
    for guideline in site
        .guidelines
        .iter()
        .filter(|g| saved.contains(&g.source.path))
    {
        let path = &guideline.source.path;
        let hash = blake3::hash(guideline.source.text.as_bytes());
        if rendered.get(path).is_some_and(|r| r.hash == hash) {
            continue;
        }
        update.files.extend(pages.guideline(guideline)?);
        let listing = pages.listing_fingerprint(guideline);
        listings_changed |= listing.is_none() || before.get(path).copied().flatten() != listing;
        update.entries.push((
            path.clone(),
            rendered_entry(&site.assets, guideline, listing),
        ));
    }
    Ok((update, listings_changed))
}
