//! A build with history reuses the last build's pages as one without does
//! (`streamed_build::reuse`): each guideline's key holds what it reads of the history, the
//! records of its earlier versions, so an edit of another guideline or a commit that adds
//! no earlier version renders nothing of it again, while a rewritten earlier version
//! renders it again though its own text is the same. After each build the site and the
//! findings are those of a fresh build of the same repository.

use std::collections::BTreeMap;

use super::*;
use crate::support::{assert_same_site, files_under};

const DAY: &str = "2026-11-24";
const MAMMA: &str = "guidelines/dbcg/mamma.md";

/// Builds `site` as the office does (the page record kept); what it printed.
fn build(site: &Site, extra: &[&str]) -> String {
    let output = site
        .retning()
        .args(["build", "--today", DAY, "--out", "public"])
        .args(extra)
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
    format!("{}{}", stdout(&output), stderr(&output))
}

/// The site and the findings of a `--no-cache` build of a copy of `site`'s repository, its
/// git folder included and its caches and site left behind.
fn fresh(site: &Site) -> (BTreeMap<String, Vec<u8>>, String) {
    let copy = tempfile::tempdir().expect("temporary folder");
    for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
        let relative = entry.path().strip_prefix(site.root()).expect("under");
        let top = relative.components().next();
        let top = top.map(|c| c.as_os_str().to_string_lossy().into_owned());
        if matches!(top.as_deref(), Some(".retning" | "public")) {
            continue;
        }
        let to = copy.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("create dir");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    let output = crate::support::retning()
        .current_dir(copy.path())
        .args(["build", "--today", DAY, "--out", "public", "--no-cache"])
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
    let findings = stderr(&output);
    (files_under(&copy.path().join("public")), findings)
}

/// The lines a build prints about the site, without the closing line (times and folders).
fn findings(said: &str) -> Vec<&str> {
    said.lines()
        .filter(|line| !line.starts_with("Byggede") && !line.starts_with("Built"))
        .collect()
}

#[track_caller]
fn assert_fresh(site: &Site, what: &str, said: &str) {
    let (files, fresh_said) = fresh(site);
    assert_same_site(what, &files_under(&site.path("public")), &files);
    assert_eq!(
        findings(said),
        findings(&fresh_said),
        "{what}: the findings differ"
    );
}

/// Each guideline's key (and the pages about the whole site's) in the page record.
fn keys(site: &Site) -> BTreeMap<String, String> {
    let record =
        std::fs::read_to_string(site.path(".retning/build/pages.json")).expect("a page record");
    ["dlg/dlbcl", "dbcg/mamma", "/site-wide"]
        .into_iter()
        .map(|name| {
            let start = format!("\"{name}\":{{\"key\":\"");
            let at = record.find(&start).expect(name) + start.len();
            (name.to_owned(), record[at..at + 64].to_owned())
        })
        .collect()
}

#[test]
fn a_build_with_history_renders_again_only_what_its_edits_and_commits_change() {
    let site = history_site();
    let mamma = VALID.replacen("Diffust storcellet B-celle lymfom", "Brystkræft", 1);
    commit(&site, MAMMA, &mamma, "2024-04-01T10:00:00+02:00", "mamma");
    let said = build(&site, &[]);
    assert_fresh(&site, "first build", &said);
    let first = keys(&site);

    // Another guideline edited: only its key moves.
    write(&site, MAMMA, &format!("{mamma}\nEt nyt afsnit.\n"));
    let said = build(&site, &[]);
    assert_fresh(&site, "another guideline edited", &said);
    let edited = keys(&site);
    assert_eq!(edited["dlg/dlbcl"], first["dlg/dlbcl"]);
    assert_ne!(edited["dbcg/mamma"], first["dbcg/mamma"]);
    assert_eq!(edited["/site-wide"], first["/site-wide"]);

    // That edit and another file committed: HEAD moves, no earlier version does.
    write(&site, "NOTER.txt", "Referat.\n");
    git(site.root(), "2024-04-02T10:00:00+02:00", &["add", "-A"]);
    git(
        site.root(),
        "2024-04-02T10:00:00+02:00",
        &["commit", "-q", "-m", "edit"],
    );
    let said = build(&site, &[]);
    assert!(said.contains("(0 files written"), "{said}");
    assert_fresh(&site, "a commit of no earlier version", &said);
    assert_eq!(keys(&site), edited);

    // Version 2.2 written, not committed; then version 2.1 rewritten in the history while
    // the text checked out stays the same: the guideline's key moves with its earlier
    // versions' records, and its pages follow.
    let current = read(&site, MAIN);
    let text = edits(
        &current,
        &[
            ("version = \"2.1\"", "version = \"2.2\""),
            ("::: anbefaling 1 (B)", "::: anbefaling 1 (B) ændret"),
        ],
    );
    write(&site, MAIN, &text);
    let said = build(&site, &[]);
    assert_fresh(&site, "version 2.2 written", &said);
    let before = keys(&site);
    let rewritten = edit(
        &current,
        REC1,
        "Alle patienter bør have udført PET-skanning.",
    );
    assert!(!read(&site, "public/dlg/dlbcl/index.html").contains("PET-skanning"));
    commit(
        &site,
        MAIN,
        &rewritten,
        "2024-04-03T10:00:00+02:00",
        "2.1 again",
    );
    write(&site, MAIN, &text);
    let said = build(&site, &[]);
    assert_fresh(&site, "version 2.1 rewritten", &said);
    let after = keys(&site);
    assert_ne!(after["dlg/dlbcl"], before["dlg/dlbcl"]);
    assert_eq!(after["dbcg/mamma"], before["dbcg/mamma"]);
    let page = read(&site, "public/dlg/dlbcl/index.html");
    assert!(
        page.contains("PET-skanning"),
        "the changes since 2.1 as rewritten"
    );
}
