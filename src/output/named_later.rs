//! A folder of the site written file by file before its name is known: the static search
//! index's folder is named by a hash of all its files, and holding them all until then took
//! tens of megabytes.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use super::{Staging, check_relative};

/// Where the files go until the folder has its name; a name no hash has.
const UNNAMED: &str = ".unnamed";

/// A folder being written under a temporary name in the staging folder; [`Self::name`]
/// gives it its name. A build that fails before leaves it in the staging folder, which it
/// discards.
pub(crate) struct FolderNamedLater<'s> {
    staging: &'s Staging,
    parent: String,
    /// The folder in the staging folder, under its temporary name.
    temporary: PathBuf,
    /// The files written, by name.
    names: Vec<String>,
}

impl Staging {
    /// Starts a folder under `parent` (relative, `/`-separated) to be named later.
    pub(crate) fn folder_named_later(&self, parent: &str) -> io::Result<FolderNamedLater<'_>> {
        check_relative(parent)?;
        let temporary = self.staging.join(parent).join(UNNAMED);
        fs::create_dir_all(&temporary)?;
        Ok(FolderNamedLater {
            staging: self,
            parent: parent.to_owned(),
            temporary,
            names: Vec::new(),
        })
    }
}

impl FolderNamedLater<'_> {
    /// Writes the file `name` (a plain file name) into the folder.
    pub(crate) fn put(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        check_plain_name(name)?;
        fs::write(self.temporary.join(name), bytes)?;
        self.names.push(name.to_owned());
        Ok(())
    }

    /// Gives the folder its name. Where the site at `out` has a folder of that name, each of
    /// its files with the same bytes is hard-linked in place of the one written, as
    /// `Staging::put` does, so it keeps its inode and mtime. Returns how many files the
    /// folder holds.
    pub(crate) fn name(self, name: &str) -> io::Result<usize> {
        check_plain_name(name)?;
        let folder = format!("{}/{name}", self.parent);
        let target = self.staging.staging.join(&folder);
        fs::rename(&self.temporary, &target)?;
        let old = self.staging.out.join(&folder);
        let mut unchanged = 0;
        if old.is_dir() {
            for file in &self.names {
                if link_if_same(&old.join(file), &target.join(file))? {
                    unchanged += 1;
                }
            }
        }
        let staging = self.staging;
        staging.unchanged.fetch_add(unchanged, Ordering::Relaxed);
        staging
            .written
            .fetch_add(self.names.len() - unchanged, Ordering::Relaxed);
        Ok(self.names.len())
    }
}

/// Replaces `new` by a hard link to `old` when both hold the same bytes; `false` when they
/// differ, or the link cannot be made (the file written stays).
fn link_if_same(old: &std::path::Path, new: &std::path::Path) -> io::Result<bool> {
    let same = match (fs::read(old), fs::read(new)) {
        (Ok(old_bytes), Ok(new_bytes)) => old_bytes == new_bytes,
        (_, Err(err)) => return Err(err),
        (Err(_), _) => false,
    };
    if !same {
        return Ok(false);
    }
    // Linked beside it, then renamed over it: the file is never missing.
    let link = new.with_extension("link");
    if fs::hard_link(old, &link).is_err() {
        return Ok(false);
    }
    fs::rename(&link, new)?;
    Ok(true)
}

/// A file or folder name without a path in it.
fn check_plain_name(name: &str) -> io::Result<()> {
    check_relative(name)?;
    if name.contains('/') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{name}`: not a plain file name"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;

    use super::*;
    use crate::output::OutputFolder;
    use crate::output::WriteStats;

    fn write(out: &OutputFolder, files: &[(&str, &str)], name: &str) -> WriteStats {
        let staging = Staging::begin(out).unwrap();
        let mut folder = staging.folder_named_later("search").unwrap();
        for (file, text) in files {
            folder.put(file, text.as_bytes()).unwrap();
        }
        assert_eq!(folder.name(name).unwrap(), files.len());
        staging.finish().swap().unwrap()
    }

    #[test]
    fn files_written_before_the_name_is_known_end_up_under_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputFolder::choose(dir.path(), std::path::Path::new("public"), false).unwrap();
        let stats = write(&out, &[("c0.json", "chunk"), ("f0.json", "docs")], "abc");
        assert_eq!(
            stats,
            WriteStats {
                written: 2,
                unchanged: 0
            }
        );
        let public = out.path();
        assert_eq!(
            fs::read_to_string(public.join("search/abc/c0.json")).unwrap(),
            "chunk"
        );
        assert!(!public.join("search").join(UNNAMED).exists());
        let inode = |path: &str| fs::metadata(public.join(path)).unwrap().ino();
        let kept = inode("search/abc/f0.json");

        // The same folder name again: its unchanged files are the old ones, linked.
        let stats = write(&out, &[("c0.json", "chunk 2"), ("f0.json", "docs")], "abc");
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        assert_eq!(inode("search/abc/f0.json"), kept);
        assert_eq!(
            fs::read_to_string(public.join("search/abc/c0.json")).unwrap(),
            "chunk 2"
        );
        assert!(!public.join("search/abc/c0.link").exists());

        // Another name: every file is new, and the old folder is gone with the old site.
        let stats = write(&out, &[("f0.json", "docs")], "def");
        assert_eq!(stats.written, 1);
        assert!(!public.join("search/abc").exists());
    }

    #[test]
    fn names_with_a_path_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputFolder::choose(dir.path(), std::path::Path::new("public"), false).unwrap();
        let staging = Staging::begin(&out).unwrap();
        let mut folder = staging.folder_named_later("search").unwrap();
        assert!(folder.put("../escape.json", b"x").is_err());
        assert!(folder.put("", b"x").is_err());
        assert!(folder.name("..").is_err());
        staging.discard().unwrap();
    }
}
