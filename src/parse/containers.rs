//! The `:::` pre-pass. pulldown-cmark does not know fenced divs, so the fence lines are found
//! here and replaced by spaces of the same length: line numbers and byte offsets stay exactly
//! those of the file, and Markdown sees a blank line where a fence stood.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, codes};
use crate::source::SourceFile;

use super::front_matter::line_spans;

/// A `:::` container found in the body.
#[derive(Debug, Clone)]
pub struct RawContainer {
    /// The opening `::: …` line.
    pub open_line: Range<usize>,
    /// The text after `:::` on the opening line, trimmed.
    pub header: Range<usize>,
    /// Between the fence lines (to the end of the file when unterminated).
    pub content: Range<usize>,
}

/// The file's text with the front matter and the fence lines blanked, and the containers.
pub struct Prepass {
    pub text: String,
    pub containers: Vec<RawContainer>,
}

pub fn prepass(
    source: &Arc<SourceFile>,
    body: Range<usize>,
    findings: &mut Vec<Diagnostic>,
) -> Prepass {
    let original = &source.text;
    let mut text = original.as_bytes().to_vec();
    blank(&mut text, 0..body.start);
    let mut containers = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    let mut code_fence: Option<char> = None;

    for local in line_spans(&original[body.clone()]) {
        let line = local.start + body.start..local.end + body.start;
        let content = &original[line.clone()];
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if let Some(fence) = code_fence {
            if trimmed.starts_with(&fence.to_string().repeat(3)) {
                code_fence = None;
            }
            continue;
        }
        if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            code_fence = trimmed.chars().next();
            continue;
        }
        if indent >= 4 || !trimmed.starts_with(":::") {
            continue;
        }
        let after = trimmed.trim_start_matches(':');
        let header_start = line.start + indent + (trimmed.len() - after.len());
        let header_trimmed = after.trim();
        let header_start = header_start + (after.len() - after.trim_start().len());
        let header = header_start..header_start + header_trimmed.len();
        blank(&mut text, line.clone());

        match (&open, header_trimmed.is_empty()) {
            (None, true) => findings.push(
                Diagnostic::error(codes::CONTAINER_STRAY_CLOSE, "this ::: closes nothing")
                    .at(source, line.clone())
                    .with_help("remove it, or open a recommendation above it with ::: anbefaling N (STRENGTH)"),
            ),
            (Some((open_line, header)), true) => {
                containers.push(RawContainer {
                    open_line: open_line.clone(),
                    header: header.clone(),
                    content: next_line(original, open_line.end)..line.start,
                });
                open = None;
            }
            (Some((outer, _)), false) => {
                let outer_line = source.line_col(outer.start).line;
                findings.push(
                    Diagnostic::error(
                        codes::CONTAINER_NESTED,
                        format!("a container cannot start inside another (the one opened on line {outer_line})"),
                    )
                    .at(source, line.clone())
                    .with_help("close the open recommendation with ::: before starting the next"),
                );
            }
            (None, false) => open = Some((line.clone(), header)),
        }
    }
    if let Some((open_line, header)) = open {
        findings.push(
            Diagnostic::error(
                codes::CONTAINER_UNTERMINATED,
                "this container is never closed",
            )
            .at(source, open_line.clone())
            .with_help("end the recommendation with a line holding only :::"),
        );
        containers.push(RawContainer {
            content: next_line(original, open_line.end)..original.len(),
            open_line,
            header,
        });
    }
    // Every blanked byte became a space, so the text is still valid UTF-8.
    let text = String::from_utf8(text)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
    Prepass { text, containers }
}

/// Replaces everything but line breaks with spaces. Multi-byte characters become as many
/// spaces as they had bytes, so offsets are unchanged.
fn blank(text: &mut [u8], range: Range<usize>) {
    for byte in &mut text[range] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
}

fn next_line(text: &str, line_end: usize) -> usize {
    text[line_end..]
        .find('\n')
        .map_or(text.len(), |i| line_end + i + 1)
}
