//! The GitLab rendering: a Code Quality report (a JSON array of issues), which GitLab shows
//! in a merge request's widget and on the changed lines when a job keeps it as the
//! `codequality` report artifact.

use serde::Serialize;

use super::{Diagnostic, Language, Severity};

#[derive(Debug, Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    /// Stable across pipelines for the same finding, so GitLab can tell new from fixed.
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Debug, Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

/// Renders every finding as a Code Quality issue. `path_prefix` is the site root's folder
/// relative to the repository root, as for [`super::render_github`]: GitLab places issues by
/// paths from the repository root. A finding about no file is placed on the site's folder.
pub(crate) fn render_gitlab(
    diagnostics: &[Diagnostic],
    path_prefix: &str,
    language: Language,
) -> String {
    let issues: Vec<Issue> = diagnostics
        .iter()
        .map(|d| {
            let path = match &d.file {
                Some(file) => format!("{path_prefix}{file}"),
                None if path_prefix.is_empty() => ".".to_owned(),
                None => path_prefix.trim_end_matches('/').to_owned(),
            };
            let message = d.message_in(language);
            let description = match d.help_in(language) {
                Some(help) => format!(
                    "{message} ({}: {help})",
                    super::catalogue::format(language, "label-help", &[])
                ),
                None => message.into_owned(),
            };
            let line = d.line().unwrap_or(1);
            let fingerprint = blake3::hash(
                format!(
                    "{}\0{path}\0{line}\0{:?}\0{}",
                    d.code,
                    d.column(),
                    // English whatever the language, so switching it keeps the issues GitLab
                    // already knows.
                    d.message.english()
                )
                .as_bytes(),
            )
            .to_hex()[..32]
                .to_owned();
            Issue {
                description,
                check_name: d.code.as_str(),
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_about_no_file_is_placed_on_the_sites_folder() {
        let finding = Diagnostic::warning(crate::diagnostics::codes::CONFIG_INVALID, "bad");
        let json: serde_json::Value =
            serde_json::from_str(&render_gitlab(&[finding], "site/", Language::En)).unwrap();
        assert_eq!(json[0]["location"]["path"], "site");
        assert_eq!(json[0]["location"]["lines"]["begin"], 1);
        assert_eq!(json[0]["severity"], "minor");
        assert_eq!(json[0]["fingerprint"].as_str().unwrap().len(), 32);
    }

    #[test]
    fn no_findings_is_an_empty_array() {
        assert_eq!(render_gitlab(&[], "", Language::En), "[]\n");
    }
}
