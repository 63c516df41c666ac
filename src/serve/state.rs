//! What the server shows, owned here so that the HTTP side, the rebuild thread and the search
//! thread each depend on it and not on one another: the published snapshot of the site (with
//! the reloads it announces) and the search index of a recent site.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use axum::body::Bytes;
use search_index::Engine;
use search_index::static_index::StaticFiles;
use tokio::sync::broadcast;

use super::overlay::reload_script;

/// The served files: path in the site (`dlg/dlbcl/index.html`) → bytes.
pub(crate) type Files = std::collections::HashMap<String, Bytes>;

/// The meta file name of the static search index: stable, as in a build.
pub(crate) const META: &str = search_index::static_index::META;

/// What the server shows: one consistent state of the site.
pub(crate) struct Snapshot {
    /// Changes with every publish; the page's script compares it with the stream's.
    pub(crate) generation: String,
    pub(crate) files: Files,
    /// What goes before `</body>` of every HTML page: the overlay, if any, and the script.
    pub(crate) extra: String,
}

/// The state the rebuild thread publishes and the handlers read.
pub(crate) struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    reload: broadcast::Sender<String>,
    /// Distinguishes this server from an earlier one, so a page open across a restart reloads.
    instance: String,
    published: AtomicU64,
    /// The search index of a recent site; replaced whole by the search thread, which may lag
    /// the pages by a rebuild or a few.
    search: RwLock<Option<Arc<PreviewSearch>>>,
}

impl Shared {
    pub(crate) fn new() -> Self {
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let instance = format!("{instance:x}");
        let generation = format!("{instance}-0");
        Self {
            snapshot: RwLock::new(Arc::new(Snapshot {
                extra: reload_script(&generation),
                generation,
                files: Files::new(),
            })),
            reload: broadcast::channel(16).0,
            instance,
            published: AtomicU64::new(0),
            search: RwLock::new(None),
        }
    }

    /// The generations published from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<String> {
        self.reload.subscribe()
    }

    /// Answers from `search` from now on: the engine and its static files are swapped as one,
    /// so no answer mixes two sites.
    pub(crate) fn install_search(&self, search: PreviewSearch) {
        *self.search.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(search));
    }

    /// The search installed last, if any.
    pub(crate) fn search(&self) -> Option<Arc<PreviewSearch>> {
        self.search
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Shows `files` (with `overlay` on every HTML page) from now on and tells open pages to
    /// reload. Returns the new generation.
    pub(crate) fn publish(&self, files: Files, overlay: Option<&str>) -> String {
        let number = self.published.fetch_add(1, Ordering::SeqCst) + 1;
        let generation = format!("{}-{number}", self.instance);
        let extra = format!(
            "{}{}",
            overlay.unwrap_or_default(),
            reload_script(&generation)
        );
        let snapshot = Arc::new(Snapshot {
            generation: generation.clone(),
            files,
            extra,
        });
        *self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = snapshot;
        // No receiver is fine: no page is open.
        let _ = self.reload.send(generation.clone());
        generation
    }
}

impl Default for Shared {
    fn default() -> Self {
        Self::new()
    }
}

/// The search of one site: both indexes, installed together.
pub(crate) struct PreviewSearch {
    engine: Engine,
    files: BTreeMap<String, Vec<u8>>,
}

impl PreviewSearch {
    /// The preview's search from a build's two indexes, the meta file under its stable name.
    pub(crate) fn new(engine: Engine, static_files: StaticFiles) -> Self {
        let mut files = static_files.files;
        if let Some(meta) = files.remove(&static_files.meta) {
            files.insert(META.to_owned(), meta);
        }
        Self { engine, files }
    }

    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The static reader's files: `meta.json` and the content-hashed files it names.
    pub(crate) fn files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_publish_has_a_new_generation_and_notifies() {
        let shared = Shared::new();
        let mut receiver = shared.subscribe();
        let first = shared.current().generation.clone();
        let published = shared.publish(Files::new(), Some("<div>overlay</div>"));
        assert_ne!(first, published);
        assert_eq!(receiver.try_recv().unwrap(), published);
        let snapshot = shared.current();
        assert_eq!(snapshot.generation, published);
        assert!(snapshot.extra.starts_with("<div>overlay</div><script"));
    }
}
