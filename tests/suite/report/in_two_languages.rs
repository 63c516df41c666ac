//! The human tables follow the language (`--lang`, else `retning.toml`'s `language`); JSON
//! and CSV are machine formats and stay byte for byte the same in both.

use crate::support::{CONFIG, TODAY, site, stdout};

use super::since::since_site;
use super::table_shape::uneven_site;
use super::{ASSESSED_LINE, run};

#[test]
fn the_table_is_danish_on_a_danish_site_and_english_with_lang_en() {
    let site = uneven_site();
    // The test harness sets RETNING_LANG=en; without it the site's `language = "da"` decides.
    let output = site
        .retning()
        .env_remove("RETNING_LANG")
        .args(["report", "--today", TODAY])
        .output()
        .expect("run retning report");
    let danish = stdout(&output);
    assert_eq!(
        danish,
        stdout(&run(&site, &["--lang", "da", "--today", TODAY]))
    );
    insta::assert_snapshot!("table_da", danish);
    insta::assert_snapshot!(
        "table_en",
        stdout(&run(&site, &["--lang", "en", "--today", TODAY]))
    );
}

#[test]
fn an_empty_part_says_none_in_danish() {
    let site = crate::support::empty_site().build();
    let text = stdout(&run(&site, &["--lang", "da", "--today", TODAY]));
    assert!(
        text.starts_with("Revision (i dag 2026-11-24)\ngruppe  "),
        "{text}"
    );
    assert_eq!(text.matches("\n(ingen)\n").count(), 2, "{text}");
}

/// The goal missed (a third group without guidelines) and a stale aid, in both languages.
#[test]
fn the_lines_under_the_decision_aid_table_speak_the_language() {
    let config = format!("{CONFIG}dccg = \"Danish Colorectal Cancer Group (DCCG)\"\n");
    let site = site()
        .config(Some(&config))
        .replace(ASSESSED_LINE, "ipdas_assessed = 2024-01-15")
        .build();
    let last_two = |lang| {
        let text = stdout(&run(&site, &["--lang", lang, "--today", TODAY]));
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines[lines.len() - 2..].join("\n")
    };
    assert_eq!(
        last_two("da"),
        "Grupper med en retningslinje, der linker til et beslutningsstøtteværktøj: 1 af 3 \
         (33 %; mål 50 %: ikke nået)\n\
         Ældre end retningslinjens faglige godkendelse (2024-02-01): \
         Beslutningshjælper: behandling af DLBCL hos ældre i dlg/dlbcl"
    );
    assert_eq!(
        last_two("en"),
        "Groups with a guideline linking a decision aid: 1 of 3 (33%; goal 50%: not met)\n\
         Older than the guideline's professional approval (2024-02-01): \
         Beslutningshjælper: behandling af DLBCL hos ældre in dlg/dlbcl"
    );
}

#[test]
fn since_speaks_the_language() {
    let site = since_site();
    let since = |lang| stdout(&run(&site, &["--lang", lang, "--since", "2024-03-12"]));
    insta::assert_snapshot!("since_da", since("da"));
    insta::assert_snapshot!("since_en", since("en"));
    let none = stdout(&run(&site, &["--lang", "da", "--since", "2030-01-01"]));
    assert_eq!(none, "Ingen retningslinje er godkendt siden 2030-01-01.\n");
}

#[test]
fn json_and_csv_are_the_same_in_both_languages() {
    let site = since_site();
    for extra in [
        &[][..],
        &["--since", "2024-03-12"],
        &["--monitoring"],
        &["--coverage"],
    ] {
        for format in ["json", "csv"] {
            let text = |lang| {
                let mut args = vec!["--lang", lang, "--today", TODAY, "--format", format];
                args.extend_from_slice(extra);
                stdout(&run(&site, &args))
            };
            assert_eq!(text("da"), text("en"), "{format} {extra:?}");
        }
    }
}
