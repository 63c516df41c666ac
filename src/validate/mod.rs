//! Every rule of FORMAT.md that needs more than one value: one rule family per file. Rules
//! read the site and return findings; they never stop at the first.

mod assets;
pub mod badges;
mod cross;
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

use crate::diagnostics::{self, Diagnostic, codes, message};
use crate::model::Guideline;
use crate::site::Site;
use crate::summary::GuidelineSummary;

pub use cross::CrossIndex;
use links::LinkTarget;
pub(crate) use links::OtherLink;

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
/// The cross-guideline rules read the guidelines' summaries only, as a build that streams
/// the guidelines does ([`validate_against`]).
pub fn validate(site: &Site, today: Date) -> Vec<Diagnostic> {
    let summaries: Vec<GuidelineSummary> = site
        .guidelines
        .par_iter()
        .map(GuidelineSummary::of)
        .collect();
    let index = CrossIndex::new(&site.config, &summaries);
    site.guidelines
        .par_iter()
        .flat_map_iter(|guideline| validate_against(site, &index, guideline, today))
        .collect()
}

/// Every rule for `guideline` on `today`, its aliases' among them; `index` resolves its
/// cross-links and says which of its aliases another guideline claimed first. `site` gives
/// the configuration, the root and the assets (its guidelines are not read).
pub fn validate_against(
    site: &Site,
    index: &CrossIndex,
    guideline: &Guideline,
    today: Date,
) -> Vec<Diagnostic> {
    let lookup = |key: &str| index.link_target(key);
    let mut findings = guideline_rules(site, &lookup, guideline, today);
    for (span, message) in index.alias_problems(&guideline.link_key()) {
        findings.push(
            Diagnostic::error(codes::ALIAS_INVALID, message.clone())
                .at(&guideline.source, span.clone())
                .with_help(message!("alias-invalid-help")),
        );
    }
    findings
}

/// What [`validate_against`] finds about `guideline` that needs no other guideline: every
/// rule as if each link to another guideline were fine and it had no alias problem, and
/// those links, for [`settles`] to decide once every summary is known. A build checks each
/// guideline as it parses it, before the others are read.
pub(crate) fn validate_alone(
    site: &Site,
    guideline: &Guideline,
    today: Date,
) -> (Vec<Diagnostic>, Vec<OtherLink>) {
    let lookup = |_: &str| Some(&links::AnyTarget as &dyn LinkTarget);
    let findings = guideline_rules(site, &lookup, guideline, today);
    (findings, links::other_links(guideline))
}

/// Whether [`validate_alone`]'s findings about the guideline `link_key` names (of `status`,
/// with `links` to others) are all [`validate_against`] finds with `index`: its links to
/// other guidelines and its aliases find nothing. When not, the guideline is checked whole.
pub(crate) fn settles(
    index: &CrossIndex,
    link_key: &str,
    status: crate::model::Status,
    links: &[OtherLink],
) -> bool {
    let lookup = |key: &str| index.link_target(key);
    index.alias_problems(link_key).is_empty()
        && links.iter().all(|link| links::quiet(&lookup, link, status))
}

/// A hash of what [`validate_against`] reads of the other guidelines for the guideline
/// `link_key` names, whose links to others are `links`: its aliases' verdicts and, per link,
/// whether the guideline it names is there, its status and whether it has the anchor. With
/// the same hash, text, settings and date the check finds the same, so the page record keys
/// a guideline's pages by it: an edit elsewhere that none of its links sees renders nothing
/// again.
pub(crate) fn cross_reads(index: &CrossIndex, link_key: &str, links: &[OtherLink]) -> blake3::Hash {
    let lookup = |key: &str| index.link_target(key);
    let mut hasher = blake3::Hasher::new();
    for (span, message) in index.alias_problems(link_key) {
        hasher.update(format!("alias {span:?} {message:?}\n").as_bytes());
    }
    for link in links {
        hasher.update(links::answer(&lookup, link).as_bytes());
    }
    hasher.finalize()
}

/// `guideline`'s links to other guidelines, as [`cross_reads`] takes them.
pub(crate) fn other_links(guideline: &Guideline) -> Vec<OtherLink> {
    links::other_links(guideline)
}

/// Every per-guideline rule for `guideline` on `today` but the aliases' (which need every
/// guideline's); `site`'s guidelines resolve its cross-links (the preview, after one save).
pub fn validate_guideline(site: &Site, guideline: &Guideline, today: Date) -> Vec<Diagnostic> {
    let lookup = |key: &str| site.by_link_key(key).map(|g| g as &dyn LinkTarget);
    guideline_rules(site, &lookup, guideline, today)
}

fn guideline_rules(
    site: &Site,
    lookup: &links::Lookup,
    guideline: &Guideline,
    today: Date,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    template::check(guideline, &mut findings);
    dates::check(guideline, &site.config, today, &mut findings);
    recommendations::check(guideline, &mut findings);
    references::check(guideline, &mut findings);
    links::check(&site.root, lookup, guideline, &mut findings);
    assets::check(site, guideline, &mut findings);
    decision_aids::check(guideline, &mut findings);
    pathway::check(guideline, &site.config, &mut findings);
    findings
}

#[cfg(test)]
mod tests {
    use super::cross::unusable_alias;
    use super::*;
    use crate::test_site::{CONFIG, VALID, write};

    /// A guideline checked alone and settled finds what it finds checked against every
    /// summary; here each one that does not settle has a finding only the whole check makes
    /// (a link to a file that did not load would not, and is checked whole all the same).
    #[test]
    fn a_check_alone_that_settles_is_the_whole_check() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("retning.toml"), CONFIG).unwrap();
        let linking = |target: &str| VALID.replace("@/dlg/dlbcl.md#udredning", target);
        let draft = |text: String| text.replace("status = \"approved\"", "status = \"draft\"");
        let alias =
            |text: String| text.replace("keywords = [", "aliases = [\"/gammel/\"]\nkeywords = [");
        write(root, "dlg/dlbcl.md", VALID);
        write(root, "dbcg/anchor.md", &linking("@/dlg/dlbcl.md#nowhere"));
        write(root, "dbcg/missing.md", &linking("@/dbcg/none.md"));
        write(root, "dbcg/to-draft.md", &linking("@/dbcg/draft.md"));
        write(root, "dbcg/draft.md", &draft(linking("@/dbcg/none.md#x")));
        write(root, "dbcg/alias-a.md", &alias(VALID.to_owned()));
        write(root, "dbcg/alias-b.md", &alias(VALID.to_owned()));
        write(
            root,
            "dbcg/insecure.md",
            &VALID.replace("https://", "http://"),
        );
        let site = Site::load(root).unwrap().site;
        let today = jiff::civil::date(2026, 1, 15);
        let summaries: Vec<GuidelineSummary> =
            site.guidelines.iter().map(GuidelineSummary::of).collect();
        let index = CrossIndex::new(&site.config, &summaries);
        let mut settled = Vec::new();
        for guideline in &site.guidelines {
            let whole = validate_against(&site, &index, guideline, today);
            let (alone, links) = validate_alone(&site, guideline, today);
            if settles(&index, &guideline.link_key(), guideline.status(), &links) {
                assert_eq!(alone, whole, "{}", guideline.slug);
                settled.push(guideline.slug.as_str());
            } else {
                assert!(whole.len() > alone.len(), "{}", guideline.slug);
            }
        }
        assert_eq!(settled, ["alias-a", "insecure", "dlbcl"]);
    }
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
