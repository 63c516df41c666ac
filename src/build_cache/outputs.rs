//! What a build left on disk, reduced to one hash of every entry's name, kind, size,
//! modification time and inode: a file edited, added, removed or replaced since the build
//! changes it, so a skipped build never vouches for a site someone changed by hand. (Not the
//! change time: hard-linking a file into the next build, or removing the old site that
//! shares it, changes that without changing the file.)

use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The hash of the folders a build wrote (the site and the search index). `None` when one
/// is missing or cannot be listed.
pub(super) fn fingerprint(folders: &[&Path]) -> Option<blake3::Hash> {
    let mut hasher = blake3::Hasher::new();
    for folder in folders {
        add_folder(&mut hasher, folder)?;
    }
    Some(hasher.finalize())
}

/// The listing of a site staged to replace the one at `folder`, made before the swap: while
/// tantivy indexes on one core at the end of a one-change build, the other is free, and the
/// listing no longer waits for the swap. The swap renames the staging folder within the
/// same parent (`output::Staged::swap`), which keeps every entry's name, kind, size, inode and
/// modification time, so this is the listing the site at `folder` has after it; nothing is
/// written into a staged site.
#[derive(Clone)]
pub(crate) struct SiteListing {
    folder: PathBuf,
    hasher: blake3::Hasher,
}

impl SiteListing {
    /// The listing of the site staged in `staging`, named as the one at `folder`; `None`
    /// when it cannot be listed.
    pub(crate) fn of_staged(folder: &Path, staging: &Path) -> Option<Self> {
        let mut hasher = blake3::Hasher::new();
        add_listed_as(&mut hasher, folder, staging)?;
        Some(Self {
            folder: folder.to_path_buf(),
            hasher,
        })
    }
}

/// The fingerprint of the first of `folders` alone and that of all of them (as
/// [`fingerprint`] makes each), from one walk of each: the page record takes the site's, the
/// record of the last build both folders'. The first folder's walk is `site`'s when it
/// is of that folder.
pub(super) fn fingerprints(
    folders: &[&Path],
    site: Option<&SiteListing>,
) -> Option<(blake3::Hash, blake3::Hash)> {
    let (first, rest) = folders.split_first()?;
    let mut hasher = match site.filter(|site| site.folder == *first) {
        Some(site) => site.hasher.clone(),
        None => {
            let mut hasher = blake3::Hasher::new();
            add_folder(&mut hasher, first)?;
            hasher
        }
    };
    let alone = hasher.clone().finalize();
    for folder in rest {
        add_folder(&mut hasher, folder)?;
    }
    Some((alone, hasher.finalize()))
}

/// Hashes `folder`'s listing into `hasher`.
fn add_folder(hasher: &mut blake3::Hasher, folder: &Path) -> Option<()> {
    add_listed_as(hasher, folder, folder)
}

/// Hashes the listing of `folder` into `hasher` as that of the folder named `name`.
fn add_listed_as(hasher: &mut blake3::Hasher, name: &Path, folder: &Path) -> Option<()> {
    hasher.update(name.to_string_lossy().as_bytes());
    hasher.update(&[0]);
    // The folder itself, then each entry in it with everything under it: the same entries
    // in the same order as one walk of the whole folder, but the entries' own walks
    // (thousands of `stat`s) run on every core.
    let mut top = std::fs::read_dir(folder)
        .ok()?
        .map(|entry| entry.map(|entry| entry.file_name()))
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    top.sort_unstable();
    let records: Vec<Vec<u8>> = std::iter::once(listing(folder, folder, 0))
        .chain(
            top.par_iter()
                .map(|name| listing(folder, &folder.join(name), usize::MAX))
                .collect::<Vec<_>>(),
        )
        .collect::<Option<_>>()?;
    for record in records {
        hasher.update(&record);
    }
    Some(())
}

/// The records of `start` and of what is under it down to `depth` levels (not followed: a
/// link is recorded as a link, and the build writes none), names relative to `folder`: one
/// walk in name order, each folder's entries before the next folder's (as `walkdir` with
/// `sort_by_file_name` walks). Each entry is stat'ed from its folder (`DirEntry::metadata`),
/// not by its whole path: on a site of ~9,000 files, the kernel looks up one name per entry
/// rather than every folder above it.
fn listing(folder: &Path, start: &Path, depth: usize) -> Option<Vec<u8>> {
    let mut record = Vec::new();
    let relative = start.strip_prefix(folder).ok()?;
    let name = relative.to_string_lossy().into_owned();
    let meta = std::fs::symlink_metadata(start).ok()?;
    push_entry(&mut record, &name, &meta);
    if meta.is_dir() && depth > 0 {
        record.extend(list_folder(start, &name, depth - 1)?);
    }
    Some(record)
}

/// Entries of one folder listed by one job: a folder of a few thousand files (the static
/// search index's) is listed on every core, not by the one that came to it.
const ENTRIES_PER_JOB: usize = 64;

/// The records of what is in `dir` (named `name` relative to the walk's folder) and under it
/// down to `depth` more levels, in name order.
fn list_folder(dir: &Path, name: &str, depth: usize) -> Option<Vec<u8>> {
    let mut entries = std::fs::read_dir(dir)
        .ok()?
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    entries.sort_unstable_by_key(std::fs::DirEntry::file_name);
    let records = entries
        .par_chunks(ENTRIES_PER_JOB)
        .map(|entries| {
            let mut record = Vec::new();
            for entry in entries {
                let meta = entry.metadata().ok()?;
                let file_name = entry.file_name();
                let child = if name.is_empty() {
                    file_name.to_string_lossy().into_owned()
                } else {
                    format!("{name}/{}", file_name.to_string_lossy())
                };
                push_entry(&mut record, &child, &meta);
                if meta.is_dir() && depth > 0 {
                    record.extend(list_folder(&entry.path(), &child, depth - 1)?);
                }
            }
            Some(record)
        })
        .collect::<Option<Vec<_>>>()?;
    Some(records.concat())
}

/// One entry's record: its name, its kind, its size and its identity.
fn push_entry(record: &mut Vec<u8>, name: &str, meta: &std::fs::Metadata) {
    record.extend_from_slice(name.as_bytes());
    record.push(0);
    let kind = if meta.is_dir() {
        b'd'
    } else if meta.is_file() {
        b'f'
    } else {
        b'o'
    };
    record.push(kind);
    record.extend_from_slice(&meta.len().to_le_bytes());
    for number in identity(meta) {
        record.extend_from_slice(&number.to_le_bytes());
    }
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

    #[test]
    fn one_walk_gives_the_sites_fingerprint_and_both_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (site, index) = (dir.path().join("public"), dir.path().join("index"));
        for (folder, file) in [(&site, "index.html"), (&index, "meta.json")] {
            std::fs::create_dir_all(folder).unwrap();
            std::fs::write(folder.join(file), file).unwrap();
        }
        let (alone, both) = fingerprints(&[&site, &index], None).unwrap();
        assert_eq!(alone, fingerprint(&[&site]).unwrap());
        assert_eq!(both, fingerprint(&[&site, &index]).unwrap());
        assert_ne!(alone, both);
        assert!(fingerprints(&[&site, &dir.path().join("missing")], None).is_none());
    }

    /// A site listed as staged, before the swap that puts it in place of the last one (and
    /// the last one's removal), is listed as the site after them; a listing of another
    /// folder's staging is not taken.
    #[test]
    fn a_staged_site_listed_before_the_swap_is_the_site_after_it() {
        let (dir, site) = site_of(&["a", "b/c"], &["index.html", "a/1.html", "b/c/2.html"]);
        let index = dir.path().join("index");
        std::fs::create_dir_all(&index).unwrap();
        std::fs::write(index.join("meta.json"), "{}").unwrap();
        let (staging, aside) = (
            dir.path().join(".public.tmp"),
            dir.path().join(".public.old"),
        );
        for folder in ["a", "b/c", "d"] {
            std::fs::create_dir_all(staging.join(folder)).unwrap();
        }
        std::fs::hard_link(site.join("a/1.html"), staging.join("a/1.html")).unwrap();
        std::fs::write(staging.join("index.html"), "new").unwrap();
        std::fs::write(staging.join("d/3.html"), "3").unwrap();

        let listed = SiteListing::of_staged(&site, &staging).unwrap();
        let other = SiteListing::of_staged(&index, &staging).unwrap();
        let before = fingerprints(&[&site, &index], Some(&listed)).unwrap();
        assert_ne!(before, fingerprints(&[&site, &index], None).unwrap());
        crate::output::swap_into_place(&staging, &site, &aside).unwrap();
        std::fs::remove_dir_all(&aside).unwrap();
        let after = fingerprints(&[&site, &index], None).unwrap();
        assert_eq!(before, after);
        assert_eq!(fingerprints(&[&site, &index], Some(&other)).unwrap(), after);
    }

    /// A site folder (`public` in a new temporary folder) with these folders and files (each
    /// holding its own name).
    fn site_of(folders: &[&str], files: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        for folder in folders {
            std::fs::create_dir_all(site.join(folder)).unwrap();
        }
        for file in files {
            std::fs::write(site.join(file), file).unwrap();
        }
        (dir, site)
    }

    /// Split by top-level entry, the hash is still that of one walk of the whole folder in
    /// name order (the same value as before the split, so a record stays valid).
    #[test]
    fn the_fingerprint_is_the_hash_of_one_sorted_walk() {
        let (_dir, site) = site_of(
            &["b/x", "a", "c/y/z"],
            &[
                "index.html",
                "a/1.html",
                "b/x/2.html",
                "c/y/z/3.html",
                "c/0.html",
            ],
        );
        let mut hasher = blake3::Hasher::new();
        hasher.update(site.to_string_lossy().as_bytes());
        hasher.update(&[0]);
        hasher.update(&listing(&site, &site, usize::MAX).unwrap());
        assert_eq!(fingerprint(&[&site]).unwrap(), hasher.finalize());
    }

    /// The listing as `walkdir` makes it (sorted by name, links not followed): what the
    /// fingerprint has always hashed, so records written before stay valid.
    fn walked(folder: &Path, start: &Path, depth: usize) -> Vec<u8> {
        let mut record = Vec::new();
        let walk = walkdir::WalkDir::new(start)
            .max_depth(depth)
            .sort_by_file_name();
        for entry in walk {
            let entry = entry.unwrap();
            let relative = entry.path().strip_prefix(folder).unwrap();
            push_entry(
                &mut record,
                &relative.to_string_lossy(),
                &entry.metadata().unwrap(),
            );
        }
        record
    }

    #[test]
    fn the_listing_is_the_one_walkdir_makes() {
        let (_dir, site) = site_of(
            &["b/x", "a", "c/y/z", "æble/ø", "a-b", "a.b"],
            &[
                "index.html",
                "a/1.html",
                "b/x/2.html",
                "c/y/z/3.html",
                "æble/ø/å.html",
            ],
        );
        #[cfg(unix)]
        std::os::unix::fs::symlink(site.join("b"), site.join("c/link")).unwrap();
        // A folder listed by several jobs, folders among its files on both sides of where
        // the jobs part.
        for n in 0..(3 * ENTRIES_PER_JOB + 5) {
            if n % 31 == 0 {
                std::fs::create_dir_all(site.join(format!("b/many/{n:03}/in"))).unwrap();
                std::fs::write(site.join(format!("b/many/{n:03}/in/f.json")), "{}").unwrap();
            } else {
                std::fs::write(site.join(format!("b/many/{n:03}.json")), "{}").unwrap();
            }
        }
        for (start, depth) in [(site.clone(), 0), (site.clone(), usize::MAX)]
            .into_iter()
            .chain(
                ["a", "b", "c", "æble", "index.html", "b/many"].map(|n| (site.join(n), usize::MAX)),
            )
        {
            assert_eq!(
                listing(&site, &start, depth).unwrap(),
                walked(&site, &start, depth),
                "{}",
                start.display()
            );
        }
    }
}
