//! The JSON rendering for the guideline office and CI. The shape is stable and documented in
//! the README: `{"diagnostics":[{code,severity,file,line,column,message,help}],"errors","warnings"}`.

use serde::Serialize;

use super::{Counts, Diagnostic, Severity};

#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub severity: Severity,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

impl<'a> JsonReport<'a> {
    pub fn new(diagnostics: &'a [Diagnostic]) -> Self {
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
                    message: &d.message,
                    help: d.help.as_deref(),
                })
                .collect(),
            errors: counts.errors,
            warnings: counts.warnings,
        }
    }
}

pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&JsonReport::new(diagnostics)).unwrap_or_default() + "\n"
}
