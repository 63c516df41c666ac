//! The rendered pages of earlier versions, kept under `.retning/archive/` between builds.
//!
//! An earlier version's page and its page of changes do not change from one build to the
//! next unless something they are made from does, so a build renders them once and reads
//! them back after. Each pair of pages is one file named by a key over everything that
//! determines its bytes: the program, the theme, the configuration (base URL included), the
//! day (the revision banner), every page's shared context, the guideline's address, title
//! and files, the old version's git record and its successor's (or, for the last one, the
//! current text). The one thing every page carries that changes with any edit, the search
//! index's meta file name, is stored as a placeholder and put in as the page is written.
//!
//! A file is trusted only when its header, key and checksum match; anything else is
//! rendered again and overwritten. A cache that cannot be read or written costs only time.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::model::Guideline;
use crate::site::Site;

use super::archive::VersionPair;
use super::theme::Theme;

/// Where the pages are kept, beside the history cache.
pub(super) const PAGE_CACHE_DIR: &str = ".retning/archive";

/// Bumped whenever an entry's layout or what its key covers changes.
const FORMAT: u32 = 1;

const MAGIC: &[u8; 16] = b"retning-archive\0";

/// Stands for the search meta file's URL in a kept page (letters only, so HTML escaping
/// leaves it as it is).
const SEARCH_META_PLACEHOLDER: &str = "retningArchivedSearchMetaPlaceholder";

/// The cache of one build: where it is, and which entries the build used (the others are
/// removed at the end, so the folder holds one build's pages).
pub(super) struct PageCache {
    dir: PathBuf,
    /// What identifies this program: its version and its executable's size and time.
    program: String,
    used: Mutex<HashSet<String>>,
}

/// What every archived page of one build shares, from which each pair's key starts.
pub(super) struct SiteKey {
    key: blake3::Hash,
    /// The shared context with the placeholder for the search meta file.
    pub(crate) base: tera::Context,
    /// The search meta file's URL as the templates write it (escaped as the theme escapes), if any.
    search_meta: Option<String>,
}

/// The two pages of a version pair, as kept.
pub(super) struct CachedPair {
    pub(crate) archived: Vec<u8>,
    pub(crate) changes: Vec<u8>,
}

impl PageCache {
    /// The cache of the site at `root`; `None` when this program cannot identify itself
    /// (then nothing is kept, rather than pages of another build trusted).
    pub(super) fn at(root: &Path) -> Option<Self> {
        Some(Self {
            dir: root.join(PAGE_CACHE_DIR),
            program: crate::history::program_identity()?,
            used: Mutex::default(),
        })
    }

    /// The key every pair's key starts from, and the shared context to render with.
    pub(super) fn site_key(
        &self,
        site: &Site,
        theme: &Theme,
        options: super::RenderOptions,
        base: &tera::Context,
    ) -> SiteKey {
        let (base, search_meta) = with_placeholder(base);
        let mut hasher = blake3::Hasher::new();
        hasher.update(&FORMAT.to_le_bytes());
        for part in [
            self.program.as_str(),
            &theme.fingerprint,
            &format!("{:?}", site.config),
            &options.today.to_string(),
            if options.drafts { "drafts" } else { "" },
            &base.clone().into_json().to_string(),
        ] {
            field(&mut hasher, part.as_bytes());
        }
        SiteKey {
            key: hasher.finalize(),
            base,
            search_meta,
        }
    }

    /// The kept pages of `pair`, if a sound entry has them.
    pub(super) fn get(&self, key: &blake3::Hash) -> Option<CachedPair> {
        let name = key.to_hex().to_string();
        let bytes = fs::read(self.dir.join(&name)).ok()?;
        let pair = decode(&bytes, key)?;
        self.used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name);
        Some(pair)
    }

    /// Keeps `pair`'s pages under `key`; a failure only costs the next build a render.
    pub(super) fn put(&self, key: &blake3::Hash, archived: &[u8], changes: &[u8]) {
        let name = key.to_hex().to_string();
        let _ = self.write(&name, &encode(key, archived, changes));
        self.used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(name);
    }

    fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        // Written aside and renamed, so a reader never sees half an entry.
        let mut partial = tempfile::NamedTempFile::new_in(&self.dir)?;
        partial.write_all(bytes)?;
        partial
            .persist(self.dir.join(name))
            .map_err(|err| err.error)?;
        Ok(())
    }

    /// Removes every entry this build did not use: pages of versions no longer shown, of
    /// texts since edited, of another theme or day.
    pub(super) fn remove_unused(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        for entry in entries.flatten() {
            if !entry.file_name().to_str().is_some_and(|n| used.contains(n)) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

impl SiteKey {
    /// The key of `pair`'s two pages: this build's, the guideline's address, title and
    /// files, the old version's record and what replaced it.
    pub(super) fn of_pair(
        &self,
        site: &Site,
        current: &Guideline,
        pair: &VersionPair,
    ) -> blake3::Hash {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.key.as_bytes());
        field(&mut hasher, current.link_key().as_bytes());
        field(&mut hasher, current.group.as_bytes());
        field(&mut hasher, current.title().as_bytes());
        for (path, asset) in crate::assets::published(&site.assets, current) {
            field(&mut hasher, path.as_bytes());
            field(&mut hasher, blake3::hash(&asset.bytes).as_bytes());
        }
        field(&mut hasher, b"old");
        field(&mut hasher, record_json(&pair.old.record).as_bytes());
        match pair.newer {
            Some(newer) => {
                field(&mut hasher, b"replaced by an earlier version");
                field(&mut hasher, record_json(&newer.record).as_bytes());
            }
            None => {
                // The current text decides the last version's end and what changed.
                field(&mut hasher, b"replaced by the current text");
                field(&mut hasher, current.source.text.as_bytes());
            }
        }
        field(
            &mut hasher,
            pair.newer_path.as_deref().unwrap_or("").as_bytes(),
        );
        hasher.finalize()
    }

    /// `page` as written: the placeholder replaced by this build's search meta file.
    pub(super) fn finish(&self, page: Vec<u8>) -> Vec<u8> {
        let Some(meta) = &self.search_meta else {
            return page;
        };
        let placeholder = SEARCH_META_PLACEHOLDER.as_bytes();
        let mut out = Vec::with_capacity(page.len() + meta.len());
        let mut rest = page.as_slice();
        while let Some(at) = memchr::memmem::find(rest, placeholder) {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(meta.as_bytes());
            rest = &rest[at + placeholder.len()..];
        }
        if out.is_empty() {
            return page;
        }
        out.extend_from_slice(rest);
        out
    }
}

/// A length before each field, so no two different inputs hash alike.
fn field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn record_json(record: &crate::history::VersionRecord) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

/// `base` with the placeholder for the search meta file's URL, and that URL as the
/// templates write it.
fn with_placeholder(base: &tera::Context) -> (tera::Context, Option<String>) {
    let mut base = base.clone();
    let Some(mut assets) = base.get("assets").cloned() else {
        return (base, None);
    };
    let meta = assets
        .get("search_meta")
        .and_then(serde_json::Value::as_str)
        .map(super::markdown::escape);
    if meta.is_some() {
        assets["search_meta"] = serde_json::Value::from(SEARCH_META_PLACEHOLDER);
        base.insert("assets", &assets);
    }
    (base, meta)
}

/// Header, key, the two lengths, the checksum of the pages, then the pages.
fn encode(key: &blake3::Hash, archived: &[u8], changes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(100 + archived.len() + changes.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(&(archived.len() as u64).to_le_bytes());
    out.extend_from_slice(&(changes.len() as u64).to_le_bytes());
    let mut hasher = blake3::Hasher::new();
    hasher.update(archived);
    hasher.update(changes);
    out.extend_from_slice(hasher.finalize().as_bytes());
    out.extend_from_slice(archived);
    out.extend_from_slice(changes);
    out
}

/// The pages of an entry, if it is whole, of this format, for `key` and unaltered.
fn decode(bytes: &[u8], key: &blake3::Hash) -> Option<CachedPair> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let (stored_key, rest) = rest.split_first_chunk::<32>()?;
    if stored_key != key.as_bytes() {
        return None;
    }
    let (archived_len, rest) = rest.split_first_chunk::<8>()?;
    let (changes_len, rest) = rest.split_first_chunk::<8>()?;
    let (checksum, pages) = rest.split_first_chunk::<32>()?;
    let archived_len = usize::try_from(u64::from_le_bytes(*archived_len)).ok()?;
    let changes_len = usize::try_from(u64::from_le_bytes(*changes_len)).ok()?;
    if archived_len.checked_add(changes_len)? != pages.len()
        || blake3::hash(pages).as_bytes() != checksum
    {
        return None;
    }
    let (archived, changes) = pages.split_at(archived_len);
    Some(CachedPair {
        archived: archived.to_vec(),
        changes: changes.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_only_whole_unaltered_and_for_its_key() {
        let key = blake3::hash(b"key");
        let entry = encode(&key, b"<p>old</p>", b"<p>changes</p>");
        let pair = decode(&entry, &key).expect("a sound entry");
        assert_eq!(pair.archived, b"<p>old</p>");
        assert_eq!(pair.changes, b"<p>changes</p>");

        assert!(decode(&entry, &blake3::hash(b"another")).is_none());
        assert!(decode(&entry[..entry.len() - 1], &key).is_none());
        let mut flipped = entry.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(decode(&flipped, &key).is_none());
        assert!(decode(b"", &key).is_none());
        assert!(decode(b"retning-archive\0garbage", &key).is_none());
    }

    #[test]
    fn the_placeholder_becomes_the_search_meta_url_wherever_it_is() {
        let site_key = SiteKey {
            key: blake3::hash(b""),
            base: tera::Context::new(),
            search_meta: Some("/s/meta.1.json".to_owned()),
        };
        let page = format!("a{SEARCH_META_PLACEHOLDER}b{SEARCH_META_PLACEHOLDER}");
        assert_eq!(
            site_key.finish(page.into_bytes()),
            b"a/s/meta.1.jsonb/s/meta.1.json"
        );
        assert_eq!(site_key.finish(b"plain".to_vec()), b"plain");
    }
}
