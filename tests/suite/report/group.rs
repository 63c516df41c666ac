//! `--group` limits every part to one group.

use serde_json::{Value, json};

use crate::support::{Site, TODAY, site, stderr, stdout};

use super::{ASSESSED_LINE, csv, guideline, json_report, run, single, slugs};

/// dlg/dlbcl (not stale, unpublished) and dbcg/screening (a stale aid, approved later).
fn two_group_site() -> Site {
    site()
        .file(
            "guidelines/dbcg/screening.md",
            guideline(
                "Screening",
                &[
                    (ASSESSED_LINE, "ipdas_assessed = 2024-01-15"),
                    ("date = 2024-03-12", "date = 2025-05-05"),
                ],
            ),
        )
        .build()
}

#[test]
fn group_limits_every_part_to_that_group() {
    let site = two_group_site();
    let all = json_report(&site, TODAY, &[]);
    assert_eq!(slugs(&all["revision"]), ["screening", "dlbcl"]);
    assert_eq!(slugs(&all["decision_aids"]["stale_aids"]), ["screening"]);

    let report = json_report(&site, TODAY, &["--group", "dlg"]);
    assert_eq!(slugs(&report["revision"]), ["dlbcl"]);
    assert_eq!(slugs(&report["publication"]), ["dlbcl"]);
    let aids = &report["decision_aids"];
    assert_eq!(single(&aids["groups"])["group"], json!("dlg"));
    assert_eq!(
        (
            &aids["groups_total"],
            &aids["groups_with_aid"],
            &aids["share"],
            &aids["goal_met"]
        ),
        (&json!(1), &json!(1), &json!(1.0), &json!(true))
    );
    assert_eq!(aids["stale_aids"], json!([]));

    let text = csv(&site, &["--group", "dlg"]);
    assert!(!text.contains("dbcg"), "{text}");
    assert_eq!(text.lines().filter(|l| l.contains(",dlg,")).count(), 3);
    let text = stdout(&run(&site, &["--today", TODAY, "--group", "dlg"]));
    assert!(
        !text.contains("dbcg") && !text.contains("screening"),
        "{text}"
    );
    assert!(text.contains("dlbcl"), "{text}");
}

#[test]
fn group_limits_since_to_that_group() {
    let site = two_group_site();
    let output = run(
        &site,
        &[
            "--format",
            "json",
            "--since",
            "2024-01-01",
            "--group",
            "dbcg",
        ],
    );
    let changes: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(slugs(&changes), ["screening"]);
}

#[test]
fn an_unknown_group_exits_2_naming_it() {
    let site = site().build();
    for args in [
        &["report", "--today", TODAY, "--group", "dmcg-ukendt"][..],
        &["report", "--format", "json", "--group", "dmcg-ukendt"],
        &["report", "--since", "2024-01-01", "--group", "dmcg-ukendt"],
    ] {
        let output = site.retning().args(args).output().expect("run retning");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("dmcg-ukendt"),
            "{}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), "", "{args:?}");
    }
}
