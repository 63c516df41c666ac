//! The static index of a build after a few docs changed, made with work in proportion to the
//! change: the files the last build's record ([`LastIndex`]) lists are taken as they were
//! wherever nothing they hold can have moved, and only the rest is weighed and encoded.
//!
//! The last build's docs are matched to this build's (`doc_map.rs`): the same docs, those
//! rewritten, added or removed; a doc added or removed moves the ids of the docs after it,
//! and the last build's postings are then read renumbered (`old_chunks.rs`). With the grid
//! statistics as they were, a term's postings move only where a changed doc gained, lost or
//! recounted it, or moved a field norm it is in, or a doc added or removed has it
//! (`TermStats::touched_terms`); a term no doc has any more shows as a chunk that holds
//! fewer terms. A chunk holding none of those and no doc whose id moved, from the same
//! start, is the same chunk, and the cuts after a chunk made again find the old ones again
//! at once, as a rule (cut by their terms, `chunks.rs`): from the first old chunk that starts
//! where a new one does and holds nothing touched, the last build's chunks are taken again.
//!
//! In a chunk made again only the touched terms are weighed; every other term's postings are
//! copied, encoded, from the last build's chunk file (which the record vouches for by its
//! hash). A touched term in more docs than its list keeps, whose changed docs have it in the
//! same fields as before, keeps its list too when none of them is in it or comes into it. So
//! the weighing is one pass over the docs' terms and a few terms' postings (one edited unit
//! at 1,000 guidelines: 84 terms, most only counted, against ~16,000 terms and ~1.5 million
//! postings weighed before).
//!
//! A fragment file that holds the same docs under the same ids is the same file; one made
//! again copies its unchanged docs' entries from the last build's files (`fragments.rs`).
//! A typo table none of whose terms came or went is the same file (`typos.rs`). Anything
//! else (another grid point, a quarter of the docs changed, no record, a record of other
//! settings) encodes everything, as [`super::encode_into`] does.

use std::collections::HashMap;
use std::ops::Range;

use crate::term_stats::Scoring;
use crate::{GroupRange, IndexDoc, Synonyms, TermStats};

use super::chunks::{ChunkWriter, Deltas, quantized};
use super::record::{LastIndex, Listed, ListedChunk};
use super::{
    CHUNK_BYTES, Encoded, FRAGMENT_TEXT_CHARS, Files, IndexFile, MAX_POSTINGS, Made, TextsToRead,
    VERSION, content_hash, encode_streaming, fragment_cuts,
};

mod doc_map;
mod fragments;
mod old_chunks;
mod typos;

use doc_map::{DocMap, Docs};
use old_chunks::{KeptChunk, OldChunks};

/// The last build's static index, whose files the site in place holds.
#[derive(Clone, Copy)]
pub struct LastBuild<'a> {
    /// Its record.
    pub record: &'a LastIndex,
    /// A file it lists, by name (`c.<hash>.json`), read from the site in place. One is read
    /// only where a new file is made from its bytes (a chunk cut again, a typo table a term
    /// came to or left); one that cannot be read, or whose bytes are not the record's, makes
    /// the build weigh or encode that part afresh.
    pub read: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

/// [`super::encode_into`] of `stats`' weights, taking from `last` (the last build's record,
/// whose files the site in place holds) every file that would come out the same, as
/// [`IndexFile::Kept`]. The bytes of every file, and the meta file, are exactly a full
/// encoding's. The record for the next build comes with the meta file when `stats` has keys
/// that cover every field of a doc. The texts of docs in `unread` are read only for the
/// fragment files made.
pub fn encode_reusing<E>(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    stats: &TermStats,
    synonyms: &Synonyms,
    last: Option<LastBuild<'_>>,
    unread: Option<TextsToRead<'_, E>>,
    put: impl FnMut(&str, IndexFile<'_>) -> Result<(), E>,
) -> Result<Encoded, E> {
    let sources = Sources { last, unread };
    encode_reusing_with(docs, groups, stats, synonyms, sources, CHUNK_BYTES, put)
}

/// What a build reads besides its docs and their statistics: the last build's static
/// index, and the texts the docs do not hold.
pub(super) struct Sources<'a, E> {
    pub(super) last: Option<LastBuild<'a>>,
    pub(super) unread: Option<TextsToRead<'a, E>>,
}

/// [`encode_reusing`] with chunks of about `chunk_bytes` (small in tests).
pub(super) fn encode_reusing_with<E>(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    stats: &TermStats,
    synonyms: &Synonyms,
    Sources { last, unread }: Sources<'_, E>,
    chunk_bytes: usize,
    put: impl FnMut(&str, IndexFile<'_>) -> Result<(), E>,
) -> Result<Encoded, E> {
    let scoring = stats.scoring(docs);
    let ctx = Context {
        docs,
        stats,
        scoring: &scoring,
        chunk_bytes,
        phrases: stats.phrase_terms(),
    };
    let plan = last.and_then(|last| Plan::of(&ctx, last));
    let out = Files::new(put, unread);
    let made = match plan {
        Some(plan) => plan.encode(&ctx, out)?,
        None => {
            let weights = stats.weighted_terms(docs);
            let terms: Vec<&str> = weights.terms().collect();
            let weights = (terms.as_slice(), weights);
            encode_streaming(docs, groups, weights, synonyms, chunk_bytes, out)?.1
        }
    };
    let mut made = made;
    let bounds: Vec<&str> = made.chunks.iter().map(|c| c.bound.as_str()).collect();
    let plain = ctx.plain_terms(&bounds);
    for (chunk, plain) in made.chunks.iter_mut().zip(plain) {
        chunk.plain_terms = plain;
    }
    let mut encoded = made.meta(docs, groups, synonyms);
    encoded.record = stats.whole_keys().map(|(keys, seal)| {
        LastIndex {
            settings: settings(seal, chunk_bytes),
            meta: *blake3::hash(&encoded.meta_bytes).as_bytes(),
            grid: scoring.grid(),
            keys: keys.to_vec(),
            kinds: docs.iter().map(|d| d.kind).collect(),
            chunks: made.chunks,
            fragments: made.fragments,
            fragment_docs: made.fragment_docs,
            typo_bytes: made.typo_bytes,
            typos: made.typos,
        }
        .to_bytes()
    });
    Ok(encoded)
}

/// What the encoding reads besides the record.
struct Context<'a> {
    docs: &'a [IndexDoc],
    stats: &'a TermStats,
    scoring: &'a Scoring,
    chunk_bytes: usize,
    /// The phrases' term ids, ascending.
    phrases: Vec<u32>,
}

impl Context<'_> {
    /// The term ids of each chunk that starts at `bounds[k]` (the last one to the end).
    fn ranges(&self, bounds: &[&str]) -> Vec<Range<u32>> {
        let terms = self.stats.terms();
        let starts: Vec<u32> = bounds
            .iter()
            .map(|bound| terms.partition_point(|t| t.as_str() < *bound) as u32)
            .collect();
        let ends = starts.iter().skip(1).copied().chain([terms.len() as u32]);
        starts.iter().zip(ends).map(|(&s, e)| s..e.max(s)).collect()
    }

    /// How many terms that are no phrase's each chunk starting at `bounds[k]` holds: every
    /// such term is some doc's, so these are counted without the postings.
    fn plain_terms(&self, bounds: &[&str]) -> Vec<u32> {
        self.ranges(bounds)
            .into_iter()
            .map(|range| {
                let below = |at: u32| self.phrases.partition_point(|&p| p < at);
                let phrases = below(range.end) - below(range.start);
                (range.len() - phrases) as u32
            })
            .collect()
    }
}

/// What a build takes from the last: which of its chunks hold nothing that moved.
struct Plan<'a> {
    last: &'a LastIndex,
    read: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    /// Each old chunk's term ids now.
    ranges: Vec<Range<u32>>,
    /// Per old chunk: whether something in it may have moved.
    dirty: Vec<bool>,
    /// The terms whose postings may have moved, ascending, each with whether it moved in
    /// place (`TermStats::touched_terms`): only these are weighed; the others' postings are
    /// the last build's, as its chunk files hold them.
    touched: Vec<(u32, bool)>,
    /// The ids of the docs rewritten or added, ascending.
    changed: Vec<u32>,
    /// Per last build's doc, its id now (`u32::MAX`: removed), when docs added or removed
    /// moved ids: the last build's postings are read renumbered.
    renumbered: Option<Vec<u32>>,
    /// Per doc, the last build's id of the same doc, if any: its entry in a fragment file
    /// is the last build's.
    same: Vec<Option<u32>>,
}

impl<'a> Plan<'a> {
    /// The plan, when `last` was made with the same settings and statistics, and few
    /// enough docs were rewritten, added or removed that taking the rest is the shorter way.
    fn of(ctx: &Context<'_>, last: LastBuild<'a>) -> Option<Self> {
        let LastBuild { record: last, read } = last;
        let (keys, seal) = ctx.stats.whole_keys()?;
        let same = last.settings == settings(seal, ctx.chunk_bytes)
            && last.grid == ctx.scoring.grid()
            && last.kinds.len() == last.keys.len()
            && keys.len() == ctx.docs.len();
        // Bounds ascending from "", as an encoding leaves them (else the record is foreign).
        let ordered = last.chunks.first().is_some_and(|c| c.bound.is_empty())
            && last.chunks.windows(2).all(|w| w[0].bound < w[1].bound);
        if !same || !ordered {
            return None;
        }
        let stats = ctx.stats;
        let map = DocMap::between(
            &Docs {
                keys: &last.keys,
                kind: &|id| last.kinds[id],
                content: &|id| stats.last_doc_content(&last.keys[id]),
            },
            &Docs {
                keys,
                kind: &|id| ctx.docs[id].kind,
                content: &|id| Some(stats.doc_content(id)),
            },
        );
        if map.changes() * 4 > keys.len().max(last.keys.len()) {
            return None;
        }
        let touched = ctx
            .stats
            .touched_terms(&map.changed, &map.added, &map.removed)?;
        let bounds: Vec<&str> = last.chunks.iter().map(|c| c.bound.as_str()).collect();
        let ranges = ctx.ranges(&bounds);
        let plain = ctx.plain_terms(&bounds);
        let mut dirty: Vec<bool> = plain
            .iter()
            .zip(&last.chunks)
            .map(|(&now, old)| now != old.plain_terms)
            .collect();
        for &(term, _) in &touched {
            let k = ranges.partition_point(|r| r.end <= term);
            if let Some(d) = dirty.get_mut(k) {
                *d = true;
            }
        }
        // With the ids in place, a plan that weighs most chunks' terms again is no shorter
        // than encoding them all. With ids renumbered every chunk is cut again anyway, and
        // weighing only the touched terms is the shorter way even then (a guideline added
        // at 1,000: 1.06 s encoding all, 0.86 s by the plan).
        let most_dirty = dirty.iter().filter(|&&d| d).count() * 2 > dirty.len();
        if most_dirty && map.renumbered.is_none() {
            return None;
        }
        Some(Self {
            last,
            read,
            ranges,
            dirty,
            touched,
            changed: map.changed_ids(),
            renumbered: map.renumbered,
            same: map.same,
        })
    }

    /// Every file, those that moved made and put, the others kept.
    fn encode<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        self,
        ctx: &Context<'_>,
        mut out: Files<'_, P, E>,
    ) -> Result<Made, E> {
        // Docs renumbered move nearly every chunk: all are read, on every core.
        let mut old_chunks = match self.renumbered {
            Some(_) => OldChunks::all(&self),
            None => OldChunks::new(),
        };
        let fresh = self.weigh_touched(ctx, &mut old_chunks);
        let phrase_docs: Vec<bool> = ctx
            .phrases
            .iter()
            .map(|p| fresh.get(p).is_some_and(|w| !w.is_empty()))
            .collect();
        // Every term but a phrase's is some doc's.
        let has_docs = |term: u32| match ctx.phrases.binary_search(&term) {
            Ok(i) => phrase_docs[i],
            Err(_) => true,
        };
        let chunks = self.chunks(ctx, &mut out, fresh, old_chunks, has_docs)?;
        let (fragments, fragment_docs) = self.fragments(ctx, &mut out)?;
        let (typos, typo_bytes) = self.typos(ctx, &mut out, has_docs)?;
        Ok(Made {
            chunks,
            fragments,
            fragment_docs,
            typos,
            typo_bytes,
        })
    }

    /// The last build's file of `kind` listed as `file`, when it reads as exactly its bytes.
    fn read_listed(&self, kind: &str, file: &Listed) -> Option<Vec<u8>> {
        let bytes = (self.read)(&format!("{kind}.{}.json", file.hash))?;
        (bytes.len() as u64 == file.size && content_hash(&bytes) == file.hash).then_some(bytes)
    }

    /// The touched terms and the phrases weighed again, but for the touched terms that
    /// moved in place in a long list (the [`MAX_POSTINGS`] best docs of more) that no changed
    /// doc is in or comes into: every other doc's weight is as it was, so the list is. Those
    /// are counted rather than weighed (their doc frequencies make a changed doc's weight),
    /// and left out: their postings are the last chunk file's.
    fn weigh_touched(
        &self,
        ctx: &Context<'_>,
        old_chunks: &mut OldChunks,
    ) -> HashMap<u32, Vec<(u32, f32)>> {
        let terms = ctx.stats.terms();
        let mut weigh: Vec<u32> = ctx.phrases.clone();
        // Each term that may keep its list, with the least weight in that list.
        let mut long: Vec<(u32, u32)> = Vec::new();
        for &(term, in_place) in &self.touched {
            let least = (in_place && ctx.phrases.binary_search(&term).is_err())
                .then(|| {
                    let k = self.ranges.partition_point(|r| r.end <= term);
                    let kept = old_chunks
                        .get(self, k)?
                        .terms
                        .get(terms[term as usize].as_str())?;
                    match kept {
                        Deltas::Numbers(deltas) => least_without(deltas, &self.changed),
                        Deltas::Kept(raw) => {
                            let deltas: Vec<u32> = serde_json::from_str(raw.get()).ok()?;
                            least_without(&deltas, &self.changed)
                        }
                    }
                })
                .flatten();
            match least {
                Some(least) => long.push((term, least)),
                None => weigh.push(term),
            }
        }
        weigh.sort_unstable();
        weigh.dedup();
        let singles =
            |terms: &[u32]| -> Vec<Range<u32>> { terms.iter().map(|&t| t..t + 1).collect() };
        let counted: Vec<u32> = long.iter().map(|&(term, _)| term).collect();
        let (weighed, frequencies) =
            ctx.stats
                .weigh_and_count(ctx.scoring, ctx.docs, &singles(&weigh), &counted);
        let mut fresh: HashMap<u32, Vec<(u32, f32)>> = weighed.into_iter().collect();
        let least: HashMap<u32, u32> = long.into_iter().collect();
        // A changed doc that would come into the list: the term is weighed after all.
        let comes_in = |term: u32, frequencies| {
            self.changed.iter().any(|&doc| {
                ctx.stats
                    .counts_of(doc as usize, term)
                    .is_some_and(|counts| {
                        let slot = ctx.stats.slot(term, 0);
                        let weight =
                            ctx.scoring
                                .weight_of(slot, doc, counts, frequencies, ctx.docs);
                        quantized(weight) >= least[&term]
                    })
            })
        };
        let again: Vec<u32> = frequencies
            .into_iter()
            .filter(|&(term, frequencies)| comes_in(term, frequencies))
            .map(|(term, _)| term)
            .collect();
        if !again.is_empty() {
            fresh.extend(
                ctx.stats
                    .weigh_ranges(ctx.scoring, ctx.docs, &singles(&again)),
            );
        }
        fresh
    }

    /// The chunks: the last build's while the cuts are where its were and nothing in them
    /// moved; the others cut again from their terms (`fresh`: those weighed again; the rest
    /// as the last build's chunk files hold them). `has_docs` says whether a term is some
    /// doc's.
    fn chunks<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        &self,
        ctx: &Context<'_>,
        out: &mut Files<'_, P, E>,
        mut fresh: HashMap<u32, Vec<(u32, f32)>>,
        mut old_chunks: OldChunks,
        has_docs: impl Fn(u32) -> bool + Copy,
    ) -> Result<Vec<ListedChunk>, E> {
        let terms = ctx.stats.terms();
        let mut writer = ChunkWriter::new(ctx.chunk_bytes);
        let mut chunks = Vec::new();
        for (k, old) in self.last.chunks.iter().enumerate() {
            let first_term = self.ranges[k].clone().find(|&t| has_docs(t));
            // Renumbered docs move a chunk's bytes as much as weights do.
            let moved = |old_chunks: &mut OldChunks| {
                self.renumbered.is_some() && old_chunks.get(self, k).is_none_or(|c| c.moved)
            };
            if let (true, false, Some(first)) = (writer.is_empty(), self.dirty[k], first_term)
                && !moved(&mut old_chunks)
            {
                let bound = writer.pass(&terms[first as usize], &old.last);
                chunks.push(ListedChunk {
                    file: out.kept_file("c", &old.file)?,
                    bound,
                    ..old.clone()
                });
                continue;
            }
            let old = old_chunks.take(self, k).map(|chunk| chunk.terms);
            for (term, postings) in self.chunk_terms(ctx, k, old, &mut fresh, has_docs) {
                let term = &terms[term as usize];
                let cut = match postings {
                    Postings::Weighed(weights) => writer.push(term, &weights),
                    Postings::Kept(deltas) => writer.push_encoded(term, deltas),
                };
                if let Some(cut) = cut {
                    chunks.push(out.new_chunk(cut)?);
                }
            }
        }
        if let Some(cut) = writer.finish() {
            chunks.push(out.new_chunk(cut)?);
        }
        Ok(chunks)
    }

    /// The terms some doc has of old chunk `k`'s range, in order, with their postings: a
    /// term weighed again from `fresh` (taken), any other as the last build's chunk file
    /// (`old`, by term) holds it. When that file could not be read or lacks such a term, the
    /// whole range is weighed.
    fn chunk_terms(
        &self,
        ctx: &Context<'_>,
        k: usize,
        old: Option<KeptChunk>,
        fresh: &mut HashMap<u32, Vec<(u32, f32)>>,
        has_docs: impl Fn(u32) -> bool,
    ) -> Vec<(u32, Postings)> {
        let terms = ctx.stats.terms();
        let range = self.ranges[k].clone();
        let mut old = old.unwrap_or_default();
        let mut taken = Vec::with_capacity(range.len());
        for term in range.clone().filter(|&t| has_docs(t)) {
            if let Some(weights) = fresh.remove(&term) {
                if !weights.is_empty() {
                    taken.push((term, Postings::Weighed(weights)));
                }
                continue;
            }
            match old.remove(terms[term as usize].as_str()) {
                Some(deltas) => taken.push((term, Postings::Kept(deltas))),
                None => {
                    let weighed = ctx.stats.weigh_ranges(ctx.scoring, ctx.docs, &[range]);
                    return weighed
                        .into_iter()
                        .filter(|(_, weights)| !weights.is_empty())
                        .map(|(term, weights)| (term, Postings::Weighed(weights)))
                        .collect();
                }
            }
        }
        taken
    }
}

/// The least weight in a list of postings as a chunk file holds them (doc deltas and
/// weights), when it holds [`MAX_POSTINGS`] docs (so was cut to its best) none of which is
/// among `changed` (ascending).
fn least_without(deltas: &[u32], changed: &[u32]) -> Option<u32> {
    if deltas.len() != 2 * MAX_POSTINGS {
        return None;
    }
    let (mut doc, mut least) = (0u32, u32::MAX);
    for pair in deltas.chunks_exact(2) {
        doc = doc.checked_add(pair[0])?;
        if changed.binary_search(&doc).is_ok() {
            return None;
        }
        least = least.min(pair[1]);
    }
    Some(least)
}

/// A term's postings in a chunk being cut: weighed again, or as the last build's chunk file
/// holds them (doc deltas and weights: its bytes, or read and renumbered).
enum Postings {
    Weighed(Vec<(u32, f32)>),
    Kept(Deltas),
}

/// What the encoding depends on besides the docs and their statistics: the analysis' seal
/// (program and phrases) and the format's constants.
fn settings(seal: &[u8; 32], chunk_bytes: usize) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(seal);
    for n in [
        VERSION as usize,
        chunk_bytes,
        fragment_cuts::MIN_DOCS,
        fragment_cuts::SPREAD as usize,
        fragment_cuts::MAX_DOCS,
        FRAGMENT_TEXT_CHARS,
        MAX_POSTINGS,
    ] {
        hasher.update(&(n as u64).to_le_bytes());
    }
    *hasher.finalize().as_bytes()
}
