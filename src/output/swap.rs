//! Putting a finished folder in place of another without a moment in which neither is there.
//!
//! On Linux the two folders trade places in one system call (`renameat2` with
//! `RENAME_EXCHANGE`), so a web server reading the site, or `retning search` reading the index,
//! always finds a whole one. Where that is not available (another system, or a file system
//! that does not support it) the old folder is moved aside and the new one moved in: two
//! renames, with a gap between them that [`recover_aside`] closes after a kill.

use std::fs;
use std::io;
use std::path::Path;

/// Puts `new` at `target`, and the folder that was at `target` (if any) at `aside`, where the
/// caller removes it. Returns whether `target` was replaced in one step.
pub(crate) fn swap_into_place(new: &Path, target: &Path, aside: &Path) -> io::Result<Swapped> {
    if !target.exists() {
        fs::rename(new, target)?;
        return Ok(Swapped::Moved);
    }
    if exchange(new, target)? {
        // `new` now holds the old folder: that is where the caller looks for it.
        if new != aside {
            fs::rename(new, aside)?;
        }
        return Ok(Swapped::Exchanged);
    }
    fs::rename(target, aside)?;
    fs::rename(new, target)?;
    Ok(Swapped::MovedAside)
}

/// How [`swap_into_place`] did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Swapped {
    /// Nothing was at the target: one rename.
    Moved,
    /// The two folders traded places atomically.
    Exchanged,
    /// The old folder was moved aside first (no atomic exchange here).
    MovedAside,
}

/// After a kill between the two renames of the fallback, the old folder is at `aside` and
/// nothing at `target`: move it back.
pub(super) fn recover_aside(target: &Path, aside: &Path) -> io::Result<()> {
    if aside.exists() && !target.exists() {
        fs::rename(aside, target)?;
    }
    Ok(())
}

/// Exchanges `a` and `b` atomically. `Ok(false)` when the system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // An old kernel (ENOSYS) or a file system without the flag (EINVAL, EOPNOTSUPP).
        Err(Errno::NOSYS | Errno::INVAL | Errno::OPNOTSUPP) => Ok(false),
        Err(err) => Err(err.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The new site, the target and the aside folder, all in `dir` (none made yet).
    fn places(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
        (dir.join("new"), dir.join("site"), dir.join("old"))
    }

    #[test]
    fn the_new_folder_takes_the_place_of_the_old_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (new, target, aside) = places(dir.path());
        fs::create_dir(&new).unwrap();
        fs::write(new.join("index.html"), "new").unwrap();
        fs::create_dir(&target).unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        let swapped = swap_into_place(&new, &target, &aside).unwrap();
        // tmpfs and ext4 both support the exchange; a test machine without it falls back.
        if cfg!(target_os = "linux") {
            assert_eq!(swapped, Swapped::Exchanged);
        }
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(fs::read_to_string(aside.join("index.html")).unwrap(), "old");
        assert!(!new.exists());
    }

    #[test]
    fn with_nothing_at_the_target_the_new_folder_is_moved_there() {
        let dir = tempfile::tempdir().unwrap();
        let (new, target, aside) = places(dir.path());
        fs::create_dir(&new).unwrap();
        assert_eq!(
            swap_into_place(&new, &target, &aside).unwrap(),
            Swapped::Moved
        );
        assert!(target.is_dir() && !aside.exists() && !new.exists());
    }

    #[test]
    fn a_folder_left_aside_by_a_kill_is_put_back_but_never_over_a_site() {
        let dir = tempfile::tempdir().unwrap();
        let (_, target, aside) = places(dir.path());
        fs::create_dir(&aside).unwrap();
        fs::write(aside.join("index.html"), "old").unwrap();
        recover_aside(&target, &aside).unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );

        fs::create_dir(&aside).unwrap();
        recover_aside(&target, &aside).unwrap();
        assert!(
            aside.exists(),
            "a site in place is never replaced by one aside"
        );
    }
}
