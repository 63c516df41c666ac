//! The analysis a build keeps for the next (`TermStats::reusing`): a binary file of its
//! terms and, per doc, its key and its terms with their counts, read and written in one
//! streamed pass. A checksum of the body in the header, checked before anything read is
//! used, and the seal of the program and synonym list that made it: a corrupt, truncated
//! or foreign file is never used, and costs only a fresh analysis.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use rustc_hash::FxHashMap;

use super::reuse::DocKey;
use super::{Counted, FIELDS, RunTerms, TermStats};

/// The file's first bytes; the number changes with the format.
const MAGIC: &[u8; 16] = b"retning-terms 1\n";
/// A count at least this large is written in full after its entry.
const OVER: u32 = u16::MAX as u32;
/// No term is longer (tantivy's limit); a longer length is a corrupt file.
const MAX_TERM: usize = 1 << 16;
/// The reader's and writer's buffers: large enough for the checksum to hash many bytes at
/// once.
const BUFFER: usize = 1 << 16;

/// The last build's analysis, as read back.
pub struct KeptAnalysis {
    pub(super) seal: [u8; 32],
    /// Its sorted, distinct terms.
    pub(super) terms: Vec<String>,
    /// Each doc key → its place among `run`'s docs (the first, when two docs were alike).
    pub(super) docs: FxHashMap<DocKey, u32>,
    /// Every doc's terms with their counts, by the ids of `terms`.
    pub(super) run: RunTerms,
}

impl KeptAnalysis {
    /// The analysis kept in `file`, if it is whole and of this format.
    pub fn read(file: &Path) -> Option<Self> {
        let mut file = File::open(file).ok()?;
        let mut header = [0u8; 16 + 32];
        file.read_exact(&mut header).ok()?;
        let (magic, checksum) = header.split_at(16);
        if magic != MAGIC {
            return None;
        }
        let mut body = BufReader::with_capacity(BUFFER, Hashed::new(file));
        let kept = Self::read_body(&mut body).ok()?;
        // Nothing may follow, and the checksum must be that of every byte read.
        let mut rest = [0u8; 1];
        if body.read(&mut rest).ok()? != 0 {
            return None;
        }
        (body.get_ref().hasher.finalize().as_bytes() == checksum).then_some(kept)
    }

    fn read_body(body: &mut impl Read) -> io::Result<Self> {
        let mut seal = [0u8; 32];
        body.read_exact(&mut seal)?;
        let term_count = read_u32(body)? as usize;
        let mut terms = Vec::with_capacity(term_count.min(1 << 24));
        for _ in 0..term_count {
            let len = read_u32(body)? as usize;
            if len > MAX_TERM {
                return Err(io::Error::other("a term too long"));
            }
            let mut text = vec![0u8; len];
            body.read_exact(&mut text)?;
            terms.push(String::from_utf8(text).map_err(io::Error::other)?);
        }
        let doc_count = read_u32(body)?;
        let mut docs = FxHashMap::default();
        let mut run = RunTerms::default();
        let mut doc_terms: Vec<Counted> = Vec::new();
        for d in 0..doc_count {
            let mut key = [0u8; 16];
            body.read_exact(&mut key)?;
            docs.entry(key).or_insert(d);
            let entries = read_u32(body)?;
            doc_terms.clear();
            for _ in 0..entries {
                doc_terms.push(read_entry(body, terms.len())?);
            }
            run.push_doc(doc_terms.drain(..));
        }
        Ok(Self {
            seal,
            terms,
            docs,
            run,
        })
    }
}

impl TermStats {
    /// Writes this analysis to `file` for the next build's [`TermStats::reusing`] (beside
    /// it, then renamed in). Nothing is written for statistics not made to be kept.
    pub fn write_analysis(&self, file: &Path) -> io::Result<()> {
        let Some(kept) = &self.kept else {
            return Ok(());
        };
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let partial = file.with_extension(format!("{}.tmp", std::process::id()));
        let mut out = File::create(&partial)?;
        out.write_all(MAGIC)?;
        out.write_all(&[0; 32])?;
        let mut body = BufWriter::with_capacity(BUFFER, Hashed::new(out));
        body.write_all(&kept.seal)?;
        write_u32(&mut body, self.terms.len())?;
        for term in &self.terms {
            write_u32(&mut body, term.len())?;
            body.write_all(term.as_bytes())?;
        }
        write_u32(&mut body, kept.keys.len())?;
        for (d, key) in kept.keys.iter().enumerate() {
            body.write_all(key)?;
            let terms = self.docs.doc(d);
            write_u32(&mut body, terms.size_hint().0)?;
            for (term, counts) in terms {
                write_entry(&mut body, term, counts)?;
            }
        }
        let Hashed {
            inner: mut out,
            hasher,
        } = body.into_inner().map_err(|e| e.into_error())?;
        out.seek(SeekFrom::Start(MAGIC.len() as u64))?;
        out.write_all(hasher.finalize().as_bytes())?;
        drop(out);
        std::fs::rename(&partial, file)
    }
}

/// A reader or writer that hashes every byte that goes through it.
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

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
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

fn read_u32(body: &mut impl Read) -> io::Result<u32> {
    let mut bytes = [0u8; 4];
    body.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

fn write_u32(body: &mut impl Write, value: usize) -> io::Result<()> {
    let value = u32::try_from(value).map_err(io::Error::other)?;
    body.write_all(&value.to_le_bytes())
}

/// A term and its counts: the term id and each count in 16 bits, then, when a count did
/// not fit ([`OVER`]), both counts in full.
fn write_entry(body: &mut impl Write, term: u32, counts: [u32; FIELDS]) -> io::Result<()> {
    let mut bytes = [0u8; 8];
    bytes[..4].copy_from_slice(&term.to_le_bytes());
    for (f, count) in counts.iter().enumerate() {
        let short = (*count).min(OVER) as u16;
        bytes[4 + 2 * f..6 + 2 * f].copy_from_slice(&short.to_le_bytes());
    }
    body.write_all(&bytes)?;
    if counts.iter().any(|&c| c >= OVER) {
        for count in counts {
            body.write_all(&count.to_le_bytes())?;
        }
    }
    Ok(())
}

/// An entry [`write_entry`] wrote; an error for a term id out of range.
fn read_entry(body: &mut impl Read, terms: usize) -> io::Result<Counted> {
    let mut bytes = [0u8; 8];
    body.read_exact(&mut bytes)?;
    let term = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    if term as usize >= terms {
        return Err(io::Error::other("a term out of range"));
    }
    let mut counts = [0; FIELDS];
    for (f, count) in counts.iter_mut().enumerate() {
        *count = u32::from(u16::from_le_bytes([bytes[4 + 2 * f], bytes[5 + 2 * f]]));
    }
    if counts.iter().any(|&c| c >= OVER) {
        for count in &mut counts {
            *count = read_u32(body)?;
        }
    }
    Ok((term, counts))
}
