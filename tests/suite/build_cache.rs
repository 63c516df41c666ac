//! The build cache (`.retning/build/`): a build with nothing changed is skipped, and whatever
//! changed, the site in place is byte for byte the one a fresh build writes.

use crate::support::{
    Site, TODAY, VALID, assert_same_site, build_without_history, files_under, fresh_build, site,
    stderr, stdout,
};

/// A guideline that cross-links to the main one's `Udredning` topic (the valid guideline's
/// own link, which in any other file points across).
fn other(title: &str) -> String {
    VALID.replacen("Diffust storcellet B-celle lymfom", title, 1)
}

/// Applies `edit` to every guideline file of the site.
fn edit_all(site: &Site, edit: impl Fn(String) -> String) {
    for (path, text) in files_under(&site.path("guidelines")) {
        let text = String::from_utf8(text).expect("utf-8");
        std::fs::write(site.path(&format!("guidelines/{path}")), edit(text)).expect("write");
    }
}

/// One of the edits a writer makes between two builds.
fn apply(site: &Site, edit: usize) -> &'static str {
    let write = |path: &str, text: &str| {
        let path = site.path(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
        std::fs::write(path, text).expect("write");
    };
    match edit {
        0 => {
            let path = [
                site.path("guidelines/dlg/fl.md"),
                site.path("guidelines/dlg/follikulaert.md"),
            ]
            .into_iter()
            .find(|path| path.exists())
            .expect("fl.md, renamed or not");
            let text = std::fs::read_to_string(&path).expect("read");
            let changed = text.replacen(
                "er den hyppigste form",
                "er, hos voksne, den hyppigste form",
                1,
            );
            std::fs::write(&path, changed).expect("write");
            "change a guideline's text"
        }
        1 => {
            write("guidelines/dbcg/ny.md", &other("Ny retningslinje"));
            "add a guideline"
        }
        2 => {
            std::fs::remove_file(site.path("guidelines/dbcg/mamma.md")).expect("delete");
            "delete a guideline"
        }
        3 => {
            std::fs::rename(
                site.path("guidelines/dlg/fl.md"),
                site.path("guidelines/dlg/follikulaert.md"),
            )
            .expect("rename");
            "rename a guideline"
        }
        4 => {
            edit_all(site, |text| {
                text.replacen("## Udredning\n", "## Stadieinddeling\n", 1)
                    .replace("#udredning)", "#stadieinddeling)")
            });
            "change a cross-linked anchor"
        }
        5 => {
            let path = site.path("retning.toml");
            let config = std::fs::read_to_string(&path).expect("read");
            std::fs::write(&path, config.replacen("(test)", "(test, ændret)", 1)).expect("write");
            "change the configuration"
        }
        _ => {
            let css = include_str!("../../themes/default/static/retning.css");
            write(
                "themes/default/static/retning.css",
                &format!("{css}\n.tilfoejet {{ color: red; }}\n"),
            );
            "change the theme"
        }
    }
}

#[test]
fn after_every_kind_of_edit_the_site_is_the_one_a_fresh_build_writes() {
    let site = site()
        .file("guidelines/dlg/fl.md", other("Follikulært lymfom"))
        .file("guidelines/dbcg/mamma.md", other("Brystkræft"))
        .build();
    build_without_history(site.root(), &[]);
    // The edits in a shuffled order (a fixed seed: a failure replays), each followed by a
    // build over the last one, then by one with nothing changed.
    let mut order: Vec<usize> = (0..7).collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..order.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    for edit in order {
        let what = apply(&site, edit);
        let said = build_without_history(site.root(), &[]).0;
        assert!(!said.contains("nothing changed"), "{what}: {said}");
        let built = files_under(&site.path("public"));
        assert_same_site(what, &built, &fresh_build(&site).0);

        let said = build_without_history(site.root(), &[]).0;
        assert!(
            said.contains("nothing changed"),
            "{what}, then nothing: {said}"
        );
        let again = format!("{what}, then nothing");
        assert_same_site(&again, &files_under(&site.path("public")), &built);
    }
}

#[test]
fn nothing_changed_touches_nothing_and_says_what_the_last_build_said() {
    let site = site()
        .replace("planned = 2027-06-01", "planned = 2026-06-01")
        .build();
    let first = build_without_history(site.root(), &[]).0;
    let before = files_under(&site.path("public"));
    let said = crate::support::retning()
        .current_dir(site.root())
        .args(["build", "--today", TODAY, "--no-history"])
        .output()
        .expect("run");
    assert!(
        stdout(&said).contains("(0 files written, "),
        "{}",
        stdout(&said)
    );
    assert!(stdout(&said).contains("nothing changed since the last build"));
    // The same pages, and the same warning (the revision is overdue), as the build that wrote them.
    let count = |text: &str| text.split(" pages").next().map(str::to_owned);
    assert_eq!(count(&stdout(&said)), count(&first));
    assert!(stderr(&said).contains("warning"), "{}", stderr(&said));
    assert_eq!(files_under(&site.path("public")), before);

    // Another date, or --no-cache, builds in full.
    let other_day = crate::support::retning()
        .current_dir(site.root())
        .args(["build", "--today", "2026-11-25", "--no-history"])
        .output()
        .expect("run");
    assert!(!stdout(&other_day).contains("nothing changed"));
    assert!(
        !build_without_history(site.root(), &["--no-cache"])
            .0
            .contains("nothing changed")
    );
}

#[test]
fn a_hand_edited_site_or_a_corrupt_cache_is_rebuilt() {
    let site = site().build();
    build_without_history(site.root(), &[]);
    let built = files_under(&site.path("public"));

    std::fs::write(site.path("public/index.html"), "edited by hand").expect("write");
    assert!(
        !build_without_history(site.root(), &[])
            .0
            .contains("nothing changed")
    );
    assert_eq!(files_under(&site.path("public")), built);

    std::fs::remove_dir_all(site.path(".retning/search-index")).expect("remove the index");
    assert!(
        !build_without_history(site.root(), &[])
            .0
            .contains("nothing changed")
    );
    assert!(site.path(".retning/search-index").is_dir());

    let record = site.path(".retning/build/last-build.json");
    let text = std::fs::read_to_string(&record).expect("read the record");
    std::fs::write(&record, text.replacen("\"pages\":", "\"pages\":1", 1)).expect("corrupt it");
    assert!(
        !build_without_history(site.root(), &[])
            .0
            .contains("nothing changed")
    );
    std::fs::write(&record, "not a record").expect("corrupt it");
    assert!(
        !build_without_history(site.root(), &[])
            .0
            .contains("nothing changed")
    );
    assert!(
        build_without_history(site.root(), &[])
            .0
            .contains("nothing changed")
    );
    assert_eq!(files_under(&site.path("public")), built);
}
