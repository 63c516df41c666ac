//! The pages a build reuses (`.retning/build/pages.json`): after random edits of a small
//! generated site, each followed by a build over the last one, the site and the findings
//! printed are byte for byte those of a fresh `--no-cache` build of the same sources.

use std::collections::BTreeMap;

use crate::support::{
    Site, VALID, assert_same_site, build_without_history, files_under, fresh_build,
    fresh_build_with, site,
};

/// A guideline of its own title, otherwise the valid one (whose link to its own
/// `Udredning` topic points across from any other file).
fn generated(title: &str) -> String {
    VALID.replacen("Diffust storcellet B-celle lymfom", title, 1)
}

/// The site's guideline files, root-relative.
fn guidelines(site: &Site) -> Vec<String> {
    files_under(&site.path("guidelines"))
        .into_keys()
        .filter(|path| path.ends_with(".md") && path.matches('/').count() == 1)
        .map(|path| format!("guidelines/{path}"))
        .collect()
}

/// How many kinds of edit [`edit`] makes.
const KINDS: usize = 13;

/// An edit of kind `kind` (of [`KINDS`]) a writer makes between two builds, of a guideline
/// `rng` picks; says what it did.
fn edit(site: &Site, rng: &mut fastrand::Rng, round: usize, kind: usize) -> String {
    let all = guidelines(site);
    let path = all[rng.usize(..all.len())].clone();
    let write = |path: &str, text: String| std::fs::write(site.path(path), text).expect("write");
    match kind {
        0 | 1 | 2 | 6 | 10 | 12 => edit_text(site, &path, round, kind),
        3 => {
            let new = format!("guidelines/dbcg/ny-{round}.md");
            write(&new, generated(&format!("Ny retningslinje {round}")));
            format!("a new guideline {new}")
        }
        // The others link to the main guideline: it stays.
        4 if path != crate::support::MAIN => {
            std::fs::remove_file(site.path(&path)).expect("delete");
            format!("{path} deleted")
        }
        7 => {
            // The units' URLs come from the base URL; the pages name the groups.
            let config = std::fs::read_to_string(site.path("retning.toml")).expect("read");
            let (from, to) = if round.is_multiple_of(2) {
                ("dlg = \"", format!("dlg = \"{round} "))
            } else {
                ("example.org/", format!("example.org/{round}-"))
            };
            write("retning.toml", config.replacen(from, &to, 1));
            format!("retning.toml: {to}")
        }
        8 => {
            // A theme label the search units carry.
            theme_strings(site, "oxford-b = \"", &format!("oxford-b = \"{round} "));
            "a strength label".to_owned()
        }
        // The app icons are drawn from it.
        11 => {
            favicon(site, &format!("#{:06x}", rng.u32(..0x0100_0000)));
            "the favicon's colour".to_owned()
        }
        // A draft goes on the site only with `--drafts`; the main guideline is linked.
        9 if path != crate::support::MAIN => {
            let text = std::fs::read_to_string(site.path(&path)).expect("read");
            let (from, to) = if text.contains("status = \"draft\"") {
                ("status = \"draft\"", "status = \"approved\"")
            } else {
                ("status = \"approved\"", "status = \"draft\"")
            };
            write(&path, text.replacen(from, to, 1));
            format!("{path} now {to}")
        }
        _ => {
            theme_strings(
                site,
                "footer_feed = \"",
                &format!("footer_feed = \"{round} "),
            );
            "a theme string".to_owned()
        }
    }
}

/// Edit kinds 0, 1, 2, 6, 10 and 12 of [`edit`]: a change to the text of the guideline at `path`.
fn edit_text(site: &Site, path: &str, round: usize, kind: usize) -> String {
    let text = std::fs::read_to_string(site.path(path)).expect("read");
    let (edited, what) = match kind {
        0 => (format!("{text}\n"), "a blank line at the end of"),
        6 => {
            // On the page, but neither in the search index nor in the summary.
            let author = format!("title = \"Overlæge {round}\"");
            let first = text.lines().find(|l| l.starts_with("title = \"Overlæge"));
            let edited = text.replacen(first.expect("an author"), &author, 1);
            (edited, "an author's title in")
        }
        1 => {
            let sentence = format!("Denne sætning er tilføjet i runde {round}. ");
            let at = format!("### Rationale\n\n{sentence}");
            (text.replacen("### Rationale\n\n", &at, 1), "a sentence in")
        }
        12 => {
            // A search unit more, and an anchor the others' links could name.
            let section = format!("### Nyt underafsnit {round}\n\nNy tekst.\n\n### Rationale");
            (
                text.replacen("### Rationale", &section, 1),
                "a subsection added to",
            )
        }
        2 => {
            let title = text.lines().nth(1).expect("a title line").to_owned();
            let renamed = format!("title = \"Omdøbt {round}\"");
            (text.replacen(&title, &renamed, 1), "the title of")
        }
        _ => {
            // Inline HTML: a warning of the parse, which each build must print again.
            let html = "Se <b>dette</b>. ";
            let edited = if text.contains(html) {
                text.replacen(html, "", 1)
            } else {
                text.replacen("### Rationale\n\n", &format!("### Rationale\n\n{html}"), 1)
            };
            (edited, "inline HTML toggled in")
        }
    };
    std::fs::write(site.path(path), edited).expect("write");
    format!("{what} {path}")
}

/// The site's theme strings (the default theme's, the first time) with `from` replaced.
fn theme_strings(site: &Site, from: &str, to: &str) {
    let strings = site.path("themes/default/strings.toml");
    let theme = std::fs::read_to_string(&strings)
        .unwrap_or_else(|_| include_str!("../../themes/default/strings.toml").to_owned());
    std::fs::create_dir_all(site.path("themes/default")).expect("create dir");
    std::fs::write(strings, theme.replacen(from, to, 1)).expect("write");
}

/// The site's favicon: the default theme's, its background `colour`.
fn favicon(site: &Site, colour: &str) {
    let svg = include_str!("../../themes/default/static/favicon.svg");
    std::fs::create_dir_all(site.path("themes/default/static")).expect("create dir");
    let svg = svg.replacen("#0b4f6c", colour, 1);
    std::fs::write(site.path("themes/default/static/favicon.svg"), svg).expect("write");
}

#[test]
fn after_random_edits_the_site_and_its_findings_are_those_of_a_fresh_build() {
    let mut builder = site();
    for (i, title) in [
        "Follikulært lymfom",
        "Brystkræft",
        "Kronisk lymfatisk leukæmi",
        "Hodgkin lymfom",
    ]
    .iter()
    .enumerate()
    {
        let group = if i % 2 == 0 { "dlg" } else { "dbcg" };
        let mut text = generated(title);
        if i % 2 == 1 {
            // Overdue: a warning each build must print again, the guideline unchanged or not.
            text = text.replacen("planned = 2027-06-01", "planned = 2026-06-01", 1);
        }
        builder = builder.file(&format!("guidelines/{group}/g{i}.md"), text);
    }
    let site = builder.build();
    build_without_history(site.root(), &[]);
    // A fixed seed replays a failure.
    let mut rng = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
    // Every kind of edit twice, in a shuffled order; some builds with `--drafts`.
    let mut kinds: Vec<usize> = (0..2 * KINDS).map(|i| i % KINDS).collect();
    rng.shuffle(&mut kinds);
    for (round, kind) in kinds.into_iter().enumerate() {
        let mut what = edit(&site, &mut rng, round, kind);
        let args: &[&str] = if rng.usize(..3) == 0 {
            &["--drafts"]
        } else {
            &[]
        };
        what.push_str(&format!(", built with {args:?}"));
        let (said, findings) = build_without_history(site.root(), args);
        assert!(!said.contains("nothing changed"), "{what}: {said}");
        let (fresh, fresh_findings) = fresh_build_with(&site, args);
        assert_same_site(&what, &files_under(&site.path("public")), &fresh);
        assert_eq!(findings, fresh_findings, "{what}: the findings differ");
    }
}

/// The start of the page record's entry for `name`: its key.
fn recorded_key(record: &str, name: &str) -> String {
    let at = record
        .find(&format!("\"{name}\":{{\"key\":\""))
        .expect(name);
    record[at..at + 100].to_owned()
}

#[test]
fn a_blank_line_renders_only_its_guideline_again() {
    let site = site()
        .file("guidelines/dbcg/mamma.md", generated("Brystkræft"))
        .build();
    build_without_history(site.root(), &[]);
    let record = site.path(".retning/build/pages.json");
    let before = std::fs::read_to_string(&record).expect("a page record");
    let main = site.path(crate::support::MAIN);
    let text = std::fs::read_to_string(&main).expect("read");
    std::fs::write(&main, format!("{text}\n")).expect("write");
    build_without_history(site.root(), &[]);
    let after = std::fs::read_to_string(&record).expect("a page record");
    // The other guideline's key is the same; the edited one's is not.
    let key = recorded_key;
    assert_eq!(key(&after, "dbcg/mamma"), key(&before, "dbcg/mamma"));
    assert_ne!(key(&after, "dlg/dlbcl"), key(&before, "dlg/dlbcl"));
    // The pages about the whole site read no guideline's text: linked, not rendered.
    assert_eq!(key(&after, "/site-wide"), key(&before, "/site-wide"));
    assert_same_site(
        "a blank line",
        &files_under(&site.path("public")),
        &fresh_build(&site).0,
    );
}

/// A guideline's key holds what its check reads of the others: the answers to its links and
/// its aliases' verdicts. A subsection added to a guideline others link to renders none of
/// them again, nor the listing pages; its linked heading renamed makes the one that links
/// to it checked again, and refused.
#[test]
fn an_edit_elsewhere_renders_only_the_guidelines_whose_links_see_it() {
    let unlinked = generated("Kronisk lymfatisk leukæmi").replacen(
        "(@/dlg/dlbcl.md#udredning)",
        "(https://example.org/udredning)",
        1,
    );
    assert!(!unlinked.contains("@/"));
    let site = site()
        .file("guidelines/dbcg/mamma.md", generated("Brystkræft"))
        .file("guidelines/dlg/cll.md", unlinked)
        .build();
    build_without_history(site.root(), &[]);
    let record = site.path(".retning/build/pages.json");
    let before = std::fs::read_to_string(&record).expect("a page record");
    let key = recorded_key;
    let main = site.path(crate::support::MAIN);
    let text = std::fs::read_to_string(&main).expect("read");
    let added = "### Nyt underafsnit\n\nEn ny tekst om udredning.\n\n### Rationale";
    std::fs::write(&main, text.replacen("### Rationale", added, 1)).expect("write");
    build_without_history(site.root(), &[]);
    let after = std::fs::read_to_string(&record).expect("a page record");
    assert_ne!(key(&after, "dlg/dlbcl"), key(&before, "dlg/dlbcl"));
    // Its link still finds the guideline, approved, with the anchor.
    assert_eq!(key(&after, "dbcg/mamma"), key(&before, "dbcg/mamma"));
    assert_eq!(key(&after, "dlg/cll"), key(&before, "dlg/cll"));
    // No listing page shows a guideline's sections.
    assert_eq!(key(&after, "/site-wide"), key(&before, "/site-wide"));
    assert_same_site(
        "a subsection added",
        &files_under(&site.path("public")),
        &fresh_build(&site).0,
    );

    // The heading renamed: the anchor both links name is gone.
    let text = std::fs::read_to_string(&main).expect("read");
    std::fs::write(&main, text.replacen("## Udredning\n", "## Diagnostik\n", 1)).expect("write");
    let output = site
        .retning()
        .args(["build", "--today", crate::support::TODAY, "--no-history"])
        .output()
        .expect("run retning build");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("dbcg/mamma.md"), "{said}");
    assert!(!said.contains("dlg/cll.md"), "{said}");
}

#[test]
fn a_search_file_changed_by_hand_in_the_site_is_written_again() {
    let site = site()
        .file("guidelines/dbcg/mamma.md", generated("Brystkræft"))
        .build();
    build_without_history(site.root(), &[]);
    // A file named by a hash of its bytes, now with other bytes of the same size: the site
    // in place is no longer the one the last build left, so its name vouches for nothing.
    let search = files_under(&site.path("public/search"));
    let (name, bytes) = search
        .iter()
        .find(|(name, _)| name.starts_with("f."))
        .expect("a fragment file");
    let mut tampered = bytes.clone();
    tampered[0] = if tampered[0] == b'x' { b'y' } else { b'x' };
    std::fs::write(site.path(&format!("public/search/{name}")), tampered).expect("write");
    let main = site.path(crate::support::MAIN);
    let text = std::fs::read_to_string(&main).expect("read");
    std::fs::write(&main, format!("{text}\n")).expect("write");
    build_without_history(site.root(), &[]);
    assert_same_site(
        "a search file changed by hand",
        &files_under(&site.path("public")),
        &fresh_build(&site).0,
    );
}

#[test]
fn stale_or_corrupt_survey_entries_cost_a_parse_not_a_wrong_site() {
    let site = site()
        .file("guidelines/dbcg/mamma.md", generated("Brystkræft"))
        .file("guidelines/dbcg/lunge.md", generated("Lungekræft"))
        .build();
    build_without_history(site.root(), &[]);
    let entries = || -> BTreeMap<std::path::PathBuf, Vec<u8>> {
        let listing = std::fs::read_dir(site.path(".retning/build/survey")).expect("entries");
        let read = |path: std::path::PathBuf| (path.clone(), std::fs::read(path).expect("read"));
        listing
            .map(|entry| read(entry.expect("entry").path()))
            .collect()
    };
    let first = entries();
    assert_eq!(
        first.len(),
        3,
        "one entry per guideline: {:?}",
        first.keys()
    );
    let main = site.path(crate::support::MAIN);
    let text = std::fs::read_to_string(&main).expect("read");
    let sentence = "### Rationale\n\nEn ny sætning. ";
    std::fs::write(&main, text.replacen("### Rationale\n\n", sentence, 1)).expect("write");
    build_without_history(site.root(), &[]);
    let second = entries();
    let old: Vec<_> = first
        .iter()
        .filter(|(p, _)| !second.contains_key(*p))
        .collect();
    let new: Vec<_> = second.keys().filter(|p| !first.contains_key(*p)).collect();
    let ([(_, stale)], [edited]) = (old.as_slice(), new.as_slice()) else {
        panic!("the edited guideline's entry alone is new: {old:?} {new:?}");
    };
    // The entry of the guideline's last text under its new key, and another's with a byte
    // changed.
    std::fs::write(edited, stale).expect("write");
    let other = second.keys().find(|p| p != edited).expect("another entry");
    let mut corrupt = second[other].clone();
    // A byte of its head, which every build reads (its units' texts are read only when
    // needed: `search_index_reuse.rs`).
    corrupt[60] ^= 0x20;
    std::fs::write(other, &corrupt).expect("write");
    // Without the record of the last build, the build runs though nothing changed.
    std::fs::remove_file(site.path(".retning/build/last-build.json")).expect("remove");

    let (said, findings) = build_without_history(site.root(), &[]);
    assert!(!said.contains("nothing changed"), "{said}");
    let (fresh, fresh_findings) = fresh_build(&site);
    assert_same_site("bad entries", &files_under(&site.path("public")), &fresh);
    assert_eq!(findings, fresh_findings);
    // Each bad entry was set aside and made again from a parse.
    assert!(entries() == second, "the entries are made again");
}

#[test]
fn the_app_icons_are_linked_until_the_favicon_changes() {
    let site = site()
        .file("guidelines/dbcg/mamma.md", generated("Brystkræft"))
        .build();
    let icons = || -> BTreeMap<String, Vec<u8>> {
        files_under(&site.path("public/assets"))
            .into_iter()
            .filter(|(path, _)| path.ends_with(".png"))
            .collect()
    };
    let record = site.path(".retning/build/pages.json");
    let icons_entry = || {
        let record = std::fs::read_to_string(&record).expect("a page record");
        let at = record.find("\"/icons\":{").expect("an entry of the icons");
        let end = record[at..].find(']').expect("its files");
        record[at..at + end].to_owned()
    };
    let main = site.path(crate::support::MAIN);
    let blank_line = || {
        let text = std::fs::read_to_string(&main).expect("read");
        std::fs::write(&main, format!("{text}\n")).expect("write");
    };
    build_without_history(site.root(), &[]);
    let (first, first_entry) = (icons(), icons_entry());
    assert_eq!(first.len(), 4, "{:?}", first.keys());
    // A guideline's text is not what the icons are drawn from: the last build's are linked.
    blank_line();
    build_without_history(site.root(), &[]);
    assert_eq!(icons(), first);
    assert_eq!(icons_entry(), first_entry);
    assert_same_site(
        "a blank line",
        &files_under(&site.path("public")),
        &fresh_build(&site).0,
    );
    // Another favicon: new icons, drawn from it.
    favicon(&site, "#c0392b");
    blank_line();
    build_without_history(site.root(), &[]);
    let second = icons();
    assert_eq!(second.len(), 4, "{:?}", second.keys());
    assert!(second.keys().all(|path| !first.contains_key(path)));
    assert!(
        second
            .values()
            .all(|png| !first.values().any(|old| old == png))
    );
    assert_ne!(icons_entry(), first_entry);
    assert_same_site(
        "another favicon",
        &files_under(&site.path("public")),
        &fresh_build(&site).0,
    );
}
