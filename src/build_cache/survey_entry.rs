//! The file of one survey entry (`surveyed.rs`) in two parts: a head, which the first pass
//! reads (the key, the summary, the units without their texts), and the units' texts, which
//! only tantivy needs, for the groups it indexes again, and the static index, for the
//! fragment files it makes again: at 1,000 guidelines three quarters of the entries' bytes,
//! read by a one-change build for one group in twenty.
//!
//! The format word, the head's length and checksum, the head (postcard), the texts. The
//! head holds the texts' length and checksum, so each part is checked when it is read and
//! neither is trusted with the other's bytes.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use search_index::IndexDoc;
use serde::{Deserialize, Serialize};

use super::unit_wire::{self, TextSplit, UnitIn};
use crate::summary::GuidelineSummary;

/// The first bytes of every entry; the number changes with the format or the key's meaning.
pub(super) const MAGIC: &[u8] = b"retning-survey 3\n";
/// The format word, the head's length (8 bytes) and its checksum (32).
const PREAMBLE: usize = MAGIC.len() + 8 + 32;

/// One guideline's summary and search units, as the first pass made them.
pub(crate) type Surveyed = (GuidelineSummary, Vec<IndexDoc>);

/// Where an entry's texts are, as its head says: what [`read_texts`] checks them against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextsAt {
    /// Their offset in the file.
    at: u64,
    len: u64,
    checksum: [u8; 32],
    /// Per unit, where its text is.
    splits: Vec<TextSplit>,
    /// The units' keyword lists.
    keywords: Vec<Vec<String>>,
}

impl TextsAt {
    /// How many units the entry has.
    pub(crate) fn units(&self) -> usize {
        self.splits.len()
    }

    /// The keywords of the unit at `place`.
    pub(crate) fn keywords(&self, place: usize) -> Option<&[String]> {
        let list = self.splits.get(place)?.keywords as usize;
        self.keywords.get(list).map(Vec::as_slice)
    }
}

/// The length and checksum of the texts, in the head.
#[derive(Serialize, Deserialize)]
struct TextsSeal {
    len: u64,
    checksum: [u8; 32],
}

/// An entry of `key`: `summary` and `docs`; `None` for a unit text over 4 GiB.
pub(super) fn encode(
    key: &blake3::Hash,
    summary: &GuidelineSummary,
    docs: &[IndexDoc],
) -> Option<Vec<u8>> {
    let (units, unit_texts) = unit_wire::wire(docs)?;
    let mut texts = Vec::with_capacity(unit_texts.iter().map(|text| text.len()).sum());
    for text in unit_texts {
        texts.extend_from_slice(text.as_bytes());
    }
    let seal = TextsSeal {
        len: texts.len() as u64,
        checksum: *blake3::hash(&texts).as_bytes(),
    };
    // Into memory: only a type serde cannot write fails, and these all can.
    let head = postcard::to_allocvec(&(key.as_bytes(), summary, units, seal)).ok()?;
    let mut bytes = Vec::with_capacity(PREAMBLE + head.len() + texts.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(head.len() as u64).to_le_bytes());
    bytes.extend_from_slice(blake3::hash(&head).as_bytes());
    bytes.extend_from_slice(&head);
    bytes.extend_from_slice(&texts);
    Some(bytes)
}

/// The summary and units (their texts and keywords left out) of the entry in `file`, and
/// where their texts and keywords are, if its head is whole, of this format and of `key`;
/// only the head is read.
pub(super) fn read_head(file: &Path, key: &blake3::Hash) -> Option<(Surveyed, TextsAt)> {
    let mut file = File::open(file).ok()?;
    let mut preamble = [0u8; PREAMBLE];
    file.read_exact(&mut preamble).ok()?;
    let rest = preamble.strip_prefix(MAGIC)?;
    let (len, checksum) = rest.split_at(8);
    let len = u64::from_le_bytes(len.try_into().ok()?);
    // Read up to the length said, never allocated ahead: a corrupt length is a short read.
    let mut head = Vec::new();
    (&mut file).take(len).read_to_end(&mut head).ok()?;
    if head.len() as u64 != len || blake3::hash(&head).as_bytes() != checksum {
        return None;
    }
    decode_head(&head, key, PREAMBLE as u64 + len)
}

fn decode_head(head: &[u8], key: &blake3::Hash, at: u64) -> Option<(Surveyed, TextsAt)> {
    type Head = ([u8; 32], GuidelineSummary, Vec<UnitIn>, TextsSeal);
    let (stored, summary, units, seal): Head = postcard::from_bytes(head).ok()?;
    if stored != *key.as_bytes() {
        return None;
    }
    let (docs, splits, keywords) = unit_wire::unwire(units)?;
    let lens: u64 = splits.iter().map(|split| u64::from(split.len)).sum();
    if lens != seal.len {
        return None;
    }
    let texts = TextsAt {
        at,
        len: seal.len,
        checksum: seal.checksum,
        splits,
        keywords,
    };
    Some(((summary, docs), texts))
}

/// The texts of the units at `places` of the entry in `file`, whose head gave `at`; `None`
/// when the texts are not whole.
pub(crate) fn read_texts(file: &Path, at: &TextsAt, places: &[usize]) -> Option<Vec<String>> {
    let mut file = File::open(file).ok()?;
    file.seek(SeekFrom::Start(at.at)).ok()?;
    // One byte more than said, to tell a file longer than written.
    let mut texts = Vec::new();
    file.take(at.len.saturating_add(1))
        .read_to_end(&mut texts)
        .ok()?;
    if texts.len() as u64 != at.len || blake3::hash(&texts).as_bytes() != &at.checksum {
        return None;
    }
    let mut starts = Vec::with_capacity(at.splits.len());
    let mut start = 0usize;
    for split in &at.splits {
        starts.push(start);
        start += split.len as usize;
    }
    places
        .iter()
        .map(|&place| {
            let split = at.splits.get(place)?;
            let start = *starts.get(place)?;
            let text = texts.get(start..start + split.len as usize)?;
            Some(simdutf8::basic::from_utf8(text).ok()?.to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_cache::surveyed::tests::surveyed;

    const VALID: &str = include_str!("../../tests/suite/support/dlbcl.md");

    fn read_all(dir: &Path, bytes: &[u8], key: &blake3::Hash) -> Option<Surveyed> {
        let file = dir.join("entry.bin");
        std::fs::write(&file, bytes).unwrap();
        let ((summary, mut docs), at) = read_head(&file, key)?;
        let places: Vec<usize> = (0..docs.len()).collect();
        let texts = read_texts(&file, &at, &places)?;
        for ((doc, text), place) in docs.iter_mut().zip(texts).zip(places) {
            doc.text = text;
            doc.keywords = at.keywords(place)?.to_vec();
        }
        Some((summary, docs))
    }

    /// Texts long, short, empty, non-ASCII and with a "…" where the static index cuts.
    #[test]
    fn an_entry_gives_back_every_unit_whole_and_its_head_no_text() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, mut docs) = surveyed(VALID);
        docs[0].text = format!("{} SLUTORD", "æøå ".repeat(200));
        docs[1].text = format!("{}…{}", "a".repeat(320), "b".repeat(9));
        docs[2].text = format!("{}…", "a".repeat(320));
        docs[3].text = String::new();
        let key = blake3::hash(b"k");
        let bytes = encode(&key, &summary, &docs).unwrap();
        assert_eq!(
            read_all(dir.path(), &bytes, &key),
            Some((summary.clone(), docs.clone()))
        );
        let file = dir.path().join("entry.bin");
        let ((_, heads), at) = read_head(&file, &key).unwrap();
        assert_eq!(at.units(), docs.len());
        assert!(heads.iter().all(|unit| unit.text.is_empty()));
        // Every text, its start too, is in the texts, not in the head.
        for marker in [b"SLUTORD".as_slice(), "æøå".as_bytes(), b"bbbbbbbbb"] {
            let place = bytes
                .windows(marker.len())
                .position(|w| w == marker)
                .unwrap();
            assert!(place as u64 >= at.at, "{place} {}", at.at);
        }
        assert_eq!(read_head(&file, &blake3::hash(b"other")), None);
    }

    #[test]
    fn a_damaged_head_or_texts_part_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, mut docs) = surveyed(VALID);
        docs[0].text = "En lang sætning. ".repeat(40);
        let key = blake3::hash(b"k");
        let good = encode(&key, &summary, &docs).unwrap();
        let file = dir.path().join("entry.bin");
        std::fs::write(&file, &good).unwrap();
        let (_, at) = read_head(&file, &key).unwrap();
        let at = at.at as usize;
        let mut bad = Vec::new();
        for place in [MAGIC.len() + 2, PREAMBLE + 3, at - 1, at, good.len() - 1] {
            let mut flipped = good.clone();
            flipped[place] ^= 1;
            bad.push(flipped);
        }
        let mut longer = good.clone();
        longer.push(b'x');
        bad.extend([good[..at].to_vec(), good[..PREAMBLE].to_vec(), longer]);
        for (n, bytes) in bad.iter().enumerate() {
            assert_eq!(read_all(dir.path(), bytes, &key), None, "damage {n}");
        }
        // A damaged text part leaves the head readable: only its texts are refused.
        let mut texts_damaged = good.clone();
        texts_damaged[at + 1] ^= 1;
        std::fs::write(&file, &texts_damaged).unwrap();
        assert!(read_head(&file, &key).is_some());
    }

    #[test]
    fn a_unit_text_or_title_that_is_not_utf8_is_refused_though_its_checksum_matches() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, mut docs) = surveyed(VALID);
        docs[0].text = format!("{} før ZZZZ efter", "x".repeat(400));
        docs[1].title = "før YYYY efter".to_owned();
        let key = blake3::hash(b"k");
        let good = encode(&key, &summary, &docs).unwrap();
        assert_eq!(read_all(dir.path(), &good, &key), Some((summary, docs)));
        // In the texts, then in the head: each with the checksums made again.
        let head_len = u64::from_le_bytes(good[MAGIC.len()..][..8].try_into().unwrap());
        let head_end = PREAMBLE + head_len as usize;
        for (marker, in_texts) in [(b"ZZZZ", true), (b"YYYY", false)] {
            let place = good.windows(4).position(|w| w == marker).unwrap();
            assert_eq!(place >= head_end, in_texts);
            let mut bad = good.clone();
            bad[place] = 0xff;
            // The texts' checksum ends the head (postcard writes the array as it is).
            let texts = *blake3::hash(&bad[head_end..]).as_bytes();
            bad[head_end - 32..head_end].copy_from_slice(&texts);
            let head = *blake3::hash(&bad[PREAMBLE..head_end]).as_bytes();
            bad[MAGIC.len() + 8..PREAMBLE].copy_from_slice(&head);
            assert_eq!(read_all(dir.path(), &bad, &key), None, "{marker:?}");
        }
    }
}
