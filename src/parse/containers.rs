//! The `:::` pre-pass. pulldown-cmark does not know fenced divs, so the fence lines are found
//! here and replaced by spaces of the same length: line numbers and byte offsets stay exactly
//! those of the file, and Markdown sees a blank line where a fence stood.
//!
//! Containers do not nest, so a missing `:::` is recovered from the way an author most likely
//! meant it, and one mistake gives one finding: an open container ends where the next one
//! opens, or at the next `#`–`###` heading, rather than swallowing the rest of the file.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, codes, message};
use crate::source::SourceFile;

use super::front_matter::line_spans;

/// A `:::` container found in the body.
#[derive(Debug, Clone)]
pub(super) struct RawContainer {
    /// The opening `::: …` line.
    pub(crate) open_line: Range<usize>,
    /// The text after `:::` on the opening line, trimmed.
    pub(crate) header: Range<usize>,
    /// Between the fence lines; when the closing `:::` is missing, up to the next container
    /// or `#`–`###` heading, or the end of the file.
    pub(crate) content: Range<usize>,
}

/// The file's text with the front matter and the fence lines blanked, and the containers.
pub(super) struct Prepass {
    pub(crate) text: String,
    pub(crate) containers: Vec<RawContainer>,
}

/// A container whose closing `:::` has not been seen yet.
struct Open {
    line: Range<usize>,
    header: Range<usize>,
    /// Where the first `#`–`###` heading after the fence starts: if the container turns out
    /// never to be closed, it ends there instead of swallowing the rest of the file.
    heading: Option<usize>,
}

impl Open {
    fn close_at(self, text: &str, end: usize) -> RawContainer {
        RawContainer {
            content: next_line(text, self.line.end)..end.max(next_line(text, self.line.end)),
            open_line: self.line,
            header: self.header,
        }
    }
}

pub(super) fn prepass(
    source: &Arc<SourceFile>,
    body: Range<usize>,
    findings: &mut Vec<Diagnostic>,
) -> Prepass {
    let mut scan = Scan::new(source, body.start);
    for local in line_spans(&source.text[body.clone()]) {
        scan.line(local.start + body.start..local.end + body.start, findings);
    }
    scan.finish(findings)
}

/// The pre-pass's state as it walks the body line by line.
struct Scan<'a> {
    source: &'a Arc<SourceFile>,
    /// The ranges to blank, in file order: the front matter, then each fence line.
    blanked: Vec<Range<usize>>,
    containers: Vec<RawContainer>,
    open: Option<Open>,
    /// The fence character of the code block the scan is in: a `:::` there is code.
    code_fence: Option<char>,
}

impl<'a> Scan<'a> {
    fn new(source: &'a Arc<SourceFile>, body_start: usize) -> Self {
        let mut scan = Scan {
            source,
            blanked: Vec::new(),
            containers: Vec::new(),
            open: None,
            code_fence: None,
        };
        scan.blanked.push(0..body_start);
        scan
    }

    fn line(&mut self, line: Range<usize>, findings: &mut Vec<Diagnostic>) {
        let content = &self.source.text[line.clone()];
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if self.in_code(indent, trimmed) || indent >= 4 {
            return;
        }
        if let Some(container) = self.open.as_mut().filter(|o| o.heading.is_none())
            && is_structural_heading(trimmed)
        {
            container.heading = Some(line.start);
        }
        let Some(header) = fence_header(line.start + indent, trimmed) else {
            return;
        };
        self.blanked.push(line.clone());
        self.fence(line, header, findings);
    }

    /// Whether the line belongs to a fenced code block (its fences included), keeping track
    /// of the block the scan is in.
    fn in_code(&mut self, indent: usize, trimmed: &str) -> bool {
        if let Some(fence) = self.code_fence {
            if trimmed.chars().take(3).filter(|&c| c == fence).count() == 3 {
                self.code_fence = None;
            }
            return true;
        }
        if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            self.code_fence = trimmed.chars().next();
            return true;
        }
        false
    }

    /// A `:::` line: it closes the open container (an empty header) or opens a new one.
    fn fence(&mut self, line: Range<usize>, header: Range<usize>, findings: &mut Vec<Diagnostic>) {
        let closes = header.is_empty();
        match self.open.take() {
            None if closes => findings.push(
                Diagnostic::error(
                    codes::CONTAINER_STRAY_CLOSE,
                    message!("container-stray-close"),
                )
                .at(self.source, line)
                .with_help(message!("container-stray-close-help")),
            ),
            Some(container) if closes => {
                let content_end = line.start;
                self.containers
                    .push(container.close_at(&self.source.text, content_end));
            }
            Some(outer) => {
                self.close_before(outer, &line, findings);
                self.open = Some(Open {
                    line,
                    header,
                    heading: None,
                });
            }
            None => {
                self.open = Some(Open {
                    line,
                    header,
                    heading: None,
                });
            }
        }
    }

    /// Containers do not nest: the open one ends before the one opening at `line`.
    fn close_before(&mut self, outer: Open, line: &Range<usize>, findings: &mut Vec<Diagnostic>) {
        let source = self.source;
        match outer.heading {
            // A heading came between: the open one was simply never closed.
            Some(heading) => {
                findings.push(unterminated(source, &outer));
                self.containers.push(outer.close_at(&source.text, heading));
            }
            None => {
                let outer_line = source.line_col(outer.line.start).line;
                findings.push(
                    Diagnostic::error(
                        codes::CONTAINER_NESTED,
                        message!("container-nested", line = outer_line),
                    )
                    .at(source, line.clone())
                    .with_help(message!("container-nested-help", line = outer_line)),
                );
                self.containers
                    .push(outer.close_at(&source.text, line.start));
            }
        }
    }

    fn finish(mut self, findings: &mut Vec<Diagnostic>) -> Prepass {
        let original = &self.source.text;
        if let Some(container) = self.open.take() {
            findings.push(unterminated(self.source, &container));
            let end = container.heading.unwrap_or(original.len());
            self.containers.push(container.close_at(original, end));
        }
        let text = blank(original, &self.blanked);
        Prepass {
            text,
            containers: self.containers,
        }
    }
}

/// The header of a `:::` fence line, trimmed (empty for a closing fence), or `None` when
/// the line is no fence. `start` is where the trimmed line starts in the file.
fn fence_header(start: usize, trimmed: &str) -> Option<Range<usize>> {
    if !trimmed.starts_with(":::") {
        return None;
    }
    let after = trimmed.trim_start_matches(':');
    let header_trimmed = after.trim();
    let header_start =
        start + (trimmed.len() - after.len()) + (after.len() - after.trim_start().len());
    Some(header_start..header_start + header_trimmed.len())
}

fn unterminated(source: &Arc<SourceFile>, container: &Open) -> Diagnostic {
    Diagnostic::error(
        codes::CONTAINER_UNTERMINATED,
        message!("container-unterminated"),
    )
    .at(source, container.line.clone())
    .with_help(message!("container-unterminated-help"))
}

/// A `#`, `##` or `###` heading: the template's structure, which a recommendation never holds.
fn is_structural_heading(trimmed: &str) -> bool {
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    (1..=3).contains(&hashes)
        && trimmed[hashes..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// The text with everything but line breaks in `ranges` (in order, not overlapping, on line
/// boundaries) replaced by spaces. Multi-byte characters become as many spaces as they had
/// bytes, so offsets are unchanged; the text is copied once, never re-validated.
fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for range in ranges {
        out.push_str(&text[last..range.start]);
        for &byte in &text.as_bytes()[range.clone()] {
            out.push(if byte == b'\n' || byte == b'\r' {
                byte as char
            } else {
                ' '
            });
        }
        last = range.end;
    }
    out.push_str(&text[last..]);
    out
}

fn next_line(text: &str, line_end: usize) -> usize {
    text[line_end..]
        .find('\n')
        .map_or(text.len(), |i| line_end + i + 1)
}
