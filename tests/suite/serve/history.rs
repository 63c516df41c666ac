//! Earlier versions from git in the preview.

use super::*;

#[test]
fn the_preview_shows_earlier_versions_from_git_unless_told_not_to() {
    use crate::history::{REC1, history_site};
    let site = history_site();
    let server = Server::start(&site);
    assert!(server.page("/dlg/dlbcl/").contains("Tidligere versioner"));
    assert!(
        server
            .page("/dlg/dlbcl/version/1.0/")
            .contains("Erstattet af version 2.0")
    );
    let changes = "/dlg/dlbcl/version/2.0/aendringer/";
    assert!(
        server
            .page(changes)
            .contains("Ændringer fra version 2.0 til 2.1")
    );
    // An edit goes the fast path: the list stays, the page of the last changes follows.
    save_atomically(
        &site.path(MAIN),
        &VALID.replace(REC1, "Alle patienter skal have PET/CT."),
    );
    server.eventually(changes, "the changes follow the edit", |r| {
        r.body.contains(r#"[indsat: </span>skal"#)
    });
    assert!(server.page("/dlg/dlbcl/").contains("Tidligere versioner"));
    drop(server);

    let off = Server::start_with(&site, &["--no-history"]);
    assert!(!off.page("/dlg/dlbcl/").contains("Tidligere versioner"));
    assert_eq!(off.get("/dlg/dlbcl/version/1.0/").status, 404);
}

#[test]
fn a_guideline_deleted_in_the_preview_takes_its_earlier_versions_pages_with_it() {
    use crate::history::history_site;
    let site = history_site();
    let server = Server::start(&site);
    let pages = [
        "/dlg/dlbcl/version/1.0/",
        "/dlg/dlbcl/version/2.0/",
        "/dlg/dlbcl/version/2.0/aendringer/",
    ];
    for page in pages {
        assert_eq!(server.get(page).status, 200, "{page}");
    }
    std::fs::remove_file(site.path(MAIN)).expect("delete");
    server.eventually("/dlg/dlbcl/", "a 404", |r| r.status == 404);
    for page in pages {
        assert_eq!(server.get(page).status, 404, "{page}");
    }
}
