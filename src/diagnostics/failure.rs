//! A command's failure in the reader's language. What retning could not do is a catalogue
//! message; its cause (the OS's or a crate's error) stays in its own words. Code deep in a
//! stage does not know the reader's language, so it returns a [`Failure`] and the command line
//! renders the whole chain ([`chain_in_language`]).

use std::error::Error;
use std::fmt;

use super::{Diagnostic, Language, Message, render_human};

type Cause = Box<dyn Error + Send + Sync + 'static>;

/// What could not be done, and why.
#[derive(Debug)]
pub(crate) struct Failure {
    message: Message,
    cause: Option<Cause>,
}

impl Failure {
    pub(crate) fn new(message: Message, cause: impl Into<Cause>) -> Self {
        Self {
            message,
            cause: Some(cause.into()),
        }
    }

    /// A failure whose reason is all ours (its values may quote the OS).
    pub(crate) fn alone(message: Message) -> Self {
        Self {
            message,
            cause: None,
        }
    }
}

/// English where no language is known (a panic message, a log).
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.in_language(Language::En))
    }
}

impl Error for Failure {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.cause
            .as_ref()
            .map(|cause| cause.as_ref() as &(dyn Error + 'static))
    }
}

/// A finding that stops a command outside `check` (a `synonyms.toml` broken while the site
/// is built): [`chain_in_language`] shows it as `check` would, in the reader's language.
#[derive(Debug)]
pub(crate) struct StoppingFinding(pub(crate) Box<Diagnostic>);

/// English where no language is known (a panic message, a log).
impl fmt::Display for StoppingFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_language(Language::En))
    }
}

impl Error for StoppingFinding {}

impl StoppingFinding {
    fn in_language(&self, language: Language) -> String {
        render_human(std::slice::from_ref(&*self.0), false, language)
    }
}

/// `.or_fail(|| message!(…))`: a failed result becomes a [`Failure`] saying what failed.
pub(crate) trait OrFail<T> {
    fn or_fail(self, message: impl FnOnce() -> Message) -> Result<T, Failure>;
}

impl<T, E: Into<Cause>> OrFail<T> for Result<T, E> {
    fn or_fail(self, message: impl FnOnce() -> Message) -> Result<T, Failure> {
        self.map_err(|cause| Failure::new(message(), cause))
    }
}

/// `err` and its causes, outermost first, joined by ": " as anyhow's `{:#}` joins them, each
/// [`Failure`] in `language`.
pub(crate) fn chain_in_language(err: &anyhow::Error, language: Language) -> String {
    err.chain()
        .map(|cause| {
            if let Some(failure) = cause.downcast_ref::<Failure>() {
                failure.message.in_language(language)
            } else if let Some(finding) = cause.downcast_ref::<StoppingFinding>() {
                finding.in_language(language)
            } else {
                cause.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::message;

    fn failed() -> anyhow::Result<()> {
        let denied = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied");
        Err::<(), _>(denied).or_fail(|| message!("error-cannot-write", path = "/ud/side"))?;
        Ok(())
    }

    #[test]
    fn a_failure_speaks_the_readers_language_and_its_cause_its_own() {
        let Err(err) = failed() else {
            panic!("no failure");
        };
        assert_eq!(
            chain_in_language(&err, Language::Da),
            "/ud/side kan ikke skrives: Permission denied"
        );
        assert_eq!(
            chain_in_language(&err, Language::En),
            "cannot write /ud/side: Permission denied"
        );
        // The OS's error is still found in the chain (a closed pipe is recognised by it).
        assert!(err.chain().any(|cause| cause.is::<std::io::Error>()));
    }

    #[test]
    fn a_wrapped_anyhow_error_keeps_its_own_causes() {
        let inner = anyhow::anyhow!("disk full").context("tantivy commit");
        let err = anyhow::Error::new(Failure::new(message!("error-theme-unloadable"), inner));
        assert_eq!(
            chain_in_language(&err, Language::Da),
            "temaet kan ikke indlæses: tantivy commit: disk full"
        );
    }
}
