//! The template's section and evidence sub-section kinds, and how a heading's title is
//! matched to them.

/// The nine sections of the DMCG template, in the template's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SectionKind {
    Changelog,
    QuickGuide,
    Introduction,
    Grundlag,
    References,
    Method,
    Monitoring,
    Appendix,
    About,
}

impl SectionKind {
    pub(crate) const ALL: [SectionKind; 9] = [
        Self::Changelog,
        Self::QuickGuide,
        Self::Introduction,
        Self::Grundlag,
        Self::References,
        Self::Method,
        Self::Monitoring,
        Self::Appendix,
        Self::About,
    ];

    /// The heading exactly as the template writes it.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Self::Changelog => "Nyt siden sidst (ændringslog)",
            Self::QuickGuide => "1. Anbefalinger (Quick guide)",
            Self::Introduction => "2. Introduktion",
            Self::Grundlag => "3. Grundlag",
            Self::References => "4. Referencer",
            Self::Method => "5. Metode",
            Self::Monitoring => "6. Monitorering",
            Self::Appendix => "7. Bilag",
            Self::About => "8. Om denne kliniske retningslinje",
        }
    }

    /// The stable anchor of the section on the page.
    pub(crate) fn anchor(self) -> &'static str {
        match self {
            Self::Changelog => "nyt-siden-sidst",
            Self::QuickGuide => "quick-guide",
            Self::Introduction => "introduktion",
            Self::Grundlag => "grundlag",
            Self::References => "referencer",
            Self::Method => "metode",
            Self::Monitoring => "monitorering",
            Self::Appendix => "bilag",
            Self::About => "om-retningslinjen",
        }
    }

    /// Sections the template allows to be empty (the Quick guide must be).
    pub(crate) fn may_be_empty(self) -> bool {
        matches!(self, Self::QuickGuide | Self::Monitoring | Self::Appendix)
    }

    pub(crate) fn from_title(title: &str) -> Option<Self> {
        let wanted = normalize_title(title);
        Self::ALL
            .into_iter()
            .find(|kind| normalize_title(kind.title()) == wanted)
    }

    /// The section a heading that is not a template title was meant to be: the title it is
    /// most like ("Anbefalinger (Quickguide)"), or the section with its number
    /// ("2. Indledning").
    pub(crate) fn near_miss(title: &str) -> Option<Self> {
        closest_title(title, Self::ALL.iter().map(|k| (*k, k.title()))).or_else(|| {
            let (number, _) = title.split_once('.')?;
            let number = number.trim();
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Self::ALL
                .into_iter()
                .find(|k| k.title().split_once('.').is_some_and(|(n, _)| n == number))
        })
    }
}

/// How alike two titles must be (0–1) to take one for the other.
const NEAR_MISS: f64 = 0.6;

/// The candidate whose title is most like `title`, if it is alike enough to be a misspelling.
pub(crate) fn closest_title<K: Copy>(
    title: &str,
    candidates: impl Iterator<Item = (K, &'static str)>,
) -> Option<K> {
    let wanted = normalize_title(title).to_lowercase();
    candidates
        .map(|(kind, candidate)| {
            let score =
                strsim::normalized_levenshtein(&wanted, &normalize_title(candidate).to_lowercase());
            (kind, score)
        })
        .filter(|(_, score)| *score >= NEAR_MISS)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(kind, _)| kind)
}

/// The four evidence sub-sections every topic with recommendations has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SubSectionKind {
    Evidence,
    PatientValues,
    Rationale,
    Remarks,
}

impl SubSectionKind {
    pub(crate) const ALL: [SubSectionKind; 4] = [
        Self::Evidence,
        Self::PatientValues,
        Self::Rationale,
        Self::Remarks,
    ];

    pub(crate) fn title(self) -> &'static str {
        match self {
            Self::Evidence => "Litteratur og evidensgennemgang",
            Self::PatientValues => "Patientværdier og – præferencer",
            Self::Rationale => "Rationale",
            Self::Remarks => "Bemærkninger og overvejelser",
        }
    }

    pub(crate) fn anchor_suffix(self) -> &'static str {
        match self {
            Self::Evidence => "litteratur",
            Self::PatientValues => "patientvaerdier",
            Self::Rationale => "rationale",
            Self::Remarks => "bemaerkninger",
        }
    }

    pub(crate) fn from_title(title: &str) -> Option<Self> {
        let wanted = normalize_title(title);
        Self::ALL
            .into_iter()
            .find(|kind| normalize_title(kind.title()) == wanted)
    }
}

/// Headings match up to white space and dash variants (`-`, `–`, `—`).
pub(crate) fn normalize_title(title: &str) -> String {
    let dashes_unified: String = title
        .chars()
        .map(|c| {
            if matches!(c, '–' | '—' | '‐' | '‑' | '−') {
                '-'
            } else {
                c
            }
        })
        .collect();
    // "og – præferencer" and "og -præferencer" are the same title.
    dashes_unified
        .replace('-', " - ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_up_to_space_and_dashes() {
        assert_eq!(
            SectionKind::from_title("3.  Grundlag"),
            Some(SectionKind::Grundlag)
        );
        assert_eq!(
            SubSectionKind::from_title("Patientværdier og - præferencer"),
            Some(SubSectionKind::PatientValues)
        );
        assert_eq!(
            SubSectionKind::from_title("Patientværdier og —præferencer"),
            Some(SubSectionKind::PatientValues)
        );
        assert_eq!(
            SectionKind::from_title("1. Anbefalinger (Quickguide)"),
            None
        );
    }
}
