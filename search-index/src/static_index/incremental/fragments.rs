//! The fragment files of a build that takes the last build's files (`super`): the last
//! build's where one holds the same docs (the files are cut by their docs, so a doc added
//! or removed changes only the file it is in, although later ids move); the others made,
//! the entries of their unchanged docs copied from the last build's fragment files rather
//! than made from their texts.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use serde_json::value::RawValue;

use super::super::record::Listed;
use super::super::{Files, IndexFile, KeptEntries, fragment_cuts};
use super::{Context, Plan};

impl Plan<'_> {
    /// The fragment files and how many docs each holds: the last build's where one holds
    /// the same docs in the same order; the others made, the entries of their docs that a
    /// last build's file holds taken from it.
    pub(super) fn fragments<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        &self,
        ctx: &Context<'_>,
        out: &mut Files<'_, P, E>,
    ) -> Result<(Vec<Listed>, Vec<u32>), E> {
        let cuts = fragment_cuts::cut(ctx.docs);
        // The record was read only if its sizes add up to its docs.
        let old = fragment_cuts::from_sizes(&self.last.fragment_docs, self.last.keys.len())
            .unwrap_or_default();
        let old_starts: Vec<usize> = old.iter().map(|file| file.start).collect();
        let kept_file = |file: &Range<usize>| {
            let first = self.same[file.start]? as usize;
            let j = old_starts.binary_search(&first).ok()?;
            let same = old[j].len() == file.len()
                && file
                    .clone()
                    .all(|id| self.same[id] == Some((first + id - file.start) as u32));
            same.then(|| self.last.fragments.get(j)).flatten()
        };
        let kept: Vec<Option<&Listed>> = cuts.iter().map(kept_file).collect();
        let made = out.new_fragments(
            ctx.docs,
            &cuts,
            (0..cuts.len()).filter(|&k| kept[k].is_none()),
            |files| self.kept_entries(files, &cuts, &old),
        )?;
        let mut made = made.into_iter();
        let listed = (kept.iter())
            .map(|kept| match kept {
                Some(file) => out.kept_file("f", file),
                // As many made as not kept.
                None => Ok(made.next().unwrap_or_else(|| Listed {
                    hash: String::new(),
                    size: 0,
                })),
            })
            .collect::<Result<_, E>>()?;
        Ok((listed, fragment_cuts::sizes(&cuts)))
    }

    /// The entries of the docs of fragment files `files` (cut as `cuts`) that the last
    /// build's fragment files (cut as `old`) hold of the same docs, by doc id; each file
    /// read once.
    fn kept_entries(
        &self,
        files: &[usize],
        cuts: &[Range<usize>],
        old: &[Range<usize>],
    ) -> KeptEntries {
        let mut by_file: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        let ids = files
            .iter()
            .filter_map(|&k| cuts.get(k))
            .flat_map(Clone::clone);
        for id in ids {
            if let Some(old_id) = self.same[id] {
                let old_id = old_id as usize;
                let j = old.partition_point(|file| file.end <= old_id);
                if let Some(file) = old.get(j) {
                    by_file
                        .entry(j)
                        .or_default()
                        .push((id, old_id - file.start));
                }
            }
        }
        by_file
            .into_par_iter()
            .flat_map_iter(|(j, docs)| {
                let held = old.get(j).map_or(0, Range::len);
                let mut entries = self.read_fragment(j, held).unwrap_or_default();
                docs.into_iter().filter_map(move |(id, at)| {
                    let entry = entries.get_mut(at)?.take()?;
                    Some((id, entry))
                })
            })
            .collect()
    }

    /// The last build's fragment file `j`, of `held` docs, its docs' entries as it holds
    /// them.
    fn read_fragment(&self, j: usize, held: usize) -> Option<Vec<Option<Box<RawValue>>>> {
        let bytes = self.read_listed("f", self.last.fragments.get(j)?)?;
        let file: KeptFragmentFile = serde_json::from_slice(&bytes).ok()?;
        (file.docs.len() == held).then(|| file.docs.into_iter().map(Some).collect())
    }
}

/// A last build's fragment file read back with its docs' entries left as they are written.
#[derive(serde::Deserialize)]
struct KeptFragmentFile {
    docs: Vec<Box<RawValue>>,
}
