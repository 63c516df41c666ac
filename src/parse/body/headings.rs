//! Headings in the body walk: a template section, a topic of *Grundlag* or an evidence
//! sub-section opens a part of the model; any other heading is content with an id of its own.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::{Fragment, Heading, Section, SectionKind, SubSection, SubSectionKind, Topic};

use super::super::anchors::{Holder, slugify};
use super::{Capture, Target, Walker, push, trimmed_line};

impl Walker<'_> {
    pub(super) fn finish_heading(&mut self, end: Range<usize>) {
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
            HeadingLevel::H1 => self.open_section(title, span),
            HeadingLevel::H2 if in_grundlag => self.open_topic(title, span),
            HeadingLevel::H3 if has_topic => self.open_subsection(title, span),
            _ => self.content_heading(level, title, span, events),
        }
    }

    /// A `#` heading: a template section (or a near miss of one), or an unknown section.
    fn open_section(&mut self, title: String, span: Range<usize>) {
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

    /// A `##` heading in *Grundlag*: a topic, with an id from its title.
    fn open_topic(&mut self, title: String, span: Range<usize>) {
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

    /// A `###` heading under a topic: an evidence sub-section, whose id is the topic's with
    /// the kind's suffix (or, for an unknown title, its own).
    fn open_subsection(&mut self, title: String, span: Range<usize>) {
        let kind = subsection_kind(&title);
        let heading_span = trimmed_line(self.source, span);
        let Some(topic_anchor) = self
            .body
            .sections
            .last()
            .and_then(|s| s.topics.last())
            .map(|t| t.anchor.clone())
        else {
            return;
        };
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
        let anchor = self.claim_anchor(&slugify(&title), line);
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
            Some(Holder::Heading(other)) => message!(
                "heading-duplicate-id",
                id = base,
                line = self.source.line_col(other.start).line
            ),
            Some(Holder::Page) => message!("heading-duplicate-id-page", id = base),
        };
        self.findings.push(
            Diagnostic::error(codes::HEADING_DUPLICATE_ID, message)
                .at(self.source, span)
                .with_help(message!(
                    "heading-duplicate-id-help",
                    id = base,
                    anchor = anchor.as_str()
                )),
        );
        anchor
    }
}

/// A near miss ("2. Indledning") is read as the section it resembles only when that section's
/// exact title is not in the file as well; otherwise it is just an unknown heading.
pub(super) fn forget_near_misses_of_present_sections(sections: &mut [Section]) {
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
