//! The installable app's cost to a first visit: the service worker and the manifest, as a
//! server sends them gzip-compressed (`build --precompress` writes those copies), stay under
//! the budget of 5 KB. The icons are left out: a browser fetches them only to offer
//! installing, not to show the page.

use crate::support::{TODAY, site, stderr};

/// 5 KB, in bytes: the budget for the worker and the manifest together.
const BUDGET: u64 = 5_000;

#[test]
fn the_service_worker_and_manifest_add_under_5_kb_compressed_to_a_first_visit() {
    let site = site().build();
    let output = site
        .retning()
        .args(["build", "--no-history", "--today", TODAY, "--precompress"])
        .output()
        .expect("run retning build");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let size = |file: &str| {
        std::fs::metadata(site.path(&format!("public/{file}")))
            .unwrap_or_else(|err| panic!("{file}: {err}"))
            .len()
    };
    let files = ["sw.js", "manifest.webmanifest"];
    let compressed: u64 = files.iter().map(|file| size(&format!("{file}.gz"))).sum();
    let plain: u64 = files.iter().map(|file| size(file)).sum();
    // The compressed copies are real: smaller than the files, and not empty.
    assert!(
        0 < compressed && compressed < plain,
        "{compressed} of {plain} bytes"
    );
    assert!(
        compressed < BUDGET,
        "the worker and the manifest are {compressed} bytes gzip-compressed ({plain} plain), over {BUDGET}"
    );
}
