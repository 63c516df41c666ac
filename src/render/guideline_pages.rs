//! Every guideline's own pages (its page and MDT view), rendered on every core, with the list
//! of its earlier versions when there is history.

use rayon::prelude::*;

use crate::model::Guideline;
use crate::summary::GuidelineSummary;

use super::context::{render, render_sized};
use super::inputs::RenderInputs;
use super::page_plan::guideline_files;
use super::{
    Archive, MadePage, RenderError, RenderedFile, Theme, archive, archive_pages, changes_view,
    guideline_view,
};

/// A current page's "Tidligere versioner" and "Hvad er ændret", from `archive`. Without
/// history the context stays as it was: no list, no cost. With it, every page sets both (a
/// page with no earlier version to none), as each replaces the last page's context.
pub(super) fn insert_history(
    context: &mut tera::Context,
    theme: &Theme,
    root: &str,
    guideline: &Guideline,
    archive: &Archive,
) {
    if !archive.has_history() {
        return;
    }
    let past = archive.versions_of(guideline);
    context.insert(
        "past_versions",
        &archive::links(theme, root, guideline, &past),
    );
    // Against the previous approved version: the one this page replaced.
    let changes = archive.pairs_of(guideline).pop().and_then(|pair| {
        let version = &pair.old.record.version;
        Some(changes_view::build(
            theme,
            pair.changes?,
            format!("{root}{}", archive::version_path(guideline, version)),
            format!("{root}{}", archive::changes_path(guideline, version)),
        ))
    });
    context.insert("changes", &changes);
}

/// Every guideline's page, on every core, each handed to `page` with its path.
pub(super) fn guideline_pages<T: Send>(
    inputs: &RenderInputs,
    page: &(impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync),
) -> Result<Vec<T>, RenderError> {
    inputs
        .guidelines
        .par_iter()
        // One context per rayon job, each page's view put in place of the last page's: a
        // copy of the base context (the UI strings, the asset URLs) per page cost a third as
        // much as the page's own view to make and to drop.
        .map_init(
            || inputs.base.clone(),
            |context, guideline| own_pages(inputs, context, guideline, page),
        )
        .collect::<Result<Vec<Vec<T>>, RenderError>>()
        .map(|pages| pages.into_iter().flatten().collect())
}

/// What the streamed render gets for each guideline: its model, to render its pages, or
/// the sizes of its pages when the caller put the last build's files in place instead.
pub(crate) enum Made {
    Model(Box<Guideline>),
    /// Its pages (path and size, for the offline lists), not rendered again.
    Reused(Vec<(String, usize)>),
    /// Its pages and its site-wide files, rendered and written already (as a reused
    /// guideline's, outside the tree: [`super::OwnPages`]).
    Rendered(super::OwnFiles),
}

/// The guidelines of a streamed render, by their place among the published summaries.
pub(crate) trait Models: Sync {
    /// The `i`th guideline's model, or its pages already in place.
    fn model(&self, i: usize) -> Result<Made, RenderError>;
    /// What the `i`th guideline's render made: its pages, then its site-wide files (path
    /// and size), so that a later build can reuse them.
    fn rendered(&self, i: usize, pages: Vec<(String, usize)>, files: Vec<(String, usize)>);
    /// The files of `set` as the last build made them, when nothing they are made from has
    /// changed since (and, for the icons, the site in place holds them): each file's path and
    /// size. `None`: they are made.
    fn last_made(&self, _set: FileSet) -> Option<Vec<(String, usize)>> {
        None
    }
    /// Puts those files of the site in place into the new site (for the pages about the whole
    /// site, but one a reused guideline's own files hold already: theirs win, as when made).
    fn reuse_made(&self, _set: FileSet, _files: &[(String, usize)]) -> Result<(), RenderError> {
        Ok(())
    }
    /// What this render made of `set`, for a later build to reuse.
    fn made(&self, _set: FileSet, _files: &[(String, usize)]) {}
    /// `guideline`'s earlier versions, for its pages: none without history.
    fn archive(&self, _guideline: &Guideline) -> Archive {
        Archive::default()
    }
}

/// A set of files a render makes as a whole, which a later build may take from the site in
/// place rather than make again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileSet {
    /// The pages about the whole site (the lists of guidelines, the fixed pages).
    SiteWide,
    /// The app icons.
    Icons,
}

/// The models of a streamed render.
pub(crate) type Model<'a> = dyn Models + 'a;

/// The pages of the guidelines of `inputs.summaries`, each made from a model `model` makes
/// when its turn comes and dropped once its pages are: the pages go to `page`; each
/// guideline's site-wide files (feed, API file, the files it uses, alias redirects) are
/// returned beside them. A guideline whose files `model` put in place is not rendered.
pub(super) fn streamed_guideline_pages<T: Send + Default>(
    inputs: &RenderInputs,
    model: &Model,
    page: &(impl Fn(String, Vec<u8>) -> Result<MadePage<T>, RenderError> + Sync),
) -> Result<(Vec<MadePage<T>>, Vec<RenderedFile>), RenderError> {
    let made: Vec<(Vec<MadePage<T>>, Vec<RenderedFile>)> = (0..inputs.summaries.len())
        .into_par_iter()
        .map_init(
            || inputs.base.clone(),
            |context, i| {
                let guideline = match model.model(i)? {
                    Made::Model(guideline) => guideline,
                    Made::Reused(pages) => return Ok((made_pages(pages), Vec::new())),
                    Made::Rendered((pages, files)) => {
                        model.rendered(i, pages.clone(), files);
                        return Ok((made_pages(pages), Vec::new()));
                    }
                };
                let archive = model.archive(&guideline);
                let inputs = &RenderInputs {
                    archive: &archive,
                    ..*inputs
                };
                let summary = &inputs.summaries[i];
                let (pages, files) = one_guideline(inputs, context, &guideline, summary, page)?;
                let sizes = pages.iter().map(|p| (p.path.clone(), p.size)).collect();
                let sizes_of_files = files
                    .iter()
                    .map(|(path, bytes)| (path.clone(), bytes.len()));
                model.rendered(i, sizes, sizes_of_files.collect());
                Ok((pages, files))
            },
        )
        .collect::<Result<_, RenderError>>()?;
    let mut pages = Vec::new();
    let mut files = Vec::new();
    for (own, site_wide) in made {
        pages.extend(own);
        files.extend(site_wide);
    }
    Ok((pages, files))
}

/// `guideline`'s pages, its earlier versions' among them (`inputs.archive` holds them, when
/// the build has history), each handed to `page`; and its site-wide files (its feed, API
/// file, files and alias redirects, and its earlier versions' files that differ from
/// today's), returned.
pub(super) fn one_guideline<T: Send>(
    inputs: &RenderInputs,
    context: &mut tera::Context,
    guideline: &Guideline,
    summary: &GuidelineSummary,
    page: &(impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync),
) -> Result<(Vec<T>, Vec<RenderedFile>), RenderError> {
    let mut pages = own_pages(inputs, context, guideline, page)?;
    let only = [guideline];
    let alone = RenderInputs {
        guidelines: &only,
        ..*inputs
    };
    pages.extend(archive_pages::render_all(&alone, page)?);
    let mut files = guideline_files(inputs, guideline, summary)?;
    files.extend(inputs.archive.files_of(guideline));
    Ok((pages, files))
}

/// Pages made before the render (path and size), as it counts them.
fn made_pages<T: Default>(pages: Vec<(String, usize)>) -> Vec<MadePage<T>> {
    let pages = pages.into_iter().map(|(path, size)| MadePage {
        made: T::default(),
        path,
        size,
    });
    pages.collect()
}

/// `guideline`'s page and MDT view, rendered with `context` (the base context, whose `g`
/// each page replaces).
pub(super) fn own_pages<T>(
    inputs: &RenderInputs,
    context: &mut tera::Context,
    guideline: &Guideline,
    page: &impl Fn(String, Vec<u8>) -> Result<T, RenderError>,
) -> Result<Vec<T>, RenderError> {
    let (site, theme) = (inputs.site, inputs.theme);
    let root = site.config.root_path();
    let view = guideline_view::build(site, guideline, theme, inputs.options.today);
    context.insert("g", &view);
    insert_history(context, theme, &root, guideline, inputs.archive);
    let capacity = 2 * guideline.source.text.len() + 16 * 1024;
    let html = render_sized(theme, "guideline.html", context, capacity)?;
    let mdt = render(theme, "mdt.html", context)?;
    Ok(vec![
        page(format!("{}index.html", guideline.path()), html)?,
        page(mdt_path(guideline), mdt)?,
    ])
}

/// Where a guideline's MDT view lives: inside its page's folder, so no slug can take it.
pub(crate) fn mdt_path(guideline: &Guideline) -> String {
    format!("{}mdt/index.html", guideline.path())
}
