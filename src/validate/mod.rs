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

use crate::diagnostics::{self, Diagnostic, codes};
use crate::model::Guideline;
use crate::site::Site;

/// A loaded site and every finding about it, sorted for reading.
pub struct Checked {
    pub site: Site,
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

pub fn validate(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut findings: Vec<Diagnostic> = site
        .guidelines
        .par_iter()
        .flat_map_iter(|guideline| validate_guideline(site, guideline, today))
        .collect();
    check_aliases(site, &mut findings);
    findings
}

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
                Err(problem) => Some(format!("the alias `{value}` cannot be used: {problem}")),
                Ok(folder) => {
                    let page = format!("{folder}/");
                    if site.config.groups.contains_key(&folder) {
                        Some(format!(
                            "the alias `{value}` is the address of a group page"
                        ))
                    } else if let Some(taken) = pages.iter().find(|p| page.starts_with(p.as_str()))
                    {
                        Some(if &page == taken {
                            format!("the alias `{value}` is the address of a guideline page")
                        } else {
                            format!("the alias `{value}` lies inside the guideline page /{taken}")
                        })
                    } else {
                        claimed
                            .insert(folder, guideline.link_key())
                            .map(|other| format!("the alias `{value}` is also claimed by {other}"))
                    }
                }
            };
            if let Some(message) = problem {
                findings.push(
                    Diagnostic::error(codes::ALIAS_INVALID, message)
                        .at(&guideline.source, span)
                        .with_help(
                            "an alias is an old URL path of this guideline, like /lymfom/dlbcl/, that should redirect here",
                        ),
                );
            }
        }
    }
}
