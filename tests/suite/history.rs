//! The history of a guideline from the site's git repository: fixtures are real git
//! repositories made in temporary folders with the `git` program (names, e-mails and dates
//! fixed, so commit ids are the same on every run), holding three approved versions of the
//! valid guideline with a draft between them and a rename.

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

fn history(site: &Site, args: &[&str]) -> std::process::Output {
    site.retning()
        .args(["history", "dlg/dlbcl"])
        .args(args)
        .output()
        .expect("run retning history")
}

fn history_json(site: &Site, args: &[&str]) -> Value {
    let output = history(site, &[&["--format", "json"], args].concat());
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("JSON")
}

/// `(version, in force from, until, commit date, path, current)` of each listed version.
fn versions(listing: &Value) -> Vec<(String, String, String, String, String, bool)> {
    let text = |v: &Value| v.as_str().unwrap_or("").to_owned();
    listing["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| {
            (
                text(&v["version"]),
                text(&v["in_force_from"]),
                text(&v["in_force_until"]),
                text(&v["commit_date"]),
                text(&v["path"]),
                v["current"].as_bool().expect("current"),
            )
        })
        .collect()
}

#[test]
fn lists_three_approved_versions_through_a_rename_with_their_dates() {
    let site = history_site();
    let listing = history_json(&site, &[]);
    assert_eq!(listing["note"], Value::Null);
    let row = |v: &str, from: &str, until: &str, committed: &str, path: &str, current| {
        (
            v.to_owned(),
            from.to_owned(),
            until.to_owned(),
            committed.to_owned(),
            path.to_owned(),
            current,
        )
    };
    assert_eq!(
        versions(&listing),
        [
            row(
                "1.0",
                "2020-01-05",
                "2022-02-15",
                "2020-01-06",
                OLD_PATH,
                false
            ),
            // The rename is the last commit that holds 2.0's text.
            row("2.0", "2022-02-15", "2024-03-12", "2022-03-01", MAIN, false),
            row("2.1", "2024-03-12", "", "2024-03-13", MAIN, true),
        ]
    );
    // Every commit id is a full one, and the human listing names them.
    let human = stdout(&history(&site, &[]));
    for version in listing["versions"].as_array().expect("versions") {
        let commit = version["commit"].as_str().expect("a commit");
        assert_eq!(commit.len(), 40);
        assert!(human.contains(&commit[..10]), "{human}");
    }
    assert!(
        human.contains("1.0      in force 2020-01-05 – 2022-02-15"),
        "{human}"
    );
}

#[test]
fn the_walk_is_cached_by_head_commit_and_read_back() {
    let site = history_site();
    let first = history_json(&site, &[]);
    let head = first["versions"][2]["commit"]
        .as_str()
        .expect("commit")
        .to_owned();
    let cache = site.path(&format!(".retning/history/{head}.json"));
    let cached = std::fs::read_to_string(&cache).expect("the cache is written");
    // A rebuild at the same commit reads the cache, not the history: what the cache says
    // is what is listed.
    std::fs::write(&cache, cached.replace("\"2.0\"", "\"1.9\"")).expect("write");
    let second = history_json(&site, &[]);
    assert_eq!(second["versions"][1]["version"], "1.9");
    // A new commit is a new cache (and the old one is dropped), made by walking on from the
    // old one: what it said still stands.
    let changed = edit(VALID, "version = \"2.1\"", "version = \"2.2\"");
    commit(&site, MAIN, &changed, "2025-01-01T10:00:00+01:00", "2.2");
    let third = history_json(&site, &[]);
    assert_eq!(third["versions"][1]["version"], "1.9");
    assert_eq!(third["versions"].as_array().map(Vec::len), Some(4));
    assert!(!cache.exists());
}

#[test]
fn after_new_commits_only_they_are_walked_and_the_result_is_a_whole_walks() {
    let site = history_site();
    let load = || retning::history::SiteHistory::load(site.root()).expect("a history");
    assert_eq!(load().commits_walked, 5, "the first run walks every commit");
    assert_eq!(load().commits_walked, 0, "the same HEAD reads the cache");
    let changed = edit(VALID, "version = \"2.1\"", "version = \"2.2\"");
    commit(&site, MAIN, &changed, "2025-01-01T10:00:00+01:00", "2.2");
    let versions = |history: &retning::history::SiteHistory| {
        let site = retning::site::Site::load(site.root()).expect("a site").site;
        let current = site.by_link_key("dlg/dlbcl.md").expect("the guideline");
        history.versions_of(current)
    };
    let resumed = load();
    assert_eq!(resumed.commits_walked, 1, "only the new commit");
    std::fs::remove_dir_all(site.path(".retning/history")).expect("drop the cache");
    let whole = load();
    assert_eq!(whole.commits_walked, 6);
    assert_eq!(versions(&resumed), versions(&whole));
    assert_eq!(versions(&whole).len(), 4, "1.0, 2.0, 2.1 and 2.2");

    // A rewritten history (HEAD no longer descends from the cached commit) is walked whole.
    git(
        site.root(),
        "2025-02-01T10:00:00+01:00",
        &["commit", "-q", "--amend", "-m", "2.2, amended"],
    );
    assert_eq!(load().commits_walked, 6);
}

#[test]
fn a_shallow_clone_and_a_folder_without_git_have_a_note_and_only_the_current_version() {
    let origin = history_site();
    let clone = empty_site().build();
    let target = clone.path("site");
    let url = format!("file://{}", origin.root().display());
    git(
        clone.root(),
        "2025-01-01T10:00:00+01:00",
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            target.to_str().expect("UTF-8 path"),
        ],
    );
    let listing: Value = {
        let output = crate::support::retning()
            .current_dir(&target)
            .args(["history", "dlg/dlbcl", "--format", "json"])
            .output()
            .expect("run");
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_str(&stdout(&output)).expect("JSON")
    };
    assert!(
        listing["note"]
            .as_str()
            .expect("a note")
            .contains("shallow"),
        "{listing}"
    );
    assert_eq!(listing["versions"].as_array().map(Vec::len), Some(1));

    let plain = site().build();
    let output = history(&plain, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("note: the site is not in a git repository"),
        "{}",
        stdout(&output)
    );
    let output = history(&plain, &["--diff", "1.0..2.1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not in a git repository"));
}

#[test]
fn an_unknown_guideline_or_version_is_a_clear_error() {
    let site = history_site();
    let output = site
        .retning()
        .args(["history", "dlg/ukendt"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no guideline `dlg/ukendt`"));
    let output = history(&site, &["--diff", "1.0..3.0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no approved version 3.0 in the history (known: 1.0, 2.0, 2.1)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn diff_lists_each_recommendation_added_withdrawn_reworded_or_strengthened() {
    let site = history_site();
    let changes = history_json(&site, &["--diff", "1.0..2.0"]);
    assert_eq!(
        (&changes["from"], &changes["to"]),
        (&"1.0".into(), &"2.0".into())
    );
    let summary: Vec<(u64, &str, bool, bool, &str, &str)> = changes["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .map(|c| {
            (
                c["id"].as_u64().expect("id"),
                c["change"].as_str().expect("change"),
                c["reworded"].as_bool().expect("reworded"),
                c["strength_changed"].as_bool().expect("strength_changed"),
                c["strength_before"].as_str().unwrap_or("-"),
                c["strength_after"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "changed", true, false, "B", "B"),
            (2, "changed", true, true, "A-C", "A"),
            (3, "withdrawn", false, false, "C", "-"),
            (4, "added", false, false, "-", "D"),
        ]
    );
    // The word-level diff of recommendation 1: one word swapped.
    assert_eq!(
        changes["recommendations"][0]["words"],
        serde_json::json!([
            {"op": "same", "text": "Alle patienter bør have udført "},
            {"op": "deleted", "text": "CT-skanning"},
            {"op": "inserted", "text": "PET/CT-skanning"},
            {"op": "same", "text": " som led i stadieinddelingen."},
        ])
    );
    let sections: Vec<&str> = changes["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s["title"].as_str().expect("title"))
        .collect();
    assert_eq!(sections, ["2. Introduktion"]);

    // The terminal marks insertions and deletions with signs, not only colour.
    let human = stdout(&history(&site, &["--diff", "1.0..2.0"]));
    assert!(
        human.starts_with("Changes from version 1.0 to 2.0\n"),
        "{human}"
    );
    for line in [
        "Recommendation 1: reworded\n  Alle patienter bør have udført [-CT-skanning-]{+PET/CT-skanning+} som led i stadieinddelingen.",
        "Recommendation 2: reworded, strength A-C → A",
        "Recommendation 3: withdrawn (was C)\n  [-Patienter bør tilbydes fysioterapi under behandlingen.-]",
        "Recommendation 4: added (D)\n  {+Ældre patienter bør vurderes geriatrisk før behandlingen.+}",
        "Sections:\n  changed: 2. Introduktion",
    ] {
        assert!(human.contains(line), "missing {line:?} in\n{human}");
    }
    // The current text is a version too.
    let to_current = history_json(&site, &["--diff", "2.0..2.1"]);
    let ids: Vec<(u64, &str)> = to_current["recommendations"]
        .as_array()
        .expect("recommendations")
        .iter()
        .map(|c| {
            (
                c["id"].as_u64().expect("id"),
                c["change"].as_str().expect("change"),
            )
        })
        .collect();
    assert_eq!(ids, [(2, "changed"), (4, "withdrawn")]);
}

/// The 1-based line of the only line holding `needle`.
#[track_caller]
fn line_of(text: &str, needle: &str) -> usize {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(needle))
        .map(|(index, _)| index + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` is on lines {lines:?}");
    lines[0]
}

#[test]
fn check_flags_every_wrong_or_missing_badge_against_the_previous_approved_version() {
    use crate::support::{Report, Severity, at};
    let site = history_site();
    // 2.1 against 2.0: recommendation 2 changed strength and is marked; 1 did not change.
    site.check_json(&[]).expect_clean();

    // A 2.2 in the working tree: 1 reworded without a marker, 2 still marked but unchanged
    // since 2.1, 5 new without `ny`.
    let rec5 =
        "\n::: anbefaling 5 (B)\nPatienter bør tilbydes samtale med en sygeplejerske.\n:::\n";
    let text = edits(
        VALID,
        &[
            ("version = \"2.1\"", "version = \"2.2\""),
            (
                REC1,
                "Alle patienter skal have udført PET/CT-skanning ved stadieinddelingen.",
            ),
            (END_OF_REC2, &format!("{END_OF_REC2}{rec5}")),
        ],
    );
    write(&site, MAIN, &text);
    let report = site.check_json(&[]);
    assert_eq!(
        report.summary(),
        [
            (
                "recommendation.unmarked-change".to_owned(),
                at(line_of(&text, "anbefaling 1 (B)"), 1)
            ),
            (
                "recommendation.stale-marker".to_owned(),
                at(line_of(&text, REC2_HEADER), 1)
            ),
            (
                "recommendation.unmarked-new".to_owned(),
                at(line_of(&text, "anbefaling 5 (B)"), 1)
            ),
        ],
        "{}",
        report.listing()
    );
    for finding in &report.diagnostics {
        assert_eq!(finding.severity, Severity::Warning);
        finding.message_contains("since version 2.1");
    }
    report.diagnostics[0].message_contains("(reworded)");
    report.diagnostics[1].message_contains("marked `ændret` but did not change");
    report.diagnostics[2].help_contains("::: anbefaling 5 (…) ny");
    assert_eq!(report.exit, Some(0));

    // A strength change alone needs `ændret` too; --no-history turns the checks off.
    let text = edit(&text, "::: anbefaling 1 (B)", "::: anbefaling 1 (A) ændret");
    let text = edit(&text, REC2_HEADER, "::: anbefaling 2 (A-C)");
    let text = edit(&text, "::: anbefaling 5 (B)", "::: anbefaling 5 (B) ny");
    write(&site, MAIN, &text);
    site.check_json(&[]).expect_clean();
    let text = edit(&text, "::: anbefaling 1 (A) ændret", "::: anbefaling 1 (A)");
    write(&site, MAIN, &text);
    site.check_json(&[])
        .single()
        .message_contains("(reworded, strength B → A)");
    let off: Report = site.check_json(&["--no-history"]);
    off.expect_clean();
}

#[test]
fn check_without_git_notes_why_badges_are_not_checked() {
    let plain = site().build();
    let output = plain.check(&[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains(
            "note: the site is not in a git repository; `ny`/`ændret` badges are not checked"
        ),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&plain.check(&["--no-history"])).contains("note:"));
}

#[test]
fn report_since_lists_the_real_changes_not_only_the_badges() {
    let site = history_site();
    // 2.1's badges say recommendation 2 changed; the history also knows 4 was withdrawn.
    let output = site
        .retning()
        .args(["report", "--since", "2024-01-01", "--format", "json"])
        .output()
        .expect("run");
    let changes: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let change = &changes[0];
    assert_eq!(change["basis"], "history");
    assert_eq!(change["previous_version"], "2.0");
    assert_eq!(change["new_recommendations"], serde_json::json!([]));
    assert_eq!(change["changed_recommendations"], serde_json::json!([2]));
    assert_eq!(change["withdrawn_recommendations"], serde_json::json!([4]));

    // A badge typed on an unchanged recommendation is not a change; a change without one is.
    let text = edits(
        VALID,
        &[
            ("::: anbefaling 1 (B)", "::: anbefaling 1 (B) ny"),
            (REC2_HEADER, "::: anbefaling 2 (A)"),
        ],
    );
    write(&site, MAIN, &text);
    let output = site
        .retning()
        .args(["report", "--since", "2024-01-01"])
        .output()
        .expect("run");
    let text = stdout(&output);
    assert!(
        text.contains("Withdrawn recommendations: 4\n  (compared with version 2.0)"),
        "{text}"
    );
    assert!(!text.contains("New recommendations"), "{text}");
    assert!(!text.contains("Changed recommendations"), "{text}");
    let markers = site
        .retning()
        .args([
            "report",
            "--since",
            "2024-01-01",
            "--no-history",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    let markers: Value = serde_json::from_str(&stdout(&markers)).expect("JSON");
    assert_eq!(markers[0]["basis"], "markers");
    assert_eq!(markers[0]["new_recommendations"], serde_json::json!([1]));
}

#[test]
fn build_warns_about_badges_and_a_shallow_clone_still_builds_with_a_note() {
    let site = history_site();
    let text = edit(VALID, REC1, "Alle patienter skal have PET/CT.");
    write(&site, MAIN, &text);
    let build = |dir: &Path, extra: &[&str]| {
        crate::support::retning()
            .current_dir(dir)
            .args(["build", "--today", "2026-11-24", "--out", "public"])
            .args(extra)
            .output()
            .expect("run retning build")
    };
    let output = build(site.root(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("recommendation.unmarked-change"),
        "{}",
        stderr(&output)
    );
    assert!(site.path("public/dlg/dlbcl/index.html").exists());
    let quiet = build(site.root(), &["--no-history"]);
    assert!(
        !stderr(&quiet).contains("unmarked-change"),
        "{}",
        stderr(&quiet)
    );

    let clone = empty_site().build();
    let target = clone.path("site");
    let url = format!("file://{}", site.root().display());
    git(
        clone.root(),
        "2025-01-01T10:00:00+01:00",
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &url,
            target.to_str().expect("UTF-8 path"),
        ],
    );
    let output = build(&target, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("note: the site is a shallow git clone"),
        "{}",
        stderr(&output)
    );
    assert!(target.join("public/dlg/dlbcl/index.html").exists());
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

#[test]
fn each_earlier_version_has_a_page_with_a_banner_noindex_and_its_own_text() {
    let site = history_site();
    build_site(&site, &[]);
    let old = read(&site, "public/dlg/dlbcl/version/1.0/index.html");
    let previous = read(&site, "public/dlg/dlbcl/version/2.0/index.html");

    assert!(
        old.contains(REC1_V1) && !old.contains(REC1),
        "1.0 shows its own text"
    );
    assert!(
        old.contains("Patienter bør tilbydes fysioterapi"),
        "1.0 had recommendation 3"
    );
    assert!(previous.contains(REC1) && previous.contains("vurderes geriatrisk"));
    for page in [&old, &previous] {
        assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(
            page.contains(r#"id="anbefaling-1""#) && page.contains(r##"href="#anbefaling-2""##)
        );
        assert!(
            page.contains(
                r#"<a href="/retningslinjer/dlg/dlbcl/">Gå til den gældende version</a>"#
            )
        );
    }
    assert!(
        old.contains("Erstattet af version 2.0 den 15. februar 2022."),
        "{old}"
    );
    assert!(
        old.contains("Gældende fra 5. januar 2020 til 15. februar 2022."),
        "{old}"
    );
    assert!(
        previous.contains("Erstattet af version 2.1 den 12. marts 2024."),
        "{previous}"
    );
    assert!(previous.contains("Gældende fra 15. februar 2022 til 12. marts 2024."));
    // The current page is not archived: indexable, no banner.
    let current = read(&site, "public/dlg/dlbcl/index.html");
    assert!(!current.contains("noindex") && !current.contains("Erstattet af"));
}

#[test]
fn the_current_page_lists_its_earlier_versions_newest_first() {
    let site = history_site();
    build_site(&site, &[]);
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let list = current
        .split_once("<h3 id=\"tidligere-versioner\">Tidligere versioner</h3>")
        .map(|(_, after)| after.split_once("</ul>").map_or(after, |(list, _)| list))
        .unwrap_or_else(|| panic!("no list of earlier versions:\n{current}"));
    let newer = list
        .find(r#"<a href="/retningslinjer/dlg/dlbcl/version/2.0/">Version 2.0</a>: gældende fra 15. februar 2022 til 12. marts 2024"#)
        .unwrap_or_else(|| panic!("{list}"));
    let older = list
        .find(r#"<a href="/retningslinjer/dlg/dlbcl/version/1.0/">Version 1.0</a>: gældende fra 5. januar 2020 til 15. februar 2022"#)
        .unwrap_or_else(|| panic!("{list}"));
    assert!(newer < older);
}

#[test]
fn earlier_versions_are_not_in_the_sitemap_the_search_or_the_feeds() {
    let site = history_site();
    build_site(&site, &[]);
    let files = built_files(&site);
    let sitemap = read(&site, "public/sitemap.xml");
    assert!(
        sitemap.contains("/dlg/dlbcl/</loc>") && !sitemap.contains("/version/"),
        "{sitemap}"
    );
    let search: Vec<&(String, String)> = files
        .iter()
        .filter(|(path, _)| path.starts_with("search/") || path.starts_with("soeg/"))
        .collect();
    // The controls: both searches hold the current text.
    for folder in ["search/", "soeg/"] {
        assert!(
            search
                .iter()
                .any(|(path, text)| path.starts_with(folder) && text.contains("knoglemarv")),
            "{folder} does not hold the current text"
        );
    }
    for (path, text) in files
        .iter()
        .filter(|(path, _)| !path.starts_with("dlg/dlbcl/"))
    {
        assert!(
            !text.contains("version/1.0") && !text.contains("version/2.0"),
            "{path} links an earlier version"
        );
    }
    // Recommendation 3 exists only in 1.0 and 4 only in 2.0: no search file knows them.
    for (path, text) in search {
        assert!(
            !text.contains("fysioterapi") && !text.contains("geriatri"),
            "{path} holds a withdrawn recommendation"
        );
    }
}

#[test]
fn without_history_the_site_is_built_exactly_as_before() {
    let site = history_site();
    build_site(&site, &["--no-history"]);
    let without = built_files(&site);
    assert!(!site.path("public/dlg/dlbcl/version").exists());
    assert!(
        without
            .iter()
            .all(|(_, text)| !text.contains("Tidligere versioner"))
    );

    // The same guideline in a folder without git builds the same files.
    let plain = crate::support::site().build();
    build_site(&plain, &[]);
    let plain_files = built_files(&plain);
    let paths = |files: &[(String, String)]| -> Vec<String> {
        files.iter().map(|(path, _)| path.clone()).collect()
    };
    assert_eq!(paths(&without), paths(&plain_files));
    let page = |files: &[(String, String)]| {
        files
            .iter()
            .find(|(path, _)| path == "dlg/dlbcl/index.html")
            .map(|(_, text)| text.clone())
    };
    assert_eq!(page(&without), page(&plain_files));
}

#[test]
fn the_current_page_says_what_changed_since_the_previous_version() {
    let site = history_site();
    build_site(&site, &[]);
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let section = changes_section(&current);
    assert!(section.contains(r#"Hvad er ændret siden version 2.0</h2>
    <p>Ændringer i anbefalingerne i forhold til den tidligere godkendte <a href="/retningslinjer/dlg/dlbcl/version/2.0/">version 2.0</a>.</p>"#), "{section}");
    assert!(
        section.contains(r##"<a href="#anbefaling-2">Anbefaling 2</a> – <strong>Ændret styrke</strong>: fra A til A-C"##),
        "{section}"
    );
    // Recommendation 4 of 2.0 is gone: no link, its text deleted, in words too.
    assert!(
        section.contains(r#"Anbefaling 4 – <strong>Udgået</strong><div class="change-text"><del><span class="visually-hidden">[slettet: </span>Ældre patienter bør vurderes geriatrisk før behandlingen."#),
        "{section}"
    );
    assert!(
        !section.contains("Anbefaling 1") && !section.contains("Anbefaling 3"),
        "{section}"
    );
}

#[test]
fn a_reworded_recommendation_shows_its_insertions_and_deletions_in_words() {
    let site = history_site();
    // The working copy's text against the last approved version in git (2.0).
    let reworded = "Knoglemarvsundersøgelse bør kun udføres ved positiv PET/CT.";
    write(&site, MAIN, &edit(VALID, REC2, reworded));
    build_site(&site, &[]);
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let section = changes_section(&current);
    assert!(
        section.contains("<strong>Omformuleret</strong>. Styrke ændret fra A til A-C"),
        "{section}"
    );
    assert!(
        section.contains(r#"<ins><span class="visually-hidden">[indsat: </span>kun"#),
        "{section}"
    );
    assert!(
        section.contains(r#"<del><span class="visually-hidden">[slettet: </span>ikke"#),
        "{section}"
    );
    assert!(
        section.contains("positiv") && section.contains("negativ"),
        "{section}"
    );
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

#[test]
fn a_build_parses_each_earlier_version_once() {
    let site = history_site();
    let today = jiff::civil::date(2026, 11, 24);
    let checked = retning::validate::check_site(site.root(), today).expect("a site");
    let history = retning::history::SiteHistory::load(site.root()).expect("a history");
    // What `build` does: the badge checks, then the archive pages, both from one history.
    let findings = retning::validate::badges::check_site(&checked.site, &history);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(history.texts_parsed(), 2, "1.0 and 2.0, each once");
    let archive = retning::render::Archive::of(&checked.site, &history, false);
    assert!(!archive.is_empty());
    let current = checked
        .site
        .by_link_key("dlg/dlbcl.md")
        .expect("the guideline");
    assert_eq!(archive.versions_of(current).len(), 2);
    assert_eq!(
        history.texts_parsed(),
        2,
        "the archive reuses the parsed versions"
    );
}

#[test]
fn each_version_pair_has_a_page_of_its_changes_linked_from_both_versions() {
    let site = history_site();
    build_site(&site, &[]);
    // 1.0 → 2.0: recommendation 1 and 2 reworded (2 also made stronger), 3 withdrawn, 4 new.
    let first = read(&site, "public/dlg/dlbcl/version/1.0/aendringer/index.html");
    assert!(first.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        first.contains("<h1>Ændringer fra version 1.0 til 2.0</h1>"),
        "{first}"
    );
    let new_page = "/retningslinjer/dlg/dlbcl/version/2.0/";
    let old_page = "/retningslinjer/dlg/dlbcl/version/1.0/";
    assert!(
        first.contains(&format!(
            r#"<a href="{new_page}#anbefaling-1">Anbefaling 1</a> – <strong>Omformuleret</strong>"#
        )),
        "{first}"
    );
    assert!(
        first.contains(&format!(
            r#"<a href="{new_page}#anbefaling-2">Anbefaling 2</a> – <strong>Omformuleret</strong>. Styrke ændret fra A-C til A"#
        )),
        "{first}"
    );
    // The withdrawn recommendation links where it still is: the older version's page.
    assert!(
        first.contains(&format!(
            r#"<a href="{old_page}#anbefaling-3">Anbefaling 3</a> – <strong>Udgået</strong>"#
        )),
        "{first}"
    );
    assert!(
        first.contains(&format!(
            r#"<a href="{new_page}#anbefaling-4">Anbefaling 4</a> – <strong>Ny</strong>"#
        )),
        "{first}"
    );
    assert!(
        first.contains(r#"<ins><span class="visually-hidden">[indsat: </span>PET/"#),
        "{first}"
    );
    // The changed sections, linked on the newer version's page.
    let sections = first
        .split_once("Afsnit med ændret tekst</h2>")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("{first}"));
    assert!(
        sections.contains(&format!(r#"<a href="{new_page}#"#)),
        "{sections}"
    );
    assert!(sections.contains("– ændret"), "{sections}");

    // 2.0 → 2.1 (the current version): its links go to the current page.
    let second = read(&site, "public/dlg/dlbcl/version/2.0/aendringer/index.html");
    assert!(second.contains("<h1>Ændringer fra version 2.0 til 2.1</h1>"));
    assert!(
        second.contains(r#"<a href="/retningslinjer/dlg/dlbcl/#anbefaling-2">Anbefaling 2</a> – <strong>Ændret styrke</strong>: fra A til A-C"#),
        "{second}"
    );
    assert!(
        !second.contains("Anbefaling 1<"),
        "1 did not change from 2.0 to 2.1"
    );

    // Linked from the archived page, the current page's list and its "Hvad er ændret".
    let archived = read(&site, "public/dlg/dlbcl/version/1.0/index.html");
    assert!(
        archived.contains(r#"<a href="/retningslinjer/dlg/dlbcl/version/1.0/aendringer/">Hvad blev ændret i version 2.0</a>"#),
        "{archived}"
    );
    let current = read(&site, "public/dlg/dlbcl/index.html");
    assert!(current.contains(
        r#"· <a href="/retningslinjer/dlg/dlbcl/version/1.0/aendringer/">hvad blev ændret i version 2.0</a>"#
    ), "{current}");
    assert!(
        changes_section(&current).contains(r#"<p class="changes-all"><a href="/retningslinjer/dlg/dlbcl/version/2.0/aendringer/">Alle ændringer fra version 2.0 til 2.1</a>"#),
        "{current}"
    );
    // Never in the sitemap.
    assert!(!read(&site, "public/sitemap.xml").contains("aendringer"));
}

/// `text` with a figure and an attachment of the folder `slug/` in its annex.
fn with_figure(text: &str, slug: &str) -> String {
    edit(
        text,
        "# 7. Bilag\n",
        &format!(
            "# 7. Bilag\n\n![Flowchart over udredningen.]({slug}/flow.svg \"Figur 1: Udredning\")\n\nSkemaet: [IPI-skema]({slug}/skema.csv).\n"
        ),
    )
}

fn drawing(label: &str, width: u32) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40"><text x="2" y="20">{label}</text></svg>"#
    )
}

#[test]
fn an_earlier_version_shows_its_figures_as_they_were_then() {
    let site = empty_site().build();
    let root = site.root();
    let day = |d: &str| format!("{d}T10:00:00+01:00");
    git(root, &day("2020-01-06"), &["init", "-q"]);
    write(
        &site,
        "guidelines/dlg/storcellet/flow.svg",
        &drawing("Udgave 1", 120),
    );
    write(&site, "guidelines/dlg/storcellet/skema.csv", "ipi,risiko\n");
    let v1 = with_figure(&version_1_0(), "storcellet");
    commit(&site, OLD_PATH, &v1, &day("2020-01-06"), "1.0");
    // 2.0 renames the guideline and its folder and draws the flowchart again.
    std::fs::remove_file(site.path(OLD_PATH)).expect("remove");
    std::fs::rename(
        site.path("guidelines/dlg/storcellet"),
        site.path("guidelines/dlg/dlbcl"),
    )
    .expect("rename the folder");
    write(
        &site,
        "guidelines/dlg/dlbcl/flow.svg",
        &drawing("Udgave 2", 100),
    );
    let v2 = with_figure(&version_2_0(), "dlbcl");
    commit(&site, MAIN, &v2, &day("2022-02-14"), "2.0");
    commit(
        &site,
        MAIN,
        &with_figure(VALID, "dlbcl"),
        &day("2024-03-13"),
        "2.1",
    );
    build_site(&site, &[]);

    let base = "/retningslinjer/dlg/dlbcl/";
    let first = read(&site, "public/dlg/dlbcl/version/1.0/index.html");
    assert!(
        first.contains(&format!(
            r#"<img src="{base}version/1.0/flow.svg" alt="Flowchart over udredningen." width="120" height="40""#
        )),
        "1.0 shows its own drawing at its own size:\n{first}"
    );
    assert!(read(&site, "public/dlg/dlbcl/version/1.0/flow.svg").contains("Udgave 1"));
    // The attachment never changed: the current file serves.
    assert!(
        first.contains(&format!(r#"<a href="{base}skema.csv">IPI-skema</a>"#)),
        "{first}"
    );
    assert!(!site.path("public/dlg/dlbcl/version/1.0/skema.csv").exists());
    // 2.0's drawing is today's: no copy.
    let second = read(&site, "public/dlg/dlbcl/version/2.0/index.html");
    assert!(
        second.contains(&format!(r#"<img src="{base}flow.svg""#)),
        "{second}"
    );
    assert!(!site.path("public/dlg/dlbcl/version/2.0/flow.svg").exists());
    assert!(read(&site, "public/dlg/dlbcl/flow.svg").contains("Udgave 2"));
}
