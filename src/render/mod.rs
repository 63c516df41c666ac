//! The site as files: every page rendered with the theme into an in-memory `OutputTree`.
//! Guideline pages render in parallel; nothing here touches the disk.

mod api;
pub(crate) mod archive;
mod archive_cache;
mod archive_pages;
mod changes_view;
mod context;
mod error;
mod escape;
mod feeds;
mod guideline_pages;
pub mod guideline_view;
mod incremental;
mod inputs;
pub mod markdown;
mod news;
pub(crate) mod offline;
mod own_pages;
mod page_plan;
mod paging;
pub(crate) mod partials;
mod pathway_view;
mod site_pages;
mod stencil;
pub(crate) mod strength_text;
mod summaries;
pub(crate) mod theme;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;

use search_index::static_index::StaticFiles;

use rayon::prelude::*;

use crate::model::Guideline;
use crate::site::Site;
use crate::summary::GuidelineSummary;

pub use archive::Archive;
pub(crate) use archive::HistoryPages;
pub use error::RenderError;
pub(crate) use guideline_pages::mdt_path;
pub(crate) use incremental::{PageRenderer, RenderedFile, guideline_paths};
pub(crate) use own_pages::{OwnFiles, OwnPages};
pub(crate) use summaries::summary;
pub use theme::Theme;

use context::{base_context, part_error, render, render_sized, write_assets};
pub(crate) use guideline_pages::{FileSet, Made, Model, Models};
use guideline_pages::{guideline_pages, insert_history, streamed_guideline_pages};
use inputs::RenderInputs;
use site_pages::site_wide_pages;

/// Where the static search index lives in the site.
pub(crate) const SEARCH_DIR: &str = "search";

/// Path (relative to the output folder, `/`-separated) → bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputTree {
    /// Each file's path in the site and its bytes, in path order.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl OutputTree {
    pub(crate) fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub(crate) fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub(crate) fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// What a build is asked for beyond the site and the theme.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Drafts are published too (with a banner), as `--drafts` and `serve` ask.
    pub drafts: bool,
    /// The date the build is made on: revision status and days left count from it.
    pub today: Date,
}

/// The static search index's files as a build writes them under [`SEARCH_DIR`]: the meta
/// file's name, and every file's name (the meta file's too) with its size.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchListing {
    pub(crate) meta: String,
    pub(crate) files: Vec<(String, usize)>,
}

/// The static search index as a render sees it: the meta file every page links (its name is
/// stable), and the listing of its files, which only the offline lists read, at the end of the
/// render. A build encodes the index while it renders, so the listing may still be coming:
/// `listing` waits for it.
pub(crate) struct SearchFiles<'a> {
    pub(crate) meta: &'a str,
    pub(crate) listing: &'a (dyn Fn() -> Result<SearchListing, RenderError> + Sync),
}

impl SearchListing {
    pub(crate) fn of(files: &StaticFiles) -> Self {
        Self {
            meta: files.meta.clone(),
            files: files
                .files
                .iter()
                .map(|(name, bytes)| (name.clone(), bytes.len()))
                .collect(),
        }
    }
}

/// Renders every page; `search` (the static search index) goes under `search/`, moved
/// rather than copied (it is a quarter of the site's bytes).
pub fn render_site(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<StaticFiles>,
) -> Result<OutputTree, RenderError> {
    render_site_with(site, theme, options, search, &Archive::default())
}

/// [`render_site`] with `archive`'s earlier versions: their pages, and the list of them on
/// each current page (the preview, with history).
pub(crate) fn render_site_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<StaticFiles>,
    archive: &Archive,
) -> Result<OutputTree, RenderError> {
    let listing = search.as_ref().map(SearchListing::of);
    let search_files = search.map(|s| s.files).unwrap_or_default();
    let listed = || Ok(listing.clone().unwrap_or_default());
    let search = listing.as_ref().map(|listing| SearchFiles {
        meta: &listing.meta,
        listing: &listed,
    });
    let (mut out, pages) = render_with(
        site,
        theme,
        options,
        search.as_ref(),
        archive,
        Source::Site,
        |path, html| Ok((path, html)),
    )?;
    // A site-wide file wins over a search file, and both over a guideline page at the same
    // path, as in a build, where the site-wide files are written last.
    for (name, bytes) in search_files {
        out.files
            .entry(format!("{SEARCH_DIR}/{name}"))
            .or_insert(bytes);
    }
    for (path, html) in pages {
        out.files.entry(path).or_insert(html);
    }
    Ok(out)
}

/// [`render_site`], but each guideline page goes to `page` (its path and HTML) as soon as it
/// is rendered, on the rendering thread, and not into the tree: a build writes the pages
/// while it renders them, and never holds them all. `search` is the static search index,
/// whose files the caller writes under [`SEARCH_DIR`]; `archive`'s earlier
/// versions are rendered as pages too. Returns the other files and the number of guideline
/// pages (the archived ones among them).
pub(crate) fn render_site_streaming(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<&SearchFiles>,
    archive: &Archive,
    page: impl Fn(String, Vec<u8>) -> Result<(), RenderError> + Sync,
) -> Result<(OutputTree, usize), RenderError> {
    let (out, pages) = render_with(site, theme, options, search, archive, Source::Site, page)?;
    Ok((out, pages.len()))
}

/// [`render_site_streaming`] without the guidelines' models in memory at once: `summaries`
/// (of the guidelines to publish, in the site's order) make the pages that list guidelines,
/// and each guideline's pages are made from the model `model` makes of it when its turn
/// comes, dropped once they are. `site` gives the configuration and the assets (its
/// guidelines are not read). `listed` is which earlier versions each guideline has
/// ([`Archive::listed`]; empty without history), for the pages about the whole site; each
/// guideline's own come with its model ([`Models::archive`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn render_site_from_summaries(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<&SearchFiles>,
    summaries: &[GuidelineSummary],
    listed: &Archive,
    model: &Model,
    page: impl Fn(String, Vec<u8>) -> Result<(), RenderError> + Sync,
) -> Result<(OutputTree, usize), RenderError> {
    let source = Source::Streamed { summaries, model };
    let (out, pages) = render_with(site, theme, options, search, listed, source, page)?;
    Ok((out, pages.len()))
}

/// Where a render's guidelines come from.
#[derive(Clone, Copy)]
enum Source<'a> {
    /// The site's models, all loaded.
    Site,
    /// Summaries for the listing pages, and a model made for each guideline's own pages.
    Streamed {
        summaries: &'a [GuidelineSummary],
        model: &'a Model<'a>,
    },
}

/// Renders the site; each guideline page goes through `page`, and what it returns is
/// collected beside the tree of the other files.
fn render_with<T: Send + Default>(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<&SearchFiles>,
    archive: &Archive,
    source: Source,
    page: impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync,
) -> Result<(OutputTree, Vec<T>), RenderError> {
    let root = site.config.root_path();
    let mut out = OutputTree::default();
    let (assets, icons) = page_assets(theme, &root, options, search.map(|s| s.meta), &mut out)?;
    let base = base_context(site, theme, &root, &assets)?;
    let (guidelines, summaries) = models_and_summaries(site, options.drafts, source);
    // Each page's size, for the offline lists, beside what `page` makes of it.
    let page = |path: String, html: Vec<u8>| {
        let size = html.len();
        page(path.clone(), html).map(|made| MadePage { made, path, size })
    };
    let inputs = RenderInputs {
        site,
        theme,
        options,
        guidelines: &guidelines,
        summaries: &summaries,
        base: &base,
        archive,
    };
    let reusable = match source {
        Source::Streamed { model, .. } => model.last_made(FileSet::SiteWide),
        Source::Site => None,
    };
    // The last build's icons, when it made them as this one would.
    let kept_icons = match (&icons, source) {
        (Some(icons), Source::Streamed { model, .. }) => model
            .last_made(FileSet::Icons)
            .filter(|files| icons.are_at(files)),
        _ => None,
    };
    let to_render = icons.as_ref().filter(|_| kept_icons.is_none());
    let Rendered {
        pages,
        guideline_files,
        site_wide,
        pngs,
    } = render_in_parallel(&inputs, source, &page, to_render, reusable.is_none())?;
    if let (Some(icons), Source::Streamed { model, .. }) = (&icons, source) {
        let taken = taken_paths(&out, &guideline_files, &pages);
        let pngs = link_or_render_icons(model, icons, kept_icons, pngs, &taken)?;
        out.files.extend(pngs);
    } else {
        out.files.extend(pngs);
    }
    let (site_wide, reused) = match (reusable, source) {
        (Some(files), Source::Streamed { model, .. }) => {
            reuse_site_wide(&inputs, model, files, &out, &guideline_files, &pages)?
        }
        _ => (site_wide, Vec::new()),
    };
    // A site-wide file (an alias's redirect) at a guideline page's path wins, as it always has.
    out.files.extend(site_wide.files);
    out.files.extend(guideline_files);
    if let Some(icons) = &icons {
        let shown = Shown {
            assets: &assets,
            search,
            pages: &pages,
            reused: &reused,
        };
        write_offline(&inputs, icons, &shown, &mut out)?;
    }
    // The figures of earlier versions that differ from today's, in their versions' folders.
    for guideline in &guidelines {
        out.files.extend(archive.files_of(guideline));
    }
    Ok((out, pages.into_iter().map(|page| page.made).collect()))
}

/// The models a render makes pages of and the summaries its listing pages read: a whole
/// site's (its published guidelines, summarised here), or a streamed build's summaries
/// (its models come one by one, through [`Model`]).
fn models_and_summaries<'a>(
    site: &'a Site,
    drafts: bool,
    source: Source<'a>,
) -> (Vec<&'a Guideline>, Cow<'a, [GuidelineSummary]>) {
    match source {
        Source::Site => {
            let guidelines: Vec<&Guideline> = site.published(drafts).collect();
            let made = guidelines
                .par_iter()
                .map(|g| GuidelineSummary::of(g))
                .collect();
            (guidelines, Cow::Owned(made))
        }
        Source::Streamed { summaries, .. } => (Vec::new(), Cow::Borrowed(summaries)),
    }
}

/// The theme's asset files (put in `out`) and the URLs every page links: theirs, the search
/// meta file's (`search_meta`, its name) and, for published builds (never the preview's
/// drafts), the installable app's, whose icons are returned to be rendered.
fn page_assets(
    theme: &Theme,
    root: &str,
    options: RenderOptions,
    search_meta: Option<&str>,
    out: &mut OutputTree,
) -> Result<(context::Assets, Option<offline::Icons>), RenderError> {
    let mut assets = write_assets(theme, root, out);
    assets.search_meta = search_meta.map(|meta| format!("{root}{SEARCH_DIR}/{meta}"));
    let icons = if options.drafts {
        None
    } else {
        let icons = offline::Icons::of(&theme.favicon)
            .map_err(|err| part_error("render-part-app-icons", &err))?;
        assets.app = Some(icons.urls(root));
        Some(icons)
    };
    Ok((assets, icons))
}

/// The pages about the whole site the last build rendered, linked from the site in place
/// (`model` vouches for them), unless one of this render's files or guideline pages has a
/// path of theirs: then they are rendered, so that the same file wins as when they are.
/// Returns the rendered tree (empty when linked) and the linked files' paths and sizes.
fn reuse_site_wide<T>(
    inputs: &RenderInputs,
    model: &Model,
    files: Vec<(String, usize)>,
    out: &OutputTree,
    guideline_files: &[RenderedFile],
    pages: &[MadePage<T>],
) -> Result<(OutputTree, Vec<(String, usize)>), RenderError> {
    let taken = taken_paths(out, guideline_files, pages);
    if files.iter().any(|(path, _)| taken.contains(path.as_str())) {
        let site_wide = site_wide_pages(inputs)?;
        model.made(FileSet::SiteWide, &sizes_of(&site_wide));
        return Ok((site_wide, Vec::new()));
    }
    model.reuse_made(FileSet::SiteWide, &files)?;
    Ok((OutputTree::default(), files))
}

/// The paths of the files in `out`, of the guideline files and of the guideline pages.
fn taken_paths<'a, T>(
    out: &'a OutputTree,
    guideline_files: &'a [RenderedFile],
    pages: &'a [MadePage<T>],
) -> HashSet<&'a str> {
    out.files
        .keys()
        .map(String::as_str)
        .chain(guideline_files.iter().map(|(path, _)| path.as_str()))
        .chain(pages.iter().map(|page| page.path.as_str()))
        .collect()
}

/// The app icons' PNGs for the tree: none when the last build's, `kept`, are linked from the
/// site in place (`model` vouches for them), else `rendered` (rendered here when they were
/// to be kept but one of this render's files, in `taken`, has a path of theirs: the same
/// file then wins as when they are rendered). What was made is recorded for the next build.
fn link_or_render_icons(
    model: &Model,
    icons: &offline::Icons,
    kept: Option<Vec<(String, usize)>>,
    rendered: Vec<(String, Vec<u8>)>,
    taken: &HashSet<&str>,
) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
    let rendered = match kept {
        Some(files) if !files.iter().any(|(path, _)| taken.contains(path.as_str())) => {
            model.reuse_made(FileSet::Icons, &files)?;
            return Ok(Vec::new());
        }
        Some(_) => icons
            .render()
            .map_err(|err| part_error("render-part-app-icons", &err))?,
        None => rendered,
    };
    let sizes: Vec<(String, usize)> = rendered
        .iter()
        .map(|(path, png)| (path.clone(), png.len()))
        .collect();
    model.made(FileSet::Icons, &sizes);
    Ok(rendered)
}

/// Each file's path and size.
fn sizes_of(tree: &OutputTree) -> Vec<(String, usize)> {
    tree.files
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.len()))
        .collect()
}

/// What `render_with`'s `page` made of a guideline page, with the page's path and size (the
/// offline lists give each page's size).
struct MadePage<T> {
    made: T,
    path: String,
    size: usize,
}

/// What [`render_in_parallel`] renders.
struct Rendered<T> {
    /// The guideline pages, current and earlier versions.
    pages: Vec<MadePage<T>>,
    /// Each streamed guideline's site-wide files (its feed, API file, files and alias
    /// redirects); a full render has them in `site_wide`.
    guideline_files: Vec<RenderedFile>,
    site_wide: OutputTree,
    /// The app icons' PNGs by site path (none in the preview).
    pngs: Vec<(String, Vec<u8>)>,
}

/// The guideline pages, the site-wide pages and the app icons' PNGs (none without
/// `icons`). The site-wide pages render beside the guideline
/// pages: one of them, the list of every recommendation, is a long serial render that would
/// otherwise leave a core idle.
fn render_in_parallel<T: Send + Default>(
    inputs: &RenderInputs,
    source: Source,
    page: &(impl Fn(String, Vec<u8>) -> Result<MadePage<T>, RenderError> + Sync),
    icons: Option<&offline::Icons>,
    with_site_wide: bool,
) -> Result<Rendered<T>, RenderError> {
    let (pages, (site_wide, pngs)) = rayon::join(
        || match source {
            Source::Site => {
                let mut pages = guideline_pages(inputs, page)?;
                pages.extend(archive_pages::render_all(inputs, page)?);
                Ok((pages, Vec::new()))
            }
            Source::Streamed { model, .. } => streamed_guideline_pages(inputs, model, page),
        },
        || {
            let site_wide = if with_site_wide {
                let site_wide = site_wide_pages(inputs);
                if let (Ok(site_wide), Source::Streamed { model, .. }) = (&site_wide, source) {
                    model.made(FileSet::SiteWide, &sizes_of(site_wide));
                }
                site_wide
            } else {
                Ok(OutputTree::default())
            };
            let pngs = icons.map(offline::Icons::render).transpose();
            (site_wide, pngs)
        },
    );
    let (pages, guideline_files): (Vec<MadePage<T>>, Vec<RenderedFile>) = pages?;
    let site_wide = site_wide?;
    let pngs = pngs.map_err(|err| part_error("render-part-app-icons", &err))?;
    Ok(Rendered {
        pages,
        guideline_files,
        site_wide,
        pngs: pngs.unwrap_or_default(),
    })
}

/// What the offline lists list beside the files in the tree.
struct Shown<'a, T> {
    assets: &'a context::Assets,
    search: Option<&'a SearchFiles<'a>>,
    /// The guideline pages.
    pages: &'a [MadePage<T>],
    /// The pages about the whole site linked from the site in place, not in the tree.
    reused: &'a [(String, usize)],
}

/// The installable app's manifest, service worker and offline lists, from the sizes of the
/// files in `out`, of the guideline pages and of the reused pages about the site.
fn write_offline<T>(
    inputs: &RenderInputs,
    icons: &offline::Icons,
    shown: &Shown<T>,
    out: &mut OutputTree,
) -> Result<(), RenderError> {
    let Shown {
        assets,
        search,
        pages,
        reused,
    } = *shown;
    let sizes: HashMap<String, usize> = pages
        .iter()
        .filter_map(|page| Some((page.path.strip_suffix("index.html")?.to_owned(), page.size)))
        .collect();
    let asset_sizes = assets
        .files
        .iter()
        .map(|path| (path.clone(), out.get(path).map_or(0, <[u8]>::len)))
        .collect();
    // Last, as late as can be: the build may still be writing the static index.
    let search_files = match search {
        Some(search) => offline::search_paths((search.listing)()?.files),
        None => Vec::new(),
    };
    let input = offline::AppInput {
        site: inputs.site,
        theme: inputs.theme,
        guidelines: inputs.summaries,
        today: inputs.options.today,
        icons,
        assets: asset_sizes,
        search: &search_files,
        pages: &sizes,
        site_pages: &reused.iter().cloned().collect(),
    };
    offline::write(&input, out).map_err(|err| part_error("render-part-offline-lists", &err))
}
