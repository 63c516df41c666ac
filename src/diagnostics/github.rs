//! The GitHub Actions rendering: one workflow command per finding
//! (`::error file=…,line=…,col=…,endColumn=…,title=<code>::<message>`), so each finding shows
//! on its line of a pull request, then the summary line as plain log text.
//!
//! A workflow command is one line, and GitHub reads its properties up to the next `,` or `::`.
//! So the text is escaped as GitHub requires (`%`, `\r` and `\n` everywhere, `:` and `,` in
//! properties too): a guideline whose text holds `\n::error …` or `%0A` cannot forge an
//! annotation or end one early. Other control characters are written as escapes (`\u{1b}`),
//! as in the terminal rendering, since the log is shown in a terminal-like viewer.

use std::fmt::Write as _;

use super::snippet::escape_controls;
use super::{Counts, Diagnostic, Language, Severity};

/// Renders every finding as a workflow command, then the summary line.
///
/// `path_prefix` is the site root's folder relative to the repository root (`""` when the
/// site is the repository, else e.g. `"site/"`): GitHub places annotations by paths from the
/// repository root, while findings name files from the site root. Findings of one code on one
/// line are one annotation, as in the terminal (GitHub shows at most ten of each kind per step).
pub(crate) fn render_github(
    diagnostics: &[Diagnostic],
    path_prefix: &str,
    language: Language,
) -> String {
    let mut out = String::new();
    let mut rest = diagnostics;
    while let Some((first, _)) = rest.split_first() {
        let repeats = rest[1..]
            .iter()
            .take_while(|d| super::human::same_kind_and_line(first, d))
            .count();
        render_one(first, repeats, path_prefix, language, &mut out);
        rest = &rest[1 + repeats..];
    }
    out.push_str(&super::human::summary_line(
        Counts::of(diagnostics),
        language,
    ));
    out
}

fn render_one(
    diagnostic: &Diagnostic,
    repeats: usize,
    path_prefix: &str,
    language: Language,
    out: &mut String,
) {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties: Vec<(&str, String)> = Vec::new();
    if let Some(file) = &diagnostic.file {
        properties.push(("file", format!("{path_prefix}{file}")));
    }
    if let Some(position) = &diagnostic.position {
        let end = position.source.line_col(position.span.end);
        properties.push(("line", position.line.to_string()));
        if end.line != position.line {
            properties.push(("endLine", end.line.to_string()));
        }
        properties.push(("col", position.column.to_string()));
        if end.line == position.line && end.column > position.column {
            properties.push(("endColumn", end.column.to_string()));
        }
    }
    properties.push(("title", diagnostic.code.as_str().to_owned()));

    let mut message = diagnostic.message_in(language).into_owned();
    if let Some(help) = diagnostic.help_in(language) {
        message.push('\n');
        message.push_str(&super::catalogue::format(language, "label-help", &[]));
        message.push_str(": ");
        message.push_str(&help);
    }
    if repeats > 0 {
        message.push('\n');
        message.push_str(&super::human::more_on_line(diagnostic, repeats, language));
    }

    out.push_str("::");
    out.push_str(command);
    for (i, (name, value)) in properties.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { ',' });
        // Writing to a String cannot fail.
        let _ = write!(out, "{name}={}", escape_property(value));
    }
    out.push_str("::");
    out.push_str(&escape_data(&message));
    out.push('\n');
}

/// A message: `%`, `\r` and `\n` as GitHub's percent escapes (a line break stays a line break
/// in the annotation), every other control character as a visible escape.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_controls(text).chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value: as a message, and `:` and `,` too, which would end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_keep_line_breaks_as_escapes_and_cannot_start_a_command() {
        assert_eq!(
            escape_data("100 %\r\n::error::forged\u{1b}[2J"),
            "100 %25%0D%0A::error::forged\\u{1b}[2J"
        );
    }

    #[test]
    fn properties_escape_what_would_end_them() {
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
    }

    #[test]
    fn a_finding_without_a_file_is_a_bare_annotation() {
        let finding = Diagnostic::error(
            crate::diagnostics::codes::CONFIG_INVALID,
            "retning.toml: bad",
        );
        assert_eq!(
            render_github(&[finding], "site/", Language::En),
            "::error title=config.invalid::retning.toml: bad\n1 error, 0 warnings\n"
        );
    }
}
