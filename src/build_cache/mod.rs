//! The build cache under `.retning/build/`: what the last build read (one hash of every
//! input, [`InputKey`]) and left on disk (one hash of the output folders' listing), so that a
//! build whose inputs and output are both as the last build left them is skipped: its site
//! would be byte for byte the one already in place.
//!
//! The record is only a hint. It is written after a build has swapped its site in, removed
//! before a build starts writing, and ignored (the build runs in full) when it is unreadable,
//! corrupt (its checksum does not match), of another format or another program, or when
//! anything it describes differs.
//!
//! Beside it: the files each guideline's pages made (`pages.rs`), and each guideline's
//! summary and search units (`surveyed.rs`), which, keyed by content, are not removed first;
//! the units' full texts are read only when needed (`unread.rs`).

mod input_stamps;
mod inputs;
mod outputs;
mod pages;
mod sealed;
mod survey_entry;
mod surveyed;
mod unit_wire;
mod unread;

pub(crate) use inputs::{InputKey, Settings, TextHashes};
pub(crate) use outputs::SiteListing;
pub(crate) use pages::{Entries, Entry, OutFile, PageCache, entry_key};
pub(crate) use sealed::replace as replace_file;
pub(crate) use survey_entry::Surveyed;
pub(crate) use surveyed::SurveyCache;
pub(crate) use unread::{Reparse, UnreadTexts};

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where the cache lives, under the site root.
pub(crate) const CACHE_DIR: &str = ".retning/build";
/// The record of the last build.
const RECORD_FILE: &str = "last-build.json";
/// The folder of the search units' analysis a build keeps for the next
/// (`search::KeptTerms`).
const TERMS_DIR: &str = "terms";
/// The one file the analysis was kept in before it had a folder.
const OLD_TERMS_FILE: &str = "terms.bin";
/// The first word of the record; the number changes whenever the format or the meaning of a
/// hash does, so that an older record is foreign.
const MAGIC: &str = "retning-build-cache 1";

/// What a skipped build tells its reader: what the last build said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub(crate) guidelines: usize,
    pub(crate) pages: usize,
    pub(crate) files: usize,
    pub(crate) warnings: usize,
    /// What the build printed on standard error (its warnings, its notes), plain and
    /// coloured for a terminal.
    pub(crate) messages_plain: String,
    pub(crate) messages_color: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    key: String,
    outputs: String,
    summary: Summary,
}

/// The cache of the site at a root.
pub(crate) struct BuildCache {
    file: PathBuf,
    pages: PageCache,
}

impl BuildCache {
    pub(crate) fn of(root: &Path) -> Self {
        Self {
            file: root.join(CACHE_DIR).join(RECORD_FILE),
            pages: PageCache::of(root),
        }
    }

    /// Where a build keeps its analysis of the search units for the next.
    pub(crate) fn terms_dir(&self) -> PathBuf {
        // An earlier version's file would only take room.
        let _ = std::fs::remove_file(self.file.with_file_name(OLD_TERMS_FILE));
        self.file.with_file_name(TERMS_DIR)
    }

    pub(crate) fn pages(&self) -> &PageCache {
        &self.pages
    }

    /// The last build's summary, when it read exactly `key` and its output folders are as it
    /// left them. Anything else (no record, a corrupt or foreign one) is `None`.
    pub(crate) fn unchanged(&self, key: &InputKey, outputs: &[&Path]) -> Option<Summary> {
        let record = self.read()?;
        if record.key != key.0.to_hex().as_str() {
            return None;
        }
        let now = outputs::fingerprint(outputs)?;
        (record.outputs == now.to_hex().as_str()).then_some(record.summary)
    }

    /// Forgets the last build (and its guidelines' files): called before a build writes
    /// anything, so that a record never outlives the output it describes.
    pub(crate) fn forget(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.file) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => self.pages.forget(),
        }
    }

    /// Records a finished build that read `key` and left `outputs` as they are now. Written
    /// beside and renamed into place, so that a kill leaves the old record or the new one.
    #[cfg(test)]
    pub(crate) fn record(
        &self,
        key: &InputKey,
        outputs: &[&Path],
        summary: Summary,
    ) -> io::Result<()> {
        self.record_with_pages(key, outputs, None, summary, None)
    }

    /// [`BuildCache::record`], and with `pages` the page record of the site (the first of
    /// `outputs`): both from one walk of the output, the site's taken from `listed` when it
    /// was listed as staged. Both are attempted; the first error is returned.
    pub(crate) fn record_with_pages(
        &self,
        key: &InputKey,
        outputs: &[&Path],
        listed: Option<&SiteListing>,
        summary: Summary,
        pages: Option<&Entries>,
    ) -> io::Result<()> {
        let Some((site, fingerprint)) = outputs::fingerprints(outputs, listed) else {
            return Ok(());
        };
        let recorded = self.write_record(key, fingerprint, summary);
        let paged = pages.map_or(Ok(()), |entries| self.pages.record_as(site, entries));
        recorded.and(paged)
    }

    fn write_record(
        &self,
        key: &InputKey,
        fingerprint: blake3::Hash,
        summary: Summary,
    ) -> io::Result<()> {
        let record = Record {
            key: key.0.to_hex().to_string(),
            outputs: fingerprint.to_hex().to_string(),
            summary,
        };
        sealed::write(&self.file, MAGIC, &record)
    }

    /// The record, if it is whole and of this format.
    fn read(&self) -> Option<Record> {
        sealed::read(&self.file, MAGIC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Summary {
        Summary {
            guidelines: 2,
            pages: 9,
            files: 30,
            warnings: 1,
            messages_plain: "warning".to_owned(),
            messages_color: "\u{1b}[33mwarning".to_owned(),
        }
    }

    fn key(text: &str) -> InputKey {
        InputKey(blake3::hash(text.as_bytes()))
    }

    #[test]
    fn a_record_answers_only_for_its_inputs_and_its_untouched_output() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(site.join("index.html"), "x").unwrap();
        let cache = BuildCache::of(dir.path());
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);

        cache.record(&key("a"), &[&site], summary()).unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), Some(summary()));
        assert_eq!(cache.unchanged(&key("b"), &[&site]), None);

        std::fs::write(site.join("index.html"), "edited by hand").unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);

        cache.record(&key("a"), &[&site], summary()).unwrap();
        cache.forget().unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);
        cache.forget().unwrap();
    }

    #[test]
    fn a_corrupt_or_foreign_record_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        std::fs::create_dir(&site).unwrap();
        let cache = BuildCache::of(dir.path());
        cache.record(&key("a"), &[&site], summary()).unwrap();
        let file = dir.path().join(CACHE_DIR).join(RECORD_FILE);
        let good = std::fs::read_to_string(&file).unwrap();

        // One byte of the body changed: the checksum no longer matches.
        let tampered = good.replacen("\"pages\":9", "\"pages\":8", 1);
        assert_ne!(tampered, good);
        std::fs::write(&file, &tampered).unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);

        // Another format's record, garbage, and a truncated record.
        std::fs::write(&file, good.replacen(MAGIC, "retning-build-cache 0", 1)).unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);
        std::fs::write(&file, [0xff, 0xfe, 0]).unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);
        std::fs::write(&file, &good[..good.len() / 2]).unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), None);

        std::fs::write(&file, &good).unwrap();
        assert_eq!(cache.unchanged(&key("a"), &[&site]), Some(summary()));
    }
}
