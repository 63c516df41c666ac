//! The pages of the earlier versions: each version's own page, with the guideline template
//! and a banner saying what replaced it, and the page of what changed when it was replaced.
//! Both are for the record (`noindex`, in neither the search nor the sitemap).

use rayon::prelude::*;

use crate::model::Guideline;
use crate::site::Site;

use super::archive::{self, Archive, VersionPair};
use super::theme::Theme;
use super::{RenderError, RenderOptions, changes_view, guideline_view, render, render_sized};

/// Every earlier version's two pages, each handed to `page` with its path.
pub fn render_all<T: Send>(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    guidelines: &[&Guideline],
    base: &tera::Context,
    archive: &Archive,
    page: &(impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync),
) -> Result<Vec<T>, RenderError> {
    let root = site.config.root_path();
    let pairs: Vec<(&Guideline, VersionPair)> = guidelines
        .iter()
        .flat_map(|&guideline| {
            archive
                .pairs_of(guideline)
                .into_iter()
                .map(move |pair| (guideline, pair))
        })
        .collect();
    let pages: Vec<[T; 2]> = pairs
        .par_iter()
        .map(|(current, pair)| {
            let version = pair.old;
            let past = &version.guideline;
            let mut context = base.clone();
            let view =
                guideline_view::build_with(site, past, theme, options.today, Some(pair.assets));
            context.insert("g", &view);
            context.insert("archived", &archive::archived_view(theme, &root, version));
            let capacity = 2 * past.source.text.len() + 16 * 1024;
            let html = render_sized(theme, "guideline.html", &context, capacity)?;
            let path = archive::version_path(past, &version.record.version);
            let archived = page(format!("{path}index.html"), html)?;

            let mut context = base.clone();
            context.insert("title", current.title());
            context.insert("group_url", &format!("{root}{}/", current.group));
            context.insert("group", &current.group);
            context.insert("diff", &changes_view::page(theme, &root, current, pair));
            let html = render(theme, "changes.html", &context)?;
            let path = archive::changes_path(current, &version.record.version);
            let changes = page(format!("{path}index.html"), html)?;
            Ok([archived, changes])
        })
        .collect::<Result<_, RenderError>>()?;
    Ok(pages.into_iter().flatten().collect())
}
