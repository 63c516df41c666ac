//! retning's pipeline benchmarks on a generated corpus (docs/performance.md).
//!
//! - `cargo bench` — every benchmark for 300 and 1,000 guidelines of ~8,000 words
//!   (`RETNING_BENCH_SIZES=300` or `=300,1000,3000,10000` for the growth table at scale:
//!   10,000 writes an 825 MB corpus to the temporary folder; `RETNING_BENCH_WORDS`,
//!   `RETNING_BENCH_RUNS`, and
//!   `RETNING_BENCH_JSON=FILE` to keep the figures as JSON), then edit → served in
//!   `retning serve` (`cargo bench --bench pipeline -- serve` alone: `support/serve_bench.rs`).
//! - `cargo test --benches` (or `cargo bench --bench pipeline -- check`) — the self-test: a
//!   small generated corpus passes `retning check` with no finding, builds, and is
//!   deterministic.
//! - `cargo bench --bench pipeline -- gen --guidelines N --words W --out DIR [--hugo DIR]` —
//!   writes a corpus (and the same text as Hugo pages); `benches/hugo.sh` uses it.
//!
//! Timings are medians of several runs; each size also times reading the corpus files, the
//! baseline every stage is reported against, since the machine is shared and noisy.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use serde_json::json;

use retning::diagnostics::{self, Counts, Language, render_human};
use retning::output::{OutputFolder, write_atomically};
use retning::parse::parse_guideline;
use retning::publish::{Timings, publish};
use retning::render::{OutputTree, RenderOptions, Theme, guideline_view, render_site};
use retning::search;
use retning::site::Site;
use retning::source::{SourceFile, display_path};
use retning::validate::{check_site, validate, validate_guideline};
use search_index::Engine;
use search_index::static_index::StaticFiles;

use support::corpus::{Corpus, Options, TODAY};
use support::search_bench::{
    bench_tantivy, corrected_count, queries, static_downloads, typo_queries,
};
use support::stats::{median, ms, percentile, us};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> ExitCode {
    let bench = std::env::args().any(|a| a == "--bench");
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => generate(&args[1..]),
        Some("check" | "--check") => self_test(),
        Some("--child-build") => child_build(&args[1..]),
        Some("parts") => parts(&args[1..]),
        Some("hot") => hot(&args[1..]),
        Some("downloads") => downloads(&args[1..]),
        Some("serve") => support::serve_bench::run(),
        _ if bench => benchmarks(),
        // `cargo test --benches` runs the binary without `--bench`: the self-test.
        _ => self_test(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn today() -> Result<Date> {
    Ok(TODAY.parse()?)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// gen

fn generate(args: &[String]) -> Result<()> {
    let mut options = Options::default();
    let mut out = None;
    let mut hugo = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--guidelines" | "-n" => options.guidelines = value()?.parse()?,
            "--words" | "-w" => options.words = value()?.parse()?,
            "--seed" => options.seed = value()?.parse()?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--hugo" => hugo = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if out.is_none() && hugo.is_none() {
        return Err("give --out DIR (a retning site) and/or --hugo DIR (Hugo content)".into());
    }
    let started = Instant::now();
    let corpus = Corpus::generate(options);
    if let Some(out) = &out {
        corpus.write_retning(out)?;
    }
    if let Some(hugo) = &hugo {
        corpus.write_hugo(hugo)?;
    }
    eprintln!(
        "generated {} guidelines, {} words (seed {}) in {:.2?}",
        corpus.docs.len(),
        corpus.words(),
        options.seed,
        started.elapsed()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The self-test

fn self_test() -> Result<()> {
    let options = Options {
        guidelines: 40,
        words: 2500,
        seed: 7,
    };
    let corpus = Corpus::generate(options);
    let again = Corpus::generate(options);
    let same = corpus
        .docs
        .iter()
        .zip(&again.docs)
        .all(|(a, b)| Corpus::retning_file(a) == Corpus::retning_file(b));
    if !same {
        return Err("the corpus is not deterministic".into());
    }
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("site");
    corpus.write_retning(&root)?;
    let checked = check_site(&root, today()?).map_err(|d| d.message.to_string())?;
    if !checked.findings.is_empty() {
        eprint!("{}", render_human(&checked.findings, false, Language::En));
        return Err(format!(
            "the generated corpus has {} findings; it must have none",
            checked.findings.len()
        )
        .into());
    }
    if checked.site.guidelines.len() != options.guidelines {
        return Err("not every generated guideline loaded".into());
    }
    let both = checked
        .site
        .guidelines
        .iter()
        .map(|g| g.grading())
        .collect::<Vec<_>>();
    if !both.contains(&retning::model::Grading::Grade)
        || !both.contains(&retning::model::Grading::Oxford)
    {
        return Err("the corpus must use both grading schemes".into());
    }
    let links: usize = checked
        .site
        .guidelines
        .iter()
        .map(|g| g.body.links.len())
        .sum();
    let aids: usize = checked
        .site
        .guidelines
        .iter()
        .map(|g| g.meta.decision_aids.len())
        .sum();
    if links == 0 || aids == 0 {
        return Err("the corpus must have cross-links and decision aids".into());
    }
    // It builds, and the search finds a common word.
    let stages = build_once(
        &root,
        &dir.path().join("public"),
        &dir.path().join("index"),
        |_| {},
    )?;
    let engine = Engine::open(&dir.path().join("index"))?;
    if engine.search("behandling", None, 10)?.is_empty() {
        return Err("the search finds nothing for `behandling`".into());
    }
    // Hugo pages: only title and date at the top level, the rest under [extra].
    for doc in &corpus.docs {
        let page = Corpus::hugo_file(doc);
        let front = page
            .strip_prefix("+++\n")
            .and_then(|rest| rest.split_once("\n+++\n"))
            .map(|(front, _)| front)
            .ok_or("a Hugo page has no front matter")?;
        let table: toml::Table = toml::from_str(front)?;
        let keys: BTreeSet<&str> = table.keys().map(String::as_str).collect();
        if keys != BTreeSet::from(["title", "date", "extra"]) {
            return Err(format!("Hugo front matter has top-level keys {keys:?}").into());
        }
    }
    println!(
        "self-test: {} generated guidelines ({} words, {links} cross-links, {aids} decision aids) pass `retning check` with 0 findings and build {} files in {:.0?}",
        options.guidelines,
        corpus.words(),
        stages.files,
        stages.total()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// One full build, stage by stage (what `retning build` does)

#[derive(Debug, Clone, Default)]
struct Stages {
    load: Duration,
    validate: Duration,
    /// `publish`'s own stages; `tantivy` runs beside `static_index` and `render`.
    timings: Timings,
    /// The whole build, wall time.
    total: Duration,
    files: usize,
    unchanged: usize,
}

impl Stages {
    fn total(&self) -> Duration {
        self.total
    }
}

/// `retning build`, timed by stage: load+parse and validate (`check_site`'s parts), then
/// `publish` (both search indexes, the pages, the atomic write) as `retning build` runs it.
/// `step` hears where the build is, as `retning build`'s progress line does: "checked", then
/// each of `publish`'s stages.
fn build_once(
    root: &Path,
    out: &Path,
    index_dir: &Path,
    step: impl Fn(&'static str),
) -> Result<Stages> {
    let today = today()?;
    let started = Instant::now();
    let t = Instant::now();
    let loaded = Site::load(root).map_err(|d| d.message.to_string())?;
    let load = t.elapsed();

    let t = Instant::now();
    let mut findings = loaded.findings;
    findings.extend(validate(&loaded.site, today));
    diagnostics::sort(&mut findings);
    let validate = t.elapsed();
    if Counts::of(&findings).errors > 0 {
        return Err("the corpus has errors".into());
    }
    let site = loaded.site;
    step("checked");
    let theme = Theme::load(root)?;
    let options = RenderOptions {
        drafts: false,
        today,
    };
    let out = OutputFolder::choose(root, out, false)?;
    let published = publish(
        &site,
        &theme,
        options,
        &retning::render::Archive::default(),
        &out,
        index_dir,
        step,
    )?;
    Ok(Stages {
        load,
        validate,
        timings: published.timings,
        total: started.elapsed(),
        files: published.files,
        unchanged: published.write.unchanged,
    })
}

/// Run in a child process: one full build, then its peak resident memory, and how much was
/// resident at three points: the site loaded and checked; the search units and the static
/// index made (tantivy indexing beside them); the pages rendered.
fn child_build(args: &[String]) -> Result<()> {
    let [root, out, index] = args else {
        return Err("--child-build ROOT OUT INDEX".into());
    };
    let started = Instant::now();
    let resident = std::sync::Mutex::new(Vec::new());
    build_once(Path::new(root), Path::new(out), Path::new(index), |stage| {
        let kib = memory_kib("VmRSS:").unwrap_or(0);
        if let Ok(mut resident) = resident.lock() {
            resident.push((stage, kib));
        }
    })?;
    let wall = started.elapsed();
    let hwm = memory_kib("VmHWM:")?;
    let stages = resident.into_inner().unwrap_or_default();
    let at = |stage: &str| {
        stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(0, |&(_, kib)| kib)
    };
    println!(
        "CHILD vmhwm_kib={hwm} wall_ms={} checked_kib={} indexed_kib={} rendered_kib={}",
        wall.as_millis(),
        at("checked"),
        at("Renderer sider"),
        at("Skriver"),
    );
    Ok(())
}

/// A figure of this process's memory from `/proc/self/status` (`VmRSS:`, `VmHWM:`), in KiB.
fn memory_kib(key: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .ok_or_else(|| format!("no {key} in /proc/self/status").into())
}

/// `hot parse|views|render|encode ROOT N`: one part in a loop, to run under a profiler.
fn hot(args: &[String]) -> Result<()> {
    let [part, root, n] = args else {
        return Err("hot parse|views|render|encode ROOT N".into());
    };
    let root = Path::new(root);
    let n: usize = n.parse()?;
    let today = today()?;
    let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    match part.as_str() {
        "parse" => {
            for _ in 0..n {
                for g in &site.guidelines {
                    std::hint::black_box(parse_guideline(Arc::clone(&g.source), &g.group, &g.slug));
                }
            }
        }
        "views" => {
            for _ in 0..n {
                for g in &site.guidelines {
                    std::hint::black_box(guideline_view::build(&site, g, &theme, today));
                }
            }
        }
        "render" => {
            let options = RenderOptions {
                drafts: false,
                today,
            };
            for _ in 0..n {
                std::hint::black_box(render_site(&site, &theme, options, None)?);
            }
        }
        "encode" => {
            let (docs, ranges) = search::ordered_units(&site, false, theme.text("recommendation"));
            let weights = search_index::TermStats::of(&docs).weights(&docs);
            for _ in 0..n {
                std::hint::black_box(search_index::static_index::encode(
                    &docs,
                    &ranges,
                    &weights,
                    &search_index::Synonyms::default_list(),
                ));
            }
        }
        other => return Err(format!("unknown part {other}").into()),
    }
    Ok(())
}

/// `parts ROOT [RUNS]`: the search-index and render stages split into their parts, for
/// profiling (medians).
/// `downloads ROOT`: what a browser downloads for the benchmark's queries, plain and with a
/// typo, on the site at ROOT (its own `synonyms.toml` included): the static index alone,
/// without the rest of the benchmark, so two synonym lists or two versions compare quickly.
fn downloads(args: &[String]) -> Result<()> {
    let root = Path::new(args.first().ok_or("downloads ROOT")?);
    let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    let units = search::SearchUnits::of(&site, false, theme.text("recommendation"))?;
    let static_files = units.static_files();
    let typos = typo_queries(100);
    print_downloads("", &static_downloads(&static_files, &queries(200))?);
    print_downloads("typo ", &static_downloads(&static_files, &typos)?);
    println!(
        "    {} of {} typo queries corrected",
        corrected_count(&static_files, &typos)?,
        typos.len()
    );
    Ok(())
}

fn parts(args: &[String]) -> Result<()> {
    let root = Path::new(args.first().ok_or("parts ROOT [RUNS]")?);
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let today = today()?;
    let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    let label = theme.text("recommendation");
    let mut times: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut time =
        |name: &'static str, t: Instant| times.entry(name).or_default().push(t.elapsed());
    let sources: Vec<(Arc<SourceFile>, String, String)> = site
        .guidelines
        .iter()
        .map(|g| (Arc::clone(&g.source), g.group.clone(), g.slug.clone()))
        .collect();
    for _ in 0..runs {
        let t = Instant::now();
        for (source, _, _) in &sources {
            let parser =
                pulldown_cmark::Parser::new_ext(&source.text, retning::parse::markdown_options());
            std::hint::black_box(parser.into_offset_iter().count());
        }
        time("parse 0: bare pulldown-cmark pass (1 thread)", t);
        let t = Instant::now();
        for (source, group, slug) in &sources {
            std::hint::black_box(parse_guideline(Arc::clone(source), group, slug));
        }
        time("parse 1: parse_guideline (1 thread)", t);
        let t = Instant::now();
        for (source, _, _) in &sources {
            let mut html = String::new();
            let parser =
                pulldown_cmark::Parser::new_ext(&source.text, retning::parse::markdown_options());
            pulldown_cmark::html::push_html(&mut html, parser);
            std::hint::black_box(html);
        }
        time("render 0: bare pulldown-cmark to HTML (1 thread)", t);
        let t = Instant::now();
        std::hint::black_box(validate(&site, today));
        time("validate", t);
        let t = Instant::now();
        let (docs, ranges) = search::ordered_units(&site, false, label);
        time("index 1: search units, ordered by group", t);
        let t = Instant::now();
        let synonyms = search_index::Synonyms::default_list();
        let stats = std::sync::Arc::new(search_index::TermStats::with_phrases(
            &docs,
            synonyms.phrases(),
        ));
        time("index 2: term stats (every word analyzed once)", t);
        let t = Instant::now();
        let weights = stats.weights(&docs);
        time("index 3: weights", t);
        let t = Instant::now();
        let files = search_index::static_index::encode(&docs, &ranges, &weights, &synonyms);
        time("index 4: static encode", t);
        let dir = tempfile::tempdir()?;
        let t = Instant::now();
        Engine::build_with(&docs, ranges.clone(), Some(&dir.path().join("i")), &stats)?;
        time("index 5: tantivy build (on disk)", t);
        let t = Instant::now();
        let views: Vec<_> = site
            .guidelines
            .iter()
            .map(|g| guideline_view::build(&site, g, &theme, today))
            .collect();
        time("render 1: guideline views (1 thread)", t);
        let t = Instant::now();
        let tree = render_site(
            &site,
            &theme,
            RenderOptions {
                drafts: false,
                today,
            },
            Some(files.clone()),
        )?;
        time("render 2: render_site (all)", t);
        let context = page_context(&site, &theme, &tree, &files);
        let t = Instant::now();
        for view in &views {
            let mut page = context.clone();
            page.insert("g", view);
            std::hint::black_box(theme.tera.render("guideline.html", &page)?);
        }
        time("render 3: tera guideline pages (1 thread)", t);

        let scratch = tempfile::tempdir_in(root.parent().unwrap_or(root))?;
        let t = Instant::now();
        let fresh = OutputFolder::choose(scratch.path(), Path::new("a"), false)?;
        write_atomically(&tree, &fresh)?;
        time("write: write_atomically, fresh folder", t);
    }
    for (name, values) in times {
        println!("{name:<44} {:>9.1} ms", ms(median(values)));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The benchmarks

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn benchmarks() -> Result<()> {
    let sizes: Vec<usize> = std::env::var("RETNING_BENCH_SIZES")
        .unwrap_or_else(|_| "300,1000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let words: usize = env_or("RETNING_BENCH_WORDS", 8000);
    let runs: usize = env_or("RETNING_BENCH_RUNS", 5).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "retning pipeline benchmarks: sizes {sizes:?}, ~{words} words per guideline, median of {runs} runs, {cores} cores (load average {} at start; the machine may be shared)",
        loadavg()
    );
    let mut results = Vec::new();
    for &n in &sizes {
        results.push(bench_size(n, words, runs)?);
    }
    if results.len() > 1 {
        print_scaling(&results);
    }
    support::serve_bench::run()?;
    println!("load average at the end: {}", loadavg());
    if let Ok(path) = std::env::var("RETNING_BENCH_JSON") {
        let value = json!({
            "words": words,
            "runs": runs,
            "cores": cores,
            "sizes": results.iter().map(|r| &r.json).collect::<Vec<_>>(),
        });
        std::fs::write(&path, serde_json::to_vec_pretty(&value)?)?;
        println!("figures written to {path}");
    }
    Ok(())
}

struct SizeResult {
    n: usize,
    /// (name, median) of every timed thing, for the scaling table.
    figures: Vec<(&'static str, Duration)>,
    json: serde_json::Value,
}

fn row(name: &str, value: Duration, baseline: Duration, extra: &str) {
    let ratio = value.as_secs_f64() / baseline.as_secs_f64().max(1e-9);
    println!(
        "  {name:<34} {:>10.1} ms {:>9.1}× read  {extra}",
        ms(value),
        ratio
    );
}

fn bench_size(n: usize, words: usize, runs: usize) -> Result<SizeResult> {
    let today = today()?;
    println!("\n== {n} guidelines ==");
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("site");
    let started = Instant::now();
    let corpus = Corpus::generate(Options {
        guidelines: n,
        words,
        ..Options::default()
    });
    corpus.write_retning(&root)?;
    let corpus_words = corpus.words();
    let generated = started.elapsed();
    drop(corpus);
    let files = guideline_files(&root)?;
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

    // Baseline: reading every guideline file (warm page cache), as `cat` would.
    let read_all = || -> Result<Duration> {
        let t = Instant::now();
        let mut total = 0;
        for f in &files {
            total += std::fs::read(f)?.len();
        }
        std::hint::black_box(total);
        Ok(t.elapsed())
    };
    read_all()?;
    let baseline = median(
        (0..runs.max(5))
            .map(|_| read_all())
            .collect::<Result<_>>()?,
    );

    // check
    let mut checks = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let checked = check_site(&root, today).map_err(|d| d.message.to_string())?;
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
    let check = median(checks);

    // Full build, by stage, each into a folder of its own; the folders go with `dir`.
    // (Deleting a build's thousands of files just before the next one creates as many makes
    // ext4 without a journal, as on these machines, skip each recently freed inode in turn:
    // that would time the file system, not the build.)
    let mut builds = Vec::new();
    let (mut out, mut index) = (PathBuf::new(), PathBuf::new());
    for run in 0..runs {
        out = dir.path().join(format!("public-{run}"));
        index = dir.path().join(format!("index-{run}"));
        builds.push(build_once(&root, &out, &index, |_| {})?);
    }
    let stage = |f: fn(&Stages) -> Duration| median(builds.iter().map(f).collect());
    let load = stage(|s| s.load);
    let validate_t = stage(|s| s.validate);
    let units_t = stage(|s| s.timings.search_units);
    let static_t = stage(|s| s.timings.static_index);
    let tantivy_t = stage(|s| s.timings.tantivy);
    let render = stage(|s| s.timings.render);
    let waiting = stage(|s| s.timings.waiting_for_tantivy);
    let write = stage(|s| s.timings.write);
    let build = stage(Stages::total);
    let output_files = builds.last().map_or(0, |s| s.files);

    // No-change rebuild: the same build again over the site it wrote.
    let mut rebuilds = Vec::new();
    for _ in 0..runs {
        rebuilds.push(build_once(&root, &out, &index, |_| {})?);
    }
    let rebuild = median(rebuilds.iter().map(Stages::total).collect());
    let rebuild_write = median(rebuilds.iter().map(|s| s.timings.write).collect());
    let unchanged = rebuilds.last().map_or(0, |s| s.unchanged);

    // `retning build` through the build cache, in processes of their own.
    let cached = support::cached_build::measure(
        &root,
        &dir.path().join("cached-public"),
        files.first().ok_or("the corpus has no guideline")?,
        TODAY,
        runs,
    )?;

    let output_bytes = dir_size(&out)?;
    let largest = Largest::of(&out)?;

    // One guideline saved, as the preview server handles it.
    let (one, one_p90) = bench_one_guideline(&root, runs.max(5) * 6)?;

    // Search.
    let queries = queries(200);
    let (open, p50, p99, empty) = bench_tantivy(&index, &queries)?;
    let site = Site::load(&root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(&root)?;
    let static_files =
        search::build(&site, false, theme.text("recommendation"), None)?.static_files;
    drop(site);
    let downloads = static_downloads(&static_files, &queries)?;
    // Typos: two-word queries with a misspelt word (FORMAT.md, "Typos").
    let typos = typo_queries(100);
    let (_, typo_p50, typo_p99, typo_empty) = bench_tantivy(&index, &typos)?;
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
    let index_bytes: usize = static_files.files.values().map(Vec::len).sum();

    // Peak memory: a full build in a fresh process, a few times.
    let mut children = Vec::new();
    for run in 0..runs.clamp(1, 3) {
        children.push(peak_memory(&root, dir.path(), run)?);
    }
    let kib_median = |figure: fn(&Child) -> u64| {
        percentile(&children.iter().map(figure).collect::<Vec<_>>(), 50.0).unwrap_or(0)
    };
    let hwm = kib_median(|c| c.hwm_kib);
    let resident = [
        kib_median(|c| c.checked_kib),
        kib_median(|c| c.indexed_kib),
        kib_median(|c| c.rendered_kib),
    ];
    let child_wall = median(children.iter().map(|c| c.wall).collect());

    println!(
        "  {:<34} {:>13} {:>15}",
        "stage (median)", "time", "vs read"
    );
    row("read the corpus files (baseline)", baseline, baseline, "");
    row("check (load+parse+validate)", check, baseline, "");
    row(
        "build: load + parse",
        load,
        baseline,
        &format!("{:.2} ms/guideline", ms(load) / n as f64),
    );
    row("build: validate", validate_t, baseline, "");
    row("build: search units (analyzed)", units_t, baseline, "");
    row("build: static index", static_t, baseline, "");
    row(
        "build: render",
        render,
        baseline,
        "guideline pages written too",
    );
    row(
        "build: tantivy (beside the two above)",
        tantivy_t,
        baseline,
        "own thread",
    );
    row("build: waiting for tantivy", waiting, baseline, "");
    row(
        "build: write (the rest)",
        write,
        baseline,
        &format!(
            "{output_files} files, {:.1} MB in all",
            output_bytes as f64 / 1e6
        ),
    );
    println!(
        "  largest output files: HTML {:.1} KB ({}), JSON {:.1} KB ({}); limits 300 KB and 2,048 KB",
        largest.html.0 as f64 / 1024.0,
        largest.html.1,
        largest.json.0 as f64 / 1024.0,
        largest.json.1
    );
    row(
        "build: total",
        build,
        baseline,
        &format!("{:.2} ms/guideline", ms(build) / n as f64),
    );
    row(
        "build in a fresh process",
        child_wall,
        baseline,
        &format!(
            "peak RSS {:.0} MiB (checked {:.0}, indexed {:.0}, rendered {:.0})",
            hwm as f64 / 1024.0,
            resident[0] as f64 / 1024.0,
            resident[1] as f64 / 1024.0,
            resident[2] as f64 / 1024.0,
        ),
    );
    row(
        "no-change rebuild: total",
        rebuild,
        baseline,
        &format!("{unchanged} files unchanged"),
    );
    row("no-change rebuild: write", rebuild_write, baseline, "");
    row(
        "one guideline saved (serve)",
        one,
        baseline,
        &format!("p90 {:.1} ms", ms(one_p90)),
    );
    let vs_fresh = |d: Duration| {
        format!(
            "{:.2}x a fresh build",
            d.as_secs_f64() / cached.fresh.as_secs_f64()
        )
    };
    row(
        "retning build --no-cache (process)",
        cached.fresh,
        baseline,
        "",
    );
    row(
        "retning build, nothing changed",
        cached.nothing_changed,
        baseline,
        &vs_fresh(cached.nothing_changed),
    );
    row(
        "retning build, one guideline changed",
        cached.one_changed,
        baseline,
        &vs_fresh(cached.one_changed),
    );
    println!(
        "  tantivy: open {:.1} ms; {} queries: p50 {:.0} µs, p99 {:.0} µs ({} with no hit)",
        ms(open),
        queries.len(),
        us(p50),
        us(p99),
        empty
    );
    println!(
        "  static index: {} files, {:.1} MB; bytes a browser downloads per query (meta + chunks + top-10 fragments):",
        static_files.files.len(),
        index_bytes as f64 / 1e6
    );
    print_downloads("", &downloads);

    println!(
        "  typos: {} two-word queries with a misspelt word, {typo_corrected} corrected, {typo_empty} with no hit; tantivy p50 {:.0} µs, p99 {:.0} µs; typo side table {typo_files} files, {:.1} MB",
        typos.len(),
        us(typo_p50),
        us(typo_p99),
        typo_bytes as f64 / 1e6
    );
    print_downloads("typo ", &typo_downloads);

    let figures = vec![
        ("read the corpus files", baseline),
        ("check", check),
        ("build: load + parse", load),
        ("build: validate", validate_t),
        ("build: search units", units_t),
        ("build: static index", static_t),
        ("build: render", render),
        ("build: tantivy (own thread)", tantivy_t),
        ("build: write", write),
        ("build: total", build),
        ("no-change rebuild", rebuild),
    ];
    let json = json!({
        "guidelines": n,
        "words": corpus_words,
        "corpus_bytes": bytes,
        "output_files": output_files,
        "output_bytes": output_bytes,
        "largest_html": {"bytes": largest.html.0, "path": largest.html.1},
        "largest_json": {"bytes": largest.json.0, "path": largest.json.1},
        "ms": figures.iter().map(|(k, v)| (k.to_string(), ms(*v))).collect::<BTreeMap<_, _>>(),
        "fresh_process_build_ms": ms(child_wall),
        "peak_rss_mib": hwm as f64 / 1024.0,
        "resident_mib": {
            "checked": resident[0] as f64 / 1024.0,
            "indexed": resident[1] as f64 / 1024.0,
            "rendered": resident[2] as f64 / 1024.0,
        },
        "one_guideline_ms": {"p50": ms(one), "p90": ms(one_p90)},
        "cached_build_ms": {
            "fresh": ms(cached.fresh),
            "nothing_changed": ms(cached.nothing_changed),
            "one_changed": ms(cached.one_changed),
        },
        "tantivy": {"open_ms": ms(open), "p50_us": us(p50), "p99_us": us(p99), "queries": queries.len(), "no_hit": empty},
        "typos": {
            "queries": typos.len(), "corrected": typo_corrected, "no_hit": typo_empty,
            "tantivy_p50_us": us(typo_p50), "tantivy_p99_us": us(typo_p99),
            "side_table_files": typo_files, "side_table_bytes": typo_bytes,
            "downloads": typo_downloads.iter().map(|d| json!({
                "words": d.words, "queries": d.count,
                "raw_p50": d.raw_p50, "gzip_p50": d.gz_p50, "raw_p90": d.raw_p90, "gzip_p90": d.gz_p90,
            })).collect::<Vec<_>>(),
        },
        "static_index": {
            "files": static_files.files.len(),
            "bytes": index_bytes,
            "downloads": downloads.iter().map(|d| json!({
                "words": d.words, "queries": d.count,
                "raw_p50": d.raw_p50, "gzip_p50": d.gz_p50, "raw_p90": d.raw_p90, "gzip_p90": d.gz_p90,
            })).collect::<Vec<_>>(),
        },
    });
    std::io::stdout().flush()?;
    Ok(SizeResult { n, figures, json })
}

fn print_scaling(results: &[SizeResult]) {
    let (Some(small), Some(large)) = (results.first(), results.last()) else {
        return;
    };
    println!(
        "\n== growth from {} to {} guidelines (time per guideline, large ÷ small; 1.00 is linear) ==",
        small.n, large.n
    );
    for ((name, a), (_, b)) in small.figures.iter().zip(&large.figures) {
        let per_a = a.as_secs_f64() / small.n as f64;
        let per_b = b.as_secs_f64() / large.n as f64;
        println!(
            "  {name:<34} {:>8.1} ms → {:>8.1} ms   {:.2}",
            ms(*a),
            ms(*b),
            per_b / per_a.max(1e-12)
        );
    }
}

fn guideline_files(root: &Path) -> Result<Vec<PathBuf>> {
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
struct Largest {
    html: (u64, String),
    json: (u64, String),
}

impl Largest {
    fn of(site: &Path) -> Result<Self> {
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

fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}

/// What a build in a fresh process measured: its wall time, its peak resident memory and
/// what was resident after the check, after both indexes were made and after the render.
struct Child {
    wall: Duration,
    hwm_kib: u64,
    checked_kib: u64,
    indexed_kib: u64,
    rendered_kib: u64,
}

/// A full build in a child process, into folders of its own (`run` numbers them).
fn peak_memory(root: &Path, scratch: &Path, run: usize) -> Result<Child> {
    let out = scratch.join(format!("child-public-{run}"));
    let index = scratch.join(format!("child-index-{run}"));
    let output = Command::new(std::env::current_exe()?)
        .arg("--child-build")
        .arg(root)
        .arg(&out)
        .arg(&index)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "the child build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("CHILD "))
        .ok_or("the child printed no figures")?;
    let field = |name: &str| -> Option<u64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name))
            .and_then(|v| v.parse().ok())
    };
    Ok(Child {
        wall: Duration::from_millis(field("wall_ms=").ok_or("no wall")?),
        hwm_kib: field("vmhwm_kib=").ok_or("no vmhwm")?,
        checked_kib: field("checked_kib=").ok_or("no checked")?,
        indexed_kib: field("indexed_kib=").ok_or("no indexed")?,
        rendered_kib: field("rendered_kib=").ok_or("no rendered")?,
    })
}

// ---------------------------------------------------------------------------------------
// One guideline saved: re-read and re-parse the file, validate it against the site, and
// render its page (what the preview server does on a save).

fn bench_one_guideline(root: &Path, iterations: usize) -> Result<(Duration, Duration)> {
    let today = today()?;
    let mut site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    let options = RenderOptions {
        drafts: false,
        today,
    };
    let search = search::build(&site, false, theme.text("recommendation"), None)?;
    let tree = render_site(&site, &theme, options, Some(search.static_files.clone()))?;
    let context = page_context(&site, &theme, &tree, &search.static_files);
    let i = site.guidelines.len() / 2;
    let path = site.guidelines[i].source.path.clone();
    let (group, slug) = (
        site.guidelines[i].group.clone(),
        site.guidelines[i].slug.clone(),
    );
    let original = std::fs::read_to_string(&path)?;
    let edited = original.replacen(
        "### Rationale\n\n",
        "### Rationale\n\nEn ny sætning om strålebehandlingsforløbet, skrevet under redigeringen. ",
        1,
    );
    let mut times = Vec::with_capacity(iterations);
    for k in 0..iterations {
        std::fs::write(&path, if k % 2 == 0 { &edited } else { &original })?;
        let t = Instant::now();
        let shown = display_path(root, &path);
        let source = SourceFile::read(&path, shown)?;
        let parsed = parse_guideline(Arc::new(source), &group, &slug);
        let guideline = parsed
            .guideline
            .ok_or("the edited guideline did not parse")?;
        site.guidelines[i] = guideline;
        let findings = validate_guideline(&site, &site.guidelines[i], today);
        let view = guideline_view::build(&site, &site.guidelines[i], &theme, today);
        let mut page = context.clone();
        page.insert("g", &view);
        let html = theme.tera.render("guideline.html", &page)?;
        times.push(t.elapsed());
        std::hint::black_box((findings, html));
    }
    std::fs::write(&path, &original)?;
    let p90 = percentile(&times, 90.0).unwrap_or_default();
    Ok((median(times), p90))
}

/// What every page's template gets (`site`, `t`, `assets`), as `render_site` builds it.
fn page_context(
    site: &Site,
    theme: &Theme,
    tree: &OutputTree,
    search: &StaticFiles,
) -> tera::Context {
    let root = site.config.root_path();
    let asset = |prefix: &str, ext: &str| {
        tree.files
            .keys()
            .find(|p| p.starts_with(&format!("assets/{prefix}.")) && p.ends_with(ext))
            .map(|p| format!("{root}{p}"))
            .unwrap_or_default()
    };
    let value = json!({
        "site": {
            "title": site.config.title,
            "language": site.config.language,
            "root": root,
            "base_url": site.config.base_url_trimmed(),
        },
        "t": theme.strings,
        "assets": {
            "css": asset("retning", ".css"),
            "js": asset("retning", ".js"),
            "search_js": asset("search", ".js"),
            "favicon": asset("favicon", ".svg"),
            "search_meta": format!("{root}search/{}", search.meta),
        },
    });
    tera::Context::from_value(value).unwrap_or_default()
}

/// One line per query length: what a browser downloads (`label` names the kind of query).
fn print_downloads(label: &str, downloads: &[support::search_bench::Downloads]) {
    for d in downloads {
        println!(
            "    {label}{}-word queries ({}): median {:.1} kB raw / {:.1} kB gzip, p90 {:.1} kB raw / {:.1} kB gzip",
            d.words,
            d.count,
            d.raw_p50 as f64 / 1e3,
            d.gz_p50 as f64 / 1e3,
            d.raw_p90 as f64 / 1e3,
            d.gz_p90 as f64 / 1e3
        );
    }
}
