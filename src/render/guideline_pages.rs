//! Every guideline's own pages (its page and MDT view), rendered on every core, with the list
//! of its earlier versions when there is history.

use rayon::prelude::*;

use crate::model::Guideline;

use super::context::{render, render_sized};
use super::inputs::RenderInputs;
use super::{Archive, RenderError, Theme, archive, changes_view, guideline_view};

/// A current page's "Tidligere versioner" and "Hvad er ændret", from `archive`. Without
/// history the context stays as it was: no list, no cost.
pub(super) fn insert_history(
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
    let (site, theme, archive) = (inputs.site, inputs.theme, inputs.archive);
    let today = inputs.options.today;
    let root = site.config.root_path();
    inputs
        .guidelines
        .par_iter()
        // One context per rayon job, each page's view put in place of the last page's: a
        // copy of the base context (the UI strings, the asset URLs) per page cost a third as
        // much as the page's own view to make and to drop.
        .map_init(
            || inputs.base.clone(),
            |context, guideline| {
                let view = guideline_view::build(site, guideline, theme, today);
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
pub(crate) fn mdt_path(guideline: &Guideline) -> String {
    format!("{}mdt/index.html", guideline.path())
}
