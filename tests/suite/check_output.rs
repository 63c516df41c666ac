//! What `retning check` prints and returns: the human rendering (insta snapshots), the JSON
//! shape, line numbers in CRLF and BOM files, exit codes, and `check PATH`.

use serde_json::Value;

use crate::support::Severity::Error;
use crate::support::{MAIN, Site, SiteBuilder, VALID, at, site, stderr, stdout};

/// The human rendering of a site's findings, with the site's folder (should it ever appear)
/// replaced by `[ROOT]`. stdout is a pipe, so there is no colour.
fn human(site: &Site, args: &[&str]) -> String {
    let output = site.check(args);
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    let root = site.root().to_string_lossy().into_owned();
    stdout(&output).replace(&root, "[ROOT]")
}

// ---------------------------------------------------------------------------------------
// Human rendering
// ---------------------------------------------------------------------------------------

#[test]
fn human_bad_strength() {
    let site = site().replace("(B)", "(E)").build();
    insta::assert_snapshot!(human(&site, &[]));
}

#[test]
fn human_unknown_key() {
    let site = site().replace("\nversion = ", "\nverison = ").build();
    insta::assert_snapshot!(human(&site, &[]));
}

#[test]
fn human_missing_section() {
    let site = site()
        .replace("# 5. Metode\n\nLitteraturen er søgt systematisk.\n\n", "")
        .build();
    insta::assert_snapshot!(human(&site, &[]));
}

#[test]
fn human_undefined_citation() {
    let site = site()
        .replace("få undersøgelser.", "få undersøgelser [^ukendt2020].")
        .build();
    insta::assert_snapshot!(human(&site, &[]));
}

/// The same finding in Danish (`--lang da`): message, help, labels and summary.
#[test]
fn human_undefined_citation_in_danish() {
    let site = site()
        .replace("få undersøgelser.", "få undersøgelser [^ukendt2020].")
        .build();
    insta::assert_snapshot!(human(&site, &["--lang", "da"]));
}

/// A warning in Danish, repeated on one line ("og 1 til med …") and in the GitHub rendering.
#[test]
fn human_warning_in_danish() {
    let site = site()
        .replace(
            "https://example.org/opfoelgning",
            "http://example.org/opfoelgning",
        )
        .build();
    insta::assert_snapshot!(human(&site, &["--lang", "da"]));
    let github = human(&site, &["--lang", "da", "--format", "github"]);
    assert!(github.contains("%0Ahjælp: brug https://"), "{github}");
    assert!(github.ends_with("0 fejl, 1 advarsel\n"), "{github}");
}

/// Without `--lang` (and without RETNING_LANG), findings follow `language` in retning.toml;
/// codes, JSON keys and exit codes are the same in every language.
#[test]
fn the_language_follows_retning_toml_and_keeps_codes_and_keys() {
    let site = site()
        .replace("få undersøgelser.", "få undersøgelser [^ukendt2020].")
        .build();
    let run = |site: &Site, args: &[&str]| {
        site.retning()
            .env_remove("RETNING_LANG")
            .args(["check", "--today", crate::support::TODAY])
            .args(args)
            .output()
            .unwrap()
    };
    let danish = run(&site, &[]);
    assert_eq!(danish.status.code(), Some(1));
    assert!(
        stdout(&danish).contains("der henvises til [^ukendt2020]"),
        "{}",
        stdout(&danish)
    );
    assert!(stdout(&danish).ends_with("1 fejl, 0 advarsler\n"));
    let english = run(&site, &["--lang", "en"]);
    assert!(stdout(&english).contains("[^ukendt2020] is cited but never defined"));

    let json_da: Value = serde_json::from_slice(&run(&site, &["--format", "json"]).stdout).unwrap();
    let json_en: Value =
        serde_json::from_slice(&run(&site, &["--format", "json", "--lang", "en"]).stdout).unwrap();
    let finding = |json: &Value| json["diagnostics"][0].clone();
    assert_eq!(finding(&json_da)["code"], "citation.undefined");
    assert_eq!(finding(&json_da)["code"], finding(&json_en)["code"]);
    assert_eq!(finding(&json_da)["line"], finding(&json_en)["line"]);
    let keys = |json: &Value| {
        json["diagnostics"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&json_da), keys(&json_en));
    assert_ne!(finding(&json_da)["message"], finding(&json_en)["message"]);

    let english_site = site.path("retning.toml");
    let config = std::fs::read_to_string(&english_site).unwrap();
    std::fs::write(
        &english_site,
        config.replace("language = \"da\"", "language = \"en\""),
    )
    .unwrap();
    assert!(stdout(&run(&site, &[])).contains("is cited but never defined"));

    let wrong = run(&site, &["--lang", "sv"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("da or en"), "{}", stderr(&wrong));
}

#[test]
fn human_warning() {
    let site = site()
        .replace(
            "https://example.org/opfoelgning",
            "http://example.org/opfoelgning",
        )
        .build();
    insta::assert_snapshot!(human(&site, &[]));
}

#[test]
fn human_finding_about_a_whole_file() {
    let site = site().file("guidelines/ukendt/dlbcl.md", VALID).build();
    insta::assert_snapshot!(human(&site, &[]));
}

#[test]
fn human_clean_site_prints_the_summary_only() {
    let site = site().build();
    assert_eq!(human(&site, &[]), "0 errors, 0 warnings\n");
}

#[test]
fn human_findings_of_several_files_in_one_run() {
    let site = site()
        .replace("(B)", "(E)")
        .file(
            "guidelines/dbcg/brystkraeft.md",
            VALID.replacen("\nversion = ", "\nverison = ", 1),
        )
        .build();
    let text = human(&site, &[]);
    // Sorted by file: dbcg before dlg.
    let first = text
        .find("guidelines/dbcg/brystkraeft.md:3:1")
        .expect(&text);
    let second = text.find("guidelines/dlg/dlbcl.md:50:19").expect(&text);
    assert!(first < second, "{text}");
    assert!(text.ends_with("2 errors, 0 warnings\n"), "{text}");
}

// ---------------------------------------------------------------------------------------
// CRLF and BOM
// ---------------------------------------------------------------------------------------

/// One defect per rule family, each at a known place in the LF file.
fn defects() -> Vec<(&'static str, SiteBuilder)> {
    vec![
        ("bad strength", site().replace("(B)", "(E)")),
        (
            "unknown key",
            site().replace("\nversion = ", "\nverison = "),
        ),
        (
            "toml syntax",
            site().replace("title = \"Diffust", "title = Diffust"),
        ),
        (
            "blank date",
            site().replace("planned = 2027-06-01", "planned = \"\""),
        ),
        (
            "overdue",
            site().replace("planned = 2027-06-01", "planned = 2026-06-01"),
        ),
        (
            "undefined citation",
            site().replace("få undersøgelser.", "få undersøgelser [^ukendt2020]."),
        ),
        ("evidence level", site().replace("[2b]", "[2c]")),
        (
            "misspelt section",
            site().replace("# 5. Metode", "# 5. Metodik"),
        ),
        (
            "missing sub-section",
            site().replace(
                "### Rationale\n\nPET/CT er mere præcis end CT alene.\n\n",
                "",
            ),
        ),
        (
            "quick guide text",
            site().replace(
                "# 1. Anbefalinger (Quick guide)\n",
                "# 1. Anbefalinger (Quick guide)\n\nTekst.\n",
            ),
        ),
        (
            "nested container",
            site().replace("stadieinddelingen.\n:::\n", "stadieinddelingen.\n"),
        ),
        (
            "unused definition",
            site().replace(", og en kohorte bekræftede det [^barrington2014] [2b]", ""),
        ),
        (
            "insecure link",
            site().replace(
                "https://example.org/opfoelgning",
                "http://example.org/opfoelgning",
            ),
        ),
    ]
}

#[test]
fn crlf_and_bom_report_the_same_lines_and_columns() {
    type Encode = fn(String) -> String;
    let encodings: [(&str, Encode); 3] = [
        ("CRLF", |text| text.replace('\n', "\r\n")),
        ("BOM", |text| format!("\u{feff}{text}")),
        ("BOM+CRLF", |text| {
            format!("\u{feff}{}", text.replace('\n', "\r\n"))
        }),
    ];
    for (name, builder) in defects() {
        let lf_text = builder.main_text().to_owned();
        let lf = builder.check_json();
        assert_eq!(lf.diagnostics.len(), 1, "{name}: {}", lf.listing());
        for (encoding, encode) in encodings {
            let encoded = site().map(|_| encode(lf_text.clone())).check_json();
            assert_eq!(
                encoded.summary(),
                lf.summary(),
                "{name} in a {encoding} file:\n{}",
                encoded.listing()
            );
        }
    }
}

/// The human rendering's `file:line:column` is the JSON's, Danish letters before the finding
/// included (each is one column, though two bytes).
#[test]
fn human_and_json_agree_on_positions() {
    for (name, builder) in defects() {
        let site = builder.build();
        let report = site.check_json(&[]);
        let text = human(&site, &[]);
        for finding in &report.diagnostics {
            let (Some(line), Some(column)) = (finding.line, finding.column) else {
                continue;
            };
            let file = finding.file.as_deref().unwrap_or_default();
            let header = format!("[{file}:{line}:{column}]");
            assert!(text.contains(&header), "{name}: no {header} in\n{text}");
        }
    }
}

#[test]
fn crlf_renders_like_lf() {
    let lf = site().replace("(B)", "(E)");
    let crlf_text = lf.main_text().replace('\n', "\r\n");
    let lf = human(&lf.build(), &[]);
    let crlf = human(&site().map(|_| crlf_text).build(), &[]);
    assert!(!crlf.contains('\r'), "{crlf:?}");
    assert_eq!(crlf, lf);
}

// ---------------------------------------------------------------------------------------
// JSON shape
// ---------------------------------------------------------------------------------------

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn json_shape() {
    let site = site()
        .replace("(B)", "(E)")
        .replace(
            "https://example.org/opfoelgning",
            "http://example.org/opfoelgning",
        )
        .file("guidelines/ukendt/dlbcl.md", VALID)
        .build();
    let output = site.check(&["--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(keys(&json), ["diagnostics", "errors", "warnings"]);
    assert_eq!(json["errors"], 2);
    assert_eq!(json["warnings"], 1);
    let diagnostics = json["diagnostics"].as_array().expect("an array");
    assert_eq!(diagnostics.len(), 3, "{json:#}");
    for diagnostic in diagnostics {
        assert_eq!(
            keys(diagnostic),
            [
                "code", "column", "file", "help", "line", "message", "severity"
            ]
        );
        assert!(diagnostic["code"].is_string());
        assert!(["error", "warning"].contains(&diagnostic["severity"].as_str().expect("str")));
        assert!(diagnostic["message"].is_string());
        let file = diagnostic["file"]
            .as_str()
            .expect("every finding names its file");
        assert!(
            file.starts_with("guidelines/") && !file.contains('\\'),
            "{file}"
        );
        assert!(!file.contains(&*site.root().to_string_lossy()), "{file}");
    }
    let find = |code: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {json:#}"))
    };
    // A finding in the text has a 1-based line and column …
    let strength = find("recommendation.bad-strength");
    assert_eq!(strength["code"], "recommendation.bad-strength");
    assert_eq!(strength["file"], "guidelines/dlg/dlbcl.md");
    assert_eq!(
        (&strength["line"], &strength["column"]),
        (&50.into(), &19.into())
    );
    assert!(strength["help"].is_string());
    // … a finding about a whole file has null ones.
    let group = find("source.unknown-group");
    assert_eq!(group["file"], "guidelines/ukendt/dlbcl.md");
    assert!(group["line"].is_null() && group["column"].is_null());
}

#[test]
fn json_of_a_clean_site() {
    let output = site().build().check(&["--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(
        json,
        serde_json::json!({"diagnostics": [], "errors": 0, "warnings": 0})
    );
}

#[test]
fn files_are_relative_to_the_root_given_with_root() {
    let site = site().replace("(B)", "(E)").build();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let output = crate::support::retning()
        .current_dir(elsewhere.path())
        .arg("--root")
        .arg(site.root())
        .args([
            "check",
            "--format",
            "json",
            "--today",
            crate::support::TODAY,
        ])
        .output()
        .expect("run");
    let report = crate::support::Report::from_output(&output);
    report
        .single()
        .expect("recommendation.bad-strength", Error, at(50, 19))
        .in_file(MAIN);
}

// ---------------------------------------------------------------------------------------
// Exit codes and check PATH
// ---------------------------------------------------------------------------------------

#[test]
fn exit_0_when_clean() {
    site()
        .build()
        .retning()
        .args(["check", "--today", "2026-11-24"])
        .assert()
        .code(0);
}

#[test]
fn exit_0_with_only_warnings() {
    let site = site().replace("[2b]", "[2c]").build();
    site.retning()
        .args(["check", "--today", "2026-11-24"])
        .assert()
        .code(0);
}

#[test]
fn exit_1_with_an_error() {
    let site = site().replace("(B)", "(E)").build();
    site.retning()
        .args(["check", "--today", "2026-11-24"])
        .assert()
        .code(1);
}

#[test]
fn exit_1_with_a_warning_and_deny_warnings() {
    let site = site().replace("[2b]", "[2c]").build();
    site.retning()
        .args(["check", "--today", "2026-11-24", "--deny-warnings"])
        .assert()
        .code(1);
    // … and still 0 for a clean site.
    let clean = crate::support::site().build();
    clean
        .retning()
        .args(["check", "--today", "2026-11-24", "--deny-warnings"])
        .assert()
        .code(0);
}

#[test]
fn exit_2_for_a_path_that_does_not_exist() {
    let site = site().build();
    let output = site.check(&["guidelines/dlg/findes-ikke.md"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("findes-ikke.md"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn exit_2_for_a_bad_today() {
    let site = site().build();
    let output = site
        .retning()
        .args(["check", "--today", "24-11-2026"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("24-11-2026"),
        "{}",
        stderr(&output)
    );
}

/// Two guidelines with one defect each; the second links to the first.
fn two_defective_guidelines() -> Site {
    site()
        .replace("(B)", "(E)")
        .file(
            "guidelines/dbcg/brystkraeft.md",
            VALID.replacen("\nversion = ", "\nverison = ", 1).replacen(
                "@/dlg/dlbcl.md#udredning",
                "@/dlg/dlbcl.md#anbefaling-2",
                1,
            ),
        )
        .build()
}

#[test]
fn check_path_limits_output_to_that_file() {
    let site = two_defective_guidelines();
    let all = site.check_json(&[]);
    assert_eq!(all.diagnostics.len(), 2, "{}", all.listing());

    let one = site.check_json(&["guidelines/dlg/dlbcl.md"]);
    one.single()
        .expect("recommendation.bad-strength", Error, at(50, 19))
        .in_file(MAIN);
    assert_eq!(one.exit, Some(1));

    let other = site.check_json(&["guidelines/dbcg/brystkraeft.md"]);
    other
        .single()
        .expect("frontmatter.unknown-key", Error, at(3, 1))
        .in_file("guidelines/dbcg/brystkraeft.md");
}

#[test]
fn check_folder_limits_output_to_its_files() {
    let site = two_defective_guidelines();
    site.check_json(&["guidelines/dbcg"])
        .single()
        .in_file("guidelines/dbcg/brystkraeft.md");
    // An absolute path works too.
    let absolute = site.path("guidelines/dlg");
    site.check_json(&[&absolute.to_string_lossy()])
        .single()
        .in_file(MAIN);
}

#[test]
fn check_path_of_a_clean_file_exits_0_while_another_has_errors() {
    let site = site()
        .file(
            "guidelines/dbcg/brystkraeft.md",
            VALID.replacen("(B)", "(E)", 1),
        )
        .build();
    let report = site.check_json(&[MAIN]);
    report.expect_clean();
}

#[test]
fn check_path_still_reads_the_whole_site_for_links() {
    // The main guideline links to a recommendation of another guideline; checking only the
    // main one must still resolve the link.
    let site = site()
        .replace(
            "@/dlg/dlbcl.md#udredning",
            "@/dbcg/brystkraeft.md#anbefaling-2",
        )
        .file("guidelines/dbcg/brystkraeft.md", VALID)
        .build();
    site.check_json(&[MAIN]).expect_clean();
}
