use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::*;
use crate::serve::search_indexer::UnitsCache;

const VALID: &str = include_str!("../../../tests/suite/support/dlbcl.md");
const CONFIG: &str = r#"title = "Test"
base_url = "https://example.org/"

[groups]
dlg = "DLG"
"#;
const PAGE: &str = "dlg/dlbcl/index.html";
const LONG: Duration = Duration::from_secs(30);

fn guideline(root: &Path) -> std::path::PathBuf {
    root.join("guidelines/dlg/dlbcl.md")
}

fn page(shared: &Shared) -> String {
    let snapshot = shared.current();
    let bytes = snapshot.files.get(PAGE).expect("the page is served");
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The URLs of what the installed search finds for `query`; `None` before the first index.
fn found(shared: &Shared, query: &str) -> Option<Vec<String>> {
    let search = shared.search()?;
    let hits = search.engine().search(query, None, 10).unwrap();
    Some(hits.into_iter().map(|hit| hit.doc.url).collect())
}

#[track_caller]
fn eventually(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + LONG;
    while !check() {
        assert!(Instant::now() < deadline, "{what} did not happen");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_page_is_served_before_the_search_index_is_rebuilt_and_search_catches_up() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    fs::write(root.join("retning.toml"), CONFIG).unwrap();
    fs::create_dir_all(root.join("guidelines/dlg")).unwrap();
    fs::write(guideline(root), VALID).unwrap();

    // A search thread that builds the real index, but only once the test lets it.
    let shared = Arc::new(Shared::new());
    let (started_tx, started) = mpsc::channel();
    let (release, gate) = mpsc::channel::<()>();
    let search_shared = Arc::clone(&shared);
    let mut cache = UnitsCache::default();
    let search = Coalescing::start("test-search", Language::En, move |input| {
        started_tx.send(()).unwrap();
        gate.recv().unwrap();
        search_shared.install_search(cache.build(input).unwrap());
    })
    .unwrap();
    let today = Some(jiff::civil::date(2026, 11, 24));
    let preview = Preview::new(root.to_path_buf(), "http://127.0.0.1:1/".to_owned(), today);
    let mut rebuilds = RebuildThread::new(preview, Arc::clone(&shared), search);

    // The first build is served while its index is still being built.
    rebuilds.handle(&ChangeKind::Everything);
    assert!(page(&shared).contains("PET/CT-skanning"));
    started.recv_timeout(LONG).unwrap();
    assert_eq!(found(&shared, "skanning"), None);
    release.send(()).unwrap();
    eventually("the first index", || {
        found(&shared, "skanning").is_some_and(|urls| !urls.is_empty())
    });

    // A save: its page is served at once, while search still answers from the old site.
    let edited = VALID.replace("PET/CT-skanning", "PET/CT-skanning og zebrafisk");
    fs::write(guideline(root), &edited).unwrap();
    rebuilds.handle(&ChangeKind::Guidelines(
        [guideline(root)].into_iter().collect(),
    ));
    assert!(page(&shared).contains("zebrafisk"));
    started.recv_timeout(LONG).unwrap();
    assert_eq!(found(&shared, "zebrafisk"), Some(Vec::new()));

    // Two more saves while that index is held: both pages are served without waiting for it.
    for word in ["giraf", "okapi"] {
        fs::write(guideline(root), edited.replace("zebrafisk", word)).unwrap();
        rebuilds.handle(&ChangeKind::Guidelines(
            [guideline(root)].into_iter().collect(),
        ));
        assert!(page(&shared).contains(word));
    }
    release.send(()).unwrap();
    // The held build ends with the zebrafisk site; the next one is of the newest site only.
    started.recv_timeout(LONG).unwrap();
    release.send(()).unwrap();
    eventually("search finds the newest text", || {
        found(&shared, "okapi").is_some_and(|urls| urls.iter().any(|u| u.contains("/dlg/dlbcl/")))
    });
    assert_eq!(found(&shared, "giraf"), Some(Vec::new()));
    // The site in between (giraf) was never built.
    assert!(started.recv_timeout(Duration::from_millis(200)).is_err());
}

#[test]
fn findings_across_guidelines_reach_the_overlay_with_a_second_publish() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    fs::write(root.join("retning.toml"), CONFIG).unwrap();
    fs::create_dir_all(root.join("guidelines/dlg")).unwrap();
    fs::write(guideline(root), VALID).unwrap();
    // Another guideline that links to `@/dlg/dlbcl.md#udredning`, as the fixture does.
    let other = root.join("guidelines/dlg/b.md");
    fs::write(&other, VALID.replace("Diffust storcellet", "Anden")).unwrap();

    let shared = Arc::new(Shared::new());
    let search = Coalescing::start("test-search", Language::En, |_: SearchInput| {}).unwrap();
    let today = Some(jiff::civil::date(2026, 11, 24));
    let preview = Preview::new(root.to_path_buf(), "http://127.0.0.1:1/".to_owned(), today);
    let mut rebuilds = RebuildThread::new(preview, Arc::clone(&shared), search);
    rebuilds.handle(&ChangeKind::Everything);
    assert!(!rebuilds.catch_up(&|| false), "nothing was left");

    // The heading both link to is renamed, and the saved file's own link with it: its page
    // is served first, without errors…
    fs::write(
        guideline(root),
        VALID
            .replace("## Udredning", "## Diagnostik")
            .replace("dlbcl.md#udredning", "dlbcl.md#diagnostik"),
    )
    .unwrap();
    rebuilds.handle(&ChangeKind::Guidelines(
        [guideline(root)].into_iter().collect(),
    ));
    let first = shared.current();
    assert!(page(&shared).contains("Diagnostik"));
    assert!(!first.extra.contains("guidelines/dlg/"), "{}", first.extra);
    // …then the other guideline's broken link, once the rebuild thread catches up.
    assert!(rebuilds.catch_up(&|| false));
    let second = shared.current();
    assert_ne!(second.generation, first.generation);
    assert!(
        second.extra.contains("guidelines/dlg/b.md"),
        "{}",
        second.extra
    );
    assert!(std::ptr::eq(
        second.files.get(PAGE).unwrap().as_ptr(),
        first.files.get(PAGE).unwrap().as_ptr()
    ));
}
