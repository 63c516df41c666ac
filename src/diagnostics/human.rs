//! The terminal rendering: file, line and column, the source line with a caret under the
//! span, and the help line. Layout is miette's; this module only maps our model onto it.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteSpanContents,
    NamedSource, SourceCode,
};

use super::snippet::{Snippet, escape_controls, snippet};
use super::{Counts, Diagnostic, Severity};

/// Lines shown before and after a finding's line.
const CONTEXT_LINES: usize = 1;

/// Renders every finding followed by a summary line. `color` is for terminals only.
///
/// Findings of one code on one line are shown once, with how many more there are: a line
/// with 8,000 undefined citations is one finding's worth of output, not 8,000.
pub fn render_human(diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES);
    let mut out = String::new();
    let mut rest = diagnostics;
    while let Some((first, _)) = rest.split_first() {
        let repeats = rest[1..]
            .iter()
            .take_while(|d| same_kind_and_line(first, d))
            .count();
        render_one(&handler, first, repeats, &mut out);
        rest = &rest[1 + repeats..];
    }
    let counts = Counts::of(diagnostics);
    out.push_str(&summary_line(counts));
    out
}

/// Findings of one code on one line are shown once (in every rendering for people).
pub(super) fn same_kind_and_line(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.code == b.code && a.file == b.file && a.line().is_some() && a.line() == b.line()
}

fn render_one(
    handler: &GraphicalReportHandler,
    diagnostic: &Diagnostic,
    repeats: usize,
    out: &mut String,
) {
    let mut report = MietteDiagnostic::new(escape_controls(&diagnostic.message).into_owned())
        .with_code(diagnostic.code)
        .with_severity(match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    let more = match repeats {
        0 => None,
        1 => Some(format!("and 1 more `{}` on this line", diagnostic.code)),
        n => Some(format!("and {n} more `{}` on this line", diagnostic.code)),
    };
    let help = match (&diagnostic.help, more) {
        (Some(help), Some(more)) => Some(format!("{help}\n{more}")),
        (help, more) => help.clone().or(more),
    };
    if let Some(help) = help {
        report = report.with_help(escape_controls(&help).into_owned());
    }
    let rendered = match &diagnostic.position {
        Some(position) => {
            let shown = snippet(&position.source, &position.span, CONTEXT_LINES);
            report = report.with_label(LabeledSpan::at(shown.span.clone(), "here"));
            let name = escape_controls(&position.source.display_path).into_owned();
            let source = NamedSource::new(
                name,
                Shown {
                    snippet: shown,
                    column: position.column - 1,
                },
            )
            .with_language("markdown");
            let report = miette::Report::new(report).with_source_code(source);
            let mut text = String::new();
            handler
                .render_report(&mut text, report.as_ref())
                .map(|()| text)
        }
        None => {
            if let Some(file) = &diagnostic.file {
                report.message = format!("{}: {}", escape_controls(file), report.message);
            }
            let mut text = String::new();
            handler.render_report(&mut text, &report).map(|()| text)
        }
    };
    // Rendering into a String cannot fail; fall back to the bare message if it ever does.
    out.push_str(
        &rendered.unwrap_or_else(|_| format!("{}\n", escape_controls(&diagnostic.message))),
    );
    out.push('\n');
}

pub(super) fn summary_line(counts: Counts) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}\n",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning")
    )
}

/// The window of the file a finding shows ([`snippet`]): miette reads only that, and is told
/// the line and column they stand at in the file.
#[derive(Debug)]
struct Shown {
    snippet: Snippet,
    /// The finding's 0-based column in characters, as the JSON and an editor count it
    /// ("æ" is one column, not two); miette would count bytes of the window.
    column: usize,
}

impl SourceCode for Shown {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self.snippet.text.as_str().read_span(
            span,
            context_lines_before,
            context_lines_after,
        )?;
        let column = if context_lines_before > 0 {
            contents.column()
        } else {
            self.column
        };
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            *contents.span(),
            contents.line() + self.snippet.first_line,
            column,
            contents.line_count(),
        )))
    }
}
