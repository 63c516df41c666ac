//! Strength of a recommendation, in the guideline's grading scheme, and Oxford evidence levels
//! of cited studies.

use serde::Deserialize;

/// The grading scheme a guideline uses, from its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grading {
    /// Oxford levels of evidence: a letter A–D or a range such as A-C.
    Oxford,
    /// GRADE: a direction and strength (stærk for … stærk imod), with a certainty.
    Grade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
pub(crate) enum OxfordLetter {
    A,
    B,
    C,
    D,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub(crate) enum GradeDirection {
    StrongFor,
    WeakFor,
    WeakAgainst,
    StrongAgainst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub(crate) enum Certainty {
    High,
    Moderate,
    Low,
    VeryLow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
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

    /// The strength as the guideline format spells it, with a capital first letter: `A`,
    /// `A-C`, `Stærk for, lav`, `God praksis`. For what is read by programs and by authors
    /// (the API, `retning history`, diagnostics), which stays the same whatever the theme:
    /// the pages show the theme's labels (`render::strength_text`), keyed by [`Self::key`].
    pub(crate) fn format_text(&self) -> String {
        match self {
            Self::Oxford { from, to: None } => from.letter().to_string(),
            Self::Oxford { from, to: Some(to) } => format!("{}-{}", from.letter(), to.letter()),
            Self::Grade {
                direction,
                certainty,
            } => {
                let direction = capitalized(direction.format_words());
                match certainty {
                    Some(c) => format!("{direction}, {}", c.format_words()),
                    None => direction,
                }
            }
            Self::GoodPractice => capitalized(GOOD_PRACTICE),
        }
    }

    /// The stable key of the step of the scale this strength is on (a range: its first
    /// letter). The theme's labels and CSS classes are keyed by it, and the strength page
    /// has an anchor of this name that explains it.
    pub(crate) fn key(&self) -> &'static str {
        match self {
            Self::Oxford { from, .. } => from.key(),
            Self::Grade { direction, .. } => direction.key(),
            Self::GoodPractice => GOOD_PRACTICE_KEY,
        }
    }
}

/// The key of [`Strength::GoodPractice`].
pub(crate) const GOOD_PRACTICE_KEY: &str = "god-praksis";

/// The format's words for good practice.
const GOOD_PRACTICE: &str = "god praksis";

fn capitalized(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl GradeDirection {
    pub(crate) const ALL: [Self; 4] = [
        Self::StrongFor,
        Self::WeakFor,
        Self::WeakAgainst,
        Self::StrongAgainst,
    ];

    /// The stable key: `grade-staerk-for`, …
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::StrongFor => "grade-staerk-for",
            Self::WeakFor => "grade-svag-for",
            Self::WeakAgainst => "grade-svag-imod",
            Self::StrongAgainst => "grade-staerk-imod",
        }
    }

    /// As the guideline format writes it (what `parse_grade` reads).
    fn format_words(self) -> &'static str {
        match self {
            Self::StrongFor => "stærk for",
            Self::WeakFor => "svag for",
            Self::WeakAgainst => "svag imod",
            Self::StrongAgainst => "stærk imod",
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

    pub(crate) const ALL: [Self; 4] = [Self::A, Self::B, Self::C, Self::D];

    /// The stable key: `oxford-a`, …
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::A => "oxford-a",
            Self::B => "oxford-b",
            Self::C => "oxford-c",
            Self::D => "oxford-d",
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
    pub(crate) const ALL: [Self; 4] = [Self::High, Self::Moderate, Self::Low, Self::VeryLow];

    /// The stable key: `certainty-hoej`, …
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::High => "certainty-hoej",
            Self::Moderate => "certainty-moderat",
            Self::Low => "certainty-lav",
            Self::VeryLow => "certainty-meget-lav",
        }
    }

    /// As the guideline format writes it (what `parse_grade` reads).
    fn format_words(self) -> &'static str {
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
    if text == GOOD_PRACTICE {
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
impl Strength {
    /// Every strength there is, for the tests that go over all of them.
    pub(crate) fn every() -> Vec<Self> {
        let mut all = vec![Strength::GoodPractice];
        for from in OxfordLetter::ALL {
            all.push(Strength::Oxford { from, to: None });
            for to in OxfordLetter::ALL.into_iter().filter(|to| from < *to) {
                all.push(Strength::Oxford { from, to: Some(to) });
            }
        }
        for direction in GradeDirection::ALL {
            all.push(Strength::Grade {
                direction,
                certainty: None,
            });
            for certainty in Certainty::ALL {
                all.push(Strength::Grade {
                    direction,
                    certainty: Some(certainty),
                });
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oxford_letters_and_ranges() {
        assert_eq!(
            Strength::parse("b", Grading::Oxford).unwrap().format_text(),
            "B"
        );
        assert_eq!(
            Strength::parse("A – C", Grading::Oxford)
                .unwrap()
                .format_text(),
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
        assert_eq!(strength.format_text(), "Svag for, meget lav");
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

    /// The format text is what the parser reads back: its words cannot drift apart.
    #[test]
    fn format_text_parses_back_to_the_same_strength() {
        for strength in Strength::every() {
            let grading = match strength {
                Strength::Oxford { .. } => Grading::Oxford,
                _ => Grading::Grade,
            };
            let text = strength.format_text();
            assert_eq!(Strength::parse(&text, grading), Ok(strength), "{text}");
        }
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
