//! `retning build --out` never deletes a file it did not write, and no name from a guideline
//! or `retning.toml` leads a file outside the output folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{CONFIG, MAIN, Severity::Error, Site, TODAY, at, site, stderr};

/// Every file below `dir` (not following links) → its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir(dir) {
        files.insert(entry.clone(), std::fs::read(&entry).unwrap_or_default());
    }
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            found.extend(walkdir(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// A site beside a folder of the user's own, inside a home folder of its own.
struct Home {
    home: tempfile::TempDir,
    site: Site,
}

fn home_with_site() -> Home {
    let site = site()
        .file("themes/default/strings.toml.orig", "# mine")
        .file("docs/notes.md", "my notes")
        .file("report.docx", "a Word file")
        .build();
    let home = tempfile::tempdir().expect("home");
    std::fs::write(home.path().join(".bashrc"), "# mine").expect("write");
    Home { home, site }
}

fn build_into(home: &Home, out: &str, force: bool) -> std::process::Output {
    let mut command = home.site.retning();
    command
        .env("HOME", home.home.path())
        .args(["build", "--today", TODAY, "--out", out]);
    if force {
        command.arg("--force");
    }
    command.output().expect("run retning build")
}

#[test]
fn every_dangerous_out_is_refused_and_nothing_is_lost() {
    let home = home_with_site();
    let root = home.site.root().to_path_buf();
    let home_path = home.home.path().display().to_string();
    let root_text = root.display().to_string();
    let cases: Vec<(String, bool)> = [
        "guidelines",
        "guidelines/dlg",
        "guidelines/dlg/new",
        "themes",
        "themes/default",
        ".",
        "..",
        "retning.toml",
        "report.docx",
        "docs",
        ".retning",
    ]
    .iter()
    .map(|out| (out.to_string(), false))
    .chain([
        (root_text.clone(), false),
        (home_path.clone(), false),
        ("/".to_owned(), false),
    ])
    // --force replaces a folder of the user's own, but never a source, its parents, a file,
    // the home folder or the file-system root.
    .chain(
        [
            "guidelines",
            "guidelines/dlg",
            "themes",
            ".",
            "..",
            "report.docx",
            "retning.toml",
        ]
        .iter()
        .map(|out| (out.to_string(), true)),
    )
    .chain([(root_text, true), (home_path, true), ("/".to_owned(), true)])
    .collect();

    let site_before = snapshot(&root);
    let home_before = snapshot(home.home.path());
    for (out, force) in &cases {
        let output = build_into(&home, out, *force);
        assert_eq!(
            output.status.code(),
            Some(2),
            "--out {out} (force {force}) was not refused: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("refusing to build into"),
            "--out {out}: {}",
            stderr(&output)
        );
        // Compared without printing: the maps hold whole files.
        assert!(
            snapshot(&root) == site_before,
            "--out {out} changed the site"
        );
        assert!(
            snapshot(home.home.path()) == home_before,
            "--out {out} changed home"
        );
    }
    assert!(home.site.path(MAIN).is_file());
}

#[test]
fn a_folder_of_the_users_own_is_replaced_only_with_force() {
    let home = home_with_site();
    let output = build_into(&home, "docs", false);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(home.site.path("docs/notes.md")).expect("kept"),
        "my notes"
    );

    let output = build_into(&home, "docs", true);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(home.site.path("docs/index.html").is_file());
    assert!(home.site.path("docs/.retning-output").is_file());
}

#[test]
fn a_site_retning_wrote_is_replaced_and_an_empty_or_new_folder_is_used() {
    let home = home_with_site();
    std::fs::create_dir(home.site.path("empty")).expect("mkdir");
    for out in ["public", "public", "empty", "new/deeper/site"] {
        let output = build_into(&home, out, false);
        assert!(output.status.success(), "--out {out}: {}", stderr(&output));
        assert!(home.site.path(out).join("index.html").is_file());
    }
}

#[test]
fn aliases_that_leave_the_site_or_take_its_own_pages_are_errors_at_their_line() {
    let report = site()
        .replace(
            "grading = \"oxford\"\n",
            "grading = \"oxford\"\naliases = [\"/\", \"//\", \"/../../escaped/\", \"/soeg/\", \"/api/x/\", \"/dlg/\", \"/dlg/dlbcl/gammel/\"]\n",
        )
        .check_json();
    let findings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "alias.invalid")
        .collect();
    assert_eq!(findings.len(), 7, "{}", report.listing());
    let line = findings[0].line;
    assert_eq!(line, Some(7));
    assert!(
        findings
            .iter()
            .all(|f| f.line == line && f.severity == Error)
    );
    assert!(
        findings[0].message.contains("home page"),
        "{}",
        report.listing()
    );
}

#[test]
fn an_alias_or_group_key_never_writes_outside_the_output_folder() {
    let site = site()
        .replace(
            "grading = \"oxford\"\n",
            "grading = \"oxford\"\naliases = [\"/../../../escaped/\"]\n",
        )
        .build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("build");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!site.root().join("../../escaped").exists());

    let config = format!("{CONFIG}\"../../escaped\" = \"Escaped\"\n");
    let site = crate::support::site().config(Some(&config)).build();
    let report = site.check_json(&[]);
    report
        .single()
        .expect("config.invalid", Error, at(10, 1))
        .message_contains("../../escaped");
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("build");
    assert_eq!(output.status.code(), Some(1));
    assert!(!site.root().join("../../escaped").exists());
    assert!(!site.root().join("public").exists());
}

#[test]
fn base_url_must_be_an_absolute_http_address() {
    let site = site().build();
    for bad in ["/retningslinjer/", "example.org", "javascript:alert(1)"] {
        let output = site
            .retning()
            .args(["build", "--today", TODAY, "--base-url", bad])
            .output()
            .expect("build");
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&output).contains("not an absolute"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn a_build_that_publishes_no_guideline_says_why() {
    let site = crate::support::empty_site().build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("build");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("no guideline was found under guidelines/"),
        "{}",
        stderr(&output)
    );

    let site = crate::support::site()
        .replace("status = \"approved\"", "status = \"draft\"")
        .build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("build");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("every guideline is a draft (1)"),
        "{}",
        stderr(&output)
    );
}
