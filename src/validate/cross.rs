//! What a guideline's checks read of the other guidelines: their summaries by link key (for
//! `@/…` cross-links), and the verdict on every alias (each claimed by one guideline only).
//! Made from summaries alone, so a build can check a guideline with the others' models gone.

use std::collections::HashMap;
use std::ops::Range;

use crate::config::SiteConfig;
use crate::diagnostics::{Message, message};
use crate::summary::GuidelineSummary;

use super::links::LinkTarget;

/// The site's guidelines as the cross-guideline rules see them.
pub struct CrossIndex<'a> {
    by_link_key: HashMap<String, &'a GuidelineSummary>,
    /// By link key: each unusable alias's span in the file and what is wrong with it.
    alias_problems: HashMap<String, Vec<(Range<usize>, Message)>>,
}

impl<'a> CrossIndex<'a> {
    /// The index of `summaries`, which are in the site's order (group, then slug): of two
    /// guidelines claiming one alias, the first keeps it.
    pub fn new(config: &SiteConfig, summaries: &'a [GuidelineSummary]) -> Self {
        Self {
            by_link_key: summaries.iter().map(|s| (s.link_key(), s)).collect(),
            alias_problems: alias_problems(config, summaries),
        }
    }

    /// The guideline a `@/group/slug.md` link names.
    pub(crate) fn by_link_key(&self, key: &str) -> Option<&'a GuidelineSummary> {
        self.by_link_key.get(key).copied()
    }

    /// [`Self::by_link_key`] as the link check reads it.
    pub(crate) fn link_target(&self, key: &str) -> Option<&'a dyn LinkTarget> {
        self.by_link_key(key).map(|s| s as &dyn LinkTarget)
    }

    /// The unusable aliases of the guideline `link_key` names: their spans and why.
    pub(crate) fn alias_problems(&self, link_key: &str) -> &[(Range<usize>, Message)] {
        self.alias_problems.get(link_key).map_or(&[], Vec::as_slice)
    }
}

/// Aliases are site paths that redirect: safe folder names ([`crate::site_path`]), claimed by
/// one guideline only, and clear of every page the site writes (group pages, guideline pages
/// and the folders beneath them).
fn alias_problems(
    config: &SiteConfig,
    summaries: &[GuidelineSummary],
) -> HashMap<String, Vec<(Range<usize>, Message)>> {
    let mut problems: HashMap<String, Vec<(Range<usize>, Message)>> = HashMap::new();
    let mut claimed = HashMap::new();
    let pages: Vec<String> = summaries.iter().map(GuidelineSummary::path).collect();
    for summary in summaries {
        for alias in &summary.aliases {
            let value = alias.value.as_str();
            let problem = match crate::site_path::alias_folder(value) {
                Err(problem) => Some(unusable_alias(value, problem)),
                Ok(folder) => {
                    let page = format!("{folder}/");
                    if config.groups.contains_key(&folder) {
                        Some(message!("alias-invalid-group-page", alias = value))
                    } else if let Some(taken) = pages.iter().find(|p| page.starts_with(p.as_str()))
                    {
                        Some(if &page == taken {
                            message!("alias-invalid-guideline-page", alias = value)
                        } else {
                            message!("alias-invalid-inside-page", alias = value, page = taken)
                        })
                    } else {
                        claimed.insert(folder, summary.link_key()).map(|other| {
                            message!("alias-invalid-claimed", alias = value, other = other)
                        })
                    }
                }
            };
            if let Some(message) = problem {
                problems
                    .entry(summary.link_key())
                    .or_default()
                    .push((alias.span.clone(), message));
            }
        }
    }
    problems
}

/// Why an alias is no usable site path ([`crate::site_path::alias_folder`]), in the words
/// `config.invalid` uses for the same problem.
pub(super) fn unusable_alias(alias: &str, problem: crate::site_path::PathProblem) -> Message {
    use crate::site_path::PathProblem;
    // A slug's rules are not an alias's: an alias keeps the old address's spelling.
    let problem = match problem {
        PathProblem::NotASlug(part) => PathProblem::BadPart(part),
        other => other,
    };
    message!(
        "alias-invalid-unusable",
        alias = alias,
        why = problem.message()
    )
}
