//! Reading one guideline file, and showing the site with the last good version of each file
//! that has errors: the pieces both of the preview's steps use.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assets::Assets;
use crate::diagnostics::{Diagnostic, codes, unreadable};
use crate::model::Guideline;
use crate::parse::parse_guideline;
use crate::render::{Archive, guideline_paths};
use crate::site::{Candidate, Site};
use crate::source::{SourceFile, display_path};

use super::Rendered;

/// A guideline file read from disk: `None` when its text is what we already have.
pub(super) struct Read {
    pub(crate) hash: blake3::Hash,
    pub(crate) guideline: Option<Guideline>,
    pub(crate) findings: Vec<Diagnostic>,
}

pub(super) fn read_one(
    root: &Path,
    candidate: &Candidate,
    known: Option<blake3::Hash>,
) -> Option<Read> {
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
                Diagnostic::error(codes::SOURCE_UNREADABLE, unreadable(&err)).in_file(shown),
            ],
        }),
    }
}

/// For the files with errors among `candidates`, the last version without errors to show
/// instead (remembering, for the others, their text as the last good one).
pub(super) fn substitutes(
    root: &Path,
    site: &Site,
    candidates: &[Candidate],
    findings: &[Diagnostic],
    last_good: &mut HashMap<PathBuf, Arc<SourceFile>>,
    rendered: &HashMap<PathBuf, Rendered>,
) -> Vec<Guideline> {
    let broken: HashSet<&str> = findings
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file.as_deref())
        .collect();
    let on_site: HashMap<&PathBuf, &Guideline> = site
        .guidelines
        .iter()
        .map(|g| (&g.source.path, g))
        .collect();
    let mut substitutes = Vec::new();
    for candidate in candidates {
        let shown = display_path(root, &candidate.path);
        let current = on_site.get(&candidate.path);
        if !broken.contains(shown.as_str()) {
            if let Some(current) = current {
                last_good.insert(candidate.path.clone(), Arc::clone(&current.source));
            }
            continue;
        }
        // The last version without errors; for a file never without errors that no longer
        // parses, the version shown now. Otherwise a file with errors is shown as it is.
        let good = match (last_good.get(&candidate.path), current) {
            (Some(good), _) => good,
            (None, None) => match rendered.get(&candidate.path) {
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
    substitutes
}

/// Runs `f` on the site as it should be shown: `site` with each substitute in place of the
/// guideline at the same path. `site` is the same again afterwards.
pub(super) fn with_site_to_render<R>(
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

/// What is on the site for `guideline`, its earlier versions' pages in `archive` among it;
/// `listing` is its listing fingerprint, when known.
pub(super) fn rendered_entry(
    assets: &Assets,
    archive: Option<&Archive>,
    guideline: &Guideline,
    listing: Option<blake3::Hash>,
) -> Rendered {
    let mut paths = guideline_paths(assets, guideline);
    paths.extend(archive.map(|a| a.paths_of(guideline)).unwrap_or_default());
    Rendered {
        hash: blake3::hash(guideline.source.text.as_bytes()),
        group: guideline.group.clone(),
        paths,
        source: Arc::clone(&guideline.source),
        listing,
    }
}
