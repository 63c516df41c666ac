//! The theme's words and CSS classes for the strengths of recommendations: the tables
//! `[strength_labels]` and `[strength_classes]` of `strings.toml`, keyed by the model's stable
//! keys (`oxford-a`, `grade-staerk-for`, `certainty-hoej`, `god-praksis`), so a theme can
//! name and colour them in its own words.

use rustc_hash::FxHashMap;

use crate::model::{Certainty, GOOD_PRACTICE_KEY, GradeDirection, OxfordLetter, Strength};

/// The table of labels in `strings.toml`.
pub(crate) const LABELS: &str = "strength_labels";
/// The table of CSS classes in `strings.toml`.
pub(crate) const CLASSES: &str = "strength_classes";

/// A strength's label and class, as a theme gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct StrengthText {
    labels: FxHashMap<&'static str, String>,
    classes: FxHashMap<&'static str, String>,
}

/// The keys of the scale's steps: each has a label and a class.
fn step_keys() -> impl Iterator<Item = &'static str> {
    OxfordLetter::ALL
        .into_iter()
        .map(OxfordLetter::key)
        .chain(GradeDirection::ALL.into_iter().map(GradeDirection::key))
        .chain([GOOD_PRACTICE_KEY])
}

impl StrengthText {
    /// Both tables from a theme's strings; an error names the table and the key it lacks.
    pub(crate) fn from_strings(strings: &toml::Table) -> Result<Self, String> {
        let table = |name: &str| {
            strings
                .get(name)
                .and_then(toml::Value::as_table)
                .ok_or_else(|| format!("`[{name}]` is missing"))
        };
        let text = |table: &toml::Table, name: &str, key: &'static str| {
            table
                .get(key)
                .and_then(toml::Value::as_str)
                .map(|text| (key, text.to_owned()))
                .ok_or_else(|| format!("`[{name}]` has no text for `{key}`"))
        };
        let labels_table = table(LABELS)?;
        let classes_table = table(CLASSES)?;
        let certainty_keys = Certainty::ALL.into_iter().map(Certainty::key);
        Ok(Self {
            labels: step_keys()
                .chain(certainty_keys)
                .map(|key| text(labels_table, LABELS, key))
                .collect::<Result<_, _>>()?,
            classes: step_keys()
                .map(|key| text(classes_table, CLASSES, key))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The default theme's, for tests without a theme at hand (the site's pages and search
    /// units use the theme's own).
    #[cfg(test)]
    pub(crate) fn builtin() -> &'static Self {
        static BUILTIN: std::sync::LazyLock<StrengthText> = std::sync::LazyLock::new(|| {
            toml::from_str(super::theme::DEFAULT_STRINGS)
                .map_err(|err| err.to_string())
                .and_then(|strings| StrengthText::from_strings(&strings))
                // A test holds the default theme's strings complete.
                .unwrap_or_default()
        });
        &BUILTIN
    }

    fn text(&self, key: &str) -> &str {
        self.labels.get(key).map_or("", String::as_str)
    }

    /// The label on a badge: `A`, `A-C` (a range from its letters' labels), `Stærk for, lav`
    /// (the direction's label, then the certainty's), `God praksis`.
    pub(crate) fn label(&self, strength: &Strength) -> String {
        match strength {
            Strength::Oxford { from, to: Some(to) } => {
                format!("{}-{}", self.text(from.key()), self.text(to.key()))
            }
            Strength::Grade {
                direction,
                certainty: Some(certainty),
            } => format!(
                "{}, {}",
                self.text(direction.key()),
                self.text(certainty.key())
            ),
            _ => self.text(strength.key()).to_owned(),
        }
    }

    /// The CSS class that colours its badge.
    pub(crate) fn class(&self, strength: &Strength) -> &str {
        self.classes.get(strength.key()).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme's labels are the format's words: the pages keep their text.
    #[test]
    fn the_default_labels_are_the_format_spelling() {
        let text = StrengthText::builtin();
        assert_ne!(
            text,
            &StrengthText::default(),
            "the default strings are complete"
        );
        for strength in Strength::every() {
            assert_eq!(text.label(&strength), strength.format_text());
            assert!(text.class(&strength).starts_with("strength-"));
        }
        let b = Strength::Oxford {
            from: OxfordLetter::B,
            to: Some(OxfordLetter::D),
        };
        assert_eq!(text.class(&b), "strength-b");
    }

    #[test]
    fn a_missing_key_is_named() {
        let mut strings: toml::Table =
            toml::from_str(super::super::theme::DEFAULT_STRINGS).unwrap();
        strings[CLASSES]
            .as_table_mut()
            .unwrap()
            .remove("grade-svag-imod");
        let err = StrengthText::from_strings(&strings).unwrap_err();
        assert!(
            err.contains("strength_classes") && err.contains("grade-svag-imod"),
            "{err}"
        );
    }
}
