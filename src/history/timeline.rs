//! From the guideline files of each commit, oldest first, to every guideline's approved
//! versions. Pure bookkeeping: the git reading lives in `repo`, so this is tested on made-up
//! commits.

use std::collections::{BTreeMap, HashMap};

use gix::ObjectId;
use serde::{Deserialize, Serialize};

use super::peek::Peeked;

/// When a commit was made: seconds since the epoch and the committer's UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CommitTime {
    pub(crate) seconds: i64,
    pub(crate) offset_seconds: i32,
}

impl CommitTime {
    /// The calendar date in the committer's own time zone.
    pub(crate) fn date(self) -> Option<jiff::civil::Date> {
        let offset = jiff::tz::Offset::from_seconds(self.offset_seconds).ok()?;
        let at = jiff::Timestamp::from_second(self.seconds).ok()?;
        Some(offset.to_datetime(at).date())
    }
}

/// A commit of the walk.
#[derive(Debug, Clone)]
pub(super) struct CommitInfo {
    pub(crate) id: ObjectId,
    pub(crate) time: CommitTime,
}

/// The text of one approved version: the last text its file had while its front matter said
/// that version and `status = "approved"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRecord {
    pub(crate) version: String,
    /// Where the file was then, relative to the site root (`guidelines/dlg/dlbcl.md`).
    pub(crate) path: String,
    /// The git blob holding that text.
    #[serde(with = "super::cache::object_id")]
    pub(crate) blob: ObjectId,
    /// The commit that wrote that text, and when.
    #[serde(with = "super::cache::object_id")]
    pub(crate) commit: ObjectId,
    pub(crate) time: CommitTime,
    /// The first commit in which the file had this version approved, and when.
    #[serde(with = "super::cache::object_id")]
    pub(crate) approved_in: ObjectId,
    pub(crate) approved_time: CommitTime,
}

/// One guideline file followed through its renames.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TrackedFile {
    /// Every path the file had, oldest first (site-root relative).
    pub(crate) paths: Vec<String>,
    /// Its approved versions, in the order they were first approved.
    pub(crate) versions: Vec<VersionRecord>,
}

/// The walk's state: which file each path belongs to, and the files of the last commit.
#[derive(Default)]
pub(super) struct Timeline {
    files: Vec<TrackedFile>,
    by_path: HashMap<String, usize>,
    previous: BTreeMap<String, ObjectId>,
    peeked: HashMap<ObjectId, Option<Peeked>>,
}

/// A git object id in the cache, as hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct StoredId(#[serde(with = "super::cache::object_id")] ObjectId);

/// What the walk knows after its last commit, kept so that a later walk (HEAD moved on) goes
/// on from there instead of starting again from the first commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WalkState {
    /// Every file followed, also those without an approved version yet.
    files: Vec<TrackedFile>,
    /// The guideline files of the last commit walked, and what their front matter said
    /// (a rename is recognised by the title of the file it replaces).
    previous: Vec<(String, StoredId, Option<Peeked>)>,
}

impl WalkState {
    /// The files with at least one approved version.
    pub(crate) fn finished(&self) -> Vec<TrackedFile> {
        self.files
            .iter()
            .filter(|file| !file.versions.is_empty())
            .cloned()
            .collect()
    }
}

impl Timeline {
    /// Goes on from where an earlier walk stopped.
    pub(super) fn resume(state: WalkState) -> Self {
        let mut by_path = HashMap::new();
        for (index, file) in state.files.iter().enumerate() {
            for path in &file.paths {
                by_path.insert(path.clone(), index);
            }
        }
        let mut previous = BTreeMap::new();
        let mut peeked = HashMap::new();
        for (path, StoredId(blob), seen) in state.previous {
            previous.insert(path, blob);
            peeked.insert(blob, seen);
        }
        Self {
            files: state.files,
            by_path,
            previous,
            peeked,
        }
    }

    /// Where the walk is now, to go on from later.
    pub(super) fn state(&self) -> WalkState {
        WalkState {
            files: self.files.clone(),
            previous: self
                .previous
                .iter()
                .map(|(path, blob)| {
                    let seen = self.peeked.get(blob).cloned().flatten();
                    (path.clone(), StoredId(*blob), seen)
                })
                .collect(),
        }
    }

    /// Takes the guideline files (`path → blob`) of the next commit. `read` peeks at a blob
    /// the walk has not seen before.
    pub(super) fn step(
        &mut self,
        commit: &CommitInfo,
        files: &BTreeMap<String, ObjectId>,
        mut read: impl FnMut(ObjectId) -> Option<Peeked>,
    ) {
        let removed: Vec<(String, ObjectId)> = self
            .previous
            .iter()
            .filter(|(path, _)| !files.contains_key(*path))
            .map(|(path, blob)| (path.clone(), *blob))
            .collect();
        for (path, &blob) in files {
            if self.previous.get(path) == Some(&blob) {
                continue;
            }
            let peeked = self
                .peeked
                .entry(blob)
                .or_insert_with(|| read(blob))
                .clone();
            let index = match self.by_path.get(path) {
                Some(&index) => index,
                None => self.new_path(path, blob, peeked.as_ref(), &removed),
            };
            if let Some(peeked) = peeked.filter(|p| p.approved) {
                record(&mut self.files[index], &peeked.version, path, blob, commit);
            }
        }
        self.previous = files.clone();
    }

    /// A path not seen before: a renamed file when a file removed in the same commit had
    /// the same text or the same title (git's own rename detection asks for similar text;
    /// a guideline's title is a steadier sign), else a new file.
    fn new_path(
        &mut self,
        path: &str,
        blob: ObjectId,
        peeked: Option<&Peeked>,
        removed: &[(String, ObjectId)],
    ) -> usize {
        let title = peeked.map(|p| p.title.as_str()).filter(|t| !t.is_empty());
        let renamed_from = removed.iter().find(|(_, old)| *old == blob).or_else(|| {
            let title = title?;
            removed.iter().find(|(_, old)| {
                self.peeked
                    .get(old)
                    .and_then(Option::as_ref)
                    .is_some_and(|p| p.title == title)
            })
        });
        let index = match renamed_from.and_then(|(old, _)| self.by_path.get(old)) {
            Some(&index) => index,
            None => {
                self.files.push(TrackedFile::default());
                self.files.len() - 1
            }
        };
        self.files[index].paths.push(path.to_owned());
        self.by_path.insert(path.to_owned(), index);
        index
    }

    #[cfg(test)]
    pub(crate) fn finish(self) -> Vec<TrackedFile> {
        self.state().finished()
    }
}

fn record(file: &mut TrackedFile, version: &str, path: &str, blob: ObjectId, commit: &CommitInfo) {
    let text = (path.to_owned(), blob, commit.id, commit.time);
    match file.versions.iter_mut().find(|v| v.version == version) {
        Some(existing) => (existing.path, existing.blob, existing.commit, existing.time) = text,
        None => file.versions.push(VersionRecord {
            version: version.to_owned(),
            path: path.to_owned(),
            blob,
            commit: commit.id,
            time: commit.time,
            approved_in: commit.id,
            approved_time: commit.time,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ObjectId {
        ObjectId::from_bytes_or_panic(&[n; 20])
    }

    fn commit(n: u8) -> CommitInfo {
        CommitInfo {
            id: id(100 + n),
            time: CommitTime {
                seconds: i64::from(n) * 86_400,
                offset_seconds: 0,
            },
        }
    }

    /// Blob `n` is titled "T{n/10}" (so 10–19 are one guideline) at version `1.{n%10}`;
    /// odd versions are drafts.
    fn read(blob: ObjectId) -> Option<Peeked> {
        let n = blob.as_bytes()[0];
        Some(Peeked {
            title: format!("T{}", n / 10),
            version: format!("1.{}", n % 10),
            approved: n.is_multiple_of(2),
        })
    }

    fn files(entries: &[(&str, u8)]) -> BTreeMap<String, ObjectId> {
        entries
            .iter()
            .map(|(p, b)| ((*p).to_owned(), id(*b)))
            .collect()
    }

    #[test]
    fn keeps_the_last_text_of_each_approved_version_across_a_rename() {
        let mut timeline = Timeline::default();
        timeline.step(&commit(1), &files(&[("g/a.md", 10)]), read);
        timeline.step(&commit(2), &files(&[("g/a.md", 12)]), read);
        // Version 1.2 edited again (same version number, new text): the later text wins.
        timeline.step(&commit(3), &files(&[("g/a.md", 22)]), |_| {
            Some(Peeked {
                title: "T1".into(),
                version: "1.2".into(),
                approved: true,
            })
        });
        // Renamed without a change of text.
        timeline.step(&commit(4), &files(&[("g/b.md", 22)]), read);
        timeline.step(&commit(5), &files(&[("g/b.md", 13)]), read);
        timeline.step(&commit(6), &files(&[("g/b.md", 14)]), read);
        let tracked = timeline.finish();
        assert_eq!(tracked.len(), 1);
        let file = &tracked[0];
        assert_eq!(file.paths, ["g/a.md", "g/b.md"]);
        let versions: Vec<_> = file
            .versions
            .iter()
            .map(|v| (v.version.as_str(), v.blob, v.commit, v.approved_in))
            .collect();
        assert_eq!(
            versions,
            [
                ("1.0", id(10), id(101), id(101)),
                // The rename is the last commit holding 1.2's text.
                ("1.2", id(22), id(104), id(102)),
                ("1.4", id(14), id(106), id(106)),
            ]
        );
    }

    #[test]
    fn a_rename_with_edits_is_followed_by_its_title_and_other_files_stay_apart() {
        let mut timeline = Timeline::default();
        timeline.step(&commit(1), &files(&[("g/a.md", 10), ("g/x.md", 30)]), read);
        timeline.step(&commit(2), &files(&[("h/a.md", 12), ("g/x.md", 30)]), read);
        timeline.step(&commit(3), &files(&[("h/a.md", 12), ("g/y.md", 40)]), read);
        let tracked = timeline.finish();
        let paths: Vec<_> = tracked.iter().map(|f| f.paths.clone()).collect();
        assert_eq!(
            paths,
            [
                vec!["g/a.md".to_owned(), "h/a.md".to_owned()],
                vec!["g/x.md".to_owned()],
                vec!["g/y.md".to_owned()],
            ]
        );
    }

    #[test]
    fn a_walk_resumed_from_its_state_ends_as_one_walk_would() {
        let steps: [&[(&str, u8)]; 4] = [
            &[("g/a.md", 10), ("g/x.md", 30)],
            &[("g/a.md", 12), ("g/x.md", 30)],
            // Renamed with an edit: found by the title of the file it replaces.
            &[("h/a.md", 14), ("g/x.md", 30)],
            &[("h/a.md", 16), ("g/x.md", 32)],
        ];
        let mut whole = Timeline::default();
        for (n, files_of) in steps.iter().enumerate() {
            whole.step(&commit(n as u8), &files(files_of), read);
        }
        let mut first = Timeline::default();
        for (n, files_of) in steps.iter().enumerate().take(2) {
            first.step(&commit(n as u8), &files(files_of), read);
        }
        // Through the cache's JSON, as a later run would read it.
        let json = serde_json::to_string(&first.state()).expect("serialise");
        let mut resumed = Timeline::resume(serde_json::from_str(&json).expect("read back"));
        for (n, files_of) in steps.iter().enumerate().skip(2) {
            resumed.step(&commit(n as u8), &files(files_of), read);
        }
        assert_eq!(resumed.state(), whole.state());
        assert_eq!(resumed.finish()[0].paths, ["g/a.md", "h/a.md"]);
    }

    #[test]
    fn drafts_are_not_versions() {
        let mut timeline = Timeline::default();
        timeline.step(&commit(1), &files(&[("g/a.md", 11)]), read);
        assert!(timeline.finish().is_empty());
    }
}
