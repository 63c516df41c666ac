//! The `ny` / `ændret` badges checked against the previous approved version from the git
//! history: a new recommendation is marked `ny`, a reworded or re-graded one `ændret`, and
//! an unchanged one neither.

use crate::changes::{ChangeKind, Changes};
use crate::diagnostics::{Diagnostic, codes};
use crate::model::{Guideline, Marker};

/// Findings for `current`'s badges, `changes` being those since the approved version
/// before it.
pub fn check(current: &Guideline, changes: &Changes, findings: &mut Vec<Diagnostic>) {
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
                    format!("recommendation {id} is new since version {before} but not marked `ny`"),
                )
                .with_help(format!("write `ny` after the strength: ::: anbefaling {id} (…) ny")),
            ),
            (Some(ChangeKind::Changed), Some(Marker::Changed)) => None,
            (Some(ChangeKind::Changed), _) => {
                let what = change.map(describe).unwrap_or_default();
                Some(
                    Diagnostic::warning(
                        codes::RECOMMENDATION_UNMARKED_CHANGE,
                        format!(
                            "recommendation {id} changed since version {before} ({what}) but is not marked `ændret`"
                        ),
                    )
                    .with_help(format!(
                        "write `ændret` after the strength: ::: anbefaling {id} (…) ændret"
                    )),
                )
            }
            (_, Some(marker)) => Some(
                Diagnostic::warning(
                    codes::RECOMMENDATION_STALE_MARKER,
                    format!(
                        "recommendation {id} is marked `{}` but did not change since version {before}",
                        marker.as_str()
                    ),
                )
                .with_help("remove the marker: it tells readers what is new in this version"),
            ),
            (_, None) => None,
        };
        findings.extend(finding.map(|f| f.at(source, span)));
    }
}

fn describe(change: &crate::changes::RecommendationChange) -> String {
    let mut what = Vec::new();
    if change.reworded {
        what.push("reworded".to_owned());
    }
    if change.strength_changed {
        what.push(format!(
            "strength {} → {}",
            change.strength_before.as_deref().unwrap_or("?"),
            change.strength_after.as_deref().unwrap_or("?")
        ));
    }
    what.join(", ")
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
        .flat_map_iter(|guideline| {
            let mut findings = Vec::new();
            // A previous text that can no longer be read is the history's problem, said by
            // `retning history`; its badges are not checked.
            if let Some(Ok(changes)) = history.changes_since_previous(guideline) {
                check(guideline, &changes, &mut findings);
            }
            findings
        })
        .collect()
}
