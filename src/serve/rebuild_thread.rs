//! The rebuild thread: waits for a change, rebuilds, publishes the pages, and only then hands
//! the site to the search thread, which catches up on its own. A save's own pages go out
//! first ([`Preview::step`]); while no newer change waits, the thread then does what the save
//! left ([`Preview::catch_up`]: the site-wide checks and listing pages), and gives that up
//! for a newer save, so the next save is rebuilt as soon as it arrives.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

use super::classify::ChangeKind;
use super::coalesce::Coalescing;
use super::rebuild::{Cancelled, Preview, Rebuilt};
use super::search_indexer::SearchInput;
use super::state::Shared;
use super::terminal::{self, RebuildCounts, Trigger};
use super::watch::{self, Watch};
use crate::diagnostics::{Diagnostic, Language, Message, codes};
use crate::search::SearchLabels;

/// What the rebuild thread owns.
pub(crate) struct RebuildThread {
    preview: Preview,
    shared: Arc<Shared>,
    search: Coalescing<SearchInput>,
    /// The overlay published last; a rebuild that changes neither it nor a file publishes
    /// nothing (open pages do not reload for nothing).
    shown_overlay: Option<String>,
    published: bool,
    /// The language of the overlay and of the lines on the terminal.
    language: Language,
}

impl RebuildThread {
    pub(crate) fn new(
        preview: Preview,
        shared: Arc<Shared>,
        search: Coalescing<SearchInput>,
    ) -> Self {
        Self {
            preview,
            shared,
            search,
            shown_overlay: None,
            published: false,
            language: Language::default(),
        }
    }

    /// Speaks `language` in the overlay and on the terminal.
    #[must_use]
    pub(crate) fn speaking(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// Runs until the watcher goes; `ready` is told when the first build is served.
    pub(crate) fn run(
        mut self,
        mut watch: Watch,
        changes: &Receiver<ChangeKind>,
        ready: tokio::sync::oneshot::Sender<()>,
    ) {
        let sent = watch.sent();
        let mut ready = Some(ready);
        let mut next = watch::next_change(changes);
        while let Some(change) = next {
            if !change.is_nothing() {
                self.handle(&change);
                if let Some(ready) = ready.take() {
                    let _ = ready.send(());
                }
                watch.watch_folders();
            }
            next = self.catch_up_until_a_change(changes, &sent);
        }
    }

    /// Does the work saves left while no change waits; returns the next change (waiting for
    /// one when all is done), `None` once the watcher is gone.
    fn catch_up_until_a_change(
        &mut self,
        changes: &Receiver<ChangeKind>,
        sent: &AtomicU64,
    ) -> Option<ChangeKind> {
        while self.preview.is_behind() {
            match changes.try_recv() {
                Ok(change) => return Some(watch::settle(change, changes)),
                Err(TryRecvError::Disconnected) => return None,
                Err(TryRecvError::Empty) => {}
            }
            let seen = sent.load(Ordering::SeqCst);
            self.catch_up(&|| sent.load(Ordering::SeqCst) != seen);
        }
        watch::next_change(changes)
    }

    /// Rebuilds for `change` and publishes what changed; the search index follows later, and
    /// the site-wide part of a save when [`Self::catch_up`] is called.
    pub(crate) fn handle(&mut self, change: &ChangeKind) {
        let started = Instant::now();
        let outcome = guarded(&mut self.preview, |preview| preview.step(change));
        self.publish(&outcome, &describe(change), started);
    }

    /// Does what the saves handled since left, unless `cancelled` stops it first; publishes
    /// what changed. Whether it finished.
    pub(crate) fn catch_up(&mut self, cancelled: Cancelled<'_>) -> bool {
        let started = Instant::now();
        let outcome = guarded(&mut self.preview, |preview| preview.catch_up(cancelled));
        match outcome {
            Some(outcome) => {
                self.publish(&outcome, &Trigger::SiteWide, started);
                true
            }
            None => false,
        }
    }

    fn publish(&mut self, outcome: &Rebuilt, trigger: &Trigger, started: Instant) {
        let overlay = outcome.overlay(self.language);
        if !self.published || outcome.files_changed || overlay != self.shown_overlay {
            self.shared
                .publish(self.preview.files().clone(), overlay.as_deref());
            report(outcome, trigger, started, self.language);
            if outcome.files_changed
                && let (Some(site), Some(theme)) = (self.preview.site(), self.preview.theme())
            {
                self.search
                    .submit(SearchInput::of(site, SearchLabels::of(theme)));
            }
        }
        self.published = true;
        self.shown_overlay = overlay;
    }
}

/// A bug in a rebuild is an overlay, not a dead preview: the next rebuild starts afresh.
fn guarded<T: From<Rebuilt>>(preview: &mut Preview, step: impl FnOnce(&mut Preview) -> T) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(preview))).unwrap_or_else(
        |panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            preview.force_full();
            T::from(Rebuilt {
                problems: vec![Diagnostic::error(
                    codes::INTERNAL,
                    Message::new("internal").arg("cause", message),
                )],
                ..Rebuilt::default()
            })
        },
    )
}

/// What changed, as the start of a line of [`report`].
fn describe(change: &ChangeKind) -> Trigger {
    match change {
        ChangeKind::Guidelines(paths) if paths.len() == 1 => paths
            .first()
            .and_then(|p| p.file_name())
            .map_or(Trigger::Everything, |n| {
                Trigger::File(n.to_string_lossy().into_owned())
            }),
        ChangeKind::Guidelines(paths) => Trigger::Files(paths.len()),
        ChangeKind::Everything | ChangeKind::Nothing => Trigger::Everything,
    }
}

/// One line per rebuild on the terminal, plus the errors the overlay shows.
fn report(outcome: &Rebuilt, trigger: &Trigger, started: Instant, language: Language) {
    let counts = RebuildCounts {
        full: outcome.full,
        rendered: outcome.rendered,
        warnings: outcome.warnings,
        errors: outcome.problems.len(),
        millis: started.elapsed().as_millis(),
    };
    eprintln!("{}", terminal::rebuilt(trigger, counts, language));
    for problem in &outcome.problems {
        eprintln!("{}", terminal::problem(problem, language));
    }
}

#[cfg(test)]
mod tests;
