//! The hashes of the input files the last build read, each with the file's stamp (its size,
//! modification and change times, inode and device), so that a build hashes again only the
//! files whose stamp moved: at 1,000 guidelines ~65 MB read and hashed less per build.
//!
//! A file's change time moves with every write and cannot be set back by a user's tools, so
//! an equal stamp means equal bytes, but for one case: a write in the same tick of the file
//! system's clock as the build that recorded the stamp. A stamp is therefore trusted only
//! when the file's times are older than that build's start by [`SETTLED`] (as git trusts its
//! index); a newer file is hashed again, and is trusted from the build after. The record is a
//! hint like the rest of the cache: unreadable, corrupt or of another format, it is ignored.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{CACHE_DIR, sealed};

/// The record of the last build's input hashes.
const STAMPS_FILE: &str = "input-stamps.json";
const MAGIC: &str = "retning-input-stamps 1";
/// How much older than the recording build's start a file's times must be for its stamp to
/// be trusted: more than the coarsest clock of a common file system (FAT's two seconds).
const SETTLED: Duration = Duration::from_secs(3);

/// What changes when a file's bytes do (module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    size: u64,
    /// Modification and change times, nanoseconds since 1970.
    modified: i128,
    changed: i128,
    inode: u64,
    device: u64,
}

impl Stamp {
    pub(super) fn of(meta: &Metadata) -> Self {
        let (changed, inode, device) = identity(meta);
        Self {
            size: meta.len(),
            modified: meta.modified().map_or(i128::MAX, nanos),
            changed,
            inode,
            device,
        }
    }

    /// Whether the file was last written `SETTLED` or more before `time`.
    fn settled_before(&self, time: i128) -> bool {
        let settled = time - SETTLED.as_nanos() as i128;
        self.modified < settled && self.changed < settled
    }
}

#[cfg(unix)]
fn identity(meta: &Metadata) -> (i128, u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let changed = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
    (changed, meta.ino(), meta.dev())
}

/// Outside Unix there is no change time: the modification time stands for it.
#[cfg(not(unix))]
fn identity(meta: &Metadata) -> (i128, u64, u64) {
    (meta.modified().map_or(i128::MAX, nanos), 0, 0)
}

/// Nanoseconds since 1970 (negative before).
fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    /// When the recording build started, nanoseconds since 1970.
    started: i128,
    /// Each input file (root-relative, `/`-separated): its stamp and the hex of its hash.
    files: HashMap<String, (Stamp, String)>,
}

/// The last build's stamps, and those of this build as it hashes.
pub(super) struct InputStamps {
    file: PathBuf,
    last: Record,
    started: i128,
}

impl InputStamps {
    /// The stamps of the site at `root`, this build starting now; with `consult` false the
    /// last build's are not read (`build --no-cache`).
    pub(super) fn of(root: &Path, consult: bool) -> Self {
        let file = root.join(CACHE_DIR).join(STAMPS_FILE);
        let started = nanos(SystemTime::now());
        let last = consult
            .then(|| sealed::read(&file, MAGIC))
            .flatten()
            .unwrap_or_default();
        Self {
            file,
            last,
            started,
        }
    }

    /// The hash of `path` the last build recorded, when its stamp is `stamp` and was settled
    /// when that build started.
    pub(super) fn known(&self, path: &str, stamp: &Stamp) -> Option<blake3::Hash> {
        let (last, hash) = self.last.files.get(path)?;
        (last == stamp && stamp.settled_before(self.last.started))
            .then(|| blake3::Hash::from_hex(hash).ok())
            .flatten()
    }

    /// Records `files` (each input's path, stamp and hash) for the next build, unless they
    /// are the last build's and were all trusted. A record not written costs the next build
    /// its hashing, nothing else.
    pub(super) fn record(self, files: &[(String, Stamp, blake3::Hash)]) {
        let same = files.len() == self.last.files.len()
            && files.iter().all(|(path, stamp, _)| {
                self.last.files.get(path).is_some_and(|(last, _)| {
                    last == stamp && stamp.settled_before(self.last.started)
                })
            });
        if same {
            return;
        }
        let record = Record {
            started: self.started,
            files: files
                .iter()
                .map(|(path, stamp, hash)| (path.clone(), (*stamp, hash.to_hex().to_string())))
                .collect(),
        };
        let _ = sealed::write(&self.file, MAGIC, &record);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_of(path: &Path) -> Stamp {
        Stamp::of(&std::fs::metadata(path).unwrap())
    }

    #[test]
    fn a_stamp_is_trusted_only_once_settled_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let text = root.join("a.md");
        std::fs::write(&text, "first").unwrap();
        let hash = blake3::hash(b"first");
        let stamp = stamp_of(&text);

        // Recorded by a build that started now: the file is too fresh to be trusted.
        let stamps = InputStamps::of(root, true);
        assert_eq!(stamps.known("a.md", &stamp), None);
        stamps.record(&[("a.md".to_owned(), stamp, hash)]);
        assert_eq!(InputStamps::of(root, true).known("a.md", &stamp), None);

        // Recorded by a build that started well after the file's last write: trusted, for
        // that stamp only.
        let mut later = InputStamps::of(root, true);
        later.started += 10 * 1_000_000_000;
        later.last = Record::default();
        later.record(&[("a.md".to_owned(), stamp, hash)]);
        let stamps = InputStamps::of(root, true);
        assert_eq!(stamps.known("a.md", &stamp), Some(hash));
        assert_eq!(stamps.known("b.md", &stamp), None);
        assert_eq!(InputStamps::of(root, false).known("a.md", &stamp), None);

        // Rewritten with bytes of the same length and its modification time set back to
        // the old one: the change time still moves, and the stamp with it.
        let modified = std::fs::metadata(&text).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&text, "other").unwrap();
        let file = std::fs::File::options().write(true).open(&text).unwrap();
        file.set_modified(modified).unwrap();
        let rewritten = stamp_of(&text);
        assert_eq!(rewritten.modified, stamp.modified);
        assert_ne!(rewritten, stamp);
        assert_eq!(stamps.known("a.md", &rewritten), None);
    }

    #[test]
    fn a_corrupt_record_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "x").unwrap();
        let stamp = stamp_of(&root.join("a.md"));
        let mut stamps = InputStamps::of(root, true);
        stamps.started += 10 * 1_000_000_000;
        stamps.record(&[("a.md".to_owned(), stamp, blake3::hash(b"x"))]);
        assert!(InputStamps::of(root, true).known("a.md", &stamp).is_some());
        let file = root.join(CACHE_DIR).join(STAMPS_FILE);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("\"size\":1", "\"size\":2", 1)).unwrap();
        assert_eq!(InputStamps::of(root, true).known("a.md", &stamp), None);
    }
}
