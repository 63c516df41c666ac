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
    /// Why: tera's error chain, or the OS's.
    cause: String,
}

impl RenderError {
    /// `page` (a template, a site path, a version's page) did not render.
    pub(crate) fn page(page: &str, cause: String) -> Self {
        Self {
            failed: message!("error-cannot-render", page = page),
            cause,
        }
    }

    /// A part of the site with no path of its own (the app icons, the offline lists, …) did
    /// not render: `part` is its catalogue name.
    pub(crate) fn part(part: Message, cause: String) -> Self {
        Self {
            failed: message!("error-cannot-render", page = part),
            cause,
        }
    }

    /// The page at the site path `path` did not reach the disk.
    pub(crate) fn not_written(path: &str, cause: &std::io::Error) -> Self {
        Self {
            failed: message!("error-cannot-write", path = path),
            cause: cause.to_string(),
        }
    }

    /// The whole error as a finding's words: what failed and why.
    pub(crate) fn message(&self) -> Message {
        message!(
            "render-failed",
            failed = self.failed.clone(),
            cause = &self.cause
        )
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
        Failure::new(err.failed, err.cause)
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
}
