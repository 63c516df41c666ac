//! The preview server's fast path: one guideline's pages, and the pages that list guidelines,
//! rendered exactly as [`render_site`](super::render_site) renders them: both render the
//! site-wide pages from the one [`PagePlan`]. A test below holds the two together.

use std::collections::BTreeSet;

use rayon::prelude::*;
use search_index::static_index::StaticFiles;

use crate::model::Guideline;
use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::inputs::RenderInputs;
use super::page_plan::{PagePlan, guideline_files};
use super::summaries::search_entries;
use super::{
    Archive, OutputTree, RenderError, RenderOptions, SEARCH_DIR, Theme, api, archive_pages,
    base_context, guideline_view, insert_history, mdt_path, news, render, summary, write_assets,
};

/// Renders single pages of one site with one theme. Cheap to make: it hashes the theme's
/// assets and builds the context every page shares.
pub(crate) struct PageRenderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    options: RenderOptions,
    root: String,
    base: tera::Context,
    /// The earlier versions (empty without history).
    archive: Option<&'a Archive>,
}

/// A rendered file: its path in the output tree and its bytes.
pub(crate) type RenderedFile = (String, Vec<u8>);

impl<'a> PageRenderer<'a> {
    /// `search` must be what `render_site` got, since every page links the search meta file.
    pub(crate) fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        search: Option<&StaticFiles>,
    ) -> Result<Self, RenderError> {
        let root = site.config.root_path();
        // The asset files themselves do not change with a guideline; only their URLs are needed.
        let mut scratch = OutputTree::default();
        let mut assets = write_assets(theme, &root, &mut scratch);
        if let Some(search) = search {
            assets.search_meta = Some(format!("{root}{SEARCH_DIR}/{}", search.meta));
        }
        let base = base_context(site, theme, &root, &assets)?;
        Ok(Self {
            site,
            theme,
            options,
            root,
            base,
            archive: None,
        })
    }

    /// What a full render of `guidelines` would start from.
    fn inputs<'i>(
        &'i self,
        guidelines: &'i [&'i Guideline],
        summaries: &'i [GuidelineSummary],
        archive: &'i Archive,
    ) -> RenderInputs<'i> {
        RenderInputs {
            site: self.site,
            theme: self.theme,
            options: self.options,
            guidelines,
            summaries,
            base: &self.base,
            archive,
        }
    }

    /// Renders with `archive`'s earlier versions, as [`render_site_with`](super::render_site_with).
    #[must_use]
    pub(crate) fn with_archive(mut self, archive: &'a Archive) -> Self {
        self.archive = Some(archive);
        self
    }

    /// A guideline's page, its MDT view, its feed, its files and the redirect pages of its
    /// aliases.
    pub(crate) fn guideline(
        &self,
        guideline: &Guideline,
    ) -> Result<Vec<RenderedFile>, RenderError> {
        let (site, theme, root) = (self.site, self.theme, &self.root);
        let view = guideline_view::build(site, guideline, theme, self.options.today);
        let mut context = self.base.clone();
        context.insert("g", &view);
        if let Some(archive) = self.archive {
            insert_history(&mut context, theme, root, guideline, archive);
        }
        let no_history = Archive::default();
        let archive = self.archive.unwrap_or(&no_history);
        let mut files = vec![
            (
                format!("{}index.html", guideline.path()),
                render(theme, "guideline.html", &context)?,
            ),
            (mdt_path(guideline), render(theme, "mdt.html", &context)?),
        ];
        let only = [guideline];
        let summary = [GuidelineSummary::of(guideline)];
        let inputs = self.inputs(&only, &summary, archive);
        files.extend(guideline_files(&inputs, guideline, &summary[0])?);
        // Its earlier versions' pages: the page of the last change compares with this text.
        if self.archive.is_some() {
            files.extend(archive_pages::render_all(&inputs, &|path, html| {
                Ok((path, html))
            })?);
            files.extend(archive.files_of(guideline));
        }
        Ok(files)
    }

    /// Every page that lists guidelines (`PagePlan::listings`): home, the revision
    /// overview, the search page, the pathway pages, `sitemap.xml`, the feeds, `/nyt/`,
    /// `api/guidelines.json`, and the pages of `groups` (group codes not in the configuration
    /// are skipped).
    #[cfg(test)]
    pub(crate) fn listings(
        &self,
        groups: &BTreeSet<String>,
    ) -> Result<Vec<RenderedFile>, RenderError> {
        Ok(self.listings_until(groups, &|| false)?.unwrap_or_default())
    }

    /// [`Self::listings`], given up (`None`) once `cancelled` says so: a page not yet begun
    /// then is not rendered.
    pub(crate) fn listings_until(
        &self,
        groups: &BTreeSet<String>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<Vec<RenderedFile>>, RenderError> {
        let guidelines: Vec<&Guideline> = self.site.published(self.options.drafts).collect();
        let summaries: Vec<GuidelineSummary> = guidelines
            .par_iter()
            .map(|g| GuidelineSummary::of(g))
            .collect();
        let no_history = Archive::default();
        let archive = self.archive.unwrap_or(&no_history);
        let plan = PagePlan::new(self.inputs(&guidelines, &summaries, archive));
        // Each page is a job of its own: on the preview's fast path they are most of the work.
        let files: Vec<Vec<RenderedFile>> = plan
            .listings(Some(groups))
            .par_iter()
            .map(|job| if cancelled() { Ok(Vec::new()) } else { job() })
            .collect::<Result<_, _>>()?;
        // Once cancelled, always cancelled: a page skipped means this answer.
        if cancelled() {
            return Ok(None);
        }
        Ok(Some(files.into_iter().flatten().collect()))
    }
}

impl PageRenderer<'_> {
    /// A hash of all that the listing pages show of `guideline`: its summary (home, group and
    /// revision pages), its line in the API (the feed and sitemap show a part of it) and its
    /// recommendations on the search page. An edit that leaves it the same (most edits of a
    /// guideline's text) leaves every listing page the same. `None` if it cannot be made.
    pub(crate) fn listing_fingerprint(&self, guideline: &Guideline) -> Option<blake3::Hash> {
        let (site, theme, root, today) = (self.site, self.theme, &self.root, self.options.today);
        let brief = GuidelineSummary::of(guideline);
        let listed = (
            summary(site, theme, &brief, today),
            api::api_guideline(site, guideline, root, today),
            search_entries(site, theme, std::slice::from_ref(&brief), root),
        );
        let mut hasher = blake3::Hasher::new();
        serde_json::to_writer(&mut hasher, &listed).ok()?;
        Some(hasher.finalize())
    }
}

/// The paths [`PageRenderer::guideline`] writes for `guideline`: its page, its feed, the
/// files of its folder it uses, and its aliases.
pub(crate) fn guideline_paths(
    assets: &crate::assets::Assets,
    guideline: &Guideline,
) -> Vec<String> {
    [
        format!("{}index.html", guideline.path()),
        mdt_path(guideline),
        news::feed_path(guideline),
        api::guideline_path(guideline),
    ]
    .into_iter()
    .chain(
        crate::assets::published(assets, guideline)
            .into_iter()
            .map(|(path, _)| path),
    )
    .chain(
        guideline
            .meta
            .aliases
            .iter()
            .filter_map(|alias| crate::site_path::alias_folder(alias.get_ref()).ok())
            .map(|folder| format!("{folder}/index.html")),
    )
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render_site;

    /// The bundled example site: real guidelines, several groups, drafts and an alias.
    fn example() -> (Site, Theme) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = Site::load(root)
            .unwrap_or_else(|finding| panic!("the example site loads: {finding:?}"))
            .site;
        let theme = Theme::load(root).unwrap();
        (site, theme)
    }

    #[test]
    fn single_pages_equal_the_full_render() {
        let (site, theme) = example();
        assert!(
            site.guidelines.len() >= 2,
            "the example site has guidelines"
        );
        let options = RenderOptions {
            drafts: true,
            today: jiff::civil::date(2026, 11, 24),
        };
        let full = render_site(&site, &theme, options, None).unwrap();
        let pages = PageRenderer::new(&site, &theme, options, None).unwrap();
        let mut covered = BTreeSet::new();
        for guideline in site.published(true) {
            let files = pages.guideline(guideline).unwrap();
            let paths: Vec<&String> = files.iter().map(|(path, _)| path).collect();
            assert_eq!(
                paths,
                guideline_paths(&site.assets, guideline)
                    .iter()
                    .collect::<Vec<_>>()
            );
            for (path, bytes) in files {
                assert!(full.get(&path) == Some(&bytes[..]), "{path} differs");
                covered.insert(path);
            }
        }
        let groups: BTreeSet<String> = site.config.groups.keys().cloned().collect();
        for (path, bytes) in pages.listings(&groups).unwrap() {
            assert!(full.get(&path) == Some(&bytes[..]), "{path} differs");
            covered.insert(path);
        }
        // Whatever else the full render writes does not depend on any guideline.
        let rest: Vec<&String> = full
            .files
            .keys()
            .filter(|path| !covered.contains(*path))
            .collect();
        let independent = |path: &str| {
            path.starts_with("assets/")
                || [
                    "404.html",
                    "styrke/index.html",
                    "forfattere/index.html",
                    "soeg/index.html",
                ]
                .contains(&path)
        };
        assert!(
            rest.iter().all(|path| independent(path)),
            "pages the fast path does not render: {rest:?}"
        );
    }

    /// Group keys and aliases are checked against `site_path::RESERVED`: it must name every
    /// top-level file and folder of the site's own pages.
    #[test]
    fn the_sites_own_pages_stay_under_reserved_names() {
        let (site, theme) = example();
        let options = RenderOptions {
            drafts: true,
            today: jiff::civil::date(2026, 11, 24),
        };
        let full = render_site(&site, &theme, options, None).unwrap();
        let aliases: BTreeSet<String> = site
            .guidelines
            .iter()
            .flat_map(|g| &g.meta.aliases)
            .filter_map(|alias| crate::site_path::alias_folder(alias.get_ref()).ok())
            .filter_map(|folder| folder.split('/').next().map(str::to_owned))
            .collect();
        for path in full.files.keys() {
            let top = path.split('/').next().unwrap_or(path);
            assert!(
                crate::site_path::RESERVED.contains(&top)
                    || site.config.groups.contains_key(top)
                    || aliases.contains(top),
                "{path} is written under a name site_path::RESERVED does not hold"
            );
        }
    }

    /// The example site with the guideline at `path` re-parsed from `text`.
    fn edited(path: &std::path::Path, text: String) -> Site {
        let (mut site, _) = example();
        let guidelines = std::mem::take(&mut site.guidelines)
            .into_iter()
            .map(|g| {
                if g.source.path != path {
                    return g;
                }
                let source = crate::source::SourceFile::new(
                    g.source.path.clone(),
                    g.source.display_path.clone(),
                    text.clone(),
                );
                crate::parse::parse_guideline(std::sync::Arc::new(source), &g.group, &g.slug)
                    .guideline
                    .expect("the edit parses")
            })
            .collect();
        Site::new(site.root.clone(), site.config.clone(), guidelines).with_assets(site.assets)
    }

    #[test]
    fn the_listing_fingerprint_changes_exactly_when_a_listing_page_does() {
        let (site, theme) = example();
        let options = RenderOptions {
            drafts: true,
            today: jiff::civil::date(2026, 11, 24),
        };
        let groups: BTreeSet<String> = site.config.groups.keys().cloned().collect();
        let listings = |site: &Site| {
            let pages = PageRenderer::new(site, &theme, options, None).unwrap();
            pages.listings(&groups).unwrap()
        };
        let fingerprint = |site: &Site, path: &std::path::Path| {
            let pages = PageRenderer::new(site, &theme, options, None).unwrap();
            let guideline = site
                .guidelines
                .iter()
                .find(|g| g.source.path == path)
                .unwrap();
            pages.listing_fingerprint(guideline).unwrap()
        };
        let guideline = site
            .guidelines
            .iter()
            .find(|g| {
                g.body.recommendations.len() >= 2 && g.source.text.contains("### Rationale\n\n")
            })
            .expect("an example guideline with recommendations and a rationale");
        let path = guideline.source.path.as_path();
        let text = guideline.source.text.as_str();
        assert!(fingerprint(&edited(path, text.to_owned()), path) == fingerprint(&site, path));
        let (before, listed) = (fingerprint(&site, path), listings(&site));

        // A sentence in a rationale: no listing page changes, nor the fingerprint.
        let rationale = edited(
            path,
            text.replacen("### Rationale\n\n", "### Rationale\n\nEn ny sætning. ", 1),
        );
        assert_eq!(fingerprint(&rationale, path), before);
        assert!(listings(&rationale) == listed);

        // A title, a recommendation's text, a planned revision: both change.
        // The line after a recommendation's `::: anbefaling` line is its text.
        let start = guideline.body.recommendations[0].header_span.end + 1;
        let recommendation = format!("{}Også dette. {}", &text[..start], &text[start..]);
        for changed in [
            text.replacen(guideline.title(), "En helt ny titel", 1),
            recommendation,
            text.replacen("planned = 20", "planned = 19", 1),
        ] {
            assert_ne!(changed, text);
            let site = edited(path, changed);
            assert_ne!(fingerprint(&site, path), before);
            assert!(listings(&site) != listed);
        }
    }

    #[test]
    fn listings_render_only_the_groups_asked_for() {
        let (site, theme) = example();
        let options = RenderOptions {
            drafts: true,
            today: jiff::civil::date(2026, 11, 24),
        };
        let pages = PageRenderer::new(&site, &theme, options, None).unwrap();
        let groups = BTreeSet::from(["dlg".to_owned(), "no-such-group".to_owned()]);
        let paths: Vec<String> = pages
            .listings(&groups)
            .unwrap()
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        assert!(paths.contains(&"dlg/index.html".to_owned()));
        assert!(!paths.contains(&"dbcg/index.html".to_owned()));
        assert!(paths.contains(&"index.html".to_owned()));
        assert!(paths.contains(&"api/guidelines.json".to_owned()));
    }
}
