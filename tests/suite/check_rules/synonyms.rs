//! `synonyms.toml`: read by `check` and by `build`.

use crate::support::site;

/// `synonyms.toml` is read by `retning build` (the search indexes use it): a word in two
/// groups stops the build with the code and the word's line and column.
#[test]
fn invalid_synonyms_stop_the_build_at_the_word() {
    let site = site()
        .file(
            "synonyms.toml",
            "groups = [\n  [\"kræft\", \"cancer\"],\n  [\"tumor\", \"kræften\"],\n]\n",
        )
        .build();
    let output = site
        .retning()
        .args(["build", "--base-url", "http://127.0.0.1/"])
        .output()
        .expect("run build");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("synonyms.invalid"), "{stderr}");
    assert!(stderr.contains("synonyms.toml:3:13"), "{stderr}");
    assert!(stderr.contains("another group"), "{stderr}");
}

/// `check` reads `synonyms.toml` too: a bad file is an error finding at the word (exit 1), in
/// the human and the JSON output; a good one adds nothing.
#[test]
fn check_reports_invalid_synonyms_at_the_word() {
    let bad = site()
        .file("synonyms.toml", "groups = [\n  [\"kemo\", \"og\"],\n]\n")
        .build();
    let output = bad.retning().arg("check").output().expect("run check");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("synonyms.invalid"), "{stdout}");
    assert!(stdout.contains("synonyms.toml:2:12"), "{stdout}");
    assert!(stdout.contains("stop word"), "{stdout}");
    let output = bad
        .retning()
        .args(["check", "--format", "json"])
        .output()
        .expect("run check");
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let text = findings.to_string();
    assert!(text.contains("\"synonyms.invalid\""), "{text}");

    let good = site()
        .file("synonyms.toml", "groups = [[\"kemo\", \"kemoterapi\"]]\n")
        .build();
    let output = good.retning().arg("check").output().expect("run check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("synonyms"), "{stdout}");
}

/// A phrase (an entry of several words) is checked as the search will split it: one split at
/// anything but a space or hyphen is a finding at the entry; good phrases add nothing.
#[test]
fn check_reports_a_phrase_the_search_would_split_oddly() {
    let bad = site()
        .file(
            "synonyms.toml",
            "groups = [\n  [\"nsclc\", \"ikke-småcellet lungekræft\"],\n  [\"petct\", \"PET/CT\"],\n]\n",
        )
        .build();
    let output = bad.retning().arg("check").output().expect("run check");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("synonyms.invalid"), "{stdout}");
    assert!(stdout.contains("synonyms.toml:3:13"), "{stdout}");
    assert!(stdout.contains("spaces or hyphens"), "{stdout}");

    let good = site()
        .file(
            "synonyms.toml",
            "groups = [[\"nsclc\", \"ikke-småcellet lungekræft\"], [\"sclc\", \"småcellet lungekræft\"]]\n",
        )
        .build();
    let output = good.retning().arg("check").output().expect("run check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("synonyms"), "{stdout}");
}
