//! What each DMCG group's segments hold, hashed, so that the next build indexes again only
//! the groups whose hash changed (`reuse.json` beside the index), and where each group's
//! doc ids start (`ids.json`), which a doc's stored id counts from.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::stored::kind_name;
use crate::{IndexDoc, TermStats};

/// Beside the index: each group's first doc id, and the record the next build reuses.
pub(super) const IDS_FILE: &str = "ids.json";
/// The record of what the index holds, group by group, which the next build starts from.
pub const REUSE_FILE: &str = "reuse.json";

/// Raised whenever what is indexed, or how, changes in a way no group's hash shows.
const FORMAT: &str = "retning tantivy groups 1";

/// One group's docs in the index: the docs of `code`, the first at global id `first`, each
/// stored with its id less `first`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Part {
    pub(super) code: String,
    pub(super) first: u64,
    pub(super) count: u64,
    /// Of every field tantivy stores or indexes of the group's docs (`hash_doc`).
    pub(super) hash: String,
}

/// What a build's index holds, group by group, and the key of what else shapes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Record {
    pub(super) key: String,
    pub(super) parts: Vec<Part>,
    /// Each group's segment (its id).
    pub(super) segments: HashMap<String, String>,
}

/// The groups of `docs` in the order their first docs come, each hashed over its docs,
/// whose full texts are `texts` (in the same order).
pub(super) fn parts_of<T: AsRef<str>>(
    docs: &[IndexDoc],
    texts: &[T],
    stats: &TermStats,
) -> Vec<Part> {
    let mut order: Vec<(&str, u64, u64, blake3::Hasher)> = Vec::new();
    let mut place: HashMap<&str, usize> = HashMap::new();
    for (id, (doc, text)) in docs.iter().zip(texts).enumerate() {
        let id = id as u64;
        let at = *place.entry(doc.group.as_str()).or_insert_with(|| {
            order.push((doc.group.as_str(), id, 0, blake3::Hasher::new()));
            order.len() - 1
        });
        let (_, first, count, hasher) = &mut order[at];
        *count += 1;
        hash_doc(hasher, id - *first, doc, text.as_ref(), stats, id as usize);
    }
    order
        .into_iter()
        .map(|(code, first, count, hasher)| Part {
            code: code.to_owned(),
            first,
            count,
            hash: hasher.finalize().to_hex().to_string(),
        })
        .collect()
}

/// Adds to `hasher` everything the index holds of one doc: its stored id, its stored fields
/// and the terms its indexed fields are given (`DocTermsTokenizer`), each counted.
fn hash_doc(
    hasher: &mut blake3::Hasher,
    local: u64,
    doc: &IndexDoc,
    text: &str,
    stats: &TermStats,
    id: usize,
) {
    let mut field = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field(&local.to_le_bytes());
    field(kind_name(doc.kind).as_bytes());
    for value in [&doc.url, &doc.guideline, &doc.guideline_url, &doc.title] {
        field(value.as_bytes());
    }
    for value in [&doc.strength, &doc.strength_class] {
        // `None` apart from an empty string.
        field(value.as_deref().map_or(b"\xff", str::as_bytes));
    }
    field(text.as_bytes());
    for (term, counts) in stats.doc_terms(id) {
        field(stats.term(term).as_bytes());
        let slots = [stats.slot(term, 0) as u8, stats.slot(term, 1) as u8];
        field(&slots);
        field(&counts[0].to_le_bytes());
        field(&counts[1].to_le_bytes());
    }
    // The end of the doc's terms.
    field(b"");
}

/// The key of everything but the groups' docs that shapes the index: the program (which
/// analyzes and indexes), the schema and the settings, whether the phrase fields are filled.
pub(super) fn key(program: &str, schema: &str, stats: &TermStats) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in [FORMAT, program, schema] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.update(&[u8::from(stats.phrase_fields())]);
    hasher.finalize().to_hex().to_string()
}

/// Each group's first global id, by its code.
pub(super) type Offsets = HashMap<String, u64>;

pub(super) fn offsets(parts: &[Part]) -> Offsets {
    parts.iter().map(|p| (p.code.clone(), p.first)).collect()
}

/// The offsets written beside the index in `dir` (none for an index without them: its
/// stored ids are the global ones).
pub(super) fn read_offsets(dir: &Path) -> Offsets {
    std::fs::read(dir.join(IDS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The record a build left beside its index in `dir`, if it is readable and of `key`.
pub(super) fn read_record(dir: &Path, key: &str) -> Option<Record> {
    let bytes = std::fs::read(dir.join(REUSE_FILE)).ok()?;
    let record: Record = serde_json::from_slice(&bytes).ok()?;
    (record.key == key).then_some(record)
}
