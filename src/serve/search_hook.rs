//! HOOK(search): where search plugs into the preview. Not implemented yet; nothing here
//! runs a query.
//!
//! The plan (issue 5, item 5): `GET /api/search?q=` answers from the same tantivy engine
//! `retning build` uses ([`crate::search::build`] with `dir = None` builds one in memory),
//! and the static reader works too. Two places to fill in:
//!
//! 1. [`routes`]: add `.route("/api/search", get(handler))`. The handler gets the server's
//!    state like every other (`State<Arc<Shared>>`); keep the engine beside the snapshot
//!    (e.g. a field of [`Shared`] the rebuild thread replaces), never in a global.
//! 2. [`site_rebuilt`]: called by the rebuild thread after every rebuild that changed the
//!    site, with the site as read from disk; build or update the index there. It runs on the
//!    rebuild thread, so it delays the next rebuild but never a request.
//!
//! Until then `/api/search` is an unknown path: 404. The preview renders without the static
//! index, so pages carry no `data-search-meta` and the search page lists every
//! recommendation (as it does without JavaScript).

use std::sync::Arc;

use axum::Router;

use crate::site::Site;

use super::http::Shared;

/// The preview's search routes (none yet).
pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
}

/// The site after a rebuild that changed it (none of search's business yet).
pub fn site_rebuilt(_site: &Site, _shared: &Shared) {}
