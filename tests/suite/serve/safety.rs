//! What must never reach the preview: paths outside the site, script links, control characters.

use super::*;

#[test]
fn no_path_reaches_outside_the_site() {
    let site = site().build();
    let mut server = Server::start(&site);
    for path in [
        "/../retning.toml",
        "/%2e%2e/retning.toml",
        "/%2E%2E/retning.toml",
        "/..%2fretning.toml",
        "/..%2Fretning.toml",
        "/dlg/../../retning.toml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/..\\retning.toml",
        "/%5c..%5cretning.toml",
        "/retning.toml",
        "/guidelines/dlg/dlbcl.md",
        "/dlg/dlbcl.md",
        "/public/",
        "/findes-ikke/",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(
            response.body.contains("Siden findes ikke"),
            "{path}: the site's 404 page"
        );
        for secret in ["[groups]", "base_url", "root:x:0", "+++"] {
            assert!(!response.body.contains(secret), "{path} leaked {secret}");
        }
    }
    let response = server.get("/");
    assert_eq!(response.status, 200);
    server.assert_running();
}

#[test]
fn a_script_link_in_a_file_with_errors_never_reaches_the_preview() {
    // Never without errors, so the preview renders the file as it is, links and all.
    let site = site()
        .replace(
            "[opfølgning](https://example.org/opfoelgning)",
            "[opfølgning](&#106;avascript:alert(1)) og ![figur](DATA:text/html,x)",
        )
        .replace(
            "url = \"https://example.org/beslutningshjaelper/dlbcl-aeldre\"",
            "url = \" javascript:alert(2)\"",
        )
        .build();
    let server = Server::start(&site);
    let page = server.page("/dlg/dlbcl/");
    let (content, overlay) = page
        .split_once("<div id=\"retning-overlay\"")
        .expect("the page has the overlay");
    assert!(overlay.contains("link.unsafe-scheme"), "{overlay}");
    // The link's text and the aid's title stay; the links do not.
    assert!(content.contains("opfølgning") && content.contains("figur"));
    assert!(content.contains("Beslutningshjælper: behandling af DLBCL hos ældre"));
    let lower = content.to_ascii_lowercase();
    assert!(!lower.contains("javascript:") && !lower.contains("data:text"));
    for value in crate::hostile_links::link_attributes(content) {
        assert!(retning::link_safety::is_allowed(&value), "{value:?}");
    }
}

#[test]
fn a_control_character_in_a_title_never_reaches_the_feed() {
    // Written as a TOML escape (TOML refuses it raw); an error, but the preview renders it.
    let site = site()
        .replace("title = \"Diffust", "title = \"\\u001B]0;x\\u0007Diffust")
        .build();
    let server = Server::start(&site);
    let feed = server.page("/feed.xml");
    assert!(feed.contains("Diffust storcellet"), "{feed}");
    assert!(
        !feed.contains(|c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
        "{feed:?}"
    );
    let home = server.page("/");
    assert!(home.contains("frontmatter.control-character"), "{home}");
}
