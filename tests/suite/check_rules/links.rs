//! Links between guidelines.

use crate::support::Severity::{Error, Warning};
use crate::support::{VALID, at, site};

rule! {
    broken_guideline_link: site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/findes-ikke.md#udredning")
        => "link.broken", Error, at(72, 4);
    broken_anchor: site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#anbefaling-9")
        => "link.broken-anchor", Error, at(72, 4);
    broken_heading_anchor: site().replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#behandling")
        => "link.broken-anchor", Error, at(72, 4);
    duplicate_heading_id: site().replace(
        "# 7. Bilag\n",
        "# 7. Bilag\n\n## Bilag 1\n\nA.\n\n## Bilag 1\n\nB.\n",
    ) => "heading.duplicate-id", Error, at(91, 1);
    heading_takes_a_section_id: site().replace("# 7. Bilag\n", "# 7. Bilag\n\n## Metode\n")
        => "heading.duplicate-id", Error, at(87, 1);
    broken_anchor_to_an_appendix: site()
        .replace("# 7. Bilag\n", "# 7. Bilag\n\n## Bilag 1: Søgeprotokol\n\nSøgningen.\n")
        .replace("@/dlg/dlbcl.md#udredning", "@/dlg/dlbcl.md#bilag-1")
        => "link.broken-anchor", Error, at(72, 4);
    http_link: site().replace("https://example.org/opfoelgning", "http://example.org/opfoelgning")
        => "link.insecure", Warning, at(72, 47);
    script_link: site().replace("https://example.org/opfoelgning", "javascript:alert(1)")
        => "link.unsafe-scheme", Error, at(72, 47);
}

#[test]
fn links_to_another_guideline_resolve() {
    let other = VALID.replacen(
        "[^cheson2014] [1b]",
        "[^cheson2014] [1b] ([se DLG](@/dlg/dlbcl.md#anbefaling-2))",
        1,
    );
    site()
        .file("guidelines/dbcg/brystkraeft.md", other)
        .check_json()
        .expect_clean();
}

#[test]
fn a_link_from_an_approved_guideline_to_a_draft_is_a_warning() {
    let draft = VALID.replace("status = \"approved\"", "status = \"draft\"");
    site()
        .replace("@/dlg/dlbcl.md#udredning", "@/dbcg/udkast.md#udredning")
        .file("guidelines/dbcg/udkast.md", draft)
        .check_json()
        .single()
        .expect("link.to-draft", Warning, at(72, 4))
        .in_file("guidelines/dlg/dlbcl.md");
}

#[test]
fn link_into_a_guideline_that_fails_to_load_is_not_reported_twice() {
    // The target exists but its front matter is broken: its own finding is the one to fix.
    let broken = VALID.replacen("title = \"Diffust", "title = Diffust", 1);
    let report = site()
        .replace(
            "@/dlg/dlbcl.md#udredning",
            "@/dbcg/brystkraeft.md#udredning",
        )
        .file("guidelines/dbcg/brystkraeft.md", broken)
        .check_json();
    report
        .single()
        .expect("frontmatter.syntax", Error, at(2, 9))
        .in_file("guidelines/dbcg/brystkraeft.md");
}
