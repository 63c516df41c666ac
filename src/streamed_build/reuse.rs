//! The second pass's guidelines for the render: each checked, then either handed over to be
//! rendered or, when the build cache holds the files its last render made under the same key,
//! those files linked from the site in place instead (`build_cache::PageCache`). Under the
//! same key a guideline is not even parsed or checked again when its last check found
//! nothing, or findings its entry keeps (`diagnostics::FindingRecord`: said again from its
//! text, read but not parsed): the key holds everything its check reads too (its text,
//! what it reads of the others and of the history, the configuration, the assets and
//! `--today`).
//!
//! A guideline's pages read its own text and assets, the configuration, the theme, the
//! settings (the date included) and the name of the search meta file they link; not the
//! other guidelines (the listing pages read those). Its check reads, of the others, only
//! what its links to them and its aliases find (`validate::cross_reads`). The key holds all
//! of that, so a section added, a title changed or a recommendation rewritten elsewhere
//! renders only the guidelines whose links see it; the record keeps each guideline's links,
//! so one that is not parsed is keyed by them.
//!
//! The pages about the whole site (the listing pages, the fixed pages) read the same but
//! any guideline's text: every summary but its text hash and its anchors (which only the
//! checks read). They have an entry of their own under that key ([`SITE_WIDE`]), linked as
//! a whole when it matches. The offline lists, which read every text's hash and every
//! page's size, are made every time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::build_cache::{Entries, Entry, OutFile, entry_key};
use crate::diagnostics::FindingRecord;
use crate::model::Guideline;
use crate::publish::PageWriter;
use crate::render::{Archive, FileSet, Made, Models, RenderError};
use crate::summary::GuidelineSummary;

use super::{Checker, Settled, lock};
use crate::validate::{OtherLink, other_links};

/// What a build may reuse: the hash of its inputs but the guidelines' own text
/// (`InputKey::with_texts`) and the entries of the last build (empty when the site in place
/// is not as that build left it).
pub(crate) struct PageReuse {
    pub(crate) base: blake3::Hash,
    pub(crate) previous: Entries,
}

/// The hash of every summary, its text hash and anchors left out (see the module's note):
/// each summary's bytes (postcard: its strings written as they are, where JSON escaped
/// them) hashed on its own, on every core, then those hashes in order.
pub(super) fn summaries_hash(summaries: &[GuidelineSummary]) -> blake3::Hash {
    let hashes: Vec<[u8; 32]> = summaries
        .par_iter()
        .map_init(Vec::new, |bytes, summary| {
            let mut summary = summary.clone();
            summary.text_hash = [0; 32];
            summary.anchors = Vec::new();
            bytes.clear();
            // Into memory, postcard fails only on a type it cannot write (none here: the
            // survey's entries hold summaries so); should one come, its JSON stands in.
            *bytes = match postcard::to_extend(&summary, std::mem::take(bytes)) {
                Ok(written) => written,
                Err(_) => serde_json::to_vec(&summary).unwrap_or_default(),
            };
            *blake3::hash(bytes).as_bytes()
        })
        .collect();
    let mut hasher = blake3::Hasher::new();
    for hash in &hashes {
        hasher.update(hash);
    }
    hasher.finalize()
}

/// The keys of one render: the build's part, the summaries' and the search meta file's.
pub(super) struct Keys<'a> {
    pub(super) reuse: &'a PageReuse,
    pub(super) summaries: blake3::Hash,
    pub(super) search_meta: &'a str,
}

/// The published guidelines of one render, by their place among the published summaries.
pub(super) struct Guidelines<'a> {
    pub(super) checker: &'a Checker<'a>,
    /// Each published guideline's place among all.
    pub(super) published: &'a [usize],
    pub(super) writer: &'a PageWriter<'a>,
    /// `None`: nothing reused, nothing recorded.
    pub(super) keys: Option<Keys<'a>>,
    /// The name, key, whether its check found nothing and links, of each guideline handed
    /// over to be rendered.
    pub(super) rendering: Mutex<HashMap<usize, Rendering>>,
    /// What every guideline rendered or reused made, for the next build.
    pub(super) made: Mutex<Entries>,
    /// Set once a guideline's pages are reused.
    pub(super) reused: &'a AtomicBool,
}

/// A guideline handed over to be rendered, as its entry will record it.
pub(super) struct Rendering {
    name: String,
    key: String,
    clean: bool,
    links: Vec<String>,
    findings: Option<Vec<FindingRecord>>,
}

impl Guidelines<'_> {
    /// The last build's entry of the guideline `name`, when it was recorded under `key`.
    fn entry(&self, name: &str, key: &str) -> Option<&Entry> {
        let keys = self.keys.as_ref()?;
        keys.reuse
            .previous
            .get(name)
            .filter(|entry| entry.key == key)
    }

    /// The files of the `i`th guideline, `name`, not checked yet, linked from the site in
    /// place when its last render's key is `key` and that render's check found nothing or
    /// findings its entry kept: those are said again (`Checker::restore`). `None`: check it.
    fn reuse_unchecked(
        &self,
        i: usize,
        name: &str,
        key: &str,
    ) -> Result<Option<Made>, RenderError> {
        let Some(entry) = self.entry(name, key) else {
            return Ok(None);
        };
        let kept = match (&entry.findings, entry.clean) {
            (_, true) => &[][..],
            (Some(kept), false) => kept.as_slice(),
            (None, false) => return Ok(None),
        };
        if !self.checker.restore(i, kept) {
            return Ok(None);
        }
        self.link(name, entry.clone()).map(Some)
    }

    /// [`Guidelines::reuse_unchecked`] of a guideline checked in this build: whether its
    /// check found nothing, and what it found as its entry keeps it.
    fn reuse_checked(
        &self,
        name: &str,
        key: &str,
        (clean, findings): (bool, Option<Vec<FindingRecord>>),
    ) -> Result<Option<Made>, RenderError> {
        let Some(entry) = self.entry(name, key) else {
            return Ok(None);
        };
        let entry = Entry {
            clean,
            findings,
            ..entry.clone()
        };
        self.link(name, entry).map(Some)
    }

    /// Links the files `entry` records for the guideline `name` from the site in place, and
    /// records it for the next build; its pages' paths and sizes.
    fn link(&self, name: &str, entry: Entry) -> Result<Made, RenderError> {
        self.reused.store(true, Ordering::Relaxed);
        for file in &entry.files {
            self.writer.reuse(&file.path, !file.page)?;
        }
        let pages = entry.files.iter().filter(|file| file.page);
        let pages = pages.map(|file| (file.path.clone(), file.size)).collect();
        lock(&self.made).insert(name.to_owned(), entry);
        Ok(Made::Reused(pages))
    }

    /// The links the last build recorded for `name` when its check found nothing, or
    /// findings its entry kept (the same text has the same links).
    fn recorded_links(&self, name: &str) -> Option<Vec<OtherLink>> {
        let entry = self.keys.as_ref()?.reuse.previous.get(name)?;
        let links = entry.links.iter().map(|link| OtherLink::from_record(link));
        (entry.clean || entry.findings.is_some()).then(|| links.collect())
    }

    /// What the `i`th guideline's check found, as its entry keeps it: `None` when it
    /// found nothing (the entry says it is clean) or a finding cannot be kept.
    fn kept_findings(&self, i: usize, clean: bool) -> Option<Vec<FindingRecord>> {
        if clean { None } else { self.checker.records(i) }
    }

    /// The key of the `i`th guideline, `name`, of text hash `text_hash` and `links` to
    /// others.
    fn key(
        &self,
        (i, name): (usize, &str),
        text_hash: &[u8; 32],
        links: &[OtherLink],
    ) -> Option<String> {
        let keys = self.keys.as_ref()?;
        let reads = self.checker.cross_reads(i, links);
        Some(entry_key(
            &keys.reuse.base,
            &reads,
            keys.search_meta,
            name,
            text_hash,
        ))
    }

    /// Hands the `k`th published guideline over to be rendered under `key`.
    fn rendering(&self, k: usize, name: String, (key, clean): (String, bool), links: &[OtherLink]) {
        let links = links.iter().map(OtherLink::to_record).collect();
        let rendering = Rendering {
            name,
            key,
            clean,
            links,
            findings: self.kept_findings(self.published[k], clean),
        };
        lock(&self.rendering).insert(k, rendering);
    }
}

/// The page record's name for the pages about the whole site: no guideline's
/// (`group/slug`).
const SITE_WIDE: &str = "/site-wide";

/// The page record's name for the app icons.
const ICONS: &str = "/icons";

impl Guidelines<'_> {
    /// The key of the app icons: the build's part of the inputs alone (the program, the
    /// theme and its favicon, the settings), which is all they are made from.
    fn icons_key(&self) -> Option<String> {
        let keys = self.keys.as_ref()?;
        let none = blake3::Hash::from_bytes([0; 32]);
        Some(entry_key(&keys.reuse.base, &none, "", ICONS, &[0; 32]))
    }

    /// The key of the pages about the whole site: they read what a guideline's pages read
    /// but its text, and the summaries ([`summaries_hash`]: not their text hashes, which
    /// only the offline lists read, and those are made every time, nor their anchors).
    fn site_wide_key(&self) -> Option<String> {
        let keys = self.keys.as_ref()?;
        let no_text = blake3::hash(b"");
        Some(entry_key(
            &keys.reuse.base,
            &keys.summaries,
            keys.search_meta,
            SITE_WIDE,
            no_text.as_bytes(),
        ))
    }

    /// The page record's name for `set`, and its key.
    fn set_key(&self, set: FileSet) -> (&'static str, Option<String>) {
        match set {
            FileSet::SiteWide => (SITE_WIDE, self.site_wide_key()),
            FileSet::Icons => (ICONS, self.icons_key()),
        }
    }

    /// The files the last build recorded under `name` (the pages about the whole site, the
    /// icons), if it recorded them under `key`.
    fn recorded(&self, name: &str, key: Option<String>) -> Option<Vec<(String, usize)>> {
        let key = key?;
        let entry = self.keys.as_ref()?.reuse.previous.get(name);
        let entry = entry.filter(|e| e.key == key)?;
        Some(
            entry
                .files
                .iter()
                .map(|file| (file.path.clone(), file.size))
                .collect(),
        )
    }

    /// Links recorded files from the site in place; a file this render put at one of their
    /// paths (a guideline's own) stays, as when they are rendered.
    fn link_recorded(&self, files: &[(String, usize)]) -> Result<(), RenderError> {
        for (path, _) in files {
            self.writer.reuse_unless_there(path)?;
        }
        Ok(())
    }

    /// Records `files` under `name` and `key` for the next build.
    fn record(&self, name: &str, key: Option<String>, files: &[(String, usize)]) {
        let Some(key) = key else {
            return;
        };
        let files = files.iter().map(|(path, size)| OutFile {
            path: path.clone(),
            size: *size,
            page: path.ends_with(".html"),
        });
        let entry = Entry {
            key,
            files: files.collect(),
            clean: true,
            links: Vec::new(),
            findings: None,
        };
        lock(&self.made).insert(name.to_owned(), entry);
    }
}

impl Models for Guidelines<'_> {
    fn last_made(&self, set: FileSet) -> Option<Vec<(String, usize)>> {
        let (name, key) = self.set_key(set);
        self.recorded(name, key)
    }

    fn reuse_made(&self, set: FileSet, files: &[(String, usize)]) -> Result<(), RenderError> {
        self.link_recorded(files)?;
        self.made(set, files);
        Ok(())
    }

    fn made(&self, set: FileSet, files: &[(String, usize)]) {
        let (name, key) = self.set_key(set);
        self.record(name, key, files);
    }

    fn model(&self, k: usize) -> Result<Made, RenderError> {
        let i = self.published[k];
        let name = self.checker.name(i);
        let early = self.checker.settle(i)?;
        if let Some(Settled {
            clean,
            rendered: Some(files),
            links,
        }) = early
        {
            // Rendered by the first pass: its site-wide files are outside the tree, as a
            // reused guideline's, and its key is kept for the next build.
            for (path, _) in &files.1 {
                self.writer.count_kept(path);
            }
            if let Some(text_hash) = self.checker.text_hash(i)
                && let Some(key) = self.key((i, &name), text_hash, &links)
            {
                self.rendering(k, name, (key, clean), &links);
            }
            return Ok(Made::Rendered(files));
        }
        // A guideline whose text and surroundings are as when it was last checked is neither
        // parsed nor checked nor rendered; what that check found, if anything, is said
        // again from its entry. Its key takes the hash of its text the first pass read and
        // the links the last build recorded (the same text has the same links).
        if early.is_none()
            && let Some(links) = self.recorded_links(&name)
            && let Some(text_hash) = self.checker.text_hash(i)
            && let Some(key) = self.key((i, &name), text_hash, &links)
            && let Some(made) = self.reuse_unchecked(i, &name, &key)?
        {
            return Ok(made);
        }
        let (guideline, clean) = match early {
            // Checked, but its pages did not render in the first pass: parsed to render.
            Some(Settled { clean, .. }) => (self.checker.parse(i)?, clean),
            None => self.checker.check(i)?,
        };
        let name = format!("{}/{}", guideline.group, guideline.slug);
        let links = other_links(&guideline);
        let text_hash = blake3::hash(guideline.source.text.as_bytes());
        let Some(key) = self.key((i, &name), text_hash.as_bytes(), &links) else {
            return Ok(Made::Model(Box::new(guideline)));
        };
        let checked = (clean, self.kept_findings(i, clean));
        if let Some(made) = self.reuse_checked(&name, &key, checked)? {
            return Ok(made);
        }
        self.rendering(k, name, (key, clean), &links);
        Ok(Made::Model(Box::new(guideline)))
    }

    fn archive(&self, guideline: &Guideline) -> Archive {
        self.checker.archive(guideline)
    }

    fn rendered(&self, k: usize, pages: Vec<(String, usize)>, files: Vec<(String, usize)>) {
        let Some(Rendering {
            name,
            key,
            clean,
            links,
            findings,
        }) = lock(&self.rendering).remove(&k)
        else {
            return;
        };
        let pages = pages.into_iter().map(|(path, size)| OutFile {
            path,
            size,
            page: true,
        });
        let others = files.into_iter().map(|(path, size)| OutFile {
            path,
            size,
            page: false,
        });
        let files = pages.chain(others).collect();
        let entry = Entry {
            key,
            files,
            clean,
            links,
            findings,
        };
        lock(&self.made).insert(name, entry);
    }
}
