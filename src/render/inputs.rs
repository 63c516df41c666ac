//! What one render of the site is made from, in one bundle: the page renderers take it by
//! reference rather than the same six arguments each.

use crate::model::Guideline;
use crate::site::Site;
use crate::summary::GuidelineSummary;

use super::{Archive, RenderOptions, Theme};

/// The site, the theme, the options, the guidelines to publish, the context every page
/// starts from, and the earlier versions (empty without history).
#[derive(Clone, Copy)]
pub(super) struct RenderInputs<'a> {
    pub(super) site: &'a Site,
    pub(super) theme: &'a Theme,
    pub(super) options: RenderOptions,
    /// The published guidelines (with the drafts in the preview).
    pub(super) guidelines: &'a [&'a Guideline],
    /// The summaries of the guidelines to publish, in the same order: every page that lists
    /// guidelines reads these, never another guideline's model.
    pub(super) summaries: &'a [GuidelineSummary],
    /// The context every page's template starts from (`context::base_context`).
    pub(super) base: &'a tera::Context,
    pub(super) archive: &'a Archive,
}
