//! What the parts of a Word guideline become in the draft.

use super::*;
use crate::support::Severity::Error;
use crate::support::{Report, at, between, stderr};

/// What the importer writes for a table with merged cells holds its citations as `[^key]`
/// in the cells of the HTML table subset: they are citations like those in Markdown,
/// checked, numbered in order and linked both ways.
#[test]
fn citations_in_an_html_table_are_checked_and_link_to_their_references() {
    let table = "<table>\n<tbody>\n\
        <tr><td rowspan=\"2\">Solid [^barrington2014] [2b]</td><td>CT [^nope]</td></tr>\n\
        <tr><td title=\"[^cheson2014]\">Ingen</td></tr>\n</tbody>\n</table>";
    let site = crate::support::site()
        .replace("PET/CT er mere præcis end CT alene.", table)
        .build();
    let report = site.check_json(&[]);
    let findings: Vec<_> = report
        .summary()
        .into_iter()
        .filter(|(code, _)| code.starts_with("citation."))
        .collect();
    assert_eq!(findings, [("citation.undefined".to_owned(), at(70, 61))]);
    report
        .diagnostics
        .iter()
        .find(|f| f.code == "citation.undefined")
        .expect("the undefined citation")
        .expect("citation.undefined", Error, at(70, 61));

    // The build refuses errors: with the undefined citation gone, the page links.
    let path = site.path("guidelines/dlg/dlbcl.md");
    let text = std::fs::read_to_string(&path).expect("the guideline");
    std::fs::write(&path, text.replace("CT [^nope]", "CT")).expect("fixed");
    let page = build_page(&site, "dlg/dlbcl");
    let cell = between(&page, "<td rowspan=\"2\">", "</td>");
    assert_eq!(
        cell,
        "<td rowspan=\"2\">Solid <sup class=\"cite\"><a id=\"cite-barrington2014-2\" \
         href=\"#ref-barrington2014\">[2]</a></sup> [2b]</td>"
    );
    // A key inside an attribute is no citation, and the attribute is gone anyway.
    assert!(page.contains("<td>Ingen</td>"), "{page}");
    // The reference lists the table's citation among its back-links.
    assert!(page.contains("href=\"#cite-barrington2014-2\""), "{page}");
}

#[test]
fn a_tidy_oxford_guideline_imports_to_a_draft_check_accepts() {
    let site = site_with(&["oxford.docx"]).build();
    let output = import(
        &site,
        &["word/oxford.docx", "--group", "dlg", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    let file = &report["files"][0];
    let path = "guidelines/dlg/diffust-storcellet-b-celle-lymfom.md";
    assert_eq!(file["written"], path);
    assert_eq!(
        file["imported"],
        serde_json::json!({"recommendations": 3, "references": 5, "figures": 1, "tables": 2})
    );
    // Only the dropped table of contents is worth telling; check has nothing to say.
    assert_eq!(
        findings(&report),
        [finding("import.contents-dropped", "warning", None, " ¶14")]
    );
    assert_eq!(file["check"], serde_json::json!([]));

    let text = read(&site, path);
    insta::assert_snapshot!("import_oxford", text);
    let image =
        std::fs::read(site.path("guidelines/dlg/diffust-storcellet-b-celle-lymfom/image1.png"))
            .expect("the figure was copied into the asset folder");
    assert!(
        image.starts_with(b"\x89PNG"),
        "not the PNG from the Word file"
    );

    // The real check, run on its own, agrees.
    let checked = Report::from_output(&site.check(&["--format", "json"]));
    assert_eq!(checked.errors, 0, "{}", checked.listing());
}

const NUMBERED_PATH: &str = "guidelines/dnog/straalebehandling-af-hjernemetastaser.md";

/// `numbered.docx` imported into dnog, with `extra` arguments, as JSON: the report and the
/// draft written.
fn import_numbered(site: &Site, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["word/numbered.docx", "--group", "dnog"];
    args.extend_from_slice(extra);
    args.extend(["--format", "json"]);
    let output = import(site, &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (json(&output), read(site, NUMBERED_PATH))
}

#[test]
fn recommendations_in_words_automatic_numbering_keep_the_numbers_word_shows() {
    let site = site_with(&["numbered.docx"]).build();
    let (report, text) = import_numbered(&site, &[]);
    assert_eq!(report["files"][0]["imported"]["recommendations"], 3);
    let containers: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("::: anbefaling"))
        .collect();
    // Pandoc gives the third as a list of its own starting at 3 (Word carries the count on
    // across the topic heading).
    assert_eq!(
        containers,
        [
            "::: anbefaling 1 (A)",
            "::: anbefaling 2 (svag imod, lav)",
            "::: anbefaling 3 (A-C)",
        ]
    );
    assert!(
        text.contains("::: anbefaling 1 (A)\nAlle patienter bør have MR-skanning af hjernen\n:::"),
        "{text}"
    );
    assert_numbered_findings(&report, &text);
}

/// Every finding: the Quick guide, numbered the same way, was compared and only the drifted
/// strength is told, at its recommendation; GRADE among Oxford; the change log at the end.
#[track_caller]
fn assert_numbered_findings(report: &Value, text: &str) {
    assert_eq!(
        findings(report),
        [
            finding("import.mixed-grading", "error", Some(6), "-"),
            finding("import.missing-field", "warning", Some(7), "-"),
            finding(
                "import.renamed-heading",
                "warning",
                Some(17),
                "Nyt siden sidst ¶31"
            ),
            finding(
                "import.template-order",
                "warning",
                Some(17),
                "Nyt siden sidst ¶31"
            ),
            finding(
                "import.quick-guide-drift",
                "warning",
                Some(35),
                "1. Anbefalinger (Quick guide) ¶9"
            ),
            finding("import.authors-unread", "warning", Some(63), "-"),
        ]
    );
    let drift: Vec<_> = findings(report)
        .into_iter()
        .filter(|f| f.0 == "import.quick-guide-drift")
        .collect();
    let message = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "import.quick-guide-drift")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.starts_with("recommendation 2 has strength (svag for)"),
        "{message}"
    );
    assert_eq!(
        line_of(text, drift[0].2),
        "::: anbefaling 2 (svag imod, lav)"
    );
}

#[test]
fn a_url_map_turns_old_links_into_cross_links_and_old_addresses_into_aliases() {
    let map = r#"
"https://www.dmcg.dk/siteassets/dlcg/lunge.pdf" = "dlcg/lungekraeftscreening-med-lavdosis-ct"
"https://www.dmcg.dk/siteassets/dnog/hjernemetastaser.pdf" = "dnog/straalebehandling-af-hjernemetastaser"
"https://www.dmcg.dk/dnog?side=hjerne" = "dnog/straalebehandling-af-hjernemetastaser"
"#;
    let site = site_with(&["numbered.docx"])
        .file("word/url-map.toml", map.as_bytes().to_vec())
        .build();
    let (report, text) = import_numbered(&site, &["--url-map", "word/url-map.toml"]);
    let intro = text
        .lines()
        .find(|line| line.starts_with("Se "))
        .expect("the paragraph of links");
    assert_eq!(
        intro,
        "Se [retningslinjen om lungekræft](@/dlcg/lungekraeftscreening-med-lavdosis-ct.md), \
         [den om melanom](https://www.dmcg.dk/siteassets/dmg/melanom.pdf) og \
         [PubMed](https://pubmed.ncbi.nlm.nih.gov/27458945/)."
    );
    assert!(
        text.contains("\naliases = [\"/siteassets/dnog/hjernemetastaser.pdf\"]\n"),
        "{text}"
    );
    let told: Vec<_> = findings(&report)
        .into_iter()
        .filter(|f| f.0 == "import.unmapped-link" || f.0 == "import.bad-alias")
        .collect();
    assert_eq!(
        told,
        [
            finding("import.bad-alias", "warning", Some(8), "-"),
            finding(
                "import.unmapped-link",
                "warning",
                told.get(1).and_then(|f| f.2),
                "2. Introduktion ¶14"
            ),
        ]
    );
    assert_eq!(line_of(&text, told[1].2), intro);
    assert!(line_of(&text, told[0].2).starts_with("aliases = "));
}

/// A map that is no map is the tool's failure: exit 2, nothing written.
#[test]
fn a_url_map_naming_no_guideline_fails_and_nothing_is_written() {
    let site = site_with(&["numbered.docx"])
        .file(
            "word/url-map.toml",
            b"\"https://x.dk/a\" = \"dlg\"\n".to_vec(),
        )
        .build();
    let output = import(
        &site,
        &[
            "word/numbered.docx",
            "--group",
            "dnog",
            "--url-map",
            "word/url-map.toml",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("maps to `dlg`, which is no \"group/slug\""),
        "{}",
        stderr(&output)
    );
    assert!(!site.path("guidelines/dnog").exists());
}

const GRADE_PATH: &str = "guidelines/dlcg/lungekraeftscreening-med-lavdosis-ct.md";

#[test]
fn grade_bold_headings_merged_cells_and_images() {
    let (site, report) = import_grade();
    let text = read(&site, GRADE_PATH);
    let found = assert_grade_findings(&report, &text);
    assert_merged_cell_messages(&report);
    insta::assert_snapshot!("import_grade", text);
    assert_check_agrees_and_figures_are_copied(&site, &report, found[3].2);
    assert_grade_page_cites(&site, &text);
}

/// The GRADE fixture imported with a URL map that knows one old guideline address: the
/// site and the JSON report, whose counts are checked here.
fn import_grade() -> (Site, Value) {
    let map = "\"https://www.dmcg.dk/siteassets/dnog/hjernemetastaser.pdf\" = \"dnog/hjernemetastaser\"\n";
    let site = site_with(&["grade.docx"])
        .file("word/url-map.toml", map)
        .build();
    let output = import(
        &site,
        &[
            "word/grade.docx",
            "--group",
            "dlcg",
            "--url-map",
            "word/url-map.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["files"][0]["written"], GRADE_PATH);
    assert_eq!(
        report["files"][0]["imported"],
        serde_json::json!({"recommendations": 3, "references": 2, "figures": 3, "tables": 1})
    );
    (site, report)
}

/// Every finding of the GRADE import, each at the line where its subject stands in the
/// Markdown; returns them.
#[track_caller]
fn assert_grade_findings(report: &Value, text: &str) -> Vec<(String, String, Option<u64>, String)> {
    let found = findings(report);
    assert_eq!(
        found,
        [
            finding("import.title-guessed", "warning", Some(2), " ¶1"),
            finding(
                "import.changelog-unread",
                "warning",
                Some(17),
                "Nyt siden sidst (ændringslog) ¶9"
            ),
            finding(
                "import.ambiguous-citation",
                "warning",
                Some(41),
                "3. Grundlag › Litteratur og evidensgennemgang ¶23"
            ),
            finding(
                "import.image-without-alt",
                "error",
                Some(43),
                "3. Grundlag › Litteratur og evidensgennemgang ¶24"
            ),
            finding(
                "import.unsupported-content",
                "warning",
                Some(47),
                "3. Grundlag › Litteratur og evidensgennemgang ¶27"
            ),
            finding(
                "import.unsupported-content",
                "warning",
                Some(47),
                "3. Grundlag › Litteratur og evidensgennemgang ¶27"
            ),
            finding(
                "import.unsupported-content",
                "warning",
                Some(47),
                "3. Grundlag › Litteratur og evidensgennemgang ¶27"
            ),
            finding(
                "import.authors-unread",
                "warning",
                Some(109),
                "8. Om denne kliniske retningslinje ¶53"
            ),
        ]
    );
    // Each line is where the finding's subject stands in the Markdown.
    assert_eq!(
        line_of(text, found[0].2),
        "title = \"Lungekræftscreening med lavdosis-CT\""
    );
    assert_eq!(line_of(text, found[1].2), "# Nyt siden sidst (ændringslog)");
    // A Danish decimal or two citations: kept as written, and told.
    assert_eq!(
        line_of(text, found[2].2),
        "To store randomiserede studier viste lavere dødelighed (1,2)."
    );
    assert!(line_of(text, found[3].2).starts_with("![]("), "{text}");
    assert_eq!(line_of(text, found[4].2), "<table>");
    assert_eq!(
        line_of(text, found[7].2),
        "# 8. Om denne kliniske retningslinje"
    );
    found
}

/// The image in a merged cell is below the table and the links are text (the table subset
/// holds neither), the old guideline address mapped; the report names each.
#[track_caller]
fn assert_merged_cell_messages(report: &Value) {
    let messages: Vec<&str> = report["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "import.unsupported-content")
        .map(|f| f["message"].as_str().expect("a message"))
        .collect();
    assert_eq!(
        messages,
        [
            "a table with merged cells holds no images, so the image `Skitse af en solid knude` \
             in it was written below the table; move it where it belongs",
            "a table with merged cells holds no links, so this one was written as text: \
             `Fleischner` → https://pubmed.ncbi.nlm.nih.gov/28240562/; link it in the text next \
             to the table",
            "a table with merged cells holds no links, so this one was written as text: \
             `hjernemetastaser` → @/dnog/hjernemetastaser.md; link it in the text next to the \
             table",
        ]
    );
}

/// Check agrees about the image without alt text, at the same line (`line`); nothing else.
/// The three figures are in the guideline's folder.
#[track_caller]
fn assert_check_agrees_and_figures_are_copied(site: &Site, report: &Value, line: Option<u64>) {
    let check = report["files"][0]["check"]
        .as_array()
        .expect("check findings");
    let check: Vec<_> = check
        .iter()
        .map(|f| (f["code"].as_str(), f["line"].as_u64()))
        .collect();
    assert_eq!(check, [(Some("image.missing-alt"), line)]);
    for image in ["image1.png", "image2.png", "image3.png"] {
        assert!(
            site.path(&format!(
                "guidelines/dlcg/lungekraeftscreening-med-lavdosis-ct/{image}"
            ))
            .is_file(),
            "{image}"
        );
    }
}

/// Built (once the missing alt text is written), the citations in the caption and the
/// merged cells are citation links; the decimal-shaped `(1,5 cm)` beside them is text.
#[track_caller]
fn assert_grade_page_cites(site: &Site, text: &str) {
    let page_path = site.path(GRADE_PATH);
    std::fs::write(
        &page_path,
        text.replacen("![](", "![Screeningsforløbet](", 1),
    )
    .expect("fixed");
    let page = build_page(site, "dlcg/lungekraeftscreening-med-lavdosis-ct");
    assert_eq!(
        between(&page, "<caption>", "</caption>"),
        "<caption>Tabel 1: Fund og opfølgning <sup class=\"cite\"><a id=\"cite-2-1\" \
         href=\"#ref-2\">[2]</a></sup></caption>"
    );
    let merged = between(&page, "<td rowspan=\"2\">", "</td>");
    assert_eq!(
        merged,
        "<td rowspan=\"2\">Solid knude <sup class=\"cite\"><a id=\"cite-1-2\" \
         href=\"#ref-1\">[1]</a></sup> over (1,5 cm)</td>"
    );
    let beside = between(&page, "<td>CT efter", "</td>");
    assert!(
        beside.starts_with(
            "<td>CT efter 6-12 måneder <sup class=\"cite\"><a id=\"cite-1-3\" href=\"#ref-1\">[1]</a></sup>\
             <sup class=\"cite\"><a id=\"cite-2-2\" href=\"#ref-2\">[2]</a></sup> Se Fleischner"
        ),
        "{beside}"
    );
}
