//! The parser's and the template's findings in Danish and in English: each family (front
//! matter, aliases, `:::` containers, recommendation headers, headings and the template,
//! citations, links) as `retning check` prints it with `--lang da` and `--lang en`.
//! Codes, places and exit codes do not change with the language; the words do.

use crate::support::{Site, SiteBuilder, VALID, site, stderr, stdout};

/// The human rendering in `language`, with the site's folder replaced by `[ROOT]`.
fn human(site: &Site, language: &str) -> String {
    let output = site.check(&["--lang", language]);
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let root = site.root().to_string_lossy().into_owned();
    stdout(&output).replace(&root, "[ROOT]")
}

/// Snapshots `name_da` and `name_en`, and checks both name the same codes at the same places.
fn both_languages(name: &str, builder: SiteBuilder) {
    let site = builder.build();
    let danish = human(&site, "da");
    let english = human(&site, "en");
    let places = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| line.contains("╭─[") || line.contains('.') && !line.contains(' '))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(places(&danish), places(&english));
    assert_ne!(danish, english);
    insta::assert_snapshot!(format!("{name}_da"), danish);
    insta::assert_snapshot!(format!("{name}_en"), english);
}

/// The valid guideline with `from` replaced by `to` (each exactly once), as another file.
fn variant(replacements: &[(&str, &str)]) -> String {
    replacements
        .iter()
        .fold(VALID.to_owned(), |text, (from, to)| {
            assert_eq!(text.matches(from).count(), 1, "{from}");
            text.replacen(from, to, 1)
        })
}

/// One front-matter defect per file (TOML stops at the first), and an alias that takes
/// the search page's address.
#[test]
fn front_matter_and_aliases() {
    both_languages(
        "front_matter",
        site()
            .replace("status = \"approved\"", "status = \"godkendt\"")
            .file(
                "guidelines/dlg/maaned.md",
                variant(&[("planned = 2027-06-01", "planned = \"2027-06\"")]),
            )
            .file(
                "guidelines/dlg/tal.md",
                variant(&[("planned = 2027-06-01", "planned = 2027")]),
            )
            .file("guidelines/dlg/tom.md", "")
            .file(
                "guidelines/dlg/noegle.md",
                variant(&[("\nversion = ", "\nverison = ")]),
            )
            .file(
                "guidelines/dlg/aaben.md",
                variant(&[("+++\n\n# Nyt siden sidst", "\n# Nyt siden sidst")]),
            )
            .file(
                "guidelines/dlg/alias.md",
                variant(&[(
                    "grading = \"oxford\"\n",
                    "grading = \"oxford\"\naliases = [\"/soeg/\"]\n",
                )]),
            ),
    );
}

/// Containers that are no recommendation or close nothing, and recommendation headers with
/// a reversed range, an unknown marker and an unknown attribute.
#[test]
fn containers_and_recommendation_headers() {
    both_languages(
        "recommendations",
        site()
            .replace(
                "er den hyppigste form for lymfom hos voksne.\n",
                "er den hyppigste form for lymfom hos voksne.\n\n::: note\nEn bemærkning.\n:::\n",
            )
            .replace(
                "::: anbefaling 1 (B)",
                "::: anbefaling 1 (B) nyt {farve=rød}",
            )
            .replace("(A-C) ændret", "(C-A) ændret")
            .replace(
                "PET/CT er mere præcis end CT alene.\n",
                "PET/CT er mere præcis end CT alene.\n:::\n",
            ),
    );
}

/// Text before the first section, two headings with one id, an evidence level Oxford does
/// not have, and a link no page may carry.
#[test]
fn template_headings_citations_and_links() {
    both_languages(
        "body",
        site()
            .replace(
                "+++\n\n# Nyt siden sidst",
                "+++\n\nEn indledning uden afsnit.\n\n# Nyt siden sidst",
            )
            .replace(
                "er den hyppigste form for lymfom hos voksne.\n",
                "er den hyppigste form for lymfom hos voksne.\n\n## Forekomst\n\nTekst.\n\n## Forekomst\n\nMere tekst.\n",
            )
            .replace("[2b]", "[2c]")
            .replace("https://example.org/opfoelgning", "javascript:alert(1)"),
    );
}

/// A GRADE guideline gets GRADE's help; the Danish help names the Danish certainty words.
#[test]
fn a_strength_from_the_other_scheme() {
    let site = site()
        .replace("grading = \"oxford\"", "grading = \"grade\"")
        .replace("(A-C) ændret", "(stærk for, usikker) ændret")
        .build();
    let danish = human(&site, "da");
    assert!(
        danish.contains("`B` er en Oxford-styrke, men retningslinjen graderer efter GRADE"),
        "{danish}"
    );
    assert!(
        danish.contains("`usikker` er ikke en GRADE-evidenskvalitet"),
        "{danish}"
    );
    assert!(
        danish.contains("hjælp: med grading = \"grade\" skrives stærk for"),
        "{danish}"
    );
    let english = human(&site, "en");
    assert!(
        english.contains("`B` is an Oxford strength, but this guideline uses GRADE"),
        "{english}"
    );
    assert!(
        english.contains("help: with grading = \"grade\" write"),
        "{english}"
    );
}
