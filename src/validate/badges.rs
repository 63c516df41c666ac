//! The `ny` / `ændret` badges checked against the previous approved version from the git
//! history: a new recommendation is marked `ny`, a reworded or re-graded one `ændret`, and
//! an unchanged one neither.

use crate::changes::{ChangeKind, Changes};
use crate::diagnostics::{Diagnostic, Message, codes, message};
use crate::model::{Guideline, Marker};

/// Findings for `current`'s badges, `changes` being those since the approved version
/// before it.
pub(crate) fn check(current: &Guideline, changes: &Changes, findings: &mut Vec<Diagnostic>) {
    let before = &changes.from;
    let source = &current.source;
    for recommendation in &current.body.recommendations {
        let id = recommendation.header.id;
        let span = recommendation.header_span.clone();
        let change = changes.recommendation(id);
        let finding = match (change.map(|c| c.change), recommendation.header.marker) {
            (Some(ChangeKind::Added), Some(Marker::New)) => None,
            (Some(ChangeKind::Added), _) => Some(
                Diagnostic::warning(
                    codes::RECOMMENDATION_UNMARKED_NEW,
                    message!("recommendation-unmarked-new", id = id, version = before),
                )
                .with_help(message!("recommendation-unmarked-new-help", id = id)),
            ),
            (Some(ChangeKind::Changed), Some(Marker::Changed)) => None,
            (Some(ChangeKind::Changed), _) => change.map(|change| {
                Diagnostic::warning(
                    codes::RECOMMENDATION_UNMARKED_CHANGE,
                    unmarked_change(change, before),
                )
                .with_help(message!("recommendation-unmarked-change-help", id = id))
            }),
            (_, Some(marker)) => Some(
                Diagnostic::warning(
                    codes::RECOMMENDATION_STALE_MARKER,
                    message!(
                        "recommendation-stale-marker",
                        id = id,
                        marker = marker.as_str(),
                        version = before
                    ),
                )
                .with_help(message!("recommendation-stale-marker-help")),
            ),
            (_, None) => None,
        };
        findings.extend(finding.map(|f| f.at(source, span)));
    }
}

/// "Changed since version …" naming what changed: the wording, the strength, or both.
fn unmarked_change(change: &crate::changes::RecommendationChange, version: &str) -> Message {
    let kind = match (change.reworded, change.strength_changed) {
        (true, false) => "reworded",
        (false, true) => "regraded",
        _ => "both",
    };
    message!(
        "recommendation-unmarked-change",
        id = change.id,
        version = version,
        change = kind,
        before = change.strength_before.as_deref().unwrap_or("?"),
        after = change.strength_after.as_deref().unwrap_or("?"),
    )
}

/// The badge findings of every guideline that has an approved version before its current
/// text in `history`.
pub fn check_site(
    site: &crate::site::Site,
    history: &crate::history::SiteHistory,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    site.guidelines
        .par_iter()
        .flat_map_iter(|guideline| check_one(guideline, history))
        .collect()
}

/// [`check_site`]'s findings about `guideline` alone.
pub(crate) fn check_one(
    guideline: &Guideline,
    history: &crate::history::SiteHistory,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    // A previous text that can no longer be read is the history's problem, said by
    // `retning history`; its badges are not checked.
    if let Some(Ok(changes)) = history.changes_since_previous(guideline) {
        check(guideline, &changes, &mut findings);
    }
    findings
}
