//! One diagnostic model for every finding, rendered by one module per format.
//!
//! Findings are data: validation returns `Vec<Diagnostic>`, so one run reports every problem
//! in every file.

pub(crate) mod catalogue;
pub mod codes;
mod failure;
mod github;
mod gitlab;
pub(crate) mod html;
mod human;
mod json;
mod read_error;
mod record;
pub(crate) mod snippet;
mod text;

pub use catalogue::Language;
pub(crate) use codes::Code;
pub(crate) use failure::{Failure, OrFail, StoppingFinding, chain_in_language};
pub(crate) use github::render_github;
pub(crate) use gitlab::render_gitlab;
pub use human::render_human;
pub(crate) use json::{JsonDiagnostic, JsonReport, render_json};
pub(crate) use read_error::unreadable;
pub(crate) use record::FindingRecord;
pub(crate) use text::Arg;
pub(crate) use text::message;
pub use text::{Message, Text};

use std::ops::Range;
use std::sync::Arc;

use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// A finding: a stable code, what is wrong, where, and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The stable code (`docs/format.md`), the same in every language.
    pub code: Code,
    pub(crate) severity: Severity,
    /// What is wrong, shown in the reader's language (`Text::in_language`).
    pub message: Text,
    pub(crate) help: Option<Text>,
    /// The file as shown to users (relative to the site root), when the finding has one.
    pub(crate) file: Option<String>,
    /// Where in the file, when the finding points at text.
    pub position: Option<Position>,
}

/// Two findings are the same when they say the same about the same place.
impl PartialEq for Diagnostic {
    fn eq(&self, other: &Self) -> bool {
        (
            self.code,
            self.severity,
            &self.message,
            &self.help,
            &self.file,
            self.line(),
            self.column(),
        ) == (
            other.code,
            other.severity,
            &other.message,
            &other.help,
            &other.file,
            other.line(),
            other.column(),
        )
    }
}

impl Eq for Diagnostic {}

/// Where in a file's text a finding points.
#[derive(Debug, Clone)]
pub struct Position {
    /// The file the finding points into.
    pub source: Arc<SourceFile>,
    /// The byte range of the text in question.
    pub span: Range<usize>,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
}

impl Diagnostic {
    pub(crate) fn error(code: Code, message: impl Into<Text>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub(crate) fn warning(code: Code, message: impl Into<Text>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    fn new(code: Code, severity: Severity, message: impl Into<Text>) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            help: None,
            file: None,
            position: None,
        }
    }

    /// Points the finding at `span` (byte offsets into the file's text).
    pub(crate) fn at(mut self, source: &Arc<SourceFile>, span: Range<usize>) -> Self {
        let start = span.start.min(source.text.len());
        let end = span.end.clamp(start, source.text.len());
        let at = source.line_col(start);
        self.file = Some(source.display_path.clone());
        self.position = Some(Position {
            source: Arc::clone(source),
            span: start..end,
            line: at.line,
            column: at.column,
        });
        self
    }

    /// Names the file without a position (the file could not be read, or the finding is
    /// about the whole file).
    pub(crate) fn in_file(mut self, display_path: impl Into<String>) -> Self {
        self.file = Some(display_path.into());
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn line(&self) -> Option<usize> {
        self.position.as_ref().map(|p| p.line)
    }

    pub(crate) fn column(&self) -> Option<usize> {
        self.position.as_ref().map(|p| p.column)
    }

    /// The message in `language`.
    pub(crate) fn message_in(&self, language: Language) -> std::borrow::Cow<'_, str> {
        self.message.in_language(language)
    }

    /// The help text in `language`, if the finding has one.
    pub(crate) fn help_in(&self, language: Language) -> Option<std::borrow::Cow<'_, str>> {
        self.help.as_ref().map(|help| help.in_language(language))
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts findings the way an author reads them: by file, then line, then column.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file.as_deref(), a.line(), a.column(), a.code).cmp(&(
            b.file.as_deref(),
            b.line(),
            b.column(),
            b.code,
        ))
    });
}

/// How many errors and warnings a set of findings holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings that stop a build.
    pub errors: usize,
    /// Findings reported but not blocking.
    pub warnings: usize,
}

impl Counts {
    /// Counts `diagnostics` by severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        Self {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
