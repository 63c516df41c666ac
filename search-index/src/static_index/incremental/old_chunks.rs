//! The last build's chunk files as a build that takes them (`super`) reads them: each
//! term's postings as bytes, the docs renumbered when units were added or removed.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::value::RawValue;

use super::super::Chunk;
use super::super::chunks::Deltas;
use super::Plan;
use super::doc_map::renumber;

impl Plan<'_> {
    /// Old chunk `k`'s terms with their postings, as its file holds them (as bytes), or,
    /// when docs were renumbered, read as numbers and renumbered as now: a term one of whose
    /// docs is gone is left out (it is weighed).
    pub(super) fn read_chunk(&self, k: usize) -> Option<OldChunk> {
        let Some(to_new) = &self.renumbered else {
            let chunk = self.read_chunk_file(k)?;
            let terms = chunk.terms.into_iter();
            return Some(OldChunk {
                terms: terms.map(|(term, raw)| (term, Deltas::Kept(raw))).collect(),
                moved: false,
            });
        };
        let bytes = self.read_listed("c", &self.last.chunks.get(k)?.file)?;
        let chunk: Chunk = serde_json::from_slice(&bytes).ok()?;
        let mut moved = false;
        let terms = (chunk.terms.into_iter())
            .filter_map(|(term, mut numbers)| {
                moved |= renumber(&mut numbers, to_new)?;
                Some((term, Deltas::Numbers(numbers)))
            })
            .collect();
        Some(OldChunk { terms, moved })
    }

    /// Old chunk `k` as its file holds it.
    pub(super) fn read_chunk_file(&self, k: usize) -> Option<KeptChunkFile> {
        let bytes = self.read_listed("c", &self.last.chunks.get(k)?.file)?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// The last build's chunk files read so far, by old chunk (`None`: unreadable), each as
/// [`Plan::read_chunk`] gives it.
pub(super) struct OldChunks {
    read: HashMap<usize, Option<OldChunk>>,
}

impl OldChunks {
    pub(super) fn new() -> Self {
        Self {
            read: HashMap::new(),
        }
    }

    /// Every old chunk, read on every core.
    pub(super) fn all(plan: &Plan<'_>) -> Self {
        let chunks = 0..plan.last.chunks.len();
        Self {
            read: (chunks.into_par_iter())
                .map(|k| (k, plan.read_chunk(k)))
                .collect(),
        }
    }

    /// Old chunk `k`, read once.
    pub(super) fn get(&mut self, plan: &Plan<'_>, k: usize) -> Option<&OldChunk> {
        self.read
            .entry(k)
            .or_insert_with(|| plan.read_chunk(k))
            .as_ref()
    }

    /// Old chunk `k`, no longer held here.
    pub(super) fn take(&mut self, plan: &Plan<'_>, k: usize) -> Option<OldChunk> {
        match self.read.remove(&k) {
            Some(chunk) => chunk,
            None => plan.read_chunk(k),
        }
    }
}

/// A last build's chunk file: each term's postings, as its bytes hold them or read.
pub(super) type KeptChunk = HashMap<String, Deltas>;

/// A last build's chunk file, its docs renumbered as now: its terms' postings, and whether
/// a doc of them has another id now (its bytes then differ).
pub(super) struct OldChunk {
    pub(super) terms: KeptChunk,
    pub(super) moved: bool,
}

/// A chunk file read back with its postings left as they are written (`Chunk` parses
/// them).
#[derive(serde::Deserialize)]
pub(super) struct KeptChunkFile {
    pub(super) terms: Vec<(String, Box<RawValue>)>,
}
