//! What vouches for a kept segment's files without reading them. A build that starts from
//! the last index checks each kept file's checksum unless the last build recorded the
//! file's stamp (its size, modification time, inode and device) and the stamp is unchanged:
//! at 1,000 guidelines the checksums read ~78 MB, ~40 ms of a one-change build's ~0.6 s of
//! CPU.
//!
//! Not the change time: linking a kept file into the next index, and removing the last
//! index that shares it, change it without changing the file (as the build's record of its
//! output, `build_cache::outputs`). A write does move the modification time, but a write in
//! the same tick of a coarse file system clock as the stamp was taken may not; so a stamp
//! is recorded only for a file last written [`SETTLED`] or more before it was taken, as the
//! build's input stamps are trusted only then. A file whose stamp was not recorded, or moved,
//! is checked by its checksum, and recorded from then on.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

/// How much older than the moment a stamp is taken a file must be for it to be recorded:
/// more than the coarsest clock of a common file system (FAT's two seconds).
const SETTLED: Duration = Duration::from_secs(3);

/// What changes when a segment file is written or replaced (module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    size: u64,
    /// Nanoseconds since 1970.
    modified: i128,
    inode: u64,
    device: u64,
}

/// The stamps of the kept segments' files, by name in the index folder.
pub(super) type Stamps = BTreeMap<String, Stamp>;

impl Stamp {
    /// The stamp of the file `meta` describes, when it can be vouched for: `None` outside
    /// Unix (no inode), or for a file without a modification time.
    fn of(meta: &Metadata) -> Option<Self> {
        let modified = nanos(meta.modified().ok()?);
        let (inode, device) = identity(meta)?;
        Some(Self {
            size: meta.len(),
            modified,
            inode,
            device,
        })
    }

    /// Whether the file was last written `SETTLED` or more before `now`.
    fn settled_at(&self, now: i128) -> bool {
        self.modified < now - SETTLED.as_nanos() as i128
    }
}

#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.ino(), meta.dev()))
}

#[cfg(not(unix))]
fn identity(_: &Metadata) -> Option<(u64, u64)> {
    None
}

/// Nanoseconds since 1970 (negative before).
fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// Checks the `files` (names in `dir`) of the segments a build keeps: each whose stamp is
/// the one `recorded` is taken as it was written, every other by its checksum (`whole`).
/// The stamps to record for them, taken before they were checked, when all are sound;
/// `None` when one is not.
pub(super) fn vouch(
    dir: &Path,
    files: &[PathBuf],
    recorded: &Stamps,
    whole: impl Fn(&Path) -> bool,
) -> Option<Stamps> {
    let now = nanos(SystemTime::now());
    let mut stamps = Stamps::new();
    for file in files {
        let stamp = std::fs::symlink_metadata(dir.join(file))
            .ok()
            .and_then(|meta| Stamp::of(&meta));
        let name = file.to_string_lossy();
        let known = stamp.is_some() && recorded.get(name.as_ref()) == stamp.as_ref();
        if !known && !whole(file) {
            return None;
        }
        if let Some(stamp) = stamp.filter(|stamp| stamp.settled_at(now)) {
            stamps.insert(name.into_owned(), stamp);
        }
    }
    Some(stamps)
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;

    fn aged(path: &Path, age: Duration) {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    #[test]
    fn a_file_is_trusted_by_its_stamp_only_once_settled_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let files = [PathBuf::from("a.idx"), PathBuf::from("b.pos")];
        for file in &files {
            std::fs::write(dir.path().join(file), b"segment bytes").unwrap();
        }
        let checked = std::cell::RefCell::new(Vec::new());
        let whole = |file: &Path| {
            checked.borrow_mut().push(file.to_path_buf());
            true
        };
        // Nothing recorded: every file is checked; just written, none is recorded.
        let fresh = vouch(dir.path(), &files, &Stamps::new(), whole).unwrap();
        assert_eq!(checked.borrow().len(), 2);
        assert!(fresh.is_empty());

        // Settled: checked once more, then recorded and trusted.
        aged(&dir.path().join("a.idx"), Duration::from_secs(10));
        aged(&dir.path().join("b.pos"), Duration::from_secs(10));
        checked.borrow_mut().clear();
        let recorded = vouch(dir.path(), &files, &fresh, whole).unwrap();
        assert_eq!(checked.borrow().len(), 2);
        assert_eq!(recorded.len(), 2);
        checked.borrow_mut().clear();
        assert_eq!(
            vouch(dir.path(), &files, &recorded, whole),
            Some(recorded.clone())
        );
        assert!(checked.borrow().is_empty());

        // Rewritten with bytes of the same length and its time set back: the inode stays,
        // the time moves by a nanosecond or more, so it is checked again.
        std::fs::write(dir.path().join("b.pos"), b"segment BYTES").unwrap();
        aged(&dir.path().join("b.pos"), Duration::from_secs(9));
        checked.borrow_mut().clear();
        vouch(dir.path(), &files, &recorded, whole).unwrap();
        assert_eq!(*checked.borrow(), vec![PathBuf::from("b.pos")]);

        // Replaced by another file: another inode.
        let other = dir.path().join("other");
        std::fs::write(&other, b"segment bytes").unwrap();
        std::fs::rename(&other, dir.path().join("a.idx")).unwrap();
        checked.borrow_mut().clear();
        vouch(dir.path(), &files, &recorded, whole).unwrap();
        assert!(checked.borrow().contains(&PathBuf::from("a.idx")));

        // A file that fails its checksum fails the whole; so does a missing one.
        assert_eq!(vouch(dir.path(), &files, &Stamps::new(), |_| false), None);
        std::fs::remove_file(dir.path().join("a.idx")).unwrap();
        assert_eq!(vouch(dir.path(), &files, &recorded, |_| false), None);
    }
}
