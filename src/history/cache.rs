//! The walk's result kept under `.retning/history/`, named by the HEAD commit it describes:
//! a rebuild at the same commit reads one small file instead of walking the history again,
//! and after new commits the walk goes on from the cached commit (see [`read_latest`]).

use std::path::{Path, PathBuf};

use gix::ObjectId;
use serde::{Deserialize, Serialize};

use super::timeline::WalkState;

/// Where the cache lives, beside the search index.
pub(crate) const CACHE_DIR: &str = ".retning/history";

/// Bumped whenever what is cached changes meaning, so an old cache is walked again.
const FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Cached {
    format: u32,
    #[serde(with = "object_id")]
    head: ObjectId,
    state: WalkState,
}

fn file_for(root: &Path, head: ObjectId) -> PathBuf {
    root.join(CACHE_DIR).join(format!("{head}.json"))
}

/// The cached walk for `head`, if there is a readable one.
pub(super) fn read(root: &Path, head: ObjectId) -> Option<WalkState> {
    read_file(&file_for(root, head))
        .filter(|cached| cached.head == head)
        .map(|cached| cached.state)
}

/// The one cached walk there is (each write drops the others), whatever its head: HEAD has
/// moved since, and a walk can go on from there when HEAD descends from it.
pub(super) fn read_latest(root: &Path) -> Option<(ObjectId, WalkState)> {
    let entries = std::fs::read_dir(root.join(CACHE_DIR)).ok()?;
    entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .find_map(|path| read_file(&path))
        .map(|cached| (cached.head, cached.state))
}

fn read_file(path: &Path) -> Option<Cached> {
    let bytes = std::fs::read(path).ok()?;
    let cached: Cached = serde_json::from_slice(&bytes).ok()?;
    (cached.format == FORMAT).then_some(cached)
}

/// Keeps the walk for `head` and drops the caches of older heads. A cache that cannot be
/// written only costs the next build a walk, so failures are ignored.
pub(super) fn write(root: &Path, head: ObjectId, state: &WalkState) {
    let dir = root.join(CACHE_DIR);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let cached = Cached {
        format: FORMAT,
        head,
        state: state.clone(),
    };
    let Ok(bytes) = serde_json::to_vec(&cached) else {
        return;
    };
    // Written aside and renamed, so a reader never sees half a file.
    let target = file_for(root, head);
    let partial = target.with_extension("json.tmp");
    if std::fs::write(&partial, bytes).is_ok() {
        let _ = std::fs::rename(&partial, &target);
    }
}

/// Object ids as hex strings in the cache (gix's own serde support pulls in much more).
pub(super) mod object_id {
    use gix::ObjectId;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        id: &ObjectId,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(id)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<ObjectId, D::Error> {
        let hex = String::deserialize(deserializer)?;
        ObjectId::from_hex(hex.as_bytes()).map_err(serde::de::Error::custom)
    }
}
