//! The preview's model of the site and how it follows the files: a full build at start and
//! when the configuration or theme changes; otherwise the fast path, which reads only the
//! guideline files that changed, checks the whole site again (cheap) and renders only the
//! changed guidelines' pages and the pages that list guidelines.
//!
//! A file with errors keeps the last version of it that had none on the site (its page, and
//! its line in every list), while the overlay lists the errors of what is on disk now.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::assets::Assets;
use crate::config::SiteConfig;
use crate::diagnostics::{self, Diagnostic, codes};
use crate::history::SiteHistory;
use crate::model::Guideline;
use crate::parse::parse_guideline;
use crate::render::{
    Archive, PageRenderer, RenderOptions, Theme, guideline_paths, render_site_with,
};

use super::search_hook;
use crate::site::{Candidate, GUIDELINES_DIR, Site, discover};
use crate::source::{SourceFile, display_path};
use crate::validate::validate;

use super::classify::ChangeKind;
use super::overlay::{Problem, problems_of, render_overlay};

/// The served files: path in the site (`dlg/dlbcl/index.html`) → bytes.
pub type Files = HashMap<String, Bytes>;

/// The preview's state. Owned by the one rebuild thread; the server only sees what
/// [`Preview::files`] and the overlay give it.
pub struct Preview {
    root: PathBuf,
    /// The URL the server answers on; it replaces `base_url`, so every link stays local.
    base_url: String,
    today: Option<Date>,
    /// From the last full build that succeeded.
    built: Option<Built>,
    /// The current text of every guideline file found, with its parse findings.
    files_on_disk: HashMap<PathBuf, OnDisk>,
    /// Per guideline file, the last text that had no errors.
    last_good: HashMap<PathBuf, Arc<SourceFile>>,
    /// Per guideline file, what is on the site now.
    rendered: HashMap<PathBuf, Rendered>,
    files: Files,
    /// The next rebuild must be full (the last one failed before it finished).
    needs_full: bool,
    /// The site's git history, read once at start (`None`: off or unavailable).
    history: Option<SiteHistory>,
    /// The earlier versions of the guidelines on the site, from `history`.
    archive: Archive,
}

/// What a full build sets up and the fast path reuses.
struct Built {
    theme: Theme,
    /// The guidelines as on disk (the current version of each file that parses).
    site: Site,
    today: Date,
}

struct OnDisk {
    hash: blake3::Hash,
    findings: Vec<Diagnostic>,
}

struct Rendered {
    hash: blake3::Hash,
    group: String,
    paths: Vec<String>,
    /// The text shown, for a file that stops parsing before it was ever without errors.
    source: Arc<SourceFile>,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Whether any served file changed.
    pub files_changed: bool,
    /// Pages (re-)rendered; every page on a full build.
    pub rendered: usize,
    pub full: bool,
    /// The errors the overlay shows, and how many warnings there were.
    pub problems: Vec<Problem>,
    pub warnings: usize,
}

impl Outcome {
    pub fn overlay(&self) -> Option<String> {
        render_overlay(&self.problems, self.warnings)
    }
}

impl Preview {
    pub fn new(root: PathBuf, base_url: String, today: Option<Date>) -> Self {
        Self {
            root,
            base_url,
            today,
            built: None,
            files_on_disk: HashMap::new(),
            last_good: HashMap::new(),
            rendered: HashMap::new(),
            files: Files::new(),
            needs_full: true,
            history: None,
            archive: Archive::default(),
        }
    }

    /// Shows the earlier versions in `history` too: their pages and each current page's list.
    #[must_use]
    pub fn with_history(mut self, history: SiteHistory) -> Self {
        self.history = Some(history);
        self
    }

    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The site as read from disk at the last rebuild (files with errors as they are now).
    pub fn site(&self) -> Option<&Site> {
        self.built.as_ref().map(|built| &built.site)
    }

    /// The theme of the last full build.
    pub fn theme(&self) -> Option<&Theme> {
        self.built.as_ref().map(|built| &built.theme)
    }

    /// Makes the next rebuild a full one (after a rebuild that did not finish).
    pub fn force_full(&mut self) {
        self.needs_full = true;
    }

    /// Brings the site up to date with the files after `change`. Never fails: what cannot be
    /// built is a problem for the overlay, and the last good pages stay.
    pub fn rebuild(&mut self, change: &ChangeKind) -> Outcome {
        let today = self
            .today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
        let full = self.needs_full
            || *change == ChangeKind::Everything
            || self.built.as_ref().is_none_or(|b| b.today != today);
        // Until this rebuild finishes, the next one must start from scratch.
        self.needs_full = true;
        let outcome = if full {
            self.full(today)
        } else {
            let changed = match change {
                ChangeKind::Guidelines(paths) => paths.clone(),
                ChangeKind::Nothing | ChangeKind::Everything => BTreeSet::new(),
            };
            self.fast(&changed)
        };
        if outcome.is_ok() {
            self.needs_full = false;
        }
        outcome.unwrap_or_else(|problem| Outcome {
            problems: vec![*problem],
            full,
            ..Outcome::default()
        })
    }

    fn full(&mut self, today: Date) -> Result<Outcome, Box<Problem>> {
        let mut config = SiteConfig::load(&self.root)
            .map_err(|finding| Box::new(Problem::from_diagnostic(&finding)))?;
        config.base_url = self.base_url.clone();
        let theme = Theme::load(&self.root).map_err(|err| {
            Box::new(Problem::failure(
                "theme",
                format!("the theme does not load: {err}"),
            ))
        })?;
        let site = Site::new(self.root.clone(), config, Vec::new());
        // Every file is read again; what was on the site stays until the new site renders.
        self.files_on_disk.clear();
        let mut built = Built { theme, site, today };
        let (findings, substitutes) = self.update_site(&mut built, &BTreeSet::new(), true);
        let (problems, warnings) = problems_of(&findings);
        let options = RenderOptions {
            drafts: true,
            today,
        };
        let history = self.history.as_ref();
        let result = with_site_to_render(&mut built.site, substitutes, |site| {
            let archive = history
                .map(|history| Archive::of(site, history, options.drafts))
                .unwrap_or_default();
            let tree = render_site_with(
                site,
                &built.theme,
                options,
                Some(search_hook::stable_meta()),
                &archive,
            )?;
            let rendered = site
                .guidelines
                .iter()
                .map(|g| (g.source.path.clone(), rendered_entry(&site.assets, g)))
                .collect::<HashMap<_, _>>();
            Ok((tree, rendered, archive))
        });
        self.built = Some(built);
        let (tree, rendered, archive) = result.map_err(|err: crate::render::RenderError| {
            Box::new(Problem::failure("render", err.to_string()))
        })?;
        let files: Files = tree
            .files
            .into_iter()
            .map(|(path, bytes)| (path, Bytes::from(bytes)))
            .collect();
        let files_changed = files != self.files;
        let pages = files.keys().filter(|p| p.ends_with(".html")).count();
        self.files = files;
        self.rendered = rendered;
        self.archive = archive;
        Ok(Outcome {
            files_changed,
            rendered: pages,
            full: true,
            problems,
            warnings,
        })
    }

    fn fast(&mut self, changed: &BTreeSet<PathBuf>) -> Result<Outcome, Box<Problem>> {
        let mut built = self
            .built
            .take()
            .ok_or_else(|| Box::new(Problem::failure("internal", "no site to update")))?;
        let (findings, substitutes) = self.update_site(&mut built, changed, false);
        let (mut problems, warnings) = problems_of(&findings);
        let options = RenderOptions {
            drafts: true,
            today: built.today,
        };
        let rendered = &self.rendered;
        let history = self
            .history
            .as_ref()
            .map(|history| (history, &mut self.archive));
        let result = with_site_to_render(&mut built.site, substitutes, |site| {
            render_changes(site, &built.theme, options, rendered, history)
        });
        self.built = Some(built);
        let update = match result {
            Ok(update) => update,
            Err(err) => {
                // The pages stay as they were; the next save tries again.
                problems.push(Problem::failure("render", err.to_string()));
                return Ok(Outcome {
                    problems,
                    warnings,
                    ..Outcome::default()
                });
            }
        };
        // Pages of guidelines that are gone or re-rendered, unless rendered again.
        let mut stale: Vec<String> = Vec::new();
        for path in &update.removed {
            stale.extend(
                self.rendered
                    .remove(path)
                    .map(|r| r.paths)
                    .unwrap_or_default(),
            );
        }
        for (path, entry) in update.entries {
            stale.extend(
                self.rendered
                    .insert(path, entry)
                    .map(|r| r.paths)
                    .unwrap_or_default(),
            );
        }
        let written: HashSet<String> = update.files.iter().map(|(path, _)| path.clone()).collect();
        let mut files_changed = false;
        for path in stale.into_iter().filter(|path| !written.contains(path)) {
            files_changed |= self.files.remove(&path).is_some();
        }
        let pages = update.files.len();
        for (path, bytes) in update.files {
            let bytes = Bytes::from(bytes);
            if self.files.get(&path) != Some(&bytes) {
                files_changed = true;
                self.files.insert(path, bytes);
            }
        }
        Ok(Outcome {
            files_changed,
            rendered: pages,
            full: false,
            problems,
            warnings,
        })
    }

    /// Reads what changed on disk into `built.site` and checks the whole site. Returns every
    /// finding (sorted, as `retning check` reports them) and, for the files with errors, the
    /// last good version to put on the site instead.
    fn update_site(
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

        // Which files have errors, and what to show for them.
        let broken: HashSet<&str> = findings
            .iter()
            .filter(|d| d.is_error())
            .filter_map(|d| d.file.as_deref())
            .collect();
        let on_site: HashMap<&PathBuf, &Guideline> = built
            .site
            .guidelines
            .iter()
            .map(|g| (&g.source.path, g))
            .collect();
        let mut substitutes = Vec::new();
        for candidate in &candidates {
            let shown = display_path(&root, &candidate.path);
            let current = on_site.get(&candidate.path);
            if !broken.contains(shown.as_str()) {
                if let Some(current) = current {
                    self.last_good
                        .insert(candidate.path.clone(), Arc::clone(&current.source));
                }
                continue;
            }
            // The last version without errors; for a file never without errors that no longer
            // parses, the version shown now. Otherwise a file with errors is shown as it is.
            let good = match (self.last_good.get(&candidate.path), current) {
                (Some(good), _) => good,
                (None, None) => match self.rendered.get(&candidate.path) {
                    Some(shown) => &shown.source,
                    None => continue,
                },
                (None, Some(_)) => continue,
            };
            if current.is_some_and(|g| g.source.text == good.text) {
                continue;
            }
            // This text parsed before; it parses the same again.
            if let Some(guideline) =
                parse_guideline(Arc::clone(good), &candidate.group, &candidate.slug).guideline
            {
                substitutes.push(guideline);
            }
        }
        (findings, substitutes)
    }
}

/// A guideline file read from disk: `None` when its text is what we already have.
struct Read {
    hash: blake3::Hash,
    guideline: Option<Guideline>,
    findings: Vec<Diagnostic>,
}

fn read_one(root: &Path, candidate: &Candidate, known: Option<blake3::Hash>) -> Option<Read> {
    let shown = display_path(root, &candidate.path);
    match SourceFile::read(&candidate.path, shown.clone()) {
        Ok(source) => {
            let hash = blake3::hash(source.text.as_bytes());
            if known == Some(hash) {
                return None;
            }
            let parsed = parse_guideline(Arc::new(source), &candidate.group, &candidate.slug);
            Some(Read {
                hash,
                guideline: parsed.guideline,
                findings: parsed.findings,
            })
        }
        // As `Site::load` reports it. A file removed since it was found is gone by the time
        // its removal event arrives; the next rebuild drops it.
        Err(err) => Some(Read {
            hash: blake3::hash(err.to_string().as_bytes()),
            guideline: None,
            findings: vec![
                Diagnostic::error(codes::SOURCE_UNREADABLE, err.to_string()).in_file(shown),
            ],
        }),
    }
}

/// Runs `f` on the site as it should be shown: `site` with each substitute in place of the
/// guideline at the same path. `site` is the same again afterwards.
fn with_site_to_render<R>(
    site: &mut Site,
    substitutes: Vec<Guideline>,
    f: impl FnOnce(&Site) -> R,
) -> R {
    if substitutes.is_empty() {
        return f(site);
    }
    let swapped: HashSet<PathBuf> = substitutes.iter().map(|g| g.source.path.clone()).collect();
    let mut current = std::mem::take(&mut site.guidelines);
    let mut set_aside: HashMap<PathBuf, Guideline> = HashMap::new();
    let mut shown = Vec::with_capacity(current.len() + substitutes.len());
    for guideline in current.drain(..) {
        if swapped.contains(&guideline.source.path) {
            set_aside.insert(guideline.source.path.clone(), guideline);
        } else {
            shown.push(guideline);
        }
    }
    shown.extend(substitutes);
    let to_render =
        Site::new(site.root.clone(), site.config.clone(), shown).with_assets(site.assets.clone());
    let result = f(&to_render);
    let mut restored: Vec<Guideline> = to_render
        .guidelines
        .into_iter()
        .filter(|g| !swapped.contains(&g.source.path))
        .collect();
    restored.extend(set_aside.into_values());
    *site =
        Site::new(site.root.clone(), site.config.clone(), restored).with_assets(to_render.assets);
    result
}

fn rendered_entry(assets: &Assets, guideline: &Guideline) -> Rendered {
    Rendered {
        hash: blake3::hash(guideline.source.text.as_bytes()),
        group: guideline.group.clone(),
        paths: guideline_paths(assets, guideline),
        source: Arc::clone(&guideline.source),
    }
}

/// The files the fast path writes, and which guidelines they are for.
struct Update {
    files: Vec<(String, Vec<u8>)>,
    /// Guideline files now shown (replacing any earlier entry).
    entries: Vec<(PathBuf, Rendered)>,
    /// Guideline files no longer on the site.
    removed: Vec<PathBuf>,
}

/// Renders the guidelines of `site` that differ from what `rendered` says is shown, and the
/// pages that list them.
fn render_changes(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    rendered: &HashMap<PathBuf, Rendered>,
    history: Option<(&SiteHistory, &mut Archive)>,
) -> Result<Update, crate::render::RenderError> {
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
    if changed.is_empty() && removed.is_empty() {
        return Ok(Update {
            files: Vec::new(),
            entries: Vec::new(),
            removed,
        });
    }
    let mut groups: BTreeSet<String> = changed.iter().map(|g| g.group.clone()).collect();
    groups.extend(
        removed
            .iter()
            .chain(changed.iter().map(|g| &g.source.path))
            .filter_map(|path| rendered.get(path))
            .map(|r| r.group.clone()),
    );
    let mut pages = PageRenderer::new(site, theme, options, Some(&search_hook::stable_meta()))?;
    if let Some((history, archive)) = history {
        for guideline in &changed {
            archive.refresh(site, history, guideline);
        }
        pages = pages.with_archive(archive);
    }
    let (per_guideline, listings) = rayon::join(
        || {
            changed
                .par_iter()
                .map(|g| pages.guideline(g))
                .collect::<Result<Vec<_>, _>>()
        },
        || pages.listings(&groups),
    );
    let mut files: Vec<(String, Vec<u8>)> = per_guideline?.into_iter().flatten().collect();
    files.extend(listings?);
    Ok(Update {
        files,
        entries: changed
            .iter()
            .map(|g| (g.source.path.clone(), rendered_entry(&site.assets, g)))
            .collect(),
        removed,
    })
}

#[cfg(test)]
mod tests;
