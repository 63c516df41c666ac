//! The pages of earlier versions and the current page's list of them and of what changed.

use super::*;

#[test]
fn each_earlier_version_has_a_page_with_a_banner_noindex_and_its_own_text() {
    let site = history_site();
    build_site(&site, &[]);
    let old = read(&site, "public/dlg/dlbcl/version/1.0/index.html");
    let previous = read(&site, "public/dlg/dlbcl/version/2.0/index.html");

    assert!(
        old.contains(REC1_V1) && !old.contains(REC1),
        "1.0 shows its own text"
    );
    assert!(
        old.contains("Patienter bør tilbydes fysioterapi"),
        "1.0 had recommendation 3"
    );
    assert!(previous.contains(REC1) && previous.contains("vurderes geriatrisk"));
    for page in [&old, &previous] {
        assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(
            page.contains(r#"id="anbefaling-1""#) && page.contains(r##"href="#anbefaling-2""##)
        );
        assert!(
            page.contains(
                r#"<a href="/retningslinjer/dlg/dlbcl/">Gå til den gældende version</a>"#
            )
        );
    }
    assert!(
        old.contains("Erstattet af version 2.0 den 15. februar 2022."),
        "{old}"
    );
    assert!(
        old.contains("Gældende fra 5. januar 2020 til 15. februar 2022."),
        "{old}"
    );
    assert!(
        previous.contains("Erstattet af version 2.1 den 12. marts 2024."),
        "{previous}"
    );
    assert!(previous.contains("Gældende fra 15. februar 2022 til 12. marts 2024."));
    // The current page is not archived: indexable, no banner.
    let current = read(&site, "public/dlg/dlbcl/index.html");
    assert!(!current.contains("noindex") && !current.contains("Erstattet af"));
}

#[test]
fn the_current_page_lists_its_earlier_versions_newest_first() {
    let site = history_site();
    build_site(&site, &[]);
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let list = current
        .split_once("<h3 id=\"tidligere-versioner\">Tidligere versioner</h3>")
        .map(|(_, after)| after.split_once("</ul>").map_or(after, |(list, _)| list))
        .unwrap_or_else(|| panic!("no list of earlier versions:\n{current}"));
    let newer = list
        .find(r#"<a href="/retningslinjer/dlg/dlbcl/version/2.0/">Version 2.0</a>: gældende fra 15. februar 2022 til 12. marts 2024"#)
        .unwrap_or_else(|| panic!("{list}"));
    let older = list
        .find(r#"<a href="/retningslinjer/dlg/dlbcl/version/1.0/">Version 1.0</a>: gældende fra 5. januar 2020 til 15. februar 2022"#)
        .unwrap_or_else(|| panic!("{list}"));
    assert!(newer < older);
}

#[test]
fn earlier_versions_are_not_in_the_sitemap_the_search_or_the_feeds() {
    let site = history_site();
    build_site(&site, &[]);
    let files = built_files(&site);
    let sitemap = read(&site, "public/sitemap.xml");
    assert!(
        sitemap.contains("/dlg/dlbcl/</loc>") && !sitemap.contains("/version/"),
        "{sitemap}"
    );
    let search: Vec<&(String, String)> = files
        .iter()
        .filter(|(path, _)| path.starts_with("search/") || path.starts_with("soeg/"))
        .collect();
    // The controls: both searches hold the current text.
    for folder in ["search/", "soeg/"] {
        assert!(
            search
                .iter()
                .any(|(path, text)| path.starts_with(folder) && text.contains("knoglemarv")),
            "{folder} does not hold the current text"
        );
    }
    for (path, text) in files
        .iter()
        .filter(|(path, _)| !path.starts_with("dlg/dlbcl/"))
    {
        assert!(
            !text.contains("version/1.0") && !text.contains("version/2.0"),
            "{path} links an earlier version"
        );
    }
    // Recommendation 3 exists only in 1.0 and 4 only in 2.0: no search file knows them.
    for (path, text) in search {
        assert!(
            !text.contains("fysioterapi") && !text.contains("geriatri"),
            "{path} holds a withdrawn recommendation"
        );
    }
}

#[test]
fn without_history_the_site_is_built_exactly_as_before() {
    let site = history_site();
    build_site(&site, &["--no-history"]);
    let without = built_files(&site);
    assert!(!site.path("public/dlg/dlbcl/version").exists());
    assert!(
        without
            .iter()
            .all(|(_, text)| !text.contains("Tidligere versioner"))
    );

    // The same guideline in a folder without git builds the same files.
    let plain = crate::support::site().build();
    build_site(&plain, &[]);
    let plain_files = built_files(&plain);
    let paths = |files: &[(String, String)]| -> Vec<String> {
        files.iter().map(|(path, _)| path.clone()).collect()
    };
    assert_eq!(paths(&without), paths(&plain_files));
    let page = |files: &[(String, String)]| {
        files
            .iter()
            .find(|(path, _)| path == "dlg/dlbcl/index.html")
            .map(|(_, text)| text.clone())
    };
    assert_eq!(page(&without), page(&plain_files));
}

#[test]
fn the_current_page_says_what_changed_since_the_previous_version() {
    let site = history_site();
    build_site(&site, &[]);
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let section = changes_section(&current);
    assert!(section.contains(r#"Hvad er ændret siden version 2.0</h2>
    <p>Ændringer i anbefalingerne i forhold til den tidligere godkendte <a href="/retningslinjer/dlg/dlbcl/version/2.0/">version 2.0</a>.</p>"#), "{section}");
    assert!(
        section.contains(r##"<a href="#anbefaling-2">Anbefaling 2</a> – <strong>Ændret styrke</strong>: fra A til A-C"##),
        "{section}"
    );
    // Recommendation 4 of 2.0 is gone: no link, its text deleted, in words too.
    assert!(
        section.contains(r#"Anbefaling 4 – <strong>Udgået</strong><div class="change-text"><del><span class="visually-hidden">[slettet: </span>Ældre patienter bør vurderes geriatrisk før behandlingen."#),
        "{section}"
    );
    assert!(
        !section.contains("Anbefaling 1") && !section.contains("Anbefaling 3"),
        "{section}"
    );
}

#[test]
fn a_reworded_recommendation_shows_its_insertions_and_deletions_in_words() {
    let site = history_site();
    // The working copy's text against the last approved version in git (2.0).
    let reworded = "Knoglemarvsundersøgelse bør kun udføres ved positiv PET/CT.";
    write(&site, MAIN, &edit(VALID, REC2, reworded));
    build_site(&site, &[]);
    let current = read(&site, "public/dlg/dlbcl/index.html");
    let section = changes_section(&current);
    assert!(
        section.contains("<strong>Omformuleret</strong>. Styrke ændret fra A til A-C"),
        "{section}"
    );
    assert!(
        section.contains(r#"<ins><span class="visually-hidden">[indsat: </span>kun"#),
        "{section}"
    );
    assert!(
        section.contains(r#"<del><span class="visually-hidden">[slettet: </span>ikke"#),
        "{section}"
    );
    assert!(
        section.contains("positiv") && section.contains("negativ"),
        "{section}"
    );
}
