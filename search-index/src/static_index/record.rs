//! What a build's static index leaves for the next one to reuse ([`LastIndex`]): the
//! statistics its weights were made with, each doc's key and kind, and each file it wrote,
//! with what decides whether the next build may take that file as it is (a chunk's bounds
//! and terms, a fragment's docs, the bytes the typo tables file). A small file beside the
//! build, a format word and a blake3 checksum of its body first: a corrupt, truncated or
//! foreign one is not read, and the next build encodes everything.

use crate::DocKind;
use crate::sealed_bytes::{Body, opened};
use crate::term_stats::DocKey;

use super::{HASH_HEX, fragment_cuts};

const MAGIC: &[u8; 16] = b"retning-sidx 3\n\n";
/// No string of the record is longer (a term is at most 65,530 bytes).
const MAX_STRING: usize = 1 << 16;

/// BM25's global statistics as the weights used them: the doc count and each indexed
/// field's average length, on the grid (the averages by their bits).
pub(crate) type Grid = (u64, [u32; 4]);

/// A file of the last build's index: the hash its name holds, and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Listed {
    pub(super) hash: String,
    pub(super) size: u64,
}

/// A chunk of the last build's index: its file, its lower bound, its last term, how many
/// terms it holds that are no synonym phrase's, and a hash of its terms (the vocabulary from
/// its bound to the next chunk's, which the typo tables are made from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ListedChunk {
    pub(super) file: Listed,
    pub(super) bound: String,
    pub(super) last: String,
    pub(super) plain_terms: u32,
    pub(super) terms_hash: TermsHash,
}

/// A hash of a list of terms (`chunks::terms_hash`).
pub(super) type TermsHash = [u8; 16];

/// The record of the last build's static index (module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct LastIndex {
    /// A hash of what the encoding depends on besides the docs (the program and phrases
    /// that analyzed them, the format's constants).
    pub(super) settings: [u8; 32],
    /// The blake3 hash of the meta file written with these files.
    pub(super) meta: [u8; 32],
    pub(super) grid: Grid,
    pub(super) keys: Vec<DocKey>,
    pub(super) kinds: Vec<DocKind>,
    pub(super) chunks: Vec<ListedChunk>,
    pub(super) fragments: Vec<Listed>,
    /// How many docs each fragment file holds (as many as there are files, together every
    /// doc).
    pub(super) fragment_docs: Vec<u32>,
    /// The bytes the typo tables file (`typo_table::file_count` cuts them by it).
    pub(super) typo_bytes: u64,
    pub(super) typos: Vec<Listed>,
}

impl LastIndex {
    /// The record in `bytes`, if they are one of this format, whole.
    pub fn read(bytes: &[u8]) -> Option<Self> {
        let mut body = Body(opened(bytes, MAGIC)?);
        let settings = body.array()?;
        let meta = body.array()?;
        let grid = (
            body.u64()?,
            [body.u32()?, body.u32()?, body.u32()?, body.u32()?],
        );
        let docs = body.u32()? as usize;
        let keys = (0..docs)
            .map(|_| body.array())
            .collect::<Option<Vec<DocKey>>>()?;
        let kinds = body
            .take(docs)?
            .iter()
            .map(|&k| kind_of(k))
            .collect::<Option<Vec<DocKind>>>()?;
        let chunks = (0..body.u32()?)
            .map(|_| {
                Some(ListedChunk {
                    file: body.listed()?,
                    bound: body.string()?,
                    last: body.string()?,
                    plain_terms: body.u32()?,
                    terms_hash: body.array()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let fragments = body.listed_files()?;
        let fragment_docs = (0..fragments.len())
            .map(|_| body.u32())
            .collect::<Option<Vec<u32>>>()?;
        fragment_cuts::from_sizes(&fragment_docs, docs)?;
        let typo_bytes = body.u64()?;
        let typos = body.listed_files()?;
        (body.is_empty() && !chunks.is_empty()).then_some(Self {
            settings,
            meta,
            grid,
            keys,
            kinds,
            chunks,
            fragments,
            fragment_docs,
            typo_bytes,
            typos,
        })
    }

    /// The record's bytes, as [`Self::read`] reads them.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(64 + self.keys.len() * 17 + self.chunks.len() * 64);
        body.extend_from_slice(&self.settings);
        body.extend_from_slice(&self.meta);
        body.extend_from_slice(&self.grid.0.to_le_bytes());
        for bits in self.grid.1 {
            body.extend_from_slice(&bits.to_le_bytes());
        }
        put_u32(&mut body, self.keys.len());
        for key in &self.keys {
            body.extend_from_slice(key);
        }
        body.extend(self.kinds.iter().map(|&k| kind_byte(k)));
        put_u32(&mut body, self.chunks.len());
        for chunk in &self.chunks {
            put_listed(&mut body, &chunk.file);
            put_string(&mut body, &chunk.bound);
            put_string(&mut body, &chunk.last);
            put_u32(&mut body, chunk.plain_terms as usize);
            body.extend_from_slice(&chunk.terms_hash);
        }
        put_listed_files(&mut body, &self.fragments);
        for &docs in &self.fragment_docs {
            put_u32(&mut body, docs as usize);
        }
        body.extend_from_slice(&self.typo_bytes.to_le_bytes());
        put_listed_files(&mut body, &self.typos);
        let mut bytes = Vec::with_capacity(MAGIC.len() + 32 + body.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(blake3::hash(&body).as_bytes());
        bytes.extend_from_slice(&body);
        bytes
    }

    /// Whether `meta_bytes` are the meta file written with the files this record lists: only
    /// then is a site holding that meta file one whose files these are.
    pub fn describes(&self, meta_bytes: &[u8]) -> bool {
        blake3::hash(meta_bytes).as_bytes() == &self.meta
    }

    /// Every file the record lists, by its name under `search/`, with its size: a build may
    /// take any of them from the site in place, so all must be there.
    pub fn files(&self) -> impl Iterator<Item = (String, u64)> + '_ {
        let named = |prefix: &'static str| {
            move |file: &Listed| (format!("{prefix}.{}.json", file.hash), file.size)
        };
        self.chunks
            .iter()
            .map(|c| &c.file)
            .map(named("c"))
            .chain(self.fragments.iter().map(named("f")))
            .chain(self.typos.iter().map(named("t")))
    }
}

fn kind_byte(kind: DocKind) -> u8 {
    match kind {
        DocKind::Recommendation => 0,
        DocKind::Section => 1,
    }
}

fn kind_of(byte: u8) -> Option<DocKind> {
    match byte {
        0 => Some(DocKind::Recommendation),
        1 => Some(DocKind::Section),
        _ => None,
    }
}

fn put_u32(body: &mut Vec<u8>, value: usize) {
    // A record of more than 4 billion of anything is never read back whole: it is corrupt.
    body.extend_from_slice(&u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_string(body: &mut Vec<u8>, text: &str) {
    put_u32(body, text.len());
    body.extend_from_slice(text.as_bytes());
}

fn put_listed(body: &mut Vec<u8>, file: &Listed) {
    body.extend_from_slice(file.hash.as_bytes());
    body.extend_from_slice(&file.size.to_le_bytes());
}

fn put_listed_files(body: &mut Vec<u8>, files: &[Listed]) {
    put_u32(body, files.len());
    for file in files {
        put_listed(body, file);
    }
}

/// The record's own fields: strings and listed files.
impl Body<'_> {
    fn string(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        if len > MAX_STRING {
            return None;
        }
        Some(std::str::from_utf8(self.take(len)?).ok()?.to_owned())
    }

    /// A file's hash (hex digits only: it becomes a file name) and size.
    fn listed(&mut self) -> Option<Listed> {
        let hash = self.take(HASH_HEX)?;
        if !hash.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        Some(Listed {
            hash: std::str::from_utf8(hash).ok()?.to_owned(),
            size: self.u64()?,
        })
    }

    fn listed_files(&mut self) -> Option<Vec<Listed>> {
        (0..self.u32()?).map(|_| self.listed()).collect()
    }
}
