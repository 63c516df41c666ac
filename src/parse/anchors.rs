//! Stable, readable anchor ids for headings, unique within a page.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::model::SectionKind;

/// Danish letters are spelled out (`æ` → `ae`, `ø` → `oe`, `å` → `aa`) the way Danes write
/// them without the letters, so ids stay readable in URLs; general slug crates fold `ø` to `o`.
pub(crate) fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.to_lowercase().chars() {
        match c {
            c if c.is_ascii_alphanumeric() => slug.push(c),
            c if let Some(ascii) = crate::site_path::ascii_spelling(c) => slug.push_str(ascii),
            _ => {
                if !slug.ends_with('-') {
                    slug.push('-');
                }
            }
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "afsnit".to_owned()
    } else {
        slug.to_owned()
    }
}

/// Ids the page template gives its own elements; a heading must not take them.
const PAGE_IDS: [&str; 5] = [
    "indhold",
    "soeg-felt",
    "quick-guide-titel",
    "om-dokumentet",
    "om-dokumentet-titel",
];

/// Who holds an id already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Holder {
    /// A template section or an element of the page itself.
    Page,
    /// The heading at this span of the file.
    Heading(Range<usize>),
}

/// Hands out ids no other heading on the page has.
pub(super) struct Anchors {
    /// The ids headings hold, with each heading's span. The page's own ids are not in it
    /// ([`is_page_id`]): a guideline has dozens of headings, and most pages are built
    /// from scratch, so nothing is copied in up front.
    used: FxHashMap<String, Range<usize>>,
}

/// An id the page gives a template section or an element of its own.
fn is_page_id(id: &str) -> bool {
    SectionKind::ALL.iter().any(|k| k.anchor() == id) || PAGE_IDS.contains(&id)
}

impl Anchors {
    pub(super) fn new() -> Self {
        Self {
            used: FxHashMap::default(),
        }
    }

    /// Who holds `id`, if anyone.
    fn holder(&self, id: &str) -> Option<Holder> {
        if is_page_id(id) {
            return Some(Holder::Page);
        }
        self.used.get(id).cloned().map(Holder::Heading)
    }

    /// The id for the heading at `span`, whose wanted id is `base`, and who held `base`
    /// already when it was taken (a duplicate: the heading gets `base-2`, … so the page
    /// stays valid, and the caller reports the clash).
    pub(super) fn claim(&mut self, base: &str, span: Range<usize>) -> (String, Option<Holder>) {
        // `anbefaling-N` belongs to recommendations: deep links from other systems use it.
        let base = if base.starts_with("anbefaling-") {
            format!("emne-{base}")
        } else {
            base.to_owned()
        };
        // Nearly every id is free: one lookup takes it.
        let clash = self.holder(&base);
        if clash.is_none() {
            self.used.insert(base.clone(), span);
            return (base, None);
        }
        let mut n = 2;
        let mut candidate = format!("{base}-{n}");
        while self.holder(&candidate).is_some() {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.used.insert(candidate.clone(), span);
        (candidate, clash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_are_spelled_out_and_ids_are_unique() {
        assert_eq!(
            slugify("Strålebehandling af ældre (≥ 80 år)"),
            "straalebehandling-af-aeldre-80-aar"
        );
        let mut anchors = Anchors::new();
        assert_eq!(anchors.claim("udredning", 5..9), ("udredning".into(), None));
        assert_eq!(
            anchors.claim("udredning", 20..29),
            ("udredning-2".into(), Some(Holder::Heading(5..9)))
        );
        assert_eq!(
            anchors.claim("grundlag", 40..48),
            ("grundlag-2".into(), Some(Holder::Page))
        );
        assert_eq!(anchors.claim("om-dokumentet", 50..60).1, Some(Holder::Page));
        assert_eq!(
            anchors.claim("anbefaling-1", 70..80),
            ("emne-anbefaling-1".into(), None)
        );
    }
}
