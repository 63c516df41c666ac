//! The whole patient pathway from the office's and the reader's side: the `--monitoring` and
//! `--coverage` reports (snapshots of every format), a cross-group guideline counted under
//! each of its groups, and drafts left out.

use serde_json::Value;

use crate::support::{Site, SiteBuilder, TODAY, VALID, site, stderr, stdout};

/// The valid guideline with `edits` applied, each of which must match once.
#[track_caller]
fn variant(edits: &[(&str, &str)]) -> String {
    let mut text = VALID.to_owned();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

const KEYWORDS: &str = "keywords = [";
const FIRST: &str = "::: anbefaling 1 (B)\n";
const TITLE: &str = "title = \"Diffust storcellet B-celle lymfom\"";

/// dlg's guideline covers udredning and behandling, its recommendation 1 only udredning and
/// monitored by LYFO 1a; dbcg's late-effects guideline also serves dlg; a dbcg draft covers
/// palliation (and counts nowhere).
pub fn pathway_site() -> SiteBuilder {
    site()
        .replace(
            KEYWORDS,
            "phases = [\"udredning\", \"behandling\"]\nkeywords = [",
        )
        .replace(
            FIRST,
            "::: anbefaling 1 (B) {fase=udredning monitorering=\"LYFO 1a\"}\n",
        )
        .file(
            "guidelines/dbcg/senfoelger.md",
            variant(&[
                (TITLE, "title = \"Senfølger efter kræft\""),
                (
                    KEYWORDS,
                    "phases = [\"senfoelger\"]\ngroups = [\"dlg\"]\nkeywords = [",
                ),
                ("(A-C) ændret", "(A-C) ændret {monitorering=\"DBCG 12\"}"),
            ]),
        )
        .file(
            "guidelines/dbcg/kladde.md",
            variant(&[
                (TITLE, "title = \"Palliation (kladde)\""),
                ("status = \"approved\"", "status = \"draft\""),
                (KEYWORDS, "phases = [\"palliation\"]\nkeywords = ["),
            ]),
        )
}

/// `retning report --today TODAY ARGS…`: exit 0, nothing on stderr, stdout.
#[track_caller]
fn report(site: &Site, args: &[&str]) -> String {
    let output = site
        .retning()
        .args(["report", "--today", TODAY])
        .args(args)
        .output()
        .expect("run retning report");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
}

#[test]
fn the_pathway_site_checks_clean() {
    pathway_site().check_json().expect_clean();
}

#[test]
fn the_monitoring_report_lists_per_group_what_is_monitored_and_what_is_not() {
    let site = pathway_site().build();
    insta::assert_snapshot!("monitoring_table", report(&site, &["--monitoring"]));
    insta::assert_snapshot!(
        "monitoring_csv",
        report(&site, &["--monitoring", "--format", "csv"])
    );
    let text = report(&site, &["--monitoring", "--format", "json"]);
    insta::assert_snapshot!("monitoring_json", text);
    let json: Value = serde_json::from_str(&text).unwrap();
    // The cross-group guideline is under dlg as well as under its home, dbcg.
    let dlg = &json["groups"][1];
    assert_eq!(dlg["group"], "dlg");
    let monitored: Vec<&str> = dlg["monitored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["guideline"].as_str().unwrap())
        .collect();
    assert_eq!(monitored, ["dbcg/senfoelger", "dlg/dlbcl"]);
}

#[test]
fn the_coverage_report_is_the_groups_by_phases_matrix() {
    let site = pathway_site().build();
    let table = report(&site, &["--coverage"]);
    insta::assert_snapshot!("coverage_table", table);
    insta::assert_snapshot!(
        "coverage_csv",
        report(&site, &["--coverage", "--format", "csv"])
    );
    let json: Value =
        serde_json::from_str(&report(&site, &["--coverage", "--format", "json"])).unwrap();
    let cell = |group: usize, phase: &str| {
        let cells = json["groups"][group]["cells"].as_array().unwrap();
        let cell = cells.iter().find(|c| c["phase"] == phase).unwrap();
        (
            cell["guidelines"].as_u64().unwrap(),
            cell["recommendations"].as_u64().unwrap(),
        )
    };
    // dlg: its own guideline (rec 1 in udredning only, rec 2 in both) and dbcg's shared one.
    assert_eq!(cell(1, "udredning"), (1, 2));
    assert_eq!(cell(1, "behandling"), (1, 1));
    assert_eq!(cell(1, "senfoelger"), (1, 2));
    assert_eq!(cell(0, "senfoelger"), (1, 2));
    // The draft's phase stays a gap.
    assert_eq!(cell(0, "palliation"), (0, 0));
    // --group narrows to one row.
    let dbcg: Value = serde_json::from_str(&report(
        &site,
        &["--coverage", "--format", "json", "--group", "dbcg"],
    ))
    .unwrap();
    assert_eq!(dbcg["groups"].as_array().unwrap().len(), 1);
}

#[test]
fn monitoring_and_since_cannot_be_combined() {
    let site = pathway_site().build();
    let output = site
        .retning()
        .args(["report", "--monitoring", "--since", "2024-01-01"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
