//! `retning new <group> <slug> --title T`: a new draft that passes `check`, and refusals that
//! leave the site untouched.

use crate::support::{MAIN, Report, Site, VALID, empty_site, site, stderr, stdout};

fn new(site: &Site, args: &[&str]) -> std::process::Output {
    site.retning()
        .arg("new")
        .args(args)
        .output()
        .expect("run retning new")
}

/// `check` with the real clock, like `new` uses.
fn check_now(site: &Site) -> Report {
    let output = site
        .retning()
        .args(["check", "--format", "json"])
        .output()
        .expect("run retning check");
    Report::from_output(&output)
}

#[test]
fn new_writes_a_draft_that_passes_check() {
    let site = empty_site().build();
    let output = new(
        &site,
        &["dlg", "ny-retningslinje", "--title", "Follikulært lymfom"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("ny-retningslinje.md"),
        "{}",
        stdout(&output)
    );

    let text = std::fs::read_to_string(site.path("guidelines/dlg/ny-retningslinje.md"))
        .expect("the new file");
    assert!(text.starts_with("+++\n"), "{text}");
    assert!(text.contains("title = \"Follikulært lymfom\""), "{text}");
    assert!(text.contains("status = \"draft\""), "{text}");
    for section in [
        "# Nyt siden sidst (ændringslog)",
        "# 1. Anbefalinger (Quick guide)",
        "# 2. Introduktion",
        "# 3. Grundlag",
        "# 4. Referencer",
        "# 5. Metode",
        "# 6. Monitorering",
        "# 7. Bilag",
        "# 8. Om denne kliniske retningslinje",
    ] {
        assert!(
            text.lines().any(|line| line == section),
            "no `{section}`:\n{text}"
        );
    }
    assert!(!text.contains("{{"), "a placeholder was left: {text}");

    let report = check_now(&site);
    assert_eq!(report.errors, 0, "{}", report.listing());
    assert_eq!(report.exit, Some(0));
}

#[test]
fn new_in_a_group_without_a_folder_yet() {
    let site = site().build();
    let output = new(&site, &["dbcg", "brystkraeft", "--title", "Brystkræft"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(site.path("guidelines/dbcg/brystkraeft.md").is_file());
    // The site's other guideline is untouched, and both pass.
    assert_eq!(
        std::fs::read_to_string(site.path(MAIN)).expect("main"),
        VALID
    );
    assert_eq!(check_now(&site).errors, 0);
}

#[test]
fn new_escapes_the_title_for_toml() {
    let site = empty_site().build();
    let title = r#"Lymfom "ny" \ gammel"#;
    let output = new(&site, &["dlg", "citat", "--title", title]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = check_now(&site);
    assert_eq!(report.errors, 0, "{}", report.listing());
}

#[test]
fn new_refuses_to_overwrite() {
    let site = site().build();
    let output = new(&site, &["dlg", "dlbcl", "--title", "Noget andet"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("dlbcl.md"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"));
    assert_eq!(
        std::fs::read_to_string(site.path(MAIN)).expect("main"),
        VALID,
        "the existing guideline was changed"
    );
}

#[test]
fn new_refuses_an_unknown_group() {
    let site = empty_site().build();
    let output = new(&site, &["ukendt", "ny", "--title", "Ny"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("ukendt") && err.contains("dbcg, dlg"), "{err}");
    assert!(!site.path("guidelines/ukendt").exists());
}

#[test]
fn new_refuses_bad_slugs() {
    let site = empty_site().build();
    for slug in [
        "Ny_Retningslinje",
        "æble",
        "-ny",
        "ny-",
        "ny.md",
        "../ny",
        "a/b",
    ] {
        // `--` so that `-ny` reaches retning as a slug, not as flags.
        let output = new(&site, &["--title", "Ny", "--", "dlg", slug]);
        assert_eq!(output.status.code(), Some(2), "slug `{slug}`");
        assert!(stderr(&output).contains("slug"), "{}", stderr(&output));
    }
    let entries = std::fs::read_dir(site.path("guidelines"))
        .expect("guidelines/")
        .count();
    assert_eq!(entries, 0, "a refused `new` wrote something");
    assert!(!site.root().join("ny.md").exists());
}

#[test]
fn new_refuses_an_empty_title() {
    let site = empty_site().build();
    let output = new(&site, &["dlg", "ny", "--title", "  "]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!site.path("guidelines/dlg/ny.md").exists());
}

#[test]
fn new_without_a_site_fails_cleanly() {
    let site = empty_site().config(None).build();
    let output = new(&site, &["dlg", "ny", "--title", "Ny"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("retning.toml"),
        "{}",
        stderr(&output)
    );
}
