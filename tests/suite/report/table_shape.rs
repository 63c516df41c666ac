//! The table report: aligned columns, with and without colour.

use crate::support::{Site, TODAY, empty_site, site, stderr, stdout};

use super::{APPROVAL_TABLE, PLANNED_LINE, guideline, planned, published, run, without_aid};

/// A site whose columns have cells of different widths in every part.
pub(super) fn uneven_site() -> Site {
    site()
        .replace(APPROVAL_TABLE, &published("2024-03-13"))
        .file(
            "guidelines/dbcg/mammografi-screening.md",
            guideline(
                "Mammografiscreening",
                &[
                    ("version = \"2.1\"", "version = \"10.0.1\""),
                    (PLANNED_LINE, &planned("2026-11-23")),
                ],
            ),
        )
        .file(
            "guidelines/dlg/hl.md",
            without_aid(&guideline(
                "Hodgkin lymfom",
                &[
                    ("version = \"2.1\"", "version = \"1\""),
                    (PLANNED_LINE, &planned("2026-12-01")),
                ],
            )),
        )
        .build()
}

/// The lines of the table under `title`, header first, up to the next blank line.
#[track_caller]
fn table_lines<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let start = text
        .lines()
        .position(|line| line.starts_with(title))
        .unwrap_or_else(|| panic!("no {title:?} in:\n{text}"));
    text.lines()
        .skip(start + 1)
        .take_while(|line| !line.is_empty())
        .collect()
}

/// Where the header's columns start: its first character and every word after two spaces.
fn column_starts(header: &str) -> Vec<usize> {
    let bytes = header.as_bytes();
    (0..bytes.len())
        .filter(|&i| i == 0 || (i >= 2 && bytes[i] != b' ' && &bytes[i - 2..i] == b"  "))
        .collect()
}

/// Every row has a cell starting exactly where each header column starts.
#[track_caller]
fn assert_aligned(lines: &[&str], columns: usize) {
    let header = lines[0];
    let starts = column_starts(header);
    assert_eq!(starts.len(), columns, "columns of {header:?}");
    for row in &lines[1..] {
        let chars: Vec<char> = row.chars().collect();
        for &start in &starts {
            assert!(
                chars.get(start).is_some_and(|c| *c != ' ')
                    && (start == 0 || chars[start - 1] == ' '),
                "a cell of {row:?} does not start at column {start}:\n{}",
                lines.join("\n")
            );
        }
    }
}

#[test]
fn table_columns_are_aligned_without_colour_on_a_pipe() {
    let site = uneven_site();
    let text = stdout(&run(&site, &["--today", TODAY]));
    assert!(!text.contains('\u{1b}'), "escape codes on a pipe:\n{text}");

    let revision = table_lines(&text, "Revision (today 2026-11-24)");
    assert_eq!(revision.len(), 4, "{text}");
    assert_aligned(&revision, 6);
    let status_at = revision[0].find("status").expect("a status header");
    let statuses: Vec<&str> = revision[1..]
        .iter()
        .map(|row| {
            assert_eq!(&row[status_at - 2..status_at], "  ", "{row:?}");
            &row[status_at..]
        })
        .collect();
    // Sorted by group, then slug.
    assert_eq!(statuses, ["overdue", "current", "due"], "{text}");
    assert!(revision[1].contains("-1"), "{}", revision[1]);

    let publication = table_lines(&text, "Publication");
    assert_eq!(publication.len(), 4, "{text}");
    assert_aligned(&publication, 7);

    let aids = table_lines(&text, "Decision aids");
    assert_aligned(&aids[..3], 5);
    assert_eq!(
        aids[3],
        "Groups with a guideline linking a decision aid: 2 of 2 (100%; goal 50%: met)"
    );
}

#[test]
fn table_says_none_for_an_empty_part() {
    let site = empty_site().build();
    let text = stdout(&run(&site, &["--today", TODAY]));
    assert_eq!(table_lines(&text, "Revision")[1], "(none)", "{text}");
    assert_eq!(table_lines(&text, "Publication")[1], "(none)", "{text}");
}

/// On a terminal the status is coloured and the columns still line up (escape codes take
/// no width). Runs `retning` under util-linux `script` for a pseudo-terminal; skipped where
/// `script` is missing.
#[test]
fn table_on_a_terminal_is_coloured_and_still_aligned() {
    let site = uneven_site();
    let command = format!(
        "'{}' report --lang en --today {TODAY}",
        env!("CARGO_BIN_EXE_retning")
    );
    let Ok(output) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(site.root())
        .stdin(std::process::Stdio::null())
        .output()
    else {
        eprintln!("skipped: no `script` to give retning a terminal");
        return;
    };
    if !output.status.success() {
        eprintln!(
            "skipped: `script` could not run retning on a terminal: {}",
            stderr(&output)
        );
        return;
    }
    let text = stdout(&output).replace("\r\n", "\n");
    assert!(
        text.contains("\u{1b}[31moverdue\u{1b}[0m")
            && text.contains("\u{1b}[33mdue\u{1b}[0m")
            && text.contains("\u{1b}[32mcurrent\u{1b}[0m"),
        "no coloured status on a terminal:\n{text:?}"
    );
    let plain = strip_escapes(&text);
    let piped = stdout(&run(&site, &["--today", TODAY]));
    assert_eq!(
        plain, piped,
        "the terminal table differs beyond its colours"
    );
}

fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
