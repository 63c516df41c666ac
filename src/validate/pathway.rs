//! The patient pathway and cross-group guidelines: every phase a guideline or recommendation
//! names is one of `[pathway]`'s in `retning.toml`, a recommendation's phases lie within its
//! guideline's, and every further group is a group of the site.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, codes, message};
use crate::model::Guideline;

pub(super) fn check(guideline: &Guideline, config: &SiteConfig, findings: &mut Vec<Diagnostic>) {
    let source = &guideline.source;
    let known = || {
        config
            .pathway
            .phases
            .iter()
            .map(|p| p.slug.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for phase in &guideline.meta.phases {
        if config.phase(phase.get_ref()).is_none() {
            findings.push(
                Diagnostic::error(
                    codes::PHASE_UNKNOWN,
                    message!("phase-unknown", phase = phase.get_ref().as_str()),
                )
                .at(source, guideline.fm_span(phase.span()))
                .with_help(message!("phase-unknown-help", phases = known())),
            );
        }
    }
    for recommendation in &guideline.body.recommendations {
        for phase in &recommendation.header.phases {
            let finding = if config.phase(&phase.slug).is_none() {
                Diagnostic::error(
                    codes::PHASE_UNKNOWN,
                    message!("phase-unknown", phase = phase.slug.as_str()),
                )
                .with_help(message!("phase-unknown-help", phases = known()))
            } else if !guideline.phases().any(|p| p == phase.slug) {
                Diagnostic::error(
                    codes::PHASE_NOT_IN_GUIDELINE,
                    message!(
                        "phase-not-in-guideline",
                        id = recommendation.header.id,
                        phase = phase.slug.as_str()
                    ),
                )
                .with_help(message!(
                    "phase-not-in-guideline-help",
                    phase = phase.slug.as_str()
                ))
            } else {
                continue;
            };
            findings.push(finding.at(source, phase.span.clone()));
        }
    }
    for group in &guideline.meta.groups {
        if !config.groups.contains_key(group.get_ref()) {
            let known: Vec<&str> = config.groups.keys().map(String::as_str).collect();
            findings.push(
                Diagnostic::error(
                    codes::GROUP_UNKNOWN,
                    message!("group-unknown", group = group.get_ref().as_str()),
                )
                .at(source, guideline.fm_span(group.span()))
                .with_help(message!("group-unknown-help", groups = known.join(", "))),
            );
        }
    }
}
