//! `retning check --format github` (GitHub workflow annotations: insta snapshots, escaping of
//! hostile text, paths from the repository root, exit codes) and `--format gitlab` (a GitLab
//! Code Quality report).

use serde_json::Value;

use crate::support::{Site, site, stderr, stdout};

/// The annotations for a site's findings (stdout is a pipe).
fn github(site: &Site, args: &[&str]) -> (String, Option<i32>) {
    let mut all = vec!["--format", "github", "--no-history"];
    all.extend_from_slice(args);
    let output = site.check(&all);
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    (stdout(&output), output.status.code())
}

#[test]
fn github_error_and_warning() {
    let site = site()
        .replace("(B)", "(E)")
        .replace(
            "https://example.org/opfoelgning",
            "http://example.org/opfoelgning",
        )
        .build();
    let (text, code) = github(&site, &[]);
    assert_eq!(code, Some(1), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn github_hostile_text_cannot_forge_or_break_an_annotation() {
    // A quoted TOML key may hold anything; the message quotes it.
    let site = site()
        .replace(
            "\nversion = ",
            "\n\"100%\\r\\n::error file=x.md::forged\\u001b[2J,a:b\" = 1\nversion = ",
        )
        .build();
    let (text, code) = github(&site, &[]);
    assert_eq!(code, Some(1), "{text}");
    // Two findings (the control character, the unknown key), each on one line of its own.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    for line in &lines[..2] {
        assert!(
            line.starts_with("::error file=guidelines/dlg/dlbcl.md,line=3,"),
            "{text}"
        );
        // GitHub reads the properties up to the first `::` after the command; the rest is
        // the message, where a `::` is only text.
        let properties = line.split("::").nth(1).unwrap();
        assert!(
            properties.ends_with(",title=frontmatter.control-character")
                || properties.ends_with(",title=frontmatter.unknown-key"),
            "{line}"
        );
    }
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn github_repeats_on_one_line_are_one_annotation() {
    let site = site()
        .replace(
            "få undersøgelser.",
            "få undersøgelser [^a2020] [^b2020] [^c2020].",
        )
        .build();
    let (text, _) = github(&site, &[]);
    assert_eq!(text.matches("::error ").count(), 1, "{text}");
    assert!(
        text.contains("%0Aand 2 more `citation.undefined` on this line"),
        "{text}"
    );
    assert!(text.ends_with("3 errors, 0 warnings\n"), "{text}");
}

#[test]
fn github_paths_are_from_the_repository_root() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    let site = site().replace("(B)", "(E)").build();
    let nested = repo.path().join("docs").join("site");
    std::fs::create_dir_all(nested.parent().unwrap()).unwrap();
    copy_dir(site.root(), &nested);
    let output = crate::support::retning()
        .current_dir(repo.path())
        .args([
            "--root",
            "docs/site",
            "check",
            "--format",
            "github",
            "--no-history",
        ])
        .args(["--today", crate::support::TODAY])
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(
        text.starts_with("::error file=docs/site/guidelines/dlg/dlbcl.md,line=50,col=19,"),
        "{text}"
    );
}

#[test]
fn github_exit_codes_follow_the_other_formats() {
    let (text, code) = github(&site().build(), &[]);
    assert_eq!((text.as_str(), code), ("0 errors, 0 warnings\n", Some(0)));
    let warned = site()
        .replace(
            "https://example.org/opfoelgning",
            "http://example.org/opfoelgning",
        )
        .build();
    assert_eq!(github(&warned, &[]).1, Some(0));
    let (text, code) = github(&warned, &["--deny-warnings"]);
    assert_eq!(code, Some(1));
    assert!(text.starts_with("::warning "), "{text}");
}

#[test]
fn gitlab_code_quality_report() {
    let site = site()
        .replace("(B)", "(E)")
        .replace(
            "https://example.org/opfoelgning",
            "http://example.org/opfoelgning",
        )
        .build();
    let output = site.check(&["--format", "gitlab", "--no-history"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let issues: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 2);
    let first = &issues[0];
    assert_eq!(first["check_name"], "recommendation.bad-strength");
    assert_eq!(first["severity"], "critical");
    assert_eq!(first["location"]["path"], "guidelines/dlg/dlbcl.md");
    assert_eq!(first["location"]["lines"]["begin"], 50);
    assert!(
        first["description"]
            .as_str()
            .unwrap()
            .contains("(help: with grading")
    );
    assert_eq!(issues[1]["severity"], "minor");
    assert_ne!(first["fingerprint"], issues[1]["fingerprint"]);
    // The same finding has the same fingerprint in the next pipeline.
    let again: Value = serde_json::from_str(&stdout(&site.check(&[
        "--format",
        "gitlab",
        "--no-history",
    ])))
    .unwrap();
    assert_eq!(again[0]["fingerprint"], first["fingerprint"]);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
