//! The template's sections, recommendations and `:::` containers, references and citations.

use crate::support::Severity::{Error, Warning};
use crate::support::{at, site};

rule! {
    missing_section: site().replace("# 5. Metode\n\nLitteraturen er søgt systematisk.\n\n", "")
        => "template.missing-section", Error, at(79, 1);
    missing_last_section: site().replace("\n# 8. Om denne kliniske retningslinje\n\nRetningslinjen er udarbejdet af Dansk Lymfomgruppe.\n", "\n")
        => "template.missing-section", Error, at(85, 1);
    unknown_section: site().replace("# 7. Bilag\n", "# 7. Bilag\n\n# Diskussion\n\nTekst.\n")
        => "template.unknown-section", Error, at(87, 1);
    duplicate_section: site().replace("# 7. Bilag\n", "# 7. Bilag\n\n# 2. Introduktion\n\nIgen.\n")
        => "template.duplicate-section", Error, at(87, 1);
    sections_out_of_order: site().replace("# 6. Monitorering\n\n# 7. Bilag\n", "# 7. Bilag\n\n# 6. Monitorering\n")
        => "template.section-order", Error, at(85, 1);
    text_before_the_first_section: site().replace("+++\n\n# Nyt", "+++\n\nIndledende tekst.\n\n# Nyt")
        => "template.content-outside-section", Error, at(34, 1);
    text_in_the_quick_guide: site().replace("# 1. Anbefalinger (Quick guide)\n", "# 1. Anbefalinger (Quick guide)\n\nEn kopi af anbefalingerne.\n")
        => "template.quick-guide-not-empty", Error, at(42, 1);
    empty_section: site().replace("Litteraturen er søgt systematisk.\n", "")
        => "template.empty-section", Warning, at(79, 1);
    missing_subsection: site().replace("### Rationale\n\nPET/CT er mere præcis end CT alene.\n\n", "")
        => "template.missing-subsection", Error, at(48, 1);
    empty_subsection: site().replace("PET/CT er mere præcis end CT alene.\n", "")
        => "template.empty-subsection", Warning, at(66, 1);
}

#[test]
fn misspelt_section_suggests_the_right_title() {
    site()
        .replace(
            "# 1. Anbefalinger (Quick guide)",
            "# 1. Anbefalinger (Quickguide)",
        )
        .check_json()
        .single()
        .expect("template.unknown-section", Error, at(40, 1))
        .help_contains("did you mean `# 1. Anbefalinger (Quick guide)`?");
}

/// A misspelt section is read as the section it resembles, so its topics, recommendations
/// and references are not reported as well: one typo, one finding.
#[test]
fn misspelt_sections_with_content_give_one_finding() {
    for (from, to, line) in [
        ("# 3. Grundlag", "# 3. Grundlaget", 46),
        ("# 4. Referencer", "# 4. Referencerne", 74),
        ("# 6. Monitorering", "# 6. Monitorring", 83),
        (
            "# Nyt siden sidst (ændringslog)",
            "# Nyt siden sidst (aendringslog)",
            34,
        ),
    ] {
        site()
            .replace(from, to)
            .check_json()
            .single()
            .expect("template.unknown-section", Error, at(line, 1))
            .help_contains(&format!("did you mean `{from}`?"));
    }
}

/// A near miss of a section that is also present under its exact title is just an unknown
/// heading; suggesting the title would suggest a duplicate.
#[test]
fn near_miss_of_a_present_section_suggests_nothing() {
    let report = site()
        .replace("# 7. Bilag\n", "# 7. Bilag\n\n# 2. Indledning\n\nTekst.\n")
        .check_json();
    let finding = report
        .single()
        .expect("template.unknown-section", Error, at(87, 1));
    assert!(
        !finding
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("did you mean"),
        "{finding:#?}"
    );
}

#[test]
fn renamed_section_is_recognised_by_its_number() {
    site()
        .replace("# 2. Introduktion", "# 2. Indledning")
        .check_json()
        .single()
        .expect("template.unknown-section", Error, at(42, 1))
        .help_contains("`# 2. Introduktion`");
}

#[test]
fn misspelt_subsection_suggests_the_right_title() {
    site()
        .replace("### Rationale", "### Rationel")
        .check_json()
        .single()
        .expect("template.missing-subsection", Error, at(66, 1))
        .help_contains("did you mean `### Rationale`?");
}

rule! {
    unknown_container: site().replace("lymfom hos voksne.\n", "lymfom hos voksne.\n\n::: advarsel\nPas på.\n:::\n")
        => "container.unknown", Error, at(46, 5);
    misspelt_container: site().replace("::: anbefaling 1 (B)", "::: anbfaling 1 (B)")
        => "container.unknown", Error, at(50, 5);
    unterminated_container: site().replace("ved negativ PET/CT.\n:::\n", "ved negativ PET/CT.\n")
        => "container.unterminated", Error, at(54, 1);
    stray_close: site().replace("Litteraturen er søgt systematisk.\n", "Litteraturen er søgt systematisk.\n\n:::\n")
        => "container.stray-close", Error, at(83, 1);
    // A forgotten ::: before the next recommendation: both recommendations still exist, so the
    // decision aid's link to recommendation 2 stays good.
    container_opened_inside_another: site().replace("stadieinddelingen.\n:::\n", "stadieinddelingen.\n")
        => "container.nested", Error, at(53, 1);
    header_without_strength: site().replace("::: anbefaling 1 (B)", "::: anbefaling 1 B")
        => "recommendation.bad-header", Error, at(50, 18);
    header_with_unclosed_parenthesis: site().replace("::: anbefaling 1 (B)", "::: anbefaling 1 (B")
        => "recommendation.bad-header", Error, at(50, 19);
    header_without_id: site().replace("::: anbefaling 1 (B)", "::: anbefaling")
        => "recommendation.bad-header", Error, at(50, 15);
    header_with_unknown_marker: site().replace("::: anbefaling 1 (B)", "::: anbefaling 1 (B) nyt")
        => "recommendation.bad-header", Error, at(50, 22);
    id_zero: site().replace("::: anbefaling 1 (B)", "::: anbefaling 0 (B)")
        => "recommendation.bad-id", Error, at(50, 16);
    id_not_a_number: site().replace("::: anbefaling 1 (B)", "::: anbefaling x (B)")
        => "recommendation.bad-id", Error, at(50, 16);
    id_negative: site().replace("::: anbefaling 1 (B)", "::: anbefaling -1 (B)")
        => "recommendation.bad-id", Error, at(50, 16);
    duplicate_id: site().replace("::: anbefaling 1 (B)", "::: anbefaling 2 (B)")
        => "recommendation.duplicate-id", Error, at(54, 16);
    strength_e: site().replace("(B)", "(E)")
        => "recommendation.bad-strength", Error, at(50, 19);
    strength_reversed_range: site().replace("(A-C)", "(C-A)")
        => "recommendation.bad-strength", Error, at(54, 19);
    strength_empty: site().replace("(B)", "()")
        => "recommendation.bad-strength", Error, at(50, 19);
    grade_strength_in_oxford_guideline: site().replace("(B)", "(stærk for)")
        => "recommendation.bad-strength", Error, at(50, 19);
    oxford_strength_in_grade_guideline: site()
        .replace("grading = \"oxford\"", "grading = \"grade\"")
        .replace("(A-C)", "(svag for, lav)")
        => "recommendation.bad-strength", Error, at(50, 19);
    bad_grade_certainty: site()
        .replace("grading = \"oxford\"", "grading = \"grade\"")
        .replace("(B)", "(god praksis)")
        .replace("(A-C)", "(svag for, usikker)")
        => "recommendation.bad-strength", Error, at(54, 19);
    recommendation_outside_grundlag: site().replace("lymfom hos voksne.\n", "lymfom hos voksne.\n\n::: anbefaling 3 (D)\nTekst.\n:::\n")
        => "recommendation.misplaced", Error, at(46, 1);
    recommendation_before_the_first_topic: site().replace("# 3. Grundlag\n", "# 3. Grundlag\n\n::: anbefaling 3 (D)\nTekst.\n:::\n")
        => "recommendation.misplaced", Error, at(48, 1);
    recommendation_below_the_evidence: site().replace("### Rationale\n", "::: anbefaling 3 (D)\nTekst.\n:::\n\n### Rationale\n")
        => "recommendation.misplaced", Error, at(66, 1);
    empty_recommendation: site().replace("Alle patienter bør have udført PET/CT-skanning som led i stadieinddelingen.\n", "")
        => "recommendation.empty", Error, at(50, 1);
}

/// An opening line inside an open container, with the outer container's own ::: after the
/// inner one's: the first ::: closes the inner container (they cannot nest), so the second
/// closes nothing. Both findings are true: two lines are wrong.
#[test]
fn truly_nested_container_also_leaves_a_stray_close() {
    let report = site()
        .replace(
            "stadieinddelingen.\n:::\n",
            "stadieinddelingen.\n::: anbefaling 3 (D)\nIndre tekst.\n:::\n:::\n",
        )
        .check_json();
    assert_eq!(
        report.summary(),
        [
            ("container.nested".to_owned(), at(52, 1)),
            ("container.stray-close".to_owned(), at(55, 1)),
        ],
        "{}",
        report.listing()
    );
}

#[test]
fn strength_messages_name_the_scheme() {
    site()
        .replace("(B)", "(stærk for)")
        .check_json()
        .single()
        .message_contains("GRADE")
        .help_contains("oxford");
    site()
        .replace("(A-C)", "(C-A)")
        .check_json()
        .single()
        .message_contains("A-C");
}

rule! {
    undefined_citation: site().replace("få undersøgelser.", "få undersøgelser [^ukendt2020].")
        => "citation.undefined", Error, at(64, 42);
    unused_definition: site().replace(", og en kohorte bekræftede det [^barrington2014] [2b]", "")
        => "citation.unused", Warning, at(77, 1);
    misplaced_definition: site().replace("søgt systematisk.\n", "søgt systematisk [^pubmed].\n\n[^pubmed]: PubMed, søgt 2023.\n")
        => "citation.misplaced-definition", Error, at(83, 1);
    duplicate_definition: site().replace("[^barrington2014]: Barrington", "[^cheson2014]: Igen.\n[^barrington2014]: Barrington")
        => "citation.duplicate-definition", Error, at(77, 1);
    bad_evidence_level: site().replace("[2b]", "[2c]")
        => "citation.bad-evidence-level", Warning, at(60, 119);
    evidence_level_out_of_range: site().replace("[2b]", "[6]")
        => "citation.bad-evidence-level", Warning, at(60, 119);
    bad_evidence_level_without_a_space: site().replace("[^cheson2014] [1b]", "[^cheson2014][1x]")
        => "citation.bad-evidence-level", Warning, at(60, 65);
    undefined_citation_before_a_level_without_a_space: site().replace("[^barrington2014] [2b]", "[^barrington2014] [2b] [^ukendt2020][1b]")
        => "citation.undefined", Error, at(60, 124);
}

/// A misspelt key is both a citation without a definition and a definition never cited;
/// both are reported, each at its own line.
#[test]
fn misspelt_citation_key_gives_both_sides() {
    let report = site()
        .replace("[^barrington2014] [2b]", "[^barington2014] [2b]")
        .check_json();
    assert_eq!(
        report.summary(),
        [
            ("citation.undefined".to_owned(), at(60, 101)),
            ("citation.unused".to_owned(), at(77, 1)),
        ],
        "{}",
        report.listing()
    );
}
