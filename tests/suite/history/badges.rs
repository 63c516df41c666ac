//! The `ny`/`ændret` badges checked against the history, in `check`, `report --since` and
//! `build`.

use super::*;

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
    let danish = site.check_json(&["--lang", "da"]);
    danish.diagnostics[0].message_contains(
        "anbefaling 1 er ændret siden version 2.1 (ny ordlyd), men er ikke markeret `ændret`",
    );
    danish.diagnostics[1]
        .message_contains("er markeret `ændret`, men er ikke ændret siden version 2.1");
    danish.diagnostics[2].help_contains("skriv `ny` efter styrken: ::: anbefaling 5 (…) ny");

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
