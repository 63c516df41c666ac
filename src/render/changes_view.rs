//! "Hvad er ændret" on a current page: its recommendations added, withdrawn, reworded or
//! changed in strength since the previous approved version. Insertions and deletions are
//! `<ins>`/`<del>` with a word for each (hidden but read aloud), so they never rest on
//! colour or strike-through alone.

use std::fmt::Write as _;

use serde::Serialize;

use crate::changes::{ChangeKind, Changes, RecommendationChange, WordChange};
use crate::history::PastVersion;
use crate::model::Guideline;

use super::markdown::escape;
use super::theme::Theme;

#[derive(Serialize)]
pub struct ChangesView {
    /// The version compared with.
    pub since: String,
    pub since_url: String,
    /// The list items (`<li>`), one per changed recommendation; empty when none changed.
    pub items_html: String,
}

/// What changed in `current`'s recommendations since `previous`; `since_url` is the
/// previous version's page.
pub fn build(
    theme: &Theme,
    current: &Guideline,
    previous: &PastVersion,
    since_url: String,
) -> ChangesView {
    let changes = Changes::between(&previous.guideline, current);
    let mut items = String::new();
    for change in &changes.recommendations {
        item(theme, change, &mut items);
    }
    ChangesView {
        since: previous.record.version.clone(),
        since_url,
        items_html: items,
    }
}

/// One recommendation's change as a list item. Writing to a String cannot fail.
fn item(theme: &Theme, change: &RecommendationChange, out: &mut String) {
    let name = format!("{} {}", theme.text("recommendation"), change.id);
    let _ = write!(out, "<li class=\"change change-{}\">", kind(change.change));
    // A withdrawn recommendation has no anchor on the current page.
    if change.change == ChangeKind::Withdrawn {
        let _ = write!(out, "{}", escape(&name));
    } else {
        let _ = write!(
            out,
            "<a href=\"#anbefaling-{}\">{}</a>",
            change.id,
            escape(&name)
        );
    }
    let label = match change.change {
        ChangeKind::Added => theme.text("change_added"),
        ChangeKind::Withdrawn => theme.text("change_withdrawn"),
        ChangeKind::Changed if change.reworded => theme.text("change_reworded"),
        ChangeKind::Changed => theme.text("change_strength_only"),
    };
    let _ = write!(out, " – <strong>{}</strong>", escape(label));
    if change.strength_changed
        && let (Some(before), Some(after)) = (&change.strength_before, &change.strength_after)
    {
        // "Ændret styrke: fra A til B", or "Omformuleret. Styrke ændret fra A til B".
        let (joint, from) = if change.reworded {
            (". ", theme.text("change_strength_from"))
        } else {
            (": ", theme.text("change_from"))
        };
        let _ = write!(
            out,
            "{joint}{} {} {} {}",
            escape(from),
            escape(before),
            escape(theme.text("change_strength_to")),
            escape(after)
        );
    }
    out.push_str("<div class=\"change-text\">");
    match change.change {
        ChangeKind::Added => marked(theme, "ins", change.text_after.as_deref(), out),
        ChangeKind::Withdrawn => marked(theme, "del", change.text_before.as_deref(), out),
        ChangeKind::Changed if change.reworded => {
            for run in &change.words {
                match run {
                    WordChange::Same(text) => out.push_str(&escape(text)),
                    WordChange::Inserted(text) => marked(theme, "ins", Some(text), out),
                    WordChange::Deleted(text) => marked(theme, "del", Some(text), out),
                }
            }
        }
        ChangeKind::Changed => {
            out.push_str(&escape(change.text_after.as_deref().unwrap_or_default()));
        }
    }
    out.push_str("</div></li>");
}

/// `text` in `<ins>` or `<del>`, with the word for it for screen readers.
fn marked(theme: &Theme, tag: &str, text: Option<&str>, out: &mut String) {
    let word = if tag == "ins" {
        theme.text("change_inserted")
    } else {
        theme.text("change_deleted")
    };
    let _ = write!(
        out,
        "<{tag}><span class=\"visually-hidden\">[{}: </span>{}<span class=\"visually-hidden\">]</span></{tag}>",
        escape(word),
        escape(text.unwrap_or_default())
    );
}

fn kind(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Added => "added",
        ChangeKind::Withdrawn => "withdrawn",
        ChangeKind::Changed => "changed",
    }
}
