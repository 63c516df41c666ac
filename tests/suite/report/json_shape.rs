//! The JSON report has exactly the documented keys and types.

use serde_json::Value;

use crate::support::{TODAY, site};

use super::{
    APPROVAL_TABLE, ASSESSED_LINE, assert_iso_date, assert_keys, guideline, json_report, published,
    single,
};

/// The report of the valid guideline (dlg/dlbcl, not published) beside a published one, with
/// a stale aid: `published` is once a date and once null, and `stale_aids` has an element.
fn report() -> Value {
    let site = site()
        .replace(ASSESSED_LINE, "ipdas_assessed = 2024-01-15")
        .file(
            "guidelines/dbcg/screening.md",
            guideline("Screening", &[(APPROVAL_TABLE, &published("2024-03-20"))]),
        )
        .build();
    json_report(&site, TODAY, &[])
}

#[test]
fn json_has_exactly_the_documented_parts() {
    let report = report();
    assert_keys(
        &report,
        &["today", "revision", "publication", "decision_aids"],
        "the report",
    );
    assert_iso_date(&report["today"], "today");
}

#[test]
fn json_revision_rows_have_exactly_the_documented_keys_and_types() {
    let report = report();
    let revision = report["revision"].as_array().expect("revision is an array");
    assert_eq!(revision.len(), 2);
    for row in revision {
        assert_keys(
            row,
            &[
                "group",
                "slug",
                "title",
                "version",
                "planned",
                "days_left",
                "status",
            ],
            "a revision row",
        );
        for key in ["group", "slug", "title", "version", "status"] {
            assert!(row[key].is_string(), "{key} in {row}");
        }
        assert_iso_date(&row["planned"], "planned");
        assert!(row["days_left"].is_i64(), "{row}");
    }
}

#[test]
fn json_publication_rows_have_exactly_the_documented_keys_and_types() {
    let report = report();
    let publication = report["publication"]
        .as_array()
        .expect("publication is an array");
    assert_eq!(publication.len(), 2);
    for row in publication {
        assert_keys(
            row,
            &[
                "group",
                "slug",
                "title",
                "administrative_approval",
                "published",
                "deadline",
                "lag_days",
                "late",
            ],
            "a publication row",
        );
        assert_iso_date(&row["administrative_approval"], "administrative_approval");
        assert_iso_date(&row["deadline"], "deadline");
        assert!(
            row["lag_days"].is_i64() && row["late"].is_boolean(),
            "{row}"
        );
    }
    // dbcg/screening is published, dlg/dlbcl is not: `published` is a date or null.
    assert_iso_date(&publication[0]["published"], "published");
    assert!(publication[1]["published"].is_null());
}

#[test]
fn json_decision_aids_have_exactly_the_documented_keys_and_types() {
    let report = report();
    let aids = &report["decision_aids"];
    assert_keys(
        aids,
        &[
            "groups",
            "groups_total",
            "groups_with_aid",
            "share",
            "goal",
            "goal_met",
            "stale_aids",
        ],
        "decision_aids",
    );
    assert!(aids["groups_total"].is_u64() && aids["groups_with_aid"].is_u64());
    assert!(aids["share"].is_f64() && aids["goal"].is_f64() && aids["goal_met"].is_boolean());
    for group in aids["groups"].as_array().expect("groups is an array") {
        assert_keys(
            group,
            &[
                "group",
                "name",
                "guidelines",
                "guidelines_with_aid",
                "recommendations",
                "recommendations_with_aid",
            ],
            "a decision_aids group",
        );
    }
    let stale = single(&aids["stale_aids"]);
    assert_keys(
        stale,
        &[
            "group",
            "slug",
            "aid",
            "professional_approval",
            "ipdas_assessed",
            "last_updated",
        ],
        "a stale aid",
    );
    for key in ["professional_approval", "ipdas_assessed", "last_updated"] {
        assert_iso_date(&stale[key], key);
    }
}
