//! Indexing: each DMCG group's units in one segment of their own, so that a later build can
//! start from the last index and index again only the groups that changed.
//!
//! BM25's statistics are sums over segments (docs, doc frequencies, tokens), and a segment
//! holding the same docs in the same order is scored the same way whichever index it is in.
//! So an index whose unchanged groups' segments are the last build's, and whose changed
//! groups' are new, answers every query exactly (scores bit for bit) as one built from
//! nothing. The segments are written by `SegmentWriter`s, two groups at a time, and listed
//! in `meta.json` by this module: no commit, no delete, no merge.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::indexer::{AddOperation, SegmentWriter};
use tantivy::schema::Schema;
use tantivy::store::Compressor;
use tantivy::{Index, IndexMeta, IndexSettings, ReloadPolicy, SegmentMeta, TantivyDocument, doc};

use super::parts::{self, GroupHash, IDS_FILE, Part, REUSE_FILE};
use super::stamps::{self, Stamps};
use super::texts::{ReadTexts, filled};
use super::unsynced::Unsynced;
use super::{Engine, EngineError, Fields, GROUPS_FILE, schema};
use crate::tokenizers;
use crate::{GroupRange, IndexDoc, TermStats};

/// Where an index is built (in memory without a folder), the last build's index it may
/// start from, and the program's identity, which the record of what it holds is keyed by
/// (without one, no record is kept and the next build indexes everything).
#[derive(Debug, Clone, Copy, Default)]
pub struct IndexPlace<'a> {
    /// The folder the index is built in (created; expected empty).
    pub dir: Option<&'a Path>,
    /// The last build's index folder, left as it is.
    pub last: Option<&'a Path>,
    /// What identifies the program that indexes (its version, its executable).
    pub program: Option<&'a str>,
}

/// How much of the index a build made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Indexed {
    /// Whether it started from the last build's index.
    pub reused: bool,
    /// How many groups it indexed.
    pub groups: usize,
    /// How many groups there are.
    pub of: usize,
}

/// Groups indexed at once, each by a thread of its own: with one, the index was the last
/// part of a full build to finish, alone on one core.
const THREADS: usize = 2;
/// Each segment writer's memory budget: a group's units fit in one segment.
const MEMORY_BUDGET: usize = 100_000_000;

/// What one build indexes: the docs (in doc-id order), their full texts (those not held
/// read by `read` when a segment needs them), their stats.
pub(super) struct Job<'a> {
    pub(super) docs: &'a [IndexDoc],
    pub(super) texts: Vec<Option<Cow<'a, str>>>,
    pub(super) read: Option<ReadTexts<'a>>,
    pub(super) groups: Vec<GroupRange>,
    pub(super) stats: &'a Arc<TermStats>,
}

/// The last build's segments a build keeps, by group, and the groups it indexes again.
struct Start {
    kept: HashMap<String, SegmentMeta>,
    again: HashSet<String>,
    /// Every group's part, hashed.
    parts: Vec<Part>,
    /// The stamps the last build recorded of its segments' files.
    stamps: Stamps,
}

/// A new index, and each group's segment id in it.
type Built = (Index, HashMap<String, String>);

/// One group's docs, each with its id and its full text (`None`: not read yet): one segment.
struct Batch<'t> {
    first: u64,
    docs: Vec<(usize, Option<Cow<'t, str>>)>,
}

impl<'a> Job<'a> {
    /// Indexes the job's docs in `place`, from the last index when it can.
    pub(super) fn run(mut self, place: IndexPlace) -> Result<(Engine, Indexed), EngineError> {
        self.read_unkeyed()?;
        let schema = schema();
        let settings = settings();
        let groups = parts::groups_of(self.docs);
        let key = place.program.map(|program| {
            let shape = serde_json::to_string(&(&schema, &settings)).unwrap_or_default();
            parts::key(program, &shape, self.stats)
        });
        // The groups are hashed ahead only when there is a last index to compare with; a
        // full build hashes each doc as it indexes it.
        let hash_all = || parts::hashed(&groups, self.docs, &self.texts, self.stats);
        let start = match (place.dir, place.last, &key) {
            (Some(_), Some(last), Some(key)) => start_from_last(last, key, hash_all, &schema)
                .map(|(start, index)| (start, index, last)),
            _ => None,
        };
        let updated = match (start, place.dir) {
            (Some((start, last, last_dir)), Some(dir)) => {
                // The kept segments' checksums are checked on a thread of their own while
                // the changed groups are indexed (no kept segment is opened before both
                // are done): at the end of a one-change build the indexing is often the
                // last work left, on one core.
                let (vouched, updated) = std::thread::scope(|scope| {
                    let checking = scope.spawn(|| kept_segments_whole(&last, last_dir, &start));
                    let updated = self.update(&start, (&last, last_dir), dir, &groups);
                    (checking.join().ok().flatten(), updated)
                });
                match updated.and_then(|built| opened(built, vouched.is_some())) {
                    Ok(built) => Some((built, start, vouched.unwrap_or_default())),
                    // Should the update fail, or a kept segment be damaged, a full build
                    // gives the index.
                    Err(_) => {
                        std::fs::remove_dir_all(dir)?;
                        None
                    }
                }
            }
            _ => None,
        };
        let ((index, segments, parts), indexed, stamps) = match updated {
            Some(((index, segments), start, stamps)) => {
                let indexed = Indexed {
                    reused: true,
                    groups: start.again.len(),
                    of: start.parts.len(),
                };
                ((index, segments, start.parts), indexed, stamps)
            }
            None => {
                let ((index, segments), parts) = self.fresh(place.dir, &groups)?;
                let indexed = Indexed::everything(groups.len());
                // Just written: checked by the next build, which records them.
                ((index, segments, parts), indexed, Stamps::new())
            }
        };
        let offsets = parts::offsets(&parts);
        if let Some(dir) = place.dir {
            write_json(&dir.join(GROUPS_FILE), &self.groups)?;
            write_json(&dir.join(IDS_FILE), &offsets)?;
            if let Some(key) = key {
                let record = parts::Record {
                    key,
                    parts,
                    segments,
                    stamps,
                };
                write_json(&dir.join(REUSE_FILE), &record)?;
            }
        }
        let fields = Fields::of(&index.schema())?;
        let engine = Engine::with_reader(index, fields, self.groups, offsets)?;
        Ok((engine, indexed))
    }

    /// Reads the texts not held of the docs the stats hold no analysis key of: their
    /// groups' hashes read their texts.
    fn read_unkeyed(&mut self) -> Result<(), EngineError> {
        let unkeyed: Vec<(usize, Option<Cow<str>>)> = (0..self.texts.len())
            .filter(|&id| self.texts[id].is_none() && self.stats.analysis_key(id).is_none())
            .map(|id| (id, None))
            .collect();
        for (id, text) in filled(unkeyed, self.read)? {
            self.texts[id] = Some(text);
        }
        Ok(())
    }

    /// A new index of every group, in `dir` or in memory, and the groups' parts, each doc
    /// hashed as it is indexed; each text is freed as soon as the index has it.
    fn fresh(
        &mut self,
        dir: Option<&Path>,
        groups: &[(Part, Vec<usize>)],
    ) -> Result<(Built, Vec<Part>), EngineError> {
        let index = create(dir)?;
        let texts = std::mem::take(&mut self.texts);
        let batches = batches(self.docs, texts.into_iter().enumerate(), groups, None);
        let written = write_segments(&index, (self.docs, self.stats), batches, self.read, true)?;
        let parts: Vec<Part> = groups
            .iter()
            .map(|(part, _)| Part {
                hash: written
                    .get(&part.code)
                    .and_then(|(_, hash)| hash.clone())
                    .unwrap_or_default(),
                ..part.clone()
            })
            .collect();
        let segments = written
            .into_iter()
            .map(|(c, (meta, _))| (c, meta))
            .collect();
        let segments = save_meta(&index, &parts, segments)?;
        Ok(((index, segments), parts))
    }

    /// The last index's kept segments linked into `dir`, and the changed groups indexed.
    fn update(
        &self,
        start: &Start,
        (last, last_dir): (&Index, &Path),
        dir: &Path,
        groups: &[(Part, Vec<usize>)],
    ) -> Result<Built, EngineError> {
        let index = create(Some(dir))?;
        let kept: Vec<SegmentMeta> = start.kept.values().cloned().collect();
        link_segment_files(last, last_dir, &kept, dir)?;
        // The texts stay whole for a full build, should this one fail.
        let texts = self.texts.iter().map(|t| t.as_deref().map(Cow::Borrowed));
        let batches = batches(self.docs, texts.enumerate(), groups, Some(&start.again));
        let written = write_segments(&index, (self.docs, self.stats), batches, self.read, false)?;
        let mut segments: HashMap<String, SegmentMeta> = written
            .into_iter()
            .map(|(c, (meta, _))| (c, meta))
            .collect();
        segments.extend(start.kept.clone());
        let segments = save_meta(&index, &start.parts, segments)?;
        Ok((index, segments))
    }
}

/// The index `built` from the last one, once its kept segments are found `whole`: every
/// segment opens (none of the last index's is missing a file).
fn opened(built: Built, whole: bool) -> Result<Built, EngineError> {
    if !whole {
        return Err(EngineError::Io(std::io::Error::other(
            "a segment of the last index is damaged",
        )));
    }
    let _: tantivy::IndexReader = built
        .0
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    Ok(built)
}

/// Whether every file of the segments `start` keeps of the `last` index (in `last_dir`) is
/// as it was written: its stamp the recorded one, or its checksum sound. The stamps to
/// record for them when so (`stamps::vouch`).
fn kept_segments_whole(last: &Index, last_dir: &Path, start: &Start) -> Option<Stamps> {
    let files = files_of(last, start.kept.values().cloned().collect()).ok()?;
    stamps::vouch(last_dir, &files, &start.stamps, |file| {
        last.directory().validate_checksum(file).unwrap_or(false)
    })
}

/// Each group's segment and, when `hash`, the group's hash (`parts::GroupHash`).
type Written = HashMap<String, (SegmentMeta, Option<String>)>;

/// Writes each batch as a segment of `index`, `THREADS` at a time, the texts not held read
/// by `read` as each batch's turn comes; by group.
fn write_segments(
    index: &Index,
    (docs, stats): (&[IndexDoc], &Arc<TermStats>),
    batches: HashMap<String, Batch>,
    read: Option<ReadTexts>,
    hash: bool,
) -> Result<Written, EngineError> {
    tokenizers::register(index);
    tokenizers::register_doc_terms(index, stats);
    let fields = Fields::of(&index.schema())?;
    // The largest groups first, so that the threads finish together.
    let mut queue: Vec<(String, Batch)> = batches.into_iter().collect();
    queue.sort_by_key(|(_, batch)| batch.docs.len());
    let queue = Mutex::new(queue);
    let written = Mutex::new(HashMap::new());
    let work = || -> Result<(), EngineError> {
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).pop();
            let Some((code, batch)) = next else {
                return Ok(());
            };
            let hash = hash.then(|| GroupHash::new(batch.first));
            let (first, texts) = (batch.first, filled(batch.docs, read)?);
            let meta = write_segment(index, (docs, stats), &fields, (first, texts), hash)?;
            let mut written = written.lock().unwrap_or_else(PoisonError::into_inner);
            written.insert(code, meta);
        }
    };
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..THREADS).map(|_| scope.spawn(work)).collect();
        threads.into_iter().try_for_each(|thread| {
            thread
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("indexing panicked").into()))
        })
    })?;
    Ok(written.into_inner().unwrap_or_else(PoisonError::into_inner))
}

impl Indexed {
    fn everything(groups: usize) -> Self {
        Self {
            reused: false,
            groups,
            of: groups,
        }
    }
}

/// The docs of each group (of those in `only`, or every group), with their texts.
fn batches<'t>(
    docs: &[IndexDoc],
    texts: impl Iterator<Item = (usize, Option<Cow<'t, str>>)>,
    groups: &[(Part, Vec<usize>)],
    only: Option<&HashSet<String>>,
) -> HashMap<String, Batch<'t>> {
    let mut batches: HashMap<String, Batch> = groups
        .iter()
        .map(|(part, _)| part)
        .filter(|p| only.is_none_or(|only| only.contains(&p.code)))
        .map(|p| {
            let docs = Vec::with_capacity(p.count as usize);
            (
                p.code.clone(),
                Batch {
                    first: p.first,
                    docs,
                },
            )
        })
        .collect();
    for (id, text) in texts {
        if let Some(batch) = docs.get(id).and_then(|d| batches.get_mut(&d.group)) {
            batch.docs.push((id, text));
        }
    }
    batches
}

/// One group's docs (the first's id, each doc's id and full text) as a new segment of
/// `index`, each added to `hash` too; its meta and the group's hash.
fn write_segment(
    index: &Index,
    (docs, stats): (&[IndexDoc], &TermStats),
    fields: &Fields,
    (first, texts): (u64, Vec<(usize, Cow<str>)>),
    mut hash: Option<GroupHash>,
) -> Result<(SegmentMeta, Option<String>), EngineError> {
    let segment = index.new_segment();
    let mut writer = SegmentWriter::for_segment(MEMORY_BUDGET, segment.clone())?;
    for (opstamp, (id, text)) in texts.into_iter().enumerate() {
        let d = &docs[id];
        // The field tokenizers read the doc's terms by its id.
        let key = id.to_string();
        let mut doc: TantivyDocument = doc!(
            fields.id => id as u64 - first,
            fields.title => key.as_str(),
            fields.text => key.as_str(),
            fields.title_phrases => key.as_str(),
            fields.text_phrases => key.as_str(),
            fields.group => d.group.as_str(),
            fields.kind => super::kind_name(d.kind),
            fields.kind_boost => f64::from(d.kind.boost()),
        );
        fields.stored.add(&mut doc, d, text.as_ref());
        if let Some(hash) = &mut hash {
            hash.add(id, d, text.as_ref(), stats);
        }
        let opstamp = opstamp as u64;
        writer.add_document(AddOperation {
            opstamp,
            document: doc,
        })?;
    }
    let max_doc = writer.max_doc();
    writer.finalize()?;
    let meta = segment.with_max_doc(max_doc).meta().clone();
    Ok((meta, hash.map(GroupHash::finish)))
}

/// Lists `segments` in `index`'s `meta.json`, in the groups' order (replaced at once), and
/// returns each group's segment id.
fn save_meta(
    index: &Index,
    parts: &[Part],
    segments: HashMap<String, SegmentMeta>,
) -> Result<HashMap<String, String>, EngineError> {
    let mut meta: IndexMeta = index.load_metas()?;
    meta.segments = parts
        .iter()
        .filter_map(|p| segments.get(&p.code).cloned())
        .collect();
    meta.opstamp = meta.segments.iter().map(|s| u64::from(s.max_doc())).sum();
    let mut bytes = serde_json::to_vec_pretty(&meta).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    tantivy::Directory::atomic_write(index.directory(), Path::new("meta.json"), &bytes)?;
    Ok(segments
        .into_iter()
        .map(|(code, meta)| (code, meta.id().uuid_string()))
        .collect())
}

fn settings() -> IndexSettings {
    // The doc store holds every unit's text for snippets: compressing it took a core a
    // fifth of the build's tantivy time, to save ~40 MB of a local, undeployed folder.
    IndexSettings {
        docstore_compression: Compressor::None,
        ..IndexSettings::default()
    }
}

/// A new, empty index in `dir`, or in memory.
fn create(dir: Option<&Path>) -> Result<Index, EngineError> {
    Ok(match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            Index::create(Unsynced::open(dir)?, schema(), settings())?
        }
        None => Index::builder()
            .schema(schema())
            .settings(settings())
            .create_in_ram()?,
    })
}

fn write_json(path: &Path, value: &impl serde::Serialize) -> Result<(), EngineError> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    std::fs::write(path, bytes)?;
    Ok(())
}

/// The last index in `last`, when its record is of `key` and its `meta.json` lists exactly
/// the segments the record names, one per group, each with its docs and none deleted; its
/// segments whose groups are unchanged, and the groups to index again. `None` on any
/// doubt. The kept segments' checksums are checked apart ([`kept_segments_whole`]), and no
/// segment is opened before they are.
fn start_from_last(
    last: &Path,
    key: &str,
    hash: impl FnOnce() -> Vec<Part>,
    schema: &Schema,
) -> Option<(Start, Index)> {
    let record = parts::read_record(last, key)?;
    let index = Index::open_in_dir(last).ok()?;
    if index.schema() != *schema || *index.settings() != settings() {
        return None;
    }
    let metas = index.searchable_segment_metas().ok()?;
    if metas.len() != record.parts.len() || record.segments.len() != record.parts.len() {
        return None;
    }
    let parts = hash();
    let hashes: HashMap<&str, &str> = parts
        .iter()
        .map(|p| (p.code.as_str(), p.hash.as_str()))
        .collect();
    let mut kept = HashMap::new();
    for part in &record.parts {
        let id = record.segments.get(&part.code)?;
        let meta = metas.iter().find(|m| m.id().uuid_string() == *id)?;
        if u64::from(meta.max_doc()) != part.count || meta.num_deleted_docs() > 0 {
            return None;
        }
        if hashes.get(part.code.as_str()) == Some(&part.hash.as_str()) {
            kept.insert(part.code.clone(), meta.clone());
        }
    }
    let again = parts
        .iter()
        .filter(|p| !kept.contains_key(&p.code))
        .map(|p| p.code.clone())
        .collect();
    let stamps = record.stamps;
    let start = Start {
        kept,
        again,
        parts,
        stamps,
    };
    Some((start, index))
}

/// The files of `segments` in `index`'s folder.
fn files_of(index: &Index, segments: Vec<SegmentMeta>) -> Result<Vec<PathBuf>, EngineError> {
    let mut meta = index.load_metas()?;
    meta.segments = segments;
    let dir = index.directory();
    Ok(meta
        .list_segment_files()
        .into_iter()
        .filter(|file| tantivy::Directory::exists(dir, file).unwrap_or(false))
        .collect())
}

/// Hard-links (or, where links fail, copies) the files of `segments` of the index in
/// `last` into `dir`. tantivy never writes a segment's file again once written, so the
/// last index stays as it was.
fn link_segment_files(
    last: &Index,
    from_dir: &Path,
    segments: &[SegmentMeta],
    dir: &Path,
) -> Result<(), EngineError> {
    for file in files_of(last, segments.to_vec())? {
        let (from, to) = (from_dir.join(&file), dir.join(&file));
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to)?;
        }
    }
    Ok(())
}
