//! `retning serve`: the site with drafts, built into memory and served over HTTP; rebuilt
//! when its files change, with the browser reloaded and every error shown on every page.
//!
//! Three parts, each knowing only what it needs: [`watch`] turns file events into
//! [`ChangeKind`]s (through the pure [`classify()`]); one rebuild thread owns the [`Preview`]
//! and publishes each result into the [`state`] ([`rebuild_thread`]); [`http`] serves the last
//! published state and pushes reloads. One thread rebuilds, so two rebuilds never race; what
//! arrives meanwhile is merged into the next one, which reads the files as they are then. A
//! save's own page is published first, the site-wide checks and listing pages after, while no
//! newer save waits. The search index follows on a thread of its own ([`search_indexer`]),
//! never holding up a page.

pub(crate) mod classify;
pub(crate) mod coalesce;
pub(crate) mod http;
pub(crate) mod overlay;
pub(crate) mod rebuild;
pub(crate) mod rebuild_thread;
pub(crate) mod search_hook;
pub(crate) mod search_indexer;
pub(crate) mod state;
pub(crate) mod terminal;
pub(crate) mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use jiff::civil::Date;

pub(crate) use classify::ChangeKind;
pub(crate) use rebuild::Preview;

use crate::diagnostics::{Language, Message, message};
use crate::history::{SiteHistory, Unavailable};
use crate::terminal::WithoutHistory;
use rebuild_thread::RebuildThread;
use state::Shared;
use watch::Watch;

/// What `retning serve` is asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// The site's folder.
    pub(crate) root: PathBuf,
    pub(crate) bind: IpAddr,
    /// 0 picks a free port; the URL printed says which.
    pub(crate) port: u16,
    /// The date statuses are computed for (default: the local date at each rebuild).
    pub(crate) today: Option<Date>,
    /// Open the URL in the default browser.
    pub(crate) open: bool,
    /// Do not read the git history (no earlier versions on the preview).
    pub(crate) no_history: bool,
    /// The language of the overlay and the terminal lines.
    pub(crate) language: Language,
}

/// Serves until interrupted (Ctrl-C). Fails only when it cannot start: the folder or the
/// address is unusable. A broken site is shown, not fatal.
pub(crate) fn run(options: ServeOptions) -> anyhow::Result<()> {
    let language = options.language;
    let root = std::fs::canonicalize(&options.root).with_context(|| {
        let folder = options.root.display().to_string();
        message!("error-site-folder-unopenable", folder = folder).in_language(language)
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("retning-serve")
        .build()
        .with_context(|| message!("error-runtime").in_language(language))?;
    let result = runtime.block_on(serve(root, options));
    // Open event streams would otherwise hold the exit up.
    runtime.shutdown_background();
    result
}

async fn serve(root: PathBuf, options: ServeOptions) -> anyhow::Result<()> {
    let language = options.language;
    let failed = |message: Message| message.in_language(language);
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| failed(message!("error-listen", address = address.to_string())))?;
    let address = listener.local_addr()?;
    let url = format!("http://{address}/");

    let shared = Arc::new(Shared::new());
    let (changes_tx, changes_rx) = std::sync::mpsc::channel();
    // Watch before the first build, so no save is lost between the two.
    let watch = Watch::start(&root, changes_tx.clone(), language)
        .with_context(|| failed(message!("error-watch", folder = root.display().to_string())))?;
    changes_tx
        .send(ChangeKind::Everything)
        .with_context(|| failed(message!("error-first-build-unstarted")))?;
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    let mut preview = Preview::new(root.clone(), url.clone(), options.today);
    // Read once: the history does not change while the author writes.
    match SiteHistory::load_unless(options.no_history, &root) {
        Ok(history) => preview = preview.with_history(history),
        Err(Unavailable::TurnedOff) => {}
        Err(why) => eprintln!(
            "{}",
            crate::terminal::history_note(&why, WithoutHistory::Preview, options.language)
        ),
    }
    let search = search_indexer::start(Arc::clone(&shared), language)
        .with_context(|| failed(message!("error-search-thread")))?;
    let rebuilds =
        RebuildThread::new(preview, Arc::clone(&shared), search).speaking(options.language);
    std::thread::Builder::new()
        .name("retning-rebuild".to_owned())
        .spawn(move || rebuilds.run(watch, &changes_rx, ready_tx))
        .with_context(|| failed(message!("error-rebuild-thread")))?;
    ready_rx
        .await
        .with_context(|| failed(message!("error-first-build-unfinished")))?;

    println!("{}", terminal::serving(&root, &url, options.language));
    if options.open {
        open_browser(&url, options.language);
    }
    let app = http::router(shared);
    tokio::select! {
        served = axum::serve(listener, app) => served.with_context(|| failed(message!("error-server-stopped")))?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// Best effort: the URL is printed either way.
fn open_browser(url: &str, language: Language) {
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
        let why = crate::diagnostics::message!(
            "serve-no-browser",
            opener = opener,
            error = err.to_string(),
            url = url
        );
        eprintln!("{}", why.in_language(language));
    }
}
