//! Strength of a recommendation, in the guideline's grading scheme, and Oxford evidence levels
//! of cited studies.

use serde::Deserialize;

/// The grading scheme a guideline uses, from its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grading {
    Oxford,
    Grade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum OxfordLetter {
    A,
    B,
    C,
    D,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GradeDirection {
    StrongFor,
    WeakFor,
    WeakAgainst,
    StrongAgainst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Certainty {
    High,
    Moderate,
    Low,
    VeryLow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// A letter, or a range `from-to` with `from < to`.
    Oxford {
        from: OxfordLetter,
        to: Option<OxfordLetter>,
    },
    Grade {
        direction: GradeDirection,
        certainty: Option<Certainty>,
    },
    GoodPractice,
}

/// Why a strength does not parse, as data: the parser words it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StrengthError {
    /// A GRADE strength in an Oxford guideline.
    GradeInOxford(String),
    /// An Oxford strength in a GRADE guideline.
    OxfordInGrade(String),
    /// An Oxford range from the weaker to the stronger letter (`C-A`), or from a letter to
    /// itself.
    ReversedRange {
        stronger: OxfordLetter,
        weaker: OxfordLetter,
    },
    /// A GRADE direction with a certainty that is none of GRADE's four.
    UnknownCertainty(String),
    /// Nothing either scheme knows.
    NotAStrength(String),
}

/// What [`parse_oxford`] and [`parse_grade`] found wrong, when the text looked like their
/// scheme.
enum Near {
    Reversed(OxfordLetter, OxfordLetter),
    Certainty(String),
}

impl Strength {
    /// Parses the text between the parentheses of `::: anbefaling N (…)`. Case-insensitive.
    pub(crate) fn parse(text: &str, grading: Grading) -> Result<Self, StrengthError> {
        let normalized = normalize(text);
        let oxford = parse_oxford(&normalized);
        let grade = parse_grade(&normalized);
        let written = || text.trim().to_owned();
        match (grading, oxford, grade) {
            (Grading::Oxford, Ok(strength), _) | (Grading::Grade, _, Ok(strength)) => Ok(strength),
            (Grading::Oxford, Err(_), Ok(_)) => Err(StrengthError::GradeInOxford(written())),
            (Grading::Grade, Ok(_), Err(_)) => Err(StrengthError::OxfordInGrade(written())),
            (Grading::Oxford, Err(near), Err(_)) | (Grading::Grade, Err(_), Err(near)) => {
                Err(match near {
                    Some(Near::Reversed(from, to)) => StrengthError::ReversedRange {
                        stronger: from.min(to),
                        weaker: from.max(to),
                    },
                    Some(Near::Certainty(certainty)) => StrengthError::UnknownCertainty(certainty),
                    None => StrengthError::NotAStrength(written()),
                })
            }
        }
    }

    /// The strength as shown on a badge: `A`, `A-C`, `Stærk for, lav`, `God praksis`.
    pub(crate) fn label(&self) -> String {
        match self {
            Self::Oxford { from, to: None } => from.letter().to_string(),
            Self::Oxford { from, to: Some(to) } => format!("{}-{}", from.letter(), to.letter()),
            Self::Grade {
                direction,
                certainty,
            } => {
                let direction = match direction {
                    GradeDirection::StrongFor => "Stærk for",
                    GradeDirection::WeakFor => "Svag for",
                    GradeDirection::WeakAgainst => "Svag imod",
                    GradeDirection::StrongAgainst => "Stærk imod",
                };
                match certainty {
                    Some(c) => format!("{direction}, {}", c.label()),
                    None => direction.to_owned(),
                }
            }
            Self::GoodPractice => "God praksis".to_owned(),
        }
    }

    /// The anchor on the strength page that explains this strength.
    pub(crate) fn explanation_anchor(&self) -> &'static str {
        match self {
            Self::Oxford { from, to: Some(_) } | Self::Oxford { from, to: None } => match from {
                OxfordLetter::A => "oxford-a",
                OxfordLetter::B => "oxford-b",
                OxfordLetter::C => "oxford-c",
                OxfordLetter::D => "oxford-d",
            },
            Self::Grade { direction, .. } => match direction {
                GradeDirection::StrongFor => "grade-staerk-for",
                GradeDirection::WeakFor => "grade-svag-for",
                GradeDirection::WeakAgainst => "grade-svag-imod",
                GradeDirection::StrongAgainst => "grade-staerk-imod",
            },
            Self::GoodPractice => "god-praksis",
        }
    }

    /// A CSS-friendly class for colouring the badge.
    pub(crate) fn css_class(&self) -> &'static str {
        match self {
            Self::Oxford { from, .. } => match from {
                OxfordLetter::A => "strength-a",
                OxfordLetter::B => "strength-b",
                OxfordLetter::C => "strength-c",
                OxfordLetter::D => "strength-d",
            },
            Self::Grade {
                direction: GradeDirection::StrongFor | GradeDirection::WeakFor,
                ..
            } => "strength-for",
            Self::Grade { .. } => "strength-against",
            Self::GoodPractice => "strength-practice",
        }
    }
}

impl OxfordLetter {
    fn from_char(c: char) -> Option<Self> {
        match c {
            'a' => Some(Self::A),
            'b' => Some(Self::B),
            'c' => Some(Self::C),
            'd' => Some(Self::D),
            _ => None,
        }
    }

    pub(crate) fn letter(self) -> char {
        match self {
            Self::A => 'A',
            Self::B => 'B',
            Self::C => 'C',
            Self::D => 'D',
        }
    }
}

impl Certainty {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::High => "høj",
            Self::Moderate => "moderat",
            Self::Low => "lav",
            Self::VeryLow => "meget lav",
        }
    }
}

/// Lower-case, dash variants to `-`, runs of white space to one space.
fn normalize(text: &str) -> String {
    let lowered: String = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '–' | '—' | '‐' | '‑') {
                '-'
            } else {
                c
            }
        })
        .collect();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Err(Some(…))` when it looks like Oxford but is wrong (a reversed range).
fn parse_oxford(text: &str) -> Result<Strength, Option<Near>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut letters = compact.split('-');
    let first = letters.next().and_then(single_letter);
    let second = letters.next().map(single_letter);
    if letters.next().is_some() {
        return Err(None);
    }
    match (first, second) {
        (Some(from), None) => Ok(Strength::Oxford { from, to: None }),
        (Some(from), Some(Some(to))) if from < to => Ok(Strength::Oxford { from, to: Some(to) }),
        (Some(from), Some(Some(to))) => Err(Some(Near::Reversed(from, to))),
        _ => Err(None),
    }
}

fn single_letter(text: &str) -> Option<OxfordLetter> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    OxfordLetter::from_char(c)
}

fn parse_grade(text: &str) -> Result<Strength, Option<Near>> {
    if text == "god praksis" {
        return Ok(Strength::GoodPractice);
    }
    let (direction_text, certainty_text) = match text.split_once(',') {
        Some((d, c)) => (d.trim(), Some(c.trim())),
        None => (text, None),
    };
    let direction = match direction_text {
        "stærk for" => GradeDirection::StrongFor,
        "svag for" => GradeDirection::WeakFor,
        "svag imod" => GradeDirection::WeakAgainst,
        "stærk imod" => GradeDirection::StrongAgainst,
        _ => return Err(None),
    };
    let certainty = match certainty_text {
        None => None,
        Some("høj") => Some(Certainty::High),
        Some("moderat") => Some(Certainty::Moderate),
        Some("lav") => Some(Certainty::Low),
        Some("meget lav") => Some(Certainty::VeryLow),
        Some(other) => {
            return Err(Some(Near::Certainty(other.to_owned())));
        }
    };
    Ok(Strength::Grade {
        direction,
        certainty,
    })
}

/// An Oxford level of evidence written after a citation: `[1a]` … `[5]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EvidenceLevel(&'static str);

impl EvidenceLevel {
    const ALL: [&'static str; 8] = ["1a", "1b", "2a", "2b", "3a", "3b", "4", "5"];

    pub(crate) fn parse(text: &str) -> Option<Self> {
        let lowered = text.to_ascii_lowercase();
        Self::ALL
            .iter()
            .find(|level| **level == lowered)
            .map(|level| Self(level))
    }

    pub(crate) fn as_str(self) -> &'static str {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oxford_letters_and_ranges() {
        assert_eq!(Strength::parse("b", Grading::Oxford).unwrap().label(), "B");
        assert_eq!(
            Strength::parse("A – C", Grading::Oxford).unwrap().label(),
            "A-C"
        );
        assert_eq!(
            Strength::parse("C-A", Grading::Oxford),
            Err(StrengthError::ReversedRange {
                stronger: OxfordLetter::A,
                weaker: OxfordLetter::C
            })
        );
        assert!(Strength::parse("E", Grading::Oxford).is_err());
        assert!(Strength::parse("A-A", Grading::Oxford).is_err());
    }

    #[test]
    fn grade_with_certainty_and_good_practice() {
        let strength = Strength::parse("Svag  for, Meget lav", Grading::Grade).unwrap();
        assert_eq!(strength.label(), "Svag for, meget lav");
        assert_eq!(
            Strength::parse("god praksis", Grading::Grade).unwrap(),
            Strength::GoodPractice
        );
        assert_eq!(
            Strength::parse("stærk for, usikker", Grading::Grade),
            Err(StrengthError::UnknownCertainty("usikker".to_owned()))
        );
        assert_eq!(
            Strength::parse(" A ", Grading::Grade),
            Err(StrengthError::OxfordInGrade("A".to_owned()))
        );
        assert_eq!(
            Strength::parse("måske", Grading::Grade),
            Err(StrengthError::NotAStrength("måske".to_owned()))
        );
    }

    #[test]
    fn wrong_scheme_is_named() {
        assert_eq!(
            Strength::parse("stærk for", Grading::Oxford),
            Err(StrengthError::GradeInOxford("stærk for".to_owned()))
        );
        assert_eq!(
            Strength::parse("B", Grading::Grade),
            Err(StrengthError::OxfordInGrade("B".to_owned()))
        );
    }

    #[test]
    fn evidence_levels() {
        assert_eq!(
            EvidenceLevel::parse("1B").map(EvidenceLevel::as_str),
            Some("1b")
        );
        assert!(EvidenceLevel::parse("1c").is_none());
        assert!(EvidenceLevel::parse("6").is_none());
    }
}
