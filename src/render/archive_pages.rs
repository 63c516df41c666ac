//! The pages of the earlier versions: each version's own page, with the guideline template
//! and a banner saying what replaced it, and the page of what changed when it was replaced.
//! Both are for the record (`noindex`, in neither the search nor the sitemap). A build keeps
//! them between builds (`archive_cache`): only a pair whose inputs changed renders again.

use rayon::prelude::*;

use crate::model::Guideline;

use super::archive::{self, VersionPair};
use super::inputs::RenderInputs;
use super::{RenderError, changes_view, guideline_view, render, render_sized};

/// Every earlier version's two pages (of `inputs.guidelines`), each handed to `page` with its
/// path.
pub(super) fn render_all<T: Send>(
    inputs: &RenderInputs,
    page: &(impl Fn(String, Vec<u8>) -> Result<T, RenderError> + Sync),
) -> Result<Vec<T>, RenderError> {
    let (site, theme, base, archive) = (inputs.site, inputs.theme, inputs.base, inputs.archive);
    let pairs: Vec<(&Guideline, VersionPair)> = inputs
        .guidelines
        .iter()
        .flat_map(|&guideline| {
            archive
                .pairs_of(guideline)
                .into_iter()
                .map(move |pair| (guideline, pair))
        })
        .collect();
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let cache = archive.page_cache();
    let site_key = cache.map(|cache| cache.site_key(site, theme, inputs.options, base));
    // With the cache, the pages render from its base context: a placeholder stands for the
    // search meta file's URL, which changes with every index (`archive_cache`).
    let inputs = RenderInputs {
        base: site_key.as_ref().map_or(base, |key| &key.base),
        ..*inputs
    };
    let pages: Vec<[T; 2]> = pairs
        .par_iter()
        .map(|(current, pair)| {
            let version = &pair.old.record.version;
            let [archived, changes] = match (cache, &site_key) {
                (Some(cache), Some(site_key)) => {
                    let key = site_key.of_pair(site, current, pair);
                    let pages = match cache.get(&key) {
                        Some(kept) => [kept.archived, kept.changes],
                        None => {
                            let pages = render_pair(&inputs, current, pair)?;
                            cache.put(&key, &pages[0], &pages[1]);
                            pages
                        }
                    };
                    pages.map(|html| site_key.finish(html))
                }
                _ => render_pair(&inputs, current, pair)?,
            };
            let archived_path = archive::version_path(current, version);
            let changes_path = archive::changes_path(current, version);
            Ok([
                page(format!("{archived_path}index.html"), archived)?,
                page(format!("{changes_path}index.html"), changes)?,
            ])
        })
        .collect::<Result<_, RenderError>>()?;
    Ok(pages.into_iter().flatten().collect())
}

/// The page of `pair`'s old version and the page of what changed when it was replaced:
/// the one place an earlier version's text is parsed in a build, and only when its pages
/// are not kept.
fn render_pair(
    inputs: &RenderInputs,
    current: &Guideline,
    pair: &VersionPair,
) -> Result<[Vec<u8>; 2], RenderError> {
    let RenderInputs {
        site,
        theme,
        options,
        base,
        archive: versions,
        ..
    } = *inputs;
    let root = site.config.root_path();
    let version = pair.old;
    let unreadable = |cause: String| {
        RenderError::page(
            &archive::version_path(current, &version.record.version),
            cause,
        )
    };
    let past = versions.parsed(version).map_err(unreadable)?;
    let changes = versions.pair_changes(current, pair).map_err(unreadable)?;
    let mut context = base.clone();
    let view = guideline_view::build_with(site, past, theme, options.today, Some(pair.assets));
    context.insert("g", &view);
    context.insert(
        "archived",
        &archive::archived_view(theme, &root, current, version),
    );
    let capacity = 2 * past.source.text.len() + 16 * 1024;
    let archived = render_sized(theme, "guideline.html", &context, capacity)?;

    let mut context = base.clone();
    context.insert("title", current.title());
    context.insert("group_url", &format!("{root}{}/", current.group));
    context.insert("group", &current.group);
    context.insert(
        "diff",
        &changes_view::page(theme, &root, current, pair, &changes),
    );
    let changes = render(theme, "changes.html", &context)?;
    Ok([archived, changes])
}
