//! The terminal rendering: file, line and column, the source line with a caret under the
//! span, and the help line. Layout is miette's; this module only maps our model onto it.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteSpanContents,
    NamedSource, SourceCode,
};
use rayon::prelude::*;

use super::catalogue::{Language, format};
use super::snippet::{Snippet, escape_controls, snippet};
use super::{Arg, Counts, Diagnostic, Severity};

/// Lines shown before and after a finding's line.
const CONTEXT_LINES: usize = 1;

/// Renders every finding followed by a summary line, in `language`. `color` is for terminals
/// only.
///
/// Findings of one code on one line are shown once, with how many more there are: a line
/// with 8,000 undefined citations is one finding's worth of output, not 8,000.
pub fn render_human(diagnostics: &[Diagnostic], color: bool, language: Language) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Made once and copied for each job: making one asks the terminal for its size.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES);
    // Each finding with how many more of its kind follow on its line.
    let mut shown = Vec::new();
    let mut rest = diagnostics;
    while let Some((first, _)) = rest.split_first() {
        let repeats = rest[1..]
            .iter()
            .take_while(|d| same_kind_and_line(first, d))
            .count();
        shown.push((first, repeats));
        rest = &rest[1 + repeats..];
    }
    // On every core: a site with thousands of warnings renders each with its lines.
    let rendered: Vec<String> = shown
        .par_iter()
        .map_init(
            || handler.clone(),
            |handler, &(finding, repeats)| {
                let mut out = String::new();
                render_one(handler, finding, repeats, language, &mut out);
                out
            },
        )
        .collect();
    let mut out = rendered.concat();
    let counts = Counts::of(diagnostics);
    out.push_str(&summary_line(counts, language));
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
    language: Language,
    out: &mut String,
) {
    let message = diagnostic.message_in(language);
    let mut report = MietteDiagnostic::new(escape_controls(&message).into_owned())
        .with_code(diagnostic.code.as_str())
        .with_severity(match diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    let more = (repeats > 0).then(|| more_on_line(diagnostic, repeats, language));
    let help = match (diagnostic.help_in(language), more) {
        (Some(help), Some(more)) => Some(format!("{help}\n{more}")),
        (help, more) => help.map(|help| help.into_owned()).or(more),
    };
    if let Some(help) = &help {
        report = report.with_help(escape_controls(help).into_owned());
    }
    let rendered = match &diagnostic.position {
        Some(position) => {
            let shown = snippet(&position.source, &position.span, CONTEXT_LINES);
            report = report.with_label(LabeledSpan::at(
                shown.span.clone(),
                format(language, "label-here", &[]),
            ));
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
    let rendered = rendered.unwrap_or_else(|_| format!("{}\n", escape_controls(&message)));
    out.push_str(&with_help_word(rendered, help.as_deref(), language));
    out.push('\n');
}

/// miette writes its `help:` label in English; in another language the label before the help
/// text is replaced (found by the help's first word, so text in the snippet is never touched).
fn with_help_word(rendered: String, help: Option<&str>, language: Language) -> String {
    let Some(first_word) = help.and_then(|help| help.split_whitespace().next()) else {
        return rendered;
    };
    if language == Language::En {
        return rendered;
    }
    let english = format!("help: {}", escape_controls(first_word));
    match rendered.rfind(&english) {
        Some(at) => {
            let word = format(language, "label-help", &[]);
            format!(
                "{}{word}: {}",
                &rendered[..at],
                &rendered[at + "help: ".len()..]
            )
        }
        None => rendered,
    }
}

/// "and 3 more `citation.undefined` on this line".
pub(super) fn more_on_line(diagnostic: &Diagnostic, repeats: usize, language: Language) -> String {
    format(
        language,
        "more-on-line",
        &[
            ("count", Arg::from(repeats)),
            ("code", Arg::from(diagnostic.code.as_str())),
        ],
    )
}

/// "1 error, 2 warnings", ending the output.
pub(crate) fn summary_line(counts: Counts, language: Language) -> String {
    let summary = format(
        language,
        "summary",
        &[
            ("errors", Arg::from(counts.errors)),
            ("warnings", Arg::from(counts.warnings)),
        ],
    );
    summary + "\n"
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
