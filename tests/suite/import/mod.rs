//! `retning import`: the Word fixtures of `tests/fixtures/import/` (made by the script there)
//! imported with the real binary and the real pandoc. The written Markdown is snapshotted,
//! and every finding is asserted with its line and its place in the Word document.
//!
//! These tests need pandoc (`apt-get install pandoc`); without it they fail and say so.
//!
//! `mapping`: what the Word parts become; `report`: the findings and the report in both
//! languages; `files`: overwriting, bad files and tool failures.

mod files;
mod mapping;
mod report;

use std::process::Output;

use serde_json::Value;

use crate::support::{CONFIG, Site, SiteBuilder, empty_site, stderr, stdout};

const TODAY: &str = "2026-01-01";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// Fails with the remedy when pandoc is missing: these tests must not pass by skipping.
fn require_pandoc() {
    let found = std::process::Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "the import tests need pandoc on the PATH: apt-get install pandoc"
    );
}

/// A site whose `word/` folder holds the named fixtures, with the groups they name.
fn site_with(fixtures: &[&str]) -> SiteBuilder {
    require_pandoc();
    let config = format!(
        "{CONFIG}dccg = \"Danish Colorectal Cancer Group (DCCG)\"\ndlcg = \"Dansk Lunge Cancer Gruppe (DLCG)\"\ndnog = \"Dansk Neuro-Onkologisk Gruppe (DNOG)\"\n"
    );
    let mut site = empty_site().config(Some(&config));
    for name in fixtures {
        site = site.file(&format!("word/{name}"), fixture(name));
    }
    site
}

fn import(site: &Site, args: &[&str]) -> Output {
    site.retning()
        .args(["import", "--today", TODAY])
        .args(args)
        .output()
        .expect("run retning import")
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|err| {
        panic!(
            "not JSON ({err}):\n{}\nstderr:\n{}",
            stdout(output),
            stderr(output)
        )
    })
}

/// `(code, severity, markdown line, Word place)` of every finding of the first file.
fn findings(report: &Value) -> Vec<(String, String, Option<u64>, String)> {
    report["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let word = if f["word"].is_null() {
                "-".to_owned()
            } else {
                let path: Vec<&str> = f["word"]["heading_path"]
                    .as_array()
                    .expect("heading_path")
                    .iter()
                    .map(|p| p.as_str().expect("a heading"))
                    .collect();
                format!("{} ¶{}", path.join(" › "), f["word"]["paragraph"])
            };
            (
                f["code"].as_str().expect("code").to_owned(),
                f["severity"].as_str().expect("severity").to_owned(),
                f["line"].as_u64(),
                word,
            )
        })
        .collect()
}

fn finding(
    code: &str,
    severity: &str,
    line: Option<u64>,
    word: &str,
) -> (String, String, Option<u64>, String) {
    (code.to_owned(), severity.to_owned(), line, word.to_owned())
}

fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.path(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The text of line `line` (1-based) of a written file.
fn line_of(text: &str, line: Option<u64>) -> &str {
    let line = line.expect("a line") as usize;
    text.lines().nth(line - 1).expect("the line exists")
}

/// `retning build --drafts` of the site (an import writes drafts), and the page of
/// `group/slug`.
fn build_page(site: &Site, page: &str) -> String {
    let output = site
        .retning()
        .args(["build", "--drafts", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
    let path = format!("public/{page}/index.html");
    std::fs::read_to_string(site.path(&path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}
