//! The template's structure: the nine sections in order, an empty Quick guide, and the four
//! evidence sub-sections of every topic with recommendations.

use std::collections::HashSet;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Guideline, SectionKind, SubSectionKind, normalize_title};

/// How alike two titles must be (0–1) to suggest one for the other.
const NEAR_MISS: f64 = 0.6;

pub fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    let mut seen = HashSet::new();
    let mut suggested = HashSet::new();
    let mut furthest: Option<SectionKind> = None;

    for section in &guideline.sections {
        let Some(kind) = section.kind else {
            let closest = closest(
                &section.title,
                SectionKind::ALL.iter().map(|k| (*k, k.title())),
            )
            .or_else(|| by_number(&section.title));
            let help = match closest {
                Some(kind) => {
                    suggested.insert(kind);
                    format!("did you mean `# {}`?", kind.title())
                }
                None => format!(
                    "top-level headings are the template's sections: {}; use ## or ### for your own headings",
                    SectionKind::ALL.map(SectionKind::title).join(", ")
                ),
            };
            findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_UNKNOWN_SECTION,
                    format!(
                        "`# {}` is not a section of the DMCG template",
                        section.title
                    ),
                )
                .at(source, section.heading_span.clone())
                .with_help(help),
            );
            continue;
        };
        if !seen.insert(kind) {
            findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_DUPLICATE_SECTION,
                    format!("`# {}` appears twice", kind.title()),
                )
                .at(source, section.heading_span.clone())
                .with_help("merge the two sections into one"),
            );
            continue;
        }
        match furthest {
            Some(previous) if kind < previous => findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_SECTION_ORDER,
                    format!(
                        "`# {}` must come before `# {}`",
                        kind.title(),
                        previous.title()
                    ),
                )
                .at(source, section.heading_span.clone())
                .with_help("keep the template's order: the sections are numbered"),
            ),
            _ => furthest = Some(kind),
        }
        if kind == SectionKind::QuickGuide && !section.is_empty() {
            let line = source.lines.line_of(section.content.span.start);
            findings.push(
                Diagnostic::error(
                    codes::TEMPLATE_QUICK_GUIDE_NOT_EMPTY,
                    "the Quick guide is generated from the recommendations; text typed here would drift from them",
                )
                .at(source, source.lines.line_span(&source.text, line))
                .with_help("leave 1. Anbefalinger (Quick guide) empty and write each recommendation once, under 3. Grundlag"),
            );
        } else if !kind.may_be_empty() && section.is_empty() && !holds_definitions(guideline, kind)
        {
            findings.push(
                Diagnostic::warning(
                    codes::TEMPLATE_EMPTY_SECTION,
                    format!("`# {}` is empty", kind.title()),
                )
                .at(source, section.heading_span.clone())
                .with_help("fill in the section before the guideline is approved"),
            );
        }
    }
    report_missing_sections(guideline, &seen, &suggested, findings);
    check_topics(guideline, findings);
}

fn report_missing_sections(
    guideline: &Guideline,
    seen: &HashSet<SectionKind>,
    suggested: &HashSet<SectionKind>,
    findings: &mut Vec<Diagnostic>,
) {
    let source = &guideline.source;
    for kind in SectionKind::ALL {
        // A misspelt heading already got a finding suggesting this title.
        if seen.contains(&kind) || suggested.contains(&kind) {
            continue;
        }
        let next = guideline
            .sections
            .iter()
            .find(|s| s.kind.is_some_and(|k| k > kind));
        let (span, place) = match next {
            Some(next) => (
                next.heading_span.clone(),
                format!("before `# {}`", next.title),
            ),
            None => {
                let last_line = source.lines.line_of(source.text.len());
                (
                    source.lines.line_span(&source.text, last_line),
                    "at the end".to_owned(),
                )
            }
        };
        findings.push(
            Diagnostic::error(
                codes::TEMPLATE_MISSING_SECTION,
                format!("the section `# {}` is missing", kind.title()),
            )
            .at(source, span)
            .with_help(format!(
                "add `# {}` {place}; every template section is required",
                kind.title()
            )),
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
                        format!("`### {}` is empty", kind.title()),
                    )
                    .at(source, sub.heading_span.clone())
                    .with_help("write the sub-section before the guideline is approved"),
                ),
                Some(_) => {}
                None => {
                    let misspelt =
                        topic
                            .subsections
                            .iter()
                            .filter(|s| s.kind.is_none())
                            .find(|s| {
                                closest(&s.title, std::iter::once((kind, kind.title()))).is_some()
                            });
                    let (span, help) = match misspelt {
                        Some(sub) => (
                            sub.heading_span.clone(),
                            format!("did you mean `### {}`?", kind.title()),
                        ),
                        None => (
                            topic.heading_span.clone(),
                            format!(
                                "add `### {}` after the topic's recommendations",
                                kind.title()
                            ),
                        ),
                    };
                    findings.push(
                        Diagnostic::error(
                            codes::TEMPLATE_MISSING_SUBSECTION,
                            format!("the topic `{}` has no `### {}`", topic.title, kind.title()),
                        )
                        .at(source, span)
                        .with_help(help),
                    );
                }
            }
        }
    }
}

/// The candidate whose title is most like `title`, if it is alike enough.
fn closest<K: Copy>(title: &str, candidates: impl Iterator<Item = (K, &'static str)>) -> Option<K> {
    let wanted = normalize_title(title).to_lowercase();
    candidates
        .map(|(kind, candidate)| {
            let score =
                strsim::normalized_levenshtein(&wanted, &normalize_title(candidate).to_lowercase());
            (kind, score)
        })
        .filter(|(_, score)| *score >= NEAR_MISS)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(kind, _)| kind)
}

/// `# 2. Indledning` is meant to be section 2, whatever the words.
fn by_number(title: &str) -> Option<SectionKind> {
    let (number, _) = title.split_once('.')?;
    let number = number.trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    SectionKind::ALL
        .into_iter()
        .find(|k| k.title().split_once('.').is_some_and(|(n, _)| n == number))
}

/// Reference definitions are kept apart from the section's text, but they are its content.
fn holds_definitions(guideline: &Guideline, kind: SectionKind) -> bool {
    guideline
        .definitions
        .iter()
        .any(|d| d.section == Some(kind))
}
