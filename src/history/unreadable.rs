//! Why an earlier version is left out: its stored text cannot be read or parsed any more.
//! Worded from the catalogue when shown, so `retning history` says it in the reader's
//! language; git's own reason stays in git's words.

use std::fmt;

use crate::diagnostics::{Language, Message, message};

use super::HistoryError;

/// An earlier version whose stored text can no longer be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnreadableVersion {
    /// The version's file and commit, `path@abc1234`.
    shown: String,
    why: Why,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    /// git could not give the text.
    Read(HistoryError),
    /// The text no longer has front matter that parses.
    FrontMatter,
}

impl UnreadableVersion {
    pub(super) fn read(shown: String, error: HistoryError) -> Self {
        Self {
            shown,
            why: Why::Read(error),
        }
    }

    pub(super) fn front_matter(shown: String) -> Self {
        Self {
            shown,
            why: Why::FrontMatter,
        }
    }

    /// The reason, as a catalogue message naming the version's file and commit.
    pub(crate) fn message(&self) -> Message {
        let shown = self.shown.as_str();
        match &self.why {
            Why::Read(HistoryError::Git(error)) => {
                message!("history-unreadable-git", shown = shown, error = error)
            }
            Why::Read(HistoryError::NotUtf8 { blob }) => {
                message!("history-unreadable-not-utf8", shown = shown, blob = blob)
            }
            Why::FrontMatter => message!("history-unreadable-front-matter", shown = shown),
        }
    }
}

/// English, for what shows it without a language (a page that fails to render).
impl fmt::Display for UnreadableVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_language(Language::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_names_the_version_in_both_languages() {
        let shown = || "guidelines/dlg/dlbcl.md@abc1234".to_owned();
        let front = UnreadableVersion::front_matter(shown());
        assert_eq!(
            front.to_string(),
            "guidelines/dlg/dlbcl.md@abc1234: its front matter can no longer be read"
        );
        assert_eq!(
            front.message().in_language(Language::Da),
            "guidelines/dlg/dlbcl.md@abc1234: dens forside (front matter) kan ikke længere læses"
        );
        let bytes = HistoryError::NotUtf8 {
            blob: "0123abc".to_owned(),
        };
        assert_eq!(
            UnreadableVersion::read(shown(), bytes)
                .message()
                .in_language(Language::Da),
            "guidelines/dlg/dlbcl.md@abc1234: den gemte tekst 0123abc er ikke UTF-8"
        );
        let git = UnreadableVersion::read(shown(), HistoryError::Git("object missing".into()));
        assert_eq!(
            git.message().in_language(Language::Da),
            "guidelines/dlg/dlbcl.md@abc1234: git kan ikke læse den: object missing"
        );
        assert_eq!(
            git.to_string(),
            "guidelines/dlg/dlbcl.md@abc1234: git cannot read it: object missing"
        );
    }
}
