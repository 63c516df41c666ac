//! Watching the site's files: notify, debounced, classified, and sent to the rebuild thread.
//! The watcher knows nothing of the server; it only sends [`ChangeKind`]s.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, notify::RecommendedWatcher,
};

use crate::site::GUIDELINES_DIR;

use super::classify::{ChangeKind, THEMES_DIR, classify};

/// How long a path must be quiet before the debouncer passes its events on: the events of
/// one save (write a temporary file, rename it, fix permissions) become one.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How often the debouncer looks for quiet paths; the delay it adds is at most this.
const TICK: Duration = Duration::from_millis(5);
/// How long the whole site must be quiet before a rebuild starts. The debouncer lets each
/// path go once *that path* is quiet, so a burst (a `git checkout` of 50 files, a script
/// rewriting them one by one) arrives as batches some milliseconds apart; waiting for a
/// pause across all paths makes the burst one rebuild. A single save waits
/// `DEBOUNCE + QUIET`, about 60 ms.
const QUIET: Duration = Duration::from_millis(40);
/// A burst that never pauses still gets a rebuild this often.
const QUIET_AT_MOST: Duration = Duration::from_millis(1000);

/// The file watches; dropping it stops watching.
pub struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watch {
    /// Watches `retning.toml` (through the root folder, so an editor replacing the file is
    /// seen), `guidelines/` and `themes/` under `root`, sending what changed to `changes`.
    pub fn start(root: &Path, changes: Sender<ChangeKind>) -> notify::Result<Self> {
        let events_root = root.to_path_buf();
        let debouncer =
            new_debouncer(
                DEBOUNCE,
                Some(TICK),
                move |result: DebounceEventResult| match result {
                    Ok(events) => {
                        let change = classify(&events_root, events.iter().map(|e| &e.event));
                        if !change.is_nothing() {
                            // The rebuild thread has stopped only when the server is stopping.
                            let _ = changes.send(change);
                        }
                    }
                    Err(errors) => {
                        for error in errors {
                            eprintln!("warning: watching the site's files: {error}");
                        }
                    }
                },
            )?;
        let mut watch = Self {
            debouncer,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watch.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watch.watch_folders();
        Ok(watch)
    }

    /// Watches `guidelines/` and `themes/` once they exist (a site may create them later).
    pub fn watch_folders(&mut self) {
        for folder in [GUIDELINES_DIR, THEMES_DIR] {
            let path = self.root.join(folder);
            if self.watched.contains(&path) || !path.is_dir() {
                continue;
            }
            match self.debouncer.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => self.watched.push(path),
                Err(err) => eprintln!("warning: cannot watch {}: {err}", path.display()),
            }
        }
    }
}

/// Waits for the next change and merges every change that follows until the site has been
/// quiet for `QUIET` (40 ms). `None` when the watcher is gone.
pub fn next_change(changes: &Receiver<ChangeKind>) -> Option<ChangeKind> {
    let mut change = changes.recv().ok()?;
    let deadline = Instant::now() + QUIET_AT_MOST;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match changes.recv_timeout(QUIET.min(left)) {
            Ok(more) => change = change.merge(more),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(change)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn changes_in_quick_succession_become_one() {
        let (sender, receiver) = std::sync::mpsc::channel();
        let one = |p: &str| ChangeKind::Guidelines(BTreeSet::from([PathBuf::from(p)]));
        sender.send(one("/a.md")).unwrap();
        sender.send(one("/b.md")).unwrap();
        sender.send(ChangeKind::Nothing).unwrap();
        assert_eq!(
            next_change(&receiver),
            Some(ChangeKind::Guidelines(BTreeSet::from([
                PathBuf::from("/a.md"),
                PathBuf::from("/b.md")
            ])))
        );
        drop(sender);
        assert_eq!(next_change(&receiver), None);
    }
}
