//! Revision status on the boundary days, and publication within seven days of the
//! administrative approval.

use serde_json::{Value, json};

use crate::support::{TODAY, site};

use super::{
    ADMINISTRATIVE, ADMINISTRATIVE_LINE, APPROVAL_TABLE, PLANNED, json_report, published, shift,
    single, slugs,
};

#[test]
fn revision_status_on_the_boundary_days() {
    let site = site().build();
    for (days_before, status) in [
        (-1, "overdue"),
        (0, "due"),
        (1, "due"),
        (90, "due"), // the warning window's edge: revision_warning_days = 90
        (91, "current"),
    ] {
        let today = shift(PLANNED, -days_before);
        let report = json_report(&site, &today, &[]);
        assert_eq!(report["today"], json!(today));
        let row = single(&report["revision"]);
        assert_eq!(
            (&row["planned"], &row["days_left"], &row["status"]),
            (&json!("2027-06-01"), &json!(days_before), &json!(status)),
            "--today {today}"
        );
    }
}

#[test]
fn revision_rows_carry_group_slug_title_and_version() {
    let site = site().build();
    let report = json_report(&site, TODAY, &[]);
    assert_eq!(
        single(&report["revision"]),
        &json!({
            "group": "dlg",
            "slug": "dlbcl",
            "title": "Diffust storcellet B-celle lymfom",
            "version": "2.1",
            "planned": "2027-06-01",
            "days_left": 189,
            "status": "current",
        })
    );
}

#[test]
fn published_on_day_seven_is_on_time_and_day_eight_is_late() {
    for (lag, late) in [(0, false), (7, false), (8, true)] {
        let on = shift(ADMINISTRATIVE, lag);
        let site = site().replace(APPROVAL_TABLE, &published(&on)).build();
        // Long after the deadline: a published guideline's lag is fixed by its date.
        let report = json_report(&site, TODAY, &[]);
        assert_eq!(
            single(&report["publication"]),
            &json!({
                "group": "dlg",
                "slug": "dlbcl",
                "title": "Diffust storcellet B-celle lymfom",
                "administrative_approval": "2024-03-12",
                "published": on,
                "deadline": "2024-03-19",
                "lag_days": lag,
                "late": late,
            }),
            "published {on}"
        );
    }
}

#[test]
fn unpublished_is_on_time_through_day_seven_and_late_from_day_eight() {
    let site = site().build();
    for (lag, late) in [(0, false), (7, false), (8, true)] {
        let today = shift(ADMINISTRATIVE, lag);
        let report = json_report(&site, &today, &[]);
        let row = single(&report["publication"]);
        assert_eq!(
            (
                &row["published"],
                &row["deadline"],
                &row["lag_days"],
                &row["late"]
            ),
            (
                &Value::Null,
                &json!("2024-03-19"),
                &json!(lag),
                &json!(late)
            ),
            "--today {today}"
        );
    }
}

#[test]
fn a_guideline_without_administrative_approval_has_no_publication_row() {
    let site = site().replace(ADMINISTRATIVE_LINE, "").build();
    let report = json_report(&site, TODAY, &[]);
    assert_eq!(slugs(&report["revision"]), ["dlbcl"]);
    assert_eq!(report["publication"], json!([]));
}
