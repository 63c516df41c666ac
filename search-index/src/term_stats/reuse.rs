//! The last build's analysis reused: a doc whose fields are exactly those of one of the last
//! build's docs (same synonym list, same program) has exactly its terms and counts, so only
//! the docs that changed are split into words and analyzed; the terms are then numbered
//! again across both, which is one pass over the kept counts. The result is what a fresh
//! analysis gives (`tests.rs` checks it after random edits).

use std::cmp::Ordering;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::cache::{Checkpoint, Dict, Part, chain};
use super::{
    Analysis, DocTerms, KeptAnalysis, Lengths, RunTerms, TermStats, analyze, doc_lengths,
    field_texts,
};
use crate::phrases::Phrases;
use crate::{GroupRange, IndexDoc};

/// What identifies a doc's analysis: a hash of its fields (128 bits of blake3), or of what
/// they were made from.
pub type DocKey = [u8; 16];

/// What a build keeps of its analysis for the next, beside the terms and counts: each doc's
/// key, the seal of the program and synonym list that made it, the dictionary its parts'
/// terms are written by, and which parts to write.
pub(crate) struct Kept {
    pub(crate) keys: Vec<DocKey>,
    /// Whether the keys are the caller's, which cover every field of a doc (not only those
    /// the analysis reads).
    pub(crate) whole_keys: bool,
    pub(crate) seal: [u8; 32],
    /// The last build's docs that no doc of this build took whole, by key: their run and
    /// place in [`TermStats`]'s docs (which hold them, renumbered, a term no doc has now
    /// as `u32::MAX`).
    pub(crate) previous: ByKey,
    pub(super) dict: KeptDict,
    pub(super) parts: Vec<PartRange>,
}

/// The dictionary the kept parts' term ids refer to.
pub(crate) enum KeptDict {
    /// A new one: the analysis' own terms, a term's id its id there; its one state.
    Fresh(Checkpoint),
    /// The last build's, with the terms it lacked added (`changed` when there were some),
    /// and each term's id in it.
    Extended {
        dict: Dict,
        changed: bool,
        to_dict: Vec<u32>,
    },
}

/// A group's docs, a part of the kept analysis: the file's name, the docs, and whether the
/// part is to be written (the last build's is not that of these docs).
pub(crate) struct PartRange {
    pub(super) name: String,
    pub(super) docs: Range<usize>,
    pub(super) write: bool,
}

/// The dictionary's states before a build starts a new one (each is 36 bytes in it, and
/// few builds add terms).
const MAX_CHECKPOINTS: usize = 256;

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

/// The parts of docs ordered by `groups` (`order_by_group`): one per group, and one for the
/// docs after the last group's.
fn part_ranges(groups: &[GroupRange], docs: usize) -> Vec<PartRange> {
    let name = |code: Option<&str>| {
        let mut hasher = blake3::Hasher::new();
        match code {
            Some(code) => hasher.update(b"group ").update(code.as_bytes()),
            None => hasher.update(b"no group"),
        };
        hasher.finalize().to_hex()[..32].to_owned()
    };
    let clamp = |at: u32| (at as usize).min(docs);
    let mut parts: Vec<PartRange> = groups
        .iter()
        .map(|group| PartRange {
            name: name(Some(&group.code)),
            docs: clamp(group.first)..clamp(group.end).max(clamp(group.first)),
            write: true,
        })
        .collect();
    let rest = parts.iter().map(|p| p.docs.end).max().unwrap_or(0);
    parts.push(PartRange {
        name: name(None),
        docs: rest..docs,
        write: true,
    });
    parts
}

impl KeptAnalysis {
    /// Per key of `keys`: whether [`TermStats::reusing`] with `salt` and `phrases` takes
    /// that doc's analysis from this one. It analyzes the others afresh, so a caller that
    /// holds only some docs' full texts needs theirs.
    pub fn holds(&self, keys: &[DocKey], salt: &str, phrases: &Phrases) -> Vec<bool> {
        if self.dict.seal != seal(salt, phrases) {
            return vec![false; keys.len()];
        }
        let kept: FxHashSet<&DocKey> = self.parts.values().flat_map(|p| &p.keys).collect();
        keys.iter().map(|key| kept.contains(key)).collect()
    }
}

impl TermStats {
    /// [`Self::with_phrases`], reusing what `previous` (the last build's analysis, made
    /// with the same `salt` and phrases) holds of each doc, and kept for the next build
    /// ([`Self::write_analysis`]) in a part per group of `groups` (the docs' ranges, as
    /// `order_by_group` makes them). `salt` must change whenever the analyzer may have.
    ///
    /// A doc's key is its `keys` entry when there is one per doc: the caller's hash of
    /// everything the doc was made from, which must differ whenever any of its fields does
    /// (and should for no other doc); else a hash of its fields (`doc_key`).
    pub fn reusing(
        docs: &[IndexDoc],
        keys: Option<Vec<DocKey>>,
        groups: &[GroupRange],
        phrases: &Phrases,
        salt: &str,
        previous: Option<KeptAnalysis>,
    ) -> Self {
        let keys = keys.filter(|keys| keys.len() == docs.len());
        let whole_keys = keys.is_some();
        let keys = keys.unwrap_or_else(|| docs.par_iter().map(doc_key).collect());
        let seal = seal(salt, phrases);
        let mut parts = part_ranges(groups, docs.len());
        let (analysis, lengths, dict, previous) = match previous.filter(|p| p.dict.seal == seal) {
            Some(previous) => {
                let (analysis, lengths, dict, loose) =
                    merged(docs, &keys, &mut parts, phrases, previous);
                (analysis, Some(lengths), dict, loose)
            }
            None => (
                analyze(&docs.iter().collect::<Vec<_>>(), phrases),
                None,
                None,
                FxHashMap::default(),
            ),
        };
        let dict = dict.unwrap_or_else(|| {
            for part in &mut parts {
                part.write = true;
            }
            let terms = &analysis.terms;
            KeptDict::Fresh((terms.len() as u32, chain(&seal, terms)))
        });
        let kept = Kept {
            keys,
            whole_keys,
            seal,
            previous,
            dict,
            parts,
        };
        Self::of_counted(analysis, phrases, lengths, Some(kept))
    }
}

/// The analysis of `docs`: those whose key `previous` holds from it, the others analyzed
/// afresh, and the terms of both numbered again; the parts to write marked. With each doc's
/// field lengths (`field_lengths`), the dictionary grown by the new terms, unless it has
/// grown too large and a new one is due, and the last build's docs not taken whole, by key
/// (`Kept::previous`).
fn merged(
    docs: &[IndexDoc],
    keys: &[DocKey],
    parts: &mut [PartRange],
    phrases: &Phrases,
    previous: KeptAnalysis,
) -> (Analysis, Vec<Lengths>, Option<KeptDict>, ByKey) {
    let KeptAnalysis {
        mut dict,
        parts: old_parts,
    } = previous;
    let KeptDocs {
        mut runs,
        lengths: kept_lengths,
        found,
        loose,
    } = kept_docs(keys, parts, old_parts);
    let changed: Vec<&IndexDoc> = docs
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(doc, _)| doc)
        .collect();
    let fresh = analyze(&changed, phrases);
    let used = used_terms(&runs, &found, dict.terms.len());
    let known = dict.terms.len();
    let numbered = Numbered::of(&mut dict, &used, fresh.terms, &fresh.is_phrase);
    let phrase_fields = !phrases.is_empty();
    let (mut all_runs, fresh_index) = fresh.docs.into_parts();
    // The changed docs' lengths counted as their runs are renumbered, a run to a core; the
    // kept docs' are as they were kept.
    let is_phrase = &numbered.is_phrase;
    let mut run_lengths: Vec<Vec<Lengths>> = all_runs
        .par_iter_mut()
        .map(|run| renumber_counting(run, &numbered.fresh, is_phrase, phrase_fields))
        .collect();
    runs.par_iter_mut()
        .for_each(|run| run.renumber(&numbered.old));
    run_lengths.extend(kept_lengths);
    let offset = all_runs.len() as u32;
    all_runs.extend(runs);
    let loose = loose
        .into_iter()
        .map(|(key, (run, d))| (key, (offset + run, d)))
        .collect();
    let mut fresh_index = fresh_index.into_iter();
    let index = found
        .iter()
        .map(|f| match f {
            Some((run, d)) => Some((offset + run, *d)),
            None => fresh_index.next(),
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    let lengths = per_doc(&index, &run_lengths, phrase_fields);
    let analysis = Analysis {
        terms: numbered.terms,
        docs: DocTerms::of_parts(all_runs, index),
        is_phrase: numbered.is_phrase,
    };
    let added = dict.terms.len() - known;
    let too_large = dict.terms.len() > 2 * analysis.terms.len() + 4096
        || dict.checkpoints.len() >= MAX_CHECKPOINTS;
    if too_large {
        return (analysis, lengths, None, loose);
    }
    if added > 0 {
        let last = dict.checkpoints.last().map_or(dict.seal, |c| c.1);
        let hash = chain(&last, &dict.terms[known..]);
        dict.checkpoints.push((dict.terms.len() as u32, hash));
    }
    let dict = KeptDict::Extended {
        dict,
        changed: added > 0,
        to_dict: numbered.to_dict,
    };
    (analysis, lengths, Some(dict), loose)
}

/// Renumbers `run`'s terms by `map` and gives its docs' lengths by the new numbers.
fn renumber_counting(
    run: &mut RunTerms,
    map: &[u32],
    is_phrase: &[bool],
    phrase_fields: bool,
) -> Vec<Lengths> {
    run.renumber(map);
    (0..run.docs())
        .map(|d| doc_lengths(run.doc(d), is_phrase, phrase_fields))
        .collect()
}

/// Per doc of `index` (a run and a doc of it each), its lengths in `run_lengths`: those of
/// a doc with no terms, as [`DocTerms::doc`] gives for one out of range, if it has none.
fn per_doc(index: &[Place], run_lengths: &[Vec<Lengths>], phrase_fields: bool) -> Vec<Lengths> {
    let none = doc_lengths(std::iter::empty(), &[], phrase_fields);
    index
        .iter()
        .map(|&(run, d)| {
            let run = run_lengths.get(run as usize);
            run.and_then(|run| run.get(d as usize))
                .copied()
                .unwrap_or(none)
        })
        .collect()
}

/// Per dictionary term: whether a doc of `found` (a run of `runs` and a doc of it each) has
/// it; the runs on every core.
fn used_terms(runs: &[RunTerms], found: &[Option<Place>], terms: usize) -> Vec<bool> {
    let mut per_run: Vec<Vec<u32>> = vec![Vec::new(); runs.len()];
    for &(run, d) in found.iter().flatten() {
        if let Some(docs) = per_run.get_mut(run as usize) {
            docs.push(d);
        }
    }
    runs.par_iter()
        .zip(per_run)
        .fold(
            || vec![false; terms],
            |mut used, (run, docs)| {
                for d in docs {
                    for term in run.doc_terms(d as usize) {
                        if let Some(u) = used.get_mut(term as usize) {
                            *u = true;
                        }
                    }
                }
                used
            },
        )
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(a, b)| *a |= b);
            a
        })
        .unwrap_or_else(|| vec![false; terms])
}

/// A doc of the kept runs: its run and its place in it.
type Place = (u32, u32);

/// Docs of kept runs by key.
type ByKey = FxHashMap<DocKey, Place>;

/// What the last build's parts give this one: their runs and their docs' lengths, per doc
/// of this build the run and place of its analysis when one of them holds its key, and
/// the docs of the runs not taken whole, by key.
struct KeptDocs {
    runs: Vec<RunTerms>,
    lengths: Vec<Vec<Lengths>>,
    found: Vec<Option<Place>>,
    loose: ByKey,
}

/// The [`KeptDocs`] of `old_parts` for docs of `keys`. A part whose docs are all the last
/// build's, in its order, is taken whole and not to be written again; the docs of the
/// others are found by key.
fn kept_docs(
    keys: &[DocKey],
    parts: &mut [PartRange],
    mut old_parts: FxHashMap<String, Part>,
) -> KeptDocs {
    let mut runs = Vec::new();
    let mut lengths = Vec::new();
    let mut found: Vec<Option<(u32, u32)>> = vec![None; keys.len()];
    // The docs of the parts not taken whole, by key: a doc may come from any of them.
    let mut loose: ByKey = FxHashMap::default();
    let mut loosen = |run: u32, keys: &[DocKey]| {
        for (d, key) in keys.iter().enumerate() {
            loose.entry(*key).or_insert((run, d as u32));
        }
    };
    for part in parts.iter_mut() {
        let Some(old) = old_parts.remove(&part.name) else {
            continue;
        };
        let run = runs.len() as u32;
        if keys.get(part.docs.clone()) == Some(&old.keys[..]) {
            part.write = false;
            for (d, f) in found[part.docs.clone()].iter_mut().enumerate() {
                *f = Some((run, d as u32));
            }
        } else {
            loosen(run, &old.keys);
        }
        runs.push(old.run);
        lengths.push(old.lengths);
    }
    for old in old_parts.into_values() {
        loosen(runs.len() as u32, &old.keys);
        runs.push(old.run);
        lengths.push(old.lengths);
    }
    for (f, key) in found.iter_mut().zip(keys) {
        if f.is_none() {
            *f = loose.get(key).copied();
        }
    }
    KeptDocs {
        runs,
        lengths,
        found,
        loose,
    }
}

/// The terms of the reused docs and of the changed ones, numbered together: the sorted union
/// of both, each side's old id → new id, and each new id's id in the dictionary (which gains
/// the terms it lacked).
struct Numbered {
    terms: Vec<String>,
    is_phrase: Vec<bool>,
    /// Per dictionary term: its new id (`u32::MAX` for one neither side has).
    old: Vec<u32>,
    /// Per term of the changed docs' analysis: its new id.
    fresh: Vec<u32>,
    /// Per new id: the term's id in the dictionary.
    to_dict: Vec<u32>,
}

impl Numbered {
    /// Merges the `used` terms of `dict` and the `fresh` ones (sorted and distinct; the
    /// phrases' terms are among the fresh, as every analysis holds them), adding to `dict`
    /// the fresh terms it lacks.
    fn of(dict: &mut Dict, used: &[bool], fresh: Vec<String>, fresh_phrase: &[bool]) -> Self {
        let mut out = Self {
            terms: Vec::with_capacity(dict.terms.len().max(fresh.len())),
            is_phrase: Vec::new(),
            old: vec![u32::MAX; dict.terms.len()],
            fresh: vec![u32::MAX; fresh.len()],
            to_dict: Vec::new(),
        };
        let old_order = std::mem::take(&mut dict.order);
        let mut order = Vec::with_capacity(old_order.len() + fresh.len());
        let mut olds = old_order.into_iter().peekable();
        let mut freshes = fresh.into_iter().enumerate().peekable();
        loop {
            let next_id = out.terms.len() as u32;
            let side = match (olds.peek(), freshes.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(&o), Some((_, f))) => dict.terms[o as usize].as_str().cmp(f.as_str()),
            };
            // The term's id in the dictionary, when it has it.
            let mut in_dict = None;
            if side != Ordering::Greater
                && let Some(o) = olds.next()
            {
                order.push(o);
                in_dict = Some(o);
                if side == Ordering::Less {
                    if !used.get(o as usize).copied().unwrap_or(false) {
                        continue;
                    }
                    out.old[o as usize] = next_id;
                    out.terms.push(dict.terms[o as usize].clone());
                    out.is_phrase.push(false);
                    out.to_dict.push(o);
                    continue;
                }
                out.old[o as usize] = next_id;
            }
            if let Some((i, term)) = freshes.next() {
                let id = in_dict.unwrap_or_else(|| {
                    let id = dict.terms.len() as u32;
                    dict.terms.push(term.clone());
                    order.push(id);
                    id
                });
                out.fresh[i] = next_id;
                out.is_phrase
                    .push(fresh_phrase.get(i).copied().unwrap_or(false));
                out.terms.push(term);
                out.to_dict.push(id);
            }
        }
        dict.order = order;
        out
    }
}
