//! The view of one guideline page: plain serialisable data for the template, built from the
//! model. All HTML from Markdown is rendered here, in document order, so citation back-links
//! are numbered as they appear.

use serde::Serialize;

use crate::model::{Guideline, LeadBlock, SectionKind, Status};
use crate::site::Site;
use crate::status::{self, Revision};

use super::markdown::{Citations, MarkdownRenderer, PastAssets, citation_numbers, escape};
use super::partials::Partial;
use super::theme::Theme;

mod recommendation;
mod references;
mod toc;

pub(crate) use recommendation::{BadgeText, recommendation_view};
use references::reference_views;
use toc::toc_html;

/// What `guideline.html` shows of one guideline, ready for the template.
#[derive(Serialize)]
pub struct GuidelineView {
    pub(crate) url: String,
    pub(crate) group: String,
    pub(crate) group_name: String,
    pub(crate) title: String,
    pub(crate) version: String,
    pub(crate) draft: bool,
    pub(crate) example: bool,
    pub(crate) grading: &'static str,
    pub(crate) template_version: String,
    pub(crate) revision: RevisionView,
    pub(crate) professional: Option<ApprovalView>,
    pub(crate) administrative: Option<ApprovalView>,
    pub(crate) published: Option<String>,
    pub(crate) keywords: Vec<String>,
    pub(crate) authors: Vec<crate::model::Author>,
    pub(crate) quick_guide: Vec<QuickGuideTopic>,
    pub(crate) sections: Vec<SectionView>,
    /// The "on this page" list of the sections, nested with their topics and headings.
    pub(crate) toc_html: String,
    /// The reference list's items (`<li>`), made here rather than in a template loop: a
    /// list runs to a hundred entries, and each `{{ }}` in a tera loop costs thousands of
    /// instructions, a large share of a page's template time (docs/performance.md).
    pub(crate) references_html: String,
    /// How many items `references_html` holds. A template tests this, not the HTML: tera
    /// escapes (copies) a string it only tests for truth.
    pub(crate) reference_count: usize,
    /// The pathway phases the guideline covers, each linking to its `/forloeb/` page.
    pub(crate) phases: Vec<PhaseView>,
    /// The further groups it serves (`groups`), each linking to its group page.
    pub(crate) other_groups: Vec<GroupLink>,
    /// The MDT view of its recommendations.
    pub(crate) mdt_url: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct PhaseView {
    pub(crate) name: String,
    pub(crate) url: String,
}

#[derive(Serialize)]
pub(crate) struct GroupLink {
    pub(crate) name: String,
    pub(crate) url: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct MonitoringView {
    pub(crate) database: String,
    pub(crate) indicator: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct RevisionView {
    pub(crate) planned: String,
    pub(crate) planned_iso: String,
    pub(crate) status: &'static str,
    pub(crate) days_left: i64,
    pub(crate) days_abs: i64,
}

#[derive(Serialize)]
pub(crate) struct ApprovalView {
    pub(crate) date: String,
    pub(crate) by: String,
}

#[derive(Serialize)]
pub(crate) struct QuickGuideTopic {
    pub(crate) title: String,
    pub(crate) anchor: String,
    /// Its recommendations as the page lists them: the theme's partial for each, filled
    /// here (each `{{ }}` in a tera loop costs thousands of instructions).
    pub(crate) items_html: String,
    /// The same recommendations as the MDT view lists them.
    pub(crate) mdt_items_html: String,
}

#[derive(Serialize, Clone)]
pub(crate) struct RecommendationView {
    pub(crate) id: u32,
    pub(crate) anchor: String,
    pub(crate) strength: String,
    pub(crate) strength_anchor: &'static str,
    pub(crate) strength_class: String,
    pub(crate) marker: Option<&'static str>,
    /// The strength badge and the new/changed mark, made here rather than by a template
    /// macro: they show twice for every recommendation, and a macro call per badge is a
    /// large share of a page's template time (docs/performance.md).
    pub(crate) badges_html: String,
    pub(crate) html: String,
    pub(crate) decision_aids: Vec<DecisionAidView>,
    /// Its phases: its own `fase=`, or else its guideline's.
    pub(crate) phases: Vec<PhaseView>,
    pub(crate) monitoring: Option<MonitoringView>,
}

#[derive(Serialize, Clone)]
pub(crate) struct DecisionAidView {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) decision: String,
    pub(crate) publisher: String,
    pub(crate) format: String,
    pub(crate) ipdas: &'static str,
    pub(crate) ipdas_text: String,
    pub(crate) assessed: Option<String>,
    pub(crate) last_updated: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct SectionView {
    pub(crate) anchor: &'static str,
    pub(crate) title: String,
    pub(crate) kind: &'static str,
    pub(crate) html: String,
    /// Its topics, each the theme's partial filled here (the template prints those of
    /// *Grundlag*): a tera loop over a topic's evidence cost thousands of instructions a
    /// `{{ }}`.
    pub(crate) topics_html: String,
}

pub(crate) fn revision_view(theme: &Theme, revision: Revision) -> RevisionView {
    RevisionView {
        planned: theme.long_date(revision.planned),
        planned_iso: revision.planned.to_string(),
        status: revision.status.as_str(),
        days_left: revision.days_left,
        days_abs: revision.days_left.abs(),
    }
}

/// The view of `guideline`'s current version on `today` (revision status counts days from it).
pub fn build(
    site: &Site,
    guideline: &Guideline,
    theme: &Theme,
    today: jiff::civil::Date,
) -> GuidelineView {
    build_with(site, guideline, theme, today, None)
}

/// [`build`], for an earlier version with the files it had (`past_assets`).
pub(crate) fn build_with(
    site: &Site,
    guideline: &Guideline,
    theme: &Theme,
    today: jiff::civil::Date,
    past_assets: Option<&PastAssets>,
) -> GuidelineView {
    let root = site.config.root_path();
    let markdown = MarkdownRenderer {
        guideline,
        root: &root,
        table_label: escape(theme.text("table_label")),
        unnumbered_table_label: escape(theme.text("table_label_unnumbered")),
        unnumbered_tables: std::cell::Cell::new(0),
        table_numbers: std::cell::RefCell::default(),
        numbers: citation_numbers(guideline),
        assets: site.assets.of(&guideline.group, &guideline.slug),
        zoom_label: escape(theme.text("figure_zoom")),
        past_assets,
    };
    // One `Citations` for the whole page, filled in document order: the Quick guide repeats
    // the recommendations without numbering their citations, so it gets none.
    let mut citations = Citations::default();
    let badge_text = BadgeText::new(theme, &root, &site.config);
    let url = format!("{root}{}", guideline.path());
    let quick_guide = quick_guide(theme, &badge_text, guideline, &markdown, &url);
    let sections = section_views(theme, &badge_text, guideline, &markdown, &mut citations);
    let references = reference_views(theme, guideline, &markdown, &mut citations);
    let mut references_html = String::new();
    for reference in &references {
        reference.write_item(theme, &mut references_html);
    }
    let meta = &guideline.meta;
    let approval =
        |entry: Option<&crate::model::ApprovalEntry>| entry.map(|e| approval_view(theme, e));
    GuidelineView {
        url,
        group: guideline.group.clone(),
        group_name: site.group_name(&guideline.group).to_owned(),
        title: guideline.title().to_owned(),
        version: meta.version.get_ref().clone(),
        draft: guideline.status() == Status::Draft,
        example: meta.example,
        grading: match guideline.grading() {
            crate::model::Grading::Oxford => "oxford",
            crate::model::Grading::Grade => "grade",
        },
        template_version: meta.template_version.get_ref().clone(),
        revision: revision_view(
            theme,
            status::guideline_revision(guideline, &site.config, today),
        ),
        professional: approval(guideline.professional_approval()),
        administrative: approval(guideline.administrative_approval()),
        published: guideline.published().map(|d| theme.long_date(d)),
        keywords: meta.keywords.clone(),
        authors: meta.authors.clone(),
        quick_guide,
        sections,
        toc_html: toc_html(guideline),
        references_html,
        reference_count: references.len(),
        phases: guideline
            .phases()
            .filter_map(|slug| badge_text.phase(slug))
            .collect(),
        other_groups: other_groups(site, guideline, &root),
        mdt_url: format!("{root}{}mdt/", guideline.path()),
    }
}

fn section_kind_name(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::QuickGuide => "quick-guide",
        SectionKind::Grundlag => "grundlag",
        SectionKind::References => "references",
        _ => "text",
    }
}

/// The Quick guide: every topic with recommendations, each recommendation as in *Grundlag*.
fn quick_guide(
    theme: &Theme,
    badge_text: &BadgeText,
    guideline: &Guideline,
    markdown: &MarkdownRenderer<'_>,
    url: &str,
) -> Vec<QuickGuideTopic> {
    guideline
        .topics()
        .iter()
        .filter_map(|topic| {
            let recommendations: Vec<RecommendationView> = topic
                .recommendation_indices()
                .map(|i| {
                    recommendation_view(
                        theme,
                        badge_text,
                        guideline,
                        &guideline.body.recommendations[i],
                        markdown.render(&guideline.body.recommendations[i].content, None),
                    )
                })
                .collect();
            let mut items_html = String::new();
            let mut mdt_items_html = String::new();
            for r in &recommendations {
                // The line breaks and indent the templates' loops wrote around each item.
                items_html.push_str("\n      ");
                r.write_quick_guide_item(theme, &mut items_html);
                items_html.push_str("\n      ");
                mdt_items_html.push_str("\n      ");
                r.write_mdt_item(theme, url, &mut mdt_items_html);
                mdt_items_html.push_str("\n      ");
            }
            let topic = QuickGuideTopic {
                title: topic.title.clone(),
                anchor: topic.anchor.clone(),
                items_html,
                mdt_items_html,
            };
            (!recommendations.is_empty()).then_some(topic)
        })
        .collect()
}

/// The template sections in order, *Grundlag* with its topics, recommendations and evidence
/// sub-sections; citations are numbered as they appear.
fn section_views(
    theme: &Theme,
    badge_text: &BadgeText,
    guideline: &Guideline,
    markdown: &MarkdownRenderer<'_>,
    citations: &mut Citations,
) -> Vec<SectionView> {
    guideline
        .body
        .sections
        .iter()
        .filter_map(|section| {
            let kind = section.kind?;
            let mut topics_html = String::new();
            for topic in &section.topics {
                let lead = lead_html(theme, badge_text, guideline, markdown, topic, citations);
                let mut evidence = String::new();
                for sub in &topic.subsections {
                    let html = markdown.render(&sub.content, Some(citations));
                    // The line breaks and indent the template's loop wrote around each.
                    evidence.push_str("\n      ");
                    let values = [sub.anchor.as_str(), &sub.title, &html];
                    theme.write_partial(Partial::Evidence, &[], &values, &mut evidence);
                    evidence.push_str("\n      ");
                }
                topics_html.push_str("\n    ");
                let values = [topic.anchor.as_str(), &topic.title, &lead, &evidence];
                theme.write_partial(Partial::Topic, &[], &values, &mut topics_html);
                topics_html.push_str("\n    ");
            }
            Some(SectionView {
                anchor: kind.anchor(),
                title: kind.title().to_owned(),
                kind: section_kind_name(kind),
                html: markdown.render(&section.content, Some(citations)),
                topics_html,
            })
        })
        .collect()
}

/// A topic's text and recommendations before its evidence (the `lead` of its partial).
fn lead_html(
    theme: &Theme,
    badge_text: &BadgeText,
    guideline: &Guideline,
    markdown: &MarkdownRenderer<'_>,
    topic: &crate::model::Topic,
    citations: &mut Citations,
) -> String {
    let mut html = String::new();
    for block in &topic.lead {
        match block {
            LeadBlock::Markdown(fragment) => {
                html.push_str(&markdown.render(fragment, Some(&mut *citations)));
            }
            LeadBlock::Recommendation(i) => {
                let recommendation = &guideline.body.recommendations[*i];
                let text = markdown.render(&recommendation.content, Some(&mut *citations));
                let view = recommendation_view(theme, badge_text, guideline, recommendation, text);
                // The line breaks and indent the template wrote around each recommendation.
                html.push_str("\n      ");
                // Only an earlier version's page has the files it had then: it is archived.
                view.write_article(theme, markdown.past_assets.is_some(), &mut html);
                html.push_str("\n      ");
            }
        }
    }
    html
}

fn approval_view(theme: &Theme, entry: &crate::model::ApprovalEntry) -> ApprovalView {
    ApprovalView {
        date: theme.long_date(entry.date.get_ref().0),
        by: entry.by.clone(),
    }
}

/// The further groups the guideline serves (its home group is the page's own).
fn other_groups(site: &Site, guideline: &Guideline, root: &str) -> Vec<GroupLink> {
    guideline
        .all_groups()
        .skip(1)
        .map(|code| GroupLink {
            name: site.group_name(code).to_owned(),
            url: format!("{root}{code}/"),
        })
        .collect()
}
