//! The files each guideline's render left in the site (`.retning/build/pages.json`), keyed by
//! everything that render read, so that the next build can link them from the site in place
//! instead of rendering the guideline again: only when the site is as the last build left it
//! (the output's fingerprint), and only for a guideline whose key is the same.
//!
//! Like the record of the last build it is only a hint: removed before a build writes its
//! site, written after the swap, and ignored when unreadable, corrupt or of another format.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{CACHE_DIR, outputs, sealed};
use crate::diagnostics::FindingRecord;

/// The record's file in the cache folder.
const PAGES_FILE: &str = "pages.json";
/// The first word of the record; the number changes with the format or a key's meaning.
const MAGIC: &str = "retning-page-cache 4";

/// One file a guideline's render made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct OutFile {
    /// Relative to the output folder, `/`-separated.
    pub(crate) path: String,
    pub(crate) size: usize,
    /// One of its pages (the offline lists name them), not one of its site-wide files.
    pub(crate) page: bool,
}

/// What one guideline's render read (its key) and made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) files: Vec<OutFile>,
    /// Its check against the others' summaries found nothing: under the same key (its text,
    /// what its check reads of the others, the settings and `--today`) it would find nothing
    /// again.
    pub(crate) clean: bool,
    /// The guideline's links to other guidelines (`path` or `path#anchor`), which its key
    /// reads the answers to; none for the site-wide pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) links: Vec<String>,
    /// What its check found, when it found something and every finding could be kept: a
    /// build under the same key says them again without parsing and checking it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) findings: Option<Vec<FindingRecord>>,
}

/// Every published guideline's entry, by `group/slug`, and that of the pages about the whole
/// site, by a name no guideline has (`/site-wide`).
pub(crate) type Entries = BTreeMap<String, Entry>;

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    /// The fingerprint of the output folder once the build had swapped it in.
    outputs: String,
    entries: Entries,
}

/// The page record of the site at a root.
pub(crate) struct PageCache {
    file: PathBuf,
}

impl PageCache {
    pub(crate) fn of(root: &Path) -> Self {
        Self {
            file: root.join(CACHE_DIR).join(PAGES_FILE),
        }
    }

    /// The last build's entries, when its record is whole and the site at `out` is as that
    /// build left it; else none (every guideline renders).
    pub(crate) fn previous(&self, out: &Path) -> Entries {
        self.read()
            .filter(|record| {
                outputs::fingerprint(&[out])
                    .is_some_and(|now| record.outputs == now.to_hex().as_str())
            })
            .map(|record| record.entries)
            .unwrap_or_default()
    }

    /// Forgets the entries: called before a build writes its site.
    pub(crate) fn forget(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.file) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }

    /// Records `entries` for the site at `out` as it is now (after the swap). Written beside
    /// and renamed into place, so that a kill leaves no half record.
    #[cfg(test)]
    pub(crate) fn record(&self, out: &Path, entries: &Entries) -> io::Result<()> {
        let Some(fingerprint) = outputs::fingerprint(&[out]) else {
            return Ok(());
        };
        self.record_as(fingerprint, entries)
    }

    /// [`PageCache::record`] for a site whose fingerprint is `fingerprint`, just taken.
    pub(super) fn record_as(&self, fingerprint: blake3::Hash, entries: &Entries) -> io::Result<()> {
        let record = Record {
            outputs: fingerprint.to_hex().to_string(),
            entries: entries.clone(),
        };
        sealed::write(&self.file, MAGIC, &record)
    }

    /// The record, if it is whole and of this format.
    fn read(&self) -> Option<Record> {
        sealed::read(&self.file, MAGIC)
    }
}

/// The key of one guideline's render: the build's `base` (program, settings, configuration,
/// theme, synonyms, every guideline's files but the guidelines' own text), the hash of every
/// summary (`summaries`), the search meta file the pages link, and the guideline's name and
/// the hash of its text (blake3, as the summaries and the input key hold it).
pub(crate) fn entry_key(
    base: &blake3::Hash,
    summaries: &blake3::Hash,
    search_meta: &str,
    name: &str,
    text_hash: &[u8; 32],
) -> String {
    let mut key = blake3::Hasher::new();
    for field in [
        base.as_bytes().as_slice(),
        summaries.as_bytes(),
        search_meta.as_bytes(),
        name.as_bytes(),
        text_hash,
    ] {
        key.update(&(field.len() as u64).to_le_bytes());
        key.update(field);
    }
    key.finalize().to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Entries {
        let file = |path: &str, page| OutFile {
            path: path.to_owned(),
            size: 3,
            page,
        };
        Entries::from([(
            "dlg/a".to_owned(),
            Entry {
                key: "k".to_owned(),
                files: vec![
                    file("dlg/a/index.html", true),
                    file("api/dlg/a.json", false),
                ],
                clean: true,
                links: vec!["dlg/b.md#udredning".to_owned()],
                findings: None,
            },
        )])
    }

    #[test]
    fn entries_answer_only_for_the_site_as_the_build_left_it() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(site.join("index.html"), "x").unwrap();
        let cache = PageCache::of(dir.path());
        assert!(cache.previous(&site).is_empty());
        cache.record(&site, &entries()).unwrap();
        assert_eq!(cache.previous(&site), entries());

        std::fs::write(site.join("index.html"), "edited by hand").unwrap();
        assert!(cache.previous(&site).is_empty());
        cache.record(&site, &entries()).unwrap();
        cache.forget().unwrap();
        assert!(cache.previous(&site).is_empty());
    }

    #[test]
    fn a_corrupt_or_foreign_record_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        std::fs::create_dir(&site).unwrap();
        let cache = PageCache::of(dir.path());
        cache.record(&site, &entries()).unwrap();
        let file = dir.path().join(CACHE_DIR).join(PAGES_FILE);
        let good = std::fs::read_to_string(&file).unwrap();
        let tampered = good.replacen("\"size\":3", "\"size\":4", 1);
        assert_ne!(tampered, good);
        for bad in [
            tampered,
            good.replacen(MAGIC, "retning-page-cache 1", 1),
            good[..good.len() / 2].to_owned(),
        ] {
            std::fs::write(&file, bad).unwrap();
            assert!(cache.previous(&site).is_empty());
        }
        std::fs::write(&file, &good).unwrap();
        assert_eq!(cache.previous(&site), entries());
    }

    fn text(text: &str) -> [u8; 32] {
        *blake3::hash(text.as_bytes()).as_bytes()
    }

    #[test]
    fn the_key_changes_with_each_of_its_parts() {
        let (a, b) = (blake3::hash(b"a"), blake3::hash(b"b"));
        let first = entry_key(&a, &a, "meta.json", "dlg/x", &text("text"));
        assert_eq!(
            entry_key(&a, &a, "meta.json", "dlg/x", &text("text")),
            first
        );
        for other in [
            entry_key(&b, &a, "meta.json", "dlg/x", &text("text")),
            entry_key(&a, &b, "meta.json", "dlg/x", &text("text")),
            entry_key(&a, &a, "meta2.json", "dlg/x", &text("text")),
            entry_key(&a, &a, "meta.json", "dlg/y", &text("text")),
            entry_key(&a, &a, "meta.json", "dlg/x", &text("text ")),
        ] {
            assert_ne!(other, first);
        }
    }
}
