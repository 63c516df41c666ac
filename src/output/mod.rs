//! Writing the site: build beside the old one, then swap, so a failed or killed build never
//! leaves a half-written site. Files whose bytes did not change are hard-linked from the
//! previous site, so they keep their mtime and inode (cheap rsync and CDN deploys).
//!
//! Only an [`OutputFolder`] is ever replaced, and only folders this module wrote (they hold
//! the `MARKER` file) are ever removed.

mod folder;
mod precompress;
mod swap;

pub(crate) use folder::MARKER;
pub use folder::OutputFolder;
pub(crate) use precompress::Precompressed;
pub use precompress::TEXT_EXTENSIONS;
pub(crate) use swap::swap_into_place;

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::render::OutputTree;

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub(crate) written: usize,
    /// Files whose bytes equal the previous site's, hard-linked from it instead of written.
    pub unchanged: usize,
}

/// Writes `tree` to `out` atomically.
#[cfg(test)]
fn write_atomically(tree: &OutputTree, out: &OutputFolder) -> io::Result<WriteStats> {
    stage(tree, out)?.swap()
}

/// A site written beside `out` (in `.public.tmp`), not yet in its place.
#[must_use = "a staged site is only published by `swap`"]
pub(crate) struct Staged {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    stats: WriteStats,
}

/// Writes `tree` beside `out`; files whose bytes equal those of the site now at `out` are
/// hard-linked from it. The site at `out` is untouched until [`Staged::swap`].
#[cfg(test)]
fn stage(tree: &OutputTree, out: &OutputFolder) -> io::Result<Staged> {
    let staging = Staging::begin(out)?;
    staging.put_tree(tree)?;
    Ok(staging.finish())
}

/// A site being written beside `out`, file by file, from any number of threads: the build
/// writes each guideline page as soon as it is rendered, so the pages need not all be held
/// in memory at once. [`Staging::finish`] ends it; [`Staging::discard`] removes it.
#[must_use = "a staging folder is only published by `finish` and then `swap`"]
pub(crate) struct Staging {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    precompress: bool,
    /// Whether a site is at `out` to reuse unchanged files from. A first build (or one into a
    /// new folder) then does not look, file by file, for an old file that is not there.
    has_previous: bool,
    /// Whether the build cache vouched for the site at `out` as the last build left it.
    as_left: bool,
    /// The folders made so far (relative to `staging`), so that each is made once rather
    /// than asked for again (a `mkdir` that fails and a `stat`) with every file put in it.
    folders: Mutex<FxHashSet<PathBuf>>,
    /// The files [`Staging::reuse`] linked, each with whether a later `put_tree` leaves it.
    reused: Mutex<FxHashMap<String, bool>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
}

impl Staging {
    /// Starts an empty staging folder beside `out` (clearing one a killed build left), and
    /// puts back a site a killed build left aside.
    pub(crate) fn begin(folder: &OutputFolder) -> io::Result<Self> {
        let out = folder.path();
        let (staging, previous) = sibling_paths(out)?;
        recover(out, &previous)?;
        remove_if_ours(&staging)?;
        remove_if_ours(&previous)?;
        fs::create_dir_all(&staging)?;
        let staging = Self {
            out: out.to_path_buf(),
            staging,
            previous,
            precompress: folder.precompress(),
            has_previous: out.is_dir(),
            as_left: folder.as_left(),
            folders: Mutex::new(FxHashSet::default()),
            reused: Mutex::new(FxHashMap::default()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        };
        // First, so that a staging folder a kill leaves is known as ours. Not counted: it is
        // not a page.
        staging.write_or_link(MARKER, folder::MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Writes one file (`path` is relative and `/`-separated), creating its folder.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        check_relative(path)?;
        if let Some(folder) = Path::new(path).parent() {
            self.make_folder(folder)?;
        }
        self.put_in_existing_folder(path, bytes)
    }

    /// [`Staging::put`] of a file a later [`Staging::put_tree`] leaves as it is, as a kept
    /// [`Staging::reuse`] (a guideline's site-wide files, written as it is rendered).
    pub(crate) fn put_kept(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(path, bytes)?;
        lock(&self.reused).insert(path.to_owned(), true);
        Ok(())
    }

    /// Writes a file whose name holds a hash of its bytes (`path` as for [`Staging::put`]):
    /// when the build cache vouches for the site in place, a file of that name and size there
    /// holds these bytes, and is linked unread (the static search index's files: tens of
    /// megabytes a build would otherwise read again to compare). Else as [`Staging::put`].
    pub(crate) fn put_named_by_content(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        check_relative(path)?;
        if let Some(folder) = Path::new(path).parent() {
            self.make_folder(folder)?;
        }
        let old = self.out.join(path);
        // The size too: the name holds only part of a hash.
        if self.as_left
            && !lock(&self.reused).contains_key(path)
            && fs::symlink_metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::hard_link(&old, self.staging.join(path)).is_ok()
        {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.put_in_existing_folder(path, bytes)
    }

    /// Hard-links the file at `path` of the site in place into the new one, unread: the
    /// caller knows it holds what a render would write (the build cache vouches for it).
    /// A file put there later replaces it, unless it is `kept`, which a later
    /// [`Staging::put_tree`] leaves as it is (a guideline's own site-wide files win over the
    /// tree's, as when they are rendered). Counted as unchanged.
    pub(crate) fn reuse(&self, path: &str, kept: bool) -> io::Result<()> {
        check_relative(path)?;
        if let Some(folder) = Path::new(path).parent() {
            self.make_folder(folder)?;
        }
        fs::hard_link(self.out.join(path), self.staging.join(path))?;
        lock(&self.reused).insert(path.to_owned(), kept);
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// [`Staging::reuse`] of a file a later [`Staging::put_tree`] leaves as it is, unless a
    /// file is at `path` already: that one stays (`false`).
    pub(crate) fn reuse_unless_there(&self, path: &str) -> io::Result<bool> {
        check_relative(path)?;
        if let Some(folder) = Path::new(path).parent() {
            self.make_folder(folder)?;
        }
        match fs::hard_link(self.out.join(path), self.staging.join(path)) {
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
            linked => linked?,
        }
        lock(&self.reused).insert(path.to_owned(), true);
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        Ok(true)
    }

    /// Makes `folder` (relative to the staging folder) and the folders above it, unless this
    /// staging already made it.
    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        if folder.as_os_str().is_empty() || self.made().contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(self.staging.join(folder))?;
        let mut made = self.made();
        for above in folder.ancestors().filter(|f| !f.as_os_str().is_empty()) {
            if !made.insert(above.to_path_buf()) {
                break;
            }
        }
        Ok(())
    }

    /// The folders made so far. A thread that panicked while holding the set left it whole
    /// (an insert either happened or not), so a poisoned lock is still good.
    fn made(&self) -> std::sync::MutexGuard<'_, FxHashSet<PathBuf>> {
        lock(&self.folders)
    }

    /// Writes every file of `tree`: each folder once, then the files on every core
    /// (creating a file costs the kernel more than writing its bytes).
    pub(crate) fn put_tree(&self, tree: &OutputTree) -> io::Result<()> {
        self.create_folders(tree.files.keys())?;
        let reused = std::mem::take(&mut *lock(&self.reused));
        let kept = |path: &String| reused.get(path).copied().unwrap_or(false);
        tree.files
            .par_iter()
            .filter(|(path, _)| !kept(path))
            .try_for_each(|(path, bytes)| {
                if reused.contains_key(path) {
                    // A link to the old site's file: written through, it would change that.
                    fs::remove_file(self.staging.join(path))?;
                }
                self.put_in_existing_folder(path, bytes)
            })
    }

    /// Creates the folder of each of `paths` (relative, `/`-separated) once.
    fn create_folders<'p>(&self, paths: impl Iterator<Item = &'p String>) -> io::Result<()> {
        let folders: BTreeSet<&Path> = paths.filter_map(|path| Path::new(path).parent()).collect();
        for folder in folders.into_iter().filter(|f| !f.as_os_str().is_empty()) {
            check_relative(&folder.to_string_lossy())?;
            self.make_folder(folder)?;
        }
        Ok(())
    }

    /// Writes a file whose folder exists; if the site at `out` has the same bytes at the same
    /// path, hard-links that file instead, so it keeps its inode and mtime.
    fn put_in_existing_folder(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        check_relative(path)?;
        let counter = if self.write_or_link(path, bytes)? {
            &self.unchanged
        } else {
            &self.written
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Hard-links the old site's file when its bytes are the same (returns `true`), else
    /// writes `bytes`.
    fn write_or_link(&self, path: &str, bytes: &[u8]) -> io::Result<bool> {
        let target = self.staging.join(path);
        if lock(&self.reused).remove(path).is_some() {
            // A link to the old site's file: written through, it would change that.
            fs::remove_file(&target)?;
        }
        if self.has_previous {
            let old = self.out.join(path);
            if same_bytes(&old, bytes) && fs::hard_link(&old, &target).is_ok() {
                return Ok(true);
            }
        }
        fs::write(&target, bytes)?;
        Ok(false)
    }

    /// Once every file is written: a `.gz` and a `.br` copy beside each text file, when the
    /// output folder asks for them (else nothing). The copies count as files written or
    /// unchanged.
    pub(crate) fn precompress(&self) -> io::Result<Option<Precompressed>> {
        if !self.precompress {
            return Ok(None);
        }
        let done = precompress::precompress(&self.staging, &self.out)?;
        self.written.fetch_add(done.written, Ordering::Relaxed);
        self.unchanged.fetch_add(done.unchanged, Ordering::Relaxed);
        Ok(Some(done))
    }

    /// Every file is written: the site is ready to swap in.
    pub(crate) fn finish(self) -> Staged {
        Staged {
            stats: WriteStats {
                written: self.written.into_inner(),
                unchanged: self.unchanged.into_inner(),
            },
            out: self.out,
            staging: self.staging,
            previous: self.previous,
        }
    }

    /// Removes the staging folder: the build failed while writing it.
    pub(crate) fn discard(self) -> io::Result<()> {
        fs::remove_dir_all(&self.staging)
    }
}

impl Staged {
    /// The folder the site goes to, and the folder it is staged in.
    pub(crate) fn folders(&self) -> (&Path, &Path) {
        (&self.out, &self.staging)
    }

    /// Puts the staged site in place (in one step where the system can: there is no moment
    /// without a site), then removes the old one.
    pub(crate) fn swap(self) -> io::Result<WriteStats> {
        swap_into_place(&self.staging, &self.out, &self.previous)?;
        if self.previous.exists() {
            remove_site(&self.previous)?;
        }
        Ok(self.stats)
    }

    /// Removes the staged site: the build failed after writing it.
    pub(crate) fn discard(self) -> io::Result<()> {
        fs::remove_dir_all(&self.staging)
    }
}

/// The mutex's value; a thread that panicked while holding it left it whole (an insert or a
/// remove either happened or not), so a poisoned lock is still good.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether the file at `path` holds exactly `bytes`. Its size is compared first, so a file
/// that grew or shrank is not read at all.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Removes the site a swap set aside, its top-level entries on every core: after a build
/// that changed a few files, unlinking the old site's thousands of files is most of the
/// swap, and one core would do it while the other waits. The marker goes last, so that a
/// build killed meanwhile leaves a folder the next build knows as its own and removes.
fn remove_site(folder: &Path) -> io::Result<()> {
    let entries = fs::read_dir(folder)?.collect::<io::Result<Vec<_>>>()?;
    entries
        .par_iter()
        .filter(|entry| entry.file_name() != MARKER)
        .try_for_each(|entry| {
            // The entry's own type: a symbolic link is removed, never followed.
            if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())
            } else {
                fs::remove_file(entry.path())
            }
        })?;
    fs::remove_dir_all(folder)
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

/// A build killed between the two renames of a swap without atomic exchange leaves the old
/// site at `.public.old`: put it back, when a build wrote it.
fn recover(out: &Path, previous: &Path) -> io::Result<()> {
    if folder::is_ours(previous) {
        swap::recover_aside(out, previous)?;
    }
    Ok(())
}

/// Removes a staging or set-aside folder a killed build left, but never a folder of
/// someone else's that happens to have its name.
fn remove_if_ours(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err),
        // The marker last, as the old site's: a build killed while removing this one leaves
        // it marked (the standard removal took the marker as it came, and the next build
        // then refused the folder as someone else's).
        Ok(_) if folder::is_ours(path) => remove_site(path),
        // A build killed between making its staging folder and marking it left it empty:
        // removing an empty folder loses nothing of anyone's.
        Ok(meta) if meta.is_dir() && fs::remove_dir(path).is_ok() => Ok(()),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is in the way and was not written by retning: move it, then build again",
                path.display()
            ),
        )),
    }
}

/// A page's path must stay inside the site: relative, with no `..`, `.` or empty parts.
/// The paths come from checked names; this is the last guard before a file is written.
fn check_relative(path: &str) -> io::Result<()> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..");
    if bad {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{path}`: it does not stay inside the site"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
