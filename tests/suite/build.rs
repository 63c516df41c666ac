//! `retning build`: what it writes, and that it never leaves a broken site.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

use crate::support::{MAIN, Site, TODAY, VALID, between, site, stderr};

/// Runs `retning build --today TODAY ARGS…` and returns the output.
fn build(site: &Site, args: &[&str]) -> std::process::Output {
    site.retning()
        .args(["build", "--today", TODAY])
        .args(args)
        .output()
        .expect("run retning build")
}

fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.path(path)).unwrap_or_else(|err| panic!("read {path}: {err}"))
}

/// Every file under `dir` → (inode, mtime in nanoseconds).
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64)> {
    walk(dir)
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).expect("stat");
            let key = path
                .strip_prefix(dir)
                .expect("under dir")
                .display()
                .to_string();
            (
                key,
                (meta.ino(), meta.mtime() * 1_000_000_000 + meta.mtime_nsec()),
            )
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn writes_every_page_and_machine_readable_file() {
    let site = site()
        .replace(
            "keywords = [",
            "aliases = [\"/lymfom/dlbcl/\"]\nkeywords = [",
        )
        .build();
    let output = build(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    for page in [
        "public/index.html",
        "public/dlg/index.html",
        "public/dbcg/index.html",
        "public/dlg/dlbcl/index.html",
        "public/revision/index.html",
        "public/styrke/index.html",
        "public/soeg/index.html",
        "public/soeg/alle/index.html",
        "public/404.html",
        "public/sitemap.xml",
        "public/feed.xml",
        "public/api/guidelines.json",
        "public/lymfom/dlbcl/index.html",
    ] {
        assert!(site.path(page).is_file(), "{page} is missing");
    }
    let home = read(&site, "public/index.html");
    let css = between(&home, "/retningslinjer/assets/retning.", ".css");
    assert!(
        site.path(&format!(
            "public{}",
            css.trim_start_matches("/retningslinjer")
        ))
        .is_file(),
        "{css}"
    );
    let redirect = read(&site, "public/lymfom/dlbcl/index.html");
    assert!(
        redirect.contains("url=/retningslinjer/dlg/dlbcl/"),
        "{redirect}"
    );
    assert!(redirect.contains(
        "<link rel=\"canonical\" href=\"https://example.org/retningslinjer/dlg/dlbcl/\">"
    ));
    let sitemap = read(&site, "public/sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/retningslinjer/dlg/dlbcl/</loc><lastmod>2024-03-12</lastmod>"
        ),
        "{sitemap}"
    );
    let feed = read(&site, "public/feed.xml");
    assert!(
        feed.contains("<title>Diffust storcellet B-celle lymfom (version 2.1)</title>"),
        "{feed}"
    );
    assert!(feed.contains("Anbefalinger: 2 ændret"), "{feed}");
}

#[test]
fn the_api_lists_recommendations_with_strength_and_decision_aids() {
    let site = site().build();
    assert!(build(&site, &[]).status.success());
    let api: serde_json::Value =
        serde_json::from_str(&read(&site, "public/api/guidelines.json")).expect("json");
    let entry = &api["guidelines"][0];
    assert_eq!(entry["url"], "/retningslinjer/dlg/dlbcl/");
    assert_eq!(entry["revision_status"], "current");
    assert_eq!(
        entry["api"],
        "/retningslinjer/api/guidelines/dlg/dlbcl.json"
    );
    // The recommendations are in the guideline's own file.
    let guideline: serde_json::Value =
        serde_json::from_str(&read(&site, "public/api/guidelines/dlg/dlbcl.json")).expect("json");
    assert_eq!(guideline["url"], "/retningslinjer/dlg/dlbcl/");
    assert_eq!(guideline["revision_status"], "current");
    let second = &guideline["recommendations"][1];
    assert_eq!(second["id"], 2);
    assert_eq!(second["strength"], "A-C");
    assert_eq!(second["marker"], "changed");
    assert_eq!(second["url"], "/retningslinjer/dlg/dlbcl/#anbefaling-2");
    assert_eq!(second["decision_aids"][0]["ipdas"], "qualifying");
    assert!(
        second["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Knoglemarvsundersøgelse")),
        "{second}"
    );
}

#[test]
fn without_javascript_the_search_page_links_to_every_recommendation_on_a_page_of_its_own() {
    let site = site().build();
    assert!(build(&site, &[]).status.success());
    // The search page stays small: the list is one link away, for readers without JavaScript.
    let search = read(&site, "public/soeg/index.html");
    let fallback = between(&search, "<noscript>", "</noscript>");
    assert!(
        fallback.contains(r#"<a href="/retningslinjer/soeg/alle/">Alle anbefalinger</a>"#),
        "{fallback}"
    );
    assert!(!search.contains("Knoglemarvsundersøgelse"), "{search}");
    let all = read(&site, "public/soeg/alle/index.html");
    assert!(
        all.contains(r#"<a href="/retningslinjer/dlg/dlbcl/#anbefaling-2">Anbefaling 2</a> (A-C): Knoglemarvsundersøgelse"#),
        "{all}"
    );
}

#[test]
fn the_guideline_page_puts_the_quick_guide_first_and_links_every_recommendation() {
    let site = site().build();
    assert!(build(&site, &[]).status.success());
    let page = read(&site, "public/dlg/dlbcl/index.html");
    let article = &page[page.find("<article class=\"guideline\"").expect("article")..];
    let first_section = between(article, "<section", ">");
    assert!(
        first_section.contains("id=\"quick-guide\""),
        "first section: {first_section}"
    );
    insta::assert_snapshot!(
        "quick_guide",
        between(&page, "<section id=\"quick-guide\"", "</section>")
    );
    // The recommendation's place in Grundlag, with its stable anchor, badges and aid.
    let card = between(
        &page,
        "<article class=\"anbefaling\" id=\"anbefaling-2\"",
        "</article>",
    );
    insta::assert_snapshot!("recommendation_card", card);
    // Facts in Danish long form.
    assert!(
        page.contains("1. februar 2024, Dansk Lymfomgruppe"),
        "professional approval"
    );
    assert!(page.contains("1. juni 2027"), "planned revision");
    // Evidence sub-sections collapse without JavaScript.
    assert_eq!(page.matches("<details class=\"evidens\"").count(), 4);
    // References in order of first citation, with their evidence levels and back-links.
    let references = between(&page, "<ol class=\"references\">", "</ol>");
    insta::assert_snapshot!("references", references);
    // The cross-link resolves to the page URL.
    assert!(page.contains("href=\"/retningslinjer/dlg/dlbcl/#udredning\""));
}

#[test]
fn an_unassessed_decision_aid_is_never_shown_as_assessed() {
    let site = site()
        .replace(
            "ipdas = \"qualifying\"\nipdas_assessed = 2024-05-01",
            "ipdas = \"not-assessed\"",
        )
        .build();
    let output = build(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = read(&site, "public/dlg/dlbcl/index.html");
    let aid = between(&page, "<aside class=\"decision-aid", "</aside>");
    assert!(aid.contains("decision-aid-not-assessed"), "{aid}");
    assert!(
        aid.contains("Ikke vurderet efter IPDAS-standarderne"),
        "{aid}"
    );
    assert!(
        !aid.contains("vurderet 1."),
        "an assessment date is shown: {aid}"
    );
}

#[test]
fn status_banners_follow_the_revision_date() {
    let overdue = site()
        .replace("planned = 2027-06-01", "planned = 2026-06-01")
        .build();
    assert!(build(&overdue, &[]).status.success());
    let page = read(&overdue, "public/dlg/dlbcl/index.html");
    assert!(
        page.contains(
            "<p class=\"banner banner-overdue\"><strong>Planlagt revision overskredet</strong>"
        ),
        "overdue banner"
    );
    let due = site()
        .replace("planned = 2027-06-01", "planned = 2027-01-01")
        .build();
    assert!(build(&due, &[]).status.success());
    assert!(read(&due, "public/dlg/dlbcl/index.html").contains("banner banner-due"));
    let current = site().build();
    assert!(build(&current, &[]).status.success());
    let page = read(&current, "public/dlg/dlbcl/index.html");
    assert!(!page.contains("banner-overdue") && !page.contains("banner-due"));
}

#[test]
fn drafts_are_published_only_with_drafts_and_carry_a_banner() {
    let draft = VALID
        .replace("status = \"approved\"", "status = \"draft\"")
        .replace("dlbcl.md#udredning", "udkast.md#udredning");
    let site = site().file("guidelines/dlg/udkast.md", draft).build();
    assert!(build(&site, &[]).status.success());
    assert!(
        !site.path("public/dlg/udkast/index.html").exists(),
        "a draft was published"
    );
    assert!(!read(&site, "public/dlg/index.html").contains("udkast"));
    assert!(build(&site, &["--drafts"]).status.success());
    assert!(read(&site, "public/dlg/udkast/index.html").contains("banner banner-draft"));
}

#[test]
fn errors_publish_nothing_and_leave_the_previous_site() {
    let site = site().build();
    assert!(build(&site, &[]).status.success());
    let before = identities(&site.path("public"));
    let text = std::fs::read_to_string(site.path(MAIN)).expect("read");
    std::fs::write(site.path(MAIN), text.replace("(B)", "(E)")).expect("write");
    let output = build(&site, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("recommendation.bad-strength"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        identities(&site.path("public")),
        before,
        "the previous site changed"
    );
    // The pages the first pass wrote went with the staging folder.
    assert!(!site.path(".public.tmp").exists());
}

#[test]
fn a_rebuild_without_changes_rewrites_no_file() {
    let site = site().build();
    assert!(build(&site, &[]).status.success());
    let before = identities(&site.path("public"));
    std::thread::sleep(Duration::from_millis(20));
    let output = build(&site, &[]);
    assert!(output.status.success());
    assert_eq!(identities(&site.path("public")), before);
    let summary = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(summary.contains("(0 files written,"), "{summary}");
}

#[test]
fn a_killed_build_leaves_the_previous_site_whole() {
    // Enough guidelines that the build takes a while, so the kill lands in the middle.
    let mut builder = site();
    for n in 0..150 {
        let text = VALID.replace(
            "dlg/dlbcl.md#udredning",
            &format!("dbcg/kopi-{n}.md#udredning"),
        );
        builder = builder.file(&format!("guidelines/dbcg/kopi-{n}.md"), text);
    }
    let site = builder.build();
    assert!(build(&site, &[]).status.success());
    let out = site.path("public");
    let before: BTreeMap<String, Vec<u8>> = walk(&out)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(&out).unwrap().display().to_string(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    // A change to every page, so a half-written new site would differ from the old one.
    let text = std::fs::read_to_string(site.path(MAIN)).expect("read");
    std::fs::write(
        site.path(MAIN),
        text.replace("version = \"2.1\"", "version = \"2.2\""),
    )
    .expect("write");
    for delay_ms in [5, 30, 80, 150] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_retning"))
            .current_dir(site.root())
            .args(["build", "--today", TODAY])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("kill -9"); // SIGKILL on Unix
        child.wait().expect("wait");
        let after: BTreeMap<String, Vec<u8>> = walk(&out)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(&out).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        let finished = after
            .get("dlg/dlbcl/index.html")
            .is_some_and(|page| String::from_utf8_lossy(page).contains("Version 2.2"));
        if !finished {
            assert_eq!(
                after, before,
                "killed after {delay_ms} ms: the previous site is not whole"
            );
        }
    }
    // The next build cleans up and completes.
    assert!(build(&site, &[]).status.success());
    assert!(read(&site, "public/dlg/dlbcl/index.html").contains("Version 2.2"));
    assert!(!site.path(".public.tmp").exists() && !site.path(".public.old").exists());
}

#[test]
fn a_site_overrides_theme_files_one_by_one() {
    let site = site()
        .file(
            "themes/default/templates/404.html",
            "{% extends \"base.html\" %}{% block main %}<h1>Væk</h1>{% endblock main %}",
        )
        .file(
            "themes/default/strings.toml",
            include_str!("../../themes/default/strings.toml")
                .replace("Spring til indhold", "Gå til indhold"),
        )
        .build();
    let output = build(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let not_found = read(&site, "public/404.html");
    assert!(not_found.contains("<h1>Væk</h1>"), "{not_found}");
    assert!(
        not_found.contains(">Gå til indhold</a>"),
        "the overriding strings are not used"
    );
    // Templates the site does not override still come from the embedded theme.
    assert!(read(&site, "public/index.html").contains("<h1>Alle retningslinjer</h1>"));
}

/// A theme that cannot be loaded stops the build before anything is written: the site's
/// errors first, as `check` prints them, and without any, why the theme cannot be loaded.
#[test]
fn a_theme_that_cannot_be_loaded_stops_the_build_before_anything_is_written() {
    let broken = site()
        .file("themes/default/templates/404.html", "{% if %}")
        .build();
    let output = build(&broken, &[]);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains("cannot load the theme"), "{said}");
    assert!(!broken.path("public").exists());

    let with_error = site()
        .file("themes/default/templates/404.html", "{% if %}")
        .file(
            "guidelines/dbcg/bad.md",
            crate::support::VALID.replacen("(B)", "(E)", 1),
        )
        .build();
    let output = build(&with_error, &[]);
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains("dbcg/bad.md"), "{said}");
    assert!(!with_error.path("public").exists());
}

/// Every `feed.xml` of the built site, parsed: (path, entries as (title, summary, content)).
fn feeds(site: &Site) -> BTreeMap<String, Vec<(String, String, String)>> {
    let public = site.path("public");
    walk(&public)
        .into_iter()
        .filter(|path| path.ends_with("feed.xml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read a feed");
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|err| panic!("{} is not well-formed: {err}", path.display()));
            let child = |node: roxmltree::Node, name: &str| {
                node.children()
                    .find(|c| c.has_tag_name(name))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_owned()
            };
            let entries = doc
                .root_element()
                .children()
                .filter(|c| c.has_tag_name("entry"))
                .map(|e| (child(e, "title"), child(e, "summary"), child(e, "content")))
                .collect();
            let key = path.strip_prefix(&public).expect("under public");
            (key.display().to_string(), entries)
        })
        .collect()
}

#[test]
fn each_group_and_guideline_has_a_feed_listing_its_new_and_changed_recommendations() {
    let site = site()
        .replace("::: anbefaling 1 (B)", "::: anbefaling 1 (B) ny")
        // A control character in a recommendation must not make a feed unreadable.
        .replace(
            "Knoglemarvsundersøgelse bør",
            "Knoglemarvsundersøgelse\u{1b}[2J bør",
        )
        .build();
    let output = build(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let feeds = feeds(&site);
    let paths: Vec<&str> = feeds.keys().map(String::as_str).collect();
    // A group without guidelines has an empty feed to subscribe to.
    assert_eq!(
        paths,
        [
            "dbcg/feed.xml",
            "dlg/dlbcl/feed.xml",
            "dlg/feed.xml",
            "feed.xml"
        ]
    );
    assert!(feeds["dbcg/feed.xml"].is_empty());
    for path in ["dlg/feed.xml", "dlg/dlbcl/feed.xml"] {
        let [(title, summary, content)] = &feeds[path][..] else {
            panic!("{path}: {:?}", feeds[path]);
        };
        assert_eq!(title, "Diffust storcellet B-celle lymfom (version 2.1)");
        assert_eq!(
            summary,
            "Revideret, version 2.1. Anbefalinger: 1 (ny), 2 (ændret)"
        );
        // The changed recommendations, as HTML that links each.
        assert!(
            content.starts_with(
                "<ul><li><a href=\"https://example.org/retningslinjer/dlg/dlbcl/#anbefaling-1\">Anbefaling 1</a> (ny): "
            ),
            "{content}"
        );
        assert!(
            content.contains("#anbefaling-2\">Anbefaling 2</a> (ændret): Knoglemarvsundersøgelse")
        );
    }
    // The pages name their feeds for feed readers, and the group page shows its own.
    let group = read(&site, "public/dlg/index.html");
    assert!(group.contains(
        r#"<link rel="alternate" type="application/atom+xml" href="/retningslinjer/dlg/feed.xml""#
    ));
    assert!(group.contains(r#"<a class="standalone-link" href="/retningslinjer/dlg/feed.xml">"#));
    let page = read(&site, "public/dlg/dlbcl/index.html");
    for feed in ["dlg/dlbcl/feed.xml", "dlg/feed.xml", "feed.xml"] {
        assert!(
            page.contains(&format!(
                r#"<link rel="alternate" type="application/atom+xml" href="/retningslinjer/{feed}""#
            )),
            "{feed}"
        );
    }
}

#[test]
fn the_news_page_lists_revised_guidelines_by_month_with_their_changes() {
    let site = site().build();
    assert!(build(&site, &[]).status.success());
    let news = read(&site, "public/nyt/index.html");
    let main = between(&news, "<main", "</main>");
    insta::assert_snapshot!("news_page", main);
    assert!(read(&site, "public/index.html").contains(r#"<a href="/retningslinjer/nyt/">Nyt</a>"#));
    assert!(
        read(&site, "public/sitemap.xml")
            .contains("<loc>https://example.org/retningslinjer/nyt/</loc>")
    );
}

#[test]
fn a_published_build_is_an_installable_app_and_a_drafts_build_is_not() {
    let site = site().build();
    let output = build(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&site, "public/manifest.webmanifest")).expect("manifest");
    assert_eq!(manifest["scope"], "/retningslinjer/");
    assert_eq!(manifest["start_url"], "/retningslinjer/");
    // Every icon is a PNG of the size the manifest gives it.
    let icons = manifest["icons"].as_array().expect("icons");
    assert_eq!(icons.len(), 3);
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let png = std::fs::read(site.path(&format!(
            "public/{}",
            src.trim_start_matches("/retningslinjer/")
        )))
        .expect("the icon is written");
        assert_eq!(&png[1..4], b"PNG");
        let side = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!(format!("{}x{}", side(16), side(20)), icon["sizes"]);
    }
    // The worker is scoped to the site's path and keyed by the build.
    let worker = read(&site, "public/sw.js");
    assert!(!worker.contains("__RETNING_SW_CONFIG__"));
    let config = between(&worker, "const CONFIG = ", ";\n");
    let config = &config["const CONFIG = ".len()..config.len() - 2];
    let config: serde_json::Value = serde_json::from_str(config).expect("the worker's settings");
    assert_eq!(config["root"], "/retningslinjer/");
    assert_eq!(config["build"].as_str().map(str::len), Some(16));
    let home = read(&site, "public/index.html");
    assert!(home.contains(r#"data-sw="/retningslinjer/sw.js" data-sw-scope="/retningslinjer/""#));
    assert!(home.contains(r#"data-offline-save="/retningslinjer/offline/index.json""#));
    // The group's list: each guideline's page with its real size and version.
    let list: serde_json::Value =
        serde_json::from_str(&read(&site, "public/offline/dlg.json")).expect("list");
    assert_eq!(list["build"], config["build"]);
    let entry = &list["guidelines"][0];
    assert_eq!(entry["url"], "/retningslinjer/dlg/dlbcl/");
    assert_eq!(entry["version"], "2.1");
    let page = std::fs::metadata(site.path("public/dlg/dlbcl/index.html")).expect("page");
    assert_eq!(entry["bytes"], page.len());
    let index: serde_json::Value =
        serde_json::from_str(&read(&site, "public/offline/index.json")).expect("index");
    let search = index["search"].as_array().expect("search files");
    assert!(!search.is_empty());
    for file in search {
        let url = file["url"].as_str().expect("url");
        let path = format!("public/{}", url.trim_start_matches("/retningslinjer/"));
        assert_eq!(
            std::fs::metadata(site.path(&path)).expect(url).len(),
            file["bytes"]
        );
    }

    // A new text is a new build; the drafts' preview is no app at all.
    std::fs::write(
        site.path(MAIN),
        VALID.replace("Alle patienter bør", "Alle voksne patienter bør"),
    )
    .expect("edit");
    assert!(build(&site, &[]).status.success());
    let rebuilt = read(&site, "public/sw.js");
    assert_ne!(
        between(&rebuilt, "\"build\":", ","),
        between(&worker, "\"build\":", ",")
    );
    assert!(
        build(&site, &["--drafts", "--out", "preview"])
            .status
            .success()
    );
    assert!(!site.path("preview/sw.js").exists());
    assert!(!site.path("preview/manifest.webmanifest").exists());
    assert!(!read(&site, "preview/index.html").contains("data-sw"));
}
