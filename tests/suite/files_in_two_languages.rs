//! The findings about the site's files (guideline places, `retning.toml`, `synonyms.toml`,
//! figures and attachments) in Danish and in English: one finding of each family, the same
//! codes and places in both languages.

use crate::support::{Site, site, stderr, stdout};

/// One site with a finding of each file family `check` reports together: a guideline in the
/// wrong place, a word of `synonyms.toml` that is a stop word, a missing image without alt
/// text, an unused attachment and an SVG with a script.
fn files_site() -> Site {
    site()
        .replace(
            "Diffust storcellet B-celle lymfom er den hyppigste form for lymfom hos voksne.",
            "Diffust storcellet B-celle lymfom er den hyppigste form for lymfom hos voksne.\n\n![](dlbcl/mangler.png)",
        )
        .file("guidelines/forkert.md", "+++\n+++\n")
        .file("synonyms.toml", "groups = [\n  [\"kemo\", \"og\"],\n]\n")
        .file("guidelines/dlg/dlbcl/ubrugt.pdf", "%PDF-1.4\n")
        .file(
            "guidelines/dlg/dlbcl/figur.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><script>alert(1)</script></svg>\n",
        )
        .build()
}

fn human(site: &Site, language: &str) -> String {
    let output = site.check(&["--lang", language]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn file_findings_in_danish() {
    insta::assert_snapshot!(human(&files_site(), "da"));
}

#[test]
fn file_findings_in_english() {
    insta::assert_snapshot!(human(&files_site(), "en"));
}

/// The codes, places and JSON keys do not depend on the language; only the words do.
#[test]
fn the_language_changes_the_words_only() {
    let site = files_site();
    let json = |language: &str| {
        let output = site.check(&["--format", "json", "--lang", language]);
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    let (danish, english) = (json("da"), json("en"));
    let places = |report: &serde_json::Value| -> Vec<String> {
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| format!("{} {} {} {}", d["code"], d["file"], d["line"], d["column"]))
            .collect()
    };
    assert_eq!(places(&danish), places(&english));
    assert_eq!(places(&danish).len(), 6, "{:?}", places(&danish));
    assert_ne!(
        danish["diagnostics"][0]["message"],
        english["diagnostics"][0]["message"]
    );
}

/// `retning.toml` stops the check before anything else: a group key that would be one of the
/// site's own folders, with the reason as a clause in the same language.
#[test]
fn a_config_finding_in_both_languages_with_its_reason() {
    let site = site()
        .config(Some(
            "title = \"t\"\nbase_url = \"https://example.org/\"\nlanguage = \"da\"\n\n[groups]\ndlg = \"DLG\"\nsoeg = \"Søg\"\n",
        ))
        .build();
    let danish = site.check(&["--lang", "da"]);
    let english = site.check(&["--lang", "en"]);
    assert_eq!(danish.status.code(), english.status.code());
    insta::assert_snapshot!("config_finding_in_danish", stdout(&danish));
    insta::assert_snapshot!("config_finding_in_english", stdout(&english));
}

/// A table's raw HTML loses an attribute, and two tables share a number: the body's file
/// findings, in both languages.
#[test]
fn table_findings_in_both_languages() {
    let site = site()
        .replace(
            "Diffust storcellet B-celle lymfom er den hyppigste form for lymfom hos voksne.",
            "Diffust storcellet B-celle lymfom er den hyppigste form for lymfom hos voksne.\n\nTabel 1: Første\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTabel 1: Anden\n\n<table class=\"x\"><tr><td>1</td></tr></table>\n",
        )
        .build();
    let output = |language: &str| {
        let output = site.check(&["--lang", language]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    insta::assert_snapshot!("table_findings_in_danish", output("da"));
    insta::assert_snapshot!("table_findings_in_english", output("en"));
}
