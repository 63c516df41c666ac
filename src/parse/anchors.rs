//! Stable, readable anchor ids for headings, unique within a page.

use std::collections::HashSet;

use crate::model::SectionKind;

/// Danish letters are spelled out (`æ` → `ae`, `ø` → `oe`, `å` → `aa`) the way Danes write
/// them without the letters, so ids stay readable in URLs; general slug crates fold `ø` to `o`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.to_lowercase().chars() {
        match c {
            'æ' => slug.push_str("ae"),
            'ø' => slug.push_str("oe"),
            'å' => slug.push_str("aa"),
            'é' | 'è' | 'ê' => slug.push('e'),
            'ü' => slug.push('u'),
            'ö' => slug.push_str("oe"),
            'ä' => slug.push_str("ae"),
            c if c.is_ascii_alphanumeric() => slug.push(c),
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

/// Hands out ids no other heading on the page has.
pub struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    pub fn new() -> Self {
        Self {
            used: SectionKind::ALL
                .iter()
                .map(|k| k.anchor().to_owned())
                .collect(),
        }
    }

    pub fn unique(&mut self, base: &str) -> String {
        // `anbefaling-N` belongs to recommendations: deep links from other systems use it.
        let base = if base.starts_with("anbefaling-") {
            format!("emne-{base}")
        } else {
            base.to_owned()
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.used.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
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
        assert_eq!(anchors.unique("udredning"), "udredning");
        assert_eq!(anchors.unique("udredning"), "udredning-2");
        assert_eq!(anchors.unique("grundlag"), "grundlag-2");
        assert_eq!(anchors.unique("anbefaling-1"), "emne-anbefaling-1");
    }
}
