//! The import report, per file: what was imported, every finding with its place in the Word
//! document and its line in the Markdown, and what `retning check` says about the written
//! file. Human and JSON.

use std::fmt::Write;

use serde::Serialize;

use super::{Imported, Located, WordPlace};
use crate::diagnostics::catalogue::format;
use crate::diagnostics::{Arg, Code, Counts, Diagnostic, JsonDiagnostic, Language, Severity};

pub(crate) struct FileReport {
    /// The Word file as the user named it.
    pub(crate) source: String,
    pub(crate) outcome: Result<WrittenFile, String>,
}

pub(crate) struct WrittenFile {
    /// `guidelines/<group>/<slug>.md`.
    pub(crate) path: String,
    pub(crate) imported: Imported,
    pub(crate) findings: Vec<Located>,
    /// `retning check`'s findings about the written file.
    pub(crate) check: Vec<Diagnostic>,
}

impl FileReport {
    pub(crate) fn failed(&self) -> bool {
        self.outcome.is_err()
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Renders every file's report and the summary line, in `language` (the importer's own
/// findings are English for now).
pub(crate) fn render_human(reports: &[FileReport], language: Language) -> String {
    let mut out = String::new();
    for report in reports {
        match &report.outcome {
            Err(reason) => {
                let not_imported = format(
                    language,
                    "import-not-imported",
                    &[("reason", Arg::from(reason.as_str()))],
                );
                let _ = writeln!(out, "{}: {not_imported}\n", report.source);
            }
            Ok(file) => render_file(&report.source, file, language, &mut out),
        }
    }
    let failed = reports.iter().filter(|r| r.failed()).count();
    let written = reports.len() - failed;
    let (mut errors, mut warnings) = (0, 0);
    for file in reports.iter().filter_map(|r| r.outcome.as_ref().ok()) {
        for finding in &file.findings {
            match finding.finding.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        let counts = Counts::of(&file.check);
        errors += counts.errors;
        warnings += counts.warnings;
    }
    let summary = format(
        language,
        "import-summary",
        &[
            ("written", Arg::from(written)),
            ("failed", Arg::from(failed)),
            ("errors", Arg::from(errors)),
            ("warnings", Arg::from(warnings)),
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
    for located in &file.findings {
        let finding = &located.finding;
        let line = located
            .line
            .map_or_else(|| "-".to_owned(), |line| format!("{}:{line}", file.path));
        let word = finding
            .word
            .as_ref()
            .map_or_else(|| "-".to_owned(), WordPlace::describe);
        let _ = writeln!(
            out,
            "  {}[{}] {line} (Word: {word})\n      {}",
            severity_name(finding.severity),
            finding.code,
            finding.message
        );
    }
    for diagnostic in &file.check {
        let at = match (diagnostic.line(), diagnostic.column()) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", file.path),
            _ => file.path.clone(),
        };
        let _ = writeln!(
            out,
            "  check: {}[{}] {at}\n      {}",
            severity_name(diagnostic.severity),
            diagnostic.code,
            diagnostic.message_in(language)
        );
    }
    out.push('\n');
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
    error: Option<&'a str>,
    imported: Option<Imported>,
    findings: Vec<JsonFinding<'a>>,
    check: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    line: Option<usize>,
    word: Option<&'a WordPlace>,
}

pub(crate) fn render_json(reports: &[FileReport], language: Language) -> String {
    let files: Vec<JsonFile<'_>> = reports
        .iter()
        .map(|report| match &report.outcome {
            Err(reason) => JsonFile {
                source: &report.source,
                written: None,
                error: Some(reason),
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
                    .map(|located| JsonFinding {
                        code: located.finding.code,
                        severity: located.finding.severity,
                        message: &located.finding.message,
                        line: located.line,
                        word: located.finding.word.as_ref(),
                    })
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
