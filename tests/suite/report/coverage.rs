//! Drafts are left out; decision-aid coverage per group and stale aids.

use serde_json::json;

use crate::support::{CONFIG, TODAY, empty_site, site};

use super::{
    APPROVED, ASSESSED_LINE, PLANNED_LINE, PROFESSIONAL, guideline, json_report, single, slugs,
    without_aid,
};

#[test]
fn drafts_are_left_out_of_every_part() {
    // The draft is overdue, unpublished, has an aid and a stale one: none of it may count.
    let draft = guideline(
        "Kladde om brystkræft",
        &[
            (APPROVED, "status = \"draft\""),
            (PLANNED_LINE, "planned = 2026-01-01"),
            (ASSESSED_LINE, "ipdas_assessed = 2024-01-01"),
        ],
    );
    let site = site()
        .file("guidelines/dbcg/kladde.md", draft.clone())
        .file("guidelines/dlg/kladde.md", draft)
        .build();
    let report = json_report(&site, TODAY, &[]);
    assert_eq!(slugs(&report["revision"]), ["dlbcl"]);
    assert_eq!(slugs(&report["publication"]), ["dlbcl"]);
    let aids = &report["decision_aids"];
    assert_eq!(
        aids["groups"],
        json!([
            {"group": "dbcg", "name": "Danish Breast Cancer Group (DBCG)", "guidelines": 0,
             "guidelines_with_aid": 0, "recommendations": 0, "recommendations_with_aid": 0},
            {"group": "dlg", "name": "Dansk Lymfomgruppe (DLG)", "guidelines": 1,
             "guidelines_with_aid": 1, "recommendations": 2, "recommendations_with_aid": 1},
        ])
    );
    assert_eq!(aids["stale_aids"], json!([]));
}

#[test]
fn coverage_counts_groups_with_an_aid_against_the_goal() {
    // dbcg has a guideline without an aid; dlg's has one aid supporting recommendation 2.
    let site = site()
        .file(
            "guidelines/dbcg/screening.md",
            without_aid(&guideline("Screening", &[])),
        )
        .build();
    let aids = json_report(&site, TODAY, &[])["decision_aids"].clone();
    assert_eq!(
        aids,
        json!({
            "groups": [
                {"group": "dbcg", "name": "Danish Breast Cancer Group (DBCG)", "guidelines": 1,
                 "guidelines_with_aid": 0, "recommendations": 2, "recommendations_with_aid": 0},
                {"group": "dlg", "name": "Dansk Lymfomgruppe (DLG)", "guidelines": 1,
                 "guidelines_with_aid": 1, "recommendations": 2, "recommendations_with_aid": 1},
            ],
            "groups_total": 2,
            "groups_with_aid": 1,
            "share": 0.5,
            "goal": 0.5,
            "goal_met": true,
            "stale_aids": [],
        })
    );
}

#[test]
fn a_group_without_guidelines_counts_and_can_miss_the_goal() {
    let config = format!("{CONFIG}dccg = \"Danish Colorectal Cancer Group (DCCG)\"\n");
    let site = site().config(Some(&config)).build();
    let aids = json_report(&site, TODAY, &[])["decision_aids"].clone();
    let groups: Vec<&str> = aids["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["group"].as_str().expect("a code"))
        .collect();
    assert_eq!(groups, ["dbcg", "dccg", "dlg"]);
    for empty in [&aids["groups"][0], &aids["groups"][1]] {
        for key in [
            "guidelines",
            "guidelines_with_aid",
            "recommendations",
            "recommendations_with_aid",
        ] {
            assert_eq!(empty[key], json!(0), "{key} of {empty}");
        }
    }
    assert_eq!(
        (
            &aids["groups_total"],
            &aids["groups_with_aid"],
            &aids["goal"],
            &aids["goal_met"]
        ),
        (&json!(3), &json!(1), &json!(0.5), &json!(false))
    );
    let share = aids["share"].as_f64().expect("share is a number");
    assert!((share - 1.0 / 3.0).abs() < 1e-9, "share {share}");
}

#[test]
fn a_site_without_guidelines_reports_every_group_with_zeros() {
    let site = empty_site().build();
    let report = json_report(&site, TODAY, &[]);
    assert_eq!(report["revision"], json!([]));
    assert_eq!(report["publication"], json!([]));
    let aids = &report["decision_aids"];
    assert_eq!(aids["groups"].as_array().expect("groups").len(), 2);
    assert_eq!(
        (
            &aids["groups_total"],
            &aids["groups_with_aid"],
            &aids["share"],
            &aids["goal_met"]
        ),
        (&json!(2), &json!(0), &json!(0.0), &json!(false))
    );
}

#[test]
fn an_aid_assessed_before_the_professional_approval_is_stale() {
    let site = site()
        .replace(ASSESSED_LINE, "ipdas_assessed = 2024-01-15")
        .build();
    let report = json_report(&site, TODAY, &[]);
    assert_eq!(
        report["decision_aids"]["stale_aids"],
        json!([{
            "group": "dlg",
            "slug": "dlbcl",
            "aid": "Beslutningshjælper: behandling af DLBCL hos ældre",
            "professional_approval": "2024-02-01",
            "ipdas_assessed": "2024-01-15",
            "last_updated": "2024-03-01",
        }])
    );
}

#[test]
fn an_aid_updated_before_the_professional_approval_is_stale() {
    let site = site()
        .replace("last_updated = 2024-03-01", "last_updated = 2024-01-31")
        .build();
    let stale = json_report(&site, TODAY, &[])["decision_aids"]["stale_aids"].clone();
    let aid = single(&stale);
    assert_eq!(
        (&aid["ipdas_assessed"], &aid["last_updated"]),
        (&json!("2024-05-01"), &json!("2024-01-31"))
    );
}

#[test]
fn an_aid_assessed_on_the_approval_day_is_not_stale() {
    let on = PROFESSIONAL.to_string();
    let site = site()
        .replace(ASSESSED_LINE, &format!("ipdas_assessed = {on}"))
        .replace("last_updated = 2024-03-01", &format!("last_updated = {on}"))
        .build();
    let report = json_report(&site, TODAY, &[]);
    assert_eq!(report["decision_aids"]["stale_aids"], json!([]));
}
