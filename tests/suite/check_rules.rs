//! One fixture per rule: the valid guideline with exactly one defect, and the one finding it
//! must give — code, severity, line and column. Line numbers refer to `support/dlbcl.md`
//! after the replacement.

use crate::support::Severity::{Error, Warning};
use crate::support::{MAIN, Place, Severity, SiteBuilder, VALID, at, empty_site, site};

/// `rule!(name: SITE => "code", Severity, PLACE);` — the site gives exactly this one finding,
/// in the main guideline, and the exit code that goes with its severity.
macro_rules! rule {
    ($($name:ident: $site:expr => $code:literal, $severity:ident, $place:expr;)+) => {
        $(
            #[test]
            fn $name() {
                expect_one($site, MAIN, $code, $severity, $place);
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

// ---------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------

rule! {
    empty_file: site().map(|_| String::new())
        => "frontmatter.missing", Error, at(1, 1);
    no_front_matter: site().replace("+++\ntitle", "title")
        => "frontmatter.missing", Error, at(1, 1);
    unterminated_front_matter: site().replace("\n+++\n\n# Nyt", "\n\n# Nyt")
        => "frontmatter.unterminated", Error, at(1, 1);
    toml_syntax_error: site().replace("title = \"Diffust", "title = Diffust")
        => "frontmatter.syntax", Error, at(2, 9);
    unknown_key: site().replace("\nversion = ", "\nverison = ")
        => "frontmatter.unknown-key", Error, at(3, 1);
    unknown_key_in_a_table: site().replace("name = \"Anna Jensen\"", "navn = \"Anna Jensen\"")
        => "frontmatter.unknown-key", Error, at(17, 1);
    missing_key: site().replace("\nversion = \"2.1\"", "")
        => "frontmatter.missing-key", Error, at(2, 1);
    missing_planned_revision: site().replace("planned = 2027-06-01\n", "")
        => "frontmatter.missing-key", Error, at(13, 1);
    invalid_status: site().replace("\"approved\"", "\"godkendt\"")
        => "frontmatter.invalid", Error, at(4, 10);
    invalid_grading: site().replace("\"oxford\"", "\"gradering\"")
        => "frontmatter.invalid", Error, at(6, 11);
    invalid_type: site().replace("template_version = \"10.0\"", "template_version = 10")
        => "frontmatter.invalid", Error, at(5, 20);
    invalid_ipdas: site().replace("\"qualifying\"", "\"godkendt\"")
        => "frontmatter.invalid", Error, at(29, 9);
    blank_planned_date: site().replace("planned = 2027-06-01", "planned = \"\"")
        => "frontmatter.bad-date", Error, at(14, 11);
    month_only_date: site().replace("date = 2024-02-01", "date = \"2024-02\"")
        => "frontmatter.bad-date", Error, at(10, 25);
    quoted_date: site().replace("planned = 2027-06-01", "planned = \"2027-06-01\"")
        => "frontmatter.bad-date", Error, at(14, 11);
    impossible_date: site().replace("planned = 2027-06-01", "planned = 2027-02-30")
        => "frontmatter.bad-date", Error, at(14, 11);
    date_without_leading_zeros: site().replace("planned = 2027-06-01", "planned = 2027-6-1")
        => "frontmatter.bad-date", Error, at(14, 11);
    date_with_time: site().replace("planned = 2027-06-01", "planned = 2027-06-01T10:00:00")
        => "frontmatter.bad-date", Error, at(14, 11);
    administrative_before_professional: site().replace("date = 2024-03-12", "date = 2024-01-12")
        => "dates.order", Error, at(11, 27);
    published_before_administrative: site().replace("keywords = [", "published = 2024-03-01\nkeywords = [")
        => "dates.order", Error, at(7, 13);
    approved_without_administrative_approval: site().replace("administrative = {", "# administrative = {")
        => "approval.missing", Error, at(4, 10);
    approved_without_professional_approval: site().replace("professional = {", "# professional = {")
        => "approval.missing", Error, at(4, 10);
    relative_alias: site().replace("keywords = [", "aliases = [\"lymfom/dlbcl\"]\nkeywords = [")
        => "alias.invalid", Error, at(7, 12);
    alias_to_another_site: site().replace("keywords = [", "aliases = [\"https://example.com/dlbcl/\"]\nkeywords = [")
        => "alias.invalid", Error, at(7, 12);
    alias_that_is_the_page_itself: site().replace("keywords = [", "aliases = [\"/dlg/dlbcl/\"]\nkeywords = [")
        => "alias.invalid", Error, at(7, 12);
    decision_aid_without_assessment_date: site().replace("ipdas_assessed = 2024-05-01\n", "")
        => "decision-aid.missing-assessment-date", Error, at(29, 9);
    decision_aid_for_an_unknown_recommendation: site().replace("recommendations = [2]", "recommendations = [7]")
        => "decision-aid.unknown-recommendation", Error, at(26, 20);
    control_character_in_title: site().replace("title = \"Diffust", "title = \"\\u001B]0;x\\u0007Diffust")
        => "frontmatter.control-character", Error, at(2, 9);
    decision_aid_over_http: site().replace("url = \"https://", "url = \"http://")
        => "link.insecure", Warning, at(24, 7);
    revision_overdue: site().replace("planned = 2027-06-01", "planned = 2026-06-01")
        => "revision.overdue", Warning, at(14, 11);
}

/// A planned revision before the approval is also in the past on any later day, so with the
/// usual clock it is overdue as well (a true second finding). Checked on a day before the
/// planned date, the order is the one finding.
#[test]
fn planned_revision_before_approval() {
    expect_one(
        site()
            .replace("planned = 2027-06-01", "planned = 2024-03-01")
            .today("2024-01-01"),
        MAIN,
        "dates.order",
        Error,
        at(14, 11),
    );
    let report = site()
        .replace("planned = 2027-06-01", "planned = 2024-03-01")
        .check_json();
    assert_eq!(
        report.summary(),
        [
            ("dates.order".to_owned(), at(14, 11)),
            ("revision.overdue".to_owned(), at(14, 11))
        ]
    );
}

#[test]
fn revision_overdue_needs_the_clock_past_the_planned_date() {
    site()
        .replace("planned = 2027-06-01", "planned = 2026-06-01")
        .today("2026-06-01")
        .check_json()
        .expect_clean();
}

#[test]
fn bad_date_messages_say_what_to_write() {
    site()
        .replace("planned = 2027-06-01", "planned = \"\"")
        .check_json()
        .single()
        .message_contains("blank");
    site()
        .replace("date = 2024-02-01", "date = \"2024-02\"")
        .check_json()
        .single()
        .message_contains("2024-02-01");
}

#[test]
fn the_same_alias_on_two_guidelines() {
    let with_alias = |text: &str| {
        text.replacen(
            "keywords = [",
            "aliases = [\"/lymfom/dlbcl/\"]\nkeywords = [",
            1,
        )
    };
    let report = site()
        .map(|text| with_alias(&text))
        .file("guidelines/dlg/dlbcl-aeldre.md", with_alias(VALID))
        .check_json();
    report
        .single()
        .expect("alias.invalid", Error, at(7, 12))
        .message_contains("also claimed by");
}

// ---------------------------------------------------------------------------------------
// Files and where they live
// ---------------------------------------------------------------------------------------

#[test]
fn unknown_group_folder() {
    let report = site()
        .file("guidelines/ukendt/dlbcl.md", VALID)
        .check_json();
    report
        .single()
        .expect("source.unknown-group", Error, Place::WholeFile)
        .in_file("guidelines/ukendt/dlbcl.md")
        .message_contains("ukendt")
        .help_contains("dbcg, dlg");
}

#[test]
fn bad_slug() {
    site()
        .file("guidelines/dlg/DLBCL_ny.md", VALID)
        .check_json()
        .single()
        .expect("source.bad-path", Error, Place::WholeFile)
        .in_file("guidelines/dlg/DLBCL_ny.md");
}

#[test]
fn links_out_of_the_site_are_not_followed() {
    let outside = tempfile::tempdir().expect("outside");
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "+++\ntitle = \"root:x:0:0 hemmelig\"\n+++\n").expect("write");
    std::fs::write(outside.path().join("plan.png"), b"\x89PNG").expect("write");
    let site = site().build();
    std::os::unix::fs::symlink(&secret, site.path("guidelines/dlg/laant.md")).expect("link");
    std::os::unix::fs::symlink(outside.path().join("plan.png"), {
        std::fs::create_dir_all(site.path("guidelines/dlg/dlbcl")).expect("mkdir");
        site.path("guidelines/dlg/dlbcl/plan.png")
    })
    .expect("link");
    let report = site.check_json(&[]);
    let outside_findings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "source.outside-site")
        .collect();
    assert_eq!(outside_findings.len(), 2, "{}", report.listing());
    assert!(
        !report.listing().contains("hemmelig"),
        "{}",
        report.listing()
    );
    report
        .diagnostics
        .iter()
        .find(|d| d.file.as_deref() == Some("guidelines/dlg/laant.md"))
        .expect("the link is named")
        .expect("source.outside-site", Error, Place::WholeFile);
    // A link that stays inside the site is read as usual.
    let inside = crate::support::site().dir("guidelines/dbcg").build();
    std::os::unix::fs::symlink(inside.path(MAIN), inside.path("guidelines/dbcg/kopi.md"))
        .expect("link");
    let report = inside.check_json(&[]);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.code != "source.outside-site"),
        "{}",
        report.listing()
    );
}

#[test]
fn guideline_outside_a_group_folder() {
    for path in ["guidelines/dlbcl.md", "guidelines/dlg/gammel/dlbcl.md"] {
        site()
            .file(path, VALID)
            .check_json()
            .single()
            .expect("source.bad-path", Error, Place::WholeFile)
            .in_file(path);
    }
}

#[test]
fn directory_named_like_a_guideline() {
    site()
        .dir("guidelines/dbcg/x.md")
        .check_json()
        .single()
        .expect("source.unreadable", Error, Place::WholeFile)
        .in_file("guidelines/dbcg/x.md");
}

#[test]
fn non_utf8_bytes() {
    let mut bytes = b"+++\ntitle = \"Brystkr".to_vec();
    bytes.extend_from_slice(&[0xe6, 0x66, 0x74]); // "æ" in Latin-1, then "ft"
    bytes.extend_from_slice(b"\"\n+++\n");
    // JSON has no line for it: the finding is about the whole file, the message says where.
    // It has no help line either (made in src/site.rs), hence `expect_without_help`.
    site()
        .file("guidelines/dbcg/latin1.md", bytes)
        .check_json()
        .single()
        .expect_without_help("source.unreadable", Error, Place::WholeFile)
        .in_file("guidelines/dbcg/latin1.md")
        .message_contains("UTF-8")
        .message_contains("line 2, column 17");
}

#[test]
fn missing_configuration() {
    let report = site().config(None).check_json();
    report
        .single()
        .expect("config.invalid", Error, Place::WholeFile)
        .in_file("retning.toml");
    assert_eq!(report.exit, Some(1));
}

#[test]
fn invalid_configuration() {
    let config = crate::support::CONFIG.replace("base_url", "base_ulr");
    site()
        .config(Some(&config))
        .check_json()
        .single()
        .expect("config.invalid", Error, at(2, 1))
        .in_file("retning.toml");
}

// ---------------------------------------------------------------------------------------
// The template's sections
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Recommendations and ::: containers
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// References and citations
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------

rule! {
    broken_guideline_link: site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/findes-ikke.md#udredning")
        => "link.broken", Error, at(72, 4);
    broken_anchor: site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#anbefaling-9")
        => "link.broken-anchor", Error, at(72, 4);
    broken_heading_anchor: site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#behandling")
        => "link.broken-anchor", Error, at(72, 4);
    duplicate_heading_id: site().replace(
        "# 7. Bilag\n",
        "# 7. Bilag\n\n## Bilag 1\n\nA.\n\n## Bilag 1\n\nB.\n",
    ) => "heading.duplicate-id", Error, at(91, 1);
    heading_takes_a_section_id: site().replace("# 7. Bilag\n", "# 7. Bilag\n\n## Metode\n")
        => "heading.duplicate-id", Error, at(87, 1);
    broken_anchor_to_an_appendix: site()
        .replace("# 7. Bilag\n", "# 7. Bilag\n\n## Bilag 1: Søgeprotokol\n\nSøgningen.\n")
        .replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#bilag-1")
        => "link.broken-anchor", Error, at(72, 4);
    http_link: site().replace("https://example.org/opfoelgning", "http://example.org/opfoelgning")
        => "link.insecure", Warning, at(72, 47);
    script_link: site().replace("https://example.org/opfoelgning", "javascript:alert(1)")
        => "link.unsafe-scheme", Error, at(72, 47);
}

#[test]
fn links_to_another_guideline_resolve() {
    let other = VALID.replacen(
        "[^cheson2014] [1b]",
        "[^cheson2014] [1b] ([se DLG](@/dlg/dlbcl.md#anbefaling-2))",
        1,
    );
    site()
        .file("guidelines/dbcg/brystkraeft.md", other)
        .check_json()
        .expect_clean();
}

#[test]
fn a_link_from_an_approved_guideline_to_a_draft_is_a_warning() {
    let draft = VALID.replace("status = \"approved\"", "status = \"draft\"");
    site()
        .replace("@/dlg/dlbcl.md#udredning", "@/dbcg/udkast.md#udredning")
        .file("guidelines/dbcg/udkast.md", draft)
        .check_json()
        .single()
        .expect("link.to-draft", Warning, at(72, 4))
        .in_file("guidelines/dlg/dlbcl.md");
}

#[test]
fn link_into_a_guideline_that_fails_to_load_is_not_reported_twice() {
    // The target exists but its front matter is broken: its own finding is the one to fix.
    let broken = VALID.replacen("title = \"Diffust", "title = Diffust", 1);
    let report = site()
        .replace(
            "@/dlg/dlbcl.md#udredning",
            "@/dbcg/brystkraeft.md#udredning",
        )
        .file("guidelines/dbcg/brystkraeft.md", broken)
        .check_json();
    report
        .single()
        .expect("frontmatter.syntax", Error, at(2, 9))
        .in_file("guidelines/dbcg/brystkraeft.md");
}

// ---------------------------------------------------------------------------------------
// Valid variations the rules must accept
// ---------------------------------------------------------------------------------------

#[test]
fn valid_variations_have_no_findings() {
    let variations: Vec<(&str, SiteBuilder)> =
        vec![
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
            "an unassessed decision aid needs no assessment date",
            site()
                .replace("\"qualifying\"", "\"not-assessed\"")
                .replace("ipdas_assessed = 2024-05-01\n", ""),
        ),
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
                .replace("Litteraturen er søgt systematisk.", "## Søgning\n\nSystematisk.")
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
        (
            "::: inside a code block is not a container",
            site().replace(
                "søgt systematisk.\n",
                "søgt systematisk.\n\n```\n:::\n::: anbefaling 9 (E)\n```\n",
            ),
        ),
        (
            "marker ny and a gap in the ids",
            site()
                .replace("::: anbefaling 2 (A-C) ændret", "::: anbefaling 5 (A-C) ny")
                .replace("recommendations = [2]", "recommendations = [5]"),
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
        (
            "CRLF line endings",
            site().map(|text| text.replace('\n', "\r\n")),
        ),
        (
            "a byte-order mark",
            site().map(|text| format!("\u{feff}{text}")),
        ),
        ("no guidelines at all", empty_site()),
    ];
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

// ---------------------------------------------------------------------------------------
// The patient pathway: phases, monitoring, further groups
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Coverage: every finding code has a fixture here
// ---------------------------------------------------------------------------------------

#[test]
fn every_code_has_a_fixture() {
    let codes_rs = include_str!("../../src/diagnostics/codes.rs");
    // The badge checks need a git history: their fixtures are in history/badges.rs.
    let this_file = [
        include_str!("check_rules.rs"),
        include_str!("history/badges.rs"),
    ]
    .concat();
    let codes: Vec<&str> = codes_rs
        .lines()
        .filter(|line| line.starts_with("pub const"))
        .filter_map(|line| line.split('"').nth(1))
        .collect();
    assert!(codes.len() > 40, "codes.rs changed shape: {codes:?}");
    let uncovered: Vec<&&str> = codes
        .iter()
        .filter(|code| !this_file.contains(&format!("\"{code}\"")))
        .collect();
    assert!(
        uncovered.is_empty(),
        "codes without a fixture: {uncovered:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Figures, attachments and tables
// ---------------------------------------------------------------------------------------

/// The header of a PNG of `width` × `height` (all an image-header reader needs), padded to
/// `bytes` bytes.
fn png(width: u32, height: u32, bytes: usize) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png.resize(bytes.max(png.len()), 0);
    png
}

/// The valid guideline showing `markdown` at line 81, column 35 (in *5. Metode*).
fn with_image(markdown: &str) -> SiteBuilder {
    site().replace(
        "Litteraturen er søgt systematisk.",
        &format!("Litteraturen er søgt systematisk. {markdown}"),
    )
}

const FIGURE: &str = "guidelines/dlg/dlbcl/figur.png";

rule! {
    asset_missing: with_image("![Figur](dlbcl/findes-ikke.png)")
        => "asset.missing", Error, at(81, 35);
    asset_outside_the_folder: with_image("![Figur](../dlbcl/figur.png)")
        => "asset.outside-folder", Error, at(81, 35);
    asset_absolute_path: with_image("[Bilag](/bilag.pdf)")
        => "asset.outside-folder", Error, at(81, 35);
    asset_name_not_url_safe: with_image("![Figur](dlbcl/Figur.PNG)").file("guidelines/dlg/dlbcl/Figur.PNG", png(4, 3, 64))
        => "asset.bad-name", Error, at(81, 35);
    image_without_alt_text: with_image("![](dlbcl/figur.png)").file(FIGURE, png(4, 3, 64))
        => "image.missing-alt", Error, at(81, 35);
    image_over_one_megabyte: with_image("![Figur](dlbcl/figur.png)").file(FIGURE, png(4, 3, 1_200_000))
        => "asset.large-image", Warning, at(81, 35);
    raw_html_outside_a_table: site().replace("Litteraturen er søgt systematisk.", "<div>Litteraturen.</div>")
        => "html.dropped", Warning, at(81, 1);
    table_attribute_outside_the_subset: site().replace(
        "Litteraturen er søgt systematisk.",
        "<table>\n<tr><td style=\"color:red\">1</td></tr>\n</table>",
    ) => "html.dropped", Warning, at(82, 9);
    duplicate_table_number: site().replace(
        "Litteraturen er søgt systematisk.",
        "Tabel 1: A\n\n| A |\n|---|\n| 1 |\n\nTabel 1: B\n<table><tr><td>x</td></tr></table>",
    ) => "table.duplicate-number", Warning, at(88, 1);
}

/// A finding about a file of the guideline's folder: the whole file, or a place in it.
#[track_caller]
fn expect_in(site: SiteBuilder, file: &str, code: &str, severity: Severity, place: Place) {
    site.check_json()
        .single()
        .expect(code, severity, place)
        .in_file(file);
}

#[test]
fn a_file_nobody_uses_is_a_warning_on_the_file() {
    expect_in(
        site().file(FIGURE, png(4, 3, 64)),
        FIGURE,
        "asset.unused",
        Warning,
        Place::WholeFile,
    );
}

#[test]
fn a_kind_of_file_the_site_does_not_publish_is_an_error() {
    let notes = "guidelines/dlg/dlbcl/noter.txt";
    expect_in(
        site().file(notes, "x"),
        notes,
        "asset.unsupported-type",
        Error,
        Place::WholeFile,
    );
}

#[test]
fn a_folder_without_its_guideline_is_an_error() {
    let file = "guidelines/dlg/andet/figur.png";
    expect_in(
        site().file(file, png(4, 3, 64)),
        "guidelines/dlg/andet",
        "asset.bad-place",
        Error,
        Place::WholeFile,
    );
}

#[test]
fn an_image_whose_size_cannot_be_read_is_an_error() {
    expect_in(
        site().file(FIGURE, "not a png"),
        FIGURE,
        "asset.unreadable",
        Error,
        Place::WholeFile,
    );
}

#[test]
fn an_svg_with_script_is_an_error_at_the_script() {
    let svg = "guidelines/dlg/dlbcl/flow.svg";
    let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <rect width=\"1\" height=\"1\"/>\n  <script>alert(1)</script>\n</svg>\n";
    expect_in(
        with_image("![Flow](dlbcl/flow.svg)").file(svg, text),
        svg,
        "asset.unsafe-svg",
        Error,
        at(3, 3),
    );
    // That one finding: the SVG is not reported missing where it is used as well.
}

#[test]
fn figures_attachments_and_tables_without_defects_have_no_findings() {
    with_image("![Figur](dlbcl/figur.png \"Figur 1: En figur\") [Bilag (PDF)](dlbcl/bilag.pdf) [Ekstern](https://example.org/x.png)")
        .file(FIGURE, png(4, 3, 64))
        .file("guidelines/dlg/dlbcl/bilag.pdf", "%PDF-1.4")
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\nTabel 1: Fusioner\n<table>\n<tr><th scope=\"col\" colspan=\"2\">A</th></tr>\n<tr><td rowspan=\"2\">1<br><sup>2</sup></td><td><em>x</em></td></tr>\n</table>\n",
        )
        .check_json()
        .expect_clean();
}

#[test]
fn the_format_guide_lists_every_code() {
    let codes_rs = include_str!("../../src/diagnostics/codes.rs");
    let guide = include_str!("../../docs/format.md");
    let missing: Vec<&str> = codes_rs
        .lines()
        .filter(|line| line.starts_with("pub const"))
        .filter_map(|line| line.split('"').nth(1))
        .filter(|code| !guide.contains(&format!("| `{code}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes missing from docs/format.md: {missing:?}"
    );
}

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
