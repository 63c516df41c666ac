//! Files and where they live: group folders, slugs, links out of the site, configuration.

use crate::support::Severity::Error;
use crate::support::{MAIN, Place, VALID, at, site};

#[test]
fn unknown_group_folder() {
    let report = site()
        .file("guidelines/ukendt/dlbcl.md", VALID)
        .check_json();
    report
        .single()
        .expect("source.unknown-group", Error, Place::WholeFile)
        .in_file("guidelines/ukendt/dlbcl.md")
        .message_contains("ukendt")
        .help_contains("dbcg, dlg");
}

#[test]
fn bad_slug() {
    site()
        .file("guidelines/dlg/DLBCL_ny.md", VALID)
        .check_json()
        .single()
        .expect("source.bad-path", Error, Place::WholeFile)
        .in_file("guidelines/dlg/DLBCL_ny.md");
}

#[test]
fn links_out_of_the_site_are_not_followed() {
    let outside = tempfile::tempdir().expect("outside");
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "+++\ntitle = \"root:x:0:0 hemmelig\"\n+++\n").expect("write");
    std::fs::write(outside.path().join("plan.png"), b"\x89PNG").expect("write");
    let site = site().build();
    std::os::unix::fs::symlink(&secret, site.path("guidelines/dlg/laant.md")).expect("link");
    std::os::unix::fs::symlink(outside.path().join("plan.png"), {
        std::fs::create_dir_all(site.path("guidelines/dlg/dlbcl")).expect("mkdir");
        site.path("guidelines/dlg/dlbcl/plan.png")
    })
    .expect("link");
    let report = site.check_json(&[]);
    let outside_findings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "source.outside-site")
        .collect();
    assert_eq!(outside_findings.len(), 2, "{}", report.listing());
    assert!(
        !report.listing().contains("hemmelig"),
        "{}",
        report.listing()
    );
    report
        .diagnostics
        .iter()
        .find(|d| d.file.as_deref() == Some("guidelines/dlg/laant.md"))
        .expect("the link is named")
        .expect("source.outside-site", Error, Place::WholeFile);
    // A link that stays inside the site is read as usual.
    let inside = crate::support::site().dir("guidelines/dbcg").build();
    std::os::unix::fs::symlink(inside.path(MAIN), inside.path("guidelines/dbcg/kopi.md"))
        .expect("link");
    let report = inside.check_json(&[]);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.code != "source.outside-site"),
        "{}",
        report.listing()
    );
}

#[test]
fn guideline_outside_a_group_folder() {
    for path in ["guidelines/dlbcl.md", "guidelines/dlg/gammel/dlbcl.md"] {
        site()
            .file(path, VALID)
            .check_json()
            .single()
            .expect("source.bad-path", Error, Place::WholeFile)
            .in_file(path);
    }
}

#[test]
fn directory_named_like_a_guideline() {
    site()
        .dir("guidelines/dbcg/x.md")
        .check_json()
        .single()
        .expect("source.unreadable", Error, Place::WholeFile)
        .in_file("guidelines/dbcg/x.md");
}

#[test]
fn non_utf8_bytes() {
    let mut bytes = b"+++\ntitle = \"Brystkr".to_vec();
    bytes.extend_from_slice(&[0xe6, 0x66, 0x74]); // "æ" in Latin-1, then "ft"
    bytes.extend_from_slice(b"\"\n+++\n");
    // JSON has no line for it: the finding is about the whole file, the message says where.
    // It has no help line either (made in src/site.rs), hence `expect_without_help`.
    site()
        .file("guidelines/dbcg/latin1.md", bytes)
        .check_json()
        .single()
        .expect_without_help("source.unreadable", Error, Place::WholeFile)
        .in_file("guidelines/dbcg/latin1.md")
        .message_contains("UTF-8")
        .message_contains("line 2, column 17");
}

#[test]
fn missing_configuration() {
    let report = site().config(None).check_json();
    report
        .single()
        .expect("config.invalid", Error, Place::WholeFile)
        .in_file("retning.toml");
    assert_eq!(report.exit, Some(1));
}

#[test]
fn invalid_configuration() {
    let config = crate::support::CONFIG.replace("base_url", "base_ulr");
    site()
        .config(Some(&config))
        .check_json()
        .single()
        .expect("config.invalid", Error, at(2, 1))
        .in_file("retning.toml");
}
