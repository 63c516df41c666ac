//! The source lines a finding shows, made safe and small for a terminal or the overlay.
//!
//! A guideline line can be a megabyte long and hold control characters. Shown as it is, one
//! finding would print the megabyte (for every finding on the line), and an ESC in the text
//! would reach the author's terminal as an escape sequence. So, as rustc does, only a window
//! of each line around the finding's column is shown, cut ends marked with `…`, and every
//! control character is written as an escape (`\u{1b}`).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use crate::source::SourceFile;

/// Characters of a line shown at most; a longer line is cut around the column.
pub(crate) const WINDOW: usize = 120;
/// Characters shown before the column when a line is cut.
const LEAD: usize = 40;

/// Lines of a file around a finding, windowed and escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snippet {
    /// The shown lines, each ending in `\n` as in the file.
    pub(crate) text: String,
    /// 0-based number of the first shown line in the file.
    pub(crate) first_line: usize,
    /// The finding's span in `text` (bytes), inside the finding's own line.
    pub(crate) span: Range<usize>,
}

/// The finding's line at `span`, with `context` lines before and after, each cut to the same
/// window of characters around the finding's column.
pub(crate) fn snippet(source: &SourceFile, span: &Range<usize>, context: usize) -> Snippet {
    let text = &source.text;
    let line = source.lines.line_of(span.start);
    let first_line = line.saturating_sub(context);
    let last_line = (line + context).min(source.lines.line_of(text.len()));
    let line_span = source.lines.line_span(text, line);
    let start = floor(text, span.start.clamp(line_span.start, line_span.end));
    let end = floor(text, span.end.clamp(start, line_span.end));
    let column = text[line_span.start..start].chars().count();
    let width = text[start..end].chars().count();
    let long = text[line_span.clone()].chars().nth(WINDOW).is_some();
    let from = if long { column.saturating_sub(LEAD) } else { 0 };
    let mut shown = String::new();
    let mut span_in_shown = 0..0;
    for number in first_line..=last_line {
        let range = source.lines.line_span(text, number);
        let base = shown.len();
        let marked = push_window(
            &mut shown,
            &text[range.clone()],
            from,
            (column, column + width),
        );
        if number == line {
            span_in_shown = base + marked.start..base + marked.end;
        }
        // Each line keeps its line end, so an empty last line is still a line.
        if range.end < text.len() {
            shown.push('\n');
        }
    }
    Snippet {
        text: shown,
        first_line,
        span: span_in_shown,
    }
}

/// Appends the characters `from..from + WINDOW` of `line`, escaped, with `…` where cut.
/// Returns where the characters `mark` ended up (relative to what was appended).
fn push_window(out: &mut String, line: &str, from: usize, mark: (usize, usize)) -> Range<usize> {
    let base = out.len();
    let (mut start, mut end) = (None, None);
    if from > 0 {
        out.push('…');
    }
    let mut chars = line.chars().enumerate().skip(from);
    for (i, c) in chars.by_ref().take(WINDOW) {
        if i == mark.0 {
            start = Some(out.len() - base);
        }
        if i == mark.1 {
            end = Some(out.len() - base);
        }
        push_escaped(out, c);
    }
    let shown_end = out.len() - base;
    if chars.next().is_some() {
        out.push('…');
    }
    let start = start.unwrap_or(shown_end);
    start..end.unwrap_or(shown_end).max(start)
}

/// Whether `c` must not reach a terminal or an XML file as it is: C0 and C1 controls other
/// than tab and line ends, DEL, and the bidirectional overrides that reorder what is shown.
pub(crate) fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    if is_unsafe_char(c) || c == '\r' {
        // Writing to a String cannot fail.
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// `text` with every unsafe character written as an escape (`\u{1b}`), for a terminal.
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_char(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn floor(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new("x.md".into(), "x.md".into(), text.to_owned())
    }

    #[test]
    fn a_short_line_is_shown_whole_with_its_neighbours() {
        let file = source("one\ntwo [x] three\nfour\nfive");
        let at = file.text.find("[x]").unwrap();
        let shown = snippet(&file, &(at..at + 3), 1);
        assert_eq!(shown.text, "one\ntwo [x] three\nfour\n");
        assert_eq!(shown.first_line, 0);
        assert_eq!(&shown.text[shown.span.clone()], "[x]");
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("{}[^nøgle]{}", "æ".repeat(50_000), "b".repeat(50_000));
        let file = source(&format!("før\n{line}\nefter"));
        let at = file.text.find("[^").unwrap();
        let shown = snippet(&file, &(at..at + "[^nøgle]".len()), 1);
        let lines: Vec<&str> = shown.text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].chars().count() <= WINDOW + 2, "{}", lines[1]);
        assert!(lines[1].starts_with('…') && lines[1].ends_with('…'));
        assert_eq!(&shown.text[shown.span.clone()], "[^nøgle]");
        // The line before is cut to the same columns, where it has nothing left.
        assert_eq!(lines[0], "…");
    }

    #[test]
    fn control_characters_are_escaped_as_rustc_does() {
        let file = source("a\u{1b}]0;title\u{7}b [x]");
        let at = file.text.find("[x]").unwrap();
        let shown = snippet(&file, &(at..at + 3), 0);
        assert_eq!(shown.text, "a\\u{1b}]0;title\\u{7}b [x]");
        assert_eq!(&shown.text[shown.span.clone()], "[x]");
        assert_eq!(
            escape_controls("ok\u{9b}2J\u{202e}"),
            "ok\\u{9b}2J\\u{202e}"
        );
        assert!(matches!(escape_controls("æ\tø"), Cow::Borrowed(_)));
    }
}
