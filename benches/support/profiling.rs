//! Commands for profiling one part of the pipeline: `hot` runs a part in a loop, `parts`
//! times the search-index and render stages split into their parts, `downloads` measures
//! what a browser downloads from a site's static index.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use search_index::Engine;
use search_index::static_index::{META, StaticFiles};

use retning::parse::parse_guideline;
use retning::render::{RenderOptions, Theme, guideline_view, render_site};
use retning::search::{self, SearchLabels};
use retning::site::Site;
use retning::source::SourceFile;
use retning::validate::validate;

use super::one_guideline::page_context;
use super::search_bench::{
    corrected_count, print_downloads, queries, static_downloads, typo_queries,
};
use super::stats::{median, ms};
use super::{Result, today};

/// `hot parse|views|render|encode ROOT N`: one part in a loop, to run under a profiler.
pub fn hot(args: &[String]) -> Result<()> {
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
            let (docs, ranges) = search::ordered_units(&site, false, &SearchLabels::of(&theme));
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

/// `downloads ROOT`: what a browser downloads for the benchmark's queries, plain and with a
/// typo, on the site at ROOT (its own `synonyms.toml` included): the static index alone,
/// without the rest of the benchmark, so two synonym lists or two versions compare quickly.
/// ROOT may also be a built site (it has `search/meta.json`): its index as another version
/// of retning wrote it.
pub fn downloads(args: &[String]) -> Result<()> {
    let root = Path::new(args.first().ok_or("downloads ROOT")?);
    let static_files = if root.join("search").join(META).is_file() {
        built_index(&root.join("search"))?
    } else {
        let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
        let theme = Theme::load(root)?;
        let units = search::SearchUnits::of(&site, false, &SearchLabels::of(&theme))?;
        units.static_files()
    };
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

/// The static index files a build wrote in `folder`.
fn built_index(folder: &Path) -> Result<StaticFiles> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        if let Some(name) = entry.file_name().to_str() {
            files.insert(name.to_owned(), std::fs::read(entry.path())?);
        }
    }
    Ok(StaticFiles {
        files,
        meta: META.to_owned(),
    })
}

/// `parts ROOT [RUNS]`: the search-index and render stages split into their parts, for
/// profiling (medians).
pub fn parts(args: &[String]) -> Result<()> {
    let root = Path::new(args.first().ok_or("parts ROOT [RUNS]")?);
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let today = today()?;
    let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    let labels = SearchLabels::of(&theme);
    let mut times: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut time =
        |name: &'static str, t: Instant| times.entry(name).or_default().push(t.elapsed());
    let sources: Vec<(Arc<SourceFile>, String, String)> = site
        .guidelines
        .iter()
        .map(|g| (Arc::clone(&g.source), g.group.clone(), g.slug.clone()))
        .collect();
    for _ in 0..runs {
        let files = time_parse_and_index(&site, &sources, today, &labels, &mut time)?;
        time_render_and_write(root, &site, &theme, today, &files, &mut time)?;
    }
    for (name, values) in times {
        println!("{name:<44} {:>9.1} ms", ms(median(values)));
    }
    Ok(())
}

/// One run of `parts`' parse, validate and search-index parts; the static index's files
/// for the render.
fn time_parse_and_index(
    site: &Site,
    sources: &[(Arc<SourceFile>, String, String)],
    today: Date,
    labels: &SearchLabels,
    time: &mut impl FnMut(&'static str, Instant),
) -> Result<StaticFiles> {
    let t = Instant::now();
    for (source, _, _) in sources {
        let parser =
            pulldown_cmark::Parser::new_ext(&source.text, retning::parse::markdown_options());
        std::hint::black_box(parser.into_offset_iter().count());
    }
    time("parse 0: bare pulldown-cmark pass (1 thread)", t);
    let t = Instant::now();
    for (source, group, slug) in sources {
        std::hint::black_box(parse_guideline(Arc::clone(source), group, slug));
    }
    time("parse 1: parse_guideline (1 thread)", t);
    let t = Instant::now();
    for (source, _, _) in sources {
        let mut html = String::new();
        let parser =
            pulldown_cmark::Parser::new_ext(&source.text, retning::parse::markdown_options());
        pulldown_cmark::html::push_html(&mut html, parser);
        std::hint::black_box(html);
    }
    time("render 0: bare pulldown-cmark to HTML (1 thread)", t);
    let t = Instant::now();
    std::hint::black_box(validate(site, today));
    time("validate", t);
    let t = Instant::now();
    let (docs, ranges) = search::ordered_units(site, false, labels);
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
    Ok(files)
}

/// One run of `parts`' render parts and the atomic write into a fresh folder.
fn time_render_and_write(
    root: &Path,
    site: &Site,
    theme: &Theme,
    today: Date,
    files: &StaticFiles,
    time: &mut impl FnMut(&'static str, Instant),
) -> Result<()> {
    let t = Instant::now();
    let views: Vec<_> = site
        .guidelines
        .iter()
        .map(|g| guideline_view::build(site, g, theme, today))
        .collect();
    time("render 1: guideline views (1 thread)", t);
    let t = Instant::now();
    let tree = render_site(
        site,
        theme,
        RenderOptions {
            drafts: false,
            today,
        },
        Some(files.clone()),
    )?;
    time("render 2: render_site (all)", t);
    let context = page_context(site, theme, &tree, files);
    let t = Instant::now();
    for view in &views {
        let mut page = context.clone();
        page.insert("g", view);
        std::hint::black_box(theme.tera.render("guideline.html", &page)?);
    }
    time("render 3: tera guideline pages (1 thread)", t);

    let scratch = tempfile::tempdir_in(root.parent().unwrap_or(root))?;
    let t = Instant::now();
    for (path, bytes) in &tree.files {
        let path = scratch.path().join(path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(path, bytes)?;
    }
    time("write: every file, one thread, fresh folder", t);
    Ok(())
}
