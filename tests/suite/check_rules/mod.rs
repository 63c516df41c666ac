//! One fixture per rule: the valid guideline with exactly one defect, and the one finding it
//! must give — code, severity, line and column. Line numbers refer to `support/dlbcl.md`
//! after the replacement.

use std::fs;
use std::path::Path;

use retning::diagnostics::codes::{Code, Origin};

use crate::support::Severity::{Error, Warning};
use crate::support::{Place, Severity, SiteBuilder, site};

/// `rule!(name: SITE => "code", Severity, PLACE);` — the site gives exactly this one finding,
/// in the main guideline, and the exit code that goes with its severity.
macro_rules! rule {
    ($($name:ident: $site:expr => $code:literal, $severity:ident, $place:expr;)+) => {
        $(
            #[test]
            fn $name() {
                $crate::check_rules::expect_one($site, $crate::support::MAIN, $code, $severity, $place);
            }
        )+
    };
}

#[track_caller]
fn expect_one(site: SiteBuilder, file: &str, code: &str, severity: Severity, place: Place) {
    let report = site.check_json();
    report.single().expect(code, severity, place).in_file(file);
    // Exit 1 for an error; a warning alone is not a failure.
    let (errors, warnings, exit) = match severity {
        Error => (1, 0, 1),
        Warning => (0, 1, 0),
    };
    assert_eq!(
        (report.errors, report.warnings, report.exit),
        (errors, warnings, Some(exit))
    );
}

#[test]
fn the_valid_guideline_has_no_findings() {
    let report = site().check_json();
    report.expect_clean();
}

// After `rule!`: a macro is visible only in the modules declared after it.
mod figures;
mod files;
mod front_matter;
mod links;
mod sections;
mod synonyms;
mod variations;

#[test]
fn every_code_has_a_fixture() {
    // Every module of this folder, read at run time so that a new module counts without
    // being listed; the badge checks need a git history: their fixtures are in history/badges.rs.
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/check_rules");
    let mut fixtures = include_str!("../history/badges.rs").to_owned();
    for entry in fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            fixtures.push_str(&fs::read_to_string(&path).unwrap());
        }
    }
    let codes: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| code.origin() == Origin::Check)
        .map(|code| code.as_str())
        .collect();
    assert!(codes.len() > 40, "{codes:?}");
    let uncovered: Vec<&&str> = codes
        .iter()
        .filter(|code| !fixtures.contains(&format!("\"{code}\"")))
        .collect();
    assert!(
        uncovered.is_empty(),
        "codes without a fixture: {uncovered:?}"
    );
}

#[test]
fn the_format_guide_lists_every_code() {
    let guide = include_str!("../../../docs/format.md");
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !guide.contains(&format!("| `{code}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes missing from docs/format.md: {missing:?}"
    );
}
