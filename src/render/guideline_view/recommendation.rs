//! A recommendation's card: its badges, its decision aids, its phases and monitoring.

use std::fmt::Write as _;

use crate::link_safety;
use crate::model::{AidFormat, DecisionAid, Guideline, Ipdas, Marker, Recommendation};

use super::super::markdown::escape;
use super::super::theme::Theme;
use super::{DecisionAidView, MonitoringView, PhaseView, RecommendationView};

/// The words of a recommendation's badges, HTML-escaped once per page.
pub(crate) struct BadgeText {
    root: String,
    strength: String,
    new: String,
    changed: String,
    /// Every configured phase, by slug, as a link to its page.
    phases: Vec<(String, PhaseView)>,
}

impl BadgeText {
    pub(crate) fn new(theme: &Theme, root: &str, config: &crate::config::SiteConfig) -> Self {
        Self {
            root: escape(root),
            strength: escape(theme.text("strength")),
            new: escape(theme.text("badge_new")),
            changed: escape(theme.text("badge_changed")),
            phases: config
                .pathway
                .phases
                .iter()
                .map(|p| {
                    let view = PhaseView {
                        name: p.name.clone(),
                        url: format!("{root}forloeb/{}/", p.slug),
                    };
                    (p.slug.clone(), view)
                })
                .collect(),
        }
    }

    /// The phase with this slug; `None` for one `retning.toml` does not know (reported).
    pub(crate) fn phase(&self, slug: &str) -> Option<PhaseView> {
        self.phases
            .iter()
            .find(|(known, _)| known == slug)
            .map(|(_, view)| view.clone())
    }
}

pub(crate) fn recommendation_view(
    theme: &Theme,
    text: &BadgeText,
    guideline: &Guideline,
    recommendation: &Recommendation,
    html: String,
) -> RecommendationView {
    let strength = recommendation.header.strength;
    let label = strength.map(|s| s.label()).unwrap_or_default();
    let mut badges_html = String::new();
    // Writing to a String cannot fail.
    if let Some(strength) = strength {
        let _ = write!(
            badges_html,
            r#"<a class="badge strength {}" href="{}styrke/#{}"><span class="visually-hidden">{}: </span>{}</a>"#,
            strength.css_class(),
            text.root,
            strength.explanation_anchor(),
            text.strength,
            escape(&label),
        );
    }
    let _ = match recommendation.header.marker {
        Some(Marker::New) => write!(
            badges_html,
            r#" <span class="badge badge-new">{}</span>"#,
            text.new
        ),
        Some(Marker::Changed) => write!(
            badges_html,
            r#" <span class="badge badge-changed">{}</span>"#,
            text.changed
        ),
        None => Ok(()),
    };
    RecommendationView {
        id: recommendation.header.id,
        anchor: recommendation.anchor(),
        strength: label,
        strength_anchor: strength.map_or("", |s| s.explanation_anchor()),
        strength_class: strength.map_or("", |s| s.css_class()),
        marker: recommendation.header.marker.map(|m| match m {
            Marker::New => "new",
            Marker::Changed => "changed",
        }),
        badges_html,
        html,
        decision_aids: guideline
            .decision_aids_for(recommendation.header.id)
            .map(|aid| decision_aid_view(theme, aid))
            .collect(),
        phases: guideline
            .phases_of(recommendation)
            .into_iter()
            .filter_map(|slug| text.phase(slug))
            .collect(),
        monitoring: recommendation
            .header
            .monitoring
            .as_ref()
            .map(|m| MonitoringView {
                database: m.database.clone(),
                indicator: m.indicator.clone(),
            }),
    }
}

fn decision_aid_view(theme: &Theme, aid: &DecisionAid) -> DecisionAidView {
    let ipdas = *aid.ipdas.get_ref();
    // An unassessed aid never shows an assessment date, whatever the front matter says.
    let assessed = match ipdas {
        Ipdas::NotAssessed => None,
        _ => aid
            .ipdas_assessed
            .as_ref()
            .map(|d| theme.long_date(d.get_ref().0)),
    };
    DecisionAidView {
        title: aid.title.clone(),
        // Empty when the scheme could run script: `check` reports it, and no page links to it.
        url: link_safety::publishable(aid.url.get_ref())
            .unwrap_or_default()
            .to_owned(),
        decision: aid.decision.clone(),
        publisher: aid.publisher.clone(),
        format: theme
            .text(match aid.format {
                AidFormat::Encounter => "aid_format_encounter",
                AidFormat::Preparation => "aid_format_preparation",
            })
            .to_owned(),
        ipdas: match ipdas {
            Ipdas::NotAssessed => "not-assessed",
            Ipdas::Qualifying => "qualifying",
            Ipdas::Certified => "certified",
        },
        ipdas_text: theme
            .text(match ipdas {
                Ipdas::NotAssessed => "aid_ipdas_not_assessed",
                Ipdas::Qualifying => "aid_ipdas_qualifying",
                Ipdas::Certified => "aid_ipdas_certified",
            })
            .to_owned(),
        assessed,
        last_updated: aid
            .last_updated
            .as_ref()
            .map(|d| theme.long_date(d.get_ref().0)),
    }
}
