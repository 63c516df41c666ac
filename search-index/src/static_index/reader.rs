//! A reader of the static index: the same query semantics as `search.js`, and the files it
//! fetches for a query, so tests and the benchmark see what a browser does.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;

use super::{Chunk, FragmentFile, Meta, TypoFile, VERSION, fragment_cuts};
use crate::typo::{self, Correction, Found};
use crate::{IndexDoc, MAX_PREFIX_TERMS, PREFIX_FACTOR, Synonyms};

/// A decoded static index, queried exactly as `search.js` does.
pub struct StaticIndex {
    pub(crate) meta: Meta,
    meta_file: String,
    /// Every term's flat `doc, weight` pairs, doc ids ascending (deltas decoded).
    terms: BTreeMap<String, Vec<u32>>,
    docs: Vec<IndexDoc>,
    synonyms: Synonyms,
    /// The typo side table: key → the terms filed under it.
    typo: BTreeMap<String, Vec<String>>,
}

/// Why a static index could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// A file of the index is not there.
    #[error("missing file {0}")]
    Missing(String),
    /// A file is not the JSON it should be.
    #[error("{0}: {1}")]
    Json(String, serde_json::Error),
    /// The meta file's format version is not [`super::VERSION`].
    #[error("unsupported version {0}")]
    Version(u32),
    /// A file is JSON but breaks a rule of the format (which file, and what).
    #[error("{0}: {1}")]
    Invalid(String, String),
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, bytes: Vec<u8>) -> Result<T, DecodeError> {
    serde_json::from_slice(&bytes).map_err(|e| DecodeError::Json(name.to_owned(), e))
}

fn invalid(name: &str, why: impl Into<String>) -> DecodeError {
    DecodeError::Invalid(name.to_owned(), why.into())
}

/// `doc delta, weight` pairs → `doc, weight` pairs; `None` on an odd length or an overflow.
fn delta_decode(deltas: &[u32]) -> Option<Vec<u32>> {
    if !deltas.len().is_multiple_of(2) {
        return None;
    }
    // The first delta is the doc id itself: the difference from 0.
    let mut doc: u32 = 0;
    let mut out = Vec::with_capacity(deltas.len());
    for pair in deltas.chunks_exact(2) {
        doc = doc.checked_add(pair[0])?;
        out.extend([doc, pair[1]]);
    }
    Some(out)
}

impl StaticIndex {
    /// Reads every file through `read` (a name → bytes lookup), starting from the meta file,
    /// and checks that each term lies in the chunk its bounds point to.
    pub fn decode(
        meta_file: &str,
        read: impl Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<Self, DecodeError> {
        let load = |name: &str| read(name).ok_or_else(|| DecodeError::Missing(name.to_owned()));
        let meta: Meta = parse(meta_file, load(meta_file)?)?;
        if meta.version != VERSION {
            return Err(DecodeError::Version(meta.version));
        }
        if fragment_cuts::from_sizes(&meta.fragment_docs, meta.docs as usize).is_none() {
            return Err(invalid(
                meta_file,
                "fragment_docs do not add up to the docs",
            ));
        }
        if meta.chunks.first().map(String::as_str) != Some("") {
            return Err(invalid(meta_file, "chunks[0] is not \"\""));
        }
        if meta.chunks.windows(2).any(|w| w[0] >= w[1]) {
            return Err(invalid(meta_file, "chunk bounds are not ascending"));
        }
        let hashes = [&meta.chunk_files, &meta.fragment_files, &meta.typo_files];
        if hashes.iter().any(|h| !h.is_valid())
            || meta.chunk_files.len() != meta.chunks.len()
            || meta.fragment_files.len() != meta.fragment_count()
            || meta.typo_files.len() == 0
        {
            return Err(invalid(meta_file, "the files do not match the counts"));
        }
        let mut terms = BTreeMap::new();
        for (k, lower) in meta.chunks.iter().enumerate() {
            let name = meta.chunk_file(k);
            let chunk: Chunk = parse(&name, load(&name)?)?;
            let upper = meta.chunks.get(k + 1);
            for (term, deltas) in chunk.terms {
                if term < *lower || upper.is_some_and(|u| term >= *u) {
                    return Err(invalid(
                        &name,
                        format!("{term:?} is outside the chunk's bounds"),
                    ));
                }
                // Bounds ascend, so the terms read so far all come before this chunk's.
                if terms.last_key_value().is_some_and(|(p, _)| *p >= term) {
                    return Err(invalid(&name, format!("{term:?} is out of order")));
                }
                let postings = delta_decode(&deltas)
                    .ok_or_else(|| invalid(&name, format!("bad postings for {term:?}")))?;
                terms.insert(term, postings);
            }
        }
        let mut docs = Vec::new();
        for k in 0..meta.fragment_count() {
            let name = meta.fragment_file(k);
            let decoded: FragmentFile = parse(&name, load(&name)?)?;
            docs.extend(decoded.docs);
        }
        if docs.len() != meta.docs as usize {
            return Err(invalid(
                meta_file,
                format!("{} docs, but the fragments hold {}", meta.docs, docs.len()),
            ));
        }
        let mut typo = BTreeMap::new();
        for k in 0..meta.typo_files.len() {
            let name = meta.typo_file(k);
            let file: TypoFile = parse(&name, load(&name)?)?;
            for (key, terms) in file.keys {
                if typo::key_file(&key, meta.typo_files.len()) != k {
                    return Err(invalid(&name, format!("{key:?} is in the wrong file")));
                }
                let terms = terms.iter().map(|rest| typo::unfiled(&key, rest)).collect();
                typo.insert(key, terms);
            }
        }
        let synonyms = Synonyms::from_groups(meta.synonyms.clone());
        Ok(Self {
            meta,
            meta_file: meta_file.to_owned(),
            terms,
            docs,
            synonyms,
            typo,
        })
    }

    /// The query's words as this index's readers analyze them (each phrase one word).
    pub fn query_words(&self, query: &str) -> Vec<String> {
        self.synonyms.query_words(query)
    }

    /// The unit with doc id `id`.
    pub fn doc(&self, id: u32) -> Option<&IndexDoc> {
        self.docs.get(id as usize)
    }

    /// A term's flat `doc, weight` pairs, doc ids ascending.
    #[cfg(test)]
    pub(crate) fn postings(&self, term: &str) -> Option<&[u32]> {
        self.terms.get(term).map(Vec::as_slice)
    }

    /// Every term, in order.
    #[cfg(test)]
    pub(crate) fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.keys().map(String::as_str)
    }

    /// The files (keys of `StaticFiles::files`, and the meta file) a browser fetches for a
    /// query: the meta file, the chunks each query word needs (`chunks_for_word`), and
    /// the fragment files of the top `limit` results.
    pub fn files_for_query(
        &self,
        query: &str,
        group: Option<&str>,
        limit: usize,
    ) -> BTreeSet<String> {
        let mut files = BTreeSet::from([self.meta_file.clone()]);
        let words = self.synonyms.query_words(query);
        // search.js looks at no chunk when there is no word or the group is unknown.
        let known = group.is_none_or(|code| self.meta.groups.iter().any(|g| g.code == code));
        if words.is_empty() || !known {
            return files;
        }
        for word in &words {
            files.extend(
                self.chunks_for_word(word)
                    .into_iter()
                    .map(|k| self.meta.chunk_file(k)),
            );
            files.extend(
                self.synonyms
                    .others(word)
                    .filter_map(|synonym| self.chunk_holding(synonym))
                    .map(|k| self.meta.chunk_file(k)),
            );
            if self.widened(word, self.own_docs(word).len()) {
                files.extend(typo::query_keys(word).iter().map(|key| {
                    self.meta
                        .typo_file(typo::key_file(key, self.meta.typo_files.len()))
                }));
                files.extend(
                    self.closest(word)
                        .iter()
                        .filter_map(|term| self.chunk_holding(term))
                        .map(|k| self.meta.chunk_file(k)),
                );
            }
        }
        for (id, _) in self.query(query, group, limit) {
            if let Some((k, _)) = self.meta.fragment_of(id as usize) {
                files.insert(self.meta.fragment_file(k));
            }
        }
        files
    }

    /// FORMAT.md, "What a reader fetches": from the last chunk whose bound is `<= word`, two
    /// at a time while the bound is `<= word + "\u{ffff}"`, until the chunks fetched hold
    /// [`MAX_PREFIX_TERMS`] terms longer than `word` that start with it.
    pub(crate) fn chunks_for_word(&self, word: &str) -> Vec<usize> {
        let bounds = &self.meta.chunks;
        let high = format!("{word}\u{ffff}");
        let within = |k: usize| bounds.get(k).is_some_and(|b| *b <= high);
        let Some(mut k) = bounds
            .partition_point(|b| b.as_str() <= word)
            .checked_sub(1)
        else {
            return Vec::new();
        };
        let mut fetched = Vec::new();
        while within(k) {
            // A round: chunk k, and chunk k + 1 when its bound still allows such terms.
            let end = if within(k + 1) { k + 2 } else { k + 1 };
            fetched.extend(k..end);
            // The chunks fetched so far hold exactly the terms below chunk `end`'s bound.
            let below = |t: &str| bounds.get(end).is_none_or(|b| t < b.as_str());
            let longer = self
                .terms
                .range::<str, _>((Bound::Excluded(word), Bound::Unbounded))
                .take_while(|(t, _)| t.starts_with(word) && below(t))
                .take(MAX_PREFIX_TERMS)
                .count();
            if longer >= MAX_PREFIX_TERMS {
                break;
            }
            k += 2;
        }
        fetched
    }

    /// The one chunk that can hold `term`: the last whose bound is `<= term`.
    pub(crate) fn chunk_holding(&self, term: &str) -> Option<usize> {
        self.meta
            .chunks
            .partition_point(|b| b.as_str() <= term)
            .checked_sub(1)
    }

    /// FORMAT.md, "Query semantics": `(doc id, score)`, best first.
    pub fn query(&self, query: &str, group: Option<&str>, limit: usize) -> Vec<(u32, f32)> {
        self.query_corrected(query, group, limit).hits
    }

    /// [`Self::query`], with the words it corrected (FORMAT.md, "Typos").
    pub fn query_corrected(
        &self,
        query: &str,
        group: Option<&str>,
        limit: usize,
    ) -> Found<(u32, f32)> {
        let words = self.synonyms.query_words(query);
        let range = group.and_then(|code| self.meta.groups.iter().find(|g| g.code == code));
        if words.is_empty() || (group.is_some() && range.is_none()) {
            return Found::default();
        }
        let mut scores = Vec::with_capacity(words.len());
        let mut corrections = Vec::new();
        for word in &words {
            let (word_scores, correction) = self.word_scores(word);
            scores.push(word_scores);
            corrections.extend(correction);
        }
        let in_group = |doc: &u32| range.is_none_or(|r| (r.first..r.end).contains(doc));
        let mut hits = combine(&scores, true, in_group, limit);
        if hits.is_empty() && words.len() > 1 {
            hits = combine(&scores, false, in_group, limit);
        }
        Found::new(query, hits, corrections)
    }

    /// A word's score per doc: `max(exact, 0.5 × best prefix, synonyms, 0.25 × closest
    /// terms)`, the last only when the rest find fewer than `FEW_MATCHES` docs; and its
    /// correction when they find none.
    fn word_scores(&self, word: &str) -> (HashMap<u32, f32>, Option<Correction>) {
        let mut scores = self.own_docs(word);
        if !self.widened(word, scores.len()) {
            return (scores, None);
        }
        let own = scores.len();
        let mut correction: Option<(usize, &str)> = None;
        let close = self.closest(word);
        for term in &close {
            let Some(postings) = self.terms.get(term) else {
                continue;
            };
            if own == 0 && correction.is_none_or(|(best, _)| postings.len() / 2 > best) {
                correction = Some((postings.len() / 2, term));
            }
            add_max(&mut scores, postings, typo::TYPO_FACTOR);
        }
        let correction = correction.map(|(_, c)| Correction {
            term: word.to_owned(),
            correction: c.to_owned(),
        });
        (scores, correction)
    }

    /// Whether a word with `own` docs of its own is widened to the terms its typo reaches:
    /// when it has fewer than `FEW_MATCHES` and is in no synonym group (a word the list
    /// knows is no typo).
    fn widened(&self, word: &str, own: usize) -> bool {
        own < typo::FEW_MATCHES && !self.synonyms.contains(word)
    }

    /// A word's own scores: exact, its first longer terms, its synonyms.
    fn own_docs(&self, word: &str) -> HashMap<u32, f32> {
        let mut scores: HashMap<u32, f32> = HashMap::new();
        if let Some(postings) = self.terms.get(word) {
            add_max(&mut scores, postings, 1.0);
        }
        let longer = self
            .terms
            .range::<str, _>((Bound::Excluded(word), Bound::Unbounded))
            .take_while(|(term, _)| term.starts_with(word))
            .take(MAX_PREFIX_TERMS);
        for (_, postings) in longer {
            add_max(&mut scores, postings, PREFIX_FACTOR);
        }
        for synonym in self.synonyms.others(word) {
            if let Some(postings) = self.terms.get(synonym) {
                add_max(&mut scores, postings, 1.0);
            }
        }
        scores
    }

    /// The terms a word is widened to, found through the side table.
    fn closest(&self, word: &str) -> Vec<String> {
        let keys = typo::query_keys(word);
        let candidates = keys
            .iter()
            .filter_map(|key| self.typo.get(key))
            .flatten()
            .map(String::as_str);
        typo::closest(word, candidates)
    }
}

/// Each doc's score under `factor × weight` of `postings`, kept when above what it has.
fn add_max(scores: &mut HashMap<u32, f32>, postings: &[u32], factor: f32) {
    for pair in postings.chunks_exact(2) {
        let score = factor * pair[1] as f32 / 1000.0;
        let entry = scores.entry(pair[0]).or_default();
        *entry = entry.max(score);
    }
}

/// The docs with every word (`all`) or any, in the group, scored by the sum of their word
/// scores: the best `limit`, ties by doc id.
fn combine(
    words: &[HashMap<u32, f32>],
    all: bool,
    in_group: impl Fn(&u32) -> bool,
    limit: usize,
) -> Vec<(u32, f32)> {
    let mut total: HashMap<u32, f32> = HashMap::new();
    for (i, scores) in words.iter().enumerate() {
        if all && i > 0 {
            total = total
                .into_iter()
                .filter_map(|(doc, score)| scores.get(&doc).map(|s| (doc, score + s)))
                .collect();
        } else {
            for (&doc, &score) in scores {
                *total.entry(doc).or_default() += score;
            }
        }
    }
    let mut hits: Vec<(u32, f32)> = total.into_iter().filter(|(doc, _)| in_group(doc)).collect();
    hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.truncate(limit);
    hits
}
