//! What the site needs from an earlier version besides its pages, kept under
//! `.retning/versions/` so a build whose archived pages are cached parses no earlier version.
//!
//! Two kinds of entry, each named by what determines it: a stored text's [`VersionFacts`]
//! (its git blob and path), and the [`Changes`] from a guideline's previous approved version
//! to its current text (that blob, the guideline's address and a hash of the current text).
//! Both also depend on the program that parsed them: a file written by another program is
//! not read. The file keeps only the entries its last build used.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::VersionRecord;
use crate::assets::reference::{Reference, classify};
use crate::changes::Changes;
use crate::model::{Guideline, Marker};

/// Where the entries are kept, beside the history cache.
const FACTS_DIR: &str = ".retning/versions";

const FILE: &str = "facts.json";

/// Bumped whenever what an entry holds changes meaning.
const FORMAT: u32 = 1;

/// What a version's text says that the current page, the feeds and the archive need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct VersionFacts {
    /// Its publication, else its approvals' dates (`in_force_from`).
    pub(crate) in_force_from: Option<Date>,
    /// The files of its folder it links or shows, by name, sorted.
    pub(crate) asset_names: Vec<String>,
    /// Its recommendations marked `ny` or `ændret`.
    pub(crate) marked: Vec<MarkedRecommendation>,
}

/// A recommendation marked `ny` or `ændret` in a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct MarkedRecommendation {
    pub(crate) id: u32,
    pub(crate) marker: Marker,
    pub(crate) anchor: String,
    /// Its plain text.
    pub(crate) text: String,
}

impl VersionFacts {
    /// The facts of `version`, parsed from the text stored at `record`.
    pub(crate) fn of(version: &Guideline, record: &VersionRecord) -> Self {
        // The guideline's folder then: `guidelines/dlg/storcellet` for a file since renamed.
        let folder = record.path.strip_suffix(".md").unwrap_or(&record.path);
        let slug = folder.rsplit('/').next().unwrap_or_default();
        let mut asset_names: Vec<String> = version
            .body
            .links
            .iter()
            .map(|l| l.destination.as_str())
            .chain(version.body.images.iter().map(|i| i.destination.as_str()))
            .filter_map(|destination| match classify(destination, slug) {
                Reference::Asset(name) => Some(name.to_owned()),
                _ => None,
            })
            .collect();
        asset_names.sort_unstable();
        asset_names.dedup();
        let marked = version
            .body
            .recommendations
            .iter()
            .filter_map(|r| {
                r.header.marker.map(|marker| MarkedRecommendation {
                    id: r.header.id,
                    marker,
                    anchor: r.anchor(),
                    text: r.content.plain_text(),
                })
            })
            .collect();
        Self {
            in_force_from: super::in_force_from(version),
            asset_names,
            marked,
        }
    }
}

#[derive(Default, Serialize, Deserialize)]
struct Stored {
    format: u32,
    program: String,
    facts: HashMap<String, VersionFacts>,
    changes: HashMap<String, Changes>,
}

/// The entries of one history: those read from the file, and those this process used.
pub(super) struct FactsStore {
    /// The file, or `None` when this program cannot identify itself (nothing is kept).
    file: Option<PathBuf>,
    program: String,
    read: Stored,
    used: Mutex<Used>,
    /// Something used was not in the file, or the file holds entries no longer used.
    dirty: AtomicBool,
}

#[derive(Default)]
struct Used {
    facts: HashMap<String, VersionFacts>,
    changes: HashMap<String, Arc<Changes>>,
}

impl FactsStore {
    /// The entries kept for the site at `root` by this same program, if any.
    pub(super) fn at(root: &Path) -> Self {
        let program = program_identity();
        let file = program.as_ref().map(|_| root.join(FACTS_DIR).join(FILE));
        let program = program.unwrap_or_default();
        let read = file
            .as_deref()
            .and_then(|file| std::fs::read(file).ok())
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.format == FORMAT && stored.program == program)
            .unwrap_or_default();
        Self {
            file,
            program,
            read,
            used: Mutex::default(),
            dirty: AtomicBool::new(false),
        }
    }

    fn used(&self) -> std::sync::MutexGuard<'_, Used> {
        self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The facts of the text at `record`, kept or made by `make` (`None`: it cannot be
    /// read or parsed, and nothing is kept).
    pub(super) fn facts<E>(
        &self,
        record: &VersionRecord,
        make: impl FnOnce() -> Result<VersionFacts, E>,
    ) -> Result<VersionFacts, E> {
        let key = format!("{} {}", record.blob, record.path);
        if let Some(facts) = self.used().facts.get(&key) {
            return Ok(facts.clone());
        }
        let facts = match self.read.facts.get(&key) {
            Some(facts) => facts.clone(),
            None => {
                self.dirty.store(true, Ordering::Relaxed);
                make()?
            }
        };
        self.used().facts.insert(key, facts.clone());
        Ok(facts)
    }

    /// The changes from the version at `previous` to `current`'s text, kept or made by
    /// `make`.
    pub(super) fn changes<E>(
        &self,
        previous: &VersionRecord,
        current: &Guideline,
        make: impl FnOnce() -> Result<Changes, E>,
    ) -> Result<Arc<Changes>, E> {
        let key = format!(
            "{} {} {} {}",
            previous.blob,
            previous.path,
            current.link_key(),
            blake3::hash(current.source.text.as_bytes()).to_hex()
        );
        if let Some(changes) = self.used().changes.get(&key) {
            return Ok(Arc::clone(changes));
        }
        let changes = match self.read.changes.get(&key) {
            Some(changes) => Arc::new(changes.clone()),
            None => {
                self.dirty.store(true, Ordering::Relaxed);
                Arc::new(make()?)
            }
        };
        self.used().changes.insert(key, Arc::clone(&changes));
        Ok(changes)
    }

    /// Writes the entries this process used, when they differ from the file's. A file that
    /// cannot be written only costs the next build the parsing.
    pub(super) fn save(&self) {
        let Some(file) = &self.file else { return };
        let used = self.used();
        let stale = self.read.facts.keys().any(|k| !used.facts.contains_key(k))
            || self
                .read
                .changes
                .keys()
                .any(|k| !used.changes.contains_key(k));
        if !(self.dirty.load(Ordering::Relaxed) || stale) {
            return;
        }
        let stored = Stored {
            format: FORMAT,
            program: self.program.clone(),
            facts: used.facts.clone(),
            changes: used
                .changes
                .iter()
                .map(|(key, changes)| (key.clone(), Changes::clone(changes)))
                .collect(),
        };
        drop(used);
        let _ = write(file, &stored);
    }
}

fn write(file: &Path, stored: &Stored) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let bytes = serde_json::to_vec(stored).map_err(std::io::Error::other)?;
    // Written aside and renamed, so a reader never sees half a file.
    let mut partial = tempfile::NamedTempFile::new_in(dir)?;
    partial.write_all(&bytes)?;
    partial.persist(file).map_err(|err| err.error)?;
    Ok(())
}

/// What identifies this program: its version and its executable's size and time. What it
/// parsed or rendered is trusted only by the same program; `None` when it cannot tell.
pub(crate) fn program_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}
