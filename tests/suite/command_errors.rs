//! The `error: …` line a command stops with (exit 2) is in the reader's language; the cause
//! from the operating system or a crate stays in its own words after it.

use crate::support::{Site, site, stderr};

fn run(site: &Site, lang: &str, args: &[&str]) -> std::process::Output {
    site.retning()
        .args(["--lang", lang])
        .args(args)
        .output()
        .expect("run retning")
}

#[test]
fn an_empty_title_is_refused_in_danish_and_in_english() {
    let site = site().build();
    let args = ["new", "dlg", "ny", "--title", "  "];
    let danish = run(&site, "da", &args);
    assert_eq!(danish.status.code(), Some(2), "{}", stderr(&danish));
    assert_eq!(stderr(&danish), "fejl: titlen er tom\n");
    let english = run(&site, "en", &args);
    assert_eq!(english.status.code(), Some(2), "{}", stderr(&english));
    assert_eq!(stderr(&english), "error: the title is empty\n");
    assert!(!site.path("guidelines/dlg/ny.md").exists());
}

#[test]
fn a_refused_output_folder_is_named_in_danish_and_in_english() {
    let site = site().build();
    let args = ["build", "--out", "guidelines", "--no-cache"];
    let danish = run(&site, "da", &args);
    assert_eq!(danish.status.code(), Some(2), "{}", stderr(&danish));
    assert_eq!(
        stderr(&danish),
        "fejl: nægter at bygge i guidelines: guidelines er webstedets `guidelines`: et byggeri \
         dér ville slette webstedets kilder\n"
    );
    let english = run(&site, "en", &args);
    assert_eq!(english.status.code(), Some(2), "{}", stderr(&english));
    assert_eq!(
        stderr(&english),
        "error: refusing to build into guidelines: guidelines is `guidelines` of the site: \
         building there would delete the site's sources\n"
    );
}

#[test]
fn an_unknown_group_lists_the_known_ones_in_the_readers_language() {
    let site = site().build();
    let args = ["new", "xyz", "ny", "--title", "Ny"];
    let danish = run(&site, "da", &args);
    assert_eq!(danish.status.code(), Some(2), "{}", stderr(&danish));
    assert!(
        stderr(&danish)
            .starts_with("fejl: `xyz` er ikke en gruppe i retning.toml; kendte grupper: "),
        "{}",
        stderr(&danish)
    );
    let english = run(&site, "en", &args);
    assert!(
        stderr(&english).starts_with("error: `xyz` is not a group in retning.toml; known groups: "),
        "{}",
        stderr(&english)
    );
}

#[test]
fn a_missing_search_index_is_reported_in_danish_and_in_english() {
    let site = site().build();
    let danish = run(&site, "da", &["search", "lymfom"]);
    assert_eq!(danish.status.code(), Some(2), "{}", stderr(&danish));
    assert!(
        stderr(&danish).starts_with("fejl: intet søgeindeks i "),
        "{}",
        stderr(&danish)
    );
    let english = run(&site, "en", &["search", "lymfom"]);
    assert!(
        stderr(&english).starts_with("error: no search index at "),
        "{}",
        stderr(&english)
    );
}
