//! `retning build` without history streams the guidelines through it (src/streamed_build.rs):
//! what it finds and publishes is what a build holding the whole site would.

use crate::support::{TODAY, VALID, site, stderr, stdout};

/// A build without history streams the guidelines through it, each checked against the
/// others' summaries: it finds what `check` finds, in the same order, both when warnings let
/// it publish and when errors stop it (a draft's among them, though no page is made of it).
#[test]
fn a_streamed_build_finds_what_check_finds_in_its_order() {
    let with_alias =
        |text: &str| text.replace("keywords = [", "aliases = [\"/gammel/\"]\nkeywords = [");
    let linking = |target: &str| VALID.replace("@/dlg/dlbcl.md#udredning", target);
    let warned = site()
        .file(
            "guidelines/dbcg/a.md",
            with_alias(&VALID.replace("https://example.org/opfoelgning", "http://example.org/x")),
        )
        .file("guidelines/dbcg/b.md", linking("@/dbcg/c.md"))
        .file(
            "guidelines/dbcg/c.md",
            VALID.replace("status = \"approved\"", "status = \"draft\""),
        )
        .build();
    let failed = site()
        .file("guidelines/dbcg/a.md", with_alias(VALID))
        .file(
            "guidelines/dbcg/b.md",
            with_alias(&linking("@/dbcg/c.md#nowhere")),
        )
        .file(
            "guidelines/dbcg/c.md",
            linking("@/dlg/dlbcl.md#anbefaling-99"),
        )
        .build();
    for (site, published) in [(&warned, true), (&failed, false)] {
        finds_what_check_finds(site, published);
    }
}

/// The first pass checks each guideline as far as it alone can be; one whose links to
/// others find something is checked whole again: a link to a guideline that is not there,
/// or to a file that did not load (no finding of its own), from an approved guideline and a
/// draft (checked, not published), and a link to a draft's missing anchor.
#[test]
fn links_to_missing_or_unloaded_guidelines_are_found_as_check_finds_them() {
    let linking = |target: &str| VALID.replace("@/dlg/dlbcl.md#udredning", target);
    let draft = |text: String| text.replace("status = \"approved\"", "status = \"draft\"");
    let site = site()
        .file("guidelines/dbcg/broken.md", "+++\ntitle = \n+++\n")
        .file("guidelines/dbcg/a.md", linking("@/dbcg/broken.md"))
        .file("guidelines/dbcg/b.md", linking("@/dbcg/missing.md#x"))
        .file("guidelines/dbcg/c.md", draft(linking("@/dbcg/missing.md")))
        .file(
            "guidelines/dbcg/d.md",
            draft(linking("@/dbcg/a.md#nowhere")),
        )
        .build();
    finds_what_check_finds(&site, false);
}

/// `retning build` of `site` prints every finding `check` prints, in its order, and
/// publishes when `published`.
fn finds_what_check_finds(site: &crate::support::Site, published: bool) {
    let checked = stdout(&site.check(&[]));
    // Every finding, without the count line that ends the report.
    let findings = checked
        .trim_end()
        .rsplit_once('\n')
        .map_or("", |(all, _)| all);
    assert!(findings.matches("help:").count() >= 2, "{checked}");
    let built = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert_eq!(built.status.success(), published, "{}", stderr(&built));
    assert!(
        stderr(&built).contains(findings),
        "{}\n---\n{checked}",
        stderr(&built)
    );
}
