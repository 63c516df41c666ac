//! What changed from one approved version to the next, as HTML: "Hvad er ændret" on a
//! current page (since the previous version) and the page of each version pair (at
//! `/<group>/<slug>/version/<X.Y>/aendringer/`): recommendations added, withdrawn, reworded
//! or changed in strength, and the sections whose text changed. Insertions and deletions are
//! `<ins>`/`<del>` with a word for each (hidden but read aloud), so they never rest on
//! colour or strike-through alone.

use std::fmt::Write as _;

use serde::Serialize;

use crate::changes::{ChangeKind, Changes, RecommendationChange, WordChange};
use crate::model::Guideline;

use super::archive::{self, VersionPair};
use super::markdown::escape;
use super::theme::Theme;

#[derive(Serialize)]
pub(super) struct ChangesView {
    /// The version compared with.
    pub(crate) since: String,
    pub(crate) since_url: String,
    /// The list items (`<li>`), one per changed recommendation; empty when none changed.
    pub(crate) items_html: String,
    pub(crate) sections: Vec<SectionView>,
    /// The page of these changes on their own.
    pub(crate) page_url: String,
}

/// A section whose text changed, linked where it is on the newer version's page.
#[derive(Serialize)]
pub(super) struct SectionView {
    pub(crate) title: String,
    pub(crate) url: Option<String>,
    pub(crate) change: String,
}

/// What changed in the current page's recommendations since the previous approved version
/// (`changes`); `since_url` is that version's page, `page_url` the page of these changes.
pub(super) fn build(
    theme: &Theme,
    changes: &Changes,
    since_url: String,
    page_url: String,
) -> ChangesView {
    ChangesView {
        since: changes.from.clone(),
        since_url,
        items_html: items(theme, changes, "", None),
        sections: sections(theme, changes, Some("")),
        page_url,
    }
}

/// A page of what changed from one version to the next.
#[derive(Serialize)]
pub(super) struct ChangesPage {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) old_url: String,
    /// The newer version's page (`None` when it has none).
    pub(crate) new_url: Option<String>,
    pub(crate) current_url: String,
    /// When the older version came into force and was replaced.
    pub(crate) old_from: String,
    pub(crate) old_until: Option<String>,
    pub(crate) items_html: String,
    pub(crate) sections: Vec<SectionView>,
}

/// The page of `pair`'s `changes`, for `current`'s earlier version `pair.old`.
pub(crate) fn page(
    theme: &Theme,
    root: &str,
    current: &Guideline,
    pair: &VersionPair,
    changes: &Changes,
) -> ChangesPage {
    let old_url = format!(
        "{root}{}",
        archive::version_path(current, &pair.old.record.version)
    );
    let new_url = pair.newer_path.as_ref().map(|path| format!("{root}{path}"));
    ChangesPage {
        from: changes.from.clone(),
        to: changes.to.clone(),
        items_html: items(
            theme,
            changes,
            new_url.as_deref().unwrap_or_default(),
            Some(&old_url),
        ),
        sections: sections(theme, changes, new_url.as_deref()),
        old_url,
        new_url,
        current_url: format!("{root}{}", current.path()),
        old_from: theme.long_date(pair.old.from),
        old_until: pair.old.until.map(|d| theme.long_date(d)),
    }
}

/// The list items of the changed recommendations. A recommendation links to its anchor on
/// `new_page` (`""`: this page), a withdrawn one to `old_page`'s when there is one.
fn items(theme: &Theme, changes: &Changes, new_page: &str, old_page: Option<&str>) -> String {
    let mut out = String::new();
    for change in &changes.recommendations {
        item(theme, change, new_page, old_page, &mut out);
    }
    out
}

/// The changed sections, each linked on `new_page` (`""`: this page) when it is there.
fn sections(theme: &Theme, changes: &Changes, new_page: Option<&str>) -> Vec<SectionView> {
    changes
        .sections
        .iter()
        .map(|section| SectionView {
            title: section.title.clone(),
            url: new_page
                .zip(section.anchor.as_deref())
                .map(|(page, anchor)| format!("{page}#{anchor}")),
            change: theme
                .text(match section.change {
                    ChangeKind::Added => "diff_section_added",
                    ChangeKind::Withdrawn => "diff_section_removed",
                    ChangeKind::Changed => "diff_section_changed",
                })
                .to_owned(),
        })
        .collect()
}

/// One recommendation's change as a list item. Writing to a String cannot fail.
fn item(
    theme: &Theme,
    change: &RecommendationChange,
    new_page: &str,
    old_page: Option<&str>,
    out: &mut String,
) {
    let name = format!("{} {}", theme.text("recommendation"), change.id);
    let _ = write!(out, "<li class=\"change change-{}\">", kind(change.change));
    // A withdrawn recommendation has no anchor on the newer page: the older one has it.
    let page = match change.change {
        ChangeKind::Withdrawn => old_page,
        _ => Some(new_page),
    };
    match page {
        Some(page) => {
            let _ = write!(
                out,
                "<a href=\"{}#anbefaling-{}\">{}</a>",
                escape(page),
                change.id,
                escape(&name)
            );
        }
        None => out.push_str(&escape(&name)),
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
