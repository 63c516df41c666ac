//! The history of a guideline from the site's git repository: fixtures are real git
//! repositories made in temporary folders with the `git` program (names, e-mails and dates
//! fixed, so commit ids are the same on every run), holding three approved versions of the
//! valid guideline with a draft between them and a rename.

mod archive_pages;
mod badges;
mod command;
mod page_cache;
mod page_reuse;
mod version_pages;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{MAIN, Site, VALID, empty_site, site, stderr, stdout};

/// `text` with `from` replaced by `to`; `from` must occur exactly once.
#[track_caller]
pub fn edit(text: &str, from: &str, to: &str) -> String {
    let count = text.matches(from).count();
    assert_eq!(count, 1, "`{from}` occurs {count} times; make it unique");
    text.replacen(from, to, 1)
}

#[track_caller]
fn edits(text: &str, changes: &[(&str, &str)]) -> String {
    changes
        .iter()
        .fold(text.to_owned(), |text, (from, to)| edit(&text, from, to))
}

pub const REC1_V1: &str = "Alle patienter bør have udført CT-skanning som led i stadieinddelingen.";
pub const REC1: &str =
    "Alle patienter bør have udført PET/CT-skanning som led i stadieinddelingen.";
pub const REC2_HEADER: &str = "::: anbefaling 2 (A-C) ændret";
pub const REC2_V1: &str = "Knoglemarvsundersøgelse bør udføres rutinemæssigt.";
pub const REC2: &str = "Knoglemarvsundersøgelse bør ikke udføres rutinemæssigt ved negativ PET/CT.";
pub const REC3: &str =
    "\n::: anbefaling 3 (C)\nPatienter bør tilbydes fysioterapi under behandlingen.\n:::\n";
pub const REC4: &str =
    "\n::: anbefaling 4 (D) ny\nÆldre patienter bør vurderes geriatrisk før behandlingen.\n:::\n";
const END_OF_REC2: &str = "ved negativ PET/CT.\n:::\n";

/// Version 1.0: in force from its administrative approval, 5 January 2020.
pub fn version_1_0() -> String {
    edits(
        VALID,
        &[
            ("version = \"2.1\"", "version = \"1.0\""),
            ("date = 2024-02-01", "date = 2020-01-01"),
            ("date = 2024-03-12", "date = 2020-01-05"),
            ("planned = 2027-06-01", "planned = 2023-01-01"),
            (REC1, REC1_V1),
            (REC2_HEADER, "::: anbefaling 2 (A-C)"),
            (END_OF_REC2, &format!("{END_OF_REC2}{REC3}")),
            (REC2, REC2_V1),
            ("ipdas_assessed = 2024-05-01", "ipdas_assessed = 2020-01-02"),
            ("last_updated = 2024-03-01", "last_updated = 2019-12-01"),
        ],
    )
}

/// Version 2.0, published 15 February 2022: recommendation 1 reworded, 2 reworded and
/// made stronger, 3 withdrawn, 4 new.
pub fn version_2_0() -> String {
    edits(
        VALID,
        &[
            ("version = \"2.1\"", "version = \"2.0\""),
            ("\n[approval]", "published = 2022-02-15\n\n[approval]"),
            ("date = 2024-02-01", "date = 2022-02-01"),
            ("date = 2024-03-12", "date = 2022-02-10"),
            ("::: anbefaling 1 (B)", "::: anbefaling 1 (B) ændret"),
            ("lymfom hos voksne.", "lymfom hos voksne i Danmark."),
            (REC2_HEADER, "::: anbefaling 2 (A) ændret"),
            (END_OF_REC2, &format!("{END_OF_REC2}{REC4}")),
            ("ipdas_assessed = 2024-05-01", "ipdas_assessed = 2022-01-02"),
            ("last_updated = 2024-03-01", "last_updated = 2021-12-01"),
        ],
    )
}

/// Runs `git ARGS…` in `dir` with a fixed identity and clock.
#[track_caller]
pub fn git(dir: &Path, date: &str, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Anna Jensen")
        .env("GIT_AUTHOR_EMAIL", "anna@example.org")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_NAME", "Sekretariatet")
        .env("GIT_COMMITTER_EMAIL", "sekretariat@example.org")
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn write(site: &Site, path: &str, text: &str) {
    let path = site.path(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(path, text).expect("write");
}

/// Commits `text` as the main guideline's file at `path` on `date`.
fn commit(site: &Site, path: &str, text: &str, date: &str, message: &str) {
    write(site, path, text);
    git(site.root(), date, &["add", "-A"]);
    git(site.root(), date, &["commit", "-q", "-m", message]);
}

pub const OLD_PATH: &str = "guidelines/dlg/storcellet.md";

/// A site whose history holds versions 1.0 (at an older file name), a draft of 2.0, 2.0,
/// a rename, and 2.1 (the valid guideline, checked out).
pub fn history_site() -> Site {
    let site = empty_site().build();
    let root = site.root();
    git(root, "2020-01-06T10:00:00+01:00", &["init", "-q"]);
    commit(
        &site,
        OLD_PATH,
        &version_1_0(),
        "2020-01-06T10:00:00+01:00",
        "1.0",
    );
    let draft = edit(
        &version_2_0(),
        "status = \"approved\"",
        "status = \"draft\"",
    );
    commit(
        &site,
        OLD_PATH,
        &draft,
        "2021-06-01T10:00:00+02:00",
        "draft 2.0",
    );
    commit(
        &site,
        OLD_PATH,
        &version_2_0(),
        "2022-02-14T10:00:00+01:00",
        "2.0",
    );
    git(root, "2022-03-01T10:00:00+01:00", &["mv", OLD_PATH, MAIN]);
    git(
        root,
        "2022-03-01T10:00:00+01:00",
        &["commit", "-q", "-m", "rename"],
    );
    commit(&site, MAIN, VALID, "2024-03-13T10:00:00+01:00", "2.1");
    site
}

/// Builds `site` on a fixed day into `public/`, with `extra` arguments.
fn build_site(site: &Site, extra: &[&str]) {
    let output = site
        .retning()
        .args(["build", "--today", "2026-11-24", "--out", "public"])
        .args(extra)
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
}

fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.path(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// Every file of the built site under `public/`, by its path there, as (lossy) text.
fn built_files(site: &Site) -> Vec<(String, String)> {
    let public = site.path("public");
    walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|entry| entry.expect("walk public/"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(&public).expect("under public/");
            let bytes = std::fs::read(entry.path()).expect("read a built file");
            (
                path.to_string_lossy().replace('\\', "/"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

/// The "Hvad er ændret" section of a page.
fn changes_section(page: &str) -> &str {
    let start = page
        .find(r#"<section id="hvad-er-aendret""#)
        .unwrap_or_else(|| panic!("no section of changes:\n{page}"));
    let rest = &page[start..];
    rest.split_once("</section>")
        .map_or(rest, |(section, _)| section)
}
