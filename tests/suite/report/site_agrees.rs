//! The site's revision overview agrees with the report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::{Date, date};
use serde_json::Value;

use crate::support::{Site, site, stderr};

use super::{PLANNED_LINE, guideline, json_report, planned, shift, without_aid};

/// Each `<tr class="row-STATUS">` of the revision overview: href → (status, data-values).
fn overview_rows(html: &str) -> BTreeMap<String, (String, Vec<String>)> {
    html.split("<tr class=\"row-")
        .skip(1)
        .map(|chunk| {
            let row = &chunk[..chunk.find("</tr>").expect("the end of the row")];
            let status = row[..row.find('"').expect("the class ends")].to_owned();
            let href = between(row, "<a href=\"", "\"").to_owned();
            let values = row
                .split("data-value=\"")
                .skip(1)
                .map(|v| v[..v.find('"').expect("the value ends")].to_owned())
                .collect();
            (href, (status, values))
        })
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect("the start") + start.len();
    let to = from + text[from..].find(end).expect("the end");
    &text[from..to]
}

/// The valid guideline beside four whose revision is one day overdue, planned for `today`,
/// due in 90 days and in 91, built for `today` into a temporary folder: the site, the folder
/// (removed when dropped) and its `public/`.
fn built_with_each_status(today: Date) -> (Site, tempfile::TempDir, PathBuf) {
    let variant = |title: &str, days: i64| {
        without_aid(&guideline(
            title,
            &[(PLANNED_LINE, &planned(&shift(today, days)))],
        ))
    };
    let site = site()
        .file("guidelines/dlg/overdue.md", variant("Overskredet", -1))
        .file(
            "guidelines/dlg/on-the-day.md",
            variant("Revideres i dag", 0),
        )
        .file("guidelines/dbcg/due.md", variant("Snart til revision", 90))
        .file("guidelines/dbcg/current.md", variant("Aktuel", 91))
        .build();
    let out = tempfile::tempdir().expect("a temporary folder");
    let public = out.path().join("public");
    let output = site
        .retning()
        .args(["build", "--today", &today.to_string(), "--out"])
        .arg(&public)
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
    (site, out, public)
}

/// The report's revision rows: slug → status.
fn statuses(report: &Value) -> BTreeMap<&str, &str> {
    report["revision"]
        .as_array()
        .expect("revision rows")
        .iter()
        .map(|row| {
            (
                row["slug"].as_str().expect("a slug"),
                row["status"].as_str().expect("a status"),
            )
        })
        .collect()
}

#[test]
fn the_revision_overview_page_agrees_with_the_report() {
    let today = date(2026, 11, 24);
    let (site, _out, public) = built_with_each_status(today);
    let report = json_report(&site, &today.to_string(), &[]);
    let expected = statuses(&report);
    assert_eq!(
        expected,
        BTreeMap::from([
            ("current", "current"),
            ("dlbcl", "current"),
            ("due", "due"),
            ("on-the-day", "due"),
            ("overdue", "overdue"),
        ])
    );

    let html = std::fs::read_to_string(public.join("revision/index.html"))
        .expect("read revision/index.html");
    let rows = overview_rows(&html);
    assert_eq!(rows.len(), expected.len(), "rows: {rows:#?}");
    for row in report["revision"].as_array().expect("revision rows") {
        assert_row_agrees(row, &rows, &public);
    }
}

/// The overview's row for the report's `row` has its status and values, and the guideline's
/// own page carries the banner that goes with the same status.
#[track_caller]
fn assert_row_agrees(row: &Value, rows: &BTreeMap<String, (String, Vec<String>)>, public: &Path) {
    let (group, slug) = (
        row["group"].as_str().expect("group"),
        row["slug"].as_str().expect("slug"),
    );
    let suffix = format!("/{group}/{slug}/");
    let (href, (status, values)) = rows
        .iter()
        .find(|(href, _)| href.ends_with(&suffix))
        .unwrap_or_else(|| panic!("no row links to {suffix}: {rows:#?}"));
    assert_eq!(Some(status.as_str()), row["status"].as_str(), "{href}");
    assert_eq!(
        values,
        &[
            row["planned"].as_str().expect("planned").to_owned(),
            row["days_left"].to_string(),
            status.clone(),
        ],
        "{href}"
    );
    let page = std::fs::read_to_string(public.join(format!("{group}/{slug}/index.html")))
        .expect("read the guideline page");
    assert_eq!(
        (page.contains("banner-overdue"), page.contains("banner-due")),
        (status == "overdue", status == "due"),
        "banners on {group}/{slug}"
    );
}

#[test]
fn a_guideline_that_cannot_be_read_is_named_not_silently_left_out() {
    let broken = crate::support::VALID.replace("version = ", "verison = ");
    let site = crate::support::site()
        .file("guidelines/dbcg/broken.md", broken)
        .build();
    let output = site
        .retning()
        .args([
            "report",
            "--today",
            crate::support::TODAY,
            "--format",
            "csv",
        ])
        .output()
        .expect("run report");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("guidelines/dbcg/broken.md"), "{stderr}");
    assert!(stderr.contains("leaves out"), "{stderr}");
}
