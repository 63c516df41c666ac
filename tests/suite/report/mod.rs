//! `retning report` from the guideline office's side: revision and publication boundaries on
//! exact days, drafts left out, decision-aid coverage, the JSON/CSV/table shapes the README
//! documents, `--group`, `--since`, and that the site's revision overview agrees with the report.
//! Every run injects `--today`; none reads the real clock.

mod coverage;
mod csv_shape;
mod group;
mod in_two_languages;
mod json_shape;
mod revision;
mod since;
mod site_agrees;
mod table_shape;

use std::collections::BTreeSet;
use std::process::Output;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use serde_json::Value;

use crate::support::{Site, TODAY, VALID, stderr, stdout};

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

/// `retning report --format csv --today TODAY ARGS…`.
fn csv(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["--format", "csv", "--today", TODAY];
    all.extend_from_slice(args);
    stdout(&run(site, &all))
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
