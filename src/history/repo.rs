//! Reading the site's git repository with gix: where the site lies in it, whether its history
//! is whole, and each commit's guideline files along the first-parent line.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use gix::ObjectId;

use super::peek::peek;
use super::timeline::{CommitInfo, CommitTime, Timeline, WalkState};
use super::{HistoryError, Unavailable};
use crate::site::GUIDELINES_DIR;

/// An opened repository holding the site.
pub(super) struct Repo {
    repo: gix::ThreadSafeRepository,
    /// The site root inside the work tree, `/`-separated with a trailing `/` (empty at the top).
    prefix: String,
    pub(crate) head: ObjectId,
}

fn git(err: impl std::fmt::Display) -> HistoryError {
    HistoryError::Git(err.to_string())
}

impl Repo {
    /// Opens the repository that holds `root`. A folder outside git, a repository without
    /// commits or a shallow clone has no history to read.
    pub(super) fn open(root: &Path) -> Result<Self, Unavailable> {
        let root = std::fs::canonicalize(root).map_err(|_| Unavailable::NotGit)?;
        let repo = gix::discover(&root).map_err(|_| Unavailable::NotGit)?;
        let Some(workdir) = repo.workdir().map(Path::to_path_buf) else {
            return Err(Unavailable::NotGit);
        };
        if repo.is_shallow().unwrap_or(false) {
            return Err(Unavailable::Shallow);
        }
        let head = repo.head_id().map_err(|_| Unavailable::NoCommits)?.detach();
        let workdir = std::fs::canonicalize(&workdir).unwrap_or(workdir);
        let prefix = prefix_of(&root, &workdir).ok_or(Unavailable::NotGit)?;
        Ok(Self {
            repo: repo.into_sync(),
            prefix,
            head,
        })
    }

    /// Walks the first-parent line from HEAD, oldest first, and follows every guideline file.
    /// A merge counts as one commit with the merged text: the versions that reached the main
    /// line are the ones that were published. With `earlier` (a walk that stopped at a commit
    /// HEAD descends from), only the commits since are walked. Returns the state at HEAD and
    /// how many commits were walked.
    pub(super) fn walk(
        &self,
        earlier: Option<(ObjectId, WalkState)>,
    ) -> Result<(WalkState, usize), HistoryError> {
        let repo = self.repo.to_thread_local();
        let mut commits = Vec::new();
        let walk = repo
            .rev_walk([self.head])
            .first_parent_only()
            .all()
            .map_err(git)?;
        let mut resumed = None;
        for info in walk {
            let id = info.map_err(git)?.id;
            if let Some((at, _)) = &earlier
                && *at == id
            {
                resumed = earlier.map(|(_, state)| state);
                break;
            }
            commits.push(id);
        }
        commits.reverse();
        let walked = commits.len();
        // Not an ancestor (a rewritten history): from the first commit.
        let mut timeline = resumed.map(Timeline::resume).unwrap_or_default();
        let guidelines = format!("{}{GUIDELINES_DIR}", self.prefix);
        let mut listing = Listing::default();
        let mut last_tree = None;
        for id in commits {
            let commit = repo.find_commit(id).map_err(git)?;
            let time = commit.time().map_err(git)?;
            let tree = commit.tree().map_err(git)?;
            let folder = tree
                .lookup_entry_by_path(&guidelines)
                .map_err(git)?
                .filter(|entry| entry.mode().is_tree())
                .map(|entry| entry.object_id());
            // Most commits leave the guidelines alone: nothing to look at.
            if folder == last_tree && last_tree.is_some() {
                continue;
            }
            last_tree = folder;
            let files = match folder {
                Some(folder) => listing.files(&repo, folder, GUIDELINES_DIR)?,
                None => BTreeMap::new(),
            };
            let info = CommitInfo {
                id,
                time: CommitTime {
                    seconds: time.seconds,
                    offset_seconds: time.offset,
                },
            };
            timeline.step(&info, &files, |blob| {
                let blob = repo.find_blob(blob).ok()?;
                std::str::from_utf8(&blob.data).ok().and_then(peek)
            });
        }
        Ok((timeline.state(), walked))
    }

    /// The bytes of the file at `path` (site-relative) in `commit`'s tree; `None` when the
    /// commit has no file there.
    pub(super) fn file_at(
        &self,
        commit: ObjectId,
        path: &str,
    ) -> Result<Option<Vec<u8>>, HistoryError> {
        let repo = self.repo.to_thread_local();
        let tree = repo.find_commit(commit).map_err(git)?.tree().map_err(git)?;
        let Some(entry) = tree
            .lookup_entry_by_path(format!("{}{path}", self.prefix))
            .map_err(git)?
            .filter(|entry| entry.mode().is_blob())
        else {
            return Ok(None);
        };
        let mut blob = repo.find_blob(entry.object_id()).map_err(git)?;
        Ok(Some(blob.take_data()))
    }

    /// The text of a stored blob.
    pub(super) fn text(&self, blob: ObjectId) -> Result<String, HistoryError> {
        let repo = self.repo.to_thread_local();
        let mut blob = repo.find_blob(blob).map_err(git)?;
        String::from_utf8(blob.take_data()).map_err(|_| HistoryError::NotUtf8 {
            blob: blob.id.to_string(),
        })
    }
}

/// `root` relative to the work tree, as a `/`-separated prefix.
fn prefix_of(root: &Path, workdir: &Path) -> Option<String> {
    let relative: PathBuf = root.strip_prefix(workdir).ok()?.to_path_buf();
    let mut prefix = String::new();
    for part in relative.components() {
        prefix.push_str(part.as_os_str().to_str()?);
        prefix.push('/');
    }
    Some(prefix)
}

/// The guideline files of a `guidelines/` tree, each group folder listed once per version
/// of it (a commit changes one or two groups, not all of them).
#[derive(Default)]
struct Listing {
    groups: HashMap<(String, ObjectId), Vec<(String, ObjectId)>>,
}

impl Listing {
    fn files(
        &mut self,
        repo: &gix::Repository,
        folder: ObjectId,
        base: &str,
    ) -> Result<BTreeMap<String, ObjectId>, HistoryError> {
        let tree = repo.find_tree(folder).map_err(git)?;
        let entries = tree.decode().map_err(git)?;
        let mut files = BTreeMap::new();
        for group in entries.entries.iter().filter(|e| e.mode.is_tree()) {
            let Ok(name) = std::str::from_utf8(group.filename) else {
                continue;
            };
            // Keyed by name too: two groups may hold the same tree (two empty folders).
            let key = (name.to_owned(), group.oid.to_owned());
            let listed = match self.groups.entry(key) {
                Entry::Occupied(listed) => listed.into_mut(),
                Entry::Vacant(slot) => slot.insert(markdown_files(
                    repo,
                    group.oid.to_owned(),
                    &format!("{base}/{name}"),
                )?),
            };
            files.extend(listed.iter().cloned());
        }
        Ok(files)
    }
}

/// The `*.md` blobs directly in a group folder, keyed by their site-relative path.
fn markdown_files(
    repo: &gix::Repository,
    folder: ObjectId,
    path: &str,
) -> Result<Vec<(String, ObjectId)>, HistoryError> {
    let tree = repo.find_tree(folder).map_err(git)?;
    let entries = tree.decode().map_err(git)?;
    Ok(entries
        .entries
        .iter()
        .filter(|e| e.mode.is_blob())
        .filter_map(|e| {
            let name = std::str::from_utf8(e.filename).ok()?;
            name.ends_with(".md")
                .then(|| (format!("{path}/{name}"), e.oid.to_owned()))
        })
        .collect())
}
