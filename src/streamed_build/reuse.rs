//! The second pass's guidelines for the render: each checked, then either handed over to be
//! rendered or, when the build cache holds the files its last render made under the same key,
//! those files linked from the site in place instead (`build_cache::PageCache`).
//!
//! A guideline's pages read its own text and assets, the configuration, the theme, the
//! settings (the date included) and the name of the search meta file they link; not the
//! other guidelines (the listing pages, rendered every time, read those). The key holds
//! all of that and, to be safe, a hash of every summary but the text hashes (so an edit of
//! body text keeps the others' keys; a title change renders all again).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::build_cache::{Entries, Entry, OutFile, entry_key};
use crate::publish::PageWriter;
use crate::render::{Made, Models, RenderError, RenderedFile};
use crate::summary::GuidelineSummary;

use super::{Checker, lock};

/// What a build may reuse: the hash of its inputs but the guidelines' own text
/// (`InputKey::with_base`) and the entries of the last build (empty when the site in place
/// is not as that build left it).
pub(crate) struct PageReuse {
    pub(crate) base: blake3::Hash,
    pub(crate) previous: Entries,
}

/// The hash of every summary, its text hash left out (see the module's note).
pub(super) fn summaries_hash(summaries: &[GuidelineSummary]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for summary in summaries {
        let mut summary = summary.clone();
        summary.text_hash = [0; 32];
        // Writing into a hasher cannot fail; a summary always serialises.
        let _ = serde_json::to_writer(&mut hasher, &summary);
        hasher.update(b"\n");
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
    /// The name and key of each guideline handed over to be rendered.
    pub(super) rendering: Mutex<HashMap<usize, (String, String)>>,
    /// What every guideline rendered or reused made, for the next build.
    pub(super) made: Mutex<Entries>,
}

impl Models for Guidelines<'_> {
    fn model(&self, k: usize) -> Result<Made, RenderError> {
        let guideline = self.checker.check(self.published[k])?;
        let Some(keys) = &self.keys else {
            return Ok(Made::Model(Box::new(guideline)));
        };
        let name = format!("{}/{}", guideline.group, guideline.slug);
        let key = entry_key(
            &keys.reuse.base,
            &keys.summaries,
            keys.search_meta,
            &name,
            &guideline.source.text,
        );
        let Some(entry) = keys.reuse.previous.get(&name).filter(|e| e.key == key) else {
            lock(&self.rendering).insert(k, (name, key));
            return Ok(Made::Model(Box::new(guideline)));
        };
        for file in &entry.files {
            self.writer.reuse(&file.path, !file.page)?;
        }
        let pages = entry.files.iter().filter(|file| file.page);
        let pages = pages.map(|file| (file.path.clone(), file.size)).collect();
        lock(&self.made).insert(name, entry.clone());
        Ok(Made::Reused(pages))
    }

    fn rendered(&self, k: usize, pages: Vec<(String, usize)>, files: &[RenderedFile]) {
        let Some((name, key)) = lock(&self.rendering).remove(&k) else {
            return;
        };
        let pages = pages.into_iter().map(|(path, size)| OutFile {
            path,
            size,
            page: true,
        });
        let others = files.iter().map(|(path, bytes)| OutFile {
            path: path.clone(),
            size: bytes.len(),
            page: false,
        });
        let files = pages.chain(others).collect();
        lock(&self.made).insert(name, Entry { key, files });
    }
}
