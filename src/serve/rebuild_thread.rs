//! The rebuild thread: waits for a change, rebuilds, publishes the pages, and only then hands
//! the site to the search thread, which catches up on its own. Nothing slow runs here after
//! the pages go out, so the next save is rebuilt as soon as it arrives.

use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use super::classify::ChangeKind;
use super::coalesce::Coalescing;
use super::http::Shared;
use super::overlay::Problem;
use super::rebuild::{Outcome, Preview};
use super::search_indexer::SearchInput;
use super::watch::{self, Watch};

/// What the rebuild thread owns.
pub struct RebuildThread {
    preview: Preview,
    shared: Arc<Shared>,
    search: Coalescing<SearchInput>,
    /// The overlay published last; a rebuild that changes neither it nor a file publishes
    /// nothing (open pages do not reload for nothing).
    shown_overlay: Option<String>,
    published: bool,
}

impl RebuildThread {
    pub fn new(preview: Preview, shared: Arc<Shared>, search: Coalescing<SearchInput>) -> Self {
        Self {
            preview,
            shared,
            search,
            shown_overlay: None,
            published: false,
        }
    }

    /// Runs until the watcher goes; `ready` is told when the first build is served.
    pub fn run(
        mut self,
        mut watch: Watch,
        changes: &Receiver<ChangeKind>,
        ready: tokio::sync::oneshot::Sender<()>,
    ) {
        let mut ready = Some(ready);
        while let Some(change) = watch::next_change(changes) {
            if change.is_nothing() {
                continue;
            }
            self.handle(&change);
            if let Some(ready) = ready.take() {
                let _ = ready.send(());
            }
            watch.watch_folders();
        }
    }

    /// Rebuilds for `change` and publishes what changed; the search index follows later.
    pub fn handle(&mut self, change: &ChangeKind) {
        let started = Instant::now();
        let outcome = rebuild_guarded(&mut self.preview, change);
        let overlay = outcome.overlay();
        if !self.published || outcome.files_changed || overlay != self.shown_overlay {
            self.shared
                .publish(self.preview.files().clone(), overlay.as_deref());
            report(&outcome, change, started);
            if outcome.files_changed
                && let (Some(site), Some(theme)) = (self.preview.site(), self.preview.theme())
            {
                self.search
                    .submit(SearchInput::of(site, theme.text("recommendation")));
            }
        }
        self.published = true;
        self.shown_overlay = overlay;
    }
}

/// A bug in a rebuild is an overlay, not a dead preview: the next rebuild starts afresh.
fn rebuild_guarded(preview: &mut Preview, change: &ChangeKind) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| preview.rebuild(change)))
        .unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_owned());
            preview.force_full();
            Outcome {
                problems: vec![Problem::failure(
                    "internal",
                    format!("retning failed while rebuilding ({message}); please report it"),
                )],
                ..Outcome::default()
            }
        })
}

/// One line per rebuild on the terminal, plus the errors the overlay shows.
fn report(outcome: &Outcome, change: &ChangeKind, started: Instant) {
    let what = match change {
        ChangeKind::Guidelines(paths) if paths.len() == 1 => paths
            .first()
            .and_then(|p| p.file_name())
            .map_or_else(String::new, |n| {
                format!("{} changed: ", n.to_string_lossy())
            }),
        ChangeKind::Guidelines(paths) => format!("{} files changed: ", paths.len()),
        ChangeKind::Everything | ChangeKind::Nothing => String::new(),
    };
    let pages = if outcome.full {
        format!("built {} pages", outcome.rendered)
    } else {
        format!("updated {} files", outcome.rendered)
    };
    let warnings = match outcome.warnings {
        0 => String::new(),
        1 => "; 1 warning (retning check shows it)".to_owned(),
        n => format!("; {n} warnings (retning check shows them)"),
    };
    let errors = match outcome.problems.len() {
        0 => String::new(),
        1 => "; 1 error, shown on every page:".to_owned(),
        n => format!("; {n} errors, shown on every page:"),
    };
    eprintln!(
        "{what}{pages} in {} ms{warnings}{errors}",
        started.elapsed().as_millis()
    );
    for problem in &outcome.problems {
        let place = match (&problem.file, problem.line, problem.column) {
            (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}: "),
            (Some(file), _, _) => format!("{file}: "),
            (None, _, _) => String::new(),
        };
        eprintln!("  {place}{} [{}]", problem.message, problem.code);
    }
}

#[cfg(test)]
mod tests;
