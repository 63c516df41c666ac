//! Feeds, the pages of changes per version pair, and earlier versions' figures.

use super::*;

#[test]
fn a_guidelines_feed_lists_every_approved_version_and_the_group_feed_only_the_current() {
    let site = history_site();
    build_site(&site, &[]);
    let entries = |path: &str| -> Vec<(String, String)> {
        let text = read(&site, path);
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|err| panic!("{path} is not well-formed: {err}"));
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .map(|entry| {
                let title = entry
                    .children()
                    .find(|c| c.has_tag_name("title"))
                    .and_then(|c| c.text())
                    .unwrap_or_default();
                let link = entry
                    .children()
                    .find(|c| c.has_tag_name("link"))
                    .and_then(|c| c.attribute("href"))
                    .unwrap_or_default();
                (title.to_owned(), link.to_owned())
            })
            .collect()
    };
    let own = entries("public/dlg/dlbcl/feed.xml");
    let versions: Vec<(&str, &str)> = own
        .iter()
        .map(|(title, link)| {
            let version = title.rsplit("version ").next().unwrap_or_default();
            (version.trim_end_matches(')'), link.as_str())
        })
        .collect();
    assert_eq!(
        versions,
        [
            ("2.1", "https://example.org/retningslinjer/dlg/dlbcl/"),
            (
                "2.0",
                "https://example.org/retningslinjer/dlg/dlbcl/version/2.0/"
            ),
            (
                "1.0",
                "https://example.org/retningslinjer/dlg/dlbcl/version/1.0/"
            ),
        ]
    );
    let feed = read(&site, "public/dlg/dlbcl/feed.xml");
    assert!(
        feed.contains("<summary>Ny retningslinje, version 1.0"),
        "{feed}"
    );
    assert!(feed.contains("<summary>Revideret, version 2.1"), "{feed}");
    assert_eq!(
        entries("public/dlg/feed.xml"),
        [(
            "Diffust storcellet B-celle lymfom (version 2.1)".to_owned(),
            "https://example.org/retningslinjer/dlg/dlbcl/".to_owned()
        )]
    );
}

#[test]
fn a_build_parses_each_earlier_version_once() {
    let site = history_site();
    let today = jiff::civil::date(2026, 11, 24);
    let checked = retning::validate::check_site(site.root(), today).expect("a site");
    let history =
        std::sync::Arc::new(retning::history::SiteHistory::load(site.root()).expect("a history"));
    // What `build` does: the badge checks, then the archive pages, both from one history.
    let findings = retning::validate::badges::check_site(&checked.site, &history);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(history.texts_parsed(), 2, "1.0 and 2.0, each once");
    let archive = retning::render::Archive::of(&checked.site, &history, false);
    assert!(!archive.is_empty());
    let current = checked
        .site
        .by_link_key("dlg/dlbcl.md")
        .expect("the guideline");
    assert_eq!(archive.versions_of(current).len(), 2);
    assert_eq!(
        history.texts_parsed(),
        2,
        "the archive reuses the parsed versions"
    );
}

/// What `build` asks of the history before any page renders: the badge checks, then the
/// archive. Returns how many stored texts that parsed, and the badge findings.
fn badges_and_archive(site: &Site) -> (usize, Vec<String>) {
    let today = jiff::civil::date(2026, 11, 24);
    let checked = retning::validate::check_site(site.root(), today).expect("a site");
    let history =
        std::sync::Arc::new(retning::history::SiteHistory::load(site.root()).expect("a history"));
    let findings = retning::validate::badges::check_site(&checked.site, &history)
        .iter()
        .map(|d| format!("{:?}", d.code))
        .collect();
    let archive = retning::render::Archive::of(&checked.site, &history, false);
    let current = checked
        .site
        .by_link_key("dlg/dlbcl.md")
        .expect("the guideline");
    assert_eq!(archive.versions_of(current).len(), 2);
    history.save_facts();
    (history.texts_parsed(), findings)
}

#[test]
fn kept_facts_spare_every_parse_until_they_are_gone_or_the_text_changes() {
    let site = history_site();
    let (parsed, findings) = badges_and_archive(&site);
    assert_eq!(parsed, 2, "nothing kept yet: 1.0 and 2.0 parsed");
    assert!(site.path(".retning/versions/facts.json").exists());

    let (parsed, kept_findings) = badges_and_archive(&site);
    assert_eq!(parsed, 0, "the dates and the changes since 2.0 were kept");
    assert_eq!(kept_findings, findings);

    std::fs::remove_dir_all(site.path(".retning/versions")).expect("remove");
    assert_eq!(badges_and_archive(&site).0, 2, "gone: parsed again");

    // An edit of the current text: the changes since 2.0 are made again (2.0 parsed), the
    // dates of both versions still kept; an unmarked change is found.
    write(
        &site,
        MAIN,
        &edit(VALID, REC1, "Alle patienter bør have udført MR."),
    );
    let (parsed, findings) = badges_and_archive(&site);
    assert_eq!(parsed, 1, "2.0, for the changes since");
    assert!(
        findings
            .iter()
            .any(|f| f.contains("RecommendationUnmarkedChange")),
        "{findings:?}"
    );
}

#[test]
fn each_version_pair_has_a_page_of_its_changes_linked_from_both_versions() {
    let site = history_site();
    build_site(&site, &[]);
    assert_changes_from_1_0_to_2_0(&site);
    assert_changes_from_2_0_to_2_1(&site);
    assert_changes_pages_are_linked(&site);
}

/// 1.0 → 2.0: recommendation 1 and 2 reworded (2 also made stronger), 3 withdrawn, 4 new;
/// each links to the version it is in.
#[track_caller]
fn assert_changes_from_1_0_to_2_0(site: &Site) {
    let first = read(site, "public/dlg/dlbcl/version/1.0/aendringer/index.html");
    assert!(first.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(
        first.contains("<h1>Ændringer fra version 1.0 til 2.0</h1>"),
        "{first}"
    );
    let new_page = "/retningslinjer/dlg/dlbcl/version/2.0/";
    let old_page = "/retningslinjer/dlg/dlbcl/version/1.0/";
    assert!(
        first.contains(&format!(
            r#"<a href="{new_page}#anbefaling-1">Anbefaling 1</a> – <strong>Omformuleret</strong>"#
        )),
        "{first}"
    );
    assert!(
        first.contains(&format!(
            r#"<a href="{new_page}#anbefaling-2">Anbefaling 2</a> – <strong>Omformuleret</strong>. Styrke ændret fra A-C til A"#
        )),
        "{first}"
    );
    // The withdrawn recommendation links where it still is: the older version's page.
    assert!(
        first.contains(&format!(
            r#"<a href="{old_page}#anbefaling-3">Anbefaling 3</a> – <strong>Udgået</strong>"#
        )),
        "{first}"
    );
    assert!(
        first.contains(&format!(
            r#"<a href="{new_page}#anbefaling-4">Anbefaling 4</a> – <strong>Ny</strong>"#
        )),
        "{first}"
    );
    assert!(
        first.contains(r#"<ins><span class="visually-hidden">[indsat: </span>PET/"#),
        "{first}"
    );
    // The changed sections, linked on the newer version's page.
    let sections = first
        .split_once("Afsnit med ændret tekst</h2>")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("{first}"));
    assert!(
        sections.contains(&format!(r#"<a href="{new_page}#"#)),
        "{sections}"
    );
    assert!(sections.contains("– ændret"), "{sections}");
}

/// 2.0 → 2.1 (the current version): its links go to the current page.
#[track_caller]
fn assert_changes_from_2_0_to_2_1(site: &Site) {
    let second = read(site, "public/dlg/dlbcl/version/2.0/aendringer/index.html");
    assert!(second.contains("<h1>Ændringer fra version 2.0 til 2.1</h1>"));
    assert!(
        second.contains(r#"<a href="/retningslinjer/dlg/dlbcl/#anbefaling-2">Anbefaling 2</a> – <strong>Ændret styrke</strong>: fra A til A-C"#),
        "{second}"
    );
    assert!(
        !second.contains("Anbefaling 1<"),
        "1 did not change from 2.0 to 2.1"
    );
}

/// Linked from the archived page, the current page's list and its "Hvad er ændret"; never
/// in the sitemap.
#[track_caller]
fn assert_changes_pages_are_linked(site: &Site) {
    let archived = read(site, "public/dlg/dlbcl/version/1.0/index.html");
    assert!(
        archived.contains(r#"<a href="/retningslinjer/dlg/dlbcl/version/1.0/aendringer/">Hvad blev ændret i version 2.0</a>"#),
        "{archived}"
    );
    let current = read(site, "public/dlg/dlbcl/index.html");
    assert!(current.contains(
        r#"· <a href="/retningslinjer/dlg/dlbcl/version/1.0/aendringer/">hvad blev ændret i version 2.0</a>"#
    ), "{current}");
    assert!(
        changes_section(&current).contains(r#"<p class="changes-all"><a href="/retningslinjer/dlg/dlbcl/version/2.0/aendringer/">Alle ændringer fra version 2.0 til 2.1</a>"#),
        "{current}"
    );
    assert!(!read(site, "public/sitemap.xml").contains("aendringer"));
}

/// `text` with a figure and an attachment of the folder `slug/` in its annex.
fn with_figure(text: &str, slug: &str) -> String {
    edit(
        text,
        "# 7. Bilag\n",
        &format!(
            "# 7. Bilag\n\n![Flowchart over udredningen.]({slug}/flow.svg \"Figur 1: Udredning\")\n\nSkemaet: [IPI-skema]({slug}/skema.csv).\n"
        ),
    )
}

fn drawing(label: &str, width: u32) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40"><text x="2" y="20">{label}</text></svg>"#
    )
}

#[test]
fn an_earlier_version_shows_its_figures_as_they_were_then() {
    let site = empty_site().build();
    let root = site.root();
    let day = |d: &str| format!("{d}T10:00:00+01:00");
    git(root, &day("2020-01-06"), &["init", "-q"]);
    write(
        &site,
        "guidelines/dlg/storcellet/flow.svg",
        &drawing("Udgave 1", 120),
    );
    write(&site, "guidelines/dlg/storcellet/skema.csv", "ipi,risiko\n");
    let v1 = with_figure(&version_1_0(), "storcellet");
    commit(&site, OLD_PATH, &v1, &day("2020-01-06"), "1.0");
    // 2.0 renames the guideline and its folder and draws the flowchart again.
    std::fs::remove_file(site.path(OLD_PATH)).expect("remove");
    std::fs::rename(
        site.path("guidelines/dlg/storcellet"),
        site.path("guidelines/dlg/dlbcl"),
    )
    .expect("rename the folder");
    write(
        &site,
        "guidelines/dlg/dlbcl/flow.svg",
        &drawing("Udgave 2", 100),
    );
    let v2 = with_figure(&version_2_0(), "dlbcl");
    commit(&site, MAIN, &v2, &day("2022-02-14"), "2.0");
    commit(
        &site,
        MAIN,
        &with_figure(VALID, "dlbcl"),
        &day("2024-03-13"),
        "2.1",
    );
    build_site(&site, &[]);

    let base = "/retningslinjer/dlg/dlbcl/";
    let first = read(&site, "public/dlg/dlbcl/version/1.0/index.html");
    assert!(
        first.contains(&format!(
            r#"<img src="{base}version/1.0/flow.svg" alt="Flowchart over udredningen." width="120" height="40""#
        )),
        "1.0 shows its own drawing at its own size:\n{first}"
    );
    assert!(read(&site, "public/dlg/dlbcl/version/1.0/flow.svg").contains("Udgave 1"));
    // The attachment never changed: the current file serves.
    assert!(
        first.contains(&format!(r#"<a href="{base}skema.csv">IPI-skema</a>"#)),
        "{first}"
    );
    assert!(!site.path("public/dlg/dlbcl/version/1.0/skema.csv").exists());
    // 2.0's drawing is today's: no copy.
    let second = read(&site, "public/dlg/dlbcl/version/2.0/index.html");
    assert!(
        second.contains(&format!(r#"<img src="{base}flow.svg""#)),
        "{second}"
    );
    assert!(!site.path("public/dlg/dlbcl/version/2.0/flow.svg").exists());
    assert!(read(&site, "public/dlg/dlbcl/flow.svg").contains("Udgave 2"));
}
