//! What the first pass made of each guideline (its summary and its search units), kept under
//! `.retning/build/survey/` so that the next build need not parse an unchanged guideline
//! again: one file per guideline whose parse found nothing, named by its key, the hash of
//! everything the summary and the units read (the build's base: program, settings, the
//! configuration, the theme, the synonyms and the assets; `--drafts`; the guideline's name
//! and text). A guideline whose parse found something has no file: it is parsed again, so
//! that its findings are printed as before.
//!
//! Keyed by content, a file can only describe the guideline it was made from: it need not be
//! removed before a build writes its site, and a stale one is merely unused (each build
//! removes the files it neither read nor wrote). Each file is written beside its place and
//! renamed in, under a format word and checksums: a corrupt or foreign file is removed and
//! costs a parse, never a wrong summary.
//!
//! Binary (postcard): at 1,000 guidelines the units hold ~55 MB of text, which JSON would
//! escape on the way out and scan on the way in, at a cost near the parse's own; the units in
//! the shorter form of `unit_wire.rs`. The first pass reads only each file's head (the
//! summary, the units with what the static index shows of their texts); the rest of the
//! texts are read when tantivy needs them (`unread.rs`, `survey_entry.rs`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use search_index::{DocKey, IndexDoc};

use super::survey_entry::{self, MAGIC, Surveyed, TextsAt};
use super::unread::{Reparse, Unread, UnreadTexts};
use super::{CACHE_DIR, TextHashes};
use crate::site::Candidate;
use crate::summary::GuidelineSummary;

/// The folder of the entries in the cache folder.
const SURVEY_DIR: &str = "survey";
/// Each entry's file is `<key>.bin`.
const EXTENSION: &str = "bin";

/// The entries of the site at a root, for one build.
pub(crate) struct SurveyCache {
    root: PathBuf,
    dir: PathBuf,
    /// The hashes of the guidelines' texts, read with the build's other inputs.
    texts: TextHashes,
    /// Everything the entries' keys hold but the guideline's own name and text.
    base: blake3::Hash,
    drafts: bool,
    /// Whether entries are read (`--no-cache` only writes them).
    consult: bool,
    /// The file names of the entries this build read or wrote (or found in place).
    used: Mutex<HashSet<String>>,
    /// The entries read whose units' full texts were not.
    unread: Mutex<Vec<Unread>>,
}

impl SurveyCache {
    pub(crate) fn new(root: &Path, base: blake3::Hash, drafts: bool, consult: bool) -> Self {
        Self {
            root: root.to_path_buf(),
            dir: root.join(CACHE_DIR).join(SURVEY_DIR),
            texts: TextHashes::new(),
            base,
            drafts,
            consult,
            used: Mutex::new(HashSet::new()),
            unread: Mutex::new(Vec::new()),
        }
    }

    /// The hashes of the guidelines' texts as the build's input key read them: a guideline
    /// among them is not read again to find its entry.
    pub(crate) fn with_text_hashes(mut self, texts: TextHashes) -> Self {
        self.texts = texts;
        self
    }

    /// The summary and units of `candidate`, when an entry of its text's key is whole (its
    /// head: the units come without their texts, read when [`Self::unread_texts`] is
    /// asked). A corrupt or foreign entry is removed.
    pub(crate) fn recall(&self, candidate: &Candidate) -> Option<Surveyed> {
        if !self.consult {
            return None;
        }
        let text_hash = self.text_hash(&candidate.path)?;
        let (key, (summary, docs), texts) =
            self.recall_hashed(&candidate.group, &candidate.slug, &text_hash)?;
        if !docs.is_empty() {
            lock(&self.unread).push(Unread {
                candidate: candidate.clone(),
                text_hash: summary.text_hash,
                unit_key: self.unit_keys(&summary, 1)[0],
                file: self.file(&key),
                key,
                texts,
            });
        }
        Some((summary, docs))
    }

    /// The texts of the units [`Self::recall`] gave without them, read from their
    /// entries when asked; a damaged entry's by `reparse`.
    pub(crate) fn unread_texts(&self, reparse: Reparse) -> UnreadTexts {
        UnreadTexts::new(std::mem::take(&mut *lock(&self.unread)), reparse)
    }

    /// The hash of the guideline text at `path`: the input key's, or read now.
    fn text_hash(&self, path: &Path) -> Option<blake3::Hash> {
        let relative = path.strip_prefix(&self.root).ok()?.to_str()?;
        if let Some(hash) = self.texts.get(&relative.replace('\\', "/")) {
            return Some(*hash);
        }
        std::fs::read(path).ok().map(|text| blake3::hash(&text))
    }

    /// The key, summary, units (without their texts) and texts' place of the entry of
    /// `group/slug` with `text_hash`, when its head is whole.
    fn recall_hashed(
        &self,
        group: &str,
        slug: &str,
        text_hash: &blake3::Hash,
    ) -> Option<(blake3::Hash, Surveyed, TextsAt)> {
        let key = self.key(group, slug, text_hash.as_bytes());
        let file = self.file(&key);
        let whole = survey_entry::read_head(&file, &key)
            .filter(|((s, _), _)| s.group == group && s.slug == slug);
        let Some((surveyed, texts)) = whole else {
            // Left in place it would cost a parse in every build.
            let _ = std::fs::remove_file(&file);
            return None;
        };
        self.use_entry(&key);
        Some((key, surveyed, texts))
    }

    /// Keeps what the parse of a guideline that found nothing made, unless an entry of its
    /// key is already there. A file that cannot be written only costs the next build a parse.
    pub(crate) fn keep(&self, summary: &GuidelineSummary, docs: &[IndexDoc]) {
        let key = self.key(&summary.group, &summary.slug, &summary.text_hash);
        let file = self.file(&key);
        let write = || {
            let bytes = survey_entry::encode(&key, summary, docs)?;
            super::sealed::replace(&file, &bytes).ok()
        };
        if file.exists() || write().is_some() {
            self.use_entry(&key);
        }
    }

    /// The analysis keys of the `units` search units of the guideline `summary` sums up
    /// (`TermStats::reusing`): its entry's key, which holds everything its units are made
    /// from, and each unit's place. A fresh build makes the same keys as one from entries.
    pub(crate) fn unit_keys(&self, summary: &GuidelineSummary, units: usize) -> Vec<DocKey> {
        let key = self.key(&summary.group, &summary.slug, &summary.text_hash);
        let mut unit = [0u8; 16];
        unit[..12].copy_from_slice(&key.as_bytes()[..12]);
        (0..units as u32)
            .map(|place| {
                unit[12..].copy_from_slice(&place.to_le_bytes());
                unit
            })
            .collect()
    }

    /// Removes every entry this build neither read nor wrote (an older text's, a guideline
    /// gone or now with findings, other settings'), and anything else in the folder.
    pub(crate) fn tidy(&self) {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let used = lock(&self.used);
        for entry in listing.flatten() {
            let name = entry.file_name();
            if !name.to_str().is_some_and(|name| used.contains(name)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The key of the guideline `group/slug` whose text's hash is `text_hash`.
    fn key(&self, group: &str, slug: &str, text_hash: &[u8; 32]) -> blake3::Hash {
        let mut key = blake3::Hasher::new();
        let drafts: &[u8] = if self.drafts { b"drafts" } else { b"" };
        for field in [
            MAGIC,
            self.base.as_bytes(),
            drafts,
            group.as_bytes(),
            slug.as_bytes(),
            text_hash,
        ] {
            key.update(&(field.len() as u64).to_le_bytes());
            key.update(field);
        }
        key.finalize()
    }

    fn file(&self, key: &blake3::Hash) -> PathBuf {
        self.dir.join(file_name(key))
    }

    fn use_entry(&self, key: &blake3::Hash) {
        lock(&self.used).insert(file_name(key));
    }
}

fn file_name(key: &blake3::Hash) -> String {
    format!("{}.{EXTENSION}", key.to_hex())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::parse::parse_guideline;
    use crate::search::{SearchLabels, units};
    use crate::source::SourceFile;

    const VALID: &str = include_str!("../../tests/suite/support/dlbcl.md");

    /// The summary and units of the valid guideline, or of another `text`.
    pub(crate) fn surveyed(text: &str) -> Surveyed {
        let source = SourceFile::new("dlbcl.md".into(), String::new(), text.to_owned());
        let parsed = parse_guideline(Arc::new(source), "dlg", "dlbcl");
        let guideline = parsed.guideline.expect("the valid guideline parses");
        let docs = units(&guideline, "https://example.org/", &SearchLabels::builtin());
        (GuidelineSummary::of(&guideline), docs)
    }

    impl SurveyCache {
        /// The entry of `group/slug` with `text`, its units' full texts read too.
        fn recall_text(&self, group: &str, slug: &str, text: &[u8]) -> Option<Surveyed> {
            if !self.consult {
                return None;
            }
            let (key, (summary, docs), at) =
                self.recall_hashed(group, slug, &blake3::hash(text))?;
            let places: Vec<usize> = (0..docs.len()).collect();
            let texts = survey_entry::read_texts(&self.file(&key), &at, &places)?;
            let docs = (docs.into_iter().zip(texts).zip(places))
                .map(|((doc, text), place)| {
                    let keywords = at.keywords(place)?.to_vec();
                    Some(IndexDoc {
                        text,
                        keywords,
                        ..doc
                    })
                })
                .collect::<Option<_>>()?;
            Some((summary, docs))
        }
    }

    fn cache(root: &Path, base: &str, drafts: bool) -> SurveyCache {
        SurveyCache::new(root, blake3::hash(base.as_bytes()), drafts, true)
    }

    fn entries(root: &Path) -> Vec<PathBuf> {
        let dir = root.join(CACHE_DIR).join(SURVEY_DIR);
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|listing| listing.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    #[test]
    fn an_entry_answers_only_for_its_guideline_text_and_surroundings() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, mut docs) = surveyed(VALID);
        // With keywords and without (their JSON form leaves empty ones out).
        docs[0].keywords.clear();
        docs[1].keywords = vec!["lymfom".to_owned()];
        docs[2].url = "https://example.com/elsewhere#x".to_owned();
        let first = cache(dir.path(), "a", false);
        assert_eq!(first.recall_text("dlg", "dlbcl", VALID.as_bytes()), None);
        first.keep(&summary, &docs);

        let again = cache(dir.path(), "a", false);
        let recalled = again.recall_text("dlg", "dlbcl", VALID.as_bytes());
        assert_eq!(recalled, Some((summary.clone(), docs.clone())));
        let edited = format!("{VALID}\n");
        assert_eq!(again.recall_text("dlg", "dlbcl", edited.as_bytes()), None);
        assert_eq!(again.recall_text("dlg", "other", VALID.as_bytes()), None);
        assert_eq!(again.recall_text("dbcg", "dlbcl", VALID.as_bytes()), None);
        assert_eq!(
            cache(dir.path(), "b", false).recall_text("dlg", "dlbcl", VALID.as_bytes()),
            None
        );
        assert_eq!(
            cache(dir.path(), "a", true).recall_text("dlg", "dlbcl", VALID.as_bytes()),
            None
        );
        let not_consulted = SurveyCache::new(dir.path(), blake3::hash(b"a"), false, false);
        assert_eq!(
            not_consulted.recall_text("dlg", "dlbcl", VALID.as_bytes()),
            None
        );
    }

    /// A unit's key changes with its guideline's text, name and surroundings, and with its
    /// place; not otherwise.
    #[test]
    fn unit_keys_follow_the_entry_key_and_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, _) = surveyed(VALID);
        let keys = cache(dir.path(), "a", false).unit_keys(&summary, 3);
        assert_eq!(keys.len(), 3);
        assert!(keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2]);
        assert_eq!(
            cache(dir.path(), "a", false).unit_keys(&summary, 2),
            keys[..2]
        );
        let (edited, _) = surveyed(&format!("{VALID}\n"));
        let mut renamed = summary.clone();
        renamed.slug = "other".to_owned();
        for other in [
            cache(dir.path(), "b", false).unit_keys(&summary, 3),
            cache(dir.path(), "a", true).unit_keys(&summary, 3),
            cache(dir.path(), "a", false).unit_keys(&edited, 3),
            cache(dir.path(), "a", false).unit_keys(&renamed, 3),
        ] {
            assert!(other.iter().all(|key| !keys.contains(key)));
        }
    }

    #[test]
    fn a_corrupt_or_foreign_entry_is_removed_and_costs_a_parse() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, docs) = surveyed(VALID);
        cache(dir.path(), "a", false).keep(&summary, &docs);
        let [file] = entries(dir.path()).try_into().expect("one entry");
        let good = std::fs::read(&file).unwrap();
        // A byte of the head (the texts' are checked when read: `survey_entry.rs`).
        let mut flipped = good.clone();
        flipped[MAGIC.len() + 50] ^= 1;
        let mut foreign = good.clone();
        foreign[MAGIC.len() - 2] = b'0';
        for bad in [
            flipped,
            foreign,
            good[..MAGIC.len() + 60].to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&file, bad).unwrap();
            let cache = cache(dir.path(), "a", false);
            assert_eq!(cache.recall_text("dlg", "dlbcl", VALID.as_bytes()), None);
            assert!(!file.exists(), "a bad entry is removed");
            // The parse's result is kept again.
            cache.keep(&summary, &docs);
            assert_eq!(std::fs::read(&file).unwrap(), good);
        }
    }

    #[test]
    fn tidying_removes_every_entry_the_build_did_not_use() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, docs) = surveyed(VALID);
        let edited = format!("{VALID}\n");
        let (other, other_docs) = surveyed(&edited);
        let first = cache(dir.path(), "a", false);
        first.keep(&summary, &docs);
        first.keep(&other, &other_docs);
        first.tidy();
        assert_eq!(entries(dir.path()).len(), 2);
        std::fs::write(
            dir.path().join(CACHE_DIR).join(SURVEY_DIR).join("x.tmp"),
            "",
        )
        .unwrap();

        let second = cache(dir.path(), "a", false);
        assert!(
            second
                .recall_text("dlg", "dlbcl", edited.as_bytes())
                .is_some()
        );
        second.tidy();
        let [kept] = entries(dir.path()).try_into().expect("one entry");
        let third = cache(dir.path(), "a", false);
        assert!(
            third
                .recall_text("dlg", "dlbcl", edited.as_bytes())
                .is_some()
        );
        assert_eq!(entries(dir.path()), [kept]);
    }
}
