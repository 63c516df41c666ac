//! Decision aids (beslutningsstøtteværktøjer): an assessed aid has its assessment date, and
//! every recommendation it supports exists.

use crate::diagnostics::{Diagnostic, codes, message};
use crate::link_safety;
use crate::model::{Guideline, Ipdas};

pub(super) fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    for aid in &guideline.meta.decision_aids {
        if *aid.ipdas.get_ref() != Ipdas::NotAssessed && aid.ipdas_assessed.is_none() {
            findings.push(
                Diagnostic::error(
                    codes::DECISION_AID_MISSING_ASSESSMENT_DATE,
                    message!(
                        "decision-aid-missing-assessment-date",
                        title = aid.title.as_str()
                    ),
                )
                .at(source, guideline.fm_span(aid.ipdas.span()))
                .with_help(message!("decision-aid-missing-assessment-date-help")),
            );
        }
        for id in &aid.recommendations {
            if guideline.recommendation(*id.get_ref()).is_none() {
                findings.push(
                    Diagnostic::error(
                        codes::DECISION_AID_UNKNOWN_RECOMMENDATION,
                        message!(
                            "decision-aid-unknown-recommendation",
                            title = aid.title.as_str(),
                            id = *id.get_ref()
                        ),
                    )
                    .at(source, guideline.fm_span(id.span()))
                    .with_help(message!("decision-aid-unknown-recommendation-help")),
                );
            }
        }
        if let Some(scheme) = link_safety::unsafe_scheme(aid.url.get_ref()) {
            findings.push(
                link_safety::unsafe_link_finding(aid.url.get_ref(), &scheme)
                    .at(source, guideline.fm_span(aid.url.span())),
            );
        }
        if aid.url.get_ref().starts_with("http://") {
            findings.push(
                Diagnostic::warning(codes::LINK_INSECURE, message!("decision-aid-insecure"))
                    .at(source, guideline.fm_span(aid.url.span()))
                    .with_help(message!("decision-aid-insecure-help")),
            );
        }
    }
}
