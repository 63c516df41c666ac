//! The fragment files of a build that takes the last build's files (`super`): the last
//! build's where they hold the same docs under the same ids; the others made, the entries of
//! their unchanged docs copied from the last build's fragment files rather than made from
//! their texts.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::value::RawValue;

use super::super::record::Listed;
use super::super::{FRAGMENT_SIZE, Files, IndexFile, KeptEntries, fragment_docs};
use super::{Context, Plan};

impl Plan<'_> {
    /// The fragment files: the last build's where they hold the same docs under the same
    /// ids; the others made, the entries of their docs that a last build's file holds taken
    /// from it.
    pub(super) fn fragments<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        &self,
        ctx: &Context<'_>,
        out: &mut Files<'_, P, E>,
    ) -> Result<Vec<Listed>, E> {
        let (docs, last_docs) = (ctx.docs.len(), self.last.keys.len());
        let count = docs.div_ceil(FRAGMENT_SIZE);
        let kept = |k: usize| {
            let ids = fragment_docs(k, docs);
            let same = ids == fragment_docs(k, last_docs)
                && ids.clone().all(|id| self.same[id] == Some(id as u32));
            same.then(|| self.last.fragments.get(k)).flatten()
        };
        let made = out.new_fragments(
            ctx.docs,
            (0..count).filter(|&k| kept(k).is_none()),
            |files| self.kept_entries(files, docs),
        )?;
        let mut made = made.into_iter();
        (0..count)
            .map(|k| match kept(k) {
                Some(file) => out.kept_file("f", file),
                // As many made as not kept.
                None => Ok(made.next().unwrap_or_else(|| Listed {
                    hash: String::new(),
                    size: 0,
                })),
            })
            .collect()
    }

    /// The entries of the docs of fragment files `files` (of `docs` docs) that the last
    /// build's fragment files hold of the same docs, by doc id; each file read once.
    fn kept_entries(&self, files: &[usize], docs: usize) -> KeptEntries {
        let mut by_file: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for id in files.iter().flat_map(|&k| fragment_docs(k, docs)) {
            if let Some(old) = self.same[id] {
                let old = old as usize;
                by_file
                    .entry(old / FRAGMENT_SIZE)
                    .or_default()
                    .push((id, old));
            }
        }
        by_file
            .into_par_iter()
            .flat_map_iter(|(file, docs)| {
                let mut entries = self.read_fragment(file).unwrap_or_default();
                docs.into_iter().filter_map(move |(id, old)| {
                    let entry = entries.get_mut(old % FRAGMENT_SIZE)?.take()?;
                    Some((id, entry))
                })
            })
            .collect()
    }

    /// The last build's fragment file `k`, its docs' entries as it holds them.
    fn read_fragment(&self, k: usize) -> Option<Vec<Option<Box<RawValue>>>> {
        let bytes = self.read_listed("f", self.last.fragments.get(k)?)?;
        let file: KeptFragmentFile = serde_json::from_slice(&bytes).ok()?;
        let whole = file.docs.len() == fragment_docs(k, self.last.keys.len()).len();
        whole.then(|| file.docs.into_iter().map(Some).collect())
    }
}

/// A last build's fragment file read back with its docs' entries left as they are written.
#[derive(serde::Deserialize)]
struct KeptFragmentFile {
    docs: Vec<Box<RawValue>>,
}
