//! Search for retning: one Danish analyzer, a tantivy index (for `retning search` and the
//! preview server), and a static index the browser reads without a server.
//!
//! The input is a plain [`IndexDoc`], never retning's guideline model, so the search code
//! cannot depend on how guidelines are parsed. `FORMAT.md` documents the static format and the
//! query semantics both indexes share.
//!
//! The public surface is what retning, its tests and its benches use; every module but
//! [`static_index`] is private, and the lints below keep anything else from leaking out.

#![warn(unreachable_pub, missing_docs)]

mod analyzer;
mod engine;
mod grid_stats;
mod phrases;
mod sealed_bytes;
pub mod static_index;
mod synonyms;
mod term_stats;
mod tokenizers;
mod typo;

pub use analyzer::stem;
pub use engine::{Engine, EngineError, FullTexts, Hit, IndexPlace, Indexed, REUSE_FILE, ReadTexts};
pub use phrases::{MAX_PHRASE_WORDS, PhraseProblem};
pub use synonyms::{SynonymError, SynonymProblem, Synonyms};
pub use term_stats::{DocKey, KeptAnalysis, TermStats, WeightedTerms};
pub use typo::{Correction, Found};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A search unit: a recommendation or a section of a guideline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexDoc {
    /// Where the unit lives: the page URL with its anchor.
    pub url: String,
    /// The guideline's title.
    pub guideline: String,
    /// The guideline page's URL.
    pub guideline_url: String,
    /// The DMCG group's code.
    pub group: String,
    /// A recommendation or a section.
    pub kind: DocKind,
    /// "Anbefaling 2", or the section or topic title.
    pub title: String,
    /// A recommendation's strength label as the site's theme names it (`Stærk anbefaling for`).
    pub strength: Option<String>,
    /// The strength badge's CSS class (`strength-a`, `strength-for`, …), so a reader need not
    /// read the (translatable) label.
    #[serde(default)]
    pub strength_class: Option<String>,
    /// The unit's plain text.
    pub text: String,
    /// The guideline's keywords (its front matter `keywords`, the template's *Indeksering*):
    /// indexed with the title, so a keyword finds the guideline even when its text lacks
    /// the word. Not stored with the hits, nor in the static fragments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

impl IndexDoc {
    /// What the title field indexes: the guideline's title, the unit's, and the guideline's
    /// keywords. The tokenizer reads them apart without this copy; tests compare with it.
    #[cfg(test)]
    pub(crate) fn title_field(&self) -> String {
        let mut field = format!("{} {}", self.guideline, self.title);
        for keyword in &self.keywords {
            field.push(' ');
            field.push_str(keyword);
        }
        field
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
/// What a search unit is.
pub enum DocKind {
    /// A `::: anbefaling` block.
    Recommendation,
    /// A section of a guideline, or a topic within one.
    Section,
}

impl DocKind {
    /// Recommendations rank above body text (FORMAT.md, "Weights").
    pub(crate) fn boost(self) -> f32 {
        match self {
            Self::Recommendation => 1.5,
            Self::Section => 1.0,
        }
    }
}

/// The title field counts this many times the text field.
pub(crate) const TITLE_BOOST: f32 = 3.0;
/// A prefix match counts this much of an exact match.
pub(crate) const PREFIX_FACTOR: f32 = 0.5;
/// A query word expands to at most this many longer terms.
pub(crate) const MAX_PREFIX_TERMS: usize = 50;

/// A group's docs are the ids `first..end` (docs are ordered by group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRange {
    /// The group's code (`dbcg`).
    pub code: String,
    /// The group's name, as the site shows it.
    pub name: String,
    /// The group's first doc id.
    pub first: u32,
    /// One past the group's last doc id.
    pub end: u32,
}

/// Orders docs by group (keeping each group's docs in their given order) and returns the
/// group ranges: the order every index uses for doc ids.
pub fn order_by_group(
    docs: Vec<IndexDoc>,
    group_names: &[(String, String)],
) -> (Vec<IndexDoc>, Vec<GroupRange>) {
    let beside = vec![(); docs.len()];
    let (docs, _, ranges) = order_by_group_with(docs, beside, group_names);
    (docs, ranges)
}

/// [`order_by_group`], each doc's value in `beside` (its analysis key; one per doc) moved with it.
pub fn order_by_group_with<T>(
    docs: Vec<IndexDoc>,
    beside: Vec<T>,
    group_names: &[(String, String)],
) -> (Vec<IndexDoc>, Vec<T>, Vec<GroupRange>) {
    let position: HashMap<&str, usize> = group_names
        .iter()
        .enumerate()
        .map(|(i, (code, _))| (code.as_str(), i))
        .collect();
    // Docs of unlisted groups go last, in no group's range.
    let rank = |doc: &IndexDoc| {
        position
            .get(doc.group.as_str())
            .copied()
            .unwrap_or(group_names.len())
    };
    // The docs' places sorted (stably) by their groups' ranks, then each doc and its value
    // moved there in place: each doc is a few hundred bytes, a build has tens of thousands,
    // and vectors made anew for them were written, and faulted in, whole.
    let (mut docs, mut beside) = (docs, beside);
    // One value per doc (as zipped together before).
    let both = docs.len().min(beside.len());
    docs.truncate(both);
    beside.truncate(both);
    // A guideline's docs come together, so the last doc's group is asked first: ~30,000
    // docs at 1,000 guidelines are ranked with ~1,000 lookups.
    let mut last: Option<(&str, usize)> = None;
    let ranks: Vec<usize> = docs
        .iter()
        .map(|doc| match last {
            Some((group, rank)) if group == doc.group => rank,
            _ => {
                let r = rank(doc);
                last = Some((&doc.group, r));
                r
            }
        })
        .collect();
    let mut counts = vec![0u32; group_names.len() + 1];
    for &r in &ranks {
        counts[r] += 1;
    }
    // Already in order (the survey sorts by group), nothing moves.
    if !ranks.is_sorted() {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| ranks[i]);
        permute(&mut docs, &mut beside, order);
    }
    let mut first = 0;
    let ranges = group_names
        .iter()
        .zip(counts)
        .map(|((code, name), count)| {
            let range = GroupRange {
                code: code.clone(),
                name: name.clone(),
                first,
                end: first + count,
            };
            first += count;
            range
        })
        .collect();
    (docs, beside, ranges)
}

/// Moves `a[order[i]]` and `b[order[i]]` to place `i`, for each `i` (`order` a permutation
/// of the places; `b` as long as `a`), following each cycle of swaps.
fn permute<A, B>(a: &mut [A], b: &mut [B], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut i = start;
        // A place already filled points at itself.
        while order[i] != i {
            let from = order[i];
            order[i] = i;
            if from == start {
                break;
            }
            a.swap(i, from);
            b.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
impl IndexDoc {
    /// A section of `group` at `url` with nothing else: for tests of what orders or cuts
    /// docs by those alone.
    pub(crate) fn bare(group: &str, url: &str) -> Self {
        IndexDoc {
            url: url.to_owned(),
            guideline: String::new(),
            guideline_url: String::new(),
            group: group.to_owned(),
            kind: DocKind::Section,
            title: String::new(),
            strength: None,
            strength_class: None,
            text: String::new(),
            keywords: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(group: &str, url: &str) -> IndexDoc {
        IndexDoc::bare(group, url)
    }

    /// Many docs of many groups in a scrambled order: as a stable sort orders them.
    #[test]
    fn the_order_in_place_is_a_stable_sorts() {
        let groups: Vec<(String, String)> = (0..7)
            .map(|g| (format!("g{}", (g * 5) % 7), String::new()))
            .collect();
        let mut state = 7u64;
        let docs: Vec<IndexDoc> = (0..500)
            .map(|i| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                doc(&format!("g{}", (state >> 33) % 9), &i.to_string())
            })
            .collect();
        let beside: Vec<usize> = (0..docs.len()).collect();
        let (ordered, moved, ranges) = order_by_group_with(docs.clone(), beside, &groups);
        let rank = |d: &IndexDoc| groups.iter().position(|(c, _)| *c == d.group).unwrap_or(7);
        let mut expected: Vec<(usize, IndexDoc)> = docs.into_iter().enumerate().collect();
        expected.sort_by_key(|(_, d)| rank(d));
        assert_eq!(moved, expected.iter().map(|(i, _)| *i).collect::<Vec<_>>());
        assert_eq!(
            ordered,
            expected.into_iter().map(|(_, d)| d).collect::<Vec<_>>()
        );
        assert_eq!(ranges.len(), 7);
        for range in &ranges {
            let docs = &ordered[range.first as usize..range.end as usize];
            assert!(docs.iter().all(|d| d.group == range.code));
        }
        // Docs already in order stay as they are, with the same ranges.
        let places: Vec<usize> = (0..ordered.len()).collect();
        let again = order_by_group_with(ordered.clone(), places.clone(), &groups);
        assert_eq!(again, (ordered, places, ranges));
    }

    #[test]
    fn docs_are_ordered_by_the_groups_order_and_keep_their_order_within_a_group() {
        let groups: Vec<(String, String)> =
            [("dbcg", "Bryst"), ("dlg", "Lunge"), ("dsg", "Sarkom")]
                .into_iter()
                .map(|(code, name)| (code.to_owned(), name.to_owned()))
                .collect();
        let docs = vec![
            doc("dlg", "l1"),
            doc("unlisted", "u1"),
            doc("dbcg", "b1"),
            doc("dlg", "l2"),
            doc("dbcg", "b2"),
            doc("unlisted", "u2"),
        ];
        let beside: Vec<String> = docs.iter().map(|d| format!("{}!", d.url)).collect();
        let (with, moved, _) = order_by_group_with(docs.clone(), beside, &groups);
        let (ordered, ranges) = order_by_group(docs, &groups);
        let urls: Vec<&str> = ordered.iter().map(|d| d.url.as_str()).collect();
        assert_eq!(urls, ["b1", "b2", "l1", "l2", "u1", "u2"]);
        assert_eq!(with, ordered);
        assert_eq!(moved, ["b1!", "b2!", "l1!", "l2!", "u1!", "u2!"]);
        let spans: Vec<(&str, &str, u32, u32)> = ranges
            .iter()
            .map(|r| (r.code.as_str(), r.name.as_str(), r.first, r.end))
            .collect();
        assert_eq!(
            spans,
            [
                ("dbcg", "Bryst", 0, 2),
                ("dlg", "Lunge", 2, 4),
                ("dsg", "Sarkom", 4, 4)
            ]
        );
    }
}
