//! Which terms' postings may differ from the last build's, when some docs changed and the
//! others kept their ids: the static index weighs and encodes only those terms' chunks
//! (`static_index::incremental`). A term's postings are its docs' counts, field norms and
//! kinds, and its doc frequency in each field, so they move only where a changed doc gained
//! or lost the term, counts it otherwise, has another kind, or a field norm of its that the
//! term is in moved.

use rustc_hash::FxHashMap;
use tantivy::fieldnorm::FieldNormReader;

use super::{Counted, FIELDS, INDEXED_FIELDS, TermStats, doc_lengths};
use crate::term_stats::DocKey;

/// A doc whose key is not the last build's doc's of the same id.
pub(crate) struct ChangedDoc {
    pub(crate) id: usize,
    /// The key of the last build's doc of that id.
    pub(crate) old_key: DocKey,
    /// Whether its kind (which scales its weights) is another.
    pub(crate) kind_changed: bool,
}

impl TermStats {
    /// The docs' keys and the analysis' seal, when the keys are the caller's, which cover
    /// every field of a doc: only then does an equal key mean an equal doc.
    pub(crate) fn whole_keys(&self) -> Option<(&[DocKey], &[u8; 32])> {
        let kept = self.kept.as_ref().filter(|kept| kept.whole_keys)?;
        Some((&kept.keys, &kept.seal))
    }

    /// The terms (ids, ascending) whose postings may differ from the last build's, docs
    /// renumbered, when the docs `changed` (each in the place of a last build's doc of
    /// another key), `added` (ids now) and `removed` (the last build's keys) are all that
    /// changed; each with whether it moved *in place*: every changed doc has it in the same
    /// fields as before and kept its kind, and no doc added or removed has it, so its doc
    /// frequencies, and every other doc's weight of it, are as they were. `None` when the
    /// last build's analysis of one of them is not at hand. A term no doc has any more has
    /// no id and is not among them: the caller finds it gone by counting terms.
    pub(crate) fn touched_terms(
        &self,
        changed: &[ChangedDoc],
        added: &[usize],
        removed: &[DocKey],
    ) -> Option<Vec<(u32, bool)>> {
        let kept = self.kept.as_ref()?;
        let mut touched = vec![false; self.terms.len()];
        // Whether a changed doc gained or lost the term in a field, or changed kind.
        let mut moved = vec![false; self.terms.len()];
        let fields = |counts: Option<[u32; FIELDS]>| counts.map(|c| c.map(|n| n > 0));
        let mut mark = |term: u32, in_place: bool| {
            if let Some(t) = touched.get_mut(term as usize) {
                *t = true;
            }
            if let Some(m) = moved.get_mut(term as usize) {
                *m |= !in_place;
            }
        };
        for doc in changed {
            let &(run, d) = kept.previous.get(&doc.old_key)?;
            let new_lengths = *self.lengths.get(doc.id)?;
            let old_lengths = doc_lengths(
                self.docs.run_doc(run, d),
                &self.is_phrase,
                self.phrase_fields,
            );
            let norm =
                |lengths: [u32; INDEXED_FIELDS]| lengths.map(FieldNormReader::fieldnorm_to_id);
            let (old_norms, new_norms) = (norm(old_lengths), norm(new_lengths));
            // Whether a norm the term's weight reads (its title and text field's, where it is
            // counted) moved.
            let norm_moved = |term: u32, counts: [u32; FIELDS]| {
                let phrase = self.is_phrase.get(term as usize).copied().unwrap_or(false);
                let base = if phrase { 2 } else { 0 };
                (0..FIELDS).any(|f| counts[f] > 0 && old_norms[base + f] != new_norms[base + f])
            };
            let mut old: FxHashMap<u32, [u32; FIELDS]> = self.docs.run_doc(run, d).collect();
            for (term, counts) in self.docs.doc(doc.id) {
                let before = old.remove(&term);
                if doc.kind_changed || before != Some(counts) || norm_moved(term, counts) {
                    let in_place = !doc.kind_changed && fields(before) == fields(Some(counts));
                    mark(term, in_place);
                }
            }
            // The terms it lost (one that no doc has now is `u32::MAX`: no term's id).
            old.into_iter()
                .for_each(|(term, _): Counted| mark(term, false));
        }
        // A doc added or removed moves the doc frequencies of all its terms.
        for &id in added {
            self.docs.doc(id).for_each(|(term, _)| mark(term, false));
        }
        for key in removed {
            let &(run, d) = kept.previous.get(key)?;
            self.docs
                .run_doc(run, d)
                .for_each(|(term, _)| mark(term, false));
        }
        Some(
            touched
                .iter()
                .zip(&moved)
                .enumerate()
                .filter(|&(_, (&t, _))| t)
                .map(|(id, (_, &moved))| (id as u32, !moved))
                .collect(),
        )
    }

    /// A hash of what the index holds of doc `id`, its terms and their counts (in any
    /// order): a rewritten doc is paired with the last build's doc of the same hash, so that
    /// a doc that only moved touches no term.
    pub(crate) fn doc_content(&self, id: usize) -> u64 {
        content_hash(self.docs.doc(id))
    }

    /// [`Self::doc_content`] of the last build's doc of key `key`, when its analysis is at
    /// hand (no doc of this build has its key).
    pub(crate) fn last_doc_content(&self, key: &DocKey) -> Option<u64> {
        let &(run, d) = self.kept.as_ref()?.previous.get(key)?;
        Some(content_hash(self.docs.run_doc(run, d)))
    }

    /// Doc `doc`'s counts of `term`, if it has it.
    pub(crate) fn counts_of(&self, doc: usize, term: u32) -> Option<[u32; FIELDS]> {
        self.docs
            .doc(doc)
            .find(|&(t, _)| t == term)
            .map(|(_, counts)| counts)
    }

    /// Every term, sorted: term `id` is `terms()[id]`.
    pub(crate) fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The ids of the synonym phrases' terms, ascending (some doc may have none of them).
    pub(crate) fn phrase_terms(&self) -> Vec<u32> {
        (0..self.terms.len() as u32)
            .filter(|&t| self.is_phrase[t as usize])
            .collect()
    }
}

/// A hash of a doc's terms and counts that does not depend on their order.
fn content_hash(terms: impl Iterator<Item = Counted>) -> u64 {
    use std::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    terms.fold(0u64, |sum, counted| {
        sum.wrapping_add(hasher.hash_one(counted))
    })
}
