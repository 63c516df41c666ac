//! The import report: every finding at its place, in Danish and English.

use retning::diagnostics::codes::{Code, Origin};
use serde_json::Value;

use super::*;
use crate::support::{stderr, stdout};

#[test]
fn an_older_messy_guideline_lists_every_problem_at_its_place() {
    let site = site_with(&["older.docx"]).build();
    // The professional approval names DCCG; importing into dlg is a mismatch.
    let output = import(&site, &["word/older.docx", "--group", "dlg"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("import_older_report", stdout(&output));
    let text = read(&site, "guidelines/dlg/opfoelgning-efter-koloncancer.md");
    insta::assert_snapshot!("import_older", text);
    // Nothing invented: the month-only date stays month-only, for check to keep reporting.
    assert!(text.contains("planned = \"2021-03\""), "{text}");
    assert!(
        !text.contains("::: anbefaling 4"),
        "a Quick-guide-only recommendation was imported"
    );
    assert!(
        !text.contains("::: anbefaling 3"),
        "an unreadable strength was guessed"
    );
}

/// The same report in Danish (`--lang da`, as a site with `language = "da"` gets it): every
/// finding's words from the catalogue, codes, places and counts as in English.
#[test]
fn the_older_guidelines_report_reads_in_danish() {
    let site = site_with(&["older.docx"]).build();
    let output = import(
        &site,
        &["word/older.docx", "--group", "dlg", "--lang", "da"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let danish = stdout(&output);
    insta::assert_snapshot!("import_older_report_da", danish);
    // A message id the Danish catalogue lacked would be printed as it is.
    assert!(!danish.contains("import-"), "{danish}");
    assert!(danish.contains("(Word: forside ¶8)"), "{danish}");
    assert!(
        danish.ends_with("1 fil skrevet, 0 ikke importeret; 5 fejl og 18 advarsler at se på\n"),
        "{danish}"
    );
}

/// The JSON report in Danish: the same keys, codes, severities, lines and Word places as in
/// English; only `message` is in the reader's language.
#[test]
fn the_json_report_in_danish_differs_from_english_only_in_its_messages() {
    let site = site_with(&["older.docx"]).build();
    let english = json(&import(
        &site,
        &["word/older.docx", "--group", "dlg", "--format", "json"],
    ));
    let danish = json(&import(
        &site,
        &[
            "word/older.docx",
            "--group",
            "dlg",
            "--format",
            "json",
            "--force",
            "--lang",
            "da",
        ],
    ));
    assert_eq!(findings(&english), findings(&danish));
    let messages = |report: &Value| -> Vec<String> {
        report["files"][0]["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["message"].as_str().expect("a message").to_owned())
            .collect()
    };
    let (english_messages, danish_messages) = (messages(&english), messages(&danish));
    assert_eq!(english_messages.len(), 22);
    for (en, da) in english_messages.iter().zip(&danish_messages) {
        assert_ne!(en, da, "not translated");
    }
    let keys = |report: &Value| -> Vec<String> {
        let finding = report["files"][0]["findings"][0]
            .as_object()
            .expect("a finding");
        finding.keys().cloned().collect()
    };
    assert_eq!(
        keys(&danish),
        ["code", "line", "message", "severity", "word"]
    );
    assert_eq!(keys(&english), keys(&danish));
    assert!(
        danish_messages.contains(
            &"`Administrativ godkendelse`: `1. August 2018` blev læst som 2018-08-01; tjek det"
                .to_owned()
        ),
        "{danish_messages:?}"
    );
}

/// A file that cannot be imported says why in the reader's language.
#[test]
fn why_a_file_was_not_imported_is_said_in_danish() {
    let site = site_with(&[])
        .file("word/broken.docx", "not a Word file")
        .build();
    let output = import(
        &site,
        &["word/broken.docx", "--group", "dlg", "--lang", "da"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let danish = stdout(&output);
    assert!(
        danish.starts_with(
            "word/broken.docx: ikke importeret: pandoc kunne ikke læse den som en Word-fil: "
        ),
        "{danish}"
    );
    assert!(
        danish.ends_with("0 filer skrevet, 1 ikke importeret; 0 fejl og 0 advarsler at se på\n"),
        "{danish}"
    );
}

/// Codes no python-docx fixture can provoke: Word footnotes, linked images and a section
/// heading that appears twice are left to the unit tests and review.
const CODES_WITHOUT_A_FIXTURE: [&str; 3] = [
    "import.word-footnote",
    "import.image-not-embedded",
    "import.duplicate-section",
];

#[test]
fn every_import_code_is_met_by_a_fixture() {
    let report = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/suite/import/snapshots/main__import__report__import_older_report.snap"
    );
    let covered = [
        include_str!("mapping.rs").to_owned(),
        include_str!("report.rs").to_owned(),
        include_str!("files.rs").to_owned(),
        std::fs::read_to_string(report).expect("the older report's snapshot"),
    ]
    .concat();
    let codes: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| code.origin() == Origin::Import)
        .map(|code| code.as_str())
        .collect();
    assert!(codes.len() > 20, "{codes:?}");
    let uncovered: Vec<&&str> = codes
        .iter()
        .filter(|code| !CODES_WITHOUT_A_FIXTURE.contains(code))
        .filter(|code| {
            !covered.contains(&format!("[{code}]")) && !covered.contains(&format!("\"{code}\""))
        })
        .collect();
    assert!(
        uncovered.is_empty(),
        "import codes no fixture meets: {uncovered:?}"
    );
}
