//! The texts of the search units the first pass took from the build cache without reading
//! them (`surveyed.rs`): such a unit holds no text, which is read from its entry when
//! tantivy indexes its group again, when the static index makes a fragment file that shows
//! it, or when the kept analysis lacks it (which also needs its keywords, left out until
//! then). An entry whose texts are damaged is parsed again from its guideline (whose text
//! must still be the one the entry was made from) and written anew.

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;

use search_index::{DocKey, IndexDoc};

use super::survey_entry::{self, Surveyed, TextsAt};
use crate::site::Candidate;

/// Parses the guideline at a candidate again: its summary and units, when it parses and
/// its text's hash is the one given (else an error: it changed while the site was built).
pub(crate) type Reparse = Box<dyn Fn(&Candidate, &[u8; 32]) -> io::Result<Surveyed> + Send + Sync>;

/// How many bytes of a unit's key name its entry (`SurveyCache::unit_keys`).
const ENTRY_PREFIX: usize = 12;

/// An entry whose units' full texts were not read.
pub(crate) struct Unread {
    pub(super) candidate: Candidate,
    /// The hash of the guideline's text the entry was made from.
    pub(super) text_hash: [u8; 32],
    /// The key of its first unit, whose first bytes name the entry among the units' keys.
    pub(super) unit_key: DocKey,
    pub(super) file: PathBuf,
    pub(super) key: blake3::Hash,
    pub(super) texts: TextsAt,
}

/// The units' full texts not read yet, by doc id.
pub(crate) struct UnreadTexts {
    entries: Vec<Unread>,
    /// Per doc, in the index's order: its entry and its place there, while unread.
    docs: Vec<Option<(u32, u32)>>,
    reparse: Reparse,
}

impl UnreadTexts {
    pub(super) fn new(entries: Vec<Unread>, reparse: Reparse) -> Self {
        Self {
            entries,
            docs: Vec::new(),
            reparse,
        }
    }

    /// Places the units whose keys (`SurveyCache::unit_keys`) are `keys`, in the index's
    /// order; an error unless each unit of every entry is among them once.
    pub(crate) fn in_order(&mut self, keys: &[DocKey]) -> io::Result<()> {
        let by_entry: HashMap<&[u8], u32> = (self.entries.iter().enumerate())
            .map(|(e, entry)| (&entry.unit_key[..ENTRY_PREFIX], e as u32))
            .collect();
        self.docs = keys
            .iter()
            .map(|key| {
                let (entry, place) = key.split_at(ENTRY_PREFIX);
                let entry = *by_entry.get(entry)?;
                Some((entry, u32::from_le_bytes(place.try_into().ok()?)))
            })
            .collect();
        let mut seen: Vec<Vec<bool>> = (self.entries.iter())
            .map(|entry| vec![false; entry.texts.units()])
            .collect();
        for &(entry, place) in self.docs.iter().flatten() {
            match seen[entry as usize].get_mut(place as usize) {
                Some(seen) if !*seen => *seen = true,
                _ => return Err(mismatch()),
            }
        }
        if seen.iter().flatten().all(|&seen| seen) {
            Ok(())
        } else {
            Err(mismatch())
        }
    }

    /// How many units' full texts were not read.
    pub(crate) fn units(&self) -> usize {
        self.entries.iter().map(|entry| entry.texts.units()).sum()
    }

    /// Reads every unread full text into `docs`.
    pub(crate) fn read_all(&mut self, docs: &mut [IndexDoc]) -> io::Result<()> {
        let ids: Vec<usize> = (0..self.docs.len())
            .filter(|&id| self.is_unread(id))
            .collect();
        self.read_into(docs, &ids)
    }

    /// Whether doc `id`'s text is unread (its `text` is empty, not its text).
    pub(crate) fn is_unread(&self, id: usize) -> bool {
        self.docs.get(id).is_some_and(Option::is_some)
    }

    /// Reads the full texts and keywords of `ids` (unread, ascending) into `docs`, which are
    /// then read (as a unit the first pass parsed).
    pub(crate) fn read_into(&mut self, docs: &mut [IndexDoc], ids: &[usize]) -> io::Result<()> {
        let texts = self.read(ids)?;
        for (&id, text) in ids.iter().zip(texts) {
            let (entry, place) = self.docs[id].ok_or_else(mismatch)?;
            let keywords = self.entries[entry as usize].texts.keywords(place as usize);
            docs[id].keywords = keywords.ok_or_else(mismatch)?.to_vec();
            docs[id].text = text;
            self.docs[id] = None;
        }
        Ok(())
    }

    /// The texts of `ids` (unread, ascending), an entry at a time.
    pub(crate) fn read(&self, ids: &[usize]) -> io::Result<Vec<String>> {
        let mut texts = Vec::with_capacity(ids.len());
        let mut rest = ids;
        while let Some(&first) = rest.first() {
            let (entry, _) = self
                .docs
                .get(first)
                .copied()
                .flatten()
                .ok_or_else(mismatch)?;
            let run = rest
                .iter()
                .take_while(|&&id| self.docs.get(id).copied().flatten().map(|d| d.0) == Some(entry))
                .count();
            let (these, after) = rest.split_at(run);
            let places: Vec<usize> = these
                .iter()
                .filter_map(|&id| self.docs[id].map(|(_, place)| place as usize))
                .collect();
            texts.extend(self.entry_texts(entry as usize, &places)?);
            rest = after;
        }
        Ok(texts)
    }

    /// The texts of the units at `places` of an entry.
    fn entry_texts(&self, e: usize, places: &[usize]) -> io::Result<Vec<String>> {
        let entry = &self.entries[e];
        if let Some(texts) = survey_entry::read_texts(&entry.file, &entry.texts, places) {
            return Ok(texts);
        }
        // Damaged: parsed again, and written anew for the next build (if it can be).
        let _ = std::fs::remove_file(&entry.file);
        let (summary, docs) = (self.reparse)(&entry.candidate, &entry.text_hash)?;
        if docs.len() != entry.texts.units() {
            return Err(mismatch());
        }
        if let Some(bytes) = survey_entry::encode(&entry.key, &summary, &docs) {
            let _ = super::sealed::replace(&entry.file, &bytes);
        }
        places
            .iter()
            .map(|&place| docs.get(place).map(|doc| doc.text.clone()))
            .collect::<Option<_>>()
            .ok_or_else(mismatch)
    }
}

fn mismatch() -> io::Error {
    io::Error::other("the search units differ from their build cache entries")
}
