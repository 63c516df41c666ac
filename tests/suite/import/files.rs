//! Files: never overwritten without --force, one bad file alone, tool failures.

use super::*;
use crate::support::{stderr, stdout};

#[test]
fn never_overwrites_without_force() {
    let site = site_with(&["oxford.docx"]).build();
    let args = ["word/oxford.docx", "--group", "dlg", "--slug", "dlbcl"];
    assert_eq!(import(&site, &args).status.code(), Some(0));
    let path = site.path("guidelines/dlg/dlbcl.md");
    std::fs::write(&path, "edited by hand").expect("edit");

    let again = import(&site, &args);
    assert_eq!(again.status.code(), Some(1), "{}", stdout(&again));
    assert!(
        stdout(&again).contains("exists already; --force overwrites it"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("kept"),
        "edited by hand"
    );

    let forced = import(&site, &[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stdout(&forced));
    assert!(
        std::fs::read_to_string(&path)
            .expect("rewritten")
            .starts_with("+++\n")
    );
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let site = site_with(&["oxford.docx", "grade.docx"])
        .file("word/broken.docx", "not a Word file")
        .build();
    let output = import(
        &site,
        &[
            "word/oxford.docx",
            "word/broken.docx",
            "word/grade.docx",
            "--group",
            "dlg",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(
        (report["written"].as_u64(), report["failed"].as_u64()),
        (Some(2), Some(1))
    );
    let broken = &report["files"][1];
    assert_eq!(broken["source"], "word/broken.docx");
    assert!(broken["written"].is_null());
    assert!(
        broken["error"]
            .as_str()
            .expect("a reason")
            .contains("pandoc could not read it"),
        "{broken}"
    );
    assert!(
        site.path("guidelines/dlg/diffust-storcellet-b-celle-lymfom.md")
            .is_file()
    );
    assert!(
        site.path("guidelines/dlg/lungekraeftscreening-med-lavdosis-ct.md")
            .is_file()
    );
}

#[test]
fn without_pandoc_it_says_how_to_install_it() {
    let site = site_with(&["oxford.docx"]).build();
    let output = site
        .retning()
        .env("PATH", "/nonexistent")
        .args(["import", "word/oxford.docx", "--group", "dlg"])
        .output()
        .expect("run retning import");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("apt-get install pandoc"), "{err}");
    assert!(!site.path("guidelines/dlg").exists());
}

#[test]
fn tool_failures_exit_2_and_write_nothing() {
    let site = site_with(&["oxford.docx", "grade.docx"]).build();
    let unknown = import(&site, &["word/oxford.docx", "--group", "ukendt"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("not a group in retning.toml"),
        "{}",
        stderr(&unknown)
    );
    let two_with_one_slug = import(
        &site,
        &[
            "word/oxford.docx",
            "word/grade.docx",
            "--group",
            "dlg",
            "--slug",
            "x",
        ],
    );
    assert_eq!(two_with_one_slug.status.code(), Some(2));
    assert!(!site.path("guidelines/dlg").exists());
}
