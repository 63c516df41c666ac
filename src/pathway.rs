//! The patient pathway across the site: for each group and each phase, how many guidelines
//! and recommendations cover it. Computed once from the guidelines, in one pass, and read by
//! both `retning report --coverage` and the `/forloeb/` page.

use serde::Serialize;

use crate::config::{Phase, SiteConfig};
use crate::summary::GuidelineSummary;

/// Groups × phases, in the order of `retning.toml`.
#[derive(Debug, Serialize)]
pub(crate) struct Matrix {
    pub(crate) phases: Vec<Phase>,
    pub(crate) groups: Vec<GroupRow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct GroupRow {
    pub(crate) group: String,
    pub(crate) name: String,
    /// One per phase, in the order of [`Matrix::phases`].
    pub(crate) cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Cell {
    pub(crate) phase: String,
    pub(crate) guidelines: usize,
    pub(crate) recommendations: usize,
}

impl GroupRow {
    /// The phases no guideline of the group covers.
    pub(crate) fn gaps(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| c.guidelines == 0)
    }
}

/// The matrix over `guidelines`, for every configured group (or only `only`). A cross-group
/// guideline counts in each of its groups; a recommendation counts in each of its phases
/// (its own `fase=`, or else its guideline's); phases `retning.toml` does not know are left
/// out (`check` reports them).
pub(crate) fn matrix<'a>(
    config: &SiteConfig,
    guidelines: impl IntoIterator<Item = &'a GuidelineSummary>,
    only: Option<&str>,
) -> Matrix {
    let phases = &config.pathway.phases;
    let index_of = |slug: &str| phases.iter().position(|p| p.slug == slug);
    let codes: Vec<&String> = config
        .groups
        .keys()
        .filter(|code| only.is_none_or(|only| only == code.as_str()))
        .collect();
    let mut counts = vec![vec![Cell::default(); phases.len()]; codes.len()];
    for guideline in guidelines {
        let mut per_phase = vec![(false, 0usize); phases.len()];
        for phase in guideline.phases.iter().filter_map(|p| index_of(p)) {
            per_phase[phase].0 = true;
        }
        for recommendation in &guideline.recommendations {
            for phase in guideline
                .phases_of(recommendation)
                .iter()
                .filter_map(|p| index_of(p))
            {
                per_phase[phase].1 += 1;
            }
        }
        for group in &guideline.groups {
            let Some(row) = codes.iter().position(|code| code.as_str() == group) else {
                continue;
            };
            for (cell, (covered, recommendations)) in counts[row].iter_mut().zip(&per_phase) {
                cell.guidelines += usize::from(*covered);
                cell.recommendations += recommendations;
            }
        }
    }
    let groups = codes
        .iter()
        .zip(counts)
        .map(|(code, cells)| GroupRow {
            group: (*code).clone(),
            name: config.groups.get(*code).cloned().unwrap_or_default(),
            cells: cells
                .into_iter()
                .zip(phases)
                .map(|(cell, phase)| Cell {
                    phase: phase.slug.clone(),
                    ..cell
                })
                .collect(),
        })
        .collect();
    Matrix {
        phases: phases.clone(),
        groups,
    }
}
