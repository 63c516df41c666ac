//! The HTTP side: answers only from the in-memory site, pushes reloads as server-sent
//! events. Nothing here reads the disk, so no request path can reach a file outside the site.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;

use super::overlay::{EVENTS_PATH, inject};
use super::search_hook;
use super::state::{Shared, Snapshot};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .merge(search_hook::routes())
        .fallback(page)
        .with_state(shared)
}

/// `/__retning/events`: a `hello` with the current generation, then a `reload` with each new
/// one.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the generation: a publish in between is then not missed.
    let receiver = shared.subscribe();
    let hello = Event::default()
        .event("hello")
        .data(shared.current().generation.clone());
    let reloads = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(generation) => {
                    let event = Event::default().event("reload").data(generation);
                    return Some((Ok(event), receiver));
                }
                // Missed some: the next one received is as good as any.
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream::once(async { Ok(hello) }).chain(reloads)).keep_alive(KeepAlive::default())
}

/// Every other path: a file of the site, or its 404 page.
async fn page(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let snapshot = shared.current();
    let Some(key) = site_path(uri.path()) else {
        return not_found(&snapshot);
    };
    if let Some(bytes) = snapshot.files.get(&key) {
        return file(&key, bytes, &snapshot, StatusCode::OK);
    }
    // `/dlg/dlbcl` → `/dlg/dlbcl/`, as static file servers do.
    if snapshot.files.contains_key(&format!("{key}/index.html")) {
        let location = format!("{}/", uri.path());
        if let Ok(location) = HeaderValue::from_str(&location) {
            return (
                StatusCode::TEMPORARY_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
    }
    not_found(&snapshot)
}

/// The file a request path names in the site (`/` → `index.html`, `/x/` → `x/index.html`),
/// or `None` for a path that cannot name one: undecodable, with `.` or `..` segments, empty
/// segments (`//etc/passwd`), backslashes or NUL. Only a lookup in the in-memory site
/// follows, so this is tidiness, not the guard.
pub(crate) fn site_path(path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let relative = decoded.strip_prefix('/')?;
    if relative.contains(['\\', '\0']) {
        return None;
    }
    let directory = relative.is_empty() || relative.ends_with('/');
    let trimmed = relative.strip_suffix('/').unwrap_or(relative);
    if !trimmed.is_empty()
        && trimmed
            .split('/')
            .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        return None;
    }
    Some(if directory {
        format!("{relative}index.html")
    } else {
        relative.to_owned()
    })
}

fn not_found(snapshot: &Snapshot) -> Response {
    match snapshot.files.get("404.html") {
        Some(bytes) => file("404.html", bytes, snapshot, StatusCode::NOT_FOUND),
        // Before the first good build there is no 404 page; the overlay says why.
        None => file(
            "404.html",
            &Bytes::from_static(FALLBACK_404.as_bytes()),
            snapshot,
            StatusCode::NOT_FOUND,
        ),
    }
}

const FALLBACK_404: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found · retning serve</title></head>\n<body><h1>Not found</h1><p>The site has not been built yet.</p></body></html>\n";

fn file(path: &str, bytes: &Bytes, snapshot: &Snapshot, status: StatusCode) -> Response {
    let content_type = content_type(path);
    let body = if path.ends_with(".html") {
        Body::from(inject(bytes, &snapshot.extra))
    } else {
        Body::from(bytes.clone())
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            // A preview is always current: no cache, not even for hashed assets.
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" if path == "feed.xml" => "application/atom+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/dlg/dlbcl/").as_deref(),
            Some("dlg/dlbcl/index.html")
        );
        assert_eq!(site_path("/feed.xml").as_deref(), Some("feed.xml"));
        assert_eq!(site_path("/dlg/dlbcl").as_deref(), Some("dlg/dlbcl"));
        assert_eq!(site_path("/s%C3%B8g/").as_deref(), Some("søg/index.html"));
    }

    #[test]
    fn traversal_and_odd_paths_name_no_file() {
        for path in [
            "/../retning.toml",
            "/%2e%2e/retning.toml",
            "/%2E%2E/retning.toml",
            "/..%2fretning.toml",
            "/..%2Fretning.toml",
            "/dlg/../../retning.toml",
            "/./index.html",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/dlg//dlbcl/",
            "/..\\retning.toml",
            "/%5c..%5cretning.toml",
            "/index.html%00",
            "/%ff",
            "relative",
            "",
        ] {
            assert_eq!(site_path(path), None, "{path}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("api/guidelines.json"), "application/json");
        assert_eq!(
            content_type("assets/retning.0123456789.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
