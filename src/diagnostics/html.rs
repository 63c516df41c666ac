//! The HTML rendering of a finding, for the preview's overlay: the place, the code, the
//! message, the source lines with the caret under the span as in the terminal, and the help.
//! Every text from a guideline or the file system is HTML-escaped.

use std::fmt::Write as _;

use super::catalogue::{Language, format};
use super::snippet::snippet;
use super::{Diagnostic, Position};
use crate::render::markdown::escape;

/// Lines shown before and after a finding's line, as in the terminal.
const CONTEXT_LINES: usize = 1;

/// One finding as an HTML fragment (no list item around it), in `language`.
pub(crate) fn render_diagnostic(diagnostic: &Diagnostic, language: Language) -> String {
    let mut html = String::with_capacity(512);
    let place = match (&diagnostic.file, diagnostic.line(), diagnostic.column()) {
        (Some(file), Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        (Some(file), _, _) => file.clone(),
        (None, _, _) => String::new(),
    };
    // Writing to a String cannot fail.
    if !place.is_empty() {
        let _ = write!(
            html,
            "<code style=\"font-weight:bold\">{}</code> ",
            escape(&place)
        );
    }
    let _ = write!(
        html,
        "<code style=\"color:#555\">[{}]</code><div>{}</div>",
        escape(diagnostic.code.as_str()),
        escape(&diagnostic.message_in(language))
    );
    if let Some(position) = &diagnostic.position {
        let _ = write!(
            html,
            concat!(
                "<pre style=\"margin:4px 0;padding:6px 8px;background:#fff;border:1px solid #e0c0c0;",
                "overflow-x:auto;font:13px/1.4 ui-monospace,monospace;white-space:pre\">{}</pre>"
            ),
            escape(&source_lines(position, language))
        );
    }
    if let Some(help) = diagnostic.help_in(language) {
        let _ = write!(
            html,
            "<div style=\"color:#333\">{}: {}</div>",
            escape(&format(language, "label-help", &[])),
            escape(&help)
        );
    }
    html
}

/// The lines around the finding with a line-number gutter, and under the finding's line the
/// caret and its label, laid out as the terminal shows them:
///
/// ```text
/// 49 │
/// 50 │ ::: anbefaling 1 (E)
///    ·                   ┬
///    ·                   ╰── here
/// 51 │ Alle patienter …
/// ```
///
/// The lines are windowed and control characters escaped ([`snippet`]), so a megabyte line
/// stays small. The text is plain; the caller escapes it.
pub(crate) fn source_lines(position: &Position, language: Language) -> String {
    let shown = snippet(&position.source, &position.span, CONTEXT_LINES);
    let finding_line = position.line;
    let last_number = shown.first_line + shown.text.lines().count();
    let width = last_number.max(finding_line).to_string().len();
    let pad = " ".repeat(width);
    let mut out = String::with_capacity(shown.text.len() + 128);
    let mut offset = 0;
    for (i, line) in shown.text.split_inclusive('\n').enumerate() {
        let number = shown.first_line + i + 1;
        let text = line.trim_end_matches('\n');
        let _ = writeln!(out, "{number:>width$} │ {text}");
        let line_start = offset;
        offset += line.len();
        if number != finding_line {
            continue;
        }
        let start = shown.span.start.saturating_sub(line_start).min(text.len());
        let end = shown
            .span
            .end
            .saturating_sub(line_start)
            .clamp(start, text.len());
        // Tabs stay tabs, so the caret lines up under text that holds them.
        let indent: String = text[..start]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        // As miette draws it: the span underlined, the label hanging from its middle.
        let width = text[start..end].chars().count().max(1);
        let middle = width / 2;
        let _ = writeln!(
            out,
            "{pad} · {indent}{}┬{}",
            "─".repeat(middle),
            "─".repeat(width - middle - 1)
        );
        let _ = writeln!(
            out,
            "{pad} · {indent}{}╰── {}",
            " ".repeat(middle),
            format(language, "label-here", &[])
        );
    }
    out.truncate(out.trim_end_matches('\n').len());
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::{Message, codes};
    use crate::source::SourceFile;

    fn finding(text: &str, at: &str) -> Diagnostic {
        let source = Arc::new(SourceFile::new(
            "guidelines/dlg/<b>.md".into(),
            "guidelines/dlg/<b>.md".into(),
            text.to_owned(),
        ));
        let start = text.find(at).unwrap();
        Diagnostic::error(
            codes::RECOMMENDATION_BAD_STRENGTH,
            "`(E)` is not a strength: <script>alert(1)</script>",
        )
        .with_help("use A & B")
        .at(&source, start..start + at.len())
    }

    #[test]
    fn the_caret_sits_under_the_span_with_the_neighbouring_lines() {
        let text = "før\n::: anbefaling 1 (E) <i>\nefter\n";
        let shown = source_lines(finding(text, "E").position.as_ref().unwrap(), Language::En);
        assert_eq!(
            shown,
            "1 │ før\n2 │ ::: anbefaling 1 (E) <i>\n  ·                   ┬\n  ·                   ╰── here\n3 │ efter"
        );
    }

    #[test]
    fn everything_from_the_guideline_is_escaped() {
        let html = render_diagnostic(&finding("::: anbefaling 1 (E) <i>\n", "(E)"), Language::En);
        assert!(html.contains("guidelines/dlg/&lt;b&gt;.md:1:18"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>") && !html.contains("<i>") && !html.contains("<b>"));
        assert!(html.contains("help: use A &amp; B"), "{html}");
        assert!(html.contains("─┬─"), "{html}");
    }

    #[test]
    fn the_labels_follow_the_language() {
        let finding =
            finding("::: anbefaling 1 (E)\n", "(E)").with_help(Message::new("label-here"));
        let html = render_diagnostic(&finding, Language::Da);
        assert!(html.contains("╰── her"), "{html}");
        assert!(html.contains("hjælp: her"), "{html}");
    }

    #[test]
    fn a_long_line_is_a_window_with_the_caret_under_the_finding() {
        let text = format!("{}[^x]{}", "a".repeat(10_000), "b".repeat(10_000));
        let shown = source_lines(
            finding(&text, "[^x]").position.as_ref().unwrap(),
            Language::En,
        );
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[0].chars().count() < 140, "{}", lines[0]);
        let caret = lines[1].chars().position(|c| c == '─').unwrap();
        let at: String = lines[0].chars().skip(caret).take(4).collect();
        assert_eq!(at, "[^x]");
    }
}
