//! The text patterns of the Word template, compiled once.

use std::sync::LazyLock;

use regex::Regex;

/// Compiles a pattern written in this module. Every pattern is compiled by the unit test
/// below, so a typo fails the tests and never a user's run.
#[allow(clippy::expect_used)]
fn compiled(pattern: &str) -> Regex {
    Regex::new(pattern).expect("the importer's patterns are tested")
}

/// `Figur 3: Forløb …` (also `Fig. 3.` and `Figur 3 –`).
pub(super) static FIGURE_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^(?i:figur|fig\.)\s*(\d+)\s*[:.\-–—]?\s*(.*)$"));

/// `Tabel 2: Stadieinddeling …`.
pub(super) static TABLE_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^(?i:tabel)\s*(\d+)\s*[:.\-–—]?\s*(.*)$"));

/// A recommendation: its number, text and the strength in the last parentheses:
/// `3. Patienter … bør tilbydes … (A-C)`.
pub(super) static RECOMMENDATION: LazyLock<Regex> = LazyLock::new(|| {
    compiled(r"^(?:(?i:anbefaling)\s+)?(\d{1,3})\s*[.)]?\s+(.+?)\s*\(([^()]+)\)\s*\.?$")
});

/// An Oxford strength: a letter or a range (`A`, `A-C`, `A–C`).
pub(super) static OXFORD: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^([A-D])(?:\s*[-–—]\s*([A-D]))?$"));

/// A GRADE strength as the template words it, optionally with the certainty of evidence.
pub(super) static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    compiled(
        r"^(?i)(stærk|svag)\s+anbefaling\s+(for|imod)(?:\s*[,;]\s*(høj|moderat|lav|meget lav)(?:\s+(?:evidens)?(?:kvalitet|sikkerhed))?)?$",
    )
});

/// "God praksis" (good practice, no grading).
pub(super) static GOOD_PRACTICE: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^(?i)god\s+praksis$"));

/// Citations in running text: `(1)`, `(2,3)`, `(4-6)`, `(2, 5–7)`.
pub(super) static CITATION: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"\((\d{1,4}(?:\s*[,–—-]\s*\d{1,4})*)\)"));

/// A list that reads as a Danish decimal number or interval as well: `1,5`, `1,2-4,5`
/// (a comma with a digit right after it; citation lists beyond two numbers never read so).
pub(super) static DECIMAL_SHAPED: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^\d+,\d+(?:\s*[-–—]\s*\d+,\d+)?$"));

/// An evidence level at the start of the text after a citation, escaped (Markdown) or not
/// (a table cell's HTML): ` \[1b\]`, ` [1b]`.
pub(super) static LEVEL_AFTER: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^\s*\\?\[(?:1a|1b|2a|2b|3a|3b|4|5)\\?\]"));

/// An evidence level after a citation, which the Markdown writer escaped: `\[1b\]`.
pub(super) static ESCAPED_LEVEL: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"\\\[(1a|1b|2a|2b|3a|3b|4|5)\\\]"));

/// A numbered reference written as text: `12. Cheson BD …`, `[12] Cheson …`, `12) …`.
pub(super) static NUMBERED_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"^(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+(.+)$"));

/// `Version 2.1`, `Version: 2.1`.
pub(super) static VERSION: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"(?i)^version\s*:?\s*(\d+(?:\.\d+)*)"));

/// `Skabelon v. 10.0`, `Skabelon version 9.2`.
pub(super) static TEMPLATE_VERSION: LazyLock<Regex> =
    LazyLock::new(|| compiled(r"(?i)skabelon\s*(?:v\.|version|v)\s*(\d+(?:\.\d+)*)"));

/// The parenthesised body after a date: `(DLG)`.
pub(super) static PARENTHESISED: LazyLock<Regex> = LazyLock::new(|| compiled(r"\(([^()]+)\)\s*$"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_reads_the_template() {
        assert!(FIGURE_CAPTION.is_match("Figur 2: Forløb"));
        assert!(TABLE_CAPTION.is_match("Tabel 1. Stadier"));
        let rec = RECOMMENDATION
            .captures("12. Patienter bør tilbydes (1) PET/CT (A-C)")
            .unwrap();
        assert_eq!(
            (&rec[1], &rec[2], &rec[3]),
            ("12", "Patienter bør tilbydes (1) PET/CT", "A-C")
        );
        assert!(OXFORD.is_match("A–C"));
        assert!(GRADE.is_match("Svag anbefaling imod, lav"));
        assert!(GRADE.is_match("Stærk anbefaling for"));
        assert!(GOOD_PRACTICE.is_match("God praksis"));
        assert!(CITATION.is_match("vist (2, 5–7)"));
        assert!(ESCAPED_LEVEL.is_match(r"\[1b\]"));
        assert!(DECIMAL_SHAPED.is_match("1,5") && DECIMAL_SHAPED.is_match("1,2 – 4,5"));
        assert!(!DECIMAL_SHAPED.is_match("1, 5") && !DECIMAL_SHAPED.is_match("1,2,3"));
        assert!(LEVEL_AFTER.is_match(r" \[1b\].") && LEVEL_AFTER.is_match(" [2a]"));
        assert!(NUMBERED_REFERENCE.is_match("[3] Cheson"));
        assert!(VERSION.is_match("Version 2.1"));
        assert!(TEMPLATE_VERSION.is_match("Skabelon v. 10.0"));
        assert!(PARENTHESISED.is_match("3. marts 2025 (DLG)"));
    }
}
