//! Recommendation ids are unique within a guideline, and every recommendation has text.

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::Guideline;

pub(super) fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
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
                    message!(
                        "recommendation-duplicate-id",
                        id = recommendation.header.id,
                        line = line
                    ),
                )
                .at(source, recommendation.header.id_span.clone())
                .with_help(message!("recommendation-duplicate-id-help")),
            );
        }
        if recommendation.content.is_empty() {
            findings.push(
                Diagnostic::error(
                    codes::RECOMMENDATION_EMPTY,
                    message!("recommendation-empty", id = recommendation.header.id),
                )
                .at(source, recommendation.header_span.clone())
                .with_help(message!("recommendation-empty-help")),
            );
        }
    }
}
