//! Splitting a file into its `+++` TOML front matter and its Markdown body, and reading the
//! front matter into the typed model with file positions for every error.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{DATE_HINT, FrontMatter};
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
                "the file is empty; a guideline starts with TOML front matter between +++ lines"
            } else {
                "the file does not start with front matter: the first line must be +++"
            };
            return Err(Box::new(
                Diagnostic::error(codes::FRONTMATTER_MISSING, message)
                    .at(source, span)
                    .with_help("start the file with +++, the front matter keys, and +++ (see FORMAT.md; `retning new` writes a template)"),
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
            "the front matter opened here is never closed",
        )
        .at(source, opening)
        .with_help("add a line with only +++ after the last front matter key"),
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
        let span = err
            .span()
            .map_or(offset..offset, |s| s.start + offset..s.end + offset);
        let message = err.message().trim().to_owned();
        Box::new(classify(text, message).at(source, span))
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
                format!(
                    "this value holds the control character U+{:04X}, which has no place in a guideline",
                    u32::from(c)
                ),
            )
            .at(source, span.start + offset..span.end + offset)
            .with_help("remove the escape (such as \\u001b) from the text")
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

fn classify(text: &str, message: String) -> Diagnostic {
    if message.starts_with("unknown field") {
        return Diagnostic::error(codes::FRONTMATTER_UNKNOWN_KEY, message)
            .with_help("check the spelling; FORMAT.md lists every key");
    }
    if message.starts_with("missing field") {
        return Diagnostic::error(codes::FRONTMATTER_MISSING_KEY, message)
            .with_help("every guideline needs title, version, status, template_version, grading and [revision] planned");
    }
    if let Some(stripped) = message.strip_suffix(DATE_HINT) {
        return Diagnostic::error(codes::FRONTMATTER_BAD_DATE, stripped.trim_end().to_owned())
            .with_help("write dates in ISO form without quotes, like 2024-02-01");
    }
    // TOML reads dates itself: `2027-02-30` or `2027-6-1` fail as TOML, but what the author
    // must fix is the date.
    if message.starts_with("invalid date") {
        return Diagnostic::error(codes::FRONTMATTER_BAD_DATE, message)
            .with_help("write a real calendar date in ISO form without quotes, like 2024-02-01");
    }
    // Data errors need valid TOML; when the text is not TOML at all it is a syntax error.
    if toml::from_str::<toml::Table>(text).is_err() {
        return Diagnostic::error(
            codes::FRONTMATTER_SYNTAX,
            format!("invalid TOML: {message}"),
        )
        .with_help(
            "the front matter is TOML: text needs quotes, dates are written like 2024-02-01",
        );
    }
    Diagnostic::error(codes::FRONTMATTER_INVALID, message)
        .with_help("see FORMAT.md for the allowed values")
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
    use super::line_spans;

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
