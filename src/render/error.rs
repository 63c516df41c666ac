//! A page that could not be rendered or written, and why: what failed is a catalogue message
//! (so `retning build` and the preview say it in the reader's language), why stays in the
//! words of the crate or the OS that failed.

use std::error::Error;
use std::fmt;

use crate::diagnostics::{Failure, Language, Message, message};

/// A page the templates could not render, or a build could not write, and why.
#[derive(Debug)]
pub struct RenderError {
    /// What could not be done, naming the page or the part of the site.
    failed: Message,
    /// Why; none when what failed says it all.
    cause: Option<Cause>,
}

/// Why a page did not render or reach the disk.
#[derive(Debug)]
enum Cause {
    /// In the words of tera or the OS.
    Quoted(String),
    /// In ours (an earlier version that can no longer be read).
    Said(Message),
}

impl RenderError {
    /// `page` (a template, a site path, a version's page) did not render.
    pub(crate) fn page(page: &str, cause: String) -> Self {
        Self {
            failed: message!("error-cannot-render", page = page),
            cause: Some(Cause::Quoted(cause)),
        }
    }

    /// `page` did not render, for a reason of ours.
    pub(crate) fn page_because(page: &str, why: Message) -> Self {
        Self {
            failed: message!("error-cannot-render", page = page),
            cause: Some(Cause::Said(why)),
        }
    }

    /// The guideline file at `path` parsed when a build began and no longer does: it was
    /// edited while the site was being built.
    pub(crate) fn changed_while_building(path: &str) -> Self {
        Self {
            failed: message!("error-changed-while-building", path = path),
            cause: None,
        }
    }

    /// A part of the site with no path of its own (the app icons, the offline lists, …) did
    /// not render: `part` is its catalogue name.
    pub(crate) fn part(part: Message, cause: String) -> Self {
        Self {
            failed: message!("error-cannot-render", page = part),
            cause: Some(Cause::Quoted(cause)),
        }
    }

    /// The page at the site path `path` did not reach the disk.
    pub(crate) fn not_written(path: &str, cause: &std::io::Error) -> Self {
        Self {
            failed: message!("error-cannot-write", path = path),
            cause: Some(Cause::Quoted(cause.to_string())),
        }
    }

    /// The whole error as a finding's words: what failed and why.
    pub(crate) fn message(&self) -> Message {
        match &self.cause {
            Some(Cause::Quoted(cause)) => {
                message!("render-failed", failed = self.failed.clone(), cause = cause)
            }
            Some(Cause::Said(why)) => {
                message!(
                    "render-failed",
                    failed = self.failed.clone(),
                    cause = why.clone()
                )
            }
            None => self.failed.clone(),
        }
    }
}

/// English where no language is known (a panic message, a log); the command line and the
/// preview say it in the reader's language (`RenderError::message`, `Failure`).
impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_language(Language::En))
    }
}

impl Error for RenderError {}

/// A build stops with the error in the reader's language ([`crate::diagnostics::chain_in_language`]).
impl From<RenderError> for Failure {
    fn from(err: RenderError) -> Self {
        match err.cause {
            Some(Cause::Quoted(cause)) => Failure::new(err.failed, cause),
            Some(Cause::Said(why)) => Failure::new(err.failed, Failure::alone(why)),
            None => Failure::alone(err.failed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_failed_is_said_in_each_language_and_why_in_its_own_words() {
        let err = RenderError::page("404.html", "Variable `x` not found".to_owned());
        assert_eq!(
            err.message().in_language(Language::Da),
            "404.html kan ikke dannes: Variable `x` not found"
        );
        assert_eq!(
            err.to_string(),
            "cannot render 404.html: Variable `x` not found"
        );
        let part = RenderError::part(message!("render-part-app-icons"), "no canvas".to_owned());
        assert_eq!(
            part.message().in_language(Language::Da),
            "appens ikoner kan ikke dannes: no canvas"
        );
        assert_eq!(part.to_string(), "cannot render the app icons: no canvas");
        let denied = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied");
        let unwritten = RenderError::not_written("dlg/dlbcl/index.html", &denied);
        assert_eq!(
            unwritten.message().in_language(Language::Da),
            "dlg/dlbcl/index.html kan ikke skrives: Permission denied"
        );
        let failure = anyhow::Error::new(Failure::from(unwritten));
        assert_eq!(
            crate::diagnostics::chain_in_language(&failure, Language::En),
            "cannot write dlg/dlbcl/index.html: Permission denied"
        );
    }

    #[test]
    fn a_reason_of_ours_and_a_file_changed_mid_build_are_said_in_each_language() {
        let archived = RenderError::page_because(
            "dlg/dlbcl/version/1.0/index.html",
            message!("history-not-read"),
        );
        assert_eq!(
            archived.message().in_language(Language::Da),
            "dlg/dlbcl/version/1.0/index.html kan ikke dannes: historikken er ikke læst"
        );
        let failure = anyhow::Error::new(Failure::from(archived));
        assert_eq!(
            crate::diagnostics::chain_in_language(&failure, Language::En),
            "cannot render dlg/dlbcl/version/1.0/index.html: the history is not read"
        );
        let changed = RenderError::changed_while_building("guidelines/dlg/dlbcl.md");
        assert_eq!(
            changed.message().in_language(Language::Da),
            "guidelines/dlg/dlbcl.md blev ændret, mens sitet blev bygget, og kan ikke længere \
             læses; byg igen"
        );
        assert_eq!(
            changed.to_string(),
            "guidelines/dlg/dlbcl.md was changed while the site was being built and no longer \
             parses; build again"
        );
    }
}
