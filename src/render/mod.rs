//! The site as files: every page rendered with the theme into an in-memory `OutputTree`.
//! Guideline pages render in parallel; nothing here touches the disk.

pub mod archive;
mod archive_cache;
mod archive_pages;
mod changes_view;
mod feeds;
pub mod guideline_view;
mod incremental;
pub mod markdown;
mod news;
pub mod offline;
mod pathway_view;
pub mod theme;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use search_index::static_index::StaticFiles;

use crate::model::Guideline;
use crate::site::Site;
use crate::status;

pub use archive::Archive;
pub use incremental::{PageRenderer, RenderedFile, guideline_paths};
pub use theme::Theme;

/// Where the static search index lives in the site.
pub const SEARCH_DIR: &str = "search";

/// Path (relative to the output folder, `/`-separated) → bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OutputTree {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl OutputTree {
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn pages(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub drafts: bool,
    pub today: Date,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot render {page}: {message}")]
pub struct RenderError {
    pub page: String,
    pub message: String,
}

/// What every page's template gets.
#[derive(Serialize)]
struct Common<'a> {
    site: SiteView<'a>,
    t: &'a serde_json::Value,
    assets: &'a Assets,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    language: &'a str,
    root: String,
    base_url: &'a str,
}

/// Content-hashed asset URLs.
#[derive(Serialize)]
struct Assets {
    css: String,
    js: String,
    search_js: String,
    favicon: String,
    /// The static search index's meta file, when the site has one.
    search_meta: Option<String>,
    /// The installable app's files: published builds only, never the preview.
    app: Option<offline::AppUrls>,
    /// The site paths of the files above (the offline lists name them).
    #[serde(skip)]
    files: Vec<String>,
}

/// The static search index's files as a build writes them under [`SEARCH_DIR`]: the meta
/// file's name, and every file's name (the meta file's too) with its size.
#[derive(Debug, Clone, Default)]
pub struct SearchListing {
    pub meta: String,
    pub files: Vec<(String, usize)>,
}

impl SearchListing {
    pub fn of(files: &StaticFiles) -> Self {
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

/// One line per guideline in lists (home, group pages, revision overview, search).
#[derive(Serialize, Clone)]
pub struct Summary {
    pub url: String,
    pub title: String,
    pub group: String,
    pub group_name: String,
    /// Every group whose page lists it: its home group, then its further `groups`.
    pub groups: Vec<String>,
    pub version: String,
    pub draft: bool,
    pub revision: guideline_view::RevisionView,
}

#[derive(Serialize)]
struct GroupView {
    code: String,
    name: String,
    url: String,
    /// The guidelines whose home is this group.
    guidelines: Vec<Summary>,
    /// Guidelines of other groups that also serve this one (their `groups`): on the group's
    /// page, not again on the home page.
    shared: Vec<Summary>,
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
pub fn render_site_with(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<StaticFiles>,
    archive: &Archive,
) -> Result<OutputTree, RenderError> {
    let listing = search.as_ref().map(SearchListing::of);
    let search_files = search.map(|s| s.files).unwrap_or_default();
    let (mut out, pages) = render_with(
        site,
        theme,
        options,
        listing.as_ref(),
        archive,
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
/// while it renders them, and never holds them all. `search` lists the static search
/// index's files, which the caller writes under [`SEARCH_DIR`]; `archive`'s earlier
/// versions are rendered as pages too. Returns the other files and the number of guideline
/// pages (the archived ones among them).
pub fn render_site_streaming(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<&SearchListing>,
    archive: &Archive,
    page: impl Fn(String, Vec<u8>) -> Result<(), RenderError> + Sync,
) -> Result<(OutputTree, usize), RenderError> {
    let (out, pages) = render_with(site, theme, options, search, archive, page)?;
    Ok((out, pages.len()))
}

/// Renders the site; each guideline page goes through `page`, and what it returns is
/// collected beside the tree of the other files.
fn render_with<T: Send>(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    search: Option<&SearchListing>,
    archive: &Archive,
    page: impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync,
) -> Result<(OutputTree, Vec<T>), RenderError> {
    let root = site.config.root_path();
    let mut out = OutputTree::default();
    let mut assets = write_assets(theme, &root, &mut out);
    assets.search_meta = search.map(|s| format!("{root}{SEARCH_DIR}/{}", s.meta));
    // The installable app: for published builds, never for the preview's drafts.
    let icons = if options.drafts {
        None
    } else {
        let icons =
            offline::Icons::of(&theme.favicon).map_err(|err| render_error("app icons", &err))?;
        assets.app = Some(icons.urls(&root));
        Some(icons)
    };
    let base = base_context(site, theme, &root, &assets)?;
    let guidelines: Vec<&Guideline> = site.published(options.drafts).collect();
    // Each page's size, for the offline lists, beside what `page` makes of it.
    let page = |path: String, html: Vec<u8>| {
        let size = html.len();
        page(path.clone(), html).map(|made| (made, path, size))
    };

    // The site-wide pages render beside the guideline pages: one of them, the list of every
    // recommendation, is a long serial render that would otherwise leave a core idle.
    let (pages, site_wide) = rayon::join(
        || {
            let mut pages =
                guideline_pages(site, theme, options, &guidelines, &base, archive, &page)?;
            pages.extend(archive_pages::render_all(
                site,
                theme,
                options,
                &guidelines,
                &base,
                archive,
                &page,
            )?);
            Ok(pages)
        },
        || {
            let site_wide = site_wide_pages(site, theme, options, &guidelines, &base, archive);
            let pngs = icons.as_ref().map(offline::Icons::render).transpose();
            (site_wide, pngs)
        },
    );
    let pages: Vec<(T, String, usize)> = pages?;
    let (site_wide, pngs) = site_wide;
    let site_wide = site_wide?;
    let pngs = pngs.map_err(|err| render_error("app icons", &err))?;
    out.files.extend(pngs.into_iter().flatten());
    // A site-wide file (an alias's redirect) at a guideline page's path wins, as it always has.
    out.files.extend(site_wide.files);
    if let Some(icons) = &icons {
        let sizes: HashMap<String, usize> = pages
            .iter()
            .filter_map(|(_, path, size)| {
                Some((path.strip_suffix("index.html")?.to_owned(), *size))
            })
            .collect();
        let asset_sizes = assets
            .files
            .iter()
            .map(|path| (path.clone(), out.get(path).map_or(0, <[u8]>::len)))
            .collect();
        let search_files = search
            .map(|s| offline::search_paths(s.files.iter().cloned()))
            .unwrap_or_default();
        let input = offline::AppInput {
            site,
            theme,
            guidelines: &guidelines,
            today: options.today,
            icons,
            assets: asset_sizes,
            search: &search_files,
            pages: &sizes,
        };
        offline::write(&input, &mut out).map_err(|err| render_error("offline lists", &err))?;
    }
    // The figures of earlier versions that differ from today's, in their versions' folders.
    for guideline in &guidelines {
        out.files.extend(archive.files_of(guideline));
    }
    Ok((out, pages.into_iter().map(|(made, _, _)| made).collect()))
}

/// A current page's "Tidligere versioner" and "Hvad er ændret", from `archive`. Without
/// history the context stays as it was: no list, no cost.
fn insert_history(
    context: &mut tera::Context,
    theme: &Theme,
    root: &str,
    guideline: &Guideline,
    archive: &Archive,
) {
    if archive.is_empty() {
        return;
    }
    let past = archive.versions_of(guideline);
    context.insert(
        "past_versions",
        &archive::links(theme, root, guideline, &past),
    );
    // Against the previous approved version: the one this page replaced.
    let changes = archive.pairs_of(guideline).pop().map(|pair| {
        let version = &pair.old.record.version;
        changes_view::build(
            theme,
            pair.changes,
            format!("{root}{}", archive::version_path(guideline, version)),
            format!("{root}{}", archive::changes_path(guideline, version)),
        )
    });
    context.insert("changes", &changes);
}

/// Every guideline's page, on every core, each handed to `page` with its path.
fn guideline_pages<T: Send>(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    guidelines: &[&Guideline],
    base: &tera::Context,
    archive: &Archive,
    page: &(impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync),
) -> Result<Vec<T>, RenderError> {
    let root = site.config.root_path();
    guidelines
        .par_iter()
        // One context per rayon job, each page's view put in place of the last page's: a
        // copy of the base context (the UI strings, the asset URLs) per page cost a third as
        // much as the page's own view to make and to drop.
        .map_init(
            || base.clone(),
            |context, guideline| {
                let view = guideline_view::build(site, guideline, theme, options.today);
                context.insert("g", &view);
                insert_history(context, theme, &root, guideline, archive);
                let capacity = 2 * guideline.source.text.len() + 16 * 1024;
                let html = render_sized(theme, "guideline.html", context, capacity)?;
                let mdt = render(theme, "mdt.html", context)?;
                Ok(vec![
                    page(format!("{}index.html", guideline.path()), html)?,
                    page(mdt_path(guideline), mdt)?,
                ])
            },
        )
        .collect::<Result<Vec<Vec<T>>, RenderError>>()
        .map(|pages| pages.into_iter().flatten().collect())
}

/// Where a guideline's MDT view lives: inside its page's folder, so no slug can take it.
pub fn mdt_path(guideline: &Guideline) -> String {
    format!("{}mdt/index.html", guideline.path())
}

/// The pages and files about the whole site: home, groups, news, revision overview,
/// strength scales, 404, search, aliases' redirects, sitemap, feeds and API.
fn site_wide_pages(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    guidelines: &[&Guideline],
    base: &tera::Context,
    archive: &Archive,
) -> Result<OutputTree, RenderError> {
    let root = &site.config.root_path();
    let mut out = OutputTree::default();
    let summaries: Vec<Summary> = guidelines
        .iter()
        .map(|g| summary(site, theme, g, options.today))
        .collect();
    let groups = group_views(site, &summaries, root);

    let mut context = base.clone();
    context.insert("groups", &groups);
    out.insert("index.html", render(theme, "home.html", &context)?);
    for group in &groups {
        let mut context = base.clone();
        context.insert("group", group);
        out.insert(
            format!("{}/index.html", group.code),
            render(theme, "group.html", &context)?,
        );
    }

    out.insert(
        "nyt/index.html",
        news_page(site, theme, guidelines, base, archive)?,
    );
    for code in site.config.groups.keys() {
        let (path, feed) = news::group_feed(site, theme, code, guidelines, archive);
        out.insert(path, feed);
    }
    for guideline in guidelines {
        let (path, feed) = news::guideline_feed(site, theme, guideline, archive);
        out.insert(path, feed);
    }

    let mut by_date: Vec<&Summary> = summaries.iter().collect();
    by_date.sort_by(|a, b| a.revision.planned_iso.cmp(&b.revision.planned_iso));
    let mut context = base.clone();
    context.insert("guidelines", &by_date);
    out.insert(
        "revision/index.html",
        render(theme, "revision.html", &context)?,
    );

    out.insert("styrke/index.html", render(theme, "strength.html", base)?);
    let mut context = base.clone();
    context.insert("format_html", &format_guide_html());
    out.insert(
        "forfattere/index.html",
        render(theme, "authors.html", &context)?,
    );
    out.insert("404.html", render(theme, "404.html", base)?);

    out.insert("soeg/index.html", render(theme, "search.html", base)?);
    let mut context = base.clone();
    let entries = search_entries(site, guidelines, root, theme.text("recommendation"));
    context.insert("entries", &entries);
    out.insert(
        "soeg/alle/index.html",
        render(theme, "search-all.html", &context)?,
    );

    for (path, html) in pathway_view::pages(site, theme, base, guidelines, root)? {
        out.insert(path, html);
    }

    for guideline in guidelines {
        // `check` refuses an alias that is not a safe folder; the preview renders despite
        // errors, so an unsafe one is skipped here rather than written.
        for alias in &guideline.meta.aliases {
            let Ok(path) = crate::site_path::alias_folder(alias.get_ref()) else {
                continue;
            };
            let mut context = base.clone();
            context.insert("target", &format!("{root}{}", guideline.path()));
            context.insert(
                "canonical",
                &format!("{}/{}", site.config.base_url_trimmed(), guideline.path()),
            );
            context.insert("title", guideline.title());
            out.insert(
                format!("{path}/index.html"),
                render(theme, "redirect.html", &context)?,
            );
        }
    }

    for guideline in guidelines {
        for (path, asset) in crate::assets::published(&site.assets, guideline) {
            out.insert(path, asset.bytes.to_vec());
        }
    }

    feeds::write(site, guidelines, options.today, &mut out)
        .map_err(|err| render_error("api/guidelines.json", &err))?;
    Ok(out)
}

/// The "Nyt" page: new and revised guidelines by month.
fn news_page(
    site: &Site,
    theme: &Theme,
    guidelines: &[&Guideline],
    base: &tera::Context,
    archive: &Archive,
) -> Result<Vec<u8>, RenderError> {
    let mut context = base.clone();
    context.insert("months", &news::months(site, theme, guidelines, archive));
    render(theme, "news.html", &context)
}

/// The format guide for authors (`docs/format.md`, built into the binary) as HTML for the
/// authors' page. Its links to other files of the repository are not pages of the site, so
/// they become their text.
fn format_guide_html() -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let guide = include_str!("../../docs/format.md");
    let mut in_file_link = false;
    let events = pulldown_cmark::Parser::new_ext(guide, crate::parse::markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if dest_url.ends_with(".md") => {
                in_file_link = true;
                None
            }
            Event::End(TagEnd::Link) if in_file_link => {
                in_file_link = false;
                None
            }
            // The guide's own headings sit below the page's title.
            Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
                level: lower(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
            event => Some(event),
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    // Wide tables scroll in their own box, as in a guideline, each with a name of its own.
    let mut out = String::with_capacity(html.len() + 512);
    for (i, part) in html.split("<table>").enumerate() {
        if i > 0 {
            let _ = write!(
                out,
                "<section class=\"table-wrap\" tabindex=\"0\" aria-label=\"Table {i}\"><table>"
            );
        }
        out.push_str(part);
    }
    out.replace("</table>", "</table></section>")
}

fn lower(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H3,
        H3 => H4,
        _ => H5,
    }
}

/// What every page's template gets: the site, the UI strings and the asset URLs.
fn base_context(
    site: &Site,
    theme: &Theme,
    root: &str,
    assets: &Assets,
) -> Result<tera::Context, RenderError> {
    let common = Common {
        site: SiteView {
            title: &site.config.title,
            language: &site.config.language,
            root: root.to_owned(),
            base_url: site.config.base_url_trimmed(),
        },
        t: &theme.strings,
        assets,
    };
    tera::Context::from_serialize(&common).map_err(|err| render_error("context", &err))
}

/// Every configured group with the summaries of its guidelines (home and group pages).
fn group_views(site: &Site, summaries: &[Summary], root: &str) -> Vec<GroupView> {
    site.config
        .groups
        .iter()
        .map(|(code, name)| GroupView {
            code: code.clone(),
            name: name.clone(),
            url: format!("{root}{code}/"),
            guidelines: summaries
                .iter()
                .filter(|s| &s.group == code)
                .cloned()
                .collect(),
            shared: summaries
                .iter()
                .filter(|s| &s.group != code && s.groups.contains(code))
                .cloned()
                .collect(),
        })
        .collect()
}

/// Renders `template` to the bytes of its file. Straight into bytes, not through tera's
/// `String`: that checks the whole page is UTF-8 again (tera writes only UTF-8), and every
/// file ends up as bytes anyway.
fn render(theme: &Theme, template: &str, context: &tera::Context) -> Result<Vec<u8>, RenderError> {
    render_sized(theme, template, context, 16 * 1024)
}

/// [`render`] into a buffer with room for `capacity` bytes: a guideline page is about twice
/// as long as its file, and a buffer grown from small was copied half a dozen times.
fn render_sized(
    theme: &Theme,
    template: &str,
    context: &tera::Context,
    capacity: usize,
) -> Result<Vec<u8>, RenderError> {
    let mut bytes = Vec::with_capacity(capacity);
    theme
        .tera
        .render_to(template, context, &mut bytes)
        .map_err(|err| render_error(template, &err))?;
    Ok(bytes)
}

fn render_error(page: &str, err: &dyn std::error::Error) -> RenderError {
    RenderError {
        page: page.to_owned(),
        message: theme::error_chain(err),
    }
}

fn write_assets(theme: &Theme, root: &str, out: &mut OutputTree) -> Assets {
    let mut files = Vec::new();
    let mut hashed = |name: &str, ext: &str, body: &str| {
        let hash = blake3::hash(body.as_bytes()).to_hex();
        let path = format!("assets/{name}.{}.{ext}", &hash.as_str()[..10]);
        out.insert(path.clone(), body.as_bytes().to_vec());
        files.push(path.clone());
        format!("{root}{path}")
    };
    Assets {
        css: hashed("retning", "css", &theme.css),
        js: hashed("retning", "js", &theme.js),
        search_js: hashed("search", "js", &theme.search_js),
        favicon: hashed("favicon", "svg", &theme.favicon),
        search_meta: None,
        app: None,
        files,
    }
}

pub fn summary(site: &Site, theme: &Theme, guideline: &Guideline, today: Date) -> Summary {
    Summary {
        url: format!("{}{}", site.config.root_path(), guideline.path()),
        title: guideline.title().to_owned(),
        group: guideline.group.clone(),
        group_name: site.group_name(&guideline.group).to_owned(),
        groups: guideline.all_groups().map(str::to_owned).collect(),
        version: guideline.meta.version.get_ref().clone(),
        draft: guideline.status() == crate::model::Status::Draft,
        revision: guideline_view::revision_view(
            theme,
            status::guideline_revision(guideline, &site.config, today),
        ),
    }
}

#[derive(Serialize)]
struct SearchEntry {
    title: String,
    url: String,
    group_name: String,
    /// The list items (`<li>`) of the guideline's recommendations, made here rather than in
    /// a template loop: the page lists every recommendation of the site (25,000 at 1,000
    /// guidelines), and each `{{ }}` in a tera loop costs thousands of instructions.
    recommendations_html: String,
}

/// The search page without JavaScript lists every recommendation, to find with the browser.
/// `recommendation` is the theme's word for one ("Anbefaling").
fn search_entries(
    site: &Site,
    guidelines: &[&Guideline],
    root: &str,
    recommendation: &str,
) -> Vec<SearchEntry> {
    let label = markdown::escape(recommendation);
    // Every recommendation's plain text: on every core.
    guidelines
        .par_iter()
        .filter(|g| !g.recommendations.is_empty())
        .map(|g| {
            let page = format!("{root}{}", g.path());
            let mut items = String::new();
            for r in &g.recommendations {
                let strength = r.strength.map(|s| s.label()).unwrap_or_default();
                // Writing to a String cannot fail.
                let _ = write!(
                    items,
                    r#"<li><a href="{}">{label} {}</a>"#,
                    markdown::escape(&format!("{page}#{}", r.anchor())),
                    r.id,
                );
                if !strength.is_empty() {
                    let _ = write!(items, " ({})", markdown::escape(&strength));
                }
                let _ = write!(
                    items,
                    ": {}</li>",
                    markdown::escape(&r.content.plain_text())
                );
            }
            SearchEntry {
                title: g.title().to_owned(),
                url: page,
                group_name: site.group_name(&g.group).to_owned(),
                recommendations_html: items,
            }
        })
        .collect()
}
