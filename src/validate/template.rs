//! The template's structure: the nine sections in order, an empty Quick guide, and the four
//! evidence sub-sections of every topic with recommendations.

use std::collections::HashSet;

use crate::diagnostics::{Diagnostic, Message, codes, message};
use crate::model::{Guideline, SectionKind, SubSectionKind, closest_title};

pub(super) fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    let mut seen = HashSet::new();
    let mut furthest: Option<SectionKind> = None;

    for section in &guideline.body.sections {
        let unknown = |help: Message| {
            Diagnostic::error(
                codes::TEMPLATE_UNKNOWN_SECTION,
                message!("template-unknown-section", title = section.title.as_str()),
            )
            .at(source, section.heading_span.clone())
            .with_help(help)
        };
        let Some(kind) = section.kind else {
            findings.push(unknown(message!(
                "template-unknown-section-help",
                sections = SectionKind::ALL.map(SectionKind::title).join(", ")
            )));
            continue;
        };
        // A near miss is read as the section it was meant to be: one finding here, and the
        // section's content is checked as usual.
        if section.misspelt {
            findings.push(unknown(message!(
                "template-unknown-section-misspelt",
                title = kind.title()
            )));
        }
        if !seen.insert(kind) {
            findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_DUPLICATE_SECTION,
                    message!("template-duplicate-section", title = kind.title()),
                )
                .at(source, section.heading_span.clone())
                .with_help(message!("template-duplicate-section-help")),
            );
            continue;
        }
        match furthest {
            Some(previous) if kind < previous => findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_SECTION_ORDER,
                    message!(
                        "template-section-order",
                        title = kind.title(),
                        previous = previous.title()
                    ),
                )
                .at(source, section.heading_span.clone())
                .with_help(message!("template-section-order-help")),
            ),
            _ => furthest = Some(kind),
        }
        if kind == SectionKind::QuickGuide && !section.is_empty() {
            let line = source.lines.line_of(section.content.span.start);
            findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_QUICK_GUIDE_NOT_EMPTY,
                    message!("template-quick-guide-not-empty"),
                )
                .at(source, source.lines.line_span(&source.text, line))
                .with_help(message!("template-quick-guide-not-empty-help")),
            );
        } else if !kind.may_be_empty() && section.is_empty() && !holds_definitions(guideline, kind)
        {
            findings.push(
                Diagnostic::warning(
                    codes::TEMPLATE_EMPTY_SECTION,
                    message!("template-empty-section", title = kind.title()),
                )
                .at(source, section.heading_span.clone())
                .with_help(message!("template-empty-section-help")),
            );
        }
    }
    report_missing_sections(guideline, &seen, findings);
    check_topics(guideline, findings);
}

fn report_missing_sections(
    guideline: &Guideline,
    seen: &HashSet<SectionKind>,
    findings: &mut Vec<Diagnostic>,
) {
    let source = &guideline.source;
    for kind in SectionKind::ALL {
        // A misspelt heading counts as seen: it already got a finding suggesting this title.
        if seen.contains(&kind) {
            continue;
        }
        let next = guideline
            .body
            .sections
            .iter()
            .find(|s| s.kind.is_some_and(|k| k > kind));
        let (span, help) = match next {
            Some(next) => (
                next.heading_span.clone(),
                message!(
                    "template-missing-section-help-before",
                    title = kind.title(),
                    next = next.title.as_str()
                ),
            ),
            None => (
                last_written_line(source),
                message!("template-missing-section-help-at-end", title = kind.title()),
            ),
        };
        findings.push(
            Diagnostic::error(
                codes::TEMPLATE_MISSING_SECTION,
                message!("template-missing-section", title = kind.title()),
            )
            .at(source, span)
            .with_help(help),
        );
    }
}

fn check_topics(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    for topic in guideline.topics() {
        if topic.recommendation_indices().next().is_none() {
            continue;
        }
        for kind in SubSectionKind::ALL {
            match topic.subsections.iter().find(|s| s.kind == Some(kind)) {
                Some(sub) if sub.content.is_empty() => findings.push(
                    Diagnostic::warning(
                        codes::TEMPLATE_EMPTY_SUBSECTION,
                        message!("template-empty-subsection", title = kind.title()),
                    )
                    .at(source, sub.heading_span.clone())
                    .with_help(message!("template-empty-subsection-help")),
                ),
                Some(_) => {}
                None => {
                    let misspelt =
                        topic
                            .subsections
                            .iter()
                            .filter(|s| s.kind.is_none())
                            .find(|s| {
                                closest_title(&s.title, std::iter::once((kind, kind.title())))
                                    .is_some()
                            });
                    let (span, help) = match misspelt {
                        Some(sub) => (
                            sub.heading_span.clone(),
                            message!("template-missing-subsection-misspelt", title = kind.title()),
                        ),
                        None => (
                            topic.heading_span.clone(),
                            message!("template-missing-subsection-help", title = kind.title()),
                        ),
                    };
                    findings.push(
                        Diagnostic::error(
                            codes::TEMPLATE_MISSING_SUBSECTION,
                            message!(
                                "template-missing-subsection",
                                topic = topic.title.as_str(),
                                title = kind.title()
                            ),
                        )
                        .at(source, span)
                        .with_help(help),
                    );
                }
            }
        }
    }
}

/// The file's last line with text: a finding "at the end" points there, not at the empty line
/// after the final line break, which has nothing to put a caret under.
fn last_written_line(source: &crate::source::SourceFile) -> std::ops::Range<usize> {
    let last = source.lines.line_of(source.text.len());
    (0..=last)
        .rev()
        .map(|line| source.lines.line_span(&source.text, line))
        .find(|span| !source.text[span.clone()].trim().is_empty())
        .unwrap_or(source.text.len()..source.text.len())
}

/// Reference definitions are kept apart from the section's text, but they are its content.
fn holds_definitions(guideline: &Guideline, kind: SectionKind) -> bool {
    guideline
        .body
        .definitions
        .iter()
        .any(|d| d.section == Some(kind))
}
