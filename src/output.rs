//! Writing the site: build beside the old one, then swap, so a failed or killed build never
//! leaves a half-written site. Files whose bytes did not change are hard-linked from the
//! previous site, so they keep their mtime and inode (cheap rsync and CDN deploys).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputTree;

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// Writes `tree` to `out` atomically.
pub fn write_atomically(tree: &OutputTree, out: &Path) -> io::Result<WriteStats> {
    stage(tree, out)?.swap()
}

/// A site written beside `out` (in `.public.tmp`), not yet in its place.
#[must_use = "a staged site is only published by `swap`"]
pub struct Staged {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    stats: WriteStats,
}

/// Writes `tree` beside `out`; files whose bytes equal those of the site now at `out` are
/// hard-linked from it. The site at `out` is untouched until [`Staged::swap`].
pub fn stage(tree: &OutputTree, out: &Path) -> io::Result<Staged> {
    let (staging, previous) = sibling_paths(out)?;
    recover(out, &previous)?;
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    fs::create_dir_all(&staging)?;
    // Each folder once, then the files on every core: creating a file costs the kernel more
    // than writing its bytes, and the folders are the only order the files need.
    let folders: BTreeSet<&Path> = tree
        .files
        .keys()
        .filter_map(|path| Path::new(path).parent())
        .collect();
    for folder in folders {
        fs::create_dir_all(staging.join(folder))?;
    }
    let unchanged: Vec<bool> = tree
        .files
        .par_iter()
        .map(|(path, bytes)| {
            let target = staging.join(path);
            let old = out.join(path);
            if fs::read(&old).is_ok_and(|old_bytes| old_bytes == *bytes)
                && fs::hard_link(&old, &target).is_ok()
            {
                return Ok(true);
            }
            fs::write(&target, bytes)?;
            Ok(false)
        })
        .collect::<io::Result<_>>()?;
    let kept = unchanged.iter().filter(|&&kept| kept).count();
    Ok(Staged {
        out: out.to_path_buf(),
        staging,
        previous,
        stats: WriteStats {
            written: unchanged.len() - kept,
            unchanged: kept,
        },
    })
}

impl Staged {
    /// Puts the staged site in place: the old one moves aside, the new one takes its place,
    /// the old one goes.
    pub fn swap(self) -> io::Result<WriteStats> {
        if self.out.exists() {
            fs::rename(&self.out, &self.previous)?;
        }
        fs::rename(&self.staging, &self.out)?;
        if self.previous.exists() {
            fs::remove_dir_all(&self.previous)?;
        }
        Ok(self.stats)
    }

    /// Removes the staged site: the build failed after writing it.
    pub fn discard(self) -> io::Result<()> {
        fs::remove_dir_all(&self.staging)
    }
}

/// `.public.tmp` (the build in progress) and `.public.old` (the site being replaced).
fn sibling_paths(out: &Path) -> io::Result<(PathBuf, PathBuf)> {
    let name = out
        .file_name()
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a folder name", out.display()),
            )
        })?
        .to_string_lossy();
    let parent = out.parent().unwrap_or(Path::new(""));
    Ok((
        parent.join(format!(".{name}.tmp")),
        parent.join(format!(".{name}.old")),
    ))
}

/// A build killed between the two renames leaves the old site at `.public.old`: put it back.
fn recover(out: &Path, previous: &Path) -> io::Result<()> {
    if previous.exists() {
        if out.exists() {
            fs::remove_dir_all(previous)?;
        } else {
            fs::rename(previous, out)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> OutputTree {
        let mut tree = OutputTree::default();
        for (path, body) in files {
            tree.insert(*path, body.as_bytes().to_vec());
        }
        tree
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_removed_files_go() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomically(
            &tree(&[("a/index.html", "A"), ("b.html", "B"), ("gone.html", "x")]),
            &out,
        )
        .unwrap();
        let inode = fs::metadata(out.join("a/index.html")).unwrap().ino();
        let stats =
            write_atomically(&tree(&[("a/index.html", "A"), ("b.html", "B2")]), &out).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        assert_eq!(fs::metadata(out.join("a/index.html")).unwrap().ino(), inode);
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "B2");
        assert!(!out.join("gone.html").exists());
        assert!(!dir.path().join(".public.tmp").exists());
        assert!(!dir.path().join(".public.old").exists());
    }

    #[test]
    fn a_discarded_site_leaves_the_old_one_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_atomically(&tree(&[("index.html", "old")]), &out).unwrap();
        let staged = stage(&tree(&[("index.html", "new")]), &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        staged.discard().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!dir.path().join(".public.tmp").exists());
    }

    #[test]
    fn a_site_left_aside_by_a_killed_build_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let previous = dir.path().join(".public.old");
        fs::create_dir_all(&previous).unwrap();
        fs::write(previous.join("index.html"), "old").unwrap();
        recover(&out, &previous).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }
}
