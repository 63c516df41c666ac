//! The changes as plain text for the terminal, in the reader's language. Insertions and
//! deletions are marked the way `wdiff` marks them (`{+…+}`, `[-…-]`), so they read without
//! colour.

use std::fmt::Write as _;

use super::{ChangeKind, Changes, RecommendationChange, WordChange};
use crate::diagnostics::{Language, Message, message};

pub(crate) fn render_text(changes: &Changes, language: Language) -> String {
    let say = |message: Message| message.in_language(language);
    let mut out = say(message!(
        "changes-title",
        from = &changes.from,
        to = &changes.to
    ));
    out.push('\n');
    if changes.is_empty() {
        let _ = writeln!(out, "\n{}", say(message!("changes-none")));
        return out;
    }
    for change in &changes.recommendations {
        out.push('\n');
        recommendation(&mut out, change, language);
    }
    if !changes.sections.is_empty() {
        let _ = writeln!(out, "\n{}", say(message!("changes-sections")));
        for section in &changes.sections {
            let change = match section.change {
                ChangeKind::Added => "added",
                ChangeKind::Withdrawn => "removed",
                ChangeKind::Changed => "changed",
            };
            let line = message!("changes-section", change = change, title = &section.title);
            let _ = writeln!(out, "  {}", say(line));
        }
    }
    out
}

fn recommendation(out: &mut String, change: &RecommendationChange, language: Language) {
    let id = change.id;
    let strength = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".to_owned());
    match change.change {
        ChangeKind::Added => {
            let head = message!(
                "changes-added",
                id = id,
                strength = strength(&change.strength_after)
            );
            let _ = writeln!(out, "{}", head.in_language(language));
            let _ = writeln!(
                out,
                "  {{+{}+}}",
                change.text_after.as_deref().unwrap_or("")
            );
        }
        ChangeKind::Withdrawn => {
            let head = message!(
                "changes-withdrawn",
                id = id,
                strength = strength(&change.strength_before)
            );
            let _ = writeln!(out, "{}", head.in_language(language));
            let _ = writeln!(out, "  [-{}-]", change.text_before.as_deref().unwrap_or(""));
        }
        ChangeKind::Changed => {
            let mut what = Vec::new();
            if change.reworded {
                what.push(message!("changes-reworded").in_language(language));
            }
            if change.strength_changed {
                let strengths = message!(
                    "changes-strength",
                    before = strength(&change.strength_before),
                    after = strength(&change.strength_after)
                );
                what.push(strengths.in_language(language));
            }
            let head = message!("changes-changed", id = id, what = what.join(", "));
            let _ = writeln!(out, "{}", head.in_language(language));
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
