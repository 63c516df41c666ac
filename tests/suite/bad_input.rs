//! Bad input never panics: every broken file is a finding naming it, and the run goes on
//! with the other files.

use std::os::unix::fs::PermissionsExt;

use crate::support::{MAIN, VALID, site, stderr, stdout};

/// Files that cannot be read, cannot be text, or are cut off, all in one site.
fn bad_files() -> Vec<(&'static str, Vec<u8>)> {
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(2048).collect();
    binary.splice(0..0, b"+++\n".iter().copied());
    vec![
        ("guidelines/dbcg/tom.md", Vec::new()),
        ("guidelines/dbcg/kun-bom.md", "\u{feff}".into()),
        ("guidelines/dbcg/kun-mellemrum.md", " \n\t\r\n".into()),
        ("guidelines/dbcg/ingen-front-matter.md", "# Nyt siden sidst (ændringslog)\n".into()),
        ("guidelines/dbcg/uafsluttet.md", "+++\ntitle = \"x\"\n".into()),
        ("guidelines/dbcg/kun-plusser.md", "+++".into()),
        ("guidelines/dbcg/tom-front-matter.md", "+++\r\n+++\r\n".into()),
        ("guidelines/dbcg/binaer.md", binary),
        ("guidelines/dbcg/utf16.md", vec![0xff, 0xfe, b'+', 0, b'+', 0, b'+', 0]),
        (
            "guidelines/dbcg/uafsluttet-container.md",
            VALID.replacen("# 8. Om denne", "::: anbefaling", 1).into_bytes(),
        ),
        (
            "guidelines/dbcg/kolon.md",
            format!(
                "{}\n:::\n::: anbefaling 99999999999 (A\n::: anbefaling 1 ()) ny\n:::::\n::: anbefaling 🩺 (ø)",
                VALID
            )
            .into_bytes(),
        ),
        (
            "guidelines/dbcg/tegn.md",
            "+++\ntitle = \"🩺\u{301}\"\n+++\n# \u{301}\n## 🩺\n[^\u{301}] [1\u{301}]\n[x](@/\u{301}.md#\u{301})"
                .into(),
        ),
    ]
}

#[test]
fn no_input_makes_check_panic() {
    let mut builder = site().dir("guidelines/dbcg/x.md");
    let bad = bad_files();
    for (path, contents) in &bad {
        builder = builder.file(path, contents.clone());
    }
    let unreadable = "guidelines/dbcg/ulaeselig.md";
    builder = builder.file(unreadable, VALID);
    let site = builder.build();
    let unreadable_path = site.path(unreadable);
    std::fs::set_permissions(&unreadable_path, std::fs::Permissions::from_mode(0o000))
        .expect("chmod 000");
    // Root (as in many CI containers) reads the file anyway: then it is an ordinary valid
    // guideline with no finding, and only the other files are asserted.
    let can_read_anyway = std::fs::read(&unreadable_path).is_ok();

    let mut expected: Vec<&str> = bad.iter().map(|(path, _)| *path).collect();
    expected.push("guidelines/dbcg/x.md");
    if !can_read_anyway {
        expected.push(unreadable);
    }

    for format in ["human", "json"] {
        let output = site.check(&["--format", format]);
        let out = stdout(&output);
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert_eq!(output.status.code(), Some(1), "{format}: {err}\n{out}");
        for path in &expected {
            assert!(
                out.contains(path),
                "{format}: `{path}` is not named:\n{out}"
            );
        }
        // The valid guideline is still checked, and has nothing to report.
        assert!(!out.contains(MAIN), "{format}:\n{out}");
    }
    let report = site.check_json(&[]);
    assert!(report.errors >= expected.len(), "{}", report.listing());
    if !can_read_anyway {
        let finding = report
            .diagnostics
            .iter()
            .find(|d| d.file.as_deref() == Some(unreadable))
            .expect("a finding for the unreadable file");
        assert_eq!(finding.code, "source.unreadable");
    }

    std::fs::set_permissions(&unreadable_path, std::fs::Permissions::from_mode(0o644))
        .expect("chmod back, so the temporary folder can be removed");
}

/// The valid guideline cut off at many places, mid-line and mid-character included: every
/// prefix is a finding or a clean file, never a crash.
#[test]
fn truncated_guidelines_never_panic() {
    let mut builder = site();
    let cuts: Vec<usize> = (0..VALID.len())
        .step_by(29)
        .chain(VALID.match_indices('\n').map(|(i, _)| i))
        .collect();
    for (n, cut) in cuts.iter().enumerate() {
        let bytes = &VALID.as_bytes()[..*cut]; // may end inside a multi-byte character
        builder = builder.file(&format!("guidelines/dbcg/t{n:04}.md"), bytes.to_vec());
    }
    let site = builder.build();
    for format in ["human", "json"] {
        let output = site.check(&["--format", format]);
        let err = stderr(&output);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(output.status.code(), Some(1), "{err}");
    }
}

/// Every line of the valid guideline removed in turn, and every line doubled: the structure
/// breaks in every way one line can break it.
#[test]
fn guidelines_missing_or_repeating_a_line_never_panic() {
    let lines: Vec<&str> = VALID.split_inclusive('\n').collect();
    let mut builder = site();
    for i in 0..lines.len() {
        let without: String = lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, l)| *l)
            .collect();
        let doubled: String = lines
            .iter()
            .enumerate()
            .flat_map(|(j, l)| if j == i { vec![*l, *l] } else { vec![*l] })
            .collect();
        builder = builder
            .file(&format!("guidelines/dbcg/u{i:03}.md"), without)
            .file(&format!("guidelines/dbcg/d{i:03}.md"), doubled);
    }
    let site = builder.build();
    let output = site.check(&["--format", "json"]);
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(output.status.code(), Some(1), "{err}");
}
