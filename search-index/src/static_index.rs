//! The static index the browser reads (FORMAT.md): a small meta file under a stable name
//! (`meta.json`, which every page links) with each term chunk's lower bound and the hash of
//! every other file, and the term chunks, per-result fragments and typo tables, each named by
//! a hash of its own bytes, so a change rewrites only the files whose bytes it changes. The encoder is here; [`StaticIndex`] is a reader with the same query semantics
//! and the same fetch rule as `search.js`, so the format is tested by a round trip, against
//! tantivy, and by what a query downloads.

mod chunks;
mod fragment_cuts;
mod incremental;
mod reader;
mod record;
mod typo_table;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analyzer::STOPWORDS;
use crate::{GroupRange, IndexDoc, Synonyms, WeightedTerms};

#[cfg(test)]
use chunks::{ChunkRule, flatten};
use chunks::{CutChunk, encode_chunks};
pub use incremental::{LastBuild, encode_reusing};
pub use reader::{DecodeError, StaticIndex};
pub use record::LastIndex;
use record::{Listed, ListedChunk};
pub(crate) use typo_table::TypoFile;

/// The format's version, in the meta file; a reader refuses any other.
pub const VERSION: u32 = 7;
/// The meta file's name: stable, so pages need not change when the index does.
pub const META: &str = "meta.json";
/// A chunk's terms and postings come to about this many bytes of JSON, on average
/// (`chunks::ChunkRule`).
const CHUNK_BYTES: usize = 24 * 1024;
/// A term keeps its this many highest-weighted docs.
pub(crate) const MAX_POSTINGS: usize = 500;
pub(crate) const FRAGMENT_TEXT_CHARS: usize = 320;
/// Hex digits of a content hash in a file name.
const HASH_HEX: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Meta {
    pub(crate) version: u32,
    pub(crate) docs: u32,
    pub(crate) stopwords: Vec<String>,
    pub(crate) groups: Vec<GroupRange>,
    /// Chunk k's lower bound; `chunks[0]` is `""`.
    pub(crate) chunks: Vec<String>,
    /// How many docs each fragment file holds: file k holds the docs after those of the
    /// files before it (`fragment_cuts`).
    pub(crate) fragment_docs: Vec<u32>,
    /// The synonym groups, as analyzed terms: a query word also matches the other terms of
    /// its group exactly.
    #[serde(default)]
    pub(crate) synonyms: Vec<Vec<String>>,
    /// Chunk k's content hash: its file is `c.<hash>.json`.
    pub(crate) chunk_files: Hashes,
    /// Fragment file k's content hash (`f.<hash>.json`).
    pub(crate) fragment_files: Hashes,
    /// Typo side-table file k's content hash (`t.<hash>.json`); a key's file is found by
    /// its hash modulo how many there are.
    pub(crate) typo_files: Hashes,
}

/// Content hashes of [`HASH_HEX`] hex digits each, one after the other in one string: in
/// JSON, 15 % fewer bytes gzip-compressed than a list of strings, and the meta file is in
/// every query's download.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Hashes(String);

impl Hashes {
    /// How many hashes there are.
    pub(crate) fn len(&self) -> usize {
        self.0.len() / HASH_HEX
    }

    /// Hash `k`, if there is one.
    pub(crate) fn get(&self, k: usize) -> Option<&str> {
        self.0.get(k * HASH_HEX..(k + 1) * HASH_HEX)
    }

    /// Whether the string is whole hashes of hex digits.
    pub(crate) fn is_valid(&self) -> bool {
        self.0.len().is_multiple_of(HASH_HEX) && self.0.bytes().all(|b| b.is_ascii_hexdigit())
    }

    fn push(&mut self, hash: &str) {
        self.0.push_str(hash);
    }
}

impl Meta {
    /// The name (a key of [`StaticFiles::files`]) of chunk `k`.
    pub(crate) fn chunk_file(&self, k: usize) -> String {
        file_name("c", &self.chunk_files, k)
    }

    /// The name of fragment file `k`.
    pub(crate) fn fragment_file(&self, k: usize) -> String {
        file_name("f", &self.fragment_files, k)
    }

    /// The name of typo side-table file `k`.
    pub(crate) fn typo_file(&self, k: usize) -> String {
        file_name("t", &self.typo_files, k)
    }

    /// How many fragment files there are.
    pub(crate) fn fragment_count(&self) -> usize {
        self.fragment_docs.len()
    }

    /// The fragment file that holds doc `id`, and the doc's place in it.
    pub(crate) fn fragment_of(&self, id: usize) -> Option<(usize, usize)> {
        let mut start = 0;
        for (k, &docs) in self.fragment_docs.iter().enumerate() {
            let end = start + docs as usize;
            if id < end {
                return Some((k, id - start));
            }
            start = end;
        }
        None
    }
}

/// `<prefix>.<hash>.json` for file `k` of `hashes`; a name no file has when there is no
/// file `k` (a reader checks the counts first).
fn file_name(prefix: &str, hashes: &Hashes, k: usize) -> String {
    format!("{prefix}.{}.json", hashes.get(k).unwrap_or("-"))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Chunk {
    /// `[term, [doc delta, weight, doc delta, weight, …]]`, sorted by term. The first delta is
    /// the doc id, each later one the difference from the previous doc id.
    pub(crate) terms: Vec<(String, Vec<u32>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FragmentFile {
    pub(crate) docs: Vec<IndexDoc>,
}

/// The files to write under `search/`: name → bytes, and the meta file's name ([`META`]).
/// Every other name is `<kind>.<hash>.json`, the hash of its own bytes.
#[derive(Debug, Clone, Default)]
pub struct StaticFiles {
    /// Every file's bytes, by its name under `search/`.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The meta file's name (a key of `files`).
    pub meta: String,
}

/// Encodes the index. `weights` are per term (sorted), as `TermStats::weights` gives them.
pub fn encode(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    weights: &BTreeMap<String, Vec<(u32, f32)>>,
    synonyms: &Synonyms,
) -> StaticFiles {
    encode_with(docs, groups, weights, synonyms, CHUNK_BYTES)
}

/// [`encode`] with chunks cut at about `chunk_bytes` (small in tests, for many chunks).
fn encode_with(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    weights: &BTreeMap<String, Vec<(u32, f32)>>,
    synonyms: &Synonyms,
    chunk_bytes: usize,
) -> StaticFiles {
    let mut files = BTreeMap::new();
    let put = |name: &str, file: IndexFile<'_>| {
        if let IndexFile::New(bytes) = file {
            files.insert(name.to_owned(), bytes.to_vec());
        }
        Ok::<(), std::convert::Infallible>(())
    };
    let terms: Vec<&str> = weights.keys().map(String::as_str).collect();
    let Ok((encoded, _)) = encode_streaming(
        docs,
        groups,
        (&terms, weights.iter()),
        synonyms,
        chunk_bytes,
        Files::new(put, None),
    );
    files.insert(encoded.meta.clone(), encoded.meta_bytes);
    StaticFiles {
        files,
        meta: encoded.meta,
    }
}

/// The meta file as [`encode_into`] leaves it, made once every other file is (it names
/// them by their hashes).
#[derive(Debug, Clone)]
pub struct Encoded {
    /// The meta file's name ([`META`]).
    pub meta: String,
    /// The meta file's bytes.
    pub meta_bytes: Vec<u8>,
    /// What the next build's [`encode_reusing`] may reuse of these files
    /// ([`LastIndex::read`]), when the docs' keys cover every field of a doc.
    pub record: Option<Vec<u8>>,
}

/// The docs whose texts a build has not read (each such doc's `text` is empty, not its
/// text): which they are, and how to read their full texts. The encoder reads only those a
/// fragment file it makes shows, a batch of files at a time.
pub struct TextsToRead<'a, E> {
    /// Whether doc `id`'s text is unread.
    pub is_unread: &'a dyn Fn(usize) -> bool,
    /// The full texts of the unread docs with these ids (ascending), one per id, in order.
    pub read: ReadUnread<'a, E>,
}

/// Reads the texts of unread docs ([`TextsToRead::read`]).
pub type ReadUnread<'a, E> = &'a dyn Fn(&[usize]) -> Result<Vec<String>, E>;

// Not derived: that would ask `E: Copy`.
impl<E> Clone for TextsToRead<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for TextsToRead<'_, E> {}

/// A file of the index, as the encoder hands it on: its bytes, or, for a file the last
/// build wrote ([`encode_reusing`]), only its size: the file of that name in the site in
/// place holds its bytes.
#[derive(Debug, Clone, Copy)]
pub enum IndexFile<'a> {
    /// A file's bytes.
    New(&'a [u8]),
    /// The last build's file of that name, of this many bytes.
    Kept(u64),
}

/// [`encode`] without holding the files: `put` gets each file but the meta file (its name,
/// its bytes) as soon as it is made, each name once, and the meta file comes last. The bytes
/// are exactly [`encode`]'s. The weights come term by term, as [`WeightedTerms`] weighs
/// them, and are not all held.
pub fn encode_into<E>(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    weights: WeightedTerms<'_>,
    synonyms: &Synonyms,
    put: impl FnMut(&str, &[u8]) -> Result<(), E>,
) -> Result<Encoded, E> {
    let terms: Vec<&str> = weights.terms().collect();
    let mut put = put;
    let put = |name: &str, file: IndexFile<'_>| match file {
        IndexFile::New(bytes) => put(name, bytes),
        // The full encoding takes nothing from the last build.
        IndexFile::Kept(_) => Ok(()),
    };
    let out = Files::new(put, None);
    encode_streaming(docs, groups, (&terms, weights), synonyms, CHUNK_BYTES, out)
        .map(|(encoded, _)| encoded)
}

/// Fragment files made at once, on every core, before they are handed on in order: enough to
/// keep the cores busy, few enough to keep little in memory.
const FRAGMENT_BATCH: usize = 64;

/// The files in the order they are made: the chunks, the fragments, the typo files, each
/// named by its hash, then the meta file, which lists those hashes. Only the chunks and the
/// typo files are held until their turn, not the fragments, most of the bytes. The terms
/// are those the weights give, in the same (sorted) order. With the meta file, what its
/// files are, for a record of them.
fn encode_streaming<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    (terms, weights): (
        &[&str],
        impl Iterator<Item = (impl AsRef<str>, impl AsRef<[(u32, f32)]>)>,
    ),
    synonyms: &Synonyms,
    chunk_bytes: usize,
    mut out: Files<'_, P, E>,
) -> Result<(Encoded, Made), E> {
    let typo_table = typo_table::encode(terms);
    let chunks = encode_chunks(weights, chunk_bytes);
    let chunks = chunks
        .into_iter()
        .map(|chunk| out.new_chunk(chunk))
        .collect::<Result<Vec<_>, E>>()?;
    let none_kept = |_: &[usize]| KeptEntries::new();
    let cuts = fragment_cuts::cut(docs);
    let fragments = out.new_fragments(docs, &cuts, 0..cuts.len(), none_kept)?;
    let typos = typo_table
        .files
        .iter()
        .map(|bytes| out.new_file("t", bytes))
        .collect::<Result<Vec<_>, E>>()?;
    let made = Made {
        chunks,
        fragments,
        fragment_docs: fragment_cuts::sizes(&cuts),
        typos,
        typo_bytes: typo_table.filed_bytes,
    };
    Ok((made.meta(docs, groups, synonyms), made))
}

/// The files of an index as made: each chunk with its bounds, each fragment file and typo
/// file, and the bytes the typo files file.
#[derive(Debug)]
struct Made {
    chunks: Vec<ListedChunk>,
    fragments: Vec<Listed>,
    /// How many docs each fragment file holds.
    fragment_docs: Vec<u32>,
    typos: Vec<Listed>,
    typo_bytes: u64,
}

impl Made {
    /// The meta file that lists these files (no record).
    fn meta(&self, docs: &[IndexDoc], groups: &[GroupRange], synonyms: &Synonyms) -> Encoded {
        let hashes = |files: &mut dyn Iterator<Item = &Listed>| {
            let mut hashes = Hashes::default();
            files.for_each(|file| hashes.push(&file.hash));
            hashes
        };
        let meta = Meta {
            version: VERSION,
            docs: docs.len() as u32,
            stopwords: STOPWORDS.iter().map(|w| (*w).to_owned()).collect(),
            groups: groups.to_vec(),
            chunks: self.chunks.iter().map(|c| c.bound.clone()).collect(),
            fragment_docs: self.fragment_docs.clone(),
            synonyms: synonyms.groups().to_vec(),
            chunk_files: hashes(&mut self.chunks.iter().map(|c| &c.file)),
            fragment_files: hashes(&mut self.fragments.iter()),
            typo_files: hashes(&mut self.typos.iter()),
        };
        Encoded {
            meta: META.to_owned(),
            meta_bytes: json(&meta),
            record: None,
        }
    }
}

/// Hands the files on as they are made, each named by its hash: two files of the same bytes
/// (two empty typo tables) are one file, put once. The fragment files read the texts the
/// build has not read.
struct Files<'t, P, E> {
    put: P,
    seen: std::collections::HashSet<String>,
    unread: Option<TextsToRead<'t, E>>,
}

impl<'t, E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>> Files<'t, P, E> {
    fn new(put: P, unread: Option<TextsToRead<'t, E>>) -> Self {
        Self {
            put,
            seen: std::collections::HashSet::new(),
            unread,
        }
    }

    /// A new file of `kind` (`c`, `f`, `t`) with these bytes.
    fn new_file(&mut self, kind: &str, bytes: &[u8]) -> Result<Listed, E> {
        let hash = content_hash(bytes);
        let name = format!("{kind}.{hash}.json");
        if self.seen.insert(name.clone()) {
            (self.put)(&name, IndexFile::New(bytes))?;
        }
        Ok(Listed {
            hash,
            size: bytes.len() as u64,
        })
    }

    /// The last build's file of `kind`, as it was.
    fn kept_file(&mut self, kind: &str, file: &Listed) -> Result<Listed, E> {
        let name = format!("{kind}.{}.json", file.hash);
        if self.seen.insert(name.clone()) {
            (self.put)(&name, IndexFile::Kept(file.size))?;
        }
        Ok(file.clone())
    }

    /// A chunk as cut (its terms that are no phrase's not counted yet).
    fn new_chunk(&mut self, chunk: CutChunk) -> Result<ListedChunk, E> {
        Ok(ListedChunk {
            file: self.new_file("c", &chunk.bytes)?,
            bound: chunk.bound,
            last: chunk.last,
            plain_terms: 0,
            terms_hash: chunk.terms_hash,
        })
    }

    /// The fragment files `files` (file `k` holds docs `cuts[k]`), made
    /// on every core a batch at a time. `kept` gives, for a batch of files, the entries of
    /// their docs that a last build's fragment file holds as they are now (by doc id): those
    /// are copied, and the others' texts read.
    fn new_fragments(
        &mut self,
        docs: &[IndexDoc],
        cuts: &[Range<usize>],
        files: impl IntoIterator<Item = usize>,
        kept: impl Fn(&[usize]) -> KeptEntries,
    ) -> Result<Vec<Listed>, E> {
        let files: Vec<usize> = files.into_iter().collect();
        let mut listed = Vec::with_capacity(files.len());
        let of_file = |k: usize| cuts.get(k).cloned().unwrap_or_default();
        for batch in files.chunks(FRAGMENT_BATCH) {
            let kept = kept(batch);
            let ids = batch.iter().flat_map(|&k| of_file(k));
            let read = self.read_unread(ids.filter(|id| !kept.contains_key(id)))?;
            let text = |id: usize| match read.binary_search_by_key(&id, |(id, _)| *id) {
                Ok(at) => read[at].1.as_str(),
                Err(_) => docs[id].text.as_str(),
            };
            let made: Vec<Vec<u8>> = batch
                .par_iter()
                .map(|&k| {
                    let ids = of_file(k);
                    let bucket = docs.get(ids.clone()).unwrap_or_default();
                    json(&FragmentOut {
                        docs: (bucket.iter().zip(ids))
                            .map(|(doc, id)| match kept.get(&id) {
                                Some(entry) => FragmentEntry::Kept(entry),
                                None => FragmentEntry::Made(fragment(doc, text(id))),
                            })
                            .collect(),
                    })
                })
                .collect();
            for bytes in made {
                listed.push(self.new_file("f", &bytes)?);
            }
        }
        Ok(listed)
    }

    /// The full texts of the unread docs among `ids` (ascending), by id.
    fn read_unread(&self, ids: impl Iterator<Item = usize>) -> Result<Vec<(usize, String)>, E> {
        let Some(unread) = self.unread else {
            return Ok(Vec::new());
        };
        let ids: Vec<usize> = ids.filter(|&id| (unread.is_unread)(id)).collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let texts = (unread.read)(&ids)?;
        debug_assert_eq!(texts.len(), ids.len(), "a text per unread doc");
        Ok(ids.into_iter().zip(texts).collect())
    }
}

/// Docs' entries in fragment files as a last build's files hold them, by doc id now.
type KeptEntries = std::collections::HashMap<usize, Box<serde_json::value::RawValue>>;

/// A fragment file as written: the docs borrowed, not copied (they serialise exactly as
/// [`FragmentFile`] reads them back).
#[derive(Serialize)]
struct FragmentOut<'a> {
    docs: Vec<FragmentEntry<'a>>,
}

/// A doc in a fragment file: made, or the bytes a last build's file holds of the same doc
/// (which it wrote as it would be made).
#[derive(Serialize)]
#[serde(untagged)]
enum FragmentEntry<'a> {
    Made(FragmentDoc<'a>),
    Kept(&'a serde_json::value::RawValue),
}

/// An [`IndexDoc`] by reference, with its text cut; the fields in `IndexDoc`'s order.
#[derive(Serialize)]
struct FragmentDoc<'a> {
    url: &'a str,
    guideline: &'a str,
    guideline_url: &'a str,
    group: &'a str,
    kind: crate::DocKind,
    title: &'a str,
    strength: Option<&'a str>,
    strength_class: Option<&'a str>,
    text: Cow<'a, str>,
}

/// What a fragment shows of a doc's text: its first `FRAGMENT_TEXT_CHARS` characters and
/// "…" when there are more. A text cut so already is shown unchanged, so a build may hand
/// the encoder the docs with their texts cut and free the rest.
pub fn fragment_text(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(FRAGMENT_TEXT_CHARS) {
        Some((cut, _)) if &text[cut..] != "…" => format!("{}…", &text[..cut]).into(),
        _ => text.into(),
    }
}

/// `doc` in a fragment file, showing `text` (its full text, or what is shown of it).
fn fragment<'a>(doc: &'a IndexDoc, text: &'a str) -> FragmentDoc<'a> {
    let text = fragment_text(text);
    FragmentDoc {
        url: &doc.url,
        guideline: &doc.guideline,
        guideline_url: &doc.guideline_url,
        group: &doc.group,
        kind: doc.kind,
        title: &doc.title,
        strength: doc.strength.as_deref(),
        strength_class: doc.strength_class.as_deref(),
        text,
    }
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Room for most chunks and fragment files, so the buffer is seldom grown and copied as
    // it fills: chunks are about CHUNK_BYTES, and a fragment file is about as large.
    let mut bytes = Vec::with_capacity(CHUNK_BYTES + CHUNK_BYTES / 2);
    // Plain data of strings and numbers always serialises.
    serde_json::to_writer(&mut bytes, value)
        .map(|()| bytes)
        .unwrap_or_default()
}

/// The first hex digits of a blake3 hash of `bytes`: a file's name, so a name never
/// changes its bytes and may be cached for good.
fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..HASH_HEX].to_owned()
}

#[cfg(test)]
mod incremental_tests;
#[cfg(test)]
mod stability_tests;
#[cfg(test)]
mod tests;
