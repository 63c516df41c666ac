use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::diagnostics::{Language, codes};

use super::*;

use crate::test_site::{VALID, write};

const CONFIG: &str = r#"title = "Test"
base_url = "https://example.org/retningslinjer/"

[groups]
dbcg = "DBCG"
dlg = "DLG"
"#;
const URL: &str = "http://127.0.0.1:1111/";

fn today() -> Option<Date> {
    Some(jiff::civil::date(2026, 11, 24))
}

/// A site with three guidelines in two groups; each links to `dlg/dlbcl.md`.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("retning.toml"), CONFIG).unwrap();
    for (path, title) in [
        ("dlg/dlbcl.md", None),
        ("dlg/b.md", Some("Anden retningslinje")),
        ("dbcg/c.md", Some("Tredje retningslinje")),
    ] {
        let text = match title {
            Some(title) => VALID.replace("Diffust storcellet B-celle lymfom", title),
            None => VALID.to_owned(),
        };
        write(dir.path(), path, &text);
    }
    dir
}

fn path(root: &Path, guideline: &str) -> PathBuf {
    root.join("guidelines").join(guideline)
}

fn changed(root: &Path, guidelines: &[&str]) -> ChangeKind {
    ChangeKind::Guidelines(guidelines.iter().map(|g| path(root, g)).collect())
}

fn started(root: &Path) -> Preview {
    let mut preview = Preview::new(root.to_path_buf(), URL.to_owned(), today());
    let outcome = preview.rebuild(&ChangeKind::Everything);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    preview
}

fn page<'a>(preview: &'a Preview, path: &str) -> &'a str {
    std::str::from_utf8(
        preview
            .files()
            .get(path)
            .unwrap_or_else(|| panic!("no {path}")),
    )
    .unwrap()
}

#[track_caller]
fn assert_same_as_full_build(preview: &Preview, root: &Path) {
    let full = started(root);
    let mut ours: Vec<&String> = preview.files().keys().collect();
    let mut theirs: Vec<&String> = full.files().keys().collect();
    ours.sort();
    theirs.sort();
    assert_eq!(ours, theirs);
    for (path, bytes) in full.files() {
        assert!(preview.files().get(path) == Some(bytes), "{path} differs");
    }
}

#[test]
fn the_fast_path_ends_where_a_full_build_does() {
    let site = site();
    let root = site.path();
    let mut preview = started(root);
    assert!(page(&preview, "index.html").contains("href=\"/dlg/b/\""));

    write(
        root,
        "dlg/b.md",
        &VALID.replace("Diffust storcellet B-celle lymfom", "Ny titel"),
    );
    let outcome = preview.rebuild(&changed(root, &["dlg/b.md"]));
    assert!(!outcome.full && outcome.files_changed && outcome.problems.is_empty());
    // The page, its MDT view, its feed and its API file, home, its group and the group's
    // feed, news, revision, search, the pathway page and its eight phase pages, sitemap, feed
    // and the API's index: not dbcg's.
    assert_eq!(outcome.rendered, 22, "{outcome:?}");
    assert!(page(&preview, "dlg/b/index.html").contains("Ny titel"));
    assert!(page(&preview, "index.html").contains("Ny titel"));
    assert_same_as_full_build(&preview, root);

    // A rename across groups, with an alias.
    fs::remove_file(path(root, "dbcg/c.md")).unwrap();
    write(
        root,
        "dlg/c2.md",
        &VALID.replace("keywords = [", "aliases = [\"/gammel/c/\"]\nkeywords = ["),
    );
    preview.rebuild(&changed(root, &["dbcg/c.md", "dlg/c2.md"]));
    assert!(!preview.files().contains_key("dbcg/c/index.html"));
    assert!(preview.files().contains_key("dlg/c2/index.html"));
    assert!(preview.files().contains_key("gammel/c/index.html"));
    assert_same_as_full_build(&preview, root);

    // A deletion, and the alias goes with its guideline.
    fs::remove_file(path(root, "dlg/c2.md")).unwrap();
    preview.rebuild(&changed(root, &["dlg/c2.md"]));
    assert!(!preview.files().contains_key("dlg/c2/index.html"));
    assert!(!preview.files().contains_key("gammel/c/index.html"));
    assert_same_as_full_build(&preview, root);

    // A group folder renamed: only the folder is named in the events.
    fs::rename(root.join("guidelines/dlg"), root.join("guidelines/dbcg2")).unwrap();
    fs::write(
        root.join("retning.toml"),
        format!("{CONFIG}dbcg2 = \"DBCG 2\"\n"),
    )
    .unwrap();
    preview.rebuild(&ChangeKind::Everything);
    fs::rename(root.join("guidelines/dbcg2"), root.join("guidelines/dlg")).unwrap();
    preview.rebuild(&changed(root, &["dbcg2", "dlg"]));
    assert_same_as_full_build(&preview, root);
}

#[test]
fn a_save_without_a_change_changes_nothing() {
    let site = site();
    let root = site.path();
    let mut preview = started(root);
    let outcome = preview.rebuild(&changed(root, &["dlg/b.md"]));
    assert_eq!(
        (
            outcome.files_changed,
            outcome.rendered,
            outcome.problems.len()
        ),
        (false, 0, 0)
    );
}

#[test]
fn a_broken_file_keeps_its_last_good_page_until_fixed() {
    let site = site();
    let root = site.path();
    let mut preview = started(root);
    let before = preview.files().clone();

    let broken = VALID
        .replace("::: anbefaling 1 (B)", "::: anbefaling 1 (E)")
        .replace("Alle patienter bør", "NYT: alle patienter bør");
    write(root, "dlg/dlbcl.md", &broken);
    let outcome = preview.rebuild(&changed(root, &["dlg/dlbcl.md"]));
    let problem = outcome
        .problems
        .iter()
        .find(|p| p.code == codes::RECOMMENDATION_BAD_STRENGTH)
        .unwrap_or_else(|| panic!("{:?}", outcome.problems));
    assert_eq!(problem.file.as_deref(), Some("guidelines/dlg/dlbcl.md"));
    let line = broken
        .lines()
        .position(|l| l.contains("(E)"))
        .map(|i| i + 1);
    assert_eq!(problem.line(), line);
    let position = problem.position.as_ref().unwrap();
    assert_eq!(&position.source.text[position.span.clone()], "E");
    assert!(
        outcome
            .overlay(Language::En)
            .unwrap()
            .contains("guidelines/dlg/dlbcl.md")
    );
    // The site is as it was: the last good version of the page, in every list too.
    assert!(!outcome.files_changed);
    assert_eq!(preview.files(), &before);

    // A front matter that does not parse at all: the page still stays.
    write(root, "dlg/dlbcl.md", &broken.replacen("+++", "", 1));
    let outcome = preview.rebuild(&changed(root, &["dlg/dlbcl.md"]));
    assert!(!outcome.problems.is_empty());
    assert_eq!(preview.files(), &before);

    // Fixed: the new text shows and the overlay goes.
    write(
        root,
        "dlg/dlbcl.md",
        &broken.replace("::: anbefaling 1 (E)", "::: anbefaling 1 (B)"),
    );
    let outcome = preview.rebuild(&changed(root, &["dlg/dlbcl.md"]));
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(outcome.overlay(Language::En), None);
    assert!(page(&preview, "dlg/dlbcl/index.html").contains("NYT: alle patienter"));
    assert_same_as_full_build(&preview, root);
}

#[test]
fn a_file_never_good_is_shown_as_it_is_and_a_broken_config_keeps_the_site() {
    let site = site();
    let root = site.path();
    let mut preview = started(root);
    write(
        root,
        "dlg/ny.md",
        &VALID.replace("::: anbefaling 1 (B)", "::: anbefaling 1 (E)"),
    );
    let outcome = preview.rebuild(&changed(root, &["dlg/ny.md"]));
    assert_eq!(outcome.problems.len(), 1, "{:?}", outcome.problems);
    assert!(preview.files().contains_key("dlg/ny/index.html"));
    // Edited, still with the error: the edit shows (there is no good version to keep).
    write(
        root,
        "dlg/ny.md",
        &VALID
            .replace("::: anbefaling 1 (B)", "::: anbefaling 1 (E)")
            .replace("Alle patienter bør", "REDIGERET: alle patienter bør"),
    );
    preview.rebuild(&changed(root, &["dlg/ny.md"]));
    assert!(page(&preview, "dlg/ny/index.html").contains("REDIGERET"));
    // No longer parsing at all: what was shown stays.
    write(root, "dlg/ny.md", "+++\ntitle = \n");
    let outcome = preview.rebuild(&changed(root, &["dlg/ny.md"]));
    assert!(!outcome.problems.is_empty());
    assert!(page(&preview, "dlg/ny/index.html").contains("REDIGERET"));
    // Deleted: gone.
    fs::remove_file(path(root, "dlg/ny.md")).unwrap();
    preview.rebuild(&changed(root, &["dlg/ny.md"]));
    assert!(!preview.files().contains_key("dlg/ny/index.html"));

    let before = preview.files().clone();
    fs::write(root.join("retning.toml"), "title = ").unwrap();
    let outcome = preview.rebuild(&ChangeKind::Everything);
    assert_eq!(outcome.problems[0].code, codes::CONFIG_INVALID);
    assert_eq!(outcome.problems[0].file.as_deref(), Some("retning.toml"));
    assert_eq!(preview.files(), &before);
    // Until the configuration is fixed, a guideline save still shows its problem.
    let outcome = preview.rebuild(&changed(root, &["dlg/b.md"]));
    assert_eq!(outcome.problems[0].code, codes::CONFIG_INVALID);
    fs::write(root.join("retning.toml"), CONFIG).unwrap();
    let outcome = preview.rebuild(&ChangeKind::Everything);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    assert_eq!(preview.files(), &before);
}

#[test]
fn pages_link_to_the_preview_not_to_the_published_site() {
    let site = site();
    let preview = started(site.path());
    let home = page(&preview, "index.html");
    assert!(home.contains("href=\"/dlg/dlbcl/\""), "{home}");
    assert!(!home.contains("/retningslinjer/"));
}

#[test]
fn a_save_serves_its_page_first_and_the_listing_pages_after() {
    let site = site();
    let root = site.path();
    let mut preview = started(root);
    let title = "Anden retningslinje";
    let b = VALID.replace("Diffust storcellet B-celle lymfom", title);

    // A sentence in a rationale: its page at once; no listing page shows it, so catching up
    // only checks the site.
    write(
        root,
        "dlg/b.md",
        &b.replace("### Rationale\n\n", "### Rationale\n\nZebrafisk. "),
    );
    let outcome = preview.step(&changed(root, &["dlg/b.md"]));
    assert!(outcome.files_changed && !outcome.full, "{outcome:?}");
    // Its page, its MDT view, its feed and its API file.
    assert_eq!(
        outcome.rendered, 4,
        "only the guideline's own pages: {outcome:?}"
    );
    assert!(page(&preview, "dlg/b/index.html").contains("Zebrafisk"));
    assert!(preview.is_behind());
    let outcome = preview.catch_up(&|| false).expect("work was left");
    assert_eq!((outcome.files_changed, outcome.rendered), (false, 0));
    assert!(!preview.is_behind());
    assert_eq!(preview.catch_up(&|| false), None);
    assert_same_as_full_build(&preview, root);

    // A new title: the page at once, the home page only when caught up.
    write(root, "dlg/b.md", &b.replace(title, "Ny titel"));
    let home = page(&preview, "index.html").to_owned();
    let outcome = preview.step(&changed(root, &["dlg/b.md"]));
    assert_eq!(outcome.rendered, 4, "{outcome:?}");
    assert!(page(&preview, "dlg/b/index.html").contains("Ny titel"));
    assert_eq!(page(&preview, "index.html"), home);
    // A newer save gives the catch-up up: nothing changes, the work stays to do.
    assert_eq!(preview.catch_up(&|| true), None);
    assert!(preview.is_behind());
    assert_eq!(page(&preview, "index.html"), home);
    let outcome = preview.catch_up(&|| false).expect("work was left");
    assert!(outcome.files_changed);
    // Home, its group and the group's feed, news, revision, search, the pathway page and its
    // eight phase pages, sitemap, feed and API: not dbcg's page.
    assert_eq!(outcome.rendered, 18, "{outcome:?}");
    assert!(page(&preview, "index.html").contains("Ny titel"));
    assert_same_as_full_build(&preview, root);
}

#[test]
fn a_save_that_breaks_links_into_it_shows_the_finding_in_the_linking_guidelines() {
    let site = site();
    let root = site.path();
    let mut preview = started(root);
    let broken_links = |outcome: &Rebuilt| -> BTreeSet<String> {
        outcome
            .problems
            .iter()
            .filter(|p| p.code == codes::LINK_BROKEN_ANCHOR)
            .filter_map(|p| p.file.clone())
            .collect()
    };
    // Every guideline links to `@/dlg/dlbcl.md#udredning`; the heading is renamed.
    write(
        root,
        "dlg/dlbcl.md",
        &VALID.replace("## Udredning", "## Diagnostik"),
    );
    let first = preview.step(&changed(root, &["dlg/dlbcl.md"]));
    // The saved file's own link is checked with it.
    assert!(broken_links(&first).contains("guidelines/dlg/dlbcl.md"));
    let after = preview.catch_up(&|| false).expect("work was left");
    assert_eq!(
        broken_links(&after),
        BTreeSet::from(
            [
                "guidelines/dbcg/c.md",
                "guidelines/dlg/b.md",
                "guidelines/dlg/dlbcl.md"
            ]
            .map(str::to_owned)
        )
    );
    assert!(
        after
            .overlay(Language::En)
            .unwrap()
            .contains("guidelines/dbcg/c.md")
    );
    // A later save of the target alone keeps the others' findings (from the last check).
    write(
        root,
        "dlg/dlbcl.md",
        &VALID
            .replace("## Udredning", "## Diagnostik")
            .replace("Patienterne foretrækker", "Nu foretrækker patienterne"),
    );
    let again = preview.step(&changed(root, &["dlg/dlbcl.md"]));
    assert_eq!(broken_links(&again), broken_links(&after));
    // Fixed: gone from every file once caught up.
    write(root, "dlg/dlbcl.md", VALID);
    preview.step(&changed(root, &["dlg/dlbcl.md"]));
    let fixed = preview.catch_up(&|| false).expect("work was left");
    assert!(fixed.problems.is_empty(), "{:?}", fixed.problems);
    assert_same_as_full_build(&preview, root);
}

#[test]
fn an_edit_storm_with_catch_ups_given_up_ends_with_every_page_right() {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let site = site();
    let root = site.path();
    let mut preview = started(root);
    let files = ["dlg/dlbcl.md", "dlg/b.md", "dbcg/c.md"];
    for k in 0..30 {
        let file = files[k % files.len()];
        // Titles, recommendations, rationales and errors, in turn.
        let text = match k % 5 {
            0 => VALID.replace("Diffust storcellet B-celle lymfom", &format!("Titel {k}")),
            1 => VALID.replace(
                "Alle patienter bør",
                &format!("Runde {k}: alle patienter bør"),
            ),
            2 => VALID.replace(
                "### Rationale\n\n",
                &format!("### Rationale\n\nRunde {k}. "),
            ),
            3 => VALID.replace("::: anbefaling 1 (B)", "::: anbefaling 1 (E)"),
            _ => VALID.replace("## Udredning", &format!("## Udredning {k}")),
        };
        write(root, file, &text);
        preview.step(&changed(root, &[file]));
        // Catch-ups given up after a few questions, at every point of the step.
        let asked = AtomicUsize::new(0);
        let stop_after = k % 4;
        preview.catch_up(&|| asked.fetch_add(1, Ordering::SeqCst) >= stop_after);
    }
    for (k, file) in files.iter().enumerate() {
        write(
            root,
            file,
            &VALID.replace("Diffust storcellet B-celle lymfom", &format!("Sidst {k}")),
        );
        preview.step(&changed(root, &[file]));
    }
    preview.catch_up(&|| false);
    assert!(!preview.is_behind());
    assert!(page(&preview, "index.html").contains("Sidst 2"));
    assert_same_as_full_build(&preview, root);
}

#[test]
fn a_page_the_theme_cannot_render_is_a_problem_in_the_readers_language() {
    let site = site();
    let root = site.path();
    let templates = root.join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("404.html"), "{{ no_such_value }}").unwrap();
    let mut preview = Preview::new(root.to_path_buf(), URL.to_owned(), today());
    let outcome = preview.rebuild(&ChangeKind::Everything);
    assert_eq!(outcome.problems.len(), 1, "{:?}", outcome.problems);
    let problem = &outcome.problems[0];
    assert_eq!(problem.code, codes::RENDER);
    let reason = "Failed to render '404.html': Variable `no_such_value` not found in context \
                  while rendering '404.html'";
    assert_eq!(
        problem.message.in_language(Language::Da),
        format!("404.html kan ikke dannes: {reason}")
    );
    assert_eq!(
        problem.message.in_language(Language::En),
        format!("cannot render 404.html: {reason}")
    );
    let overlay = outcome.overlay(Language::Da).unwrap();
    assert!(overlay.contains("404.html kan ikke dannes"), "{overlay}");
}
