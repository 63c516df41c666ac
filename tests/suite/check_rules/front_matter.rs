//! Front matter: keys, dates, status, aliases.

use crate::support::Severity::{Error, Warning};
use crate::support::{MAIN, VALID, at, site};

use super::expect_one;

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
