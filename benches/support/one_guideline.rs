//! One guideline saved: re-read and re-parse the file, validate it against the site, and
//! render its page (what the preview server does on a save).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use retning::parse::parse_guideline;
use retning::render::{OutputTree, RenderOptions, Theme, guideline_view, render_site};
use retning::search;
use retning::site::Site;
use retning::source::{SourceFile, display_path};
use retning::validate::validate_guideline;
use search_index::static_index::StaticFiles;

use super::stats::{median, percentile};
use super::{Result, today};

pub fn bench_one_guideline(root: &Path, iterations: usize) -> Result<(Duration, Duration)> {
    let today = today()?;
    let mut site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let theme = Theme::load(root)?;
    let options = RenderOptions {
        drafts: false,
        today,
    };
    let search = search::build(&site, false, &search::SearchLabels::of(&theme), None)?;
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
pub fn page_context(
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
