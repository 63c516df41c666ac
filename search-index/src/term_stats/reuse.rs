//! The last build's analysis reused: a doc whose fields are exactly those of one of the last
//! build's docs (same synonym list, same program) has exactly its terms and counts, so only
//! the docs that changed are split into words and analyzed; the terms are then numbered
//! again across both, which is one pass over the kept counts. The result is what a fresh
//! analysis gives (`tests.rs` checks it after random edits).

use std::cmp::Ordering;

use rayon::prelude::*;

use super::{Analysis, DocTerms, KeptAnalysis, TermStats, analyze, field_texts};
use crate::IndexDoc;
use crate::phrases::Phrases;

/// What identifies a doc's analysis: a hash of its fields (128 bits of blake3).
pub(crate) type DocKey = [u8; 16];

/// What a build keeps of its analysis for the next, beside the terms and counts: each doc's
/// key and the seal of the program and synonym list that made it.
pub(crate) struct Kept {
    pub(crate) keys: Vec<DocKey>,
    pub(crate) seal: [u8; 32],
}

/// The key of `doc`'s analysis: every field the analysis reads, each with its length so
/// that no two different docs run together alike.
pub(crate) fn doc_key(doc: &IndexDoc) -> DocKey {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&(doc.keywords.len() as u64).to_le_bytes());
    for (field, text) in field_texts(doc) {
        hasher.update(&[field as u8]);
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    let mut key = [0; 16];
    key.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    key
}

/// What an analysis depends on besides the docs: the program (`salt`, which the caller
/// makes change with the analyzer) and the synonym list's phrases.
pub(crate) fn seal(salt: &str, phrases: &Phrases) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&(salt.len() as u64).to_le_bytes());
    hasher.update(salt.as_bytes());
    for term in phrases.terms() {
        hasher.update(&(term.len() as u64).to_le_bytes());
        hasher.update(term.as_bytes());
    }
    *hasher.finalize().as_bytes()
}

impl TermStats {
    /// [`Self::with_phrases`], reusing what `previous` (the last build's analysis, made
    /// with the same `salt` and phrases) holds of each doc, and kept for the next build
    /// ([`Self::write_analysis`]). `salt` must change whenever the analyzer may have.
    pub fn reusing(
        docs: &[IndexDoc],
        phrases: &Phrases,
        salt: &str,
        previous: Option<KeptAnalysis>,
    ) -> Self {
        let keys: Vec<DocKey> = docs.par_iter().map(doc_key).collect();
        let seal = seal(salt, phrases);
        let analysis = match previous.filter(|p| p.seal == seal) {
            Some(previous) => merged(docs, &keys, phrases, previous),
            None => analyze(&docs.iter().collect::<Vec<_>>(), phrases),
        };
        Self::of_analysis(analysis, phrases, Some(Kept { keys, seal }))
    }
}

/// The analysis of `docs`: those whose key `previous` holds from it, the others analyzed
/// afresh, and the terms of both numbered again.
fn merged(
    docs: &[IndexDoc],
    keys: &[DocKey],
    phrases: &Phrases,
    previous: KeptAnalysis,
) -> Analysis {
    let KeptAnalysis {
        terms: old_terms,
        docs: old_docs,
        run: mut old_run,
        ..
    } = previous;
    let found: Vec<Option<u32>> = keys.iter().map(|k| old_docs.get(k).copied()).collect();
    let changed: Vec<&IndexDoc> = docs
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(doc, _)| doc)
        .collect();
    let fresh = analyze(&changed, phrases);
    // The old terms some reused doc still has.
    let mut used = vec![false; old_terms.len()];
    for &d in found.iter().flatten() {
        for (term, _) in old_run.doc(d as usize) {
            if let Some(u) = used.get_mut(term as usize) {
                *u = true;
            }
        }
    }
    let numbered = Numbered::of(&old_terms, &used, fresh.terms, &fresh.is_phrase);
    old_run.renumber(&numbered.old);
    let (mut runs, fresh_index) = fresh.docs.into_parts();
    for run in &mut runs {
        run.renumber(&numbered.fresh);
    }
    let old = runs.len() as u32;
    runs.push(old_run);
    let mut fresh_index = fresh_index.into_iter();
    let index = found
        .iter()
        .map(|f| match f {
            Some(d) => Some((old, *d)),
            None => fresh_index.next(),
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    Analysis {
        terms: numbered.terms,
        docs: DocTerms::of_parts(runs, index),
        is_phrase: numbered.is_phrase,
    }
}

/// The terms of the reused docs and of the changed ones, numbered together: the sorted union
/// of both, and each side's old id → new id.
struct Numbered {
    terms: Vec<String>,
    is_phrase: Vec<bool>,
    /// Per old term: its new id (`u32::MAX` for one no reused doc has).
    old: Vec<u32>,
    /// Per term of the changed docs' analysis: its new id.
    fresh: Vec<u32>,
}

impl Numbered {
    /// Merges the `used` terms of `old` and the `fresh` ones (both sorted and distinct; the
    /// phrases' terms are among the fresh, as every analysis holds them).
    fn of(old: &[String], used: &[bool], fresh: Vec<String>, fresh_phrase: &[bool]) -> Self {
        let mut out = Self {
            terms: Vec::with_capacity(old.len().max(fresh.len())),
            is_phrase: Vec::new(),
            old: vec![u32::MAX; old.len()],
            fresh: vec![u32::MAX; fresh.len()],
        };
        let mut olds = old.iter().enumerate().filter(|&(i, _)| used[i]).peekable();
        let mut freshes = fresh.into_iter().enumerate().peekable();
        loop {
            let next_id = out.terms.len() as u32;
            let take_old = match (olds.peek(), freshes.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some((_, o)), Some((_, f))) => o.as_str().cmp(f.as_str()),
            };
            let mut phrase = false;
            if take_old != Ordering::Greater
                && let Some((i, term)) = olds.next()
            {
                out.old[i] = next_id;
                if take_old == Ordering::Less {
                    out.terms.push(term.clone());
                }
            }
            if take_old != Ordering::Less
                && let Some((i, term)) = freshes.next()
            {
                out.fresh[i] = next_id;
                phrase = fresh_phrase.get(i).copied().unwrap_or(false);
                out.terms.push(term);
            }
            out.is_phrase.push(phrase);
        }
        out
    }
}
