//! Real guideline content: headings with ids and the nested "on this page" navigation,
//! figures and attachments beside the guideline, and tables.

use crate::support::Severity::Error;
use crate::support::{Site, TODAY, at, between, build_and_read, site, stderr};

fn build(site: &Site) -> String {
    build_and_read(site, "public/dlg/dlbcl/index.html")
}

#[test]
fn every_heading_has_an_id_and_a_place_in_the_nested_navigation() {
    let site = site()
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n## Bilag 1: Søgeprotokol\n\nPubMed.\n\n### Søgestrategi\n\nOrd.\n\n## Bilag 2\n\nTo.\n",
        )
        .replace("Litteraturen er søgt systematisk.", "## Søgning\n\nSystematisk.")
        .replace(
            "### Rationale\n\nPET/CT",
            "### Rationale\n\n#### Dosering\n\nPET/CT",
        )
        .build();
    let page = build(&site);
    for id in [
        "bilag-1-soegeprotokol",
        "soegestrategi",
        "bilag-2",
        "soegning",
        "dosering",
    ] {
        assert!(page.contains(&format!(" id=\"{id}\"")), "no heading #{id}");
    }
    insta::assert_snapshot!(
        "on_this_page",
        between(&page, "<nav class=\"toc\"", "</nav>")
    );
    // The evidence sub-section and the heading inside it are link targets on the page.
    for id in ["udredning-rationale", "dosering"] {
        assert_eq!(
            page.matches(&format!(" id=\"{id}\"")).count(),
            1,
            "#{id} once"
        );
    }
}

/// An evidence sub-section and a heading inside one (in a closed `<details>` on the page) are
/// targets `check` knows; a missing one is still one finding at the link.
#[test]
fn links_into_evidence_sub_sections_are_checked() {
    let with_links = |anchor: &str| {
        site()
            .replace(
                "### Rationale\n\nPET/CT",
                "### Rationale\n\n#### Dosering\n\nPET/CT",
            )
            .replace(
                "hyppigste form for lymfom hos voksne.",
                &format!(
                    "hyppigste form for lymfom hos voksne. Se [rationalet](@/dlg/dlbcl.md#udredning-rationale) og [doseringen](@/dlg/dlbcl.md#{anchor})."
                ),
            )
            .check_json()
    };
    with_links("dosering").expect_clean();
    with_links("doseringen")
        .single()
        .expect("link.broken-anchor", Error, at(44, 135));
}

#[test]
fn a_duplicate_heading_id_names_both_lines() {
    site()
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n## Bilag 1\n\nA.\n\n## Bilag 1\n\nB.\n",
        )
        .check_json()
        .single()
        .expect("heading.duplicate-id", Error, at(91, 1))
        .message_contains("line 87");
}

/// The header of a PNG of `width` × `height` (all an image-header reader needs).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png
}

#[test]
fn figures_attachments_and_captioned_tables_are_published_beside_the_page() {
    let site = site()
        .file("guidelines/dlg/dlbcl/flow.png", png(640, 480))
        .file("guidelines/dlg/dlbcl/protokol.pdf", "%PDF-1.4\n")
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n## Bilag 1\n\n![Flowchart over udredningen](dlbcl/flow.png \"Figur 1: Udredning\")\n\n\
             Se [protokollen (PDF)](dlbcl/protokol.pdf).\n\n\
             Tabel 1: Risikogrupper\n<table class=\"x\">\n<tr><th scope=\"col\" colspan=\"2\">Gruppe</th></tr>\n\
             <tr><td rowspan=\"2\" onclick=\"x()\">Lav<br><sup>a</sup></td><td>1</td></tr>\n</table>\n\n\
             Tabel 2: *Markdown*\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        )
        .build();
    let page = build(&site);
    assert_eq!(
        std::fs::read(site.path("public/dlg/dlbcl/flow.png")).expect("the figure"),
        png(640, 480)
    );
    assert!(
        site.path("public/dlg/dlbcl/protokol.pdf").is_file(),
        "the attachment"
    );
    let appendix = between(&page, "<h3 id=\"bilag-1\">", "</tbody></table>\n</section>");
    insta::assert_snapshot!("figure_attachment_and_tables", appendix);
}

/// A table's scroll box is named by the number its caption gives it, wherever the caption
/// came from; tables without one are numbered among themselves ("Unummereret tabel 1"), and
/// the Quick guide's copy of a recommendation's table is a group, not a second landmark. A
/// number used twice (a warning) names the second table as one without a number.
#[test]
fn a_table_box_is_named_by_its_caption_number() {
    let site = site()
        .replace(
            "stadieinddelingen.\n:::",
            "stadieinddelingen.\n\nTabel 5: Doser\n\n| A | B |\n|---|---|\n| 1 | 2 |\n:::",
        )
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n<table>\n<caption>Tabel 7: Egen titel</caption>\n<tr><td>x</td></tr>\n</table>\n\n\
             | C |\n|---|\n| 3 |\n\nTabel 8: HTML\n<table><tr><td>y</td></tr></table>\n\n\
             Tabel 5: Igen\n\n| D |\n|---|\n| 4 |\n",
        )
        .build();
    let page = build(&site);
    let boxes: Vec<&str> = page
        .match_indices(" class=\"table-wrap\"")
        .map(|(at, _)| {
            let start = page[..at].rfind('<').expect("the tag's start");
            let end = at + page[at..].find('>').expect("the tag's end");
            &page[start..=end]
        })
        .collect();
    insta::assert_snapshot!("table_box_names", boxes.join("\n"));
    assert_eq!(
        page.matches("<section class=\"table-wrap\"").count(),
        page.matches("</table>\n</section>").count() + page.matches("</table></section>").count()
    );
}

#[test]
fn an_svg_with_script_never_reaches_the_site() {
    let site = site()
        .file(
            "guidelines/dlg/dlbcl/flow.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 9 9\" onload=\"alert(1)\"/>",
        )
        .replace("# 7. Bilag\n", "# 7. Bilag\n\n![Flow](dlbcl/flow.svg)\n")
        .build();
    let output = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!site.path("public").exists(), "nothing is published");
}
