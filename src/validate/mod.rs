//! Every rule of FORMAT.md that needs more than one value: one rule family per file. Rules
//! read the site and return findings; they never stop at the first.

mod assets;
pub mod badges;
mod dates;
mod decision_aids;
mod links;
mod pathway;
mod recommendations;
mod references;
mod template;

use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic, Message, codes, message};
use crate::model::Guideline;
use crate::site::Site;

/// A loaded site and every finding about it, sorted for reading.
pub struct Checked {
    /// The site as loaded.
    pub site: Site,
    /// Every finding, sorted by file, line, column and code.
    pub findings: Vec<Diagnostic>,
}

/// Load, parse and validate the site at `root`. `Err` only for an unusable configuration.
pub fn check_site(root: &Path, today: Date) -> Result<Checked, Box<Diagnostic>> {
    let loaded = Site::load(root)?;
    let mut findings = loaded.findings;
    findings.extend(validate(&loaded.site, today));
    diagnostics::sort(&mut findings);
    Ok(Checked {
        site: loaded.site,
        findings,
    })
}

/// Every rule for every guideline of `site`, and the site-wide ones (aliases), on `today`.
pub fn validate(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut findings: Vec<Diagnostic> = site
        .guidelines
        .par_iter()
        .flat_map_iter(|guideline| validate_guideline(site, guideline, today))
        .collect();
    check_aliases(site, &mut findings);
    findings
}

/// Every per-guideline rule for `guideline` on `today`; `site` resolves its cross-links.
pub fn validate_guideline(site: &Site, guideline: &Guideline, today: Date) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    template::check(guideline, &mut findings);
    dates::check(guideline, &site.config, today, &mut findings);
    recommendations::check(guideline, &mut findings);
    references::check(guideline, &mut findings);
    links::check(site, guideline, &mut findings);
    assets::check(site, guideline, &mut findings);
    decision_aids::check(guideline, &mut findings);
    pathway::check(guideline, &site.config, &mut findings);
    findings
}

/// Aliases are site paths that redirect: safe folder names ([`crate::site_path`]), claimed by
/// one guideline only, and clear of every page the site writes (group pages, guideline pages
/// and the folders beneath them).
fn check_aliases(site: &Site, findings: &mut Vec<Diagnostic>) {
    let mut claimed = std::collections::HashMap::new();
    let pages: Vec<String> = site.guidelines.iter().map(|g| g.path()).collect();
    for guideline in &site.guidelines {
        for alias in &guideline.meta.aliases {
            let span = guideline.fm_span(alias.span());
            let value = alias.get_ref();
            let problem = match crate::site_path::alias_folder(value) {
                Err(problem) => Some(unusable_alias(value, problem)),
                Ok(folder) => {
                    let page = format!("{folder}/");
                    if site.config.groups.contains_key(&folder) {
                        Some(message!("alias-invalid-group-page", alias = value))
                    } else if let Some(taken) = pages.iter().find(|p| page.starts_with(p.as_str()))
                    {
                        Some(if &page == taken {
                            message!("alias-invalid-guideline-page", alias = value)
                        } else {
                            message!("alias-invalid-inside-page", alias = value, page = taken)
                        })
                    } else {
                        claimed.insert(folder, guideline.link_key()).map(|other| {
                            message!("alias-invalid-claimed", alias = value, other = other)
                        })
                    }
                }
            };
            if let Some(message) = problem {
                findings.push(
                    Diagnostic::error(codes::ALIAS_INVALID, message)
                        .at(&guideline.source, span)
                        .with_help(message!("alias-invalid-help")),
                );
            }
        }
    }
}

/// Why an alias is no usable site path ([`crate::site_path::alias_folder`]).
fn unusable_alias(alias: &str, problem: crate::site_path::PathProblem) -> Message {
    use crate::site_path::PathProblem;
    match problem {
        PathProblem::NotAbsolute => message!("alias-invalid-not-absolute", alias = alias),
        PathProblem::Home => message!("alias-invalid-home", alias = alias),
        PathProblem::Reserved(folder) => {
            message!("alias-invalid-reserved", alias = alias, folder = folder)
        }
        // A slug's problems are not an alias's: an alias keeps the old address's spelling.
        PathProblem::BadPart(part) | PathProblem::NotASlug(part) => {
            message!("alias-invalid-bad-part", alias = alias, part = part)
        }
        PathProblem::Empty => message!("alias-invalid-bad-part", alias = alias, part = ""),
    }
}
