//! Which of the last build's docs are which of this build's. A doc added or removed shifts
//! the id of every doc after it, so the docs are matched by their keys (unique: a unit's key
//! holds its guideline's and its place there) in order, not by id. What matches is the same
//! doc under its new id. Between two matches the docs are rewritten, added or removed: an
//! edited guideline's units all have new keys, so they are paired by what the index holds
//! of them (a unit that only moved touches no term), the rest in order while both sides
//! have one.

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_deadline, capture_diff_slices_deadline};

use crate::DocKind;
use crate::term_stats::{ChangedDoc, DocKey};

/// How long the matching may search for the fewest changes before it settles for more
/// (which only costs the build more to weigh, or the whole encoding): far above what an
/// edit of a few guidelines takes among 100,000 docs.
const MATCHING_TIME: Duration = Duration::from_millis(100);

/// One build's docs, as they are matched.
pub(super) struct Docs<'a> {
    pub(super) keys: &'a [DocKey],
    pub(super) kind: &'a dyn Fn(usize) -> DocKind,
    /// A hash of what the index holds of a doc (its terms and counts), where known.
    pub(super) content: &'a dyn Fn(usize) -> Option<u64>,
}

/// The last build's docs against this build's.
pub(super) struct DocMap {
    /// The docs that took the place of one of the last build's of another key or kind.
    pub(super) changed: Vec<ChangedDoc>,
    /// The docs with no last build's doc (ids now, ascending).
    pub(super) added: Vec<usize>,
    /// The last build's docs with none now (their keys).
    pub(super) removed: Vec<DocKey>,
    /// Per last build's doc, its id now, rewritten or not (`u32::MAX`: removed); `None`
    /// when every doc kept its id.
    pub(super) renumbered: Option<Vec<u32>>,
    /// Per doc, the last build's id of the very same doc (same key and kind), if any.
    pub(super) same: Vec<Option<u32>>,
}

impl DocMap {
    /// This build's docs against the last build's.
    pub(super) fn between(last: &Docs<'_>, now: &Docs<'_>) -> Self {
        let (last_keys, keys) = (last.keys, now.keys);
        let mut map = DocMap {
            changed: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
            renumbered: None,
            same: vec![None; keys.len()],
        };
        let mut to_new = vec![u32::MAX; last_keys.len()];
        let mut pair = |old: usize, new: usize, map: &mut DocMap| {
            to_new[old] = new as u32;
            let kind_changed = (last.kind)(old) != (now.kind)(new);
            if last_keys[old] == keys[new] && !kind_changed {
                map.same[new] = Some(old as u32);
            } else {
                map.changed.push(ChangedDoc {
                    id: new,
                    old_key: last_keys[old],
                    kind_changed,
                });
            }
        };
        for op in matched(last_keys, keys) {
            // Between two matches, the docs pair by content first.
            let runs = match op {
                DiffOp::Replace { .. } => {
                    matched_by_content(last, op.old_range(), now, op.new_range())
                }
                _ => vec![(op.old_range(), op.new_range())],
            };
            // Paired in order while both sides have one; the rest removed or added.
            for (old, new) in runs {
                let both = old.len().min(new.len());
                (0..both).for_each(|i| pair(old.start + i, new.start + i, &mut map));
                map.removed.extend(&last_keys[old.start + both..old.end]);
                map.added.extend(new.start + both..new.end);
            }
        }
        map.changed.sort_unstable_by_key(|doc| doc.id);
        map.added.sort_unstable();
        let kept_ids = last_keys.len() == keys.len()
            && to_new
                .iter()
                .enumerate()
                .all(|(old, &new)| new == old as u32);
        map.renumbered = (!kept_ids).then_some(to_new);
        map
    }

    /// How many docs were rewritten, added or removed.
    pub(super) fn changes(&self) -> usize {
        self.changed.len() + self.added.len() + self.removed.len()
    }

    /// The ids now of the docs rewritten or added, ascending.
    pub(super) fn changed_ids(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (self.changed.iter().map(|doc| doc.id))
            .chain(self.added.iter().copied())
            .map(|id| id as u32)
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// The keys matched in order: the common start and end at once, the rest by patience
/// diffing (every key is unique, so each match is certain).
fn matched(old: &[DocKey], new: &[DocKey]) -> Vec<DiffOp> {
    let start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = (old[start..].iter().rev())
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_end, new_end) = (old.len() - end, new.len() - end);
    let mut ops = Vec::new();
    let equal = |old_index, new_index, len| DiffOp::Equal {
        old_index,
        new_index,
        len,
    };
    if start > 0 {
        ops.push(equal(0, 0, start));
    }
    if start < old_end || start < new_end {
        let deadline = Instant::now() + MATCHING_TIME;
        ops.extend(capture_diff_deadline(
            Algorithm::Patience,
            old,
            start..old_end,
            new,
            start..new_end,
            Some(deadline),
        ));
    }
    if end > 0 {
        ops.push(equal(old_end, new_end, end));
    }
    ops
}

/// The docs `old` (the last build's) and `new` matched in order by what the index holds of
/// them, as runs of each side (of one length where they match); a doc whose content is not
/// known matches none.
fn matched_by_content(
    last: &Docs<'_>,
    old: Range<usize>,
    now: &Docs<'_>,
    new: Range<usize>,
) -> Vec<(Range<usize>, Range<usize>)> {
    // (0, hash) for a known content; (1 or 2, place) for an unknown one, unlike any other.
    let contents = |docs: &Docs<'_>, ids: Range<usize>, side: u8| -> Vec<(u8, u64)> {
        ids.map(|id| match (docs.content)(id) {
            Some(hash) => (0, hash ^ kind_bits((docs.kind)(id))),
            None => (side, id as u64),
        })
        .collect()
    };
    let (old_contents, new_contents) = (
        contents(last, old.clone(), 1),
        contents(now, new.clone(), 2),
    );
    let deadline = Instant::now() + MATCHING_TIME;
    let ops = capture_diff_slices_deadline(
        Algorithm::Myers,
        &old_contents,
        &new_contents,
        Some(deadline),
    );
    let moved = |range: Range<usize>, by: usize| range.start + by..range.end + by;
    (ops.iter())
        .map(|op| {
            (
                moved(op.old_range(), old.start),
                moved(op.new_range(), new.start),
            )
        })
        .collect()
}

/// Bits that tell a doc's kind apart in a content hash.
fn kind_bits(kind: DocKind) -> u64 {
    match kind {
        DocKind::Section => 0,
        DocKind::Recommendation => 0x9e37_79b9_7f4a_7c15,
    }
}

/// A term's postings as a chunk file holds them (doc deltas and weights) renumbered in
/// place as now (`to_new`, per last build's doc): whether any doc's id moved. `None` when a
/// doc of them is gone, or they are not pairs of a delta and a weight.
pub(super) fn renumber(deltas: &mut [u32], to_new: &[u32]) -> Option<bool> {
    if !deltas.len().is_multiple_of(2) {
        return None;
    }
    let (mut old, mut previous_new, mut moved) = (0u32, 0u32, false);
    for pair in deltas.chunks_exact_mut(2) {
        old = old.checked_add(pair[0])?;
        let new = *to_new.get(old as usize)?;
        // Ids now ascend as the last build's did: the docs keep their order.
        if new == u32::MAX || new < previous_new {
            return None;
        }
        moved |= new != old;
        pair[0] = new - previous_new;
        previous_new = new;
    }
    Some(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &str) -> Vec<DocKey> {
        names
            .bytes()
            .map(|b| {
                let mut key = [0; 16];
                key[0] = b;
                key
            })
            .collect()
    }

    /// Docs named by letters, their keys; a doc's content is its letter in `contents`
    /// (`.`: not known).
    fn map_with(old: &str, old_contents: &str, new: &str, new_contents: &str) -> DocMap {
        let content = |contents: &str, id: usize| match contents.as_bytes()[id] {
            b'.' => None,
            byte => Some(u64::from(byte)),
        };
        let section = |_| DocKind::Section;
        DocMap::between(
            &Docs {
                keys: &keys(old),
                kind: &section,
                content: &|id| content(old_contents, id),
            },
            &Docs {
                keys: &keys(new),
                kind: &section,
                content: &|id| content(new_contents, id),
            },
        )
    }

    fn map(old: &str, new: &str) -> DocMap {
        map_with(old, &".".repeat(old.len()), new, &".".repeat(new.len()))
    }

    #[test]
    fn docs_added_and_removed_renumber_those_after_them() {
        let m = map("abcdef", "abXcdf");
        assert_eq!(m.added, vec![2]);
        assert_eq!(m.removed, keys("e"));
        assert!(m.changed.is_empty());
        assert_eq!(m.renumbered, Some(vec![0, 1, 3, 4, u32::MAX, 5]));
        assert_eq!(
            m.same,
            vec![Some(0), Some(1), None, Some(2), Some(3), Some(5)]
        );
        assert_eq!(m.changes(), 2);
    }

    #[test]
    fn a_doc_rewritten_in_place_keeps_every_id() {
        let m = map("abcdef", "abXdef");
        assert!(m.renumbered.is_none());
        assert_eq!(m.changed.len(), 1);
        assert_eq!((m.changed[0].id, m.changed[0].old_key), (2, keys("c")[0]));
        assert!(m.added.is_empty() && m.removed.is_empty());
        assert_eq!(m.changed_ids(), vec![2]);
        // Nothing changed: nothing to do.
        let m = map("abc", "abc");
        assert_eq!((m.changes(), m.renumbered.is_none()), (0, true));
    }

    #[test]
    fn rewritten_docs_pair_in_order_and_the_rest_are_added_or_removed() {
        // Two docs of one place rewritten into three: two rewritten, one added.
        let m = map("abcdef", "abXYZef");
        let ids: Vec<usize> = m.changed.iter().map(|d| d.id).collect();
        assert_eq!(ids, vec![2, 3]);
        assert_eq!(m.added, vec![4]);
        assert_eq!(m.renumbered, Some(vec![0, 1, 2, 3, 5, 6]));
        assert_eq!(m.changed_ids(), vec![2, 3, 4]);
        // A doc moved away is removed where it was and added where it is.
        let m = map("abcdef", "bcdeaf");
        assert_eq!(m.changes(), 2);
        assert_eq!(m.same[5], Some(5));
    }

    /// An edited guideline's units all have new keys: a section added at its start pairs
    /// each old unit with the new one of the same content, not with the one in its place.
    #[test]
    fn rewritten_docs_pair_by_content_first() {
        let m = map_with("abcdz", "pqrs.", "ABCDEz", "npqrs.");
        let pairs: Vec<(usize, DocKey)> = m.changed.iter().map(|d| (d.id, d.old_key)).collect();
        assert_eq!(
            pairs,
            vec![
                (1, keys("a")[0]),
                (2, keys("b")[0]),
                (3, keys("c")[0]),
                (4, keys("d")[0])
            ]
        );
        assert_eq!(m.added, vec![0]);
        assert_eq!(m.renumbered, Some(vec![1, 2, 3, 4, 5]));
        assert_eq!(m.same[5], Some(4));
    }

    #[test]
    fn a_doc_of_the_same_key_and_another_kind_is_rewritten() {
        let content = |_| None;
        let m = DocMap::between(
            &Docs {
                keys: &keys("ab"),
                kind: &|_| DocKind::Section,
                content: &content,
            },
            &Docs {
                keys: &keys("ab"),
                kind: &|id| {
                    if id == 1 {
                        DocKind::Recommendation
                    } else {
                        DocKind::Section
                    }
                },
                content: &content,
            },
        );
        assert_eq!(m.changed.len(), 1);
        assert!(m.changed[0].kind_changed);
        assert_eq!(m.same, vec![Some(0), None]);
    }

    #[test]
    fn postings_are_renumbered_or_refused() {
        // Docs 0, 3, 4 of the last build; doc 2 removed, so 3 and 4 are now 2 and 3.
        let to_new = [0, 1, u32::MAX, 2, 3];
        let renumbered = |mut deltas: Vec<u32>| renumber(&mut deltas, &to_new).map(|m| (m, deltas));
        assert_eq!(
            renumbered(vec![0, 7, 3, 8, 1, 9]),
            Some((true, vec![0, 7, 2, 8, 1, 9]))
        );
        assert_eq!(
            renumbered(vec![1, 5]),
            Some((false, vec![1, 5])),
            "doc 1 keeps its id"
        );
        assert_eq!(renumbered(vec![2, 5]), None, "doc 2 is gone");
        assert_eq!(renumbered(vec![9, 5]), None, "no doc 9");
        assert_eq!(renumbered(vec![1]), None);
    }
}
