//! Text no author means to write, but a tool must survive: very long lines, thousands of
//! findings on one line, control characters. Every command stays bounded, never panics, and
//! never sends an escape sequence from a guideline to the terminal.

use std::time::{Duration, Instant};

use crate::support::{MAIN, site, stderr, stdout};

/// Where a test puts its line: the paragraph of *Patientværdier og – præferencer*.
const PARAGRAPH: &str = "Patienterne foretrækker få undersøgelser.";

#[test]
fn a_finding_past_column_65535_is_shown_without_a_panic() {
    let long = format!("{} [^ukendt]", "x".repeat(70_000));
    let site = site().replace(PARAGRAPH, &long).build();
    let line = site_line(&site, "[^ukendt]");
    for command in [&["check"][..], &["build"], &["report"]] {
        let output = site
            .retning()
            .args(command)
            .args(["--today", crate::support::TODAY])
            .output()
            .expect("run retning");
        assert!(
            !stderr(&output).contains("panicked") && output.status.code() != Some(101),
            "{command:?}: {}",
            stderr(&output)
        );
        if command == ["check"] {
            assert_eq!(output.status.code(), Some(1));
            let text = stdout(&output);
            assert!(text.contains(&format!("{MAIN}:{line}:70002]")), "{text}");
            assert!(text.len() < 4_000, "{} bytes", text.len());
        }
    }
}

/// The 1-based line of the main guideline holding `needle`.
fn site_line(site: &crate::support::Site, needle: &str) -> usize {
    let text = std::fs::read_to_string(site.path(MAIN)).expect("read the guideline");
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the needle")
        + 1
}

#[test]
fn eight_thousand_findings_on_one_long_line_print_a_bounded_report_quickly() {
    let citations: String = (0..8_000).map(|i| format!("[^u{i}] ")).collect();
    assert!(citations.len() > 40_000);
    let site = site().replace(PARAGRAPH, &citations).build();
    let started = Instant::now();
    let output = site.check(&[]);
    let took = started.elapsed();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        text.len() < 20_000,
        "{} bytes of output:\n{}",
        text.len(),
        &text[..text.len().min(3_000)]
    );
    assert!(
        text.contains("and 7999 more `citation.undefined` on this line"),
        "{text}"
    );
    assert!(text.contains("8000 errors"), "{text}");
    assert!(took < Duration::from_secs(20), "took {took:?}");
    // JSON keeps every finding: scripts count them.
    assert_eq!(site.check_json(&[]).errors, 8_000);
}

#[test]
fn control_characters_in_the_text_reach_the_terminal_escaped() {
    let site = site()
        .replace(
            PARAGRAPH,
            "Patienterne \u{1b}]0;hijacked\u{7}foretrækker \u{1b}[2J få [^ukendt].",
        )
        .build();
    let output = site.check(&[]);
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}]0;hijacked\\u{7}"), "{text}");
}

#[test]
fn search_results_reach_the_terminal_with_control_characters_escaped() {
    let site = site()
        .replace(
            PARAGRAPH,
            "Patienterne \u{1b}]0;hijacked\u{7}foretrækker få undersøgelser.",
        )
        .build();
    let build = site
        .retning()
        .args(["build", "--today", crate::support::TODAY])
        .output()
        .expect("run retning build");
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let output = site
        .retning()
        .args(["search", "patienterne"])
        .output()
        .expect("run retning search");
    let text = stdout(&output);
    assert!(text.contains("\\u{1b}]0;hijacked\\u{7}"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}
