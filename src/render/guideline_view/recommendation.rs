//! A recommendation's card: its badges, its decision aids, its phases and monitoring.

use crate::link_safety;
use crate::model::{AidFormat, DecisionAid, Guideline, Ipdas, Marker, Recommendation};

use super::super::partials::Partial;
use super::super::theme::Theme;
use super::{DecisionAidView, MonitoringView, PhaseView, RecommendationView};

/// What a recommendation's badges need besides the recommendation, found once per page.
pub(crate) struct BadgeText {
    root: String,
    new: String,
    changed: String,
    /// Every configured phase, by slug, as a link to its page.
    phases: Vec<(String, PhaseView)>,
}

impl BadgeText {
    pub(crate) fn new(theme: &Theme, root: &str, config: &crate::config::SiteConfig) -> Self {
        Self {
            root: root.to_owned(),
            new: theme.text("badge_new").to_owned(),
            changed: theme.text("badge_changed").to_owned(),
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
    let label = strength
        .map(|s| theme.strength.label(&s))
        .unwrap_or_default();
    let class = strength.map_or("", |s| theme.strength.class(&s));
    // The theme's partials, filled here once per recommendation (not a tera macro per
    // badge in the page's templates: docs/performance.md, 16).
    let mut badges_html = String::new();
    if let Some(strength) = strength {
        let values = [class, text.root.as_str(), strength.key(), label.as_str()];
        theme.write_partial(Partial::StrengthBadge, &[], &values, &mut badges_html);
    }
    let marker = match recommendation.header.marker {
        Some(Marker::New) => Some(["new", text.new.as_str()]),
        Some(Marker::Changed) => Some(["changed", text.changed.as_str()]),
        None => None,
    };
    if let Some(values) = marker {
        badges_html.push(' ');
        theme.write_partial(Partial::MarkerBadge, &[], &values, &mut badges_html);
    }
    RecommendationView {
        id: recommendation.header.id,
        anchor: recommendation.anchor(),
        strength: label,
        strength_anchor: strength.map_or("", |s| s.key()),
        strength_class: class.to_owned(),
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

impl RecommendationView {
    /// Appends its card in *Grundlag* (the theme's partial), decision aids and all; an
    /// `archived` page has no share link.
    pub(crate) fn write_article(&self, theme: &Theme, archived: bool, out: &mut String) {
        let id = self.id.to_string();
        let mut aids = String::new();
        for aid in &self.decision_aids {
            // The line breaks and indent the template's loop wrote around each aid.
            aids.push_str("\n        ");
            aid.write(theme, &id, &mut aids);
            aids.push_str("\n        ");
        }
        let (database, indicator) = self.monitoring_values();
        let values = [
            self.anchor.as_str(),
            &id,
            &self.badges_html,
            &self.html,
            database,
            indicator,
            &aids,
        ];
        let flags = [archived, self.monitoring.is_some()];
        theme.write_partial(Partial::Recommendation, &flags, &values, out);
    }

    /// Appends its item in the Quick guide (the theme's partial).
    pub(crate) fn write_quick_guide_item(&self, theme: &Theme, out: &mut String) {
        let id = self.id.to_string();
        let values = [self.anchor.as_str(), &id, &self.badges_html, &self.html];
        theme.write_partial(Partial::QuickGuideItem, &[], &values, out);
    }
}

impl RecommendationView {
    /// Appends its item in the MDT view (the theme's partial) of the guideline page at `url`.
    pub(crate) fn write_mdt_item(&self, theme: &Theme, url: &str, out: &mut String) {
        let id = self.id.to_string();
        let mut phases = String::new();
        for phase in &self.phases {
            theme.write_partial(Partial::PhaseTag, &[], &[&phase.name], &mut phases);
        }
        let mut aids = String::new();
        for aid in &self.decision_aids {
            let values = [aid.url.as_str(), &aid.title, &aid.decision];
            theme.write_partial(Partial::MdtAid, &[!aid.url.is_empty()], &values, &mut aids);
        }
        let (database, indicator) = self.monitoring_values();
        let values = [
            url,
            &self.anchor,
            &id,
            &self.badges_html,
            &phases,
            &self.html,
            database,
            indicator,
            &aids,
        ];
        let flags = [!self.phases.is_empty(), self.monitoring.is_some()];
        theme.write_partial(Partial::MdtItem, &flags, &values, out);
    }

    /// Its monitoring's database and indicator; empty without monitoring.
    fn monitoring_values(&self) -> (&str, &str) {
        self.monitoring
            .as_ref()
            .map_or(("", ""), |m| (m.database.as_str(), m.indicator.as_str()))
    }
}

impl DecisionAidView {
    /// Appends its card beside the recommendation numbered `id` (the theme's partial). A
    /// value the template tested for truth is a flag: empty or missing is false.
    fn write(&self, theme: &Theme, id: &str, out: &mut String) {
        let assessed = self.assessed.as_deref().unwrap_or_default();
        let last_updated = self.last_updated.as_deref().unwrap_or_default();
        let values = [
            self.ipdas,
            id,
            &self.title,
            &self.url,
            &self.decision,
            &self.publisher,
            &self.ipdas_text,
            assessed,
            last_updated,
            &self.format,
        ];
        let flags = [
            !self.url.is_empty(),
            !assessed.is_empty(),
            !last_updated.is_empty(),
        ];
        theme.write_partial(Partial::DecisionAid, &flags, &values, out);
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
