//! The terminal rendering: file, line and column, the source line with a caret under the
//! span, and the help line. Layout is miette's; this module only maps our model onto it.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteSpanContents,
    NamedSource, SourceCode,
};

use super::{Counts, Diagnostic, Severity};

/// Renders every finding followed by a summary line. `color` is for terminals only.
pub fn render_human(diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for diagnostic in diagnostics {
        render_one(&handler, diagnostic, &mut out);
    }
    let counts = Counts::of(diagnostics);
    out.push_str(&summary_line(counts));
    out
}

fn render_one(handler: &GraphicalReportHandler, diagnostic: &Diagnostic, out: &mut String) {
    let mut report = MietteDiagnostic::new(diagnostic.message.clone())
        .with_code(diagnostic.code)
        .with_severity(match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help.clone());
    }
    let rendered = match &diagnostic.position {
        Some(position) => {
            report = report.with_label(LabeledSpan::at(position.span.clone(), "here"));
            let source = NamedSource::new(
                position.source.display_path.clone(),
                SharedText(std::sync::Arc::clone(&position.source)),
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
                report.message = format!("{file}: {}", report.message);
            }
            let mut text = String::new();
            handler.render_report(&mut text, &report).map(|()| text)
        }
    };
    // Rendering into a String cannot fail; fall back to the bare message if it ever does.
    out.push_str(&rendered.unwrap_or_else(|_| format!("{}\n", diagnostic.message)));
    out.push('\n');
}

fn summary_line(counts: Counts) -> String {
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

/// Lets miette read a file's text without copying it for every finding.
#[derive(Debug)]
struct SharedText(std::sync::Arc<crate::source::SourceFile>);

impl SourceCode for SharedText {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents =
            self.0
                .text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        if context_lines_before > 0 {
            return Ok(contents);
        }
        // miette counts the column in bytes; the `file:line:column` it prints from this must
        // count characters, like the JSON and an editor ("æ" is one column, not two).
        let column = self.0.line_col(span.offset()).column - 1;
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}
