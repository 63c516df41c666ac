//! What changed between two versions of a guideline: recommendations added, withdrawn,
//! reworded (a word-level diff) or changed in strength, and the sections whose text changed.
//! Both versions are parsed guidelines; nothing here knows where they came from.

mod human;
mod words;

pub(crate) use human::render_text;

pub(crate) use words::{WordChange, diff_words};

use serde::{Deserialize, Serialize};

use crate::model::{Guideline, LeadBlock, Recommendation, SectionKind};

/// The changes from one version to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Changes {
    pub(crate) from: String,
    pub(crate) to: String,
    /// In order of id.
    pub(crate) recommendations: Vec<RecommendationChange>,
    /// In the template's order.
    pub(crate) sections: Vec<SectionChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ChangeKind {
    Added,
    Withdrawn,
    Changed,
}

/// One recommendation that is not the same in both versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RecommendationChange {
    pub(crate) id: u32,
    pub(crate) change: ChangeKind,
    /// The strength before and after (`None` where the recommendation did not exist).
    pub(crate) strength_before: Option<String>,
    pub(crate) strength_after: Option<String>,
    pub(crate) strength_changed: bool,
    /// The plain text before and after.
    pub(crate) text_before: Option<String>,
    pub(crate) text_after: Option<String>,
    pub(crate) reworded: bool,
    /// The word-level diff, when reworded.
    pub(crate) words: Vec<WordChange>,
}

/// A section (or a topic of *3. Grundlag*) whose text changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SectionChange {
    pub(crate) title: String,
    /// Its anchor on the newer version's page (`None` when it is gone).
    pub(crate) anchor: Option<String>,
    pub(crate) change: ChangeKind,
}

impl Changes {
    /// Compares `old` with `new`, both versions of one guideline.
    pub(crate) fn between(old: &Guideline, new: &Guideline) -> Self {
        Self {
            from: old.meta.version.get_ref().clone(),
            to: new.meta.version.get_ref().clone(),
            recommendations: recommendation_changes(old, new),
            sections: section_changes(old, new),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.recommendations.is_empty() && self.sections.is_empty()
    }

    /// The change of recommendation `id`, if it changed.
    pub(crate) fn recommendation(&self, id: u32) -> Option<&RecommendationChange> {
        self.recommendations.iter().find(|c| c.id == id)
    }
}

fn strength(r: &Recommendation) -> Option<String> {
    r.header.strength.as_ref().map(|s| s.format_text())
}

fn recommendation_changes(old: &Guideline, new: &Guideline) -> Vec<RecommendationChange> {
    let mut ids: Vec<u32> = old
        .body
        .recommendations
        .iter()
        .chain(&new.body.recommendations)
        .map(|r| r.header.id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| compare(id, old.recommendation(id), new.recommendation(id)))
        .collect()
}

fn compare(
    id: u32,
    before: Option<&Recommendation>,
    after: Option<&Recommendation>,
) -> Option<RecommendationChange> {
    let text_before = before.map(|r| r.content.plain_text());
    let text_after = after.map(|r| r.content.plain_text());
    let strength_before = before.and_then(strength);
    let strength_after = after.and_then(strength);
    let change = match (before, after) {
        (None, None) => return None,
        (None, Some(_)) => ChangeKind::Added,
        (Some(_), None) => ChangeKind::Withdrawn,
        (Some(_), Some(_)) => ChangeKind::Changed,
    };
    let both = change == ChangeKind::Changed;
    let reworded = both && text_before != text_after;
    let strength_changed = both && strength_before != strength_after;
    if both && !reworded && !strength_changed {
        return None;
    }
    let words = match (&text_before, &text_after) {
        (Some(old), Some(new)) if reworded => diff_words(old, new),
        _ => Vec::new(),
    };
    Some(RecommendationChange {
        id,
        change,
        strength_before,
        strength_after,
        strength_changed,
        text_before,
        text_after,
        reworded,
        words,
    })
}

/// A section's text as one string (its topics included, recommendations left out: they
/// have their own changes), keyed by the title shown.
fn section_texts(guideline: &Guideline) -> Vec<(String, String, String)> {
    let mut texts = Vec::new();
    for section in &guideline.body.sections {
        let Some(kind) = section.kind else { continue };
        // Generated from the recommendations: never a change of its own.
        if kind == SectionKind::QuickGuide {
            continue;
        }
        texts.push((
            kind.title().to_owned(),
            kind.anchor().to_owned(),
            section.content.plain_text(),
        ));
        for topic in &section.topics {
            let mut text = String::new();
            for block in &topic.lead {
                if let LeadBlock::Markdown(fragment) = block {
                    text.push_str(&fragment.plain_text());
                    text.push('\n');
                }
            }
            for sub in &topic.subsections {
                text.push_str(&sub.title);
                text.push('\n');
                text.push_str(&sub.content.plain_text());
                text.push('\n');
            }
            texts.push((
                format!("{} › {}", kind.title(), topic.title),
                topic.anchor.clone(),
                text,
            ));
        }
    }
    texts
}

fn section_changes(old: &Guideline, new: &Guideline) -> Vec<SectionChange> {
    let before = section_texts(old);
    let after = section_texts(new);
    let mut changes = Vec::new();
    for (title, anchor, text) in &after {
        match before.iter().find(|(t, _, _)| t == title) {
            Some((_, _, old_text)) if old_text == text => {}
            found => changes.push(SectionChange {
                title: title.clone(),
                anchor: Some(anchor.clone()),
                change: if found.is_some() {
                    ChangeKind::Changed
                } else {
                    ChangeKind::Added
                },
            }),
        }
    }
    for (title, _, _) in &before {
        if !after.iter().any(|(t, _, _)| t == title) {
            changes.push(SectionChange {
                title: title.clone(),
                anchor: None,
                change: ChangeKind::Withdrawn,
            });
        }
    }
    changes
}
