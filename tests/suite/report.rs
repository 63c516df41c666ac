//! `retning report` from the guideline office's side: revision and publication boundaries on
//! exact days, drafts left out, decision-aid coverage, the JSON/CSV/table shapes the README
//! documents, `--group`, `--since`, and that the site's revision overview agrees with the report.
//! Every run injects `--today`; none reads the real clock.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use serde_json::{Value, json};

use crate::support::{CONFIG, Site, TODAY, VALID, empty_site, site, stderr, stdout};

/// The main guideline's planned revision, administrative and professional approvals.
const PLANNED: Date = date(2027, 6, 1);
const ADMINISTRATIVE: Date = date(2024, 3, 12);
const PROFESSIONAL: Date = date(2024, 2, 1);

/// `date` moved by `days` (negative: earlier), as an ISO string.
fn shift(date: Date, days: i64) -> String {
    date.checked_add(days.days())
        .expect("a date in range")
        .to_string()
}

/// `text` with `from` replaced by `to`; `from` must occur exactly once.
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    let count = text.matches(from).count();
    assert_eq!(count, 1, "`{from}` occurs {count} times; make it unique");
    text.replacen(from, to, 1)
}

/// Another guideline: the valid one with its own title and the given replacements.
#[track_caller]
fn guideline(title: &str, edits: &[(&str, &str)]) -> String {
    let mut text = edit(
        VALID,
        "title = \"Diffust storcellet B-celle lymfom\"",
        &format!("title = \"{title}\""),
    );
    for (from, to) in edits {
        text = edit(&text, from, to);
    }
    text
}

/// The guideline text without its `[[decision_aids]]` table.
#[track_caller]
fn without_aid(text: &str) -> String {
    let start = text.find("\n[[decision_aids]]").expect("a decision aid");
    let end = start
        + text[start..]
            .find("\n+++\n")
            .expect("the end of front matter");
    format!("{}{}", &text[..start], &text[end..])
}

const APPROVED: &str = "status = \"approved\"";
const PLANNED_LINE: &str = "planned = 2027-06-01";
const ASSESSED_LINE: &str = "ipdas_assessed = 2024-05-01";
const APPROVAL_TABLE: &str = "\n[approval]";
const ADMINISTRATIVE_LINE: &str = "administrative = { date = 2024-03-12, by = \"Sekretariatet for Kliniske Retningslinjer på Kræftområdet\" }\n";

fn planned(date: &str) -> String {
    format!("planned = {date}")
}

/// `published = DATE` before the `[approval]` table.
fn published(date: &str) -> String {
    format!("published = {date}\n{APPROVAL_TABLE}")
}

/// `retning report ARGS…`; asserts exit 0 and nothing on stderr.
#[track_caller]
fn run(site: &Site, args: &[&str]) -> Output {
    let output = site
        .retning()
        .arg("report")
        .args(args)
        .output()
        .expect("run retning report");
    assert_eq!(
        output.status.code(),
        Some(0),
        "retning report {args:?} failed:\n{}",
        stderr(&output)
    );
    assert_eq!(
        stderr(&output),
        "",
        "retning report {args:?} wrote to stderr"
    );
    output
}

/// `retning report --format json --today TODAY ARGS…`, parsed.
#[track_caller]
fn json_report(site: &Site, today: &str, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json", "--today", today];
    all.extend_from_slice(args);
    let output = run(site, &all);
    let text = stdout(&output);
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
}

/// The only element of an array, failing with the whole array otherwise.
#[track_caller]
fn single(value: &Value) -> &Value {
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 1, "expected one element: {value:#}");
    &items[0]
}

/// The `slug` of every element of an array.
fn slugs(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|row| row["slug"].as_str().expect("a slug"))
        .collect()
}

#[track_caller]
fn assert_keys(value: &Value, expected: &[&str], what: &str) {
    let keys: BTreeSet<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {value:#}"))
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = expected.iter().copied().collect();
    assert_eq!(keys, expected, "the keys of {what}");
}

#[track_caller]
fn assert_iso_date(value: &Value, what: &str) {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {value}"));
    assert!(
        text.parse::<Date>().is_ok() && text.len() == 10,
        "{what} is not an ISO date: {text}"
    );
}

// ---------------------------------------------------------------------------------------
// Revision
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Publication
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Drafts and decision-aid coverage
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// JSON shape
// ---------------------------------------------------------------------------------------

#[test]
fn json_has_exactly_the_documented_keys_and_types() {
    // A stale aid, so that `stale_aids` has an element whose keys can be checked.
    let site = site()
        .replace(ASSESSED_LINE, "ipdas_assessed = 2024-01-15")
        .file(
            "guidelines/dbcg/screening.md",
            guideline("Screening", &[(APPROVAL_TABLE, &published("2024-03-20"))]),
        )
        .build();
    let report = json_report(&site, TODAY, &[]);
    assert_keys(
        &report,
        &["today", "revision", "publication", "decision_aids"],
        "the report",
    );
    assert_iso_date(&report["today"], "today");

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

// ---------------------------------------------------------------------------------------
// CSV shape
// ---------------------------------------------------------------------------------------

const CSV_HEADERS: [&str; 3] = [
    "part,group,guideline,version,planned,days_left,status",
    "part,group,guideline,administrative_approval,published,deadline,lag_days,late",
    "part,group,guidelines,guidelines_with_aid,recommendations,recommendations_with_aid",
];

fn csv(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["--format", "csv", "--today", TODAY];
    all.extend_from_slice(args);
    stdout(&run(site, &all))
}

#[test]
fn csv_is_three_tables_with_the_documented_headers() {
    let site = site()
        .replace("version = \"2.1\"", "version = \"1,2\"")
        .replace(APPROVAL_TABLE, &published("2024-03-19"))
        .file(
            "guidelines/dbcg/screening.md",
            without_aid(&guideline(
                "Screening",
                &[(PLANNED_LINE, &planned("2026-12-01"))],
            )),
        )
        .build();
    let text = csv(&site, &[]);
    assert_eq!(
        text,
        "part,group,guideline,version,planned,days_left,status\n\
         revision,dbcg,screening,2.1,2026-12-01,7,due\n\
         revision,dlg,dlbcl,\"1,2\",2027-06-01,189,current\n\
         \n\
         part,group,guideline,administrative_approval,published,deadline,lag_days,late\n\
         publication,dbcg,screening,2024-03-12,,2024-03-19,987,true\n\
         publication,dlg,dlbcl,2024-03-12,2024-03-19,2024-03-19,7,false\n\
         \n\
         part,group,guidelines,guidelines_with_aid,recommendations,recommendations_with_aid\n\
         decision_aids,dbcg,1,0,2,0\n\
         decision_aids,dlg,1,1,2,1\n"
    );
    // The same, structurally: a header and one row per entry, each row tagged with its part.
    let tables: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(tables.len(), 3, "{text}");
    for ((table, header), part) in
        tables
            .iter()
            .zip(CSV_HEADERS)
            .zip(["revision", "publication", "decision_aids"])
    {
        let mut lines = table.lines();
        assert_eq!(lines.next(), Some(header));
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 2, "{table}");
        for row in rows {
            assert!(row.starts_with(&format!("{part},")), "{row}");
        }
    }
}

#[test]
fn csv_quotes_commas_and_doubles_quotes() {
    let site = site()
        .replace("version = \"2.1\"", r#"version = "2.1 \"rev, b\"""#)
        .build();
    let text = csv(&site, &[]);
    let row = text.lines().nth(1).expect("a revision row");
    assert_eq!(
        row,
        r#"revision,dlg,dlbcl,"2.1 ""rev, b""",2027-06-01,189,current"#
    );
}

#[test]
fn csv_of_a_site_without_guidelines_keeps_every_header() {
    let site = empty_site().build();
    assert_eq!(
        csv(&site, &[]),
        format!(
            "{}\n\n{}\n\n{}\ndecision_aids,dbcg,0,0,0,0\ndecision_aids,dlg,0,0,0,0\n",
            CSV_HEADERS[0], CSV_HEADERS[1], CSV_HEADERS[2]
        )
    );
}

// ---------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------

/// A site whose columns have cells of different widths in every part.
fn uneven_site() -> Site {
    site()
        .replace(APPROVAL_TABLE, &published("2024-03-13"))
        .file(
            "guidelines/dbcg/mammografi-screening.md",
            guideline(
                "Mammografiscreening",
                &[
                    ("version = \"2.1\"", "version = \"10.0.1\""),
                    (PLANNED_LINE, &planned("2026-11-23")),
                ],
            ),
        )
        .file(
            "guidelines/dlg/hl.md",
            without_aid(&guideline(
                "Hodgkin lymfom",
                &[
                    ("version = \"2.1\"", "version = \"1\""),
                    (PLANNED_LINE, &planned("2026-12-01")),
                ],
            )),
        )
        .build()
}

/// The lines of the table under `title`, header first, up to the next blank line.
#[track_caller]
fn table_lines<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let start = text
        .lines()
        .position(|line| line.starts_with(title))
        .unwrap_or_else(|| panic!("no {title:?} in:\n{text}"));
    text.lines()
        .skip(start + 1)
        .take_while(|line| !line.is_empty())
        .collect()
}

/// Where the header's columns start: its first character and every word after two spaces.
fn column_starts(header: &str) -> Vec<usize> {
    let bytes = header.as_bytes();
    (0..bytes.len())
        .filter(|&i| i == 0 || (i >= 2 && bytes[i] != b' ' && &bytes[i - 2..i] == b"  "))
        .collect()
}

/// Every row has a cell starting exactly where each header column starts.
#[track_caller]
fn assert_aligned(lines: &[&str], columns: usize) {
    let header = lines[0];
    let starts = column_starts(header);
    assert_eq!(starts.len(), columns, "columns of {header:?}");
    for row in &lines[1..] {
        let chars: Vec<char> = row.chars().collect();
        for &start in &starts {
            assert!(
                chars.get(start).is_some_and(|c| *c != ' ')
                    && (start == 0 || chars[start - 1] == ' '),
                "a cell of {row:?} does not start at column {start}:\n{}",
                lines.join("\n")
            );
        }
    }
}

#[test]
fn table_columns_are_aligned_without_colour_on_a_pipe() {
    let site = uneven_site();
    let text = stdout(&run(&site, &["--today", TODAY]));
    assert!(!text.contains('\u{1b}'), "escape codes on a pipe:\n{text}");

    let revision = table_lines(&text, "Revision (today 2026-11-24)");
    assert_eq!(revision.len(), 4, "{text}");
    assert_aligned(&revision, 6);
    let status_at = revision[0].find("status").expect("a status header");
    let statuses: Vec<&str> = revision[1..]
        .iter()
        .map(|row| {
            assert_eq!(&row[status_at - 2..status_at], "  ", "{row:?}");
            &row[status_at..]
        })
        .collect();
    // Sorted by group, then slug.
    assert_eq!(statuses, ["overdue", "current", "due"], "{text}");
    assert!(revision[1].contains("-1"), "{}", revision[1]);

    let publication = table_lines(&text, "Publication");
    assert_eq!(publication.len(), 4, "{text}");
    assert_aligned(&publication, 7);

    let aids = table_lines(&text, "Decision aids");
    assert_aligned(&aids[..3], 5);
    assert_eq!(
        aids[3],
        "Groups with a guideline linking a decision aid: 2 of 2 (100%; goal 50%: met)"
    );
}

#[test]
fn table_says_none_for_an_empty_part() {
    let site = empty_site().build();
    let text = stdout(&run(&site, &["--today", TODAY]));
    assert_eq!(table_lines(&text, "Revision")[1], "(none)", "{text}");
    assert_eq!(table_lines(&text, "Publication")[1], "(none)", "{text}");
}

/// On a terminal the status is coloured and the columns still line up (escape codes take
/// no width). Runs `retning` under util-linux `script` for a pseudo-terminal; skipped where
/// `script` is missing.
#[test]
fn table_on_a_terminal_is_coloured_and_still_aligned() {
    let site = uneven_site();
    let command = format!("'{}' report --today {TODAY}", env!("CARGO_BIN_EXE_retning"));
    let Ok(output) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(site.root())
        .stdin(std::process::Stdio::null())
        .output()
    else {
        eprintln!("skipped: no `script` to give retning a terminal");
        return;
    };
    if !output.status.success() {
        eprintln!(
            "skipped: `script` could not run retning on a terminal: {}",
            stderr(&output)
        );
        return;
    }
    let text = stdout(&output).replace("\r\n", "\n");
    assert!(
        text.contains("\u{1b}[31moverdue\u{1b}[0m")
            && text.contains("\u{1b}[33mdue\u{1b}[0m")
            && text.contains("\u{1b}[32mcurrent\u{1b}[0m"),
        "no coloured status on a terminal:\n{text:?}"
    );
    let plain = strip_escapes(&text);
    let piped = stdout(&run(&site, &["--today", TODAY]));
    assert_eq!(
        plain, piped,
        "the terminal table differs beyond its colours"
    );
}

fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// --group
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// --since
// ---------------------------------------------------------------------------------------

/// dlg/dlbcl approved 2024-03-12 (recommendation 1 `ny`, 2 `ændret`), dbcg/tidligere approved
/// the day before, dlg/faglig with only a professional approval (2024-06-01), and a draft
/// approved later than all of them.
fn since_site() -> Site {
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

// ---------------------------------------------------------------------------------------
// The site agrees with the report
// ---------------------------------------------------------------------------------------

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

#[test]
fn the_revision_overview_page_agrees_with_the_report() {
    let today = date(2026, 11, 24);
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
    let today = today.to_string();
    let output = site
        .retning()
        .args(["build", "--today", &today, "--out"])
        .arg(&public)
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));

    let report = json_report(&site, &today, &[]);
    let expected: BTreeMap<&str, &str> = report["revision"]
        .as_array()
        .expect("revision rows")
        .iter()
        .map(|row| {
            (
                row["slug"].as_str().expect("a slug"),
                row["status"].as_str().expect("a status"),
            )
        })
        .collect();
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

        // The guideline's own page carries the banner that goes with the same status.
        let page = std::fs::read_to_string(public.join(format!("{group}/{slug}/index.html")))
            .expect("read the guideline page");
        assert_eq!(
            (page.contains("banner-overdue"), page.contains("banner-due")),
            (status == "overdue", status == "due"),
            "banners on {group}/{slug}"
        );
    }
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
