//! The site: the configuration and every guideline, loaded once and then only read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::assets::Assets;
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, codes, message, unreadable};
use crate::model::{Guideline, Status};
use crate::parse::parse_guideline;
use crate::source::{SourceFile, display_path, leads_outside};

pub(crate) const GUIDELINES_DIR: &str = "guidelines";

/// Every guideline of a site with its configuration, looked up by link key.
#[derive(Debug)]
pub struct Site {
    pub(crate) root: PathBuf,
    /// `retning.toml`.
    pub config: SiteConfig,
    /// Sorted by group, then slug.
    pub guidelines: Vec<Guideline>,
    /// The figures and attachments beside the guidelines.
    pub(crate) assets: Assets,
    by_link_key: HashMap<String, usize>,
}

/// The site and the findings met while reading and parsing it.
pub struct Loaded {
    /// Every guideline that parsed.
    pub site: Site,
    /// Problems met while reading and parsing, unsorted.
    pub findings: Vec<Diagnostic>,
}

/// A guideline file found under `guidelines/`.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) path: PathBuf,
    pub(crate) group: String,
    pub(crate) slug: String,
}

impl Site {
    /// Reads `retning.toml` and every guideline under `root`. Only an unreadable or invalid
    /// configuration stops the load; every file problem is a finding.
    pub fn load(root: &Path) -> Result<Loaded, Box<Diagnostic>> {
        let config = SiteConfig::load(root)?;
        let read = read_guidelines(root, &config, |_, guideline| guideline);
        Ok(Loaded {
            site: Self::new(root.to_path_buf(), config, read.kept).with_assets(read.assets),
            findings: read.findings,
        })
    }

    pub(crate) fn new(root: PathBuf, config: SiteConfig, mut guidelines: Vec<Guideline>) -> Self {
        guidelines.sort_by(|a, b| (&a.group, &a.slug).cmp(&(&b.group, &b.slug)));
        let by_link_key = guidelines
            .iter()
            .enumerate()
            .map(|(i, g)| (g.link_key(), i))
            .collect();
        Self {
            root,
            config,
            guidelines,
            assets: Assets::default(),
            by_link_key,
        }
    }

    pub(crate) fn with_assets(mut self, assets: Assets) -> Self {
        self.assets = assets;
        self
    }

    /// The guideline a `@/group/slug.md` link names.
    pub fn by_link_key(&self, key: &str) -> Option<&Guideline> {
        self.by_link_key.get(key).map(|&i| &self.guidelines[i])
    }

    /// The guidelines that go on the site: approved ones, and drafts when asked for.
    pub(crate) fn published(&self, drafts: bool) -> impl Iterator<Item = &Guideline> {
        self.guidelines
            .iter()
            .filter(move |g| drafts || g.status() == Status::Approved)
    }

    pub(crate) fn group_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.config.groups.get(code).map_or(code, String::as_str)
    }
}

/// What reading every guideline of a site gave: what `keep` made of each that parsed (in
/// the order found), the site's assets, and every finding, in the order `check` makes them.
pub(crate) struct ReadGuidelines<T> {
    pub(crate) kept: Vec<T>,
    pub(crate) assets: Assets,
    pub(crate) findings: Vec<Diagnostic>,
}

/// Finds, reads and parses every guideline under `root` on every core, handing each parsed
/// one to `keep` in the job that parsed it (so a caller that keeps less than the model frees
/// it there), then reads the assets.
pub(crate) fn read_guidelines<T: Send>(
    root: &Path,
    config: &SiteConfig,
    keep: impl Fn(Candidate, Guideline) -> T + Sync,
) -> ReadGuidelines<T> {
    let (kept, mut findings) =
        read_guidelines_recalling(root, config, |_| None, |candidate, g, _| keep(candidate, g));
    let assets = read_assets(root, &mut findings);
    ReadGuidelines {
        kept,
        assets,
        findings,
    }
}

/// The figures and attachments beside the guidelines; what reading them found goes to
/// `findings`. They do not depend on the guidelines: a build reads them first, to render
/// each guideline as it parses it.
pub(crate) fn read_assets(root: &Path, findings: &mut Vec<Diagnostic>) -> Assets {
    Assets::load(root, &root.join(GUIDELINES_DIR), findings)
}

/// Finds, reads and parses every guideline under `root` on every core, as
/// [`read_guidelines`] but without the assets, and a guideline that `recall` has a result
/// for is not parsed: that result is kept, with no finding. `keep` is told whether the parse
/// found nothing. Returns what was kept, in the order found, and every finding, in the
/// order `check` makes them.
pub(crate) fn read_guidelines_recalling<T: Send>(
    root: &Path,
    config: &SiteConfig,
    recall: impl Fn(&Candidate) -> Option<T> + Sync,
    keep: impl Fn(Candidate, Guideline, bool) -> T + Sync,
) -> (Vec<T>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let candidates = discover(root, config, &mut findings);
    let parsed: Vec<(Option<T>, Vec<Diagnostic>)> = candidates
        .into_par_iter()
        .map(|candidate| {
            if let Some(recalled) = recall(&candidate) {
                return (Some(recalled), Vec::new());
            }
            let (guideline, found) = load_one(root, &candidate);
            let clean = found.is_empty();
            (guideline.map(|g| keep(candidate, g, clean)), found)
        })
        .collect();
    let mut kept = Vec::with_capacity(parsed.len());
    for (one, found) in parsed {
        findings.extend(found);
        kept.extend(one);
    }
    (kept, findings)
}

/// Reads and parses `candidate`: the guideline, if it parsed, and what reading and parsing
/// found.
pub(crate) fn load_one(root: &Path, candidate: &Candidate) -> (Option<Guideline>, Vec<Diagnostic>) {
    let shown = display_path(root, &candidate.path);
    match SourceFile::read(&candidate.path, shown.clone()) {
        Ok(source) => {
            let parsed = parse_guideline(Arc::new(source), &candidate.group, &candidate.slug);
            (parsed.guideline, parsed.findings)
        }
        Err(err) => (
            None,
            vec![Diagnostic::error(codes::SOURCE_UNREADABLE, unreadable(&err)).in_file(shown)],
        ),
    }
}

/// Finds `guidelines/<group>/<slug>.md` files; anything misplaced is a finding.
pub(crate) fn discover(
    root: &Path,
    config: &SiteConfig,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Candidate> {
    let dir = root.join(GUIDELINES_DIR);
    let mut candidates = Vec::new();
    let walker = walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => candidates.extend(candidate(root, &dir, config, &entry, findings)),
            Err(err) => findings.push(walk_error(root, &dir, &err)),
        }
    }
    candidates
}

fn walk_error(root: &Path, dir: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(dir);
    Diagnostic::error(
        codes::SOURCE_UNREADABLE,
        message!("source-unreadable", error = err.to_string()),
    )
    .in_file(display_path(root, path))
}

/// The guideline a walked entry is, if it is a Markdown file in its place; a Markdown file
/// out of place gives findings (a bad slug is reported, yet the file is still read).
fn candidate(
    root: &Path,
    dir: &Path,
    config: &SiteConfig,
    entry: &walkdir::DirEntry,
    findings: &mut Vec<Diagnostic>,
) -> Option<Candidate> {
    let path = entry.path();
    let is_markdown = path.extension().is_some_and(|e| e == "md");
    if !is_markdown {
        return None;
    }
    let shown = display_path(root, path);
    if let Some(misplaced) = misplaced(root, dir, entry, &shown) {
        findings.push(misplaced);
        return None;
    }
    let group = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_valid_slug(&slug) {
        findings.push(
            Diagnostic::error(
                codes::SOURCE_BAD_PATH,
                message!("source-bad-path-slug", slug = slug.as_str()),
            )
            .in_file(shown.clone())
            .with_help(message!("source-bad-path-slug-help")),
        );
    }
    if !config.groups.contains_key(&group) {
        findings.push(unknown_group(config, &group, shown));
        return None;
    }
    Some(Candidate {
        path: path.to_path_buf(),
        group,
        slug,
    })
}

/// A Markdown entry that cannot be a guideline where it is: a link out of the site, a
/// folder named `*.md`, or a file not exactly one folder (its group) deep.
fn misplaced(
    root: &Path,
    dir: &Path,
    entry: &walkdir::DirEntry,
    shown: &str,
) -> Option<Diagnostic> {
    if let Some(real) = leads_outside(root, &[dir], entry.path()) {
        return Some(outside_site(shown.to_owned(), &real));
    }
    if entry.file_type().is_dir() {
        return Some(
            Diagnostic::error(
                codes::SOURCE_UNREADABLE,
                message!("source-unreadable-directory"),
            )
            .in_file(shown.to_owned())
            .with_help(message!("source-unreadable-directory-help")),
        );
    }
    if entry.depth() != 2 {
        return Some(
            Diagnostic::error(codes::SOURCE_BAD_PATH, message!("source-bad-path"))
                .in_file(shown.to_owned())
                .with_help(message!("source-bad-path-help")),
        );
    }
    None
}

fn unknown_group(config: &SiteConfig, group: &str, shown: String) -> Diagnostic {
    let known: Vec<_> = config.groups.keys().map(String::as_str).collect();
    Diagnostic::error(
        codes::SOURCE_UNKNOWN_GROUP,
        message!("source-unknown-group", group = group),
    )
    .in_file(shown)
    .with_help(message!(
        "source-unknown-group-help",
        group = group,
        groups = known.join(", ")
    ))
}

/// A link out of the site is never followed: its content would be published, or echoed in
/// findings, without anyone having put it in the site.
pub(crate) fn outside_site(shown: String, real: &Path) -> Diagnostic {
    Diagnostic::error(
        codes::SOURCE_OUTSIDE_SITE,
        message!("source-outside-site", target = real.display().to_string()),
    )
    .in_file(shown)
    .with_help(message!("source-outside-site-help"))
}

/// Lower-case ASCII letters, digits and `-`, not starting or ending with `-`: the slug
/// becomes a folder of the site ([`crate::site_path`]).
pub(crate) fn is_valid_slug(slug: &str) -> bool {
    crate::site_path::check_segment(slug).is_ok()
}
