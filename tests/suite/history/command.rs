//! `retning history`: the versions with their dates, the cache of the walk, the notes
//! without a whole history, and `--diff`.

use super::*;

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
    let danish = stdout(&history(&site, &["--lang", "da"]));
    assert!(
        danish.contains("1.0      i kraft 2020-01-05 – 2022-02-15  commit "),
        "{danish}"
    );
    let current = danish.lines().last().expect("the current version");
    assert!(
        current.starts_with("2.1      i kraft 2024-03-12 – …           commit ")
            && current.ends_with(&format!(" fra 2024-03-13  {MAIN}  (nuværende)")),
        "{danish}"
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
    let danish = history(&plain, &["--lang", "da"]);
    assert!(
        stdout(&danish).contains("bemærk: webstedet ligger ikke i et git-repository"),
        "{}",
        stdout(&danish)
    );
    let output = history(&plain, &["--diff", "1.0..2.1", "--lang", "da"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with(
            "fejl: webstedet ligger ikke i et git-repository; der er ingen tidligere udgaver"
        ),
        "{}",
        stderr(&output)
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

/// `retning history --diff 1.0..2.0 --format json` on the history site.
fn diff_1_0_to_2_0() -> Value {
    history_json(&history_site(), &["--diff", "1.0..2.0"])
}

/// Every line of `expected` is somewhere in `text`.
#[track_caller]
fn assert_contains_all(text: &str, expected: &[&str]) {
    for line in expected {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn diff_lists_each_recommendation_added_withdrawn_reworded_or_strengthened() {
    let changes = diff_1_0_to_2_0();
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
}

#[test]
fn diff_gives_a_reworded_recommendations_words_and_the_changed_sections() {
    let changes = diff_1_0_to_2_0();
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
}

/// The terminal marks insertions and deletions with signs, not only colour.
#[test]
fn diff_on_the_terminal_marks_insertions_and_deletions_with_signs() {
    let human = stdout(&history(&history_site(), &["--diff", "1.0..2.0"]));
    assert!(
        human.starts_with("Changes from version 1.0 to 2.0\n"),
        "{human}"
    );
    assert_contains_all(
        &human,
        &[
            "Recommendation 1: reworded\n  Alle patienter bør have udført [-CT-skanning-]{+PET/CT-skanning+} som led i stadieinddelingen.",
            "Recommendation 2: reworded, strength A-C → A",
            "Recommendation 3: withdrawn (was C)\n  [-Patienter bør tilbydes fysioterapi under behandlingen.-]",
            "Recommendation 4: added (D)\n  {+Ældre patienter bør vurderes geriatrisk før behandlingen.+}",
            "Sections:\n  changed: 2. Introduktion",
        ],
    );
}

#[test]
fn diff_on_the_terminal_speaks_danish_with_lang_da() {
    let site = history_site();
    let danish = stdout(&history(&site, &["--diff", "1.0..2.0", "--lang", "da"]));
    assert!(
        danish.starts_with("Ændringer fra udgave 1.0 til 2.0\n"),
        "{danish}"
    );
    assert_contains_all(
        &danish,
        &[
            "Anbefaling 1: omformuleret\n  Alle patienter bør have udført [-CT-skanning-]{+PET/CT-skanning+}",
            "Anbefaling 2: omformuleret, styrke A-C → A",
            "Anbefaling 3: trukket tilbage (var C)\n  [-Patienter",
            "Anbefaling 4: tilføjet (D)\n  {+Ældre",
            "Sektioner:\n  ændret: 2. Introduktion",
        ],
    );
}

/// The current text is a version too.
#[test]
fn diff_reaches_the_current_text_as_a_version() {
    let to_current = history_json(&history_site(), &["--diff", "2.0..2.1"]);
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
