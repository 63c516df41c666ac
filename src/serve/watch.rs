//! Watching the site's files: notify's events, classified and sent to the rebuild thread as
//! they come; the rebuild thread waits for the site to settle. The watcher knows nothing of
//! the server; it only sends [`ChangeKind`]s.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

use crate::diagnostics::Language;
use crate::site::GUIDELINES_DIR;

use super::classify::{ChangeKind, THEMES_DIR, classify};
use super::terminal::{cannot_watch, watch_failed};

/// How long the site must be quiet after a guideline changed before the rebuild starts. One
/// save's events (truncate, write, close; or write a temporary file and rename it) come
/// within a millisecond; a `git checkout` writes file after file as fast, so its burst
/// becomes one rebuild, or a few when the disk is slow: each is the cheap fast path. A save
/// read while it is still being written shows the overlay for a moment, until its last event
/// brings the rebuild that reads it whole.
const SETTLE: Duration = Duration::from_millis(5);
/// The same after a theme or configuration change, which rebuilds everything: worth waiting
/// a little longer for, so that a burst costs one full rebuild.
const QUIET_FULL: Duration = Duration::from_millis(40);
/// A burst that never pauses still gets a rebuild this often.
const QUIET_AT_MOST: Duration = Duration::from_millis(1000);

/// The file watches; dropping it stops watching.
pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    watched: Vec<PathBuf>,
    /// How many changes were sent: a long step of the rebuild thread watches it to give way
    /// to a newer save.
    sent: Arc<AtomicU64>,
    /// The language of the warnings it prints.
    language: Language,
}

impl Watch {
    /// Watches `retning.toml` (through the root folder, so an editor replacing the file is
    /// seen), `guidelines/` and `themes/` under `root`, sending what changed to `changes`.
    pub(crate) fn start(
        root: &Path,
        changes: Sender<ChangeKind>,
        language: Language,
    ) -> notify::Result<Self> {
        let events_root = root.to_path_buf();
        let sent = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&sent);
        let watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            match result {
                Ok(event) => {
                    let change = classify(&events_root, [&event]);
                    if !change.is_nothing() {
                        // The rebuild thread has stopped only when the server is stopping.
                        let _ = changes.send(change);
                        counter.fetch_add(1, Ordering::SeqCst);
                    }
                }
                Err(error) => eprintln!("{}", watch_failed(&error.to_string(), language)),
            }
        })?;
        let mut watch = Self {
            watcher,
            root: root.to_path_buf(),
            watched: Vec::new(),
            sent,
            language,
        };
        watch.watcher.watch(root, RecursiveMode::NonRecursive)?;
        watch.watch_folders();
        Ok(watch)
    }

    /// The number of changes sent so far, counting on.
    pub(crate) fn sent(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.sent)
    }

    /// Watches `guidelines/` and `themes/` once they exist (a site may create them later).
    pub(crate) fn watch_folders(&mut self) {
        for folder in [GUIDELINES_DIR, THEMES_DIR] {
            let path = self.root.join(folder);
            if self.watched.contains(&path) || !path.is_dir() {
                continue;
            }
            match self.watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => self.watched.push(path),
                Err(err) => {
                    eprintln!("{}", cannot_watch(&path, &err.to_string(), self.language));
                }
            }
        }
    }
}

/// Waits for the next change and merges every change that follows until the site has been
/// quiet for `SETTLE` (5 ms; `QUIET_FULL` when everything is to be rebuilt). `None` when
/// the watcher is gone.
pub(crate) fn next_change(changes: &Receiver<ChangeKind>) -> Option<ChangeKind> {
    let first = changes.recv().ok()?;
    Some(settle(first, changes))
}

/// `first`, merged with every change that follows until the site has been quiet (as
/// [`next_change`]).
pub(crate) fn settle(first: ChangeKind, changes: &Receiver<ChangeKind>) -> ChangeKind {
    let mut change = first;
    let deadline = Instant::now() + QUIET_AT_MOST;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let quiet = if change == ChangeKind::Everything {
            QUIET_FULL
        } else {
            SETTLE
        };
        match changes.recv_timeout(quiet.min(left)) {
            Ok(more) => change = change.merge(more),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    change
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
