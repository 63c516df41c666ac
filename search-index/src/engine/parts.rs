//! What each DMCG group's segment holds, hashed, so that the next build indexes again only
//! the groups whose hash changed (`reuse.json` beside the index), and where each group's
//! doc ids start (`ids.json`), which a doc's stored id counts from.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::stamps::Stamps;
use super::stored::kind_name;
use crate::{IndexDoc, TermStats};

/// Beside the index: each group's first doc id, and the record the next build reuses.
pub(super) const IDS_FILE: &str = "ids.json";
/// The record of what the index holds, group by group, which the next build starts from.
pub const REUSE_FILE: &str = "reuse.json";

/// How many bytes of docs a group's hash takes at a time.
const HASHED_AT_ONCE: usize = 256 * 1024;

/// Raised whenever what is indexed, or how, changes in a way no group's hash shows.
const FORMAT: &str = "retning tantivy groups 1";

/// One group's docs in the index: the docs of `code`, the first at global id `first`, each
/// stored with its id less `first`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Part {
    pub(super) code: String,
    pub(super) first: u64,
    pub(super) count: u64,
    /// Of every field tantivy stores or indexes of the group's docs (`doc_bytes`).
    pub(super) hash: String,
}

/// What a build's index holds, group by group, and the key of what else shapes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Record {
    pub(super) key: String,
    pub(super) parts: Vec<Part>,
    /// Each group's segment (its id).
    pub(super) segments: HashMap<String, String>,
    /// The kept segments' files' stamps, taken when this build found them sound (a record
    /// without them has every file checked).
    #[serde(default)]
    pub(super) stamps: Stamps,
}

/// The groups of `docs` in the order their first docs come, each with its docs' ids, and
/// its part with no hash yet.
pub(super) fn groups_of(docs: &[IndexDoc]) -> Vec<(Part, Vec<usize>)> {
    let mut groups: Vec<(Part, Vec<usize>)> = Vec::new();
    let mut place: HashMap<&str, usize> = HashMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let at = *place.entry(doc.group.as_str()).or_insert_with(|| {
            let part = Part {
                code: doc.group.clone(),
                first: id as u64,
                count: 0,
                hash: String::new(),
            };
            groups.push((part, Vec::new()));
            groups.len() - 1
        });
        groups[at].0.count += 1;
        groups[at].1.push(id);
    }
    groups
}

/// The parts of `groups` (from [`groups_of`]), each hashed over its docs, whose full texts
/// are `texts` (in doc-id order; only those the stats hold no analysis key of are read, and
/// must be there). When every doc has an analysis key, each hashes ~100 bytes (a few
/// milliseconds for 1,000 guidelines' units) and the groups are hashed on the calling
/// thread: on the global pool their turn would come only once the render's work queued
/// there is done (tantivy's thread waited ~0.1 s for it, then indexed alone); otherwise
/// (texts and terms hashed) on every core.
pub(super) fn hashed(
    groups: &[(Part, Vec<usize>)],
    docs: &[IndexDoc],
    texts: &[Option<Cow<str>>],
    stats: &TermStats,
) -> Vec<Part> {
    let hash_group = |(part, ids): &(Part, Vec<usize>)| {
        let mut hash = GroupHash::new(part.first);
        for &id in ids {
            let text = texts.get(id).and_then(|t| t.as_deref()).unwrap_or("");
            hash.add(id, &docs[id], text, stats);
        }
        Part {
            hash: hash.finish(),
            ..part.clone()
        }
    };
    if (0..docs.len()).all(|id| stats.analysis_key(id).is_some()) {
        groups.iter().map(hash_group).collect()
    } else {
        groups.par_iter().map(hash_group).collect()
    }
}

/// A group's hash, doc after doc (in doc-id order).
pub(super) struct GroupHash {
    first: u64,
    hasher: blake3::Hasher,
    /// The docs' bytes are gathered and hashed a run at a time: blake3 hashes many
    /// kilobytes at once several times faster than a doc's few.
    bytes: Vec<u8>,
}

impl GroupHash {
    pub(super) fn new(first: u64) -> Self {
        Self {
            first,
            hasher: blake3::Hasher::new(),
            bytes: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, id: usize, doc: &IndexDoc, text: &str, stats: &TermStats) {
        let local = id as u64 - self.first;
        doc_bytes(&mut self.bytes, local, doc, text, stats, id);
        if self.bytes.len() >= HASHED_AT_ONCE {
            self.hasher.update(&self.bytes);
            self.bytes.clear();
        }
    }

    pub(super) fn finish(mut self) -> String {
        self.hasher.update(&self.bytes);
        self.hasher.finalize().to_hex().to_string()
    }
}

/// Adds to `bytes` everything the index holds of one doc: its stored id, its stored fields
/// and the terms its indexed fields are given (`DocTermsTokenizer`), each counted, or what
/// fixes those terms and its text (the analysis' key and seal) when the build keeps one.
fn doc_bytes(
    bytes: &mut Vec<u8>,
    local: u64,
    doc: &IndexDoc,
    text: &str,
    stats: &TermStats,
    id: usize,
) {
    let field = |bytes: &mut Vec<u8>, value: &[u8]| {
        bytes.extend_from_slice(&(value.len() as u64).to_le_bytes());
        bytes.extend_from_slice(value);
    };
    field(bytes, &local.to_le_bytes());
    field(bytes, kind_name(doc.kind).as_bytes());
    for value in [&doc.url, &doc.guideline, &doc.guideline_url, &doc.title] {
        field(bytes, value.as_bytes());
    }
    for value in [&doc.strength, &doc.strength_class] {
        // `None` apart from an empty string.
        field(bytes, value.as_deref().map_or(b"\xff", str::as_bytes));
    }
    // The analysis' key covers the full text and every field the terms come from, its seal
    // the program and the phrases: together they fix the doc's terms and counts, so a build
    // that keeps its analysis hashes 48 bytes rather than the text and every term again.
    if let Some((key, seal)) = stats.analysis_key(id) {
        bytes.push(1);
        bytes.extend_from_slice(key);
        bytes.extend_from_slice(seal);
        return;
    }
    bytes.push(0);
    field(bytes, text.as_bytes());
    for (term, counts) in stats.doc_terms(id) {
        field(bytes, stats.term(term).as_bytes());
        // Fixed sizes: no length needed.
        bytes.extend_from_slice(&[stats.slot(term, 0) as u8, stats.slot(term, 1) as u8]);
        bytes.extend_from_slice(&counts[0].to_le_bytes());
        bytes.extend_from_slice(&counts[1].to_le_bytes());
    }
    // The end of the doc's terms.
    field(bytes, b"");
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
