//! The preview's search index, kept up to date off the rebuild thread: after a rebuild that
//! changed the site, the rebuild thread hands over the guidelines' sources (no copy of a
//! guideline) and goes back to waiting for saves, while `retning-search` builds both indexes
//! from the newest site it was given (older ones it had not started on are skipped) and swaps
//! them in whole. Each guideline's search units are kept between runs, so a save re-parses
//! one file here, not the site. Its threads run at a lower priority than the rebuild thread.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use search_index::{EngineError, IndexDoc, Synonyms};

use crate::diagnostics::Language;
use crate::parse::parse_guideline;
use crate::search::{SearchLabels, SearchUnits, units};
use crate::site::Site;
use crate::source::SourceFile;

use super::coalesce::Coalescing;
use super::state::{PreviewSearch, Shared};
use super::terminal::search_failed;

/// What the search of one rebuild is built from.
pub(crate) struct SearchInput {
    /// The site's root path (`/`), which every result URL starts with.
    root: String,
    /// The configuration's groups, (code, name), in its order.
    groups: Vec<(String, String)>,
    /// What a recommendation and its strength are called, from the theme.
    labels: SearchLabels,
    /// Every guideline on the site (drafts included), in the site's order.
    guidelines: Vec<OnSite>,
    /// The site's synonym groups (the shipped list while its `synonyms.toml` is invalid:
    /// `build` reports that file; the preview keeps searching).
    synonyms: Synonyms,
}

struct OnSite {
    source: Arc<SourceFile>,
    group: String,
    slug: String,
}

impl SearchInput {
    /// Cheap: an `Arc` and two short strings per guideline.
    pub(crate) fn of(site: &Site, labels: SearchLabels) -> Self {
        Self {
            root: site.config.root_path(),
            groups: site
                .config
                .groups
                .iter()
                .map(|(code, name)| (code.clone(), name.clone()))
                .collect(),
            labels,
            synonyms: crate::search::load_synonyms(&site.root)
                .unwrap_or_else(|_| Synonyms::default_list()),
            guidelines: site
                .published(true)
                .map(|g| OnSite {
                    source: Arc::clone(&g.source),
                    group: g.group.clone(),
                    slug: g.slug.clone(),
                })
                .collect(),
        }
    }
}

/// Each guideline file's search units from the last run, with the text they came from.
#[derive(Default)]
pub(crate) struct UnitsCache {
    /// The root and labels the units were made with; units made with others are stale.
    made_with: Option<(String, SearchLabels)>,
    by_path: HashMap<PathBuf, Cached>,
}

struct Cached {
    /// Held, so its address is never reused while it is compared by pointer.
    source: Arc<SourceFile>,
    group: String,
    slug: String,
    docs: Vec<IndexDoc>,
}

impl Cached {
    fn is_for(&self, guideline: &OnSite) -> bool {
        self.group == guideline.group
            && self.slug == guideline.slug
            && (Arc::ptr_eq(&self.source, &guideline.source)
                || self.source.text == guideline.source.text)
    }
}

impl UnitsCache {
    /// Both indexes of `input`'s site, re-making the units of the guidelines that changed.
    pub(crate) fn build(&mut self, input: SearchInput) -> Result<PreviewSearch, EngineError> {
        let made_with = (input.root, input.labels);
        if self.made_with.as_ref() != Some(&made_with) {
            self.by_path.clear();
        }
        let (root, labels) = &*self.made_with.insert(made_with);
        let mut kept = Vec::with_capacity(input.guidelines.len());
        let mut to_make = Vec::new();
        for (order, guideline) in input.guidelines.into_iter().enumerate() {
            match self.by_path.remove(&guideline.source.path) {
                Some(cached) if cached.is_for(&guideline) => kept.push((order, cached)),
                _ => to_make.push((order, guideline)),
            }
        }
        let made: Vec<(usize, Cached)> = to_make
            .into_par_iter()
            .map(|(order, guideline)| {
                let parsed = parse_guideline(
                    Arc::clone(&guideline.source),
                    &guideline.group,
                    &guideline.slug,
                );
                let docs = parsed
                    .guideline
                    .map(|g| units(&g, root, labels))
                    .unwrap_or_default();
                let cached = Cached {
                    source: guideline.source,
                    group: guideline.group,
                    slug: guideline.slug,
                    docs,
                };
                (order, cached)
            })
            .collect();
        kept.extend(made);
        kept.sort_unstable_by_key(|(order, _)| *order);

        let docs: Vec<IndexDoc> = kept
            .iter()
            .flat_map(|(_, cached)| cached.docs.iter().cloned())
            .collect();
        // Guidelines gone from the site leave the cache here.
        self.by_path = kept
            .into_iter()
            .map(|(_, cached)| (cached.source.path.clone(), cached))
            .collect();
        let units = SearchUnits::from_docs(docs, None, &input.groups, input.synonyms, None, None)?;
        let engine = units.engine(None)?;
        Ok(PreviewSearch::new(engine, units.static_files()))
    }
}

/// Starts `retning-search`, which builds each site submitted to it and installs the result in
/// `shared`. Its parallel work runs on a thread pool of its own: on rayon's global pool, the
/// next rebuild's work would queue behind it.
pub(crate) fn start(
    shared: Arc<Shared>,
    language: Language,
) -> std::io::Result<Coalescing<SearchInput>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(2),
        )
        .thread_name(|i| format!("retning-search-{i}"))
        .start_handler(|_| give_way())
        .build()
        .map_err(std::io::Error::other)?;
    let mut cache = UnitsCache::default();
    Coalescing::start(
        "retning-search",
        language,
        move |input: SearchInput| match pool.install(|| cache.build(input)) {
            Ok(search) => shared.install_search(search),
            Err(err) => eprintln!("{}", search_failed(&err.to_string(), language)),
        },
    )
}

/// Lowers the calling thread's priority (Linux: the nice value is a thread's, and threads it
/// starts inherit it), so that on a busy machine a save's page is rendered before the search
/// index of the last one. Best effort: elsewhere, or if refused, the thread runs as it is.
fn give_way() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(None, BACKGROUND_NICE);
}

/// The nice value of the search threads: below the rebuild thread's, above idle.
#[cfg(target_os = "linux")]
const BACKGROUND_NICE: i32 = 10;

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::*;

    use crate::test_site::{CONFIG, VALID, write};

    /// What `retning build` would index for the site on disk now.
    fn from_scratch(root: &Path) -> (Site, PreviewSearch) {
        let site = Site::load(root).unwrap().site;
        let built = crate::search::build(&site, true, &SearchLabels::builtin(), None).unwrap();
        let search = PreviewSearch::new(built.engine, built.static_files);
        (site, search)
    }

    #[track_caller]
    fn assert_same(ours: &PreviewSearch, theirs: &PreviewSearch) {
        assert_eq!(ours.files(), theirs.files());
        let ours = ours.engine().search("patienter", None, 20).unwrap();
        let theirs = theirs.engine().search("patienter", None, 20).unwrap();
        let urls = |hits: Vec<search_index::Hit>| -> Vec<String> {
            hits.into_iter().map(|h| h.doc.url).collect()
        };
        assert_eq!(urls(ours), urls(theirs));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_search_threads_give_way_to_the_rebuild_thread() {
        let before = rustix::process::getpriority_process(None).unwrap();
        let lowered = std::thread::spawn(|| {
            give_way();
            rustix::process::getpriority_process(None).unwrap()
        })
        .join()
        .unwrap();
        // Only the calling thread is lowered (a nice value is at most 19).
        assert_eq!(lowered, (before + BACKGROUND_NICE).min(19));
        assert_eq!(rustix::process::getpriority_process(None).unwrap(), before);
    }

    #[test]
    fn kept_units_give_the_index_a_full_build_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("retning.toml"), CONFIG).unwrap();
        write(root, "dlg/dlbcl.md", VALID);
        write(root, "dlg/b.md", &VALID.replace("Diffust", "Andet"));
        write(root, "dbcg/c.md", &VALID.replace("Diffust", "Tredje"));
        let mut cache = UnitsCache::default();
        let (site, expected) = from_scratch(root);
        assert_same(
            &cache
                .build(SearchInput::of(&site, SearchLabels::builtin()))
                .unwrap(),
            &expected,
        );

        // One guideline edited, one gone, one new.
        write(
            root,
            "dlg/b.md",
            &VALID.replace("Alle patienter", "Nu alle patienter"),
        );
        fs::remove_file(root.join("guidelines/dbcg/c.md")).unwrap();
        write(root, "dbcg/d.md", &VALID.replace("Diffust", "Fjerde"));
        let (site, expected) = from_scratch(root);
        let search = cache
            .build(SearchInput::of(&site, SearchLabels::builtin()))
            .unwrap();
        assert_same(&search, &expected);
        let mut cached: Vec<&str> = cache
            .by_path
            .values()
            .map(|c| c.source.display_path.as_str())
            .collect();
        cached.sort_unstable();
        assert_eq!(
            cached,
            [
                "guidelines/dbcg/d.md",
                "guidelines/dlg/b.md",
                "guidelines/dlg/dlbcl.md"
            ]
        );
    }
}
