//! The changes as plain text for the terminal. Insertions and deletions are marked the way
//! `wdiff` marks them (`{+…+}`, `[-…-]`), so they read without colour.

use std::fmt::Write as _;

use super::{ChangeKind, Changes, RecommendationChange, WordChange};

pub(crate) fn render_text(changes: &Changes) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Changes from version {} to {}",
        changes.from, changes.to
    );
    if changes.is_empty() {
        out.push_str("\nNo recommendation or section changed.\n");
        return out;
    }
    for change in &changes.recommendations {
        out.push('\n');
        recommendation(&mut out, change);
    }
    if !changes.sections.is_empty() {
        out.push_str("\nSections:\n");
        for section in &changes.sections {
            let what = match section.change {
                ChangeKind::Added => "added",
                ChangeKind::Withdrawn => "removed",
                ChangeKind::Changed => "changed",
            };
            let _ = writeln!(out, "  {what}: {}", section.title);
        }
    }
    out
}

fn recommendation(out: &mut String, change: &RecommendationChange) {
    let id = change.id;
    let strength = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".to_owned());
    match change.change {
        ChangeKind::Added => {
            let _ = writeln!(
                out,
                "Recommendation {id}: added ({})",
                strength(&change.strength_after)
            );
            let _ = writeln!(
                out,
                "  {{+{}+}}",
                change.text_after.as_deref().unwrap_or("")
            );
        }
        ChangeKind::Withdrawn => {
            let _ = writeln!(
                out,
                "Recommendation {id}: withdrawn (was {})",
                strength(&change.strength_before)
            );
            let _ = writeln!(out, "  [-{}-]", change.text_before.as_deref().unwrap_or(""));
        }
        ChangeKind::Changed => {
            let mut what = Vec::new();
            if change.reworded {
                what.push("reworded".to_owned());
            }
            if change.strength_changed {
                what.push(format!(
                    "strength {} → {}",
                    strength(&change.strength_before),
                    strength(&change.strength_after)
                ));
            }
            let _ = writeln!(out, "Recommendation {id}: {}", what.join(", "));
            if change.reworded {
                out.push_str("  ");
                for word in &change.words {
                    match word {
                        WordChange::Same(t) => out.push_str(t),
                        WordChange::Inserted(t) => {
                            let _ = write!(out, "{{+{t}+}}");
                        }
                        WordChange::Deleted(t) => {
                            let _ = write!(out, "[-{t}-]");
                        }
                    }
                }
                out.push('\n');
            }
        }
    }
}
