//! The view of one guideline page: plain serialisable data for the template, built from the
//! model. All HTML from Markdown is rendered here, in document order, so citation back-links
//! are numbered as they appear.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::link_safety;
use crate::model::{
    AidFormat, DecisionAid, Guideline, Ipdas, LeadBlock, Marker, Recommendation, SectionKind,
    Status,
};
use crate::site::Site;
use crate::status::{self, Revision};

use super::markdown::{
    Citations, MarkdownRenderer, PastAssets, anchor_safe, citation_numbers, escape, escape_into,
};
use super::theme::Theme;

#[derive(Serialize)]
pub struct GuidelineView {
    pub url: String,
    pub group: String,
    pub group_name: String,
    pub title: String,
    pub version: String,
    pub draft: bool,
    pub example: bool,
    pub grading: &'static str,
    pub template_version: String,
    pub revision: RevisionView,
    pub professional: Option<ApprovalView>,
    pub administrative: Option<ApprovalView>,
    pub published: Option<String>,
    pub keywords: Vec<String>,
    pub authors: Vec<crate::model::Author>,
    pub quick_guide: Vec<QuickGuideTopic>,
    pub sections: Vec<SectionView>,
    /// The "on this page" list of the sections, nested with their topics and headings.
    pub toc_html: String,
    /// The reference list's items (`<li>`), made here rather than in a template loop: a
    /// list runs to a hundred entries, and each `{{ }}` in a tera loop costs thousands of
    /// instructions — the loop was three tenths of a guideline page's template time.
    pub references_html: String,
    /// How many items `references_html` holds. A template tests this, not the HTML: tera
    /// escapes (copies) a string it only tests for truth.
    pub reference_count: usize,
    /// The pathway phases the guideline covers, each linking to its `/forloeb/` page.
    pub phases: Vec<PhaseView>,
    /// The further groups it serves (`groups`), each linking to its group page.
    pub other_groups: Vec<GroupLink>,
    /// The MDT view of its recommendations.
    pub mdt_url: String,
}

#[derive(Serialize, Clone)]
pub struct PhaseView {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct GroupLink {
    pub name: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct MonitoringView {
    pub database: String,
    pub indicator: String,
}

#[derive(Serialize, Clone)]
pub struct RevisionView {
    pub planned: String,
    pub planned_iso: String,
    pub status: &'static str,
    pub days_left: i64,
    pub days_abs: i64,
}

#[derive(Serialize)]
pub struct ApprovalView {
    pub date: String,
    pub by: String,
}

#[derive(Serialize)]
pub struct QuickGuideTopic {
    pub title: String,
    pub anchor: String,
    pub recommendations: Vec<RecommendationView>,
}

#[derive(Serialize, Clone)]
pub struct RecommendationView {
    pub id: u32,
    pub anchor: String,
    pub strength: String,
    pub strength_anchor: &'static str,
    pub strength_class: &'static str,
    pub marker: Option<&'static str>,
    /// The strength badge and the new/changed mark, made here rather than by a template
    /// macro: they show twice for every recommendation, and were a fifth of a guideline
    /// page's template time.
    pub badges_html: String,
    pub html: String,
    pub decision_aids: Vec<DecisionAidView>,
    /// Its phases: its own `fase=`, or else its guideline's.
    pub phases: Vec<PhaseView>,
    pub monitoring: Option<MonitoringView>,
}

#[derive(Serialize, Clone)]
pub struct DecisionAidView {
    pub title: String,
    pub url: String,
    pub decision: String,
    pub publisher: String,
    pub format: String,
    pub ipdas: &'static str,
    pub ipdas_text: String,
    pub assessed: Option<String>,
    pub last_updated: Option<String>,
}

#[derive(Serialize)]
pub struct SectionView {
    pub anchor: &'static str,
    pub title: String,
    pub kind: &'static str,
    pub html: String,
    pub topics: Vec<TopicView>,
}

#[derive(Serialize)]
pub struct TopicView {
    pub title: String,
    pub anchor: String,
    pub blocks: Vec<BlockView>,
    pub subsections: Vec<SubSectionView>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockView {
    Markdown { html: String },
    Recommendation(Box<RecommendationView>),
}

#[derive(Serialize)]
pub struct SubSectionView {
    pub title: String,
    pub anchor: String,
    pub html: String,
}

/// One reference on its way into `references_html` (the template no longer sees it).
struct ReferenceView {
    /// `anchor_safe`: written into the page as it is.
    id: String,
    number: Option<usize>,
    html: String,
    /// The evidence levels it is cited with, as the page shows them: "1b, 2a".
    levels_text: String,
    /// A link back to each citation.
    backlinks_html: String,
}

impl ReferenceView {
    /// The list item, as `references_html` holds it: the reference, its evidence levels
    /// (`evidence_level` is the theme's label, HTML-escaped) and the links back.
    fn write_item(&self, out: &mut String, evidence_level: &str) {
        out.push_str("\n      <li id=\"ref-");
        out.push_str(&self.id);
        out.push('"');
        if self.number.is_none() {
            out.push_str(" class=\"uncited\"");
        }
        out.push('>');
        out.push_str(&self.html);
        if !self.levels_text.is_empty() {
            out.push_str(" <span class=\"evidence-level\">");
            out.push_str(evidence_level);
            out.push(' ');
            out.push_str(&escape(&self.levels_text));
            out.push_str("</span>");
        }
        out.push_str(&self.backlinks_html);
        out.push_str("</li>\n      ");
    }
}

pub fn revision_view(theme: &Theme, revision: Revision) -> RevisionView {
    RevisionView {
        planned: theme.long_date(revision.planned),
        planned_iso: revision.planned.to_string(),
        status: revision.status.as_str(),
        days_left: revision.days_left,
        days_abs: revision.days_left.abs(),
    }
}

pub fn build(
    site: &Site,
    guideline: &Guideline,
    theme: &Theme,
    today: jiff::civil::Date,
) -> GuidelineView {
    build_with(site, guideline, theme, today, None)
}

/// [`build`], for an earlier version with the files it had (`past_assets`).
pub fn build_with(
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
    let mut citations = Citations::default();

    let badge_text = BadgeText::new(theme, &root, &site.config);
    let quick_guide = guideline
        .topics()
        .iter()
        .map(|topic| QuickGuideTopic {
            title: topic.title.clone(),
            anchor: topic.anchor.clone(),
            recommendations: topic
                .recommendation_indices()
                .map(|i| {
                    recommendation_view(
                        theme,
                        &badge_text,
                        guideline,
                        &guideline.body.recommendations[i],
                        markdown.render(&guideline.body.recommendations[i].content, None),
                    )
                })
                .collect(),
        })
        .filter(|topic| !topic.recommendations.is_empty())
        .collect();

    let sections = guideline
        .body
        .sections
        .iter()
        .filter_map(|section| {
            let kind = section.kind?;
            let topics = section
                .topics
                .iter()
                .map(|topic| TopicView {
                    title: topic.title.clone(),
                    anchor: topic.anchor.clone(),
                    blocks: topic
                        .lead
                        .iter()
                        .map(|block| match block {
                            LeadBlock::Markdown(fragment) => BlockView::Markdown {
                                html: markdown.render(fragment, Some(&mut citations)),
                            },
                            LeadBlock::Recommendation(i) => {
                                let recommendation = &guideline.body.recommendations[*i];
                                let html =
                                    markdown.render(&recommendation.content, Some(&mut citations));
                                BlockView::Recommendation(Box::new(recommendation_view(
                                    theme,
                                    &badge_text,
                                    guideline,
                                    recommendation,
                                    html,
                                )))
                            }
                        })
                        .collect(),
                    subsections: topic
                        .subsections
                        .iter()
                        .map(|sub| SubSectionView {
                            title: sub.title.clone(),
                            anchor: sub.anchor.clone(),
                            html: markdown.render(&sub.content, Some(&mut citations)),
                        })
                        .collect(),
                })
                .collect();
            Some(SectionView {
                anchor: kind.anchor(),
                title: kind.title().to_owned(),
                kind: section_kind_name(kind),
                html: markdown.render(&section.content, Some(&mut citations)),
                topics,
            })
        })
        .collect();

    let evidence_level = escape(theme.text("evidence_level"));
    let references = reference_views(
        guideline,
        &markdown,
        &mut citations,
        theme.text("back_to_citation"),
    );
    let mut references_html = String::new();
    for reference in &references {
        reference.write_item(&mut references_html, &evidence_level);
    }
    let meta = &guideline.meta;
    let approval = |entry: Option<&crate::model::ApprovalEntry>| {
        entry.map(|e| ApprovalView {
            date: theme.long_date(e.date.get_ref().0),
            by: e.by.clone(),
        })
    };
    GuidelineView {
        url: format!("{root}{}", guideline.path()),
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
        other_groups: guideline
            .all_groups()
            .skip(1)
            .map(|code| GroupLink {
                name: site.group_name(code).to_owned(),
                url: format!("{root}{code}/"),
            })
            .collect(),
        mdt_url: format!("{root}{}mdt/", guideline.path()),
    }
}

/// The "on this page" items after the Quick guide and the facts: every section, each with its
/// topics (in *Grundlag*) and headings nested below it, as list items of the template's `<ol>`.
/// A topic holds its own headings, then its evidence sub-sections with theirs: a link to one
/// opens its `<details>` (retning.js).
fn toc_html(guideline: &Guideline) -> String {
    let mut out = String::new();
    for (index, section) in guideline.body.sections.iter().enumerate() {
        let Some(kind) = section.kind.filter(|k| *k != SectionKind::QuickGuide) else {
            continue;
        };
        let headings = |topic: Option<usize>, subsection: Option<usize>| -> Vec<(u8, &str, &str)> {
            guideline
                .body
                .headings
                .iter()
                .filter(|h| {
                    h.section == index
                        && h.topic == topic
                        && h.subsection == subsection
                        && !h.in_recommendation
                })
                .map(|h| (h.level, h.title.as_str(), h.anchor.as_str()))
                .collect()
        };
        out.push_str("<li>");
        toc_link(&mut out, kind.anchor(), kind.title());
        let own = headings(None, None);
        if !own.is_empty() || !section.topics.is_empty() {
            // The section's own headings, then its topics, in one list.
            out.push_str("<ol>");
            write_items(&mut out, &own);
            for (t, topic) in section.topics.iter().enumerate() {
                out.push_str("<li>");
                toc_link(&mut out, &topic.anchor, &topic.title);
                let lead = headings(Some(t), None);
                if !lead.is_empty() || !topic.subsections.is_empty() {
                    out.push_str("<ol>");
                    write_items(&mut out, &lead);
                    for (k, sub) in topic.subsections.iter().enumerate() {
                        out.push_str("<li>");
                        toc_link(&mut out, &sub.anchor, &sub.title);
                        write_nested(&mut out, &headings(Some(t), Some(k)));
                        out.push_str("</li>");
                    }
                    out.push_str("</ol>");
                }
                out.push_str("</li>");
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>");
    }
    out
}

fn toc_link(out: &mut String, anchor: &str, title: &str) {
    // Ids are made of a–z, 0–9 and `-` (`slugify`), so they need no escaping. Pushed piece
    // by piece: a page has a link per heading and evidence sub-section.
    out.push_str("<a href=\"#");
    out.push_str(anchor);
    out.push_str("\">");
    escape_into(out, title);
    out.push_str("</a>");
}

/// `items` (level, title, id) as a nested `<ol>`: an item holds the items after it that are
/// deeper than it, up to the next one at its level or above.
fn write_nested(out: &mut String, items: &[(u8, &str, &str)]) {
    if items.is_empty() {
        return;
    }
    out.push_str("<ol>");
    write_items(out, items);
    out.push_str("</ol>");
}

/// The list items of [`write_nested`], without the list around them.
fn write_items(out: &mut String, items: &[(u8, &str, &str)]) {
    let mut i = 0;
    while let Some(&(level, title, anchor)) = items.get(i) {
        let end = items[i + 1..]
            .iter()
            .position(|item| item.0 <= level)
            .map_or(items.len(), |p| i + 1 + p);
        out.push_str("<li>");
        toc_link(out, anchor, title);
        write_nested(out, &items[i + 1..end]);
        out.push_str("</li>");
        i = end;
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

/// The words of a recommendation's badges, HTML-escaped once per page.
pub struct BadgeText {
    root: String,
    strength: String,
    new: String,
    changed: String,
    /// Every configured phase, by slug, as a link to its page.
    phases: Vec<(String, PhaseView)>,
}

impl BadgeText {
    pub fn new(theme: &Theme, root: &str, config: &crate::config::SiteConfig) -> Self {
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
    pub fn phase(&self, slug: &str) -> Option<PhaseView> {
        self.phases
            .iter()
            .find(|(known, _)| known == slug)
            .map(|(_, view)| view.clone())
    }
}

pub fn recommendation_view(
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

/// Cited references in order of first citation, then any never cited.
fn reference_views(
    guideline: &Guideline,
    markdown: &MarkdownRenderer<'_>,
    citations: &mut Citations,
    back_to_citation: &str,
) -> Vec<ReferenceView> {
    let back_to_citation = escape(back_to_citation);
    let mut definitions: Vec<_> = guideline
        .body
        .definitions
        .iter()
        .filter(|d| d.section == Some(SectionKind::References))
        .collect();
    let number = |key: &str| markdown.numbers.get(key).copied();
    definitions.sort_by_cached_key(|d| number(&d.key).unwrap_or(usize::MAX));
    // Every key's evidence levels, in one pass over the citations.
    let mut levels_by_key: FxHashMap<&str, Vec<&'static str>> = FxHashMap::default();
    for citation in &guideline.body.citations {
        if let Some(level) = citation.level {
            levels_by_key
                .entry(citation.key.as_str())
                .or_default()
                .push(level.as_str());
        }
    }
    definitions
        .into_iter()
        .map(|definition| {
            let id = anchor_safe(&definition.key);
            let html = markdown.render(&definition.content, Some(citations));
            let count = citations
                .occurrences
                .get(&definition.key)
                .copied()
                .unwrap_or(0);
            let mut levels = levels_by_key
                .get(definition.key.as_str())
                .cloned()
                .unwrap_or_default();
            levels.sort_unstable();
            levels.dedup();
            let mut backlinks_html = String::new();
            for n in 1..=count {
                // Writing to a String cannot fail.
                let _ = write!(
                    backlinks_html,
                    r##" <a class="backlink" href="#cite-{id}-{n}" aria-label="{back_to_citation} {n}">↩</a>"##,
                );
            }
            ReferenceView {
                number: number(&definition.key),
                levels_text: levels.join(", "),
                backlinks_html,
                id,
                html,
            }
        })
        .collect()
}
