//! The whole patient pathway from the office's and the reader's side: the `--monitoring` and
//! `--coverage` reports (snapshots of every format), a cross-group guideline counted under
//! each of its groups, and drafts left out.

use serde_json::Value;

use crate::support::{Site, SiteBuilder, TODAY, VALID, between, site, stderr, stdout};

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
        "monitoring_table_da",
        report(&site, &["--monitoring", "--lang", "da"])
    );
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
        "coverage_table_da",
        report(&site, &["--coverage", "--lang", "da"])
    );
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

/// Builds the pathway site into `public/` and returns a reader of its files.
fn built() -> (Site, impl Fn(&str) -> String) {
    built_from(pathway_site())
}

/// Builds `builder`'s site into `public/` and returns a reader of its files.
fn built_from(builder: SiteBuilder) -> (Site, impl Fn(&str) -> String) {
    let site = builder.build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let root = site.path("public");
    let read = move |path: &str| {
        std::fs::read_to_string(root.join(path)).unwrap_or_else(|err| panic!("read {path}: {err}"))
    };
    (site, read)
}

#[test]
fn a_cross_group_guideline_has_one_address_and_is_listed_under_each_group() {
    let (_site, read) = built();
    let url = "/retningslinjer/dbcg/senfoelger/";
    let dlg = read("dlg/index.html");
    let shared = between(&dlg, "Fælles retningslinjer med andre grupper", "</ul>");
    assert!(shared.contains(url), "{shared}");
    assert!(read("dbcg/index.html").contains(url));
    // Home, sitemap and the API name it once, at its one address.
    assert_eq!(
        read("index.html")
            .matches(&format!("href=\"{url}\""))
            .count(),
        1
    );
    assert_eq!(read("sitemap.xml").matches("dbcg/senfoelger/").count(), 1);
    assert!(!std::path::Path::new(&_site.path("public/dlg/senfoelger")).exists());
    // Its page names the further group.
    let page = read("dbcg/senfoelger/index.html");
    let facts = between(&page, "<dt>Også for</dt>", "</dd>");
    assert!(facts.contains("/retningslinjer/dlg/"), "{facts}");
}

#[test]
fn the_pathway_page_shows_every_group_and_phase_with_its_gaps() {
    let (_site, read) = built();
    let html = read("forloeb/index.html");
    insta::assert_snapshot!("pathway_page", between(&html, "<main", "</main>"));
    // Every page links to it (in the footer).
    assert!(read("index.html").contains("href=\"/retningslinjer/forloeb/\""));
}

#[test]
fn a_phase_page_lists_its_recommendations_across_guidelines() {
    let (_site, read) = built();
    let udredning = read("forloeb/udredning/index.html");
    assert!(udredning.contains("/retningslinjer/dlg/dlbcl/#anbefaling-1\""));
    assert!(udredning.contains("/retningslinjer/dlg/dlbcl/#anbefaling-2\""));
    let behandling = read("forloeb/behandling/index.html");
    // Recommendation 1 narrows its phases to udredning.
    assert!(!behandling.contains("#anbefaling-1\""), "{behandling}");
    assert!(behandling.contains("/retningslinjer/dlg/dlbcl/#anbefaling-2\""));
    insta::assert_snapshot!("phase_page", between(&behandling, "<main", "</main>"));
    let senfoelger = read("forloeb/senfoelger/index.html");
    assert!(senfoelger.contains("/retningslinjer/dbcg/senfoelger/#anbefaling-1\""));
    // Drafts are not published: their phase stays empty.
    let palliation = read("forloeb/palliation/index.html");
    assert!(palliation.contains("Ingen retningslinje dækker endnu denne fase."));
}

#[test]
fn a_theme_restyles_the_items_of_a_phase_page() {
    let (_site, read) = built_from(pathway_site().file(
        "themes/default/templates/partials/phase-item.html",
        "<li><a href=\"{{ href }}\">{{ id }}</a>{% if has_strength %} [{{ strength }}|{{ class }}]{% endif %} {{ text }}</li>\n",
    ));
    let udredning = read("forloeb/udredning/index.html");
    assert!(
        udredning.contains(
            "<li><a href=\"/retningslinjer/dlg/dlbcl/#anbefaling-1\">1</a> [B|strength-b] "
        ),
        "{udredning}"
    );
    assert!(!udredning.contains("class=\"phase-item\""), "{udredning}");
}

#[test]
fn the_mdt_view_holds_only_the_recommendations_with_phases_aids_and_monitoring() {
    let (_site, read) = built();
    let page = read("dlg/dlbcl/index.html");
    assert!(page.contains("href=\"/retningslinjer/dlg/dlbcl/mdt/\""));
    assert!(page.contains("Monitoreres: LYFO, indikator 1a"));
    let mdt = read("dlg/dlbcl/mdt/index.html");
    assert!(mdt.contains("<meta name=\"robots\" content=\"noindex\">"));
    let main = between(&mdt, "<main", "</main>");
    // No evidence, no references: only the recommendations.
    assert!(!main.contains("Litteratur og evidensgennemgang"));
    assert!(!main.contains("class=\"references\""));
    insta::assert_snapshot!("mdt_view", main);
}

/// The API's JSON Schema, docs/api.schema.json, compiled.
fn api_schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!("../../docs/api.schema.json")).unwrap();
    jsonschema::draft202012::new(&schema).expect("docs/api.schema.json is a valid schema")
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, api: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(api)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "api/guidelines.json does not match docs/api.schema.json:\n{}",
        errors.join("\n")
    );
}

/// The guidelines of the API's index (`api/guidelines.json` and the pages it names), each
/// with its own file (`api`) read, every file checked against the schema. `read` reads a
/// file of the built site by its path there; `root` is the site's path prefix.
fn api_guidelines(read: &dyn Fn(&str) -> String, root: &str) -> (Value, Vec<Value>) {
    let validator = api_schema();
    let index: Value = serde_json::from_str(&read("api/guidelines.json")).unwrap();
    assert_valid(&validator, &index);
    assert_eq!(index["next"], Value::Null, "the example fits one page");
    let guidelines = index["guidelines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let path = entry["api"].as_str().unwrap().strip_prefix(root).unwrap();
            let guideline: Value = serde_json::from_str(&read(path)).unwrap();
            assert_valid(&validator, &guideline);
            assert_eq!(guideline["url"], entry["url"]);
            assert_eq!(guideline["title"], entry["title"]);
            guideline
        })
        .collect();
    (index, guidelines)
}

#[test]
fn the_api_carries_phases_groups_and_monitoring_as_its_schema_says() {
    let (_site, read) = built();
    let (index, guidelines) = api_guidelines(&read, "/retningslinjer/");
    let validator = api_schema();
    let senfoelger = guidelines
        .iter()
        .find(|g| g["slug"] == "senfoelger")
        .unwrap();
    assert_eq!(senfoelger["groups"], serde_json::json!(["dbcg", "dlg"]));
    assert_eq!(senfoelger["phases"], serde_json::json!(["senfoelger"]));
    let dlbcl = guidelines.iter().find(|g| g["slug"] == "dlbcl").unwrap();
    let first = &dlbcl["recommendations"][0];
    assert_eq!(first["phases"], serde_json::json!(["udredning"]));
    assert_eq!(
        first["monitoring"],
        serde_json::json!({"database": "LYFO", "indicator": "1a"})
    );
    assert_eq!(
        dlbcl["recommendations"][1]["phases"],
        serde_json::json!(["udredning", "behandling"])
    );
    assert_eq!(dlbcl["recommendations"][1]["monitoring"], Value::Null);
    // The schema is strict: a field it does not name, or a wrong type, fails it.
    let mut extra = index.clone();
    extra["guidelines"][0]["unknown"] = Value::Bool(true);
    assert!(!validator.is_valid(&extra));
    let mut wrong = dlbcl.clone();
    wrong["recommendations"][0]["monitoring"] = Value::from("LYFO 1a");
    assert!(!validator.is_valid(&wrong));
    // An index entry is not a guideline's file, nor the other way round.
    assert!(!validator.is_valid(&index["guidelines"][0]));
    let mut listed = index.clone();
    listed["guidelines"][0] = dlbcl.clone();
    assert!(!validator.is_valid(&listed));
}

#[test]
fn the_bundled_examples_api_matches_its_schema() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::Builder::new()
        .prefix("retning-api-")
        .tempdir()
        .unwrap();
    let output = crate::support::retning()
        .args(["--root"])
        .arg(repo)
        .args([
            "build",
            "--drafts",
            "--no-history",
            "--force",
            "--today",
            TODAY,
            "--out",
        ])
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let site = out.path().join("site");
    let read = |path: &str| std::fs::read_to_string(site.join(path)).unwrap();
    let (_, guidelines) = api_guidelines(&read, "/retningslinjer/");
    // The examples use all of it: phases everywhere, a cross-group guideline, monitoring.
    assert!(
        guidelines
            .iter()
            .all(|g| !g["phases"].as_array().unwrap().is_empty())
    );
    assert!(
        guidelines
            .iter()
            .any(|g| g["groups"].as_array().unwrap().len() > 1)
    );
    assert!(guidelines.iter().any(|g| {
        g["recommendations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| !r["monitoring"].is_null())
    }));
}

/// The MDT view lives inside its guideline's folder: a guideline named `mdt` keeps its own
/// address beside it.
#[test]
fn a_guideline_named_mdt_does_not_collide_with_an_mdt_view() {
    let site = site()
        .file(
            "guidelines/dlg/mdt.md",
            variant(&[(TITLE, "title = \"Om MDT-konferencer\"")]),
        )
        .build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let read = |path: &str| std::fs::read_to_string(site.path("public").join(path)).unwrap();
    assert!(read("dlg/mdt/index.html").contains("<h1>Om MDT-konferencer</h1>"));
    assert!(read("dlg/mdt/mdt/index.html").contains("class=\"mdt\""));
    assert!(read("dlg/dlbcl/mdt/index.html").contains("Diffust storcellet B-celle lymfom"));
}

/// The examples in docs/api.md are what the schema allows: the docs stay current.
#[test]
fn the_api_docs_examples_match_the_schema() {
    let docs = include_str!("../../docs/api.md");
    let validator = api_schema();
    let examples: Vec<&str> = docs
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert_eq!(examples.len(), 2, "an index and a guideline's file");
    for example in examples {
        let value: Value = serde_json::from_str(example).unwrap();
        assert_valid(&validator, &value);
    }
}
