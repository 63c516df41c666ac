//! Splitting a file into its `+++` TOML front matter and its Markdown body, and reading the
//! front matter into the typed model with file positions for every error.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Message, codes, message};
use crate::model::{DATE_HINT, DateProblem, FrontMatter, date_problem};
use crate::source::SourceFile;

/// Where the front matter and the body lie in the file.
#[derive(Debug, Clone)]
pub(super) struct Split {
    /// The TOML between the `+++` lines.
    pub(crate) front_matter: Range<usize>,
    /// Everything after the closing `+++` line.
    pub(crate) body: Range<usize>,
}

/// Finds the `+++` fences. The opening fence must be the first line.
pub(super) fn split(source: &Arc<SourceFile>) -> Result<Split, Box<Diagnostic>> {
    let text = &source.text;
    let mut lines = line_spans(text);
    let first = lines.next();
    let opening = match first {
        Some(span) if text[span.clone()].trim_end() == "+++" => span,
        _ => {
            let span = first.unwrap_or(0..0);
            let message = if text.trim().is_empty() {
                message!("frontmatter-missing-empty")
            } else {
                message!("frontmatter-missing")
            };
            return Err(Box::new(
                Diagnostic::error(codes::FRONTMATTER_MISSING, message)
                    .at(source, span)
                    .with_help(message!("frontmatter-missing-help")),
            ));
        }
    };
    let front_start = next_line_start(text, opening.end);
    for span in lines {
        if text[span.clone()].trim_end() == "+++" {
            return Ok(Split {
                front_matter: front_start..span.start,
                body: next_line_start(text, span.end)..text.len(),
            });
        }
    }
    Err(Box::new(
        Diagnostic::error(
            codes::FRONTMATTER_UNTERMINATED,
            message!("frontmatter-unterminated"),
        )
        .at(source, opening)
        .with_help(message!("frontmatter-unterminated-help")),
    ))
}

/// Reads the front matter. The first problem is reported (TOML stops there).
pub(super) fn parse(
    source: &Arc<SourceFile>,
    split: &Split,
) -> Result<FrontMatter, Box<Diagnostic>> {
    let text = &source.text[split.front_matter.clone()];
    let offset = split.front_matter.start;
    toml::from_str::<FrontMatter>(text).map_err(|err| {
        let local = err.span().unwrap_or(0..0);
        let span = local.start + offset..local.end + offset;
        Box::new(classify(text, local, err.message().trim()).at(source, span))
    })
}

/// Control characters in front-matter values. TOML refuses them typed as they are, but an
/// escape (`"\u001b"`) puts one in a title, from where it would reach every page, the feed
/// (where XML forbids it) and the author's terminal. Tab and line ends are text.
pub(super) fn control_characters(source: &Arc<SourceFile>, split: &Split) -> Vec<Diagnostic> {
    let text = &source.text[split.front_matter.clone()];
    // Only an escape can write one: most front matter has no backslash at all.
    if !text.contains('\\') {
        return Vec::new();
    }
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    controls_in_table(table.get_ref(), &mut spans);
    let offset = split.front_matter.start;
    spans
        .into_iter()
        .map(|(span, c)| {
            Diagnostic::error(
                codes::FRONTMATTER_CONTROL_CHARACTER,
                message!(
                    "frontmatter-control-character",
                    code = format!("{:04X}", u32::from(c))
                ),
            )
            .at(source, span.start + offset..span.end + offset)
            .with_help(message!("frontmatter-control-character-help"))
        })
        .collect()
}

fn controls_in_table(table: &toml::de::DeTable<'_>, out: &mut Vec<(Range<usize>, char)>) {
    for (key, value) in table {
        if let Some(c) = key.get_ref().chars().find(|&c| is_control(c)) {
            out.push((key.span(), c));
        }
        controls_in_value(value, out);
    }
}

fn controls_in_value(
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    out: &mut Vec<(Range<usize>, char)>,
) {
    match value.get_ref() {
        toml::de::DeValue::String(text) => {
            if let Some(c) = text.chars().find(|&c| is_control(c)) {
                out.push((value.span(), c));
            }
        }
        toml::de::DeValue::Array(items) => {
            for item in items {
                controls_in_value(item, out);
            }
        }
        toml::de::DeValue::Table(table) => controls_in_table(table, out),
        _ => {}
    }
}

fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The finding for a front-matter error: `message` is the TOML or serde error at `span`
/// (relative to `text`), whose English is read for what went wrong and which names it gives.
fn classify(text: &str, span: Range<usize>, message: &str) -> Diagnostic {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // The key is the author's and may hold anything, even a backtick; the names serde
        // expected are the model's field names and come last.
        let end = rest
            .rfind("`, expected")
            .or_else(|| rest.rfind("`, there are no fields"))
            .unwrap_or(rest.len());
        let (key, expected) = (&rest[..end], rest.get(end + 1..).unwrap_or(""));
        let keys = backticked(expected);
        let help = message!("frontmatter-unknown-key-help", keys = keys);
        return Diagnostic::error(
            codes::FRONTMATTER_UNKNOWN_KEY,
            message!("frontmatter-unknown-key", key = key),
        )
        .with_help(help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split_once('`').map_or(rest, |(key, _)| key);
        return Diagnostic::error(
            codes::FRONTMATTER_MISSING_KEY,
            message!("frontmatter-missing-key", key = key),
        )
        .with_help(message!("frontmatter-missing-key-help"));
    }
    let value = text.get(span).unwrap_or("").trim();
    if message.ends_with(DATE_HINT) {
        return Diagnostic::error(codes::FRONTMATTER_BAD_DATE, bad_date(value))
            .with_help(message!("frontmatter-bad-date-help"));
    }
    // TOML reads dates itself: `2027-02-30` or `2027-6-1` fail as TOML, but what the author
    // must fix is the date.
    if message.starts_with("invalid date") {
        return Diagnostic::error(
            codes::FRONTMATTER_BAD_DATE,
            message!("frontmatter-bad-date-invalid", value = value),
        )
        .with_help(message!("frontmatter-bad-date-invalid-help"));
    }
    // Data errors need valid TOML; when the text is not TOML at all it is a syntax error.
    if toml::from_str::<toml::Table>(text).is_err() {
        return Diagnostic::error(
            codes::FRONTMATTER_SYNTAX,
            message!("frontmatter-syntax", detail = message),
        )
        .with_help(message!("frontmatter-syntax-help"));
    }
    let invalid = match message.strip_prefix("unknown variant `") {
        Some(rest) => {
            let end = rest.rfind("`, expected").unwrap_or(rest.len());
            let (variant, expected) = (&rest[..end], rest.get(end + 1..).unwrap_or(""));
            message!(
                "frontmatter-invalid-variant",
                value = variant,
                allowed = backticked(expected)
            )
        }
        None => message!("frontmatter-invalid", detail = message),
    };
    Diagnostic::error(codes::FRONTMATTER_INVALID, invalid)
        .with_help(message!("frontmatter-invalid-help"))
}

/// What is wrong with the date written as `value`: read again, as serde's error holds only
/// its English text.
fn bad_date(value: &str) -> Message {
    let problem = match value
        .parse::<toml::Value>()
        .map(|value| date_problem(&value))
    {
        Ok(Err(problem)) => problem,
        // Not readable again (it was, for serde to call the date deserializer): the value
        // as it stands.
        _ => DateProblem::NotADate {
            value: value.to_owned(),
        },
    };
    match problem {
        DateProblem::NotInCalendar { value, detail } => message!(
            "frontmatter-bad-date-not-in-calendar",
            value = value,
            detail = detail
        ),
        DateProblem::TimeOfDay { value } => {
            message!("frontmatter-bad-date-time-of-day", value = value)
        }
        DateProblem::Blank => message!("frontmatter-bad-date-blank"),
        DateProblem::MonthOnly { value } => {
            message!("frontmatter-bad-date-month-only", value = value)
        }
        DateProblem::Quoted { value } => message!("frontmatter-bad-date-quoted", value = value),
        DateProblem::NotADate { value } => {
            message!("frontmatter-bad-date-not-a-date", value = value)
        }
        DateProblem::WrongType { found } => {
            message!("frontmatter-bad-date-wrong-type", found = found)
        }
    }
}

/// The names serde lists in backticks (`` expected one of `a`, `b` ``), listed the same way
/// in every language: `` `a`, `b` ``.
fn backticked(text: &str) -> String {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Byte ranges of each line without its line ending.
pub(crate) fn line_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // The pre-pass reads every line of every file: memchr finds the line ends with SIMD.
    let bytes = text.as_bytes();
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = ends.next().unwrap_or(text.len());
        let line = start..end;
        start = end + 1;
        let trimmed_end = if bytes[line.clone()].ends_with(b"\r") {
            end - 1
        } else {
            end
        };
        Some(line.start..trimmed_end)
    })
}

fn next_line_start(text: &str, line_end: usize) -> usize {
    text[line_end..]
        .find('\n')
        .map_or(text.len(), |i| line_end + i + 1)
}

#[cfg(test)]
mod tests {
    use super::{classify, line_spans};
    use crate::diagnostics::{Language, codes};

    /// The finding's code, and its message and help in Danish.
    fn danish(text: &str, message: &str) -> (crate::diagnostics::Code, String, String) {
        let span = text
            .find('=')
            .map_or(0..0, |i| i + 2..text.trim_end().len());
        let finding = classify(text, span, message);
        let help = finding
            .help_in(Language::Da)
            .unwrap_or_default()
            .into_owned();
        (
            finding.code,
            finding.message_in(Language::Da).into_owned(),
            help,
        )
    }

    #[test]
    fn an_unknown_key_is_named_whole_even_with_a_backtick_and_the_keys_are_listed() {
        let (code, message, help) = danish(
            "ti`tle = 1\n",
            "unknown field `ti`tle`, expected `title` or `version`",
        );
        assert_eq!(code, codes::FRONTMATTER_UNKNOWN_KEY);
        assert_eq!(message, "`ti`tle` er ikke en kendt nøgle i forsiden");
        assert!(help.contains("her kan stå `title`, `version`"), "{help}");
    }

    #[test]
    fn a_value_outside_a_list_names_the_allowed_ones() {
        let (code, message, _) = danish(
            "status = \"godkendt\"\n",
            "unknown variant `godkendt`, expected `draft` or `approved`",
        );
        assert_eq!(code, codes::FRONTMATTER_INVALID);
        assert_eq!(
            message,
            "`godkendt` er ikke tilladt her; de tilladte værdier er `draft`, `approved`"
        );
    }

    #[test]
    fn a_bad_date_is_read_again_for_its_problem() {
        let hint = crate::model::DATE_HINT;
        let cases = [
            ("planned = \"\"\n", "datoen er tom"),
            (
                "planned = \"2027-06-01\"\n",
                "`2027-06-01` står i anførselstegn",
            ),
            (
                "planned = 2027-06-01T10:00:00\n",
                "`2027-06-01T10:00:00` har et klokkeslæt",
            ),
            ("planned = [1]\n", "der står en liste"),
        ];
        for (text, says) in cases {
            let (code, message, help) = danish(text, &format!("whatever {hint}"));
            assert_eq!(code, codes::FRONTMATTER_BAD_DATE, "{text}");
            assert!(message.contains(says), "{text}: {message}");
            assert!(help.contains("ÅÅÅÅ-MM-DD"), "{help}");
        }
    }

    #[test]
    fn line_spans_leave_out_line_endings_and_a_last_empty_line() {
        let lines = |text: &'static str| -> Vec<&'static str> {
            line_spans(text).map(|span| &text[span]).collect()
        };
        assert_eq!(lines("a\r\nb\n\nc"), ["a", "b", "", "c"]);
        assert_eq!(lines("x\n"), ["x"]);
        assert_eq!(lines("\r\n"), [""]);
        assert_eq!(lines("ø\r"), ["ø"]);
        assert!(lines("").is_empty());
    }
}
