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
    let shown = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".to_owned());
    // A whole recommendation added or withdrawn: its head line, then all its text marked.
    let whole = |id: &'static str, strength: &Option<String>, text: &Option<String>, marks| {
        let (open, close) = marks;
        let head = Message::new(id)
            .arg("id", change.id)
            .arg("strength", shown(strength));
        let text = text.as_deref().unwrap_or("");
        format!("{}\n  {open}{text}{close}\n", head.in_language(language))
    };
    match change.change {
        ChangeKind::Added => out.push_str(&whole(
            "changes-added",
            &change.strength_after,
            &change.text_after,
            ("{+", "+}"),
        )),
        ChangeKind::Withdrawn => out.push_str(&whole(
            "changes-withdrawn",
            &change.strength_before,
            &change.text_before,
            ("[-", "-]"),
        )),
        ChangeKind::Changed => {
            let mut what = Vec::new();
            if change.reworded {
                what.push(message!("changes-reworded").in_language(language));
            }
            if change.strength_changed {
                let strengths = message!(
                    "changes-strength",
                    before = shown(&change.strength_before),
                    after = shown(&change.strength_after)
                );
                what.push(strengths.in_language(language));
            }
            let head = message!("changes-changed", id = change.id, what = what.join(", "));
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
