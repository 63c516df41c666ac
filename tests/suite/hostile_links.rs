//! Links that could run script (`javascript:`, `data:`, `vbscript:`, however they are
//! spelled) are an error at the link and never reach a page: not in `build` output, and not
//! in the preview of a file with errors, which `serve` renders anyway.

use crate::support::Severity::Error;
use crate::support::{MAIN, SiteBuilder, at, site};

/// Where the hostile links go: after a paragraph of *Patientværdier og – præferencer*.
const ANCHOR: &str = "Patienterne foretrækker få undersøgelser.\n";

/// Every spelling the issue reports, each as its own paragraph, with the text that marks
/// where the finding points (the link's first character).
const HOSTILE: [(&str, &str); 10] = [
    ("[inline](javascript:alert(1))", "[inline]"),
    ("[reference][farlig]", "[reference]"),
    ("<javascript:alert(3)>", "<javascript:alert(3)>"),
    ("[entity](&#106;avascript:alert(4))", "[entity]"),
    ("[mixed](JaVaScRiPt:alert(5))", "[mixed]"),
    ("[tab](<\tjavascript:alert(6)>)", "[tab]"),
    ("[entity tab](&#9;javascript:alert(7))", "[entity tab]"),
    ("[data](data:text/html,<b>x</b>)", "[data]"),
    ("[vb](vbscript:msgbox(9))", "[vb]"),
    (
        "![billede](data:image/svg+xml,<svg/onload=alert(10)>)",
        "![billede]",
    ),
];

fn hostile_site() -> SiteBuilder {
    let paragraphs: String = HOSTILE
        .iter()
        .map(|(link, _)| format!("\n{link}\n"))
        .collect();
    site()
        .replace(
            ANCHOR,
            &format!("{ANCHOR}{paragraphs}\n[farlig]: javascript:alert(2)\n"),
        )
        .replace(
            "url = \"https://example.org/beslutningshjaelper/dlbcl-aeldre\"",
            "url = \" javascript:alert(11)\"",
        )
}

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

#[test]
fn every_spelling_of_a_script_link_is_an_error_at_the_link() {
    let builder = hostile_site();
    let text = builder.main_text().to_owned();
    let report = builder.check_json();
    let unsafe_links: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "link.unsafe-scheme")
        .collect();
    let mut expected: Vec<(usize, usize)> = HOSTILE
        .iter()
        .map(|(_, marker)| position(&text, marker))
        .collect();
    // The decision aid's URL, pointed at its value in the front matter.
    expected.push(position(&text, "\" javascript:alert(11)\""));
    expected.sort();
    let mut found: Vec<(usize, usize)> = unsafe_links
        .iter()
        .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)))
        .collect();
    found.sort();
    assert_eq!(found, expected, "{}", report.listing());
    for finding in &unsafe_links {
        let (line, column) = (finding.line.unwrap_or(0), finding.column.unwrap_or(0));
        finding
            .expect("link.unsafe-scheme", Error, at(line, column))
            .in_file(MAIN)
            .help_contains("https://");
    }
    assert!(
        unsafe_links
            .iter()
            .any(|d| d.message.contains("`data:`") || d.message.contains("uses `data:`")),
        "{}",
        report.listing()
    );
    assert_eq!(report.exit, Some(1));
}

#[test]
fn a_site_with_a_script_link_publishes_nothing() {
    let site = hostile_site().build();
    let output = site
        .retning()
        .args(["build", "--today", crate::support::TODAY])
        .output()
        .expect("run retning build");
    assert_eq!(output.status.code(), Some(1));
    assert!(!site.path("public").exists());
}

/// Every `href`/`src` value in `html`, entity-decoded as a browser reads it.
pub fn link_attributes(html: &str) -> Vec<String> {
    let mut values = Vec::new();
    for attribute in ["href=\"", "src=\"", "href='", "src='"] {
        let quote = &attribute[attribute.len() - 1..];
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find(quote).unwrap_or(rest.len());
            values.push(html_escape::decode_html_entities(&rest[..end]).into_owned());
            rest = &rest[end..];
        }
    }
    values
}

#[test]
fn built_pages_link_only_with_allowed_schemes() {
    let site = site().build();
    let output = site
        .retning()
        .args(["build", "--today", crate::support::TODAY])
        .output()
        .expect("run retning build");
    assert_eq!(output.status.code(), Some(0));
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.expect("walk public/");
        let Some(name) = entry.file_name().to_str() else {
            continue;
        };
        if !(name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".json")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read a page");
        assert!(
            !text.to_ascii_lowercase().contains("javascript:"),
            "{}",
            entry.path().display()
        );
        for value in link_attributes(&text) {
            assert!(
                retning::link_safety::is_allowed(&value),
                "{value:?} in {}",
                entry.path().display()
            );
        }
        pages += 1;
    }
    assert!(pages > 5, "only {pages} pages were checked");
}
