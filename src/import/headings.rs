//! Headings recognised by their text, never by their numbers or Word styles: real files lose
//! Word's automatic numbering and often use a bold paragraph where a heading belongs.

/// The nine template sections, in the current template's order, as retning writes them.
pub(super) const TEMPLATE: [&str; 9] = [
    "Nyt siden sidst (ændringslog)",
    "1. Anbefalinger (Quick guide)",
    "2. Introduktion",
    "3. Grundlag",
    "4. Referencer",
    "5. Metode",
    "6. Monitorering",
    "7. Bilag",
    "8. Om denne kliniske retningslinje",
];

pub(super) const CHANGELOG: usize = 0;
pub(super) const QUICK_GUIDE: usize = 1;
pub(super) const GRUNDLAG: usize = 3;
pub(super) const REFERENCES: usize = 4;
pub(super) const ABOUT: usize = 8;

/// Each section's current title (without its number) and the titles older templates used.
const SECTION_TITLES: [(&str, &[&str]); 9] = [
    (
        "nyt siden sidst (ændringslog)",
        &["nyt siden sidst", "ændringslog", "nyt siden sidste version"],
    ),
    (
        "anbefalinger (quick guide)",
        &["anbefalinger (quickguide)", "quick guide", "anbefalinger"],
    ),
    ("introduktion", &["indledning"]),
    ("grundlag", &[]),
    (
        "referencer",
        &["referenceliste", "litteratur", "litteraturliste"],
    ),
    ("metode", &["metoder"]),
    (
        "monitorering",
        &["monitoreringsplan", "monitorering og kvalitetssikring"],
    ),
    ("bilag", &[]),
    ("om denne kliniske retningslinje", &[]),
];

/// A heading that names a template section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SectionHeading {
    pub(crate) index: usize,
    /// The Word file uses an older title for it.
    pub(crate) renamed: bool,
}

/// The table of contents: Word's field, which pandoc reads as plain text.
pub(super) fn is_table_of_contents(text: &str) -> bool {
    matches!(normalise(text).as_str(), "indholdsfortegnelse" | "indhold")
}

pub(super) fn section(text: &str) -> Option<SectionHeading> {
    let key = normalise(text);
    SECTION_TITLES
        .iter()
        .enumerate()
        .find_map(|(index, (current, older))| {
            if key == normalise(current) {
                Some(SectionHeading {
                    index,
                    renamed: false,
                })
            } else if older.iter().any(|old| key == normalise(old)) {
                Some(SectionHeading {
                    index,
                    renamed: true,
                })
            } else {
                None
            }
        })
}

/// The four evidence sub-sections of a topic under *Grundlag*, as retning writes them.
pub(super) const SUBSECTIONS: [&str; 4] = [
    "Litteratur og evidensgennemgang",
    "Patientværdier og – præferencer",
    "Rationale",
    "Bemærkninger og overvejelser",
];

/// The sub-section a heading names, by its index in [`SUBSECTIONS`].
pub(super) fn subsection(text: &str) -> Option<usize> {
    let key = normalise(text);
    SUBSECTIONS.iter().position(|title| key == normalise(title))
}

/// "Forfattere og habilitet" under *Om denne kliniske retningslinje*.
pub(super) fn is_authors(text: &str) -> bool {
    let key = normalise(text);
    key == "forfattere og habilitet" || key == "forfattere"
}

/// Lower case, the leading number and any dashes and runs of white space taken out, so
/// "3. Grundlag", "GRUNDLAG" and "Patientværdier og -præferencer" compare as they read.
pub(super) fn normalise(text: &str) -> String {
    let text = text.trim();
    let without_number = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let without_number = if without_number.len() < text.len() && without_number.starts_with(' ') {
        without_number
    } else {
        text
    };
    without_number
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | '—'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_their_text() {
        assert_eq!(section("3. Grundlag").map(|s| s.index), Some(GRUNDLAG));
        assert_eq!(section("GRUNDLAG").map(|s| s.index), Some(GRUNDLAG));
        assert_eq!(
            section("6. Monitoreringsplan"),
            Some(SectionHeading {
                index: 6,
                renamed: true
            })
        );
        assert_eq!(
            section("Anbefalinger (Quick guide)").map(|s| s.index),
            Some(1)
        );
        assert_eq!(section("Udredning"), None);
        // A number that is part of the title is not a section number.
        assert_eq!(section("2020-strategien"), None);
    }

    #[test]
    fn subsections_ignore_dashes() {
        assert_eq!(subsection("Patientværdier og -præferencer"), Some(1));
        assert_eq!(subsection("Patientværdier og – præferencer"), Some(1));
        assert_eq!(subsection("rationale"), Some(2));
    }
}
