//! The JSON rendering for the guideline office and CI. The shape is stable and documented in
//! the README: `{"diagnostics":[{code,severity,file,line,column,message,help}],"errors","warnings"}`.
//! The keys and codes are the same in every language; `message` and `help` are in the chosen one.

use serde::Serialize;

use std::borrow::Cow;

use super::{Code, Counts, Diagnostic, Language, Severity};

#[derive(Debug, Serialize)]
pub(crate) struct JsonReport<'a> {
    pub(crate) diagnostics: Vec<JsonDiagnostic<'a>>,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    pub(crate) file: Option<&'a str>,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    pub(crate) message: Cow<'a, str>,
    pub(crate) help: Option<Cow<'a, str>>,
}

impl<'a> JsonReport<'a> {
    pub(crate) fn new(diagnostics: &'a [Diagnostic], language: Language) -> Self {
        let counts = Counts::of(diagnostics);
        Self {
            diagnostics: diagnostics
                .iter()
                .map(|d| JsonDiagnostic {
                    code: d.code,
                    severity: d.severity,
                    file: d.file.as_deref(),
                    line: d.line(),
                    column: d.column(),
                    message: d.message_in(language),
                    help: d.help_in(language),
                })
                .collect(),
            errors: counts.errors,
            warnings: counts.warnings,
        }
    }
}

pub(crate) fn render_json(diagnostics: &[Diagnostic], language: Language) -> String {
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&JsonReport::new(diagnostics, language)).unwrap_or_default() + "\n"
}
