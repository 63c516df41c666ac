//! The pathway pages: `/forloeb/` (groups × phases, one list of phase chips per group, so a
//! phone never scrolls sideways) and `/forloeb/<phase>/` (the phase's recommendations across
//! every guideline; when they pass one page, a list of the groups, and each group's part on
//! pages of a bounded size). The matrix is computed once and each guideline's
//! recommendations are written once, whatever the number of phases.

use rayon::prelude::*;
use serde::Serialize;

use crate::pathway;
use crate::site::Site;
use crate::summary::{GuidelineSummary, RecommendationSummary};

use super::paging::{self, GroupCount};
use super::partials::Partial;
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
    guidelines: &'a [&'a PhaseGuideline],
}

/// One guideline on a phase page, with its recommendations in that phase.
#[derive(Serialize)]
struct PhaseGuideline {
    /// Its group's code, for the split by group.
    #[serde(skip)]
    group: String,
    title: String,
    url: String,
    group_name: String,
    /// The list items (`<li>`), made here rather than in a template loop (see
    /// `SearchEntry::recommendations_html`): a phase page can list thousands.
    recommendations_html: String,
}

/// `forloeb/index.html` and `forloeb/<phase>/index.html` for every configured phase.
pub(super) fn pages(
    site: &Site,
    theme: &Theme,
    base: &tera::Context,
    guidelines: &[GuidelineSummary],
    root: &str,
) -> Result<Vec<RenderedFile>, RenderError> {
    let phases = &site.config.pathway.phases;
    let matrix = pathway::matrix(&site.config, guidelines, None);
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
    let phase_files: Vec<Vec<RenderedFile>> = phases
        .par_iter()
        .zip(per_phase)
        .map(|(phase, listed)| phase_pages(site, theme, base, root, phase, &listed))
        .collect::<Result<_, _>>()?;
    files.extend(phase_files.into_iter().flatten());
    Ok(files)
}

/// The pages of one phase: all its guidelines on `forloeb/<phase>/` while they fit one page;
/// beyond, that page lists the groups, and each group's guidelines are on pages of at most
/// [`paging::LIST_PAGE_BYTES`] under `forloeb/<phase>/<group>/`.
fn phase_pages(
    site: &Site,
    theme: &Theme,
    base: &tera::Context,
    root: &str,
    phase: &crate::config::Phase,
    listed: &[PhaseGuideline],
) -> Result<Vec<RenderedFile>, RenderError> {
    let folder = format!("forloeb/{}/", phase.slug);
    let render_page =
        |path: String, guidelines: &[&PhaseGuideline], fill: &dyn Fn(&mut tera::Context)| {
            let mut context = base.clone();
            context.insert(
                "phase",
                &PhasePage {
                    name: &phase.name,
                    guidelines,
                },
            );
            fill(&mut context);
            render(theme, "phase.html", &context).map(|html| (path, html))
        };
    let size = |g: &PhaseGuideline| g.recommendations_html.len() + 256;
    if listed.iter().map(size).sum::<usize>() <= paging::LIST_PAGE_BYTES {
        let all: Vec<&PhaseGuideline> = listed.iter().collect();
        return Ok(vec![render_page(paging::file(&folder, 1), &all, &|_| {})?]);
    }
    let mut files = Vec::new();
    let mut index = Vec::new();
    for (code, name) in &site.config.groups {
        let own: Vec<&PhaseGuideline> = listed.iter().filter(|g| &g.group == code).collect();
        if own.is_empty() {
            continue;
        }
        let group_folder = format!("{folder}{code}/");
        index.push(GroupCount::new(
            name,
            format!("{root}{group_folder}"),
            own.len(),
        ));
        let pages = paging::pages_by_size(
            &own,
            paging::LIST_PAGE_BYTES,
            |g| size(g),
            root,
            &group_folder,
        );
        for (path, chunk, pager) in pages {
            files.push(render_page(path, chunk, &|context| {
                context.insert("group_name", name);
                context.insert("phase_url", &format!("{root}{folder}"));
                context.insert("pager", &pager);
            })?);
        }
    }
    files.push(render_page(paging::file(&folder, 1), &[], &|context| {
        context.insert("group_index", &index);
    })?);
    Ok(files)
}

/// For each configured phase, the guidelines with recommendations in it, in site order.
fn phase_lists(
    site: &Site,
    theme: &Theme,
    guidelines: &[GuidelineSummary],
    root: &str,
) -> Vec<Vec<PhaseGuideline>> {
    let phases = &site.config.pathway.phases;
    let label = theme.text("recommendation");
    // Every guideline on every core: its items per phase, each recommendation written once.
    let per_guideline: Vec<Vec<(usize, PhaseGuideline)>> = guidelines
        .par_iter()
        .map(|g| {
            let page = format!("{root}{}", g.path());
            let mut items = vec![String::new(); phases.len()];
            for r in &g.recommendations {
                let in_phases: Vec<usize> = g
                    .phases_of(r)
                    .iter()
                    .filter_map(|slug| phases.iter().position(|p| &p.slug == slug))
                    .collect();
                if in_phases.is_empty() {
                    continue;
                }
                let item = recommendation_item(theme, &page, label, r);
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
                            group: g.group.clone(),
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

/// `<li>` with a deep link to the recommendation, its strength and its text: the theme's
/// `partials/phase-item.html`.
fn recommendation_item(
    theme: &Theme,
    page: &str,
    label: &str,
    r: &RecommendationSummary,
) -> String {
    let href = format!("{page}#{}", r.anchor());
    let id = r.id.to_string();
    let (class, strength) = r.strength.map_or((None, String::new()), |s| {
        (Some(theme.strength.class(&s)), theme.strength.label(&s))
    });
    let values = [
        href.as_str(),
        label,
        id.as_str(),
        class.unwrap_or(""),
        strength.as_str(),
        &r.text,
    ];
    let mut item = String::new();
    theme.write_partial(Partial::PhaseItem, &[class.is_some()], &values, &mut item);
    item
}
