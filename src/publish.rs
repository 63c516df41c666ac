//! Publishing a checked site: both search indexes, the pages, and the atomic write — what
//! `retning build` does after `check`, timed by stage so the benchmark measures exactly it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::ScopedJoinHandle;
use std::time::{Duration, Instant};

use crate::build_cache::SiteListing;
use crate::diagnostics::{Failure, Message, OrFail, message};

use crate::output::{OutputFolder, Staged, Staging, WriteStats, swap_into_place};
use crate::render::{
    Archive, OutputTree, RenderError, RenderOptions, SEARCH_DIR, SearchFiles, SearchListing, Theme,
    render_site_streaming,
};
use crate::search::{SearchLabels, SearchUnits};
use crate::site::Site;
use search_index::static_index::IndexFile;
use search_index::{Engine, EngineError, static_index};

/// Where the time of a publication went. tantivy indexes on its own thread while the static
/// index and the pages are made and the site is staged, so `tantivy` overlaps
/// `static_index`, `render` and most of `write`; of its own time only `waiting_for_tantivy`
/// adds to the total. The static index is written on a thread of its own too, while the
/// pages render: `static_index` overlaps `render`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Search units made and analyzed (every distinct word stemmed once).
    pub search_units: Duration,
    /// The static search index encoded, each file written as soon as it is made (beside the
    /// render).
    pub static_index: Duration,
    /// Every page rendered; each guideline page is written as soon as it is.
    pub render: Duration,
    /// The tantivy index built and written, on its own thread.
    pub tantivy: Duration,
    /// How long the site, once written, waited for the tantivy index.
    pub waiting_for_tantivy: Duration,
    /// The rest of the site (the site-wide pages, the assets) written
    /// beside the old one (while tantivy may still run), then both it and the tantivy index
    /// swapped in.
    pub write: Duration,
    /// The `.gz` and `.br` copies of the text files made (`build --precompress`; part of
    /// `write`).
    pub(crate) precompress: Duration,
}

/// Where a publication is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Both search indexes being made.
    SearchIndex,
    /// The pages being rendered.
    Pages,
    /// The rest of the site being written.
    Writing,
    /// The `.gz` and `.br` copies being made (`build --precompress`).
    Compressing,
}

impl Stage {
    /// A name for logs and benchmarks (English, like the code).
    pub fn name(self) -> &'static str {
        match self {
            Self::SearchIndex => "search index",
            Self::Pages => "pages",
            Self::Writing => "writing",
            Self::Compressing => "compressing",
        }
    }

    /// The progress line's words, in the reader's language.
    pub(crate) fn label(self) -> Message {
        match self {
            Self::SearchIndex => message!("progress-search-index"),
            Self::Pages => message!("progress-pages"),
            Self::Writing => message!("progress-writing"),
            Self::Compressing => message!("progress-compressing"),
        }
    }
}

/// The folder `path` as a message value.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// What a publication did.
#[derive(Clone)]
pub struct Published {
    pub(crate) pages: usize,
    /// Every file the site holds.
    pub files: usize,
    /// How many files were written and how many reused unchanged.
    pub write: WriteStats,
    /// Where the time went.
    pub timings: Timings,
    /// The site's listing for the build cache's record, made before the swap.
    pub(crate) listing: Option<SiteListing>,
}

/// The files written as they were made, not from the tree of the rest.
struct Streamed {
    guideline_pages: usize,
    search_files: usize,
    /// A reused guideline's site-wide files, linked rather than in the tree, and how many
    /// of them are pages (alias redirects).
    reused_files: usize,
    reused_pages: usize,
}

/// Renders every page, given the static search index (whose listing comes once it is
/// written): each guideline page goes to the writer as soon as it is rendered; the rest of
/// the site and the number of guideline pages are returned.
pub(crate) type RenderPass<'a> =
    dyn Fn(&SearchFiles, &PageWriter) -> Result<(OutputTree, usize), RenderError> + Sync + 'a;

/// Where a render puts the guideline pages as it makes them, and the files of a guideline it
/// does not render again.
pub(crate) struct PageWriter<'a> {
    staging: &'a Staging,
    /// The reused files the rest of the site leaves (not in its tree, so counted here), and
    /// how many of them are pages.
    kept: AtomicUsize,
    kept_pages: AtomicUsize,
}

impl PageWriter<'_> {
    /// Writes a page as soon as it is rendered.
    pub(crate) fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), RenderError> {
        self.staging
            .put(&path, &bytes)
            .map_err(|err| RenderError::not_written(&path, &err))
    }

    /// Puts the site in place's file at `path` into the new site as it is (see
    /// [`Staging::reuse`]): a page, or one of a guideline's site-wide files (`kept`).
    pub(crate) fn reuse(&self, path: &str, kept: bool) -> Result<(), RenderError> {
        self.staging
            .reuse(path, kept)
            .map_err(|err| RenderError::not_written(path, &err))?;
        if kept {
            self.count_kept(path);
        }
        Ok(())
    }

    /// Puts the site in place's file at `path` into the new site as it is, unless a file is
    /// there already (which stays); counted as a reused file outside the tree.
    pub(crate) fn reuse_unless_there(&self, path: &str) -> Result<(), RenderError> {
        let linked = self
            .staging
            .reuse_unless_there(path)
            .map_err(|err| RenderError::not_written(path, &err))?;
        if linked {
            self.count_kept(path);
        }
        Ok(())
    }

    /// Counts a file outside the tree (reused, or written by the first pass), and whether
    /// it is a page.
    pub(crate) fn count_kept(&self, path: &str) {
        self.kept.fetch_add(1, Ordering::Relaxed);
        if path.ends_with(".html") {
            self.kept_pages.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// What a publication renders and where it writes it.
struct Job<'a> {
    render: &'a RenderPass<'a>,
    out_folder: &'a OutputFolder,
}

/// Builds both search indexes and the pages of `site`, then writes the site to `out`
/// atomically and swaps the tantivy index into `index_dir`. `archive`'s earlier versions get
/// pages of their own, outside both indexes. `step` hears each stage as it starts.
pub fn publish(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    archive: &Archive,
    out_folder: &OutputFolder,
    index_dir: &Path,
    step: impl Fn(Stage),
) -> anyhow::Result<Published> {
    let render = |search: &SearchFiles, writer: &PageWriter| {
        render_site_streaming(site, theme, options, Some(search), archive, |path, html| {
            writer.put(path, html)
        })
    };
    step(Stage::SearchIndex);
    let started = Instant::now();
    let units = SearchUnits::of(site, options.drafts, &SearchLabels::of(theme))?;
    let made = started.elapsed();
    let published = publish_units(units, &render, out_folder, index_dir, None, || true, step)?;
    published
        .map(|mut published| {
            published.timings.search_units += made;
            published
        })
        .ok_or_else(|| anyhow::anyhow!("the build was stopped"))
}

/// [`publish`] of the search units `units`, the pages rendered by `render`. Once the site is
/// staged, `proceed` says whether it is published: when not, nothing is (the old site and
/// index stay) and the answer is `None`. `step` hears each stage as it starts (the search
/// index's excepted: the caller says it, as it makes `units`). The site is written into
/// `staging` when given (begun by [`begin_staging`] for `out_folder`, some pages in it
/// already), else into a staging folder begun here.
pub(crate) fn publish_units(
    mut units: SearchUnits,
    render: &RenderPass,
    out_folder: &OutputFolder,
    index_dir: &Path,
    staging: Option<Staging>,
    proceed: impl FnOnce() -> bool,
    step: impl Fn(Stage),
) -> anyhow::Result<Option<Published>> {
    let job = Job { render, out_folder };
    let mut timings = Timings::default();
    let index_staging = match clear_index_staging(index_dir) {
        Ok(index_staging) => index_staging,
        Err(err) => {
            // Nothing is published: the old site stays.
            if let Some(staging) = staging {
                let _ = staging.discard();
            }
            return Err(err);
        }
    };
    // tantivy frees each unit's text once it has it; the static index needs only its start.
    let texts = units.take_texts();
    // The analysis being written for the next build is joined here, below, before anything
    // of this build is recorded: the units are freed in the background, where their drop
    // would join it only after the build ended.
    let keeping = units.take_keeping();
    // Held to the end and freed there in the background: the tantivy index holds them too,
    // and dropping it before its folder moves freed them on the main thread.
    let stats = units.shared_stats();
    // Both indexes' threads share the units, and the last to finish frees them, in the
    // background: the render goes on without them (at 1,000 guidelines ~100 MiB of its peak
    // memory), and tantivy, the last to finish a one-change build, does not wait for it.
    let units = Arc::new(units);
    // tantivy indexes on a thread of its own while the site is rendered and staged.
    let (site_staged, engine) = std::thread::scope(|scope| {
        let (tantivy_units, index_staging) = (Arc::clone(&units), &index_staging);
        let engine = scope.spawn(move || {
            let started = Instant::now();
            // From the last build's index, whose changed groups alone are indexed again.
            let built = tantivy_units
                .engine_with_texts(texts, index_staging, Some(index_dir))
                .map(|(engine, _)| (engine, started.elapsed()));
            free_in_background(tantivy_units);
            built
        });
        let site_staged = stage_site(&job, units, staging, &mut timings, &step);
        // Listed for the build cache's record while tantivy, as a rule, still indexes.
        let listing = site_staged.as_ref().ok().and_then(|(_, _, staged)| {
            let (out, staging) = staged.folders();
            SiteListing::of_staged(out, staging)
        });
        let started = Instant::now();
        let engine = engine.join();
        timings.waiting_for_tantivy = started.elapsed();
        (site_staged.map(|staged| (staged, listing)), engine)
    });
    if let Some(keeping) = keeping {
        let _ = keeping.join();
    }
    let ((tree, streamed, staged), listing) = site_staged?;
    let (engine, tantivy) = match finished_index(engine) {
        Ok(built) => built,
        Err(err) => {
            // Nothing is published: the old site stays.
            let _ = staged.discard();
            return Err(err);
        }
    };
    timings.tantivy = tantivy;
    if !proceed() {
        let _ = staged.discard();
        return Ok(None);
    }

    let started = Instant::now();
    let write = swap_in(staged, engine, &index_staging, index_dir, out_folder.path())?;
    timings.write += started.elapsed();
    let published = Published {
        pages: tree.pages() + streamed.guideline_pages + streamed.reused_pages,
        files: tree.files.len()
            + streamed.guideline_pages
            + streamed.search_files
            + streamed.reused_files,
        write,
        timings,
        listing,
    };
    free_in_background(tree);
    free_in_background(stats);
    Ok(Some(published))
}

/// The folder the tantivy index is built in, beside `index_dir`, emptied of a build that
/// did not finish.
fn clear_index_staging(index_dir: &Path) -> anyhow::Result<PathBuf> {
    let staging = index_dir.with_extension("tmp");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .or_fail(|| message!("error-cannot-clear", path = shown(&staging)))?;
    }
    Ok(staging)
}

/// The static index written, then every page rendered and written beside the old site,
/// which stays in place until [`swap_in`]. On an error nothing is published.
fn stage_site(
    job: &Job,
    units: Arc<SearchUnits>,
    staging: Option<Staging>,
    timings: &mut Timings,
    step: &impl Fn(Stage),
) -> anyhow::Result<(OutputTree, Streamed, Staged)> {
    let staging = match staging {
        Some(staging) => staging,
        None => begin_staging(job.out_folder)?,
    };
    match stage_into(job, units, &staging, timings, step) {
        Ok((tree, streamed)) => Ok((tree, streamed, staging.finish())),
        Err(err) => {
            // Nothing is published: the old site stays.
            let _ = staging.discard();
            Err(err)
        }
    }
}

/// An empty staging folder beside `out_folder`, for the new site (see [`Staging::begin`]).
pub(crate) fn begin_staging(out_folder: &OutputFolder) -> anyhow::Result<Staging> {
    let out = out_folder.path();
    Ok(Staging::begin(out_folder)
        .or_fail(|| message!("error-site-not-written", folder = shown(out)))?)
}

/// Writes the site into `staging`: the static search index's files as they are encoded, on
/// a thread of their own, while the pages render (they link only its meta file, whose name is
/// stable; the offline lists, made last, wait for its listing), each guideline page as soon
/// as it is rendered, then the rest of the site (and its compressed copies).
fn stage_into(
    job: &Job,
    units: Arc<SearchUnits>,
    staging: &Staging,
    timings: &mut Timings,
    step: &impl Fn(Stage),
) -> anyhow::Result<(OutputTree, Streamed)> {
    let out = job.out_folder.path();
    let writer = PageWriter {
        staging,
        kept: AtomicUsize::new(0),
        kept_pages: AtomicUsize::new(0),
    };
    let (index, rendered) = std::thread::scope(|scope| {
        // The site in place's index files may be taken only when it is as the last build left it.
        let site_search = job.out_folder.as_left().then(|| out.join(SEARCH_DIR));
        let index = IndexThread::spawn(scope, units, staging, site_search);
        step(Stage::Pages);
        let started = Instant::now();
        let listing = || index.listing();
        let search = SearchFiles {
            meta: static_index::META,
            listing: &listing,
        };
        let rendered = (job.render)(&search, &writer);
        timings.render = started.elapsed();
        (index.finish(), rendered)
    });
    // A search file not written explains a render that could not list them.
    let (search_listing, encoding) =
        index.or_fail(|| message!("error-site-not-written", folder = shown(out)))?;
    timings.static_index = encoding;
    let (tree, pages) = rendered.map_err(Failure::from)?;
    step(Stage::Writing);
    let started = Instant::now();
    staging
        .put_tree(&tree)
        .or_fail(|| message!("error-site-not-written", folder = shown(out)))?;
    let compressing = Instant::now();
    if job.out_folder.precompress() {
        step(Stage::Compressing);
    }
    staging
        .precompress()
        .or_fail(|| message!("error-site-not-compressed", folder = shown(out)))?;
    timings.precompress = compressing.elapsed();
    timings.write = started.elapsed();
    let streamed = Streamed {
        guideline_pages: pages,
        search_files: search_listing.files.len(),
        reused_files: writer.kept.into_inner(),
        reused_pages: writer.kept_pages.into_inner(),
    };
    Ok((tree, streamed))
}

/// The static index being encoded and written on a thread of its own, and what it made:
/// its listing and its time, once the thread is joined.
struct IndexThread<'scope> {
    /// The thread until it is joined, then what it made (until [`IndexThread::finish`]).
    state: Mutex<(
        Option<ScopedJoinHandle<'scope, IndexMade>>,
        Option<IndexMade>,
    )>,
}

type IndexMade = std::io::Result<(SearchListing, Duration)>;

impl<'scope> IndexThread<'scope> {
    fn spawn<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        units: Arc<SearchUnits>,
        staging: &'env Staging,
        site_search: Option<PathBuf>,
    ) -> Self {
        let handle = scope.spawn(move || {
            let started = Instant::now();
            let written = write_static_index(&units, staging, site_search.as_deref())
                .map(|listing| (listing, started.elapsed()));
            // Freed in the background if tantivy is done with them too: this thread's end is
            // on the way to the swap.
            free_in_background(units);
            written
        });
        Self {
            state: Mutex::new((Some(handle), None)),
        }
    }

    /// The index's listing, once it is written (waiting for it).
    fn listing(&self) -> Result<SearchListing, RenderError> {
        let mut state = lock(&self.state);
        join_once(&mut state);
        match &state.1 {
            Some(Ok((listing, _))) => Ok(listing.clone()),
            _ => Err(RenderError::not_written(SEARCH_DIR, &not_written())),
        }
    }

    /// What the thread made, once it is done.
    fn finish(self) -> IndexMade {
        let mut state = self
            .state
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        join_once(&mut state);
        state.1.unwrap_or_else(|| Err(not_written()))
    }
}

/// Joins the index thread unless it is already. A panic while encoding is a bug: an error
/// here, not unwound through the build.
fn join_once(state: &mut (Option<ScopedJoinHandle<'_, IndexMade>>, Option<IndexMade>)) {
    if let Some(handle) = state.0.take() {
        let made = handle.join().unwrap_or_else(|_| Err(not_written()));
        state.1 = Some(made);
    }
}

fn not_written() -> std::io::Error {
    std::io::Error::other("the search index was not written")
}

/// The mutex's value; a thread that panicked while holding it left it whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The static search index written under [`SEARCH_DIR`] in `staging` file by file as it is
/// encoded, so its files are never all in memory; their listing, for the offline lists.
/// Each file but the meta file is named by a hash of its bytes: one the site in place has
/// is linked from it unread when the build cache vouches for that site
/// ([`Staging::put_named_by_content`]); so is one the encoder takes from the last build
/// without making it again (only from `site_search`, the vouched-for site's `search/`).
fn write_static_index(
    units: &SearchUnits,
    staging: &Staging,
    site_search: Option<&Path>,
) -> std::io::Result<SearchListing> {
    let mut files: Vec<(String, usize)> = Vec::new();
    let encoded = units.write_static_index(site_search, |name, file| {
        let path = format!("{SEARCH_DIR}/{name}");
        match file {
            IndexFile::New(bytes) => {
                files.push((name.to_owned(), bytes.len()));
                staging.put_named_by_content(&path, bytes)
            }
            IndexFile::Kept(size) => {
                files.push((name.to_owned(), usize::try_from(size).unwrap_or(usize::MAX)));
                staging.reuse(&path, false)
            }
        }
    })?;
    staging.put(
        &format!("{SEARCH_DIR}/{}", encoded.meta),
        &encoded.meta_bytes,
    )?;
    files.push((encoded.meta.clone(), encoded.meta_bytes.len()));
    // In name order, as a build that held the files listed them.
    files.sort_unstable();
    Ok(SearchListing {
        meta: encoded.meta,
        files,
    })
}

/// The finished tantivy index and its time, from its thread. A panic in tantivy is a bug:
/// reported rather than unwound through the build.
fn finished_index(
    engine: std::thread::Result<Result<(Engine, Duration), EngineError>>,
) -> anyhow::Result<(Engine, Duration)> {
    engine
        .map_err(|_| anyhow::Error::new(Failure::alone(message!("error-search-index-panicked"))))
        .and_then(|built| {
            built
                .or_fail(|| message!("error-search-index-not-built"))
                .map_err(anyhow::Error::from)
        })
}

/// The staged site swapped in, then the tantivy index: both describe the same build.
fn swap_in(
    staged: Staged,
    engine: Engine,
    index_staging: &Path,
    index_dir: &Path,
    out: &Path,
) -> anyhow::Result<WriteStats> {
    let write = staged
        .swap()
        .or_fail(|| message!("error-site-not-swapped", folder = shown(out)))?;
    // The index's files are closed before its folder moves.
    drop(engine);
    replace_dir(index_staging, index_dir)
        .or_fail(|| message!("error-search-index-not-written", folder = shown(index_dir)))?;
    Ok(write)
}

/// Frees `value` on a thread of its own: freeing a build's millions of allocations takes a
/// tenth of a second that nothing needs to wait for (and a process that exits first skips).
/// The thread runs at the lowest priority (Linux), so that on two cores the end of the build
/// (the swap, the build cache's listing of the output) does not share a core with it.
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    // Should no thread start, the closure, and `value` with it, is freed here.
    let _ = std::thread::Builder::new().spawn(move || {
        // Best effort: the nice value is the calling thread's; refused, it frees as it is.
        #[cfg(target_os = "linux")]
        let _ = rustix::process::setpriority_process(None, 19);
        drop(value)
    });
}

/// Swaps a freshly written folder into place (atomically where the system can, so a kill
/// never leaves `retning search` without an index), then removes the old one.
fn replace_dir(new: &Path, target: &Path) -> std::io::Result<()> {
    let old = target.with_extension("old");
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    swap_into_place(new, target, &old)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Language;

    #[test]
    fn every_stage_has_a_progress_label_in_both_languages() {
        let stages = [
            Stage::SearchIndex,
            Stage::Pages,
            Stage::Writing,
            Stage::Compressing,
        ];
        let danish: Vec<String> = stages
            .iter()
            .map(|s| s.label().in_language(Language::Da))
            .collect();
        let english: Vec<String> = stages
            .iter()
            .map(|s| s.label().in_language(Language::En))
            .collect();
        assert_eq!(
            danish,
            [
                "Bygger søgeindeks",
                "Renderer sider",
                "Skriver",
                "Komprimerer"
            ]
        );
        assert_eq!(
            english,
            [
                "Building the search index",
                "Rendering pages",
                "Writing",
                "Compressing"
            ]
        );
    }
}
