//! What the body walk notes on the way, wherever it stands: citations (with the Oxford level
//! after them), links, images, reference definitions, and links that could run script.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, codes, message};
use crate::link_safety;
use crate::model::{Citation, EvidenceLevel, ImageRef, LinkRef, RefDefinition};

use super::{Capture, Walker};

/// `[^key][1b]`: written without a space, pulldown-cmark reads a citation followed by a
/// bracket as a reference link `[text][label]` and, finding no label, leaves plain text `[`,
/// `^key`, `]`. Those three are put back together as the citation, and the `[1b]` after it
/// stays text as it does with a space, so both spellings mean the same.
pub(super) fn citations_before_levels(
    text: &str,
    events: impl Iterator<Item = (Event<'static>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'static>, Range<usize>)> {
    let mut pending: VecDeque<(Event<'static>, Range<usize>)> = VecDeque::new();
    let mut events = events.fuse();
    std::iter::from_fn(move || {
        while pending.len() < 3 {
            match events.next() {
                Some(item) => pending.push_back(item),
                None => break,
            }
        }
        if let Some((key, span)) = split_citation(text, &pending) {
            pending.drain(..3);
            return Some((Event::FootnoteReference(key.into()), span));
        }
        pending.pop_front()
    })
}

/// The key and span when the first three events are the text `[`, `^key`, `]`, written
/// exactly so in the file (not escaped) and followed by `[`.
fn split_citation(
    text: &str,
    events: &VecDeque<(Event<'static>, Range<usize>)>,
) -> Option<(String, Range<usize>)> {
    let [(open, a), (key, b), (close, c)] = [events.front()?, events.get(1)?, events.get(2)?];
    let (Event::Text(open), Event::Text(key), Event::Text(close)) = (open, key, close) else {
        return None;
    };
    let key = key.strip_prefix('^')?;
    let contiguous = a.end == b.start && b.end == c.start;
    let span = a.start..c.end;
    let exact = text.get(span.clone())? == format!("[^{key}]");
    let followed_by_bracket = text[span.end..].starts_with('[');
    (open.as_ref() == "["
        && close.as_ref() == "]"
        && !key.is_empty()
        && !key.contains(char::is_whitespace)
        && contiguous
        && exact
        && followed_by_bracket)
        .then(|| (key.to_owned(), span))
}

impl Walker<'_> {
    /// A link or image that could run script is an error wherever it stands (headings and
    /// reference definitions included); the renderer leaves it out as well.
    pub(super) fn check_scheme(&mut self, event: &Event<'static>, range: &Range<usize>) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && let Some(scheme) = link_safety::unsafe_scheme(dest_url)
        {
            self.findings.push(
                link_safety::unsafe_link_finding(dest_url, &scheme).at(self.source, range.clone()),
            );
        }
    }

    /// Citations and links, wherever they stand.
    pub(super) fn note_inline(&mut self, event: &Event<'static>, range: &Range<usize>) {
        match event {
            Event::FootnoteReference(key) => {
                let key = key.to_string();
                let level = self.evidence_level_after(range.end);
                if !self.body.cited_keys.contains(&key) {
                    self.body.cited_keys.push(key.clone());
                }
                self.body.citations.push(Citation {
                    key,
                    span: range.clone(),
                    level,
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) => self.body.links.push(LinkRef {
                destination: dest_url.to_string(),
                span: range.clone(),
            }),
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.in_image = true;
                self.body.images.push(ImageRef {
                    destination: dest_url.to_string(),
                    alt: String::new(),
                    span: range.clone(),
                });
            }
            Event::End(TagEnd::Image) => self.in_image = false,
            Event::Html(_) | Event::InlineHtml(_) => self.findings.push(
                Diagnostic::warning(codes::HTML_DROPPED, message!("html-dropped"))
                    .at(self.source, range.clone())
                    .with_help(message!("html-dropped-inline-help")),
            ),
            Event::Text(text) | Event::Code(text) if self.in_image => {
                if let Some(image) = self.body.images.last_mut() {
                    image.alt.push_str(text);
                }
            }
            _ => {}
        }
    }

    /// `[^key] [1b]`: an Oxford level in brackets right after a citation.
    fn evidence_level_after(&mut self, end: usize) -> Option<EvidenceLevel> {
        let rest = &self.text[end..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let inner = trimmed.strip_prefix('[')?;
        let close = inner.find(']').filter(|&i| i <= 4)?;
        let candidate = &inner[..close];
        if let Some(level) = EvidenceLevel::parse(candidate) {
            return Some(level);
        }
        let looks_like_level = candidate.chars().next().is_some_and(|c| c.is_ascii_digit())
            && candidate.chars().all(|c| c.is_ascii_alphanumeric());
        if looks_like_level {
            let start = end + (rest.len() - trimmed.len());
            self.findings.push(
                Diagnostic::warning(
                    codes::CITATION_BAD_EVIDENCE_LEVEL,
                    message!("citation-bad-evidence-level", level = candidate),
                )
                .at(self.source, start..start + close + 2)
                .with_help(message!("citation-bad-evidence-level-help")),
            );
        }
        None
    }

    pub(super) fn finish_definition(&mut self) {
        if let Capture::Definition {
            key, span, content, ..
        } = std::mem::replace(&mut self.capture, Capture::None)
        {
            let section = self.body.sections.last().and_then(|s| s.kind);
            self.body.definitions.push(RefDefinition {
                key,
                span,
                section,
                content,
            });
        }
    }
}
