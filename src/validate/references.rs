//! Citations and reference definitions: every citation is defined, every definition is
//! cited, and definitions stand under *4. Referencer*.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::{Guideline, SectionKind};

pub(super) fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    let mut defined: FxHashMap<&str, usize> = FxHashMap::default();
    for definition in &guideline.body.definitions {
        let span = first_line(guideline, definition.span.clone());
        if let Some(first) = defined.insert(&definition.key, definition.span.start) {
            defined.insert(&definition.key, first);
            findings.push(
                Diagnostic::error(
                    codes::CITATION_DUPLICATE_DEFINITION,
                    message!(
                        "citation-duplicate-definition",
                        key = definition.key.as_str(),
                        line = source.line_col(first).line,
                    ),
                )
                .at(source, span.clone())
                .with_help(message!("citation-duplicate-definition-help")),
            );
        }
        if definition.section != Some(SectionKind::References) {
            findings.push(
                Diagnostic::error(
                    codes::CITATION_MISPLACED_DEFINITION,
                    message!(
                        "citation-misplaced-definition",
                        key = definition.key.as_str()
                    ),
                )
                .at(source, span)
                .with_help(message!("citation-misplaced-definition-help")),
            );
        }
    }
    for citation in &guideline.body.citations {
        if !defined.contains_key(citation.key.as_str()) {
            findings.push(
                Diagnostic::error(
                    codes::CITATION_UNDEFINED,
                    message!("citation-undefined", key = citation.key.as_str()),
                )
                .at(source, citation.span.clone())
                .with_help(message!(
                    "citation-undefined-help",
                    key = citation.key.as_str()
                )),
            );
        }
    }
    let cited: FxHashSet<&str> = guideline
        .body
        .citations
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    for definition in &guideline.body.definitions {
        if !cited.contains(definition.key.as_str()) {
            findings.push(
                Diagnostic::warning(
                    codes::CITATION_UNUSED,
                    message!("citation-unused", key = definition.key.as_str()),
                )
                .at(source, first_line(guideline, definition.span.clone()))
                .with_help(message!(
                    "citation-unused-help",
                    key = definition.key.as_str()
                )),
            );
        }
    }
}

/// A definition's span cut to its first line, so the caret stays on one line.
fn first_line(guideline: &Guideline, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let source = &guideline.source;
    let line = source
        .lines
        .line_span(&source.text, source.lines.line_of(span.start));
    span.start..line.end.max(span.start)
}
