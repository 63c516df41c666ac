//! The `error: …` line a command stops with (exit 2) is in the reader's language; the cause
//! from the operating system or a crate stays in its own words after it.

use crate::support::{CONFIG, Site, site, stderr, stdout};

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

/// A usage error of `args` run in `dir` with no `RETNING_LANG`, so the language comes from
/// `--lang` or a site's `retning.toml`; clap's exit code, 2.
fn refused(dir: &std::path::Path, args: &[&str]) -> String {
    let output = crate::support::retning()
        .current_dir(dir)
        .env_remove("RETNING_LANG")
        .args(args)
        .output()
        .expect("run retning");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    stderr(&output)
}

/// clap's usage errors: the site's language without `--lang`, English with it; exit 2.
#[test]
fn a_usage_error_follows_the_sites_language_and_lang() {
    let site = site().build();
    let danish = refused(site.root(), &["check", "--formt", "json"]);
    assert_eq!(
        danish,
        "fejl: ukendt argument '--formt'\n\n  tip: et lignende argument findes: '--format'\n\n\
         Brug: retning check --format <FORMAT> [PATHS]...\n\n\
         Skriv '--help' for at få mere at vide.\n"
    );
    let english = refused(
        site.root(),
        &["check", "--today", "2026-02-30", "--lang", "en"],
    );
    assert!(
        english.starts_with(
            "error: invalid value '2026-02-30' for '--today <TODAY>': not a date like 2026-11-24: "
        ),
        "{english}"
    );
}

/// A refused `--base-url` says why in the same language as the rest of the usage error.
#[test]
fn a_refused_base_url_says_why_in_danish_and_in_english() {
    let site = site().build();
    let danish = refused(site.root(), &["build", "--base-url", "example.org"]);
    assert!(
        danish.starts_with(
            "fejl: ugyldig værdi 'example.org' for '--base-url <BASE_URL>': \
             base_url `example.org` er ikke en fuld http://- eller https://-adresse\n"
        ),
        "{danish}"
    );
    let english = refused(
        site.root(),
        &["build", "--base-url", "https://", "--lang", "en"],
    );
    assert!(
        english.starts_with(
            "error: invalid value 'https://' for '--base-url <BASE_URL>': \
             base_url `https://` has no host name\n"
        ),
        "{english}"
    );
}

#[test]
fn a_usage_error_elsewhere_reads_the_language_of_the_root_it_names() {
    let english_config = CONFIG.replace("language = \"da\"", "language = \"en\"");
    let site = site().config(Some(&english_config)).build();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let root = site.root().to_str().expect("a UTF-8 path");
    let english = refused(elsewhere.path(), &["--root", root, "chek"]);
    assert!(
        english.starts_with(
            "error: unrecognized subcommand 'chek'\n\n  tip: a similar subcommand exists: 'check'\n"
        ),
        "{english}"
    );
}

#[test]
fn help_and_version_are_still_claps_and_exit_0() {
    let site = site().build();
    for flag in ["--help", "--version"] {
        let output = run(&site, "da", &[flag]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("retning"), "{}", stdout(&output));
        assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    }
}

/// A page the theme cannot render stops the build: what failed in the reader's language (the
/// site's, or `--lang`), tera's reason after it in its own words.
#[test]
fn a_page_the_theme_cannot_render_is_named_in_danish_and_in_english() {
    let site = site()
        .file("themes/default/templates/404.html", "{{ no_such_value }}")
        .build();
    let build = ["build", "--no-cache", "--no-history"];
    let danish = site
        .retning()
        .env_remove("RETNING_LANG")
        .args(build)
        .output()
        .expect("run retning");
    assert_eq!(danish.status.code(), Some(2), "{}", stderr(&danish));
    let reason = "Failed to render '404.html': Variable `no_such_value` not found in context \
                  while rendering '404.html'\n";
    assert!(
        stderr(&danish).ends_with(&format!("fejl: 404.html kan ikke dannes: {reason}")),
        "{}",
        stderr(&danish)
    );
    let english = run(&site, "en", &build);
    assert_eq!(english.status.code(), Some(2), "{}", stderr(&english));
    assert!(
        stderr(&english).ends_with(&format!("error: cannot render 404.html: {reason}")),
        "{}",
        stderr(&english)
    );
    assert!(
        !site.path("public").exists(),
        "a site without its 404 page was published"
    );
}
