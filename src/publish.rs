//! Publishing a checked site: both search indexes, the pages, and the atomic write — what
//! `retning build` does after `check`, timed by stage so the benchmark measures exactly it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::output::{OutputFolder, Staged, Staging, WriteStats, swap_into_place};
use crate::render::{
    Archive, OutputTree, RenderError, RenderOptions, SEARCH_DIR, SearchListing, Theme,
    render_site_streaming,
};
use crate::search::SearchUnits;
use crate::site::Site;
use search_index::static_index::StaticFiles;
use search_index::{Engine, EngineError};

/// Where the time of a publication went. tantivy indexes on its own thread while the static
/// index and the pages are made and the site is staged, so `tantivy` overlaps
/// `static_index`, `render` and most of `write`; of its own time only `waiting_for_tantivy`
/// adds to the total.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Search units made and analyzed (every distinct word stemmed once).
    pub search_units: Duration,
    /// The static search index encoded.
    pub static_index: Duration,
    /// Every page rendered; each guideline page is written as soon as it is, and the static
    /// search files beside them.
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

/// What a publication did.
#[derive(Debug, Clone, Copy)]
pub struct Published {
    pub(crate) pages: usize,
    /// Every file the site holds.
    pub files: usize,
    /// How many files were written and how many reused unchanged.
    pub write: WriteStats,
    /// Where the time went.
    pub timings: Timings,
}

/// The files written as they were made, not from the tree of the rest.
struct Streamed {
    guideline_pages: usize,
    search_files: usize,
}

/// What a publication renders and where it writes it.
struct Job<'a> {
    site: &'a Site,
    theme: &'a Theme,
    options: RenderOptions,
    archive: &'a Archive,
    out_folder: &'a OutputFolder,
}

/// Builds both search indexes and the pages of `site`, then writes the site to `out`
/// atomically and swaps the tantivy index into `index_dir`. `archive`'s earlier versions get
/// pages of their own, outside both indexes. `step` hears each stage's name.
pub fn publish(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    archive: &Archive,
    out_folder: &OutputFolder,
    index_dir: &Path,
    step: impl Fn(&'static str),
) -> anyhow::Result<Published> {
    let job = Job {
        site,
        theme,
        options,
        archive,
        out_folder,
    };
    let mut timings = Timings::default();
    let index_staging = clear_index_staging(index_dir)?;
    step("Bygger søgeindeks");
    let started = Instant::now();
    let units = SearchUnits::of(site, options.drafts, theme.text("recommendation"))?;
    timings.search_units = started.elapsed();
    // tantivy indexes on a thread of its own while the site is rendered and staged.
    let (site_staged, engine) = std::thread::scope(|scope| {
        let engine = scope.spawn(|| {
            let started = Instant::now();
            units
                .engine(Some(&index_staging))
                .map(|engine| (engine, started.elapsed()))
        });
        let site_staged = stage_site(&job, &units, &mut timings, &step);
        let started = Instant::now();
        let engine = engine.join();
        timings.waiting_for_tantivy = started.elapsed();
        (site_staged, engine)
    });
    let (tree, streamed, staged) = site_staged?;
    let (engine, tantivy) = match finished_index(engine) {
        Ok(built) => built,
        Err(err) => {
            // Nothing is published: the old site stays.
            let _ = staged.discard();
            return Err(err);
        }
    };
    timings.tantivy = tantivy;
    free_in_background(units);

    let started = Instant::now();
    let write = swap_in(staged, engine, &index_staging, index_dir, out_folder.path())?;
    timings.write += started.elapsed();
    let published = Published {
        pages: tree.pages() + streamed.guideline_pages,
        files: tree.files.len() + streamed.guideline_pages + streamed.search_files,
        write,
        timings,
    };
    free_in_background(tree);
    Ok(published)
}

/// The folder the tantivy index is built in, beside `index_dir`, emptied of a build that
/// did not finish.
fn clear_index_staging(index_dir: &Path) -> anyhow::Result<PathBuf> {
    let staging = index_dir.with_extension("tmp");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot clear {}", staging.display()))?;
    }
    Ok(staging)
}

/// The static index made, then every page rendered and written beside the old site, which
/// stays in place until [`swap_in`]. On an error nothing is published.
fn stage_site(
    job: &Job,
    units: &SearchUnits,
    timings: &mut Timings,
    step: &impl Fn(&'static str),
) -> anyhow::Result<(OutputTree, Streamed, Staged)> {
    let out = job.out_folder.path();
    let started = Instant::now();
    let static_files = units.static_files();
    timings.static_index = started.elapsed();
    step("Renderer sider");
    let staging = Staging::begin(job.out_folder)
        .with_context(|| format!("cannot write the site to {}", out.display()))?;
    match render_into(job, &staging, static_files, timings, step) {
        Ok((tree, streamed)) => Ok((tree, streamed, staging.finish())),
        Err(err) => {
            // Nothing is published: the old site stays.
            let _ = staging.discard();
            Err(err)
        }
    }
}

/// Renders the site into `staging`: each guideline page as soon as it is rendered, the
/// static search files beside them, then the rest of the site (and its compressed copies).
fn render_into(
    job: &Job,
    staging: &Staging,
    static_files: StaticFiles,
    timings: &mut Timings,
    step: &impl Fn(&'static str),
) -> anyhow::Result<(OutputTree, Streamed)> {
    let out = job.out_folder.path();
    let started = Instant::now();
    let search_listing = SearchListing::of(&static_files);
    // The static search files are written while the pages render, by one job (they share a
    // folder), rather than after them, when little else is left to do.
    let (search_written, rendered) = rayon::join(
        || staging.put_all_in(SEARCH_DIR, static_files.files),
        || {
            render_site_streaming(
                job.site,
                job.theme,
                job.options,
                Some(&search_listing),
                job.archive,
                |path, html| {
                    staging.put(&path, &html).map_err(|err| RenderError {
                        message: format!("cannot write it: {err}"),
                        page: path,
                    })
                },
            )
        },
    );
    let (tree, pages) = rendered?;
    let search_files =
        search_written.with_context(|| format!("cannot write the site to {}", out.display()))?;
    timings.render = started.elapsed();
    step("Skriver");
    let started = Instant::now();
    staging
        .put_tree(&tree)
        .with_context(|| format!("cannot write the site to {}", out.display()))?;
    let compressing = Instant::now();
    if job.out_folder.precompress() {
        step("Komprimerer");
    }
    staging
        .precompress()
        .with_context(|| format!("cannot compress the site in {}", out.display()))?;
    timings.precompress = compressing.elapsed();
    timings.write = started.elapsed();
    let streamed = Streamed {
        guideline_pages: pages,
        search_files,
    };
    Ok((tree, streamed))
}

/// The finished tantivy index and its time, from its thread. A panic in tantivy is a bug:
/// reported rather than unwound through the build.
fn finished_index(
    engine: std::thread::Result<Result<(Engine, Duration), EngineError>>,
) -> anyhow::Result<(Engine, Duration)> {
    engine
        .map_err(|_| anyhow::anyhow!("the search index build panicked"))
        .and_then(|built| built.context("cannot build the search index"))
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
        .with_context(|| format!("cannot put the new site in place at {}", out.display()))?;
    // The index's files are closed before its folder moves.
    drop(engine);
    replace_dir(index_staging, index_dir)
        .with_context(|| format!("cannot write the search index to {}", index_dir.display()))?;
    Ok(write)
}

/// Frees `value` on a thread of its own: freeing a build's millions of allocations takes a
/// tenth of a second that nothing needs to wait for (and a process that exits first skips).
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    // Should no thread start, the closure, and `value` with it, is freed here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
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
