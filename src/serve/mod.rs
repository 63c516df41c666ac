//! `retning serve`: the site with drafts, built into memory and served over HTTP; rebuilt
//! when its files change, with the browser reloaded and every error shown on every page.
//!
//! Three parts, each knowing only what it needs: [`watch`] turns file events into
//! [`ChangeKind`]s (through the pure [`classify()`]); one rebuild thread owns the [`Preview`]
//! and publishes each result; [`http`] serves the last published state and pushes reloads.
//! One thread rebuilds, so two rebuilds never race; what arrives meanwhile is merged into the
//! next one, which reads the files as they are then.

pub mod classify;
pub mod http;
pub mod overlay;
pub mod rebuild;
pub mod search_hook;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use anyhow::Context;
use jiff::civil::Date;

pub use classify::{ChangeKind, classify};
pub use rebuild::{Outcome, Preview};

use http::Shared;
use overlay::Problem;
use watch::Watch;

/// What `retning serve` is asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder.
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port; the URL printed says which.
    pub port: u16,
    /// The date statuses are computed for (default: the local date at each rebuild).
    pub today: Option<Date>,
    /// Open the URL in the default browser.
    pub open: bool,
}

/// Serves until interrupted (Ctrl-C). Fails only when it cannot start: the folder or the
/// address is unusable. A broken site is shown, not fatal.
pub fn run(options: ServeOptions) -> anyhow::Result<()> {
    let root = std::fs::canonicalize(&options.root)
        .with_context(|| format!("cannot open the site folder {}", options.root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("retning-serve")
        .build()
        .context("cannot start the server's runtime")?;
    let result = runtime.block_on(serve(root, options));
    // Open event streams would otherwise hold the exit up.
    runtime.shutdown_background();
    result
}

async fn serve(root: PathBuf, options: ServeOptions) -> anyhow::Result<()> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}/");

    let shared = Arc::new(Shared::new());
    let (changes_tx, changes_rx) = std::sync::mpsc::channel();
    // Watch before the first build, so no save is lost between the two.
    let watch = Watch::start(&root, changes_tx.clone())
        .with_context(|| format!("cannot watch {}", root.display()))?;
    changes_tx
        .send(ChangeKind::Everything)
        .context("cannot start the first build")?;
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let preview = Preview::new(root.clone(), url.clone(), options.today);
    let worker_shared = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("retning-rebuild".to_owned())
        .spawn(move || rebuild_loop(preview, watch, &changes_rx, &worker_shared, ready_tx))
        .context("cannot start the rebuild thread")?;
    ready_rx.await.context("the first build did not finish")?;

    println!("Serving {} at {url} (Ctrl-C stops)", root.display());
    if options.open {
        open_browser(&url);
    }
    let app = http::router(shared);
    tokio::select! {
        served = axum::serve(listener, app) => served.context("the server stopped")?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// The rebuild thread: waits for changes, rebuilds, publishes. Runs until the watcher goes.
fn rebuild_loop(
    mut preview: Preview,
    mut watch: Watch,
    changes: &Receiver<ChangeKind>,
    shared: &Shared,
    ready: tokio::sync::oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
    let mut shown_overlay: Option<String> = None;
    while let Some(change) = watch::next_change(changes) {
        if change.is_nothing() {
            continue;
        }
        let started = Instant::now();
        let outcome = rebuild_guarded(&mut preview, &change);
        let overlay = outcome.overlay();
        let first = ready.is_some();
        if first || outcome.files_changed || overlay != shown_overlay {
            shared.publish(preview.files().clone(), overlay.as_deref());
            if outcome.files_changed
                && let (Some(site), Some(theme)) = (preview.site(), preview.theme())
            {
                search_hook::site_rebuilt(site, theme.text("recommendation"), shared);
            }
            report(&outcome, &change, started);
        }
        shown_overlay = overlay;
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        watch.watch_folders();
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

/// Best effort: the URL is printed either way.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(err) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("cannot open a browser ({opener}: {err}); open {url} yourself");
    }
}
