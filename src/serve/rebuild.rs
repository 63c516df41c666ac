//! The preview's model of the site and how it follows the files, in two steps so that the
//! page a person saved is served first:
//!
//! - a full build at start and when the configuration or theme changes;
//! - for a save of guideline files the site has, the fast step (`saved`): those files alone
//!   are read, checked and their pages rendered;
//! - the complete step (`complete`) for everything else (files added, removed, renamed),
//!   and afterwards, to catch up with what the fast steps left: the checks across guidelines
//!   and the pages that list guidelines ([`Preview::catch_up`], which a newer save stops).
//!
//! A file with errors keeps the last version of it that had none on the site (its page, and
//! its line in every list), while the overlay lists the errors of what is on disk now.

mod complete;
mod files;
mod saved;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::diagnostics::{self, Diagnostic};
use crate::history::SiteHistory;
use crate::render::{Archive, RenderError, RenderOptions, Theme, render_site_with};
use crate::site::{Candidate, Site};
use crate::source::SourceFile;

use super::classify::ChangeKind;
use super::overlay::{problems_of, render_overlay};
use super::search_hook;
pub(crate) use super::state::Files;
use crate::diagnostics::{Language, Message, codes};
use files::{rendered_entry, with_site_to_render};

pub(crate) use complete::Cancelled;

/// The preview's state. Owned by the one rebuild thread; the server only sees what
/// [`Preview::files`] and the overlay give it.
pub(crate) struct Preview {
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
    /// The guideline files the last full or complete step found.
    candidates: Vec<Candidate>,
    /// Every finding of the last check of the whole site.
    checked: Vec<Diagnostic>,
    /// The findings of files checked alone since (by display path), in place of theirs in
    /// `checked`.
    rechecked: HashMap<String, Vec<Diagnostic>>,
    /// What the fast steps left for the complete step.
    behind: Option<Behind>,
    /// The site's git history, read once at start (`None`: off or unavailable).
    history: Option<Arc<SiteHistory>>,
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
    /// Its listing fingerprint, when the fast step made it.
    listing: Option<blake3::Hash>,
}

/// Saves handled alone since the last complete step: the site needs checking again, and the
/// listing pages rendering again for these groups if `listings`.
#[derive(Debug, Default)]
struct Behind {
    groups: BTreeSet<String>,
    listings: bool,
}

/// The files a step writes, and which guidelines they are for.
#[derive(Default)]
struct Update {
    files: Vec<(String, Vec<u8>)>,
    /// Guideline files now shown (replacing any earlier entry).
    entries: Vec<(PathBuf, Rendered)>,
    /// Guideline files no longer on the site.
    removed: Vec<PathBuf>,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rebuilt {
    /// Whether any served file changed.
    pub(crate) files_changed: bool,
    /// Pages (re-)rendered; every page on a full build.
    pub(crate) rendered: usize,
    pub(crate) full: bool,
    /// The errors the overlay shows, and how many warnings there were.
    pub(crate) problems: Vec<Diagnostic>,
    pub(crate) warnings: usize,
}

impl Rebuilt {
    pub(crate) fn overlay(&self, language: Language) -> Option<String> {
        render_overlay(&self.problems, self.warnings, language)
    }

    /// This step followed by `next`: the problems are `next`'s.
    #[cfg(test)]
    fn then(self, next: Self) -> Self {
        Self {
            files_changed: self.files_changed || next.files_changed,
            rendered: self.rendered + next.rendered,
            full: self.full || next.full,
            ..next
        }
    }
}

/// A page that does not render, as the overlay shows it.
pub(super) fn render_failed(err: &RenderError) -> Diagnostic {
    Diagnostic::error(codes::RENDER, err.message())
}

/// A step that finds no site to update (a bug: the full build makes one).
pub(super) fn no_site() -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        codes::INTERNAL,
        Message::new("internal-no-site"),
    ))
}

impl Preview {
    pub(crate) fn new(root: PathBuf, base_url: String, today: Option<Date>) -> Self {
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
            candidates: Vec::new(),
            checked: Vec::new(),
            rechecked: HashMap::new(),
            behind: None,
            history: None,
            archive: Archive::default(),
        }
    }

    /// Shows the earlier versions in `history` too: their pages and each current page's list.
    #[must_use]
    pub(crate) fn with_history(mut self, history: SiteHistory) -> Self {
        self.history = Some(Arc::new(history));
        self
    }

    pub(crate) fn files(&self) -> &Files {
        &self.files
    }

    /// The site as read from disk at the last rebuild (files with errors as they are now).
    pub(crate) fn site(&self) -> Option<&Site> {
        self.built.as_ref().map(|built| &built.site)
    }

    /// The theme of the last full build.
    pub(crate) fn theme(&self) -> Option<&Theme> {
        self.built.as_ref().map(|built| &built.theme)
    }

    /// Makes the next rebuild a full one (after a rebuild that did not finish).
    pub(crate) fn force_full(&mut self) {
        self.needs_full = true;
        self.behind = None;
    }

    /// Brings the site wholly up to date with the files after `change`: [`Self::step`], then
    /// [`Self::catch_up`]. Never fails: what cannot be built is a problem for the overlay, and
    /// the last good pages stay.
    #[cfg(test)]
    pub(crate) fn rebuild(&mut self, change: &ChangeKind) -> Rebuilt {
        let first = self.step(change);
        match self.catch_up(&|| false) {
            Some(next) => first.then(next),
            None => first,
        }
    }

    /// The first step for `change`: a save of guideline files the site has updates their
    /// pages and the overlay only, leaving the rest for [`Self::catch_up`]; anything else is
    /// done whole.
    pub(crate) fn step(&mut self, change: &ChangeKind) -> Rebuilt {
        let today = self
            .today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
        let full = self.needs_full
            || *change == ChangeKind::Everything
            || self.built.as_ref().is_none_or(|b| b.today != today);
        // Until this step finishes, the next one must start from scratch.
        self.needs_full = true;
        let never = || false;
        let outcome = if full {
            self.full(today)
        } else {
            let changed = match change {
                ChangeKind::Guidelines(paths) => paths.clone(),
                ChangeKind::Nothing | ChangeKind::Everything => BTreeSet::new(),
            };
            match self.saved(&changed) {
                Some(outcome) => outcome,
                // Not cancellable: it never answers `None`.
                None => self
                    .complete(&changed, &never)
                    .map(Option::unwrap_or_default),
            }
        };
        self.finish(outcome, full)
    }

    /// Whether [`Self::catch_up`] has work.
    pub(crate) fn is_behind(&self) -> bool {
        self.behind.is_some()
    }

    /// What the fast steps left: the whole site checked again, and the listing pages rendered
    /// again if a saved guideline's line in them changed. `None` when there was nothing to do,
    /// or `cancelled` stopped it, leaving the work for the next call.
    pub(crate) fn catch_up(&mut self, cancelled: Cancelled<'_>) -> Option<Rebuilt> {
        self.behind.as_ref()?;
        self.needs_full = true;
        match self.complete(&BTreeSet::new(), cancelled) {
            Ok(None) => {
                self.needs_full = false;
                None
            }
            done => Some(self.finish(done.map(Option::unwrap_or_default), false)),
        }
    }

    fn finish(&mut self, outcome: Result<Rebuilt, Box<Diagnostic>>, full: bool) -> Rebuilt {
        match outcome {
            Ok(outcome) => {
                self.needs_full = false;
                outcome
            }
            Err(problem) => {
                // The next step is a full one, and does what was left.
                self.behind = None;
                Rebuilt {
                    problems: vec![*problem],
                    full,
                    ..Rebuilt::default()
                }
            }
        }
    }

    /// The findings of the last check of the site, with those of the files checked alone
    /// since in place of theirs.
    fn current_findings(&self) -> Vec<Diagnostic> {
        let mut findings: Vec<Diagnostic> = self
            .checked
            .iter()
            .filter(|d| {
                d.file
                    .as_deref()
                    .is_none_or(|file| !self.rechecked.contains_key(file))
            })
            .cloned()
            .collect();
        findings.extend(self.rechecked.values().flatten().cloned());
        diagnostics::sort(&mut findings);
        findings
    }

    /// Puts `update` on the site; whether any served file changed.
    fn apply(&mut self, update: Update) -> bool {
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
        let written: HashSet<&String> = update.files.iter().map(|(path, _)| path).collect();
        let mut files_changed = false;
        for path in stale.into_iter().filter(|path| !written.contains(path)) {
            files_changed |= self.files.remove(&path).is_some();
        }
        for (path, bytes) in update.files {
            let bytes = Bytes::from(bytes);
            if self.files.get(&path) != Some(&bytes) {
                files_changed = true;
                self.files.insert(path, bytes);
            }
        }
        files_changed
    }

    fn full(&mut self, today: Date) -> Result<Rebuilt, Box<Diagnostic>> {
        let mut config = SiteConfig::load(&self.root)?;
        config.base_url = self.base_url.clone();
        let theme = Theme::load(&self.root).map_err(|err| {
            Box::new(Diagnostic::error(
                codes::THEME,
                Message::new("theme").arg("error", err.to_string()),
            ))
        })?;
        let site = Site::new(self.root.clone(), config, Vec::new());
        // Every file is read again; what was on the site stays until the new site renders.
        self.files_on_disk.clear();
        let mut built = Built { theme, site, today };
        let (findings, substitutes) = self.update_site(&mut built, &BTreeSet::new(), true);
        let (problems, warnings) = problems_of(&findings);
        self.checked = findings;
        self.rechecked.clear();
        self.behind = None;
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
                .map(|g| {
                    let entry = rendered_entry(&site.assets, history.map(|_| &archive), g, None);
                    (g.source.path.clone(), entry)
                })
                .collect::<HashMap<_, _>>();
            Ok((tree, rendered, archive))
        });
        self.built = Some(built);
        let (tree, rendered, archive) =
            result.map_err(|err: RenderError| Box::new(render_failed(&err)))?;
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
        Ok(Rebuilt {
            files_changed,
            rendered: pages,
            full: true,
            problems,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests;
