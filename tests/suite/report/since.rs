//! `--since`: the guidelines approved on or after a date, for the steering groups.

use serde_json::{Value, json};

use crate::support::{Site, site, stdout};

use super::{ADMINISTRATIVE_LINE, APPROVED, assert_keys, guideline, run, slugs};

/// dlg/dlbcl approved 2024-03-12 (recommendation 1 `ny`, 2 `ændret`), dbcg/tidligere approved
/// the day before, dlg/faglig with only a professional approval (2024-06-01), and a draft
/// approved later than all of them.
pub(super) fn since_site() -> Site {
    site()
        .replace("::: anbefaling 1 (B)", "::: anbefaling 1 (B) ny")
        .file(
            "guidelines/dbcg/tidligere.md",
            guideline(
                "Tidligere godkendt",
                &[("date = 2024-03-12", "date = 2024-03-11")],
            ),
        )
        .file(
            "guidelines/dlg/faglig.md",
            guideline(
                "Kun fagligt godkendt",
                &[
                    (ADMINISTRATIVE_LINE, ""),
                    ("date = 2024-02-01", "date = 2024-06-01"),
                    ("::: anbefaling 2 (A-C) ændret", "::: anbefaling 2 (A-C) ny"),
                ],
            ),
        )
        .file(
            "guidelines/dlg/kladde.md",
            guideline(
                "Kladde",
                &[
                    (APPROVED, "status = \"draft\""),
                    ("date = 2024-03-12", "date = 2025-01-01"),
                ],
            ),
        )
        .build()
}

#[test]
fn since_lists_guidelines_approved_on_or_after_the_date() {
    let site = since_site();
    let output = run(&site, &["--format", "json", "--since", "2024-03-12"]);
    let changes: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    // Newest first.
    assert_eq!(
        changes,
        json!([
            {
                "group": "dlg",
                "slug": "faglig",
                "title": "Kun fagligt godkendt",
                "version": "2.1",
                "approved": "2024-06-01",
                "url": "https://example.org/retningslinjer/dlg/faglig/",
                "new_recommendations": [2],
                "changed_recommendations": [],
                "withdrawn_recommendations": [],
                "previous_version": null,
                "basis": "markers",
            },
            {
                "group": "dlg",
                "slug": "dlbcl",
                "title": "Diffust storcellet B-celle lymfom",
                "version": "2.1",
                "approved": "2024-03-12",
                "url": "https://example.org/retningslinjer/dlg/dlbcl/",
                "new_recommendations": [1],
                "changed_recommendations": [2],
                "withdrawn_recommendations": [],
                "previous_version": null,
                "basis": "markers",
            },
        ])
    );
    for change in changes.as_array().expect("an array") {
        assert_keys(
            change,
            &[
                "group",
                "slug",
                "title",
                "version",
                "approved",
                "url",
                "new_recommendations",
                "changed_recommendations",
                "withdrawn_recommendations",
                "previous_version",
                "basis",
            ],
            "a change",
        );
    }

    // The day after the approval, dlbcl is no longer new.
    let output = run(&site, &["--format", "json", "--since", "2024-03-13"]);
    let changes: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(slugs(&changes), ["faglig"]);
}

#[test]
fn since_as_text_is_the_message_for_the_steering_groups() {
    let site = since_site();
    let text = stdout(&run(&site, &["--since", "2024-03-12"]));
    assert!(
        text.starts_with("New and revised guidelines approved since 2024-03-12:\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "- Diffust storcellet B-celle lymfom (dlg), version 2.1, approved 2024-03-12\n  \
             https://example.org/retningslinjer/dlg/dlbcl/\n  \
             New recommendations: 1\n  \
             Changed recommendations: 2\n"
        ),
        "{text}"
    );
    assert!(text.contains("Kun fagligt godkendt"), "{text}");
    assert!(!text.contains("Tidligere godkendt"), "{text}");
    assert!(!text.contains("Kladde"), "{text}");
}

#[test]
fn since_as_csv_is_one_table() {
    let site = since_site();
    let csv = stdout(&run(&site, &["--format", "csv", "--since", "2024-03-12"]));
    assert_eq!(
        csv,
        "group,guideline,title,version,approved,url,new_recommendations,changed_recommendations\n\
         dlg,faglig,Kun fagligt godkendt,2.1,2024-06-01,https://example.org/retningslinjer/dlg/faglig/,2,\n\
         dlg,dlbcl,Diffust storcellet B-celle lymfom,2.1,2024-03-12,https://example.org/retningslinjer/dlg/dlbcl/,1,2\n"
    );
    let empty = stdout(&run(&site, &["--format", "csv", "--since", "2024-06-02"]));
    assert_eq!(empty.lines().count(), 1, "only the header: {empty}");
}

#[test]
fn since_with_nothing_new_says_so() {
    let site = since_site();
    let text = stdout(&run(&site, &["--since", "2024-06-02"]));
    assert_eq!(text, "No guideline has been approved since 2024-06-02.\n");
    let output = run(&site, &["--format", "json", "--since", "2024-06-02"]);
    assert_eq!(stdout(&output).trim(), "[]");
}
