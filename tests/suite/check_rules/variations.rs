//! Valid variations the rules must accept, and the patient pathway's attributes.

use crate::support::Severity::Error;
use crate::support::{SiteBuilder, at, empty_site, site};

/// Every named variation of the valid site checks clean, exit 0; the failures are listed
/// together, each with its findings.
#[track_caller]
fn assert_no_findings(variations: Vec<(&str, SiteBuilder)>) {
    let mut failures = String::new();
    for (name, site) in variations {
        let report = site.check_json();
        if !report.diagnostics.is_empty() || report.exit != Some(0) {
            failures.push_str(&format!(
                "{name} (exit {:?}):\n{}",
                report.exit,
                report.listing()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn valid_status_grading_and_strength_variations_have_no_findings() {
    assert_no_findings(vec![
        (
            "draft without approvals",
            site()
                .replace("\"approved\"", "\"draft\"")
                .replace("professional = {", "# professional = {")
                .replace("administrative = {", "# administrative = {"),
        ),
        (
            "grade guideline",
            site()
                .replace("grading = \"oxford\"", "grading = \"grade\"")
                .replace("(B)", "(Stærk for, moderat)")
                .replace("(A-C)", "(god praksis)"),
        ),
        (
            "strength in lower case and dash variants",
            site().replace("(B)", "(b)").replace("(A-C)", "(A – D)"),
        ),
        (
            "marker ny and a gap in the ids",
            site()
                .replace("::: anbefaling 2 (A-C) ændret", "::: anbefaling 5 (A-C) ny")
                .replace("recommendations = [2]", "recommendations = [5]"),
        ),
    ]);
}

#[test]
fn valid_spelling_and_spacing_variations_have_no_findings() {
    assert_no_findings(vec![
        (
            "headings with other dashes and spacing",
            site()
                .replace(
                    "### Patientværdier og – præferencer",
                    "### Patientværdier og -præferencer",
                )
                .replace("# 3. Grundlag", "#  3.  Grundlag"),
        ),
        (
            "evidence level right after the citation, without a space",
            site().replace("[^cheson2014] [1b]", "[^cheson2014][1b]"),
        ),
        (
            "blank lines between definitions",
            site().replace("3059-68.\n[^barrington", "3059-68.\n\n[^barrington"),
        ),
        (
            "::: inside a code block is not a container",
            site().replace(
                "søgt systematisk.\n",
                "søgt systematisk.\n\n```\n:::\n::: anbefaling 9 (E)\n```\n",
            ),
        ),
        (
            "a ~~~ line does not close a ``` block, and ```` closes it",
            site().replace(
                "søgt systematisk.\n",
                "søgt systematisk.\n\n```\n~~~\n::: anbefaling 9 (E)\n````\n",
            ),
        ),
        (
            "CRLF line endings",
            site().map(|text| text.replace('\n', "\r\n")),
        ),
        (
            "a byte-order mark",
            site().map(|text| format!("\u{feff}{text}")),
        ),
    ]);
}

#[test]
fn valid_link_variations_have_no_findings() {
    assert_no_findings(vec![
        (
            "link to the guideline's own recommendation",
            site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#anbefaling-2"),
        ),
        (
            "link to a heading in the appendix and in the method",
            site()
                .replace(
                    "# 7. Bilag\n",
                    "# 7. Bilag\n\n## Bilag 1\n\nSøgeprotokol.\n\n### Søgestrategi\n\nPubMed.\n",
                )
                .replace(
                    "Litteraturen er søgt systematisk.",
                    "## Søgning\n\nSystematisk.",
                )
                .replace(
                    "@/dlg/dlbcl.md#udredning",
                    "@/dlg/dlbcl.md#bilag-1) og [søgningen](@/dlg/dlbcl.md#soegning",
                ),
        ),
        (
            "link to a sub-section anchor",
            site().replace(
                "@/dlg/dlbcl.md#udredning",
                "@/dlg/dlbcl.md#udredning-rationale",
            ),
        ),
    ]);
}

#[test]
fn valid_front_matter_variations_and_an_empty_site_have_no_findings() {
    assert_no_findings(vec![
        (
            "an unassessed decision aid needs no assessment date",
            site()
                .replace("\"qualifying\"", "\"not-assessed\"")
                .replace("ipdas_assessed = 2024-05-01\n", ""),
        ),
        (
            "an alias",
            site().replace(
                "keywords = [",
                "aliases = [\"/lymfom/dlbcl/\"]\nkeywords = [",
            ),
        ),
        (
            "published after approval",
            site().replace("keywords = [", "published = 2024-03-15\nkeywords = ["),
        ),
        ("no guidelines at all", empty_site()),
    ]);
}

/// The valid guideline covering `phases` (a TOML array), with `attributes` after
/// recommendation 1's header (line 51 then).
fn with_pathway(phases: &str, attributes: &str) -> SiteBuilder {
    site()
        .replace("keywords = [", &format!("phases = {phases}\nkeywords = ["))
        .replace(
            "::: anbefaling 1 (B)\n",
            &format!("::: anbefaling 1 (B) {attributes}\n"),
        )
}

#[test]
fn phases_monitoring_and_further_groups_that_are_right_give_no_finding() {
    with_pathway(
        r#"["udredning", "behandling"]"#,
        r#"{fase=udredning monitorering="LYFO 2b"}"#,
    )
    .replace("keywords = [", "groups = [\"dbcg\"]\nkeywords = [")
    .check_json()
    .expect_clean();
    // A marker stands before the attributes.
    with_pathway(r#"["udredning"]"#, "")
        .replace("(A-C) ændret", "(A-C) ændret {fase=udredning}")
        .check_json()
        .expect_clean();
}

rule! {
    unknown_phase_of_the_guideline: with_pathway(r#"["udredning", "behandlig"]"#, "")
        => "phase.unknown", Error, at(7, 24);
    unknown_phase_of_a_recommendation: with_pathway(r#"["udredning"]"#, "{fase=udredning,behandlig}")
        => "phase.unknown", Error, at(51, 38);
    phase_outside_the_guideline: with_pathway(r#"["udredning"]"#, "{fase=behandling}")
        => "phase.not-in-guideline", Error, at(51, 28);
    phase_of_a_guideline_without_phases: site().replace("::: anbefaling 1 (B)\n", "::: anbefaling 1 (B) {fase=udredning}\n")
        => "phase.not-in-guideline", Error, at(50, 28);
    unknown_attribute: with_pathway(r#"["udredning"]"#, "{fase=udredning niveau=3}")
        => "recommendation.bad-attribute", Error, at(51, 38);
    monitoring_without_indicator: with_pathway(r#"["udredning"]"#, r#"{monitorering="LYFO"}"#)
        => "recommendation.bad-attribute", Error, at(51, 37);
    unclosed_attributes: with_pathway(r#"["udredning"]"#, "{fase=udredning")
        => "recommendation.bad-attribute", Error, at(51, 22);
    unknown_further_group: site().replace("keywords = [", "groups = [\"dbcg\", \"dxg\"]\nkeywords = [")
        => "group.unknown", Error, at(7, 19);
}
