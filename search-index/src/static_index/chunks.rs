//! The term chunks: each term's postings as the format stores them (its best docs, doc ids
//! delta-encoded), and where one chunk ends and the next begins.

use serde::Serialize;
use serde_json::value::RawValue;

use super::record::TermsHash;
use super::{MAX_POSTINGS, json};

/// A term's postings as a chunk file holds them (doc deltas and weights): numbers, or the
/// last build's chunk file's bytes of them, copied unread (a term a chunk cut again holds
/// unchanged: no number parsed and written again).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(super) enum Deltas {
    Numbers(Vec<u32>),
    Kept(Box<RawValue>),
}

impl Deltas {
    /// Its bytes in a chunk file less its brackets, each number with its comma.
    fn bytes(&self) -> usize {
        match self {
            Deltas::Numbers(numbers) => numbers.iter().map(|&n| json_len(n) + 1).sum(),
            // The numbers and the commas between them, and one more.
            Deltas::Kept(raw) => match raw.get().len().saturating_sub(2) {
                0 => 0,
                inner => inner + 1,
            },
        }
    }
}

/// A chunk file as written ([`super::Chunk`] as read back).
#[derive(Serialize)]
struct ChunkOut {
    terms: Vec<(String, Deltas)>,
}

/// Where chunks are cut: by their terms, not by size alone, so that a chunk that grows or
/// shrinks leaves the next chunks' bounds, and their files, as they were (FORMAT.md, "Files").
/// A chunk ends after a term once it holds `min` bytes, when the term's hash, taken modulo
/// `spread`, is below the term's bytes: past `min`, every byte is as likely to end the
/// chunk, one in `spread`. At `max` bytes it ends anyway.
#[derive(Debug, Clone, Copy)]
pub(super) struct ChunkRule {
    pub(super) min: usize,
    spread: u64,
    pub(super) max: usize,
}

impl ChunkRule {
    /// Chunks of about `average` bytes: at least three quarters of it, and on average a
    /// quarter more (so a growth of `n` bytes moves a cut with odds of about
    /// `n / spread`), at most twice it.
    pub(super) fn around(average: usize) -> Self {
        ChunkRule {
            min: average * 3 / 4,
            spread: (average / 4).max(1) as u64,
            max: average * 2,
        }
    }

    /// Whether the chunk ends after `term`, of `term_bytes` bytes, which makes it
    /// `chunk_bytes` bytes.
    fn cuts_after(&self, term: &str, term_bytes: usize, chunk_bytes: usize) -> bool {
        chunk_bytes >= self.max
            || (chunk_bytes >= self.min && stable_hash(term) % self.spread < term_bytes as u64)
    }
}

/// A 64-bit hash of a text (a term, a doc's address) that is the same on every machine and in every build: FNV-1a,
/// its bits mixed by SplitMix64's finaliser (FNV's low bits alone are poorly spread).
pub(super) fn stable_hash(term: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in term.as_bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A chunk as [`ChunkWriter`] cuts it: its JSON, its lower bound, its last term and the
/// [`terms_hash`] of its terms.
pub(super) struct CutChunk {
    pub(super) bytes: Vec<u8>,
    pub(super) bound: String,
    pub(super) last: String,
    pub(super) terms_hash: TermsHash,
}

/// A hash of `terms` in their order: a chunk's says whether the vocabulary between its
/// bound and the next chunk's moved (every term of the vocabulary is in some chunk).
pub(super) fn terms_hash<'a>(terms: impl IntoIterator<Item = &'a str>) -> TermsHash {
    // Laid end to end and hashed at once: an update per term costs more than its bytes.
    let mut bytes = Vec::new();
    for term in terms {
        bytes.extend_from_slice(&(term.len() as u64).to_le_bytes());
        bytes.extend_from_slice(term.as_bytes());
    }
    let mut hash = [0; 16];
    hash.copy_from_slice(&blake3::hash(&bytes).as_bytes()[..16]);
    hash
}

/// Cuts terms into chunks by [`ChunkRule`], term by term. A chunk the caller takes from the
/// last build instead ([`ChunkWriter::pass`]) moves it on as if it had cut that chunk: what
/// follows is cut as a whole encoding cuts it.
pub(super) struct ChunkWriter {
    rule: ChunkRule,
    current: Vec<(String, Deltas)>,
    bound: String,
    bytes: usize,
    previous_last: Option<String>,
    /// Whether some chunk was made or passed.
    any: bool,
}

impl ChunkWriter {
    /// Chunks of about `chunk_bytes` bytes.
    pub(super) fn new(chunk_bytes: usize) -> Self {
        Self {
            rule: ChunkRule::around(chunk_bytes),
            current: Vec::new(),
            bound: String::new(),
            bytes: 0,
            previous_last: None,
            any: false,
        }
    }

    /// Whether the chunk being made has no term yet: the next term starts a chunk.
    pub(super) fn is_empty(&self) -> bool {
        self.current.is_empty()
    }

    /// Adds the next term (terms come sorted) with its docs' weights; the chunk it ends, if
    /// it ends one.
    pub(super) fn push(&mut self, term: &str, postings: &[(u32, f32)]) -> Option<CutChunk> {
        self.push_encoded(term, Deltas::Numbers(delta_encode(&flatten(postings))))
    }

    /// [`Self::push`] of a term whose postings are encoded already, as a chunk file holds
    /// them (a term the last build's chunk holds, unchanged).
    pub(super) fn push_encoded(&mut self, term: &str, deltas: Deltas) -> Option<CutChunk> {
        if self.current.is_empty() {
            self.bound = lower_bound(self.previous_last.as_deref(), term);
        }
        // `["term",[…]],` and each number with its comma: the JSON, to a byte or two.
        let term_bytes = term.len() + 7 + deltas.bytes();
        self.bytes += term_bytes;
        self.current.push((term.to_owned(), deltas));
        if !self.rule.cuts_after(term, term_bytes, self.bytes) {
            return None;
        }
        self.previous_last = Some(term.to_owned());
        self.bytes = 0;
        self.any = true;
        let terms = std::mem::take(&mut self.current);
        Some(CutChunk {
            terms_hash: terms_hash(terms.iter().map(|(t, _)| t.as_str())),
            bytes: json(&ChunkOut { terms }),
            bound: std::mem::take(&mut self.bound),
            last: term.to_owned(),
        })
    }

    /// The lower bound of a chunk that starts at `first` here, and the writer moved past that
    /// chunk, which ends at `last` (a chunk taken as it was; only when [`Self::is_empty`]).
    pub(super) fn pass(&mut self, first: &str, last: &str) -> String {
        let bound = lower_bound(self.previous_last.as_deref(), first);
        self.previous_last = Some(last.to_owned());
        self.any = true;
        bound
    }

    /// The last chunk, unless the last term ended one; with no chunk at all an empty one,
    /// so `chunks[0]` is always "".
    pub(super) fn finish(self) -> Option<CutChunk> {
        if self.current.is_empty() && self.any {
            return None;
        }
        let last = self
            .current
            .last()
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        Some(CutChunk {
            terms_hash: terms_hash(self.current.iter().map(|(t, _)| t.as_str())),
            bytes: json(&ChunkOut {
                terms: self.current,
            }),
            bound: self.bound,
            last,
        })
    }
}

/// The chunk files' JSON, chunk `k` at index `k`, and each chunk's lower bound and last
/// term; chunks of about `chunk_bytes` bytes, cut by [`ChunkRule`].
pub(super) fn encode_chunks(
    weights: impl Iterator<Item = (impl AsRef<str>, impl AsRef<[(u32, f32)]>)>,
    chunk_bytes: usize,
) -> Vec<CutChunk> {
    let mut writer = ChunkWriter::new(chunk_bytes);
    let mut chunks: Vec<CutChunk> = weights
        .filter_map(|(term, postings)| writer.push(term.as_ref(), postings.as_ref()))
        .collect();
    chunks.extend(writer.finish());
    chunks
}

/// A chunk's lower bound: the shortest prefix of its first term that is greater than the
/// previous chunk's last term (short bounds keep the meta file small), or "" for the first.
fn lower_bound(previous_last: Option<&str>, first: &str) -> String {
    let Some(previous) = previous_last else {
        return String::new();
    };
    first
        .char_indices()
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .find(|prefix| *prefix > previous)
        // Terms are sorted, so `first` itself is greater; this is never reached.
        .unwrap_or(first)
        .to_owned()
}

/// A weight as a chunk file holds it: in thousandths, at least 1.
pub(super) fn quantized(weight: f32) -> u32 {
    ((weight * 1000.0).round() as u32).max(1)
}

/// The highest-weighted docs as flat `doc, weight` pairs, doc ids ascending.
pub(super) fn flatten(postings: &[(u32, f32)]) -> Vec<u32> {
    let mut kept: Vec<(u32, u32)> = postings
        .iter()
        .map(|&(doc, w)| (doc, quantized(w)))
        .collect();
    if kept.len() > MAX_POSTINGS {
        // The MAX_POSTINGS first by weight, ties by doc id: the same docs as a full sort
        // would keep, found without sorting the rest.
        kept.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(MAX_POSTINGS);
    }
    // Postings come with doc ids ascending (`TermStats::weights`); those cut by weight do not.
    if !kept.is_sorted_by_key(|&(doc, _)| doc) {
        kept.sort_unstable_by_key(|&(doc, _)| doc);
    }
    kept.into_iter().flat_map(|(doc, w)| [doc, w]).collect()
}

/// Flat `doc, weight` pairs (doc ids ascending) → `doc delta, weight` pairs: small numbers,
/// so fewer bytes of JSON.
fn delta_encode(flat: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    let mut out = Vec::with_capacity(flat.len());
    for pair in flat.chunks_exact(2) {
        out.extend([pair[0] - previous, pair[1]]);
        previous = pair[0];
    }
    out
}

/// Digits of `n` in JSON.
fn json_len(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A term's postings copied from a chunk file count the bytes, and write the bytes, its
    /// numbers do: the cuts, and so the files, are those of an encoding from the numbers.
    #[test]
    fn kept_postings_are_their_numbers_in_bytes_and_in_the_file() {
        for numbers in [
            vec![],
            vec![0],
            vec![7, 1000],
            vec![u32::MAX, 9, 10, 99, 100, 0],
        ] {
            let raw = RawValue::from_string(serde_json::to_string(&numbers).unwrap()).unwrap();
            let (kept, read) = (Deltas::Kept(raw), Deltas::Numbers(numbers.clone()));
            assert_eq!(kept.bytes(), read.bytes(), "{numbers:?}");
            let file = |deltas| {
                json(&ChunkOut {
                    terms: vec![("ord".to_owned(), deltas)],
                })
            };
            assert_eq!(file(kept), file(read), "{numbers:?}");
        }
    }
}
