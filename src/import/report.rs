//! The import report, per file: what was imported, every finding with its place in the Word
//! document and its line in the Markdown, and what `retning check` says about the written
//! file. Human and JSON.

use std::borrow::Cow;
use std::fmt::Write;

use serde::Serialize;

use super::{Finding, Imported, WordPlace};
use crate::diagnostics::catalogue::format;
use crate::diagnostics::{Arg, Code, Counts, Diagnostic, JsonDiagnostic, Language, Severity, Text};

pub(crate) struct FileReport {
    /// The Word file as the user named it.
    pub(crate) source: String,
    /// Why the file could not be imported, when it could not.
    pub(crate) outcome: Result<WrittenFile, Text>,
}

pub(crate) struct WrittenFile {
    /// `guidelines/<group>/<slug>.md`.
    pub(crate) path: String,
    pub(crate) imported: Imported,
    /// The importer's findings, each pointing at its line of the written file.
    pub(crate) findings: Vec<Finding>,
    /// `retning check`'s findings about the written file.
    pub(crate) check: Vec<Diagnostic>,
}

impl FileReport {
    pub(crate) fn failed(&self) -> bool {
        self.outcome.is_err()
    }
}

/// Renders every file's report and the summary line, in `language`.
pub(crate) fn render_human(reports: &[FileReport], language: Language) -> String {
    let mut out = String::new();
    for report in reports {
        match &report.outcome {
            Err(reason) => {
                let not_imported = format(
                    language,
                    "import-not-imported",
                    &[("reason", Arg::from(reason.in_language(language).as_ref()))],
                );
                let _ = writeln!(out, "{}: {not_imported}\n", report.source);
            }
            Ok(file) => render_file(&report.source, file, language, &mut out),
        }
    }
    let failed = reports.iter().filter(|r| r.failed()).count();
    let written = reports.len() - failed;
    let mut counts = Counts::default();
    let every_finding = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|file| {
            file.findings
                .iter()
                .map(|f| &f.diagnostic)
                .chain(&file.check)
        });
    for diagnostic in every_finding {
        match diagnostic.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
        }
    }
    let summary = format(
        language,
        "import-summary",
        &[
            ("written", Arg::from(written)),
            ("failed", Arg::from(failed)),
            ("errors", Arg::from(counts.errors)),
            ("warnings", Arg::from(counts.warnings)),
        ],
    );
    let _ = writeln!(out, "{summary}");
    out
}

fn render_file(source: &str, file: &WrittenFile, language: Language, out: &mut String) {
    let imported = file.imported;
    let _ = writeln!(out, "{source} → {}", file.path);
    let counts = format(
        language,
        "import-imported",
        &[
            ("recommendations", Arg::from(imported.recommendations)),
            ("references", Arg::from(imported.references)),
            ("figures", Arg::from(imported.figures)),
            ("tables", Arg::from(imported.tables)),
        ],
    );
    let _ = writeln!(out, "  {counts}");
    for finding in &file.findings {
        let word = finding
            .word
            .as_ref()
            .map_or_else(|| "-".to_owned(), |place| place.describe(language));
        let at = finding
            .diagnostic
            .line()
            .map_or_else(|| "-".to_owned(), |line| format!("{}:{line}", file.path));
        let heading = format!("{at} (Word: {word})");
        render_diagnostic(&finding.diagnostic, "", &heading, language, out);
    }
    for diagnostic in &file.check {
        let at = match (diagnostic.line(), diagnostic.column()) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", file.path),
            _ => file.path.clone(),
        };
        render_diagnostic(diagnostic, "check: ", &at, language, out);
    }
    out.push('\n');
}

/// One finding, the importer's or `check`'s, as two lines: severity, code and place; then
/// the message (and the help, when it has one).
fn render_diagnostic(
    diagnostic: &Diagnostic,
    prefix: &str,
    at: &str,
    language: Language,
    out: &mut String,
) {
    let severity = format(language, severity_id(diagnostic.severity), &[]);
    let _ = writeln!(
        out,
        "  {prefix}{severity}[{}] {at}\n      {}",
        diagnostic.code,
        diagnostic.message_in(language)
    );
    if let Some(help) = diagnostic.help_in(language) {
        let label = format(language, "label-help", &[]);
        let _ = writeln!(out, "      {label}: {help}");
    }
}

fn severity_id(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "import-severity-error",
        Severity::Warning => "import-severity-warning",
    }
}

#[derive(Serialize)]
struct JsonImport<'a> {
    files: Vec<JsonFile<'a>>,
    written: usize,
    failed: usize,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    source: &'a str,
    written: Option<&'a str>,
    error: Option<Cow<'a, str>>,
    imported: Option<Imported>,
    findings: Vec<JsonFinding<'a>>,
    check: Vec<JsonDiagnostic<'a>>,
}

/// An import finding in the JSON: the keys the report has always had.
#[derive(Serialize)]
struct JsonFinding<'a> {
    code: Code,
    severity: Severity,
    message: Cow<'a, str>,
    line: Option<usize>,
    word: Option<&'a WordPlace>,
}

impl<'a> JsonFinding<'a> {
    fn new(finding: &'a Finding, language: Language) -> Self {
        Self {
            code: finding.diagnostic.code,
            severity: finding.diagnostic.severity,
            message: finding.diagnostic.message_in(language),
            line: finding.diagnostic.line(),
            word: finding.word.as_ref(),
        }
    }
}

pub(crate) fn render_json(reports: &[FileReport], language: Language) -> String {
    let files: Vec<JsonFile<'_>> = reports
        .iter()
        .map(|report| match &report.outcome {
            Err(reason) => JsonFile {
                source: &report.source,
                written: None,
                error: Some(reason.in_language(language)),
                imported: None,
                findings: Vec::new(),
                check: Vec::new(),
            },
            Ok(file) => JsonFile {
                source: &report.source,
                written: Some(&file.path),
                error: None,
                imported: Some(file.imported),
                findings: file
                    .findings
                    .iter()
                    .map(|finding| JsonFinding::new(finding, language))
                    .collect(),
                check: crate::diagnostics::JsonReport::new(&file.check, language).diagnostics,
            },
        })
        .collect();
    let failed = reports.iter().filter(|r| r.failed()).count();
    let report = JsonImport {
        written: reports.len() - failed,
        failed,
        files,
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}
