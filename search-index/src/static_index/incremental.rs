//! The static index of a build after a few docs changed, made with work in proportion to the
//! change: the files the last build's record ([`LastIndex`]) lists are taken as they were
//! wherever nothing they hold can have moved, and only the rest is weighed and encoded.
//!
//! With the grid statistics, the doc count and every other doc's key as they were, a term's
//! postings move only where a changed doc gained, lost or recounted it, or moved a field norm
//! it is in (`TermStats::touched_terms`); a term no doc has any more shows as a chunk that
//! holds fewer terms. A chunk holding none of those, from the same start, is the same chunk,
//! and the cuts after a chunk made again find the old ones again at once, as a rule (cut by
//! their terms, `chunks.rs`): from the first old chunk that starts where a new one does and
//! holds nothing touched, the last build's chunks are taken again. A fragment file none of
//! whose docs changed is the same file; the typo tables are when the vocabulary is. Anything
//! else (another grid point, docs added or removed, no record, a record of other settings)
//! encodes everything, as [`super::encode_into`] does.

use std::ops::Range;

use crate::term_stats::{ChangedDoc, Scoring};
use crate::{GroupRange, IndexDoc, Synonyms, TermStats};

use super::chunks::ChunkWriter;
use super::record::{LastIndex, Listed, ListedChunk};
use super::{
    CHUNK_BYTES, Encoded, FRAGMENT_SIZE, FRAGMENT_TEXT_CHARS, Files, IndexFile, MAX_POSTINGS, Made,
    VERSION, encode_streaming, typo_table,
};

/// Old chunks weighed at once when the cuts run past the chunks first weighed.
const WEIGH_AHEAD: usize = 8;

/// [`super::encode_into`] of `stats`' weights, taking from `last` (the last build's record,
/// whose files the site in place holds) every file that would come out the same, as
/// [`IndexFile::Kept`]. The bytes of every file, and the meta file, are exactly a full
/// encoding's. The record for the next build comes with the meta file when `stats` has keys
/// that cover every field of a doc.
pub fn encode_reusing<E>(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    stats: &TermStats,
    synonyms: &Synonyms,
    last: Option<&LastIndex>,
    put: impl FnMut(&str, IndexFile<'_>) -> Result<(), E>,
) -> Result<Encoded, E> {
    encode_reusing_with(docs, groups, stats, synonyms, last, CHUNK_BYTES, put)
}

/// [`encode_reusing`] with chunks of about `chunk_bytes` (small in tests).
pub(super) fn encode_reusing_with<E>(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    stats: &TermStats,
    synonyms: &Synonyms,
    last: Option<&LastIndex>,
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
    let (made, vocabulary) = match plan {
        Some(plan) => plan.encode(&ctx, put)?,
        None => {
            let weights = stats.weighted_terms(docs);
            let terms: Vec<&str> = weights.terms().collect();
            let vocabulary = vocabulary_hash(&terms);
            let (_, made) =
                encode_streaming(docs, groups, &terms, weights, synonyms, chunk_bytes, put)?;
            (made, vocabulary)
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
            vocabulary,
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
    /// Each old chunk's term ids now.
    ranges: Vec<Range<u32>>,
    /// Per old chunk: whether something in it may have moved.
    dirty: Vec<bool>,
    /// Per fragment file: whether one of its docs changed.
    changed_fragments: Vec<bool>,
}

impl<'a> Plan<'a> {
    /// The plan, when `last` was made with the same settings and statistics for as many
    /// docs, and few enough changed that taking the rest is the shorter way.
    fn of(ctx: &Context<'_>, last: &'a LastIndex) -> Option<Self> {
        let (keys, seal) = ctx.stats.whole_keys()?;
        let same = last.settings == settings(seal, ctx.chunk_bytes)
            && last.grid == ctx.scoring.grid()
            && last.keys.len() == keys.len()
            && last.kinds.len() == ctx.docs.len()
            && keys.len() == ctx.docs.len();
        // Bounds ascending from "", as an encoding leaves them (else the record is foreign).
        let ordered = last.chunks.first().is_some_and(|c| c.bound.is_empty())
            && last.chunks.windows(2).all(|w| w[0].bound < w[1].bound);
        if !same || !ordered {
            return None;
        }
        let changed: Vec<ChangedDoc> = (0..keys.len())
            .filter(|&id| keys[id] != last.keys[id] || ctx.docs[id].kind != last.kinds[id])
            .map(|id| ChangedDoc {
                id,
                old_key: last.keys[id],
                kind_changed: ctx.docs[id].kind != last.kinds[id],
            })
            .collect();
        if changed.len() * 4 > keys.len() {
            return None;
        }
        let touched = ctx.stats.touched_terms(&changed)?;
        let bounds: Vec<&str> = last.chunks.iter().map(|c| c.bound.as_str()).collect();
        let ranges = ctx.ranges(&bounds);
        let plain = ctx.plain_terms(&bounds);
        let mut dirty: Vec<bool> = plain
            .iter()
            .zip(&last.chunks)
            .map(|(&now, old)| now != old.plain_terms)
            .collect();
        for term in touched {
            let k = ranges.partition_point(|r| r.end <= term);
            if let Some(d) = dirty.get_mut(k) {
                *d = true;
            }
        }
        if dirty.iter().filter(|&&d| d).count() * 2 > dirty.len() {
            return None;
        }
        let mut changed_fragments = vec![false; ctx.docs.len().div_ceil(FRAGMENT_SIZE)];
        for doc in &changed {
            changed_fragments[doc.id / FRAGMENT_SIZE] = true;
        }
        Some(Self {
            last,
            ranges,
            dirty,
            changed_fragments,
        })
    }

    /// Every file, those that moved made and put, the others kept; and the hash of the
    /// vocabulary.
    fn encode<E>(
        self,
        ctx: &Context<'_>,
        put: impl FnMut(&str, IndexFile<'_>) -> Result<(), E>,
    ) -> Result<(Made, [u8; 32]), E> {
        let mut out = Files::new(put);
        let mut weighed = Weighed::new(self.ranges.len());
        // The phrases' terms too: whether a doc has them decides whether they are terms.
        let mut first: Vec<Range<u32>> = ctx.phrases.iter().map(|&p| p..p + 1).collect();
        first.extend(
            (0..self.ranges.len())
                .filter(|&k| self.dirty[k])
                .map(|k| self.ranges[k].clone()),
        );
        let with_docs = weighed.weigh(ctx, &self.ranges, &first);
        let phrase_docs: Vec<bool> = ctx
            .phrases
            .iter()
            .map(|p| with_docs.binary_search(p).is_ok())
            .collect();
        // Every term but a phrase's is some doc's.
        let has_docs = |term: u32| match ctx.phrases.binary_search(&term) {
            Ok(i) => phrase_docs[i],
            Err(_) => true,
        };
        let chunks = self.chunks(ctx, &mut out, weighed, has_docs)?;
        let fragments = self.fragments(ctx, &mut out)?;
        let terms = ctx.stats.terms();
        let vocabulary: Vec<&str> = (0..terms.len() as u32)
            .filter(|&t| has_docs(t))
            .map(|t| terms[t as usize].as_str())
            .collect();
        let vocabulary_hash = vocabulary_hash(&vocabulary);
        let typos = if vocabulary_hash == self.last.vocabulary {
            self.last
                .typos
                .iter()
                .map(|file| out.kept_file("t", file))
                .collect::<Result<Vec<_>, E>>()?
        } else {
            typo_table::encode(&vocabulary)
                .iter()
                .map(|bytes| out.new_file("t", bytes))
                .collect::<Result<Vec<_>, E>>()?
        };
        let made = Made {
            chunks,
            fragments,
            typos,
        };
        Ok((made, vocabulary_hash))
    }

    /// The chunks: the last build's while the cuts are where its were and nothing in them
    /// moved, the others weighed (those `weighed` lacks, a few chunks at a time) and cut
    /// again. `has_docs` says whether a term is some doc's.
    fn chunks<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        &self,
        ctx: &Context<'_>,
        out: &mut Files<P>,
        mut weighed: Weighed,
        has_docs: impl Fn(u32) -> bool,
    ) -> Result<Vec<ListedChunk>, E> {
        let terms = ctx.stats.terms();
        let mut writer = ChunkWriter::new(ctx.chunk_bytes);
        let mut chunks = Vec::new();
        for (k, old) in self.last.chunks.iter().enumerate() {
            let first_term = self.ranges[k].clone().find(|&t| has_docs(t));
            if let (true, false, Some(first)) = (writer.is_empty(), self.dirty[k], first_term) {
                let bound = writer.pass(&terms[first as usize], &old.last);
                chunks.push(ListedChunk {
                    file: out.kept_file("c", &old.file)?,
                    bound,
                    ..old.clone()
                });
                continue;
            }
            if !weighed.has(k) {
                let ahead: Vec<Range<u32>> = (k..self.ranges.len().min(k + WEIGH_AHEAD))
                    .filter(|&j| !weighed.has(j))
                    .map(|j| self.ranges[j].clone())
                    .collect();
                weighed.weigh(ctx, &self.ranges, &ahead);
            }
            for (term, weights) in weighed.take(k) {
                if let Some(cut) = writer.push(&terms[term as usize], &weights) {
                    chunks.push(out.new_chunk(cut)?);
                }
            }
        }
        if let Some(cut) = writer.finish() {
            chunks.push(out.new_chunk(cut)?);
        }
        Ok(chunks)
    }

    /// The fragment files: the last build's where none of their docs changed.
    fn fragments<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        &self,
        ctx: &Context<'_>,
        out: &mut Files<P>,
    ) -> Result<Vec<Listed>, E> {
        let count = self.changed_fragments.len();
        let kept = |k: usize| {
            (!self.changed_fragments[k])
                .then(|| self.last.fragments.get(k))
                .flatten()
        };
        let made = out.new_fragments(ctx.docs, (0..count).filter(|&k| kept(k).is_none()))?;
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
}

/// A term's id and its docs' weights.
type WeighedTerm = (u32, Vec<(u32, f32)>);

/// The terms weighed so far, by old chunk.
struct Weighed {
    chunks: Vec<Option<Vec<WeighedTerm>>>,
}

impl Weighed {
    fn new(chunks: usize) -> Self {
        Self {
            chunks: vec![None; chunks],
        }
    }

    /// Whether chunk `k`'s terms are weighed (and not yet taken).
    fn has(&self, k: usize) -> bool {
        self.chunks[k].is_some()
    }

    /// Weighs the terms of `weigh` (whole chunks of `ranges`, or single terms), in one
    /// pass; each whole chunk's terms that some doc has are kept for [`Self::take`]. The
    /// terms weighed that some doc has, ascending.
    fn weigh(
        &mut self,
        ctx: &Context<'_>,
        ranges: &[Range<u32>],
        weigh: &[Range<u32>],
    ) -> Vec<u32> {
        let weighed = ctx.stats.weigh_ranges(ctx.scoring, ctx.docs, weigh);
        let with_docs: Vec<u32> = weighed
            .iter()
            .filter(|(_, w)| !w.is_empty())
            .map(|(t, _)| *t)
            .collect();
        let whole: Vec<bool> = (0..ranges.len())
            .map(|k| weigh.contains(&ranges[k]) && self.chunks[k].is_none())
            .collect();
        for (k, &whole) in whole.iter().enumerate() {
            if whole {
                self.chunks[k] = Some(Vec::new());
            }
        }
        for (term, weights) in weighed.into_iter().filter(|(_, w)| !w.is_empty()) {
            let k = ranges.partition_point(|r| r.end <= term);
            if whole.get(k) == Some(&true)
                && let Some(Some(chunk)) = self.chunks.get_mut(k)
            {
                chunk.push((term, weights));
            }
        }
        with_docs
    }

    /// Chunk `k`'s weighed terms, taken.
    fn take(&mut self, k: usize) -> Vec<WeighedTerm> {
        self.chunks[k].take().unwrap_or_default()
    }
}

/// What the encoding depends on besides the docs and their statistics: the analysis' seal
/// (program and phrases) and the format's constants.
fn settings(seal: &[u8; 32], chunk_bytes: usize) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(seal);
    for n in [
        VERSION as usize,
        chunk_bytes,
        FRAGMENT_SIZE,
        FRAGMENT_TEXT_CHARS,
        MAX_POSTINGS,
    ] {
        hasher.update(&(n as u64).to_le_bytes());
    }
    *hasher.finalize().as_bytes()
}

/// A hash of the vocabulary, which the typo tables are made from.
fn vocabulary_hash(terms: &[&str]) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    for term in terms {
        hasher.update(&(term.len() as u64).to_le_bytes());
        hasher.update(term.as_bytes());
    }
    *hasher.finalize().as_bytes()
}
