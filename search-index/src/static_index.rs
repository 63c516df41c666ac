//! The static index the browser reads (FORMAT.md): sorted term chunks, a small meta file with
//! each chunk's term range, and per-result fragments, all content-hashed. The encoder and a
//! reader with the same query semantics as `search.js` live here, so the format is tested by
//! a round trip and against tantivy.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::analyzer::STOPWORDS;
use crate::{GroupRange, IndexDoc, MAX_PREFIX_TERMS, PREFIX_FACTOR, query_words};

pub const VERSION: u32 = 1;
/// A chunk is cut once its terms and postings pass about this many bytes of JSON.
const CHUNK_BYTES: usize = 24 * 1024;
/// A term keeps its this many highest-weighted docs.
pub const MAX_POSTINGS: usize = 500;
pub const FRAGMENT_SIZE: usize = 16;
pub const FRAGMENT_TEXT_CHARS: usize = 320;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    pub docs: u32,
    pub stopwords: Vec<String>,
    pub groups: Vec<GroupRange>,
    pub chunks: Vec<ChunkRef>,
    pub fragments: Fragments,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChunkRef {
    pub first: String,
    pub last: String,
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragments {
    pub size: usize,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// `[term, [doc, weight, doc, weight, …]]`, sorted by term; doc ids ascending.
    pub terms: Vec<(String, Vec<u32>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FragmentFile {
    pub docs: Vec<IndexDoc>,
}

/// The files to write under `search/`: name → bytes, and the meta file's name.
#[derive(Debug, Clone, Default)]
pub struct StaticFiles {
    pub files: BTreeMap<String, Vec<u8>>,
    pub meta: String,
}

/// Encodes the index. `weights` are per term (sorted), as `Engine::weights` gives them.
pub fn encode(
    docs: &[IndexDoc],
    groups: &[GroupRange],
    weights: &BTreeMap<String, Vec<(u32, f32)>>,
) -> StaticFiles {
    let mut out = StaticFiles::default();
    let mut chunks = Vec::new();
    let mut current: Vec<(String, Vec<u32>)> = Vec::new();
    let mut bytes = 0;
    for (term, postings) in weights {
        let flat = flatten(postings);
        bytes += term.len() + 8 + flat.len() * 6;
        current.push((term.clone(), flat));
        if bytes >= CHUNK_BYTES {
            chunks.push(write_chunk(&mut out, std::mem::take(&mut current)));
            bytes = 0;
        }
    }
    if !current.is_empty() {
        chunks.push(write_chunk(&mut out, current));
    }
    let files = docs
        .chunks(FRAGMENT_SIZE)
        .map(|bucket| {
            let docs = bucket.iter().map(fragment).collect();
            store(&mut out, "frag", &FragmentOut { docs })
        })
        .collect();
    let meta = Meta {
        version: VERSION,
        docs: docs.len() as u32,
        stopwords: STOPWORDS.iter().map(|w| (*w).to_owned()).collect(),
        groups: groups.to_vec(),
        chunks,
        fragments: Fragments {
            size: FRAGMENT_SIZE,
            files,
        },
    };
    out.meta = store(&mut out, "meta", &meta);
    out
}

/// The highest-weighted docs as flat `doc, weight` pairs, doc ids ascending.
fn flatten(postings: &[(u32, f32)]) -> Vec<u32> {
    let mut kept: Vec<(u32, u32)> = postings
        .iter()
        .map(|&(doc, w)| (doc, ((w * 1000.0).round() as u32).max(1)))
        .collect();
    if kept.len() > MAX_POSTINGS {
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(MAX_POSTINGS);
    }
    kept.sort_by_key(|&(doc, _)| doc);
    kept.into_iter().flat_map(|(doc, w)| [doc, w]).collect()
}

fn write_chunk(out: &mut StaticFiles, terms: Vec<(String, Vec<u32>)>) -> ChunkRef {
    let first = terms.first().map(|t| t.0.clone()).unwrap_or_default();
    let last = terms.last().map(|t| t.0.clone()).unwrap_or_default();
    let file = store(out, "chunk", &Chunk { terms });
    ChunkRef { first, last, file }
}

/// A fragment file as written: the docs borrowed, not copied (they serialise exactly as
/// [`FragmentFile`] reads them back).
#[derive(Serialize)]
struct FragmentOut<'a> {
    docs: Vec<FragmentDoc<'a>>,
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
    text: std::borrow::Cow<'a, str>,
}

fn fragment(doc: &IndexDoc) -> FragmentDoc<'_> {
    let text = match doc.text.char_indices().nth(FRAGMENT_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", &doc.text[..cut]).into(),
        None => doc.text.as_str().into(),
    };
    FragmentDoc {
        url: &doc.url,
        guideline: &doc.guideline,
        guideline_url: &doc.guideline_url,
        group: &doc.group,
        kind: doc.kind,
        title: &doc.title,
        strength: doc.strength.as_deref(),
        text,
    }
}

/// Serialises `value` as `<name>.<hash>.json` and returns the file name.
fn store<T: Serialize>(out: &mut StaticFiles, name: &str, value: &T) -> String {
    // Plain data of strings and numbers always serialises.
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let hash = blake3::hash(&bytes).to_hex();
    let file = format!("{name}.{}.json", &hash.as_str()[..10]);
    out.files.insert(file.clone(), bytes);
    file
}

/// A decoded static index, queried exactly as `search.js` does.
pub struct StaticIndex {
    pub meta: Meta,
    terms: BTreeMap<String, Vec<u32>>,
    docs: Vec<IndexDoc>,
}

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("missing file {0}")]
    Missing(String),
    #[error("{0}: {1}")]
    Json(String, serde_json::Error),
    #[error("unsupported version {0}")]
    Version(u32),
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, bytes: Vec<u8>) -> Result<T, DecodeError> {
    serde_json::from_slice(&bytes).map_err(|e| DecodeError::Json(name.to_owned(), e))
}

impl StaticIndex {
    /// Reads every file through `read` (a name → bytes lookup), starting from the meta file.
    pub fn decode(
        meta_file: &str,
        read: impl Fn(&str) -> Option<Vec<u8>>,
    ) -> Result<Self, DecodeError> {
        let load = |name: &str| read(name).ok_or_else(|| DecodeError::Missing(name.to_owned()));
        let meta: Meta = parse(meta_file, load(meta_file)?)?;
        if meta.version != VERSION {
            return Err(DecodeError::Version(meta.version));
        }
        let mut terms = BTreeMap::new();
        for chunk in &meta.chunks {
            let decoded: Chunk = parse(&chunk.file, load(&chunk.file)?)?;
            terms.extend(decoded.terms);
        }
        let mut docs = Vec::new();
        for file in &meta.fragments.files {
            let decoded: FragmentFile = parse(file, load(file)?)?;
            docs.extend(decoded.docs);
        }
        Ok(Self { meta, terms, docs })
    }

    pub fn doc(&self, id: u32) -> Option<&IndexDoc> {
        self.docs.get(id as usize)
    }

    pub fn postings(&self, term: &str) -> Option<&[u32]> {
        self.terms.get(term).map(Vec::as_slice)
    }

    /// FORMAT.md, "Query semantics": `(doc id, score)`, best first.
    pub fn query(&self, query: &str, group: Option<&str>, limit: usize) -> Vec<(u32, f32)> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let hits = self.query_words(&words, true, group, limit);
        if hits.is_empty() && words.len() > 1 {
            return self.query_words(&words, false, group, limit);
        }
        hits
    }

    /// With `all`, a doc must match every word; otherwise any.
    fn query_words(
        &self,
        words: &[String],
        all: bool,
        group: Option<&str>,
        limit: usize,
    ) -> Vec<(u32, f32)> {
        let range = group.and_then(|code| self.meta.groups.iter().find(|g| g.code == code));
        if group.is_some() && range.is_none() {
            return Vec::new();
        }
        let mut total: Option<HashMap<u32, f32>> = None;
        for word in words {
            let mut scores: HashMap<u32, f32> = HashMap::new();
            if let Some(postings) = self.terms.get(word) {
                for pair in postings.chunks_exact(2) {
                    scores.insert(pair[0], pair[1] as f32 / 1000.0);
                }
            }
            let longer = self
                .terms
                .range::<str, _>((
                    std::ops::Bound::Excluded(word.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .take_while(|(term, _)| term.starts_with(word.as_str()))
                .take(MAX_PREFIX_TERMS);
            for (_, postings) in longer {
                for pair in postings.chunks_exact(2) {
                    let score = PREFIX_FACTOR * pair[1] as f32 / 1000.0;
                    let entry = scores.entry(pair[0]).or_default();
                    *entry = entry.max(score);
                }
            }
            total = Some(match total {
                None => scores,
                Some(previous) if all => previous
                    .into_iter()
                    .filter_map(|(doc, score)| scores.get(&doc).map(|s| (doc, score + s)))
                    .collect(),
                Some(mut previous) => {
                    for (doc, score) in scores {
                        *previous.entry(doc).or_default() += score;
                    }
                    previous
                }
            });
        }
        let mut hits: Vec<(u32, f32)> = total
            .unwrap_or_default()
            .into_iter()
            .filter(|(doc, _)| range.is_none_or(|r| (r.first..r.end).contains(doc)))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits.truncate(limit);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DocKind;

    fn doc(group: &str, title: &str, text: &str) -> IndexDoc {
        IndexDoc {
            url: format!("/{group}/x/#{title}"),
            guideline: "G".into(),
            guideline_url: format!("/{group}/x/"),
            group: group.into(),
            kind: DocKind::Recommendation,
            title: title.into(),
            strength: Some("A".into()),
            text: text.into(),
        }
    }

    #[test]
    fn encode_then_decode_gives_back_postings_fragments_and_groups() {
        let docs = vec![
            doc("a", "1", "kemoterapi"),
            doc("b", "2", &"ord ".repeat(200)),
        ];
        let groups = vec![
            GroupRange {
                code: "a".into(),
                name: "A".into(),
                first: 0,
                end: 1,
            },
            GroupRange {
                code: "b".into(),
                name: "B".into(),
                first: 1,
                end: 2,
            },
        ];
        let mut weights = BTreeMap::new();
        weights.insert("kemoterapi".to_owned(), vec![(0, 1.2345)]);
        weights.insert("ord".to_owned(), vec![(1, 0.0001)]);
        let files = encode(&docs, &groups, &weights);
        let index =
            StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned()).unwrap();
        assert_eq!(index.meta.groups, groups);
        assert_eq!(index.postings("kemoterapi"), Some(&[0, 1235][..]));
        // A weight never rounds to zero, so a posting never disappears.
        assert_eq!(index.postings("ord"), Some(&[1, 1][..]));
        assert_eq!(index.doc(0), Some(&docs[0]));
        let long = index.doc(1).unwrap();
        assert_eq!(long.text.chars().count(), FRAGMENT_TEXT_CHARS + 1);
        assert!(long.text.ends_with('…'));
        // Every file name carries its content's hash.
        for (name, bytes) in &files.files {
            let hash = blake3::hash(bytes).to_hex();
            assert!(name.contains(&hash.as_str()[..10]), "{name}");
        }
    }

    #[test]
    fn long_postings_keep_the_best_weights_in_doc_order() {
        let postings: Vec<(u32, f32)> = (0..(MAX_POSTINGS as u32 + 10))
            .map(|d| (d, d as f32))
            .collect();
        let flat = flatten(&postings);
        assert_eq!(flat.len(), MAX_POSTINGS * 2);
        assert_eq!(flat[0], 10, "the ten lowest weights are dropped");
        assert!(
            flat.chunks_exact(2)
                .zip(flat.chunks_exact(2).skip(1))
                .all(|(a, b)| a[0] < b[0])
        );
    }
}
