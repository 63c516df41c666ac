//! The body walk: one pulldown-cmark pass over the pre-passed text, sorting its events into
//! sections, topics, sub-sections and recommendations, and noting every citation, reference
//! definition and link on the way.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, codes};
use crate::link_safety;
use crate::model::{
    Citation, EvidenceLevel, Fragment, Grading, Heading, ImageRef, LeadBlock, LinkRef,
    Recommendation, RefDefinition, Section, SectionKind, SubSection, SubSectionKind, Topic,
};
use crate::source::SourceFile;

use super::anchors::{Anchors, Holder, slugify};
use super::containers::RawContainer;
use super::recommendation_header::{self, Parsed};

mod tables;

/// Everything the body holds.
#[derive(Default)]
pub struct Body {
    pub preamble: Fragment,
    pub sections: Vec<Section>,
    pub recommendations: Vec<Recommendation>,
    pub cited_keys: Vec<String>,
    pub citations: Vec<Citation>,
    pub definitions: Vec<RefDefinition>,
    pub links: Vec<LinkRef>,
    pub headings: Vec<Heading>,
    pub images: Vec<ImageRef>,
}

impl Body {
    /// Gives back the room each fragment's events grew into: they are pushed one at a time,
    /// so a vector can hold up to twice its events, for as long as the site is loaded.
    fn shrink_fragments(&mut self) {
        self.preamble.events.shrink_to_fit();
        for section in &mut self.sections {
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
        for r in &mut self.recommendations {
            r.content.events.shrink_to_fit();
        }
        for definition in &mut self.definitions {
            definition.content.events.shrink_to_fit();
        }
    }
}

pub fn markdown_options() -> Options {
    // Old-style footnotes: a citation without a definition is still a reference event, so it
    // can be reported at its position instead of silently becoming text.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_OLD_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
}

pub fn walk(
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
        anchors: Anchors::new(),
        capture: Capture::None,
        detached: Fragment::default(),
        in_image: false,
        table_numbers: Vec::new(),
    };
    let events = Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .map(|(event, range)| (event.into_static(), range));
    for (event, range) in citations_before_levels(text, events) {
        walker.event(event, range);
    }
    walker.open_containers_before(usize::MAX);
    let mut body = walker.body;
    forget_near_misses_of_present_sections(&mut body.sections);
    body.shrink_fragments();
    body
}

/// `[^key][1b]`: written without a space, pulldown-cmark reads a citation followed by a
/// bracket as a reference link `[text][label]` and, finding no label, leaves plain text `[`,
/// `^key`, `]`. Those three are put back together as the citation, and the `[1b]` after it
/// stays text as it does with a space, so both spellings mean the same.
fn citations_before_levels(
    text: &str,
    events: impl Iterator<Item = (Event<'static>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'static>, Range<usize>)> {
    let mut pending: std::collections::VecDeque<(Event<'static>, Range<usize>)> =
        std::collections::VecDeque::new();
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
    events: &std::collections::VecDeque<(Event<'static>, Range<usize>)>,
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

/// A near miss ("2. Indledning") is read as the section it resembles only when that section's
/// exact title is not in the file as well; otherwise it is just an unknown heading.
fn forget_near_misses_of_present_sections(sections: &mut [Section]) {
    let exact: Vec<SectionKind> = sections
        .iter()
        .filter(|s| !s.misspelt)
        .filter_map(|s| s.kind)
        .collect();
    for section in sections.iter_mut().filter(|s| s.misspelt) {
        if section.kind.is_some_and(|kind| exact.contains(&kind)) {
            section.kind = None;
            section.misspelt = false;
        }
    }
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

    /// A link or image that could run script is an error wherever it stands (headings and
    /// reference definitions included); the renderer leaves it out as well.
    fn check_scheme(&mut self, event: &Event<'static>, range: &Range<usize>) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && let Some(scheme) = link_safety::unsafe_scheme(dest_url)
        {
            self.findings.push(
                link_safety::unsafe_link_finding(dest_url, &scheme).at(self.source, range.clone()),
            );
        }
    }

    /// Citations and links, wherever they stand.
    fn note_inline(&mut self, event: &Event<'static>, range: &Range<usize>) {
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
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                self.in_image = true;
                self.body.images.push(ImageRef {
                    destination: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    span: range.clone(),
                });
            }
            Event::End(TagEnd::Image) => self.in_image = false,
            Event::Html(_) | Event::InlineHtml(_) => self.findings.push(
                Diagnostic::warning(
                    codes::HTML_DROPPED,
                    "raw HTML is shown as text: only a table may be written in HTML",
                )
                .at(self.source, range.clone())
                .with_help("write it in Markdown (docs/format.md lists what a guideline can hold)"),
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
                    format!("`[{candidate}]` is not an Oxford level of evidence"),
                )
                .at(self.source, start..start + close + 2)
                .with_help("levels are 1a, 1b, 2a, 2b, 3a, 3b, 4 and 5"),
            );
        }
        None
    }

    fn finish_definition(&mut self) {
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

    fn finish_heading(&mut self, end: Range<usize>) {
        let Capture::Heading {
            level,
            structural,
            span,
            events,
        } = std::mem::replace(&mut self.capture, Capture::None)
        else {
            return;
        };
        let span = span.start..span.end.max(end.end);
        let title = heading_text(&events);
        if !structural {
            self.content_heading(level, title, span, events);
            return;
        }
        let in_grundlag = self
            .body
            .sections
            .last()
            .is_some_and(|s| s.kind == Some(SectionKind::Grundlag));
        let has_topic = in_grundlag
            && self
                .body
                .sections
                .last()
                .is_some_and(|s| !s.topics.is_empty());
        match level {
            HeadingLevel::H1 => {
                let exact = section_kind(&title);
                let kind = exact.or_else(|| SectionKind::near_miss(&title));
                self.body.sections.push(Section {
                    kind,
                    misspelt: exact.is_none() && kind.is_some(),
                    title,
                    heading_span: trimmed_line(self.source, span),
                    content: Fragment::default(),
                    topics: Vec::new(),
                });
            }
            HeadingLevel::H2 if in_grundlag => {
                let heading_span = trimmed_line(self.source, span);
                let anchor = self.claim_anchor(&slugify(&title), heading_span.clone());
                if let Some(section) = self.body.sections.last_mut() {
                    section.topics.push(Topic {
                        title,
                        anchor,
                        heading_span,
                        lead: Vec::new(),
                        subsections: Vec::new(),
                    });
                }
            }
            HeadingLevel::H3 if has_topic => {
                let kind = subsection_kind(&title);
                let heading_span = trimmed_line(self.source, span);
                let topic_anchor = self
                    .body
                    .sections
                    .last()
                    .and_then(|s| s.topics.last())
                    .map(|t| t.anchor.clone());
                if let Some(topic_anchor) = topic_anchor {
                    let base = match kind {
                        Some(kind) => format!("{topic_anchor}-{}", kind.anchor_suffix()),
                        None => slugify(&title),
                    };
                    let anchor = self.claim_anchor(&base, heading_span.clone());
                    let Some(topic) = self
                        .body
                        .sections
                        .last_mut()
                        .and_then(|s| s.topics.last_mut())
                    else {
                        return;
                    };
                    topic.subsections.push(SubSection {
                        kind,
                        title,
                        anchor,
                        heading_span,
                        content: Fragment::default(),
                    });
                }
            }
            _ => self.content_heading(level, title, span, events),
        }
    }

    /// An ordinary heading inside the current content: it gets an id of its own, and is
    /// noted for the page's navigation and for `@/…#id` links.
    fn content_heading(
        &mut self,
        level: HeadingLevel,
        title: String,
        span: Range<usize>,
        events: Vec<(Event<'static>, Range<usize>)>,
    ) {
        let target = self.target();
        let line = trimmed_line(self.source, span.clone());
        let anchor = self.claim_anchor(&slugify(&title), line.clone());
        let place = match target {
            Target::Section(s) => Some((s, None, None, false)),
            Target::TopicLead(s, t) => Some((s, Some(t), None, false)),
            Target::SubSection(s, t, sub) => Some((s, Some(t), Some(sub), false)),
            Target::Recommendation(r) => {
                let topic = self.body.recommendations[r].topic;
                self.body
                    .sections
                    .iter()
                    .rposition(|s| s.kind == Some(SectionKind::Grundlag))
                    .map(|s| (s, Some(topic), None, true))
            }
            Target::Preamble | Target::Detached => None,
        };
        if let Some((section, topic, subsection, in_recommendation)) = place {
            self.body.headings.push(Heading {
                level: heading_number(level),
                title,
                anchor: anchor.clone(),
                span: line,
                section,
                topic,
                subsection,
                in_recommendation,
            });
        }
        let fragment = self.fragment(target);
        push(
            fragment,
            Event::Start(heading_tag(level, anchor)),
            span.clone(),
        );
        for (event, range) in events {
            push(fragment, event, range);
        }
        push(fragment, Event::End(TagEnd::Heading(level)), span);
    }

    /// An id for the heading at `span`; a clash with another heading (or with an id of the
    /// page itself) is an error naming both, since a link to the id could lead to only one.
    fn claim_anchor(&mut self, base: &str, span: Range<usize>) -> String {
        let (anchor, clash) = self.anchors.claim(base, span.clone());
        let message = match clash {
            None => return anchor,
            Some(Holder::Heading(other)) => format!(
                "this heading would get the id `#{base}`, which the heading on line {} has already",
                self.source.line_col(other.start).line
            ),
            Some(Holder::Page) => format!(
                "this heading would get the id `#{base}`, which the page uses for a template section or its own parts"
            ),
        };
        self.findings.push(
            Diagnostic::error(codes::HEADING_DUPLICATE_ID, message)
                .at(self.source, span)
                .with_help(format!(
                    "reword one of the headings: a link to `#{base}` must lead to one place (this one is `#{anchor}` for now)"
                )),
        );
        anchor
    }

    /// Opens every container whose fence stands before `offset`, and closes the current one
    /// once `offset` is past its content.
    fn open_containers_before(&mut self, offset: usize) {
        if let Some((end, _)) = self.current
            && offset >= end
        {
            self.current = None;
        }
        while let Some(container) = self.containers.get(self.next_container) {
            if container.open_line.start > offset {
                break;
            }
            let container = container.clone();
            self.next_container += 1;
            let target = self.open_container(&container);
            self.current = target.map(|t| (container.content.end, t));
            if offset >= container.content.end {
                self.current = None;
            }
        }
    }

    fn open_container(&mut self, container: &RawContainer) -> Option<Target> {
        let header = &self.source.text[container.header.clone()];
        match recommendation_header::parse(
            self.source,
            header,
            container.header.start,
            self.grading,
        ) {
            Parsed::NotARecommendation(finding) => {
                self.findings.push(finding);
                None
            }
            Parsed::Malformed(finding) => {
                self.findings.push(finding);
                Some(Target::Detached)
            }
            Parsed::Recommendation(header, findings) => {
                self.findings.extend(findings);
                let place = self
                    .body
                    .sections
                    .last_mut()
                    .filter(|s| s.kind == Some(SectionKind::Grundlag))
                    .and_then(|s| {
                        let topic_index = s.topics.len().checked_sub(1)?;
                        let topic = s.topics.last_mut().filter(|t| t.subsections.is_empty())?;
                        Some((topic_index, topic))
                    });
                let Some((topic_index, topic)) = place else {
                    self.findings.push(
                        Diagnostic::error(
                            codes::RECOMMENDATION_MISPLACED,
                            format!("recommendation {} must stand under a ## topic of 3. Grundlag, before its evidence sub-sections", header.id),
                        )
                        .at(self.source, container.open_line.clone())
                        .with_help("move it below the topic's ## heading and above ### Litteratur og evidensgennemgang"),
                    );
                    return Some(Target::Detached);
                };
                let index = self.body.recommendations.len();
                topic.lead.push(LeadBlock::Recommendation(index));
                self.body.recommendations.push(Recommendation {
                    id: header.id,
                    id_span: header.id_span,
                    strength: header.strength,
                    strength_span: header.strength_span,
                    marker: header.marker,
                    header_span: container.open_line.clone(),
                    content: Fragment {
                        events: Vec::new(),
                        span: container.content.clone(),
                    },
                    topic: topic_index,
                });
                Some(Target::Recommendation(index))
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
            Target::Preamble => &mut body.preamble,
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

/// `SectionKind::from_title`, with the common case first: a title written exactly as the
/// template writes it needs no normalising (which allocates for every candidate).
fn section_kind(title: &str) -> Option<SectionKind> {
    SectionKind::ALL
        .into_iter()
        .find(|kind| kind.title() == title)
        .or_else(|| SectionKind::from_title(title))
}

/// `SubSectionKind::from_title`, with the same fast path.
fn subsection_kind(title: &str) -> Option<SubSectionKind> {
    SubSectionKind::ALL
        .into_iter()
        .find(|kind| kind.title() == title)
        .or_else(|| SubSectionKind::from_title(title))
}

fn heading_text(events: &[(Event<'static>, Range<usize>)]) -> String {
    let mut title = String::new();
    for (event, _) in events {
        if let Event::Text(text) | Event::Code(text) = event {
            title.push_str(text);
        }
    }
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn heading_tag(level: HeadingLevel, anchor: String) -> Tag<'static> {
    Tag::Heading {
        level,
        id: Some(anchor.into()),
        classes: Vec::new(),
        attrs: Vec::new(),
    }
}

/// A heading's span, cut to its first line (setext headings span two).
fn trimmed_line(source: &SourceFile, span: Range<usize>) -> Range<usize> {
    let line = source.lines.line_of(span.start);
    let line_span = source.lines.line_span(&source.text, line);
    span.start..span.end.min(line_span.end).max(span.start)
}
