//! The patient pathway and cross-group guidelines: every phase a guideline or recommendation
//! names is one of `[pathway]`'s in `retning.toml`, a recommendation's phases lie within its
//! guideline's, and every further group is a group of the site.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::Guideline;

pub fn check(guideline: &Guideline, config: &SiteConfig, findings: &mut Vec<Diagnostic>) {
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
                    format!("`{}` is not a phase of the pathway", phase.get_ref()),
                )
                .at(source, guideline.fm_span(phase.span()))
                .with_help(format!("the phases in retning.toml are: {}", known())),
            );
        }
    }
    for recommendation in &guideline.body.recommendations {
        for phase in &recommendation.header.phases {
            let finding = if config.phase(&phase.slug).is_none() {
                Diagnostic::error(
                    codes::PHASE_UNKNOWN,
                    format!("`{}` is not a phase of the pathway", phase.slug),
                )
                .with_help(format!("the phases in retning.toml are: {}", known()))
            } else if !guideline.phases().any(|p| p == phase.slug) {
                Diagnostic::error(
                    codes::PHASE_NOT_IN_GUIDELINE,
                    format!(
                        "recommendation {} is in the phase `{}`, which the guideline's phases do not list",
                        recommendation.header.id, phase.slug
                    ),
                )
                .with_help(format!(
                    "add \"{}\" to phases in the front matter, or correct fase=",
                    phase.slug
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
                    format!("`{}` is not a group of the site", group.get_ref()),
                )
                .at(source, guideline.fm_span(group.span()))
                .with_help(format!(
                    "the groups in retning.toml are: {}",
                    known.join(", ")
                )),
            );
        }
    }
}
