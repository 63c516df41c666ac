//! Search in the preview, with the same code as `retning build`: `GET /api/search?q=` answers
//! from a tantivy engine in memory, and the static reader works on `search/` files served from
//! memory. The meta file has a stable name (`search/meta.json`), as in a build, so pages need
//! not be re-rendered when the index changes; the chunks and fragments it names are
//! content-hashed. The index is built off the rebuild thread
//! ([`super::search_indexer`]); until the first one is ready, `/api/search` answers 503.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Router, routing::MethodRouter};
use search_index::static_index::StaticFiles;

use crate::render::SEARCH_DIR;

use super::state::{META, Shared};

/// Results `/api/search` returns unless `limit` says otherwise.
const DEFAULT_LIMIT: usize = 10;

/// What pages are rendered with: no files, only the stable meta name.
pub(crate) fn stable_meta() -> StaticFiles {
    StaticFiles {
        files: BTreeMap::new(),
        meta: META.to_owned(),
    }
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    let files: MethodRouter<Arc<Shared>> = get(static_file);
    Router::new()
        .route("/api/search", get(api_search))
        // Any file under `search/`, looked up in memory.
        .route(&format!("/{SEARCH_DIR}/{{*file}}"), files)
}

#[derive(serde::Deserialize)]
struct SearchParams {
    q: String,
    group: Option<String>,
    limit: Option<usize>,
}

async fn api_search(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<SearchParams>,
) -> Response {
    let Some(search) = shared.search() else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the search index is being built",
        )
            .into_response();
    };
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT).min(100);
    let group = params.group.as_deref().filter(|g| !g.is_empty());
    match search.engine().search(&params.q, group, limit) {
        Ok(hits) => match serde_json::to_vec(&hits) {
            Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
        },
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    }
}

/// A lookup in the in-memory map, so no path (`..` included) reaches anything outside it.
async fn static_file(State(shared): State<Arc<Shared>>, Path(file): Path<String>) -> Response {
    let bytes = shared
        .search()
        .and_then(|search| search.files().get(&file).cloned());
    match bytes {
        Some(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
