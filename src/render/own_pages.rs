//! One guideline's pages rendered on their own, as soon as it is parsed, with the context a
//! build's render gives them: a streamed build renders each guideline it parses in its first
//! pass, and so never parses it again to render it. A guideline's pages read its own model,
//! the configuration, the assets, the theme, the settings and the search meta file's name
//! (fixed), never another guideline.

use std::sync::{Mutex, PoisonError};

use crate::model::Guideline;
use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::guideline_pages::one_guideline;
use super::inputs::RenderInputs;
use super::{Archive, OutputTree, RenderError, RenderOptions, Theme, base_context, page_assets};

/// What rendering a guideline on its own made, each file written as it was made: its pages
/// and its site-wide files (feed, API file, its files, alias redirects), by path and size.
pub(crate) type OwnFiles = (Vec<(String, usize)>, Vec<(String, usize)>);

/// Renders single guidelines' pages exactly as [`super::render_site_from_summaries`] does.
pub(crate) struct OwnPages<'a> {
    site: &'a Site,
    theme: &'a Theme,
    options: RenderOptions,
    base: tera::Context,
    /// Contexts made from `base` and free to use again: each page's view replaces the last
    /// one's, as the render's jobs do, rather than a copy of `base` for each.
    contexts: Mutex<Vec<tera::Context>>,
}

impl<'a> OwnPages<'a> {
    /// `search_meta` is the name of the search meta file every page links.
    pub(crate) fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        search_meta: &str,
    ) -> Result<Self, RenderError> {
        let root = site.config.root_path();
        // The asset files are written with the rest of the site; only their URLs are needed.
        let mut scratch = OutputTree::default();
        let (assets, _) = page_assets(theme, &root, options, Some(search_meta), &mut scratch)?;
        let base = base_context(site, theme, &root, &assets)?;
        Ok(Self {
            site,
            theme,
            options,
            base,
            contexts: Mutex::new(Vec::new()),
        })
    }

    /// `guideline`'s page and MDT view (and, with `archive`'s earlier versions, theirs),
    /// each handed to `page` as it is rendered, then its site-wide files, each to `file`;
    /// `summary` is its summary.
    pub(crate) fn render(
        &self,
        guideline: &Guideline,
        summary: &GuidelineSummary,
        archive: &Archive,
        page: impl Fn(&str, &[u8]) -> Result<(), RenderError> + Sync,
        file: impl Fn(&str, &[u8]) -> Result<(), RenderError>,
    ) -> Result<OwnFiles, RenderError> {
        let inputs = RenderInputs {
            site: self.site,
            theme: self.theme,
            options: self.options,
            guidelines: &[],
            summaries: &[],
            base: &self.base,
            archive,
        };
        let taken = self.pool().pop();
        let mut context = taken.unwrap_or_else(|| self.base.clone());
        let made = one_guideline(&inputs, &mut context, guideline, summary, &|path, html| {
            page(&path, &html)?;
            Ok((path, html.len()))
        });
        self.pool().push(context);
        let (pages, files) = made?;
        let files = files.into_iter().map(|(path, bytes)| {
            file(&path, &bytes)?;
            Ok((path, bytes.len()))
        });
        Ok((pages, files.collect::<Result<_, RenderError>>()?))
    }

    fn pool(&self) -> std::sync::MutexGuard<'_, Vec<tera::Context>> {
        self.contexts.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
