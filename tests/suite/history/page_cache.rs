//! The earlier versions' pages kept under `.retning/archive/` between builds: a warm build
//! writes the same bytes as a cold one, anything the pages are made from makes them render
//! again, and an entry that is not sound is never trusted.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;

use super::*;
use crate::support::between;

const CACHE: &str = ".retning/archive";

/// Builds `site` in full: the build cache (`.retning/build/`) would skip a build whose inputs
/// it has seen, and these tests are about what a build that renders does.
fn full_build(site: &Site, extra: &[&str]) {
    build_site(site, &[extra, &["--no-cache"]].concat());
}

/// Each kept entry's inode, by name: a new inode is an entry written again.
fn entries(site: &Site) -> BTreeMap<String, u64> {
    std::fs::read_dir(site.path(CACHE))
        .expect("the cache folder")
        .map(|entry| entry.expect("an entry"))
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, entry.metadata().expect("metadata").ino())
        })
        .collect()
}

/// The pages of the earlier versions, by path.
fn archived_pages(site: &Site) -> BTreeMap<String, String> {
    built_files(site)
        .into_iter()
        .filter(|(path, _)| path.contains("/version/"))
        .collect()
}

/// Builds `site` with its caches removed first (the pages, and the versions' facts that
/// spare their parsing), and returns every file built.
fn cold_build(site: &Site) -> Vec<(String, String)> {
    let _ = std::fs::remove_dir_all(site.path(CACHE));
    let _ = std::fs::remove_dir_all(site.path(".retning/versions"));
    full_build(site, &[]);
    let mut files = built_files(site);
    files.sort();
    files
}

#[test]
fn a_warm_build_writes_the_same_bytes_as_a_cold_one_without_rendering_again() {
    let site = history_site();
    let cold = cold_build(&site);
    let kept = entries(&site);
    assert_eq!(kept.len(), 2, "one entry per version pair: {kept:?}");

    full_build(&site, &[]);
    let mut warm = built_files(&site);
    warm.sort();
    assert_eq!(warm, cold);
    assert_eq!(
        entries(&site),
        kept,
        "every entry read back, none written again"
    );

    // The placeholder for the search meta file never reaches a page, and the archived
    // pages name the same meta file as the current page.
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let meta = between(&current, "data-search-meta=", ".json\"");
    assert!(meta.contains("search/meta."), "{meta}");
    for (path, page) in archived_pages(&site) {
        assert!(!page.contains("Placeholder"), "{path}");
        assert!(page.contains(meta), "{path}");
    }
}

#[test]
fn an_edit_of_the_current_text_renders_only_the_last_pair_again() {
    let site = history_site();
    full_build(&site, &[]);
    let before = entries(&site);
    write(
        &site,
        MAIN,
        &edit(VALID, REC2, "Knoglemarv undersøges ikke."),
    );
    full_build(&site, &[]);
    let after = entries(&site);
    let kept: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) == after.get(*k))
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the pair 1.0 → 2.0 is kept: {before:?} {after:?}"
    );
    assert_eq!(after.len(), 2, "the old entry of 2.0 → 2.1 is removed");
    let changes = read(&site, "public/dlg/dlbcl/version/2.0/aendringer/index.html");
    assert!(changes.contains("Knoglemarv"), "{changes}");
    assert_eq!(archived_pages(&site), {
        let files = cold_build(&site);
        files
            .into_iter()
            .filter(|(p, _)| p.contains("/version/"))
            .collect()
    });
}

#[test]
fn a_theme_a_config_a_base_url_or_a_title_change_renders_every_pair_again() {
    let site = history_site();
    full_build(&site, &[]);
    let mut seen = entries(&site);
    let mut expect_all_new = |site: &Site, why: &str| {
        let now = entries(site);
        assert_eq!(now.len(), 2, "{why}: {now:?}");
        assert!(
            now.iter().all(|(name, ino)| seen.get(name) != Some(ino)),
            "{why}: every pair renders again: {seen:?} {now:?}"
        );
        seen = now;
    };

    // The theme: a template of the site's own.
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/changes.html"
    ))
    .expect("the default template");
    write(
        &site,
        "themes/default/templates/changes.html",
        &edit(
            &template,
            "<article class=\"changes-page\">",
            "<article class=\"changes-page egen-skabelon\">",
        ),
    );
    full_build(&site, &[]);
    expect_all_new(&site, "a theme change");
    assert!(
        read(&site, "public/dlg/dlbcl/version/1.0/aendringer/index.html").contains("egen-skabelon")
    );

    // The configuration.
    let config = read(&site, "retning.toml");
    write(
        &site,
        "retning.toml",
        &edit(&config, "(test)", "(ny titel)"),
    );
    full_build(&site, &[]);
    expect_all_new(&site, "a config change");
    assert!(read(&site, "public/dlg/dlbcl/version/1.0/index.html").contains("(ny titel)"));

    // The base URL given on the command line.
    full_build(
        &site,
        &["--base-url", "https://andet.example.org/retningslinjer/"],
    );
    expect_all_new(&site, "another base URL");

    // The current page the archived ones link to, by its title.
    let renamed = edit(
        VALID,
        "title = \"Diffust storcellet B-celle lymfom\"",
        "title = \"Storcellet lymfom\"",
    );
    write(&site, MAIN, &renamed);
    full_build(
        &site,
        &["--base-url", "https://andet.example.org/retningslinjer/"],
    );
    expect_all_new(&site, "a new title of the current page");
    let changes = read(&site, "public/dlg/dlbcl/version/1.0/aendringer/index.html");
    assert!(changes.contains("Storcellet lymfom"), "{changes}");
}

#[test]
fn a_corrupt_or_foreign_entry_is_rendered_again_never_trusted() {
    let site = history_site();
    let cold = cold_build(&site);
    let names: Vec<String> = entries(&site).into_keys().collect();
    let [first, second] = names.as_slice() else {
        panic!("two entries: {names:?}");
    };
    // One cut short, one swapped for the other's bytes (sound, but for another key).
    let first_path = site.path(&format!("{CACHE}/{first}"));
    let second_path = site.path(&format!("{CACHE}/{second}"));
    let first_bytes = std::fs::read(&first_path).expect("read");
    std::fs::write(&second_path, &first_bytes).expect("write");
    std::fs::write(&first_path, &first_bytes[..first_bytes.len() / 2]).expect("write");
    // A stray file is no entry either.
    write(&site, &format!("{CACHE}/stray"), "not an entry");

    full_build(&site, &[]);
    let mut rebuilt = built_files(&site);
    rebuilt.sort();
    assert_eq!(rebuilt, cold);
    let now: Vec<String> = entries(&site).into_keys().collect();
    assert_eq!(&now, &names, "both rewritten, the stray file removed");
    full_build(&site, &[]);
    let mut again = built_files(&site);
    again.sort();
    assert_eq!(again, cold, "the rewritten entries are sound");
}

#[test]
fn without_history_nothing_is_kept() {
    let site = history_site();
    full_build(&site, &["--no-history"]);
    assert!(!site.path(CACHE).exists());
}
