//! Recommendation ids are unique within a guideline, and every recommendation has text.

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, codes};
use crate::model::Guideline;

pub fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    let mut first_use = FxHashMap::default();
    for recommendation in &guideline.body.recommendations {
        if let Some(first) = first_use.insert(
            recommendation.header.id,
            recommendation.header.id_span.start,
        ) {
            first_use.insert(recommendation.header.id, first);
            let line = source.line_col(first).line;
            findings.push(
                Diagnostic::error(
                    codes::RECOMMENDATION_DUPLICATE_ID,
                    format!(
                        "recommendation {} is already used on line {line}",
                        recommendation.header.id
                    ),
                )
                .at(source, recommendation.header.id_span.clone())
                .with_help(
                    "ids are unique and stable across versions; give this one the next free number",
                ),
            );
        }
        if recommendation.content.is_empty() {
            findings.push(
                Diagnostic::error(
                    codes::RECOMMENDATION_EMPTY,
                    format!("recommendation {} has no text", recommendation.header.id),
                )
                .at(source, recommendation.header_span.clone())
                .with_help("write the recommendation between the ::: lines"),
            );
        }
    }
}
