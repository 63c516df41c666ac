//! What a build left on disk, reduced to one hash of every entry's name, kind, size,
//! modification time and inode: a file edited, added, removed or replaced since the build
//! changes it, so a skipped build never vouches for a site someone changed by hand. (Not the
//! change time: hard-linking a file into the next build, or removing the old site that
//! shares it, changes that without changing the file.)

use std::path::Path;

/// The hash of the folders a build wrote (the site and the search index). `None` when one
/// is missing or cannot be listed.
pub(super) fn fingerprint(folders: &[&Path]) -> Option<blake3::Hash> {
    let mut hasher = blake3::Hasher::new();
    for folder in folders {
        hasher.update(folder.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        // Not followed: a link is recorded as a link (the build writes none).
        let walk = walkdir::WalkDir::new(folder).sort_by_file_name();
        for entry in walk {
            let entry = entry.ok()?;
            let meta = entry.metadata().ok()?;
            let relative = entry.path().strip_prefix(folder).ok()?;
            hasher.update(relative.to_string_lossy().as_bytes());
            hasher.update(&[0]);
            let kind = if meta.is_dir() {
                b'd'
            } else if meta.is_file() {
                b'f'
            } else {
                b'o'
            };
            hasher.update(&[kind]);
            hasher.update(&meta.len().to_le_bytes());
            for number in identity(&meta) {
                hasher.update(&number.to_le_bytes());
            }
        }
    }
    Some(hasher.finalize())
}

/// The inode and the modification time to the nanosecond.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> [u64; 3] {
    use std::os::unix::fs::MetadataExt;
    [meta.ino(), meta.mtime() as u64, meta.mtime_nsec() as u64]
}

/// The modification time (no inode outside Unix).
#[cfg(not(unix))]
fn identity(meta: &std::fs::Metadata) -> [u64; 3] {
    let modified = meta
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    [0, modified.as_secs(), u64::from(modified.subsec_nanos())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_to_the_folder_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        std::fs::create_dir_all(site.join("a")).unwrap();
        std::fs::write(site.join("a/index.html"), "x").unwrap();
        let first = fingerprint(&[&site]).unwrap();
        assert_eq!(fingerprint(&[&site]).unwrap(), first);

        std::fs::write(site.join("a/index.html"), "y").unwrap();
        let edited = fingerprint(&[&site]).unwrap();
        assert_ne!(edited, first);
        std::fs::write(site.join("b.html"), "").unwrap();
        let added = fingerprint(&[&site]).unwrap();
        assert_ne!(added, edited);
        std::fs::remove_file(site.join("b.html")).unwrap();
        assert_ne!(fingerprint(&[&site]).unwrap(), added);
        assert!(fingerprint(&[&dir.path().join("missing")]).is_none());
    }
}
