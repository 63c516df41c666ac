//! Every approved version of every guideline, read from the site's git history.
//!
//! An *approved version* is a guideline's text at the last commit in which its front matter
//! had that `version` with `status = "approved"`. `repo` reads the repository with gix,
//! `timeline` follows each file through its commits and renames, `cache` keeps the result
//! by HEAD commit under `.retning/history/`, and `past` turns the versions before the
//! current one into the dates they were in force and, when asked, parsed guidelines;
//! `facts` keeps what the site needs of their texts, so a rebuild need not parse them.

mod cache;
mod facts;
mod past;
mod peek;
mod repo;
mod timeline;
mod unreadable;
mod version;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, OnceLock};

pub(crate) use facts::MarkedRecommendation;
pub use past::PastVersion;
pub(crate) use past::{CurrentText, PastVersions, in_force_from, short};
pub(crate) use timeline::TrackedFile;
pub use timeline::VersionRecord;
pub(crate) use unreadable::UnreadableVersion;
pub(crate) use version::compare_versions;

use crate::diagnostics::{Language, Message, message};
use crate::model::Guideline;
use crate::site::GUIDELINES_DIR;

use facts::FactsStore;
use repo::Repo;

/// Why a site has no history to show. The site builds as without history; the note says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// `--no-history`.
    TurnedOff,
    /// The site's folder is not in a git repository.
    NotGit,
    /// The repository has no commit yet.
    NoCommits,
    /// A shallow clone: the earlier commits are not there to read.
    Shallow,
    /// Reading the repository failed; the text says how.
    Failed(String),
}

impl Unavailable {
    /// Says why, without what follows: each command adds what it leaves out.
    pub(crate) fn message(&self) -> Message {
        match self {
            Self::TurnedOff => message!("history-turned-off"),
            Self::NotGit => message!("history-not-git"),
            Self::NoCommits => message!("history-no-commits"),
            Self::Shallow => message!("history-shallow"),
            Self::Failed(error) => message!("history-failed", error = error.as_str()),
        }
    }
}

/// English, for what shows it without a language (the build's cache key log).
impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_language(Language::En))
    }
}

/// A git read that failed part-way.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum HistoryError {
    /// gix's reason, in its own words.
    #[error("{0}")]
    Git(String),
    /// A stored text that is not UTF-8.
    #[error("the stored text {blob} is not UTF-8")]
    NotUtf8 { blob: String },
}

/// The approved versions of every guideline file the history holds.
pub struct SiteHistory {
    repo: Repo,
    files: Vec<TrackedFile>,
    /// Every path a tracked file ever had (site-relative) → its index.
    by_path: HashMap<String, usize>,
    /// How many commits this load walked: 0 when the cache was for HEAD, only the new ones
    /// when it was for an ancestor.
    pub commits_walked: usize,
    /// Each guideline's parsed earlier versions, by what they depend on (see `past_versions`).
    past: Mutex<HashMap<String, Arc<OnceLock<Arc<PastVersions>>>>>,
    /// How many stored texts were parsed: the tests' proof that each is parsed once.
    parsed: AtomicUsize,
    /// What earlier builds kept of the versions' texts, so they need not be parsed.
    facts: FactsStore,
}

impl SiteHistory {
    /// Reads the history of the site at `root`, from the cache when HEAD has not moved.
    pub fn load(root: &Path) -> Result<Self, Unavailable> {
        let repo = Repo::open(root)?;
        let (files, commits_walked) = match cache::read(root, repo.head) {
            Some(state) => (state.finished(), 0),
            None => {
                let (state, walked) = repo
                    .walk(cache::read_latest(root))
                    .map_err(|err| Unavailable::Failed(err.to_string()))?;
                cache::write(root, repo.head, &state);
                (state.finished(), walked)
            }
        };
        let mut by_path = HashMap::new();
        for (index, file) in files.iter().enumerate() {
            for path in &file.paths {
                by_path.insert(path.clone(), index);
            }
        }
        Ok(Self {
            repo,
            files,
            by_path,
            commits_walked,
            past: Mutex::default(),
            parsed: AtomicUsize::new(0),
            facts: FactsStore::at(root),
        })
    }

    /// `retning build`/`check` with `--no-history` or `load`'s failure, as one value.
    pub(crate) fn load_unless(off: bool, root: &Path) -> Result<Self, Unavailable> {
        if off {
            Err(Unavailable::TurnedOff)
        } else {
            Self::load(root)
        }
    }

    /// The HEAD commit the history would be read at, without reading it (what the build
    /// cache keys the history by), or why there is none.
    pub(crate) fn head_unless(off: bool, root: &Path) -> Result<String, Unavailable> {
        if off {
            return Err(Unavailable::TurnedOff);
        }
        Ok(Repo::open(root)?.head.to_string())
    }

    /// Keeps what this process learnt of the versions' texts for the next build
    /// (`.retning/versions/`); a failure only costs that build the parsing.
    pub fn save_facts(&self) {
        self.facts.save();
    }

    /// Every approved version of `guideline`'s file, through its renames and the old
    /// addresses in its `aliases`, oldest version first.
    pub fn versions_of(&self, guideline: &Guideline) -> Vec<VersionRecord> {
        self.records_of(&CurrentText::of(guideline))
    }

    /// A hash of the records of `current`'s earlier versions (`earlier_records`): what its
    /// pages and checks read of the history besides `current` itself (each version's text
    /// and files are those of its commit), so a build may reuse them while it holds. A
    /// commit of the current text, or of another file, leaves it as it was.
    pub(crate) fn stamp(&self, current: &CurrentText) -> blake3::Hash {
        let mut hasher = blake3::Hasher::new();
        for record in self.earlier_records(current) {
            hasher.update(format!("{record:?}\n").as_bytes());
        }
        hasher.finalize()
    }

    /// [`versions_of`](Self::versions_of) from what it reads of the current text.
    pub(crate) fn records_of(&self, current: &CurrentText) -> Vec<VersionRecord> {
        let own = format!("{GUIDELINES_DIR}/{}", current.link_key());
        let aliases = current.aliases.iter().filter_map(|alias| {
            let path = alias.trim_matches('/');
            let (group, slug) = path.split_once('/')?;
            (!slug.contains('/')).then(|| format!("{GUIDELINES_DIR}/{group}/{slug}.md"))
        });
        let mut indices: Vec<usize> = std::iter::once(own)
            .chain(aliases)
            .filter_map(|path| self.by_path.get(&path).copied())
            .collect();
        indices.sort_unstable();
        indices.dedup();
        let mut versions: Vec<VersionRecord> = Vec::new();
        for index in indices {
            for record in &self.files[index].versions {
                // Joined through an alias, the later text of a version wins.
                match versions.iter_mut().find(|v| v.version == record.version) {
                    Some(kept) if kept.time.seconds <= record.time.seconds => {
                        *kept = record.clone();
                    }
                    Some(_) => {}
                    None => versions.push(record.clone()),
                }
            }
        }
        versions.sort_by(|a, b| compare_versions(&a.version, &b.version));
        versions
    }

    /// A file beside a version (`path` relative to the site root) as it was in the commit
    /// that wrote that version's text; `None` when it was not there or cannot be read.
    pub(crate) fn file_beside(&self, record: &VersionRecord, path: &str) -> Option<Vec<u8>> {
        self.repo.file_at(record.commit, path).ok().flatten()
    }

    /// The text of a version.
    pub(crate) fn text(&self, record: &VersionRecord) -> Result<String, HistoryError> {
        self.repo.text(record.blob)
    }
}
