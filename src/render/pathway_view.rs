//! The pathway pages: `/forloeb/` (groups × phases, one list of phase chips per group, so a
//! phone never scrolls sideways) and `/forloeb/<phase>/` (the phase's recommendations across
//! every guideline). The matrix is computed once and each guideline's recommendations are
//! written once, whatever the number of phases.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Guideline;
use crate::pathway;
use crate::site::Site;

use super::markdown::escape;
use super::{RenderError, RenderedFile, Theme, render};

#[derive(Serialize)]
struct GroupChips {
    name: String,
    url: String,
    cells: Vec<Chip>,
    gaps: usize,
}

#[derive(Serialize)]
struct Chip {
    name: String,
    url: String,
    guidelines: usize,
    recommendations: usize,
}

#[derive(Serialize)]
struct PhasePage<'a> {
    name: &'a str,
    guidelines: Vec<PhaseGuideline>,
}

/// One guideline on a phase page, with its recommendations in that phase.
#[derive(Serialize)]
struct PhaseGuideline {
    title: String,
    url: String,
    group_name: String,
    /// The list items (`<li>`), made here rather than in a template loop (see
    /// `SearchEntry::recommendations_html`): a phase page can list thousands.
    recommendations_html: String,
}

/// `forloeb/index.html` and `forloeb/<phase>/index.html` for every configured phase.
pub fn pages(
    site: &Site,
    theme: &Theme,
    base: &tera::Context,
    guidelines: &[&Guideline],
    root: &str,
) -> Result<Vec<RenderedFile>, RenderError> {
    let phases = &site.config.pathway.phases;
    let matrix = pathway::matrix(&site.config, guidelines.iter().copied(), None);
    let chips: Vec<GroupChips> = matrix
        .groups
        .iter()
        .map(|row| GroupChips {
            name: row.name.clone(),
            url: format!("{root}{}/", row.group),
            gaps: row.gaps().count(),
            cells: row
                .cells
                .iter()
                .zip(phases)
                .map(|(cell, phase)| Chip {
                    name: phase.name.clone(),
                    url: format!("{root}forloeb/{}/", phase.slug),
                    guidelines: cell.guidelines,
                    recommendations: cell.recommendations,
                })
                .collect(),
        })
        .collect();
    let mut context = base.clone();
    context.insert("groups", &chips);
    context.insert(
        "phases",
        &chips
            .first()
            .map(|g| g.cells.as_slice())
            .unwrap_or_default(),
    );
    let mut files = vec![(
        "forloeb/index.html".to_owned(),
        render(theme, "pathway.html", &context)?,
    )];

    let per_phase = phase_lists(site, theme, guidelines, root);
    for (phase, listed) in phases.iter().zip(per_phase) {
        let mut context = base.clone();
        context.insert(
            "phase",
            &PhasePage {
                name: &phase.name,
                guidelines: listed,
            },
        );
        files.push((
            format!("forloeb/{}/index.html", phase.slug),
            render(theme, "phase.html", &context)?,
        ));
    }
    Ok(files)
}

/// For each configured phase, the guidelines with recommendations in it, in site order.
fn phase_lists(
    site: &Site,
    theme: &Theme,
    guidelines: &[&Guideline],
    root: &str,
) -> Vec<Vec<PhaseGuideline>> {
    let phases = &site.config.pathway.phases;
    let label = escape(theme.text("recommendation"));
    // Every guideline on every core: its items per phase, each recommendation written once.
    let per_guideline: Vec<Vec<(usize, PhaseGuideline)>> = guidelines
        .par_iter()
        .map(|g| {
            let page = format!("{root}{}", g.path());
            let mut items = vec![String::new(); phases.len()];
            for r in &g.body.recommendations {
                let in_phases: Vec<usize> = g
                    .phases_of(r)
                    .into_iter()
                    .filter_map(|slug| phases.iter().position(|p| p.slug == slug))
                    .collect();
                if in_phases.is_empty() {
                    continue;
                }
                let item = recommendation_item(theme, &page, &label, r);
                for i in in_phases {
                    items[i].push_str(&item);
                }
            }
            items
                .into_iter()
                .enumerate()
                .filter(|(_, html)| !html.is_empty())
                .map(|(i, recommendations_html)| {
                    (
                        i,
                        PhaseGuideline {
                            title: g.title().to_owned(),
                            url: page.clone(),
                            group_name: site.group_name(&g.group).to_owned(),
                            recommendations_html,
                        },
                    )
                })
                .collect()
        })
        .collect();
    let mut lists: Vec<Vec<PhaseGuideline>> = phases.iter().map(|_| Vec::new()).collect();
    for (i, listed) in per_guideline.into_iter().flatten() {
        lists[i].push(listed);
    }
    lists
}

/// `<li>` with a deep link to the recommendation, its strength and its text.
fn recommendation_item(
    theme: &Theme,
    page: &str,
    label: &str,
    r: &crate::model::Recommendation,
) -> String {
    let mut item = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        item,
        r#"<li class="phase-item"><a href="{}">{label} {}</a>"#,
        escape(&format!("{page}#{}", r.anchor())),
        r.header.id
    );
    if let Some(strength) = r.header.strength {
        let _ = write!(
            item,
            r#" <span class="badge strength {}">{}</span>"#,
            escape(theme.strength.class(&strength)),
            escape(&theme.strength.label(&strength))
        );
    }
    let _ = write!(
        item,
        r#"<p class="phase-text">{}</p></li>"#,
        escape(&r.content.plain_text())
    );
    item
}
