//! Search on the bundled example guidelines: the relevance table (e2e/fixtures/relevance.json,
//! also run in the browser) against tantivy (`retning search`) and the static index, which
//! must agree.

use std::path::Path;

use search_index::static_index::StaticIndex;

use crate::support::{TODAY, retning, site, stderr};

#[derive(serde::Deserialize)]
struct Row {
    query: String,
    group: Option<String>,
    top: Option<String>,
    /// The query as shown corrected ("Viser resultater for »…«"); `null` for none; not
    /// checked when the row has no `corrected`.
    #[serde(default, deserialize_with = "present")]
    corrected: Option<Option<String>>,
}

/// A field that is present, `null` included (absent stays `None` through `default`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    serde::Deserialize::deserialize(d).map(Some)
}

/// The bundled example site, built for a server at `/`.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("retning.toml"), dir.path().join("retning.toml")).expect("copy config");
    copy_dir(&repo.join("guidelines"), &dir.path().join("guidelines"));
    let output = retning()
        .current_dir(dir.path())
        .args(["build", "--today", TODAY, "--base-url", "http://127.0.0.1/"])
        .output()
        .expect("run build");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

fn relevance_table() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e/fixtures/relevance.json");
    serde_json::from_slice(&std::fs::read(path).expect("read relevance.json"))
        .expect("parse relevance.json")
}

/// The top URLs and the corrected query, from `retning search --format json`.
fn tantivy_urls(site: &Path, row: &Row) -> (Vec<String>, Option<String>) {
    let mut command = retning();
    command
        .current_dir(site)
        .args(["search", "--format", "json", "--limit", "5"]);
    if let Some(group) = &row.group {
        command.args(["--group", group]);
    }
    let output = command.arg(&row.query).output().expect("run search");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let hits = found["hits"].as_array().expect("hits");
    let urls = hits
        .iter()
        .map(|h| h["doc"]["url"].as_str().expect("url").to_owned())
        .collect();
    (urls, found["corrected_query"].as_str().map(str::to_owned))
}

/// The static index a build wrote into `site`'s `public/search/`.
pub(crate) fn static_index(site: &Path) -> StaticIndex {
    let dir = site.join("public/search");
    let meta = std::fs::read_dir(&dir)
        .expect("search/")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .find(|name| name.starts_with("meta."))
        .expect("a meta file");
    StaticIndex::decode(&meta, |name| std::fs::read(dir.join(name)).ok()).expect("decode")
}

/// The scores of the top hits, from `retning search --format json`.
fn tantivy_scores(site: &Path, row: &Row) -> Vec<f32> {
    let mut command = retning();
    command
        .current_dir(site)
        .args(["search", "--format", "json", "--limit", "5"]);
    if let Some(group) = &row.group {
        command.args(["--group", group]);
    }
    let output = command.arg(&row.query).output().expect("run search");
    let found: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["score"].as_f64().expect("score") as f32)
        .collect()
}

fn static_urls(index: &StaticIndex, row: &Row) -> Vec<String> {
    index
        .query(&row.query, row.group.as_deref(), 5)
        .into_iter()
        .map(|(id, _)| index.doc(id).expect("doc").url.clone())
        .collect()
}

#[test]
fn the_relevance_table_holds_for_tantivy_and_the_static_index_and_they_agree() {
    let site = example_site();
    let index = static_index(site.path());
    let mut failures = Vec::new();
    for row in relevance_table() {
        let (from_tantivy, corrected) = tantivy_urls(site.path(), &row);
        let from_static = static_urls(&index, &row);
        let static_corrected = index
            .query_corrected(&row.query, row.group.as_deref(), 5)
            .corrected_query;
        if let Some(expected) = &row.corrected {
            for (engine, got) in [("tantivy", &corrected), ("static", &static_corrected)] {
                if got != expected {
                    failures.push(format!(
                        "{engine}: {:?} corrected to {got:?}, expected {expected:?}",
                        row.query
                    ));
                }
            }
        }
        let expected = row.top.as_deref();
        if from_tantivy.first().map(String::as_str) != expected {
            failures.push(format!(
                "tantivy: {:?} → {:?}, expected {expected:?}",
                row.query,
                from_tantivy.first()
            ));
        }
        if from_static.first().map(String::as_str) != expected {
            failures.push(format!(
                "static: {:?} → {:?}, expected {expected:?}",
                row.query,
                from_static.first()
            ));
        }
        // The engines agree on the top 3, but for two docs within the static index's weight
        // rounding (1/1000 a term) of each other, which may come in either order.
        let tantivy_scores = tantivy_scores(site.path(), &row);
        let static_scores: Vec<f32> = index
            .query(&row.query, row.group.as_deref(), 5)
            .iter()
            .map(|h| h.1)
            .collect();
        let near_tie = |i: usize| {
            let (a, b) = (tantivy_scores.get(i), static_scores.get(i));
            a.zip(b).is_some_and(|(a, b)| (a - b).abs() < 0.01)
        };
        let top3 = |urls: &[String]| urls.iter().take(3).cloned().collect::<Vec<_>>();
        let disagree = (0..3).any(|i| from_tantivy.get(i) != from_static.get(i) && !near_tie(i));
        if disagree {
            failures.push(format!(
                "{:?}: tantivy {:?} ≠ static {:?}",
                row.query,
                top3(&from_tantivy),
                top3(&from_static)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A word written only in a cell of an HTML table (a merged one) is found by both indexes,
/// at the section that holds the table; its markup is not indexed.
#[test]
fn a_word_only_in_a_merged_table_cell_is_found_by_both_indexes() {
    let site = site()
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\nTabel 1: Regimer\n<table>\n<tr><th scope=\"col\">Regime</th><th>Serier</th></tr>\n\
             <tr><td rowspan=\"2\">Bendamustin</td><td>6</td></tr>\n<tr><td>4</td></tr>\n</table>\n",
        )
        .build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY, "--base-url", "http://127.0.0.1/"])
        .output()
        .expect("run build");
    assert!(output.status.success(), "{}", stderr(&output));
    let index = static_index(site.root());
    for (query, found) in [("bendamustin", true), ("rowspan", false), ("td", false)] {
        let row = Row {
            query: query.to_owned(),
            group: None,
            top: None,
            corrected: None,
        };
        let expected: &[&str] = if found { &["/dlg/dlbcl/#bilag"] } else { &[] };
        assert_eq!(
            tantivy_urls(site.root(), &row).0,
            expected,
            "tantivy: {query}"
        );
        assert_eq!(static_urls(&index, &row), expected, "static: {query}");
    }
}

#[test]
fn no_hits_are_said_in_words_and_an_unknown_group_is_an_error() {
    let site = example_site();
    let output = retning()
        .current_dir(site.path())
        .args(["search", "xyzzy"])
        .output()
        .expect("run");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("No results for \"xyzzy\""));
    let danish = retning()
        .current_dir(site.path())
        .args(["search", "xyzzy", "--lang", "da"])
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&danish.stdout),
        "Ingen resultater for »xyzzy«. Prøv et kortere ord eller færre ord.\n"
    );
    let output = retning()
        .current_dir(site.path())
        .args(["search", "--group", "nope", "lymfom"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nope"));
}

#[test]
fn the_index_lives_outside_the_deployable_site_and_pages_point_at_the_static_index() {
    let site = example_site();
    assert!(
        site.path()
            .join(".retning/search-index/meta.json")
            .is_file()
    );
    assert!(!site.path().join("public/.retning").exists());
    let home = std::fs::read_to_string(site.path().join("public/index.html")).expect("home");
    let meta = home
        .split("data-search-meta=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("data-search-meta");
    assert!(
        site.path().join(format!("public{meta}")).is_file(),
        "{meta}"
    );
}

#[test]
fn a_limit_of_zero_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = retning()
        .current_dir(dir.path())
        .args(["search", "--limit", "0", "lymfom"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the limit must be 1 or more"));
}

#[test]
fn search_without_a_built_index_says_how_to_get_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = retning()
        .current_dir(dir.path())
        .args(["search", "lymfom"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("run `retning build` first"));
}

/// e2e/fixtures/danish-stems.json pins the Snowball stems the browser's stemmer must match.
/// Regenerate with `UPDATE_FIXTURES=1 cargo test --test main stems`.
#[test]
fn the_browser_stem_fixture_matches_the_rust_stemmer() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words = std::collections::BTreeSet::new();
    for group in std::fs::read_dir(repo.join("guidelines")).expect("guidelines") {
        for file in std::fs::read_dir(group.expect("group").path()).expect("group dir") {
            let path = file.expect("file").path();
            // Guideline files only: beside them stand their folders of figures.
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(path).expect("read");
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().any(char::is_alphabetic))
            {
                words.insert(word.to_lowercase());
            }
        }
    }
    let stems: std::collections::BTreeMap<String, String> = words
        .into_iter()
        .map(|w| {
            let s = search_index::stem(&w);
            (w, s)
        })
        .collect();
    let expected = serde_json::to_string_pretty(&stems).expect("json") + "\n";
    let path = repo.join("e2e/fixtures/danish-stems.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &expected).expect("write fixture");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is out of date: run UPDATE_FIXTURES=1 cargo test --test main stems",
        path.display()
    );
}
