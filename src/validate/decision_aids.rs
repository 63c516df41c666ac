//! Decision aids (beslutningsstøtteværktøjer): an assessed aid has its assessment date, and
//! every recommendation it supports exists.

use crate::diagnostics::{Diagnostic, codes};
use crate::link_safety;
use crate::model::{Guideline, Ipdas};

pub fn check(guideline: &Guideline, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    for aid in &guideline.meta.decision_aids {
        if *aid.ipdas.get_ref() != Ipdas::NotAssessed && aid.ipdas_assessed.is_none() {
            findings.push(
                Diagnostic::error(
                    codes::DECISION_AID_MISSING_ASSESSMENT_DATE,
                    format!("the decision aid `{}` is marked as IPDAS-assessed but has no ipdas_assessed date", aid.title),
                )
                .at(source, guideline.fm_span(aid.ipdas.span()))
                .with_help("add ipdas_assessed = YYYY-MM-DD, or set ipdas = \"not-assessed\""),
            );
        }
        for id in &aid.recommendations {
            if guideline.recommendation(*id.get_ref()).is_none() {
                findings.push(
                    Diagnostic::error(
                        codes::DECISION_AID_UNKNOWN_RECOMMENDATION,
                        format!("the decision aid `{}` supports recommendation {}, which this guideline does not have", aid.title, id.get_ref()),
                    )
                    .at(source, guideline.fm_span(id.span()))
                    .with_help("use the id from the recommendation's ::: anbefaling N line"),
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
                Diagnostic::warning(codes::LINK_INSECURE, "the decision aid's link uses http://")
                    .at(source, guideline.fm_span(aid.url.span()))
                    .with_help(
                        "use https:// so the link cannot be tampered with on hospital networks",
                    ),
            );
        }
    }
}
