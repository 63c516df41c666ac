//! The analysis a build keeps for the next (`TermStats::reusing`), in a folder: a dictionary
//! of terms (`terms.dict`) and a part per DMCG group (`<hash of its code>.part`) with, per
//! doc, its key, its field lengths and its terms (by their ids in the dictionary) and
//! counts. A build rewrites
//! only the parts of the groups whose docs changed, and the dictionary only when a term is
//! new to it.
//!
//! The dictionary only grows (until a build starts a new one: `reuse.rs`), so a term's id
//! never changes and an older part stays good. Each growth is a checkpoint: the number of
//! terms and a hash chained over the seal and every term so far. A part names the checkpoint
//! it was written at and is used only when the dictionary has it: a part of another
//! dictionary, or of one grown otherwise, is never read against this one. Every file has a
//! format word and a blake3 checksum of its body; a corrupt, truncated or foreign file is
//! not used and costs the analysis of its docs (all docs, for the dictionary).

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::packed::{ENTRY, RunTerms};
use super::reuse::{DocKey, KeptDict};
use super::{FIELDS, INDEXED_FIELDS, Lengths, TermStats};
use crate::sealed_bytes::{Body, opened};

const DICT_MAGIC: &[u8; 16] = b"retning-dict 1\n\n";
const PART_MAGIC: &[u8; 16] = b"retning-part 2\n\n";
const DICT_FILE: &str = "terms.dict";
const PART_EXTENSION: &str = "part";
/// No term is longer (tantivy's limit); a longer length is a corrupt file.
const MAX_TERM: usize = 1 << 16;
/// The writer's buffer.
const BUFFER: usize = 1 << 16;

/// A state of the dictionary: its number of terms and the hash chained over its seal and
/// those terms ([`chain`]).
pub(super) type Checkpoint = (u32, [u8; 32]);

/// The terms of the kept parts, by id.
pub(super) struct Dict {
    /// The program and phrases its parts were analyzed with.
    pub(super) seal: [u8; 32],
    /// Every state it went through, the last its present one.
    pub(super) checkpoints: Vec<Checkpoint>,
    pub(super) terms: Vec<String>,
    /// The ids in the order of their terms.
    pub(super) order: Vec<u32>,
}

/// A group's docs as a build kept them.
pub(super) struct Part {
    pub(super) keys: Vec<DocKey>,
    /// Their field lengths, as `field_lengths` counted them (which only the seal's phrases
    /// decide besides their terms).
    pub(super) lengths: Vec<Lengths>,
    /// Their terms, by ids of the dictionary.
    pub(super) run: RunTerms,
}

/// The last build's analysis, as read back: the dictionary and each part good for it, by
/// its name.
pub struct KeptAnalysis {
    pub(super) dict: Dict,
    pub(super) parts: FxHashMap<String, Part>,
}

impl KeptAnalysis {
    /// The analysis kept in `dir`, if its dictionary is whole and of this format; of its
    /// parts, those that are whole and of that dictionary. The dictionary is read on one
    /// core while the parts are on the others, and each part checked against it after.
    pub fn read(dir: &Path) -> Option<Self> {
        let (dict, parts) = rayon::join(
            || read_dict(&std::fs::read(dir.join(DICT_FILE)).ok()?),
            || read_parts(dir),
        );
        let dict = dict?;
        let parts = parts?
            .into_iter()
            .filter(|(_, (seal, checkpoint, _))| {
                *seal == dict.seal && dict.checkpoints.contains(checkpoint)
            })
            .map(|(name, (_, _, part))| (name, part))
            .collect();
        Some(Self { dict, parts })
    }
}

/// The parts in `dir` that are whole, by name, each with the seal and checkpoint it names.
fn read_parts(dir: &Path) -> Option<Vec<(String, PartOf)>> {
    let files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            if path.extension()? != PART_EXTENSION {
                return None;
            }
            Some((path.file_stem()?.to_str()?.to_owned(), path))
        })
        .collect();
    let parts = files
        .into_par_iter()
        .filter_map(|(name, path)| Some((name, read_part(&std::fs::read(path).ok()?)?)))
        .collect();
    Some(parts)
}

/// The hash of the state after `prev` with `terms` added (`prev` the seal for the first).
pub(super) fn chain(prev: &[u8; 32], terms: &[String]) -> [u8; 32] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(prev);
    for term in terms {
        hasher.update(&(term.len() as u64).to_le_bytes());
        hasher.update(term.as_bytes());
    }
    *hasher.finalize().as_bytes()
}

/// The file name of the part `name`.
fn part_file(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.{PART_EXTENSION}"))
}

impl TermStats {
    /// Writes what changed of this analysis into `dir` for the next build's
    /// [`TermStats::reusing`] (each file beside its place, then renamed in), and removes the
    /// parts no group has any more. Nothing is written for statistics not made to be kept.
    pub fn write_analysis(&self, dir: &Path) -> io::Result<()> {
        let Some(kept) = &self.kept else {
            return Ok(());
        };
        std::fs::create_dir_all(dir)?;
        let (checkpoint, to_dict) = match &kept.dict {
            KeptDict::Fresh(checkpoint) => {
                write_dict(dir, &kept.seal, &[*checkpoint], &self.terms, None)?;
                (*checkpoint, None)
            }
            KeptDict::Extended {
                dict,
                changed,
                to_dict,
            } => {
                if *changed {
                    write_dict(
                        dir,
                        &dict.seal,
                        &dict.checkpoints,
                        &dict.terms,
                        Some(&dict.order),
                    )?;
                }
                let last = dict.checkpoints.last().copied();
                (
                    last.ok_or_else(|| io::Error::other("no state"))?,
                    Some(&to_dict[..]),
                )
            }
        };
        for part in kept.parts.iter().filter(|part| part.write) {
            let docs = part.docs.clone();
            let Some(keys) = kept.keys.get(docs.clone()) else {
                continue;
            };
            let file = part_file(dir, &part.name);
            write_file(&file, PART_MAGIC, |body| {
                body.write_all(&kept.seal)?;
                write_checkpoint(body, &checkpoint)?;
                self.write_part(body, keys, docs, to_dict)
            })?;
        }
        let current: Vec<PathBuf> = kept.parts.iter().map(|p| part_file(dir, &p.name)).collect();
        for entry in std::fs::read_dir(dir)?.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n != DICT_FILE) && !current.contains(&path) {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(())
    }

    /// The keys and terms of the docs `docs` (whose keys are `keys`), term ids mapped by
    /// `to_dict` (as they are without it).
    fn write_part(
        &self,
        body: &mut impl Write,
        keys: &[DocKey],
        docs: std::ops::Range<usize>,
        to_dict: Option<&[u32]>,
    ) -> io::Result<()> {
        write_u32(body, keys.len())?;
        for key in keys {
            body.write_all(key)?;
        }
        for d in docs.clone() {
            let lengths = self.lengths.get(d).ok_or_else(|| bad("a doc"))?;
            for length in lengths {
                body.write_all(&length.to_le_bytes())?;
            }
        }
        let mut end = 0;
        for d in docs.clone() {
            end += self.docs.doc(d).size_hint().0;
            write_u32(body, end)?;
        }
        write_u32(body, end)?;
        let mut over = Vec::new();
        let mut at = 0;
        for d in docs {
            for (term, counts) in self.docs.doc(d) {
                let term = match to_dict {
                    Some(map) => *map.get(term as usize).ok_or_else(|| bad("a term"))?,
                    None => term,
                };
                let short = counts.map(|c| u16::try_from(c).unwrap_or(u16::MAX));
                if short.contains(&u16::MAX) {
                    over.push((at, counts));
                }
                let mut bytes = [0u8; ENTRY];
                bytes[..4].copy_from_slice(&term.to_le_bytes());
                for (f, count) in short.iter().enumerate() {
                    bytes[4 + 2 * f..6 + 2 * f].copy_from_slice(&count.to_le_bytes());
                }
                body.write_all(&bytes)?;
                at += 1;
            }
        }
        write_u32(body, over.len())?;
        for (at, counts) in over {
            write_u32(body, at)?;
            for count in counts {
                body.write_all(&count.to_le_bytes())?;
            }
        }
        Ok(())
    }
}

fn write_dict(
    dir: &Path,
    seal: &[u8; 32],
    checkpoints: &[Checkpoint],
    terms: &[String],
    order: Option<&[u32]>,
) -> io::Result<()> {
    write_file(&dir.join(DICT_FILE), DICT_MAGIC, |body| {
        body.write_all(seal)?;
        write_u32(body, checkpoints.len())?;
        for checkpoint in checkpoints {
            write_checkpoint(body, checkpoint)?;
        }
        write_u32(body, terms.len())?;
        for term in terms {
            write_u32(body, term.len())?;
            body.write_all(term.as_bytes())?;
        }
        for i in 0..terms.len() {
            let id = order.map_or(Some(i as u32), |order| order.get(i).copied());
            body.write_all(&id.ok_or_else(|| bad("an order"))?.to_le_bytes())?;
        }
        Ok(())
    })
}

fn write_checkpoint(body: &mut impl Write, (len, hash): &Checkpoint) -> io::Result<()> {
    body.write_all(&len.to_le_bytes())?;
    body.write_all(hash)
}

/// The dictionary of a file's `bytes`, if it is whole: its checkpoints ascending to its
/// number of terms, its order a permutation that sorts the terms.
fn read_dict(bytes: &[u8]) -> Option<Dict> {
    let mut body = Body(opened(bytes, DICT_MAGIC)?);
    let seal = body.array()?;
    let checkpoints = (0..body.u32()?)
        .map(|_| Some((body.u32()?, body.array()?)))
        .collect::<Option<Vec<Checkpoint>>>()?;
    let count = body.u32()? as usize;
    let mut terms = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let len = body.u32()? as usize;
        if len > MAX_TERM {
            return None;
        }
        terms.push(std::str::from_utf8(body.take(len)?).ok()?.to_owned());
    }
    let order = body.u32s(count)?;
    let mut seen = vec![false; count];
    for &id in &order {
        if std::mem::replace(seen.get_mut(id as usize)?, true) {
            return None;
        }
    }
    let sorted = order
        .windows(2)
        .all(|w| terms[w[0] as usize] < terms[w[1] as usize]);
    let states = checkpoints.windows(2).all(|w| w[0].0 < w[1].0)
        && checkpoints.last().is_some_and(|c| c.0 as usize == count);
    (body.is_empty() && sorted && states).then_some(Dict {
        seal,
        checkpoints,
        terms,
        order,
    })
}

/// A part as read, with the seal and the dictionary's state it was written at: good only
/// against a dictionary of that seal that went through that state.
type PartOf = ([u8; 32], Checkpoint, Part);

/// The part of a file's `bytes`, if it is whole (its terms all below the number of terms at
/// the state it names).
fn read_part(bytes: &[u8]) -> Option<PartOf> {
    let mut body = Body(opened(bytes, PART_MAGIC)?);
    let seal: [u8; 32] = body.array()?;
    let checkpoint = (body.u32()?, body.array()?);
    let docs = body.u32()? as usize;
    let keys = (0..docs)
        .map(|_| body.array())
        .collect::<Option<Vec<DocKey>>>()?;
    let lengths = body
        .u32s(docs.checked_mul(INDEXED_FIELDS)?)?
        .chunks_exact(INDEXED_FIELDS)
        .map(|l| std::array::from_fn(|f| l[f]))
        .collect();
    let ends = body.u32s(docs)?.into_iter().map(|e| e as usize).collect();
    let entries = body.u32()? as usize;
    let entry_bytes = body.take(entries.checked_mul(ENTRY)?)?;
    let over = (0..body.u32()?)
        .map(|_| {
            let at = body.u32()? as usize;
            let mut counts = [0; FIELDS];
            for count in &mut counts {
                *count = body.u32()?;
            }
            Some((at, counts))
        })
        .collect::<Option<Vec<_>>>()?;
    if !body.is_empty() {
        return None;
    }
    let run = RunTerms::from_bytes(entry_bytes, ends, over, checkpoint.0)?;
    Some((seal, checkpoint, Part { keys, lengths, run }))
}

/// The kept analysis' own field: a run of `u32`s.
impl Body<'_> {
    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        )
    }
}

/// Writes `file` beside its place and renames it in: `magic`, the checksum of the body,
/// then the body `body` writes.
fn write_file(
    file: &Path,
    magic: &[u8; 16],
    body: impl FnOnce(&mut BufWriter<Hashed<File>>) -> io::Result<()>,
) -> io::Result<()> {
    let partial = file.with_extension(format!("{}.tmp", std::process::id()));
    let mut out = File::create(&partial)?;
    out.write_all(magic)?;
    out.write_all(&[0; 32])?;
    let mut writer = BufWriter::with_capacity(BUFFER, Hashed::new(out));
    body(&mut writer)?;
    let Hashed { mut inner, hasher } = writer.into_inner().map_err(|e| e.into_error())?;
    inner.seek(SeekFrom::Start(magic.len() as u64))?;
    inner.write_all(hasher.finalize().as_bytes())?;
    drop(inner);
    std::fs::rename(&partial, file)
}

/// A writer that hashes every byte that goes through it.
struct Hashed<T> {
    inner: T,
    hasher: blake3::Hasher,
}

impl<T> Hashed<T> {
    fn new(inner: T) -> Self {
        Self {
            inner,
            hasher: blake3::Hasher::new(),
        }
    }
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn write_u32(body: &mut impl Write, value: usize) -> io::Result<()> {
    let value = u32::try_from(value).map_err(io::Error::other)?;
    body.write_all(&value.to_le_bytes())
}

fn bad(what: &str) -> io::Error {
    io::Error::other(format!("{what} out of range"))
}
