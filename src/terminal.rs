//! Lines the commands print besides findings, shared by several commands, in the reader's
//! language: why the git history is not read, and what is left out without it.

use crate::diagnostics::{Language, Message};
use crate::history::Unavailable;

/// What a command leaves out when it reads no history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WithoutHistory {
    /// `check` and `build`: the `ny`/`ændret` badges are not checked against earlier versions.
    Badges,
    /// `serve`: the preview shows no earlier versions.
    Preview,
    /// `report --since`: the changes listed are the badges.
    Changes,
}

/// The note a command prints when the history cannot be read.
pub(crate) fn history_note(
    why: &Unavailable,
    without: WithoutHistory,
    language: Language,
) -> String {
    let id = match without {
        WithoutHistory::Badges => "note-history-badges",
        WithoutHistory::Preview => "note-history-preview",
        WithoutHistory::Changes => "note-history-changes",
    };
    Message::new(id)
        .arg("why", why.message())
        .in_language(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_note_is_one_sentence_in_each_language() {
        let why = Unavailable::Shallow;
        assert_eq!(
            history_note(&why, WithoutHistory::Preview, Language::En),
            "note: the site is a shallow git clone (`git fetch --unshallow` fetches its whole history); the preview shows no earlier versions"
        );
        assert_eq!(
            history_note(&why, WithoutHistory::Preview, Language::Da),
            "bemærk: webstedet er en overfladisk git-klon (`git fetch --unshallow` henter hele historikken); forhåndsvisningen viser ingen tidligere udgaver"
        );
        let failed = Unavailable::Failed("bad object".to_owned());
        assert!(
            history_note(&failed, WithoutHistory::Badges, Language::Da)
                .contains("git-historik kan ikke læses: bad object"),
        );
    }
}
