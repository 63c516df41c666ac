//! Real guideline content: headings with ids and the nested "on this page" navigation,
//! figures and attachments beside the guideline, and tables.

use crate::support::Severity::Error;
use crate::support::{Site, TODAY, at, site, stderr};

fn build(site: &Site) -> String {
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::read_to_string(site.path("public/dlg/dlbcl/index.html")).expect("the page")
}

/// The part of `html` from the first `start` up to the next `end` (inclusive).
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let to = html[from..]
        .find(end)
        .map_or(html.len(), |i| from + i + end.len());
    &html[from..to]
}

#[test]
fn every_heading_has_an_id_and_a_place_in_the_nested_navigation() {
    let site = site()
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n## Bilag 1: Søgeprotokol\n\nPubMed.\n\n### Søgestrategi\n\nOrd.\n\n## Bilag 2\n\nTo.\n",
        )
        .replace("Litteraturen er søgt systematisk.", "## Søgning\n\nSystematisk.")
        .replace(
            "### Rationale\n\nPET/CT",
            "### Rationale\n\n#### Dosering\n\nPET/CT",
        )
        .build();
    let page = build(&site);
    for id in [
        "bilag-1-soegeprotokol",
        "soegestrategi",
        "bilag-2",
        "soegning",
        "dosering",
    ] {
        assert!(page.contains(&format!(" id=\"{id}\"")), "no heading #{id}");
    }
    insta::assert_snapshot!(
        "on_this_page",
        between(&page, "<nav class=\"toc\"", "</nav>")
    );
}

#[test]
fn a_duplicate_heading_id_names_both_lines() {
    site()
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n## Bilag 1\n\nA.\n\n## Bilag 1\n\nB.\n",
        )
        .check_json()
        .single()
        .expect("heading.duplicate-id", Error, at(91, 1))
        .message_contains("line 87");
}
