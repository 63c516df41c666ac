//! A word-level diff of two texts (the `similar` crate's Myers diff over words and the
//! spaces between them).

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

/// A run of words that is kept, inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub(crate) enum WordChange {
    Same(String),
    Inserted(String),
    Deleted(String),
}

/// The changes that turn `old` into `new`, neighbouring words of one kind joined into one
/// run.
pub(crate) fn diff_words(old: &str, new: &str) -> Vec<WordChange> {
    let diff = TextDiff::configure().diff_words(old, new);
    let mut runs: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let word = change.value();
        let tag = change.tag();
        match (runs.last_mut(), tag) {
            (Some(WordChange::Same(run)), ChangeTag::Equal)
            | (Some(WordChange::Inserted(run)), ChangeTag::Insert)
            | (Some(WordChange::Deleted(run)), ChangeTag::Delete) => run.push_str(word),
            _ => runs.push(match tag {
                ChangeTag::Equal => WordChange::Same(word.to_owned()),
                ChangeTag::Insert => WordChange::Inserted(word.to_owned()),
                ChangeTag::Delete => WordChange::Deleted(word.to_owned()),
            }),
        }
    }
    runs
}

#[cfg(test)]
impl WordChange {
    fn text(&self) -> &str {
        match self {
            Self::Same(t) | Self::Inserted(t) | Self::Deleted(t) => t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_is_one_deletion_and_one_insertion() {
        let changes = diff_words(
            "Alle patienter bør have PET/CT.",
            "Alle patienter skal have PET/CT.",
        );
        assert_eq!(
            changes,
            [
                WordChange::Same("Alle patienter ".into()),
                WordChange::Deleted("bør".into()),
                WordChange::Inserted("skal".into()),
                WordChange::Same(" have PET/CT.".into()),
            ]
        );
    }

    #[test]
    fn the_old_and_new_texts_can_be_read_back() {
        let old = "Knoglemarv bør ikke undersøges rutinemæssigt hos ældre.";
        let new = "Knoglemarv undersøges kun ved mistanke om indvækst hos ældre patienter.";
        let changes = diff_words(old, new);
        let read = |keep: fn(&WordChange) -> bool| -> String {
            changes
                .iter()
                .filter(|c| keep(c))
                .map(WordChange::text)
                .collect()
        };
        assert_eq!(read(|c| !matches!(c, WordChange::Inserted(_))), old);
        assert_eq!(read(|c| !matches!(c, WordChange::Deleted(_))), new);
    }
}
