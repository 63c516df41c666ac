//! The body walk: one pulldown-cmark pass over the pre-passed text, sorting its events into
//! sections, topics, sub-sections and recommendations, and noting every citation, reference
//! definition and link on the way.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::{Body, Fragment, Grading, LeadBlock};
use crate::source::SourceFile;

use super::anchors::Anchors;
use super::containers::RawContainer;

mod headings;
mod notes;
mod recommendations;
mod tables;

/// The CommonMark extensions guidelines are parsed with (tables, footnotes, …), for any
/// other reader of the same text.
pub fn markdown_options() -> Options {
    // Old-style footnotes: a citation without a definition is still a reference event, so it
    // can be reported at its position instead of silently becoming text.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
}

pub(super) fn walk(
    source: &Arc<SourceFile>,
    text: &str,
    containers: Vec<RawContainer>,
    grading: Option<Grading>,
    findings: &mut Vec<Diagnostic>,
) -> Body {
    let mut walker = Walker {
        source,
        text,
        grading,
        findings,
        containers,
        next_container: 0,
        current: None,
        body: Body::default(),
        preamble: Fragment::default(),
        anchors: Anchors::new(),
        capture: Capture::None,
        detached: Fragment::default(),
        in_image: false,
        table_numbers: Vec::new(),
    };
    let events = Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .map(|(event, range)| (event.into_static(), range));
    for (event, range) in notes::citations_before_levels(text, events) {
        walker.event(event, range);
    }
    walker.open_containers_before(usize::MAX);
    if !walker.preamble.is_empty() {
        let line = first_line(source, walker.preamble.span.start);
        walker.findings.push(
            Diagnostic::error(
                codes::TEMPLATE_CONTENT_OUTSIDE_SECTION,
                message!("template-content-outside-section"),
            )
            .at(source, line)
            .with_help(message!("template-content-outside-section-help")),
        );
    }
    let mut body = walker.body;
    headings::forget_near_misses_of_present_sections(&mut body.sections);
    shrink_fragments(&mut body);
    body
}

/// Gives back the room each fragment's events grew into: they are pushed one at a time, so a
/// vector can hold up to twice its events, for as long as the site is loaded.
fn shrink_fragments(body: &mut Body) {
    for section in &mut body.sections {
        section.content.events.shrink_to_fit();
        for topic in &mut section.topics {
            for block in &mut topic.lead {
                if let LeadBlock::Markdown(fragment) = block {
                    fragment.events.shrink_to_fit();
                }
            }
            for sub in &mut topic.subsections {
                sub.content.events.shrink_to_fit();
            }
        }
    }
    for r in &mut body.recommendations {
        r.content.events.shrink_to_fit();
    }
    for definition in &mut body.definitions {
        definition.content.events.shrink_to_fit();
    }
}

/// The span of the line holding `offset`.
fn first_line(source: &SourceFile, offset: usize) -> Range<usize> {
    source
        .lines
        .line_span(&source.text, source.lines.line_of(offset))
}

/// Where the next content event goes.
#[derive(Debug, Clone, Copy)]
enum Target {
    Preamble,
    Section(usize),
    TopicLead(usize, usize),
    SubSection(usize, usize, usize),
    Recommendation(usize),
    /// Content of a broken or misplaced container: already reported, not rendered.
    Detached,
}

enum Capture {
    None,
    Heading {
        level: HeadingLevel,
        /// A template section, topic or evidence sub-section may stand here (not inside a
        /// container, at most `###`).
        structural: bool,
        span: Range<usize>,
        events: Vec<(Event<'static>, Range<usize>)>,
    },
    /// A raw HTML block: its events are skipped, its text is read from the file at its end.
    HtmlBlock {
        span: Range<usize>,
    },
    Definition {
        key: String,
        span: Range<usize>,
        depth: usize,
        content: Fragment,
    },
}

struct Walker<'a> {
    source: &'a Arc<SourceFile>,
    text: &'a str,
    grading: Option<Grading>,
    findings: &'a mut Vec<Diagnostic>,
    containers: Vec<RawContainer>,
    next_container: usize,
    /// The container being filled: where its content ends and where it goes.
    current: Option<(usize, Target)>,
    body: Body,
    /// Content before the first section heading: reported, not rendered.
    preamble: Fragment,
    anchors: Anchors,
    capture: Capture,
    detached: Fragment,
    /// Between an image's start and end: text events are its alt text.
    in_image: bool,
    /// The number each table's caption gave it so far, and where the table starts.
    table_numbers: Vec<(String, Range<usize>)>,
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'static>, range: Range<usize>) {
        self.open_containers_before(range.start);
        self.check_scheme(&event, &range);
        match &mut self.capture {
            Capture::Heading { events, .. } => {
                if matches!(event, Event::End(TagEnd::Heading(_))) {
                    self.finish_heading(range);
                } else {
                    events.push((event, range));
                }
                return;
            }
            Capture::Definition { depth, content, .. } => {
                match &event {
                    Event::Start(Tag::FootnoteDefinition(_)) => *depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => {
                        *depth -= 1;
                        if *depth == 0 {
                            self.finish_definition();
                            return;
                        }
                    }
                    _ => {}
                }
                push(content, event.clone(), range.clone());
                self.note_inline(&event, &range);
                return;
            }
            Capture::HtmlBlock { span } => {
                if matches!(event, Event::End(TagEnd::HtmlBlock)) {
                    let span = span.start..span.end.max(range.end);
                    self.capture = Capture::None;
                    self.finish_html_block(span);
                }
                return;
            }
            Capture::None => {}
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.capture = Capture::Heading {
                    level,
                    structural: self.current.is_none() && level <= HeadingLevel::H3,
                    span: range,
                    events: Vec::new(),
                };
            }
            Event::Start(Tag::HtmlBlock) => {
                self.capture = Capture::HtmlBlock { span: range };
            }
            Event::Start(Tag::Table(alignment)) => self.start_table(alignment, range),
            Event::Start(Tag::FootnoteDefinition(key)) => {
                self.capture = Capture::Definition {
                    key: key.to_string(),
                    span: range,
                    depth: 1,
                    content: Fragment::default(),
                };
            }
            event => {
                self.note_inline(&event, &range);
                let target = self.target();
                push(self.fragment(target), event, range);
            }
        }
    }

    fn target(&mut self) -> Target {
        if let Some((_, target)) = self.current {
            return target;
        }
        let Some(section_index) = self.body.sections.len().checked_sub(1) else {
            return Target::Preamble;
        };
        let section = &mut self.body.sections[section_index];
        let Some(topic_index) = section.topics.len().checked_sub(1) else {
            return Target::Section(section_index);
        };
        let topic = &mut section.topics[topic_index];
        if let Some(sub_index) = topic.subsections.len().checked_sub(1) {
            return Target::SubSection(section_index, topic_index, sub_index);
        }
        if !matches!(topic.lead.last(), Some(LeadBlock::Markdown(_))) {
            topic.lead.push(LeadBlock::Markdown(Fragment::default()));
        }
        Target::TopicLead(section_index, topic_index)
    }

    fn fragment(&mut self, target: Target) -> &mut Fragment {
        let body = &mut self.body;
        match target {
            Target::Preamble => &mut self.preamble,
            Target::Section(s) => &mut body.sections[s].content,
            Target::SubSection(s, t, sub) => {
                &mut body.sections[s].topics[t].subsections[sub].content
            }
            Target::Recommendation(r) => &mut body.recommendations[r].content,
            Target::TopicLead(s, t) => match body.sections[s].topics[t].lead.last_mut() {
                Some(LeadBlock::Markdown(fragment)) => fragment,
                _ => &mut self.detached,
            },
            Target::Detached => &mut self.detached,
        }
    }
}

/// Adds an event of the author's text. Raw HTML stays text: the model's HTML events are
/// only those retning makes itself ([`push_html`]), which the renderer writes as they are.
fn push(fragment: &mut Fragment, event: Event<'static>, range: Range<usize>) {
    let event = match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        event => event,
    };
    push_event(fragment, event, range);
}

/// Adds HTML retning made (a cleaned table, a caption's tags).
fn push_html(fragment: &mut Fragment, html: String, range: Range<usize>) {
    push_event(fragment, Event::Html(html.into()), range);
}

fn push_event(fragment: &mut Fragment, event: Event<'static>, range: Range<usize>) {
    if fragment.events.is_empty() && fragment.span.is_empty() {
        fragment.span = range.clone();
    }
    fragment.span.start = fragment.span.start.min(range.start);
    fragment.span.end = fragment.span.end.max(range.end);
    fragment.events.push(event);
}

/// A heading's span, cut to its first line (setext headings span two).
fn trimmed_line(source: &SourceFile, span: Range<usize>) -> Range<usize> {
    let line = source.lines.line_of(span.start);
    let line_span = source.lines.line_span(&source.text, line);
    span.start..span.end.min(line_span.end).max(span.start)
}
