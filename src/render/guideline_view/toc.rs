//! The page's "on this page" navigation.

use crate::model::{Guideline, SectionKind};

use super::super::markdown::escape_into;

/// The "on this page" items after the Quick guide and the facts: every section, each with its
/// topics (in *Grundlag*) and headings nested below it, as list items of the template's `<ol>`.
/// A topic holds its own headings, then its evidence sub-sections with theirs: a link to one
/// opens its `<details>` (retning.js).
pub(super) fn toc_html(guideline: &Guideline) -> String {
    let mut out = String::new();
    for (index, section) in guideline.body.sections.iter().enumerate() {
        let Some(kind) = section.kind.filter(|k| *k != SectionKind::QuickGuide) else {
            continue;
        };
        let headings = |topic: Option<usize>, subsection: Option<usize>| -> Vec<(u8, &str, &str)> {
            guideline
                .body
                .headings
                .iter()
                .filter(|h| {
                    h.section == index
                        && h.topic == topic
                        && h.subsection == subsection
                        && !h.in_recommendation
                })
                .map(|h| (h.level, h.title.as_str(), h.anchor.as_str()))
                .collect()
        };
        out.push_str("<li>");
        toc_link(&mut out, kind.anchor(), kind.title());
        let own = headings(None, None);
        if !own.is_empty() || !section.topics.is_empty() {
            // The section's own headings, then its topics, in one list.
            out.push_str("<ol>");
            write_items(&mut out, &own);
            for (t, topic) in section.topics.iter().enumerate() {
                out.push_str("<li>");
                toc_link(&mut out, &topic.anchor, &topic.title);
                let lead = headings(Some(t), None);
                if !lead.is_empty() || !topic.subsections.is_empty() {
                    out.push_str("<ol>");
                    write_items(&mut out, &lead);
                    for (k, sub) in topic.subsections.iter().enumerate() {
                        out.push_str("<li>");
                        toc_link(&mut out, &sub.anchor, &sub.title);
                        write_nested(&mut out, &headings(Some(t), Some(k)));
                        out.push_str("</li>");
                    }
                    out.push_str("</ol>");
                }
                out.push_str("</li>");
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>");
    }
    out
}

fn toc_link(out: &mut String, anchor: &str, title: &str) {
    // Ids are made of a–z, 0–9 and `-` (`slugify`), so they need no escaping. Pushed piece
    // by piece: a page has a link per heading and evidence sub-section.
    out.push_str("<a href=\"#");
    out.push_str(anchor);
    out.push_str("\">");
    escape_into(out, title);
    out.push_str("</a>");
}

/// `items` (level, title, id) as a nested `<ol>`: an item holds the items after it that are
/// deeper than it, up to the next one at its level or above.
fn write_nested(out: &mut String, items: &[(u8, &str, &str)]) {
    if items.is_empty() {
        return;
    }
    out.push_str("<ol>");
    write_items(out, items);
    out.push_str("</ol>");
}

/// The list items of [`write_nested`], without the list around them.
fn write_items(out: &mut String, items: &[(u8, &str, &str)]) {
    let mut i = 0;
    while let Some(&(level, title, anchor)) = items.get(i) {
        let end = items[i + 1..]
            .iter()
            .position(|item| item.0 <= level)
            .map_or(items.len(), |p| i + 1 + p);
        out.push_str("<li>");
        toc_link(out, anchor, title);
        write_nested(out, &items[i + 1..end]);
        out.push_str("</li>");
        i = end;
    }
}
