//! The benchmark of one corpus size: generate the corpus, then time reading it (the
//! baseline), the check, the build stage by stage, the no-change rebuild, `retning build`
//! through the build cache, one guideline saved, the search, and a build's memory.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use retning::diagnostics::Counts;
use retning::render::Theme;
use retning::search;
use retning::site::Site;
use retning::validate::check_site;

use super::cached_build::{self, CachedBuilds};
use super::corpus::{Corpus, Options, TODAY};
use super::full_build::{Child, Stages, build_once, peak_memory};
use super::one_guideline::bench_one_guideline;
use super::search_bench::{
    Downloads, bench_tantivy, corrected_count, queries, static_downloads, typo_queries,
};
use super::size_report;
use super::stats::{median, percentile};
use super::{Result, today};

/// What one size contributes to the growth table and to the JSON figures.
pub struct SizeResult {
    pub n: usize,
    /// (name, median) of every timed thing, for the scaling table.
    pub figures: Vec<(&'static str, Duration)>,
    pub json: serde_json::Value,
}

/// Every figure measured for one size, as the table and the JSON report it.
pub struct Figures {
    pub n: usize,
    pub corpus: CorpusFigures,
    /// Reading every guideline file: the baseline every stage is reported against.
    pub baseline: Duration,
    pub check: Duration,
    pub build: BuildFigures,
    pub cached: CachedBuilds,
    pub output_bytes: u64,
    pub largest: Largest,
    pub one: Duration,
    pub one_p90: Duration,
    pub search: SearchFigures,
    pub memory: MemoryFigures,
}

/// The generated corpus on disk.
pub struct CorpusFigures {
    pub files: Vec<PathBuf>,
    pub bytes: u64,
    pub words: usize,
}

/// Medians of the full builds and of the no-change rebuilds over them.
pub struct BuildFigures {
    pub load: Duration,
    pub validate: Duration,
    pub units: Duration,
    pub static_index: Duration,
    pub tantivy: Duration,
    pub render: Duration,
    pub waiting: Duration,
    pub write: Duration,
    pub total: Duration,
    pub files: usize,
    pub rebuild: Duration,
    pub rebuild_write: Duration,
    pub unchanged: usize,
    /// The last build's output and tantivy index folders.
    pub out: PathBuf,
    pub index: PathBuf,
}

/// tantivy's query times and the static index's size and downloads, plain and with typos.
pub struct SearchFigures {
    pub open: Duration,
    pub queries: usize,
    pub p50: Duration,
    pub p99: Duration,
    pub empty: usize,
    pub static_files: usize,
    pub index_bytes: usize,
    pub downloads: Vec<Downloads>,
    pub typos: usize,
    pub typo_p50: Duration,
    pub typo_p99: Duration,
    pub typo_empty: usize,
    pub typo_corrected: usize,
    pub typo_files: usize,
    pub typo_bytes: usize,
    pub typo_downloads: Vec<Downloads>,
}

/// Medians of builds in fresh processes: wall time, peak and staged resident memory (KiB).
pub struct MemoryFigures {
    pub wall: Duration,
    pub hwm_kib: u64,
    /// Resident after the check, after both indexes, after the render.
    pub resident_kib: [u64; 3],
}

pub fn bench_size(n: usize, words: usize, runs: usize) -> Result<SizeResult> {
    let today = today()?;
    println!("\n== {n} guidelines ==");
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("site");
    let corpus = write_corpus(&root, n, words)?;
    let baseline = time_reading(&corpus.files, runs)?;
    let check = time_check(&root, today, runs)?;
    let build = time_builds(&root, dir.path(), runs)?;
    // `retning build` through the build cache, in processes of their own.
    let cached = cached_build::measure(
        &root,
        &dir.path().join("cached-public"),
        corpus.files.first().ok_or("the corpus has no guideline")?,
        TODAY,
        runs,
    )?;
    let output_bytes = dir_size(&build.out)?;
    let largest = Largest::of(&build.out)?;
    // One guideline saved, as the preview server handles it.
    let (one, one_p90) = bench_one_guideline(&root, runs.max(5) * 6)?;
    let search = measure_search(&root, &build.index)?;
    let memory = measure_memory(&root, dir.path(), runs)?;
    let figures = Figures {
        n,
        corpus,
        baseline,
        check,
        build,
        cached,
        output_bytes,
        largest,
        one,
        one_p90,
        search,
        memory,
    };
    size_report::print(&figures);
    let json = size_report::json(&figures);
    std::io::stdout().flush()?;
    Ok(SizeResult {
        n,
        figures: size_report::scaling_figures(&figures),
        json,
    })
}

/// Generates the corpus into `root` and prints its size.
fn write_corpus(root: &Path, n: usize, words: usize) -> Result<CorpusFigures> {
    let started = Instant::now();
    let corpus = Corpus::generate(Options {
        guidelines: n,
        words,
        ..Options::default()
    });
    corpus.write_retning(root)?;
    let corpus_words = corpus.words();
    let generated = started.elapsed();
    drop(corpus);
    let files = guideline_files(root)?;
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    println!(
        "  corpus: {n} files, {:.1} MB, {corpus_words} words ({} per guideline), generated in {:.2?}",
        bytes as f64 / 1e6,
        corpus_words / n.max(1),
        generated
    );
    Ok(CorpusFigures {
        files,
        bytes,
        words: corpus_words,
    })
}

/// Baseline: reading every guideline file (warm page cache), as `cat` would.
fn time_reading(files: &[PathBuf], runs: usize) -> Result<Duration> {
    let read_all = || -> Result<Duration> {
        let t = Instant::now();
        let mut total = 0;
        for f in files {
            total += std::fs::read(f)?.len();
        }
        std::hint::black_box(total);
        Ok(t.elapsed())
    };
    read_all()?;
    Ok(median(
        (0..runs.max(5))
            .map(|_| read_all())
            .collect::<Result<_>>()?,
    ))
}

/// `retning check`'s work; the generated corpus must have no error or warning.
fn time_check(root: &Path, today: jiff::civil::Date, runs: usize) -> Result<Duration> {
    let mut checks = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let checked = check_site(root, today).map_err(|d| d.message.to_string())?;
        checks.push(t.elapsed());
        let counts = Counts::of(&checked.findings);
        if counts.errors + counts.warnings > 0 {
            return Err(format!(
                "the generated corpus has {} errors and {} warnings",
                counts.errors, counts.warnings
            )
            .into());
        }
    }
    Ok(median(checks))
}

/// Full builds by stage, then no-change rebuilds over the last one.
fn time_builds(root: &Path, scratch: &Path, runs: usize) -> Result<BuildFigures> {
    // Each build goes into a folder of its own; the folders go with `scratch`.
    // (Deleting a build's thousands of files just before the next one creates as many makes
    // ext4 without a journal, as on these machines, skip each recently freed inode in turn:
    // that would time the file system, not the build.)
    let mut builds = Vec::new();
    let (mut out, mut index) = (PathBuf::new(), PathBuf::new());
    for run in 0..runs {
        out = scratch.join(format!("public-{run}"));
        index = scratch.join(format!("index-{run}"));
        builds.push(build_once(root, &out, &index, |_| {})?);
    }
    let stage = |f: fn(&Stages) -> Duration| median(builds.iter().map(f).collect());

    // No-change rebuild: the same build again over the site it wrote.
    let mut rebuilds = Vec::new();
    for _ in 0..runs {
        rebuilds.push(build_once(root, &out, &index, |_| {})?);
    }
    Ok(BuildFigures {
        load: stage(|s| s.load),
        validate: stage(|s| s.validate),
        units: stage(|s| s.timings.search_units),
        static_index: stage(|s| s.timings.static_index),
        tantivy: stage(|s| s.timings.tantivy),
        render: stage(|s| s.timings.render),
        waiting: stage(|s| s.timings.waiting_for_tantivy),
        write: stage(|s| s.timings.write),
        total: stage(Stages::total),
        files: builds.last().map_or(0, |s| s.files),
        rebuild: median(rebuilds.iter().map(Stages::total).collect()),
        rebuild_write: median(rebuilds.iter().map(|s| s.timings.write).collect()),
        unchanged: rebuilds.last().map_or(0, |s| s.unchanged),
        out,
        index,
    })
}

/// tantivy's query times on the built index, and the static index's size and downloads.
fn measure_search(root: &Path, index: &Path) -> Result<SearchFigures> {
    let queries = queries(200);
    let (open, p50, p99, empty) = bench_tantivy(index, &queries)?;
    let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    let static_files =
        search::build(&site, false, &search::SearchLabels::of(&theme), None)?.static_files;
    drop(site);
    let downloads = static_downloads(&static_files, &queries)?;
    // Typos: two-word queries with a misspelt word (FORMAT.md, "Typos").
    let typos = typo_queries(100);
    let (_, typo_p50, typo_p99, typo_empty) = bench_tantivy(index, &typos)?;
    let typo_downloads = static_downloads(&static_files, &typos)?;
    let typo_corrected = corrected_count(&static_files, &typos)?;
    let typo_files = static_files
        .files
        .keys()
        .filter(|f| f.contains("/t"))
        .count();
    let typo_bytes: usize = static_files
        .files
        .iter()
        .filter(|(f, _)| f.contains("/t"))
        .map(|(_, b)| b.len())
        .sum();
    Ok(SearchFigures {
        open,
        queries: queries.len(),
        p50,
        p99,
        empty,
        static_files: static_files.files.len(),
        index_bytes: static_files.files.values().map(Vec::len).sum(),
        downloads,
        typos: typos.len(),
        typo_p50,
        typo_p99,
        typo_empty,
        typo_corrected,
        typo_files,
        typo_bytes,
        typo_downloads,
    })
}

/// Peak memory: a full build in a fresh process, a few times.
fn measure_memory(root: &Path, scratch: &Path, runs: usize) -> Result<MemoryFigures> {
    let mut children = Vec::new();
    for run in 0..runs.clamp(1, 3) {
        children.push(peak_memory(root, scratch, run)?);
    }
    let kib_median = |figure: fn(&Child) -> u64| {
        percentile(&children.iter().map(figure).collect::<Vec<_>>(), 50.0).unwrap_or(0)
    };
    Ok(MemoryFigures {
        wall: median(children.iter().map(|c| c.wall).collect()),
        hwm_kib: kib_median(|c| c.hwm_kib),
        resident_kib: [
            kib_median(|c| c.checked_kib),
            kib_median(|c| c.indexed_kib),
            kib_median(|c| c.rendered_kib),
        ],
    })
}

pub fn guideline_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("guidelines")).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The largest HTML and JSON files of a built site, each with its path in the site: no page
/// should grow with the number of guidelines (300 KB for HTML, 2 MB for JSON).
pub struct Largest {
    pub html: (u64, String),
    pub json: (u64, String),
}

impl Largest {
    pub fn of(site: &Path) -> Result<Self> {
        let mut largest = Self {
            html: (0, String::new()),
            json: (0, String::new()),
        };
        for entry in walkdir::WalkDir::new(site) {
            let entry = entry?;
            let path = entry.path();
            let slot = match path.extension().and_then(|e| e.to_str()) {
                Some("html") => &mut largest.html,
                Some("json") => &mut largest.json,
                _ => continue,
            };
            let len = entry.metadata()?.len();
            if len > slot.0 {
                let relative = path.strip_prefix(site).unwrap_or(path);
                *slot = (len, relative.display().to_string());
            }
        }
        Ok(largest)
    }
}

pub fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}
