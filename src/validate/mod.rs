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

/// Why an alias is no usable site path ([`crate::site_path::alias_folder`]), in the words
/// `config.invalid` uses for the same problem.
fn unusable_alias(alias: &str, problem: crate::site_path::PathProblem) -> Message {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Language;
    use crate::site_path::PathProblem;

    /// One concept, one wording: an alias's path problem reads as `config.invalid`'s does.
    #[test]
    fn an_unusable_alias_names_its_problem_as_the_configuration_does() {
        for language in Language::ALL {
            for problem in [
                PathProblem::NotAbsolute,
                PathProblem::Home,
                PathProblem::Reserved("soeg".to_owned()),
                PathProblem::BadPart("..".to_owned()),
            ] {
                let said = unusable_alias("/x/", problem.clone()).in_language(language);
                let why = problem.message().in_language(language);
                assert!(said.ends_with(&why), "{said}");
                assert!(said.contains("`/x/`"), "{said}");
            }
        }
        assert_eq!(
            unusable_alias("lymfom", PathProblem::NotAbsolute).in_language(Language::Da),
            "aliasset `lymfom` kan ikke bruges: stien skal begynde med / (en sti på dette websted, fx /lymfom/dlbcl/)"
        );
        // An alias keeps the old address's spelling: a slug's rule is not quoted to it.
        let upper = unusable_alias("/Lymfom/", PathProblem::NotASlug("Lymfom".to_owned()));
        assert!(
            upper
                .in_language(Language::En)
                .ends_with("`Lymfom` is not allowed in a path: use letters, digits, - . _ ~ and %")
        );
    }
}
